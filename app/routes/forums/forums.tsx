import { Form, Link, useLoaderData, useNavigation } from 'react-router'
import { useTranslation } from 'react-i18next'
import { FormMessage } from '~/ui/form'
import { pageTitle } from '~/ui/meta'
import { useActionResult } from '~/ui/action-result'
import { useFormat } from '~/ui/use-format'
import { forumStateLabel } from '~/shared/vocabulary'
import type { Route } from './+types/forums'
import { createForumAction, loadForums } from './forums.server'
import { ForumFields } from './forum-fields'
import { formatText, langOf } from './labels'

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)

export function loader({ context, request }: Route.LoaderArgs) {
  return loadForums(context, request)
}

export function action({ context, request }: Route.ActionArgs) {
  return createForumAction(context, request)
}

/** Every forum, and a new one (its format presets phases, categories and a table per field). */
export default function Forums() {
  const page = useLoaderData<typeof loader>()
  const result = useActionResult('create')
  const busy = useNavigation().state === 'submitting'
  const { t } = useTranslation()
  const format = useFormat()
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">{t('forums:list.title')}</h1>
        <Link to="/foren/listen">{t('forums:nav.lists')}</Link>
      </div>
      <p className="max-w-3xl">{t('forums:list.intro')}</p>
      <p className="text-sm">{t('forums:list.participantStart', { path: '/mitmachen' })}</p>
      {page.forums.length === 0 ? (
        <p>{t('forums:list.none')}</p>
      ) : (
        <table className="table" data-testid="forum-list">
          <thead>
            <tr>
              <th scope="col">{t('forums:list.date')}</th>
              <th scope="col">{t('forums:list.title_col')}</th>
              <th scope="col">{t('forums:list.format')}</th>
              <th scope="col">{t('forums:list.state')}</th>
              <th scope="col">{t('forums:list.round')}</th>
              <th scope="col" className="text-end">
                {t('forums:list.cards')}
              </th>
            </tr>
          </thead>
          <tbody>
            {page.forums.map((forum) => (
              <tr key={forum.id}>
                <td>{format.date(forum.date)}</td>
                <td>
                  <Link to={`/foren/${forum.id}`} lang="de">
                    {forum.title}
                  </Link>
                </td>
                <td lang={langOf({ preset: forum.formatPreset })}>{formatText(t, { preset: forum.formatPreset, name: forum.formatName })}</td>
                <td>{t(forumStateLabel(forum.state))}</td>
                <td lang="de">{forum.roundName ?? '–'}</td>
                <td className="text-end">{format.number(forum.cards)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section aria-labelledby="create-title" className="card space-y-4">
        <h2 id="create-title" className="text-lg font-semibold">
          {t('forums:list.create')}
        </h2>
        <FormMessage error={result.errors.form} />
        <Form method="post" noValidate className="space-y-4">
          <ForumFields choices={page.choices} values={page.defaults} errors={result.errors} />
          <button type="submit" className="btn" disabled={busy}>
            {t('forums:form.create')}
          </button>
        </Form>
      </section>
    </div>
  )
}

export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
