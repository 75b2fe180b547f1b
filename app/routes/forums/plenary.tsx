import { useLoaderData } from 'react-router'
import { useTranslation } from 'react-i18next'
import { pageTitle } from '~/ui/meta'
import type { Route } from './+types/plenary'
import { loadPlenary } from './plenary.server'
import { categoryText, langOf, targetText } from './labels'
import { useRevalidateOnForumEvents } from './use-forum-events'

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)

export function loader({ context, request, params }: Route.LoaderArgs) {
  return loadPlenary(context, request, params.id, params.phase)
}

/** The projector view of a phase: all tables' cards by field and category, large and high-contrast, live. */
export default function Plenary() {
  const page = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  useRevalidateOnForumEvents(`/foren/${page.forum.id}/live`, ['cards'], 200)
  const total = page.groups.reduce((sum, g) => sum + g.categories.reduce((s, c) => s + c.cards.length, 0), 0)
  return (
    <div className="space-y-6 bg-white p-4 text-slate-950" data-testid="plenary" data-cards={total}>
      <h1 className="text-4xl font-bold">
        <span lang="de">{page.phase.title}</span>
      </h1>
      <p className="text-xl">
        <span lang="de">{page.forum.title}</span> · {t('forums:plenary.cards', { count: total })} · {t('forums:plenary.live')}
      </p>
      {page.groups.length === 0 ? <p className="text-2xl">{t('forums:plenary.none')}</p> : null}
      <div className="grid gap-6 xl:grid-cols-2">
        {page.groups.map((group) => (
          <section key={group.fieldNumber ?? 'concept'} aria-labelledby={`plenary-field-${group.fieldNumber ?? 0}`} className="rounded-lg border-2 border-slate-900 p-4">
            <h2 id={`plenary-field-${group.fieldNumber ?? 0}`} className="text-3xl font-bold">
              {group.fieldNumber === null ? (
                t('forums:plenary.concept')
              ) : (
                <>
                  {t('forums:plenary.field', { number: group.fieldNumber })}: <span lang="de">{group.fieldTitle}</span>
                </>
              )}
            </h2>
            {group.categories.map((category) => (
              <div key={category.categoryId} className="mt-4">
                <h3 className="text-2xl font-semibold" lang={langOf(category)}>
                  {categoryText(t, category)}
                </h3>
                <ul className="mt-2 space-y-3">
                  {category.cards.map((card) => (
                    <li key={card.id} className="rounded-md border-2 border-slate-700 bg-yellow-50 p-3 text-2xl" data-testid="plenary-card">
                      <p lang={card.language} dir="auto" className="whitespace-pre-line">
                        {card.text}
                      </p>
                      <p className="mt-1 text-lg text-slate-800">
                        {targetText(t, card)}
                        {card.tableNumber !== null ? ` · ${t('forums:plenary.table', { number: card.tableNumber })}` : ''}
                      </p>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </section>
        ))}
      </div>
    </div>
  )
}

export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
