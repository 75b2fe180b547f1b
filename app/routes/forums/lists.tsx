import { Form, Link, useLoaderData } from 'react-router'
import { useTranslation } from 'react-i18next'
import { FormMessage, TextField } from '~/ui/form'
import { pageTitle } from '~/ui/meta'
import { useActionResult } from '~/ui/action-result'
import type { Route } from './+types/lists'
import { listsAction, loadLists } from './lists.server'
import { formatText, langOf, targetGroupText } from './labels'

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)

export function loader({ context, request }: Route.LoaderArgs) {
  return loadLists(context, request)
}

export function action({ context, request }: Route.ActionArgs) {
  return listsAction(context, request)
}

/** The editable lists of formats and target groups: the presets of 2017 and the county's own. */
export default function Lists() {
  const page = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link to="/foren">{t('forums:nav.forums')}</Link>
      </p>
      <h1 className="text-2xl font-bold">{t('forums:lists.title')}</h1>
      <p className="max-w-3xl">{t('forums:lists.intro')}</p>
      <ListSection kind="format" title={t('forums:lists.formats')} entries={page.formats.map((f) => ({ ...f, text: formatText(t, f) }))} />
      <ListSection kind="targetGroup" title={t('forums:lists.targetGroups')} entries={page.targetGroups.map((g) => ({ ...g, text: targetGroupText(t, g) }))} />
    </div>
  )
}

function ListSection({ kind, title, entries }: { kind: 'format' | 'targetGroup'; title: string; entries: { id: number; preset: string | null; text: string; archived: boolean }[] }) {
  const { t } = useTranslation()
  const added = useActionResult(`add:${kind}`)
  const changed = useActionResult(`archive:${kind}`)
  return (
    <section aria-labelledby={`${kind}-title`} className="card space-y-3">
      <h2 id={`${kind}-title`} className="text-lg font-semibold">
        {title}
      </h2>
      <FormMessage error={changed.errors.form} success={changed.success} />
      <ul className="space-y-1">
        {entries.map((entry) => (
          <li key={entry.id} className="flex flex-wrap items-center gap-3">
            <span lang={langOf(entry)} className={entry.archived ? 'line-through' : ''}>
              {entry.text}
            </span>
            <span className="text-sm text-slate-700">
              ({entry.preset ? t('forums:lists.preset') : t('forums:lists.own')}
              {entry.archived ? `, ${t('forums:lists.archived')}` : ''})
            </span>
            <Form method="post" className="inline">
              <input type="hidden" name="intent" value="archive" />
              <input type="hidden" name="kind" value={kind} />
              <input type="hidden" name="target" value={entry.id} />
              <input type="hidden" name="archived" value={entry.archived ? 'false' : 'true'} />
              <button type="submit" className="btn-secondary" aria-label={`${entry.archived ? t('forums:lists.restore') : t('forums:lists.archive')}: ${entry.text}`}>
                {entry.archived ? t('forums:lists.restore') : t('forums:lists.archive')}
              </button>
            </Form>
          </li>
        ))}
      </ul>
      <Form method="post" className="flex flex-wrap items-end gap-2" key={added.success ?? 'add'}>
        <input type="hidden" name="intent" value="add" />
        <input type="hidden" name="kind" value={kind} />
        <TextField label={t('forums:lists.name')} name="name" error={added.errors.name ?? added.errors.form} lang="de" />
        <button type="submit" className="btn-secondary">
          {t('forums:lists.add')}
        </button>
      </Form>
      <FormMessage success={added.success} />
    </section>
  )
}

export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
