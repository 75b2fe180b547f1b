import { Form, Link, useLoaderData, useNavigation } from 'react-router'
import { useTranslation } from 'react-i18next'
import { FormMessage, SelectField, TextField } from '~/ui/form'
import { pageTitle } from '~/ui/meta'
import { useActionResult } from '~/ui/action-result'
import { LANGUAGES } from '~/shared/i18n/languages'
import { feedbackCategoryLabel, forumStateLabel, phaseStateLabel } from '~/shared/vocabulary'
import type { Route } from './+types/forum'
import { forumAction, loadForum } from './forum.server'
import { ForumFields } from './forum-fields'
import { ForumNav } from './forum-nav'
import { categoryText, langOf, targetGroupText } from './labels'
import { ForumDocumentLinks } from './document-links'

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)

export function loader({ context, request, params }: Route.LoaderArgs) {
  return loadForum(context, request, params.id)
}

export function action({ context, request, params }: Route.ActionArgs) {
  return forumAction(context, request, params.id)
}

type Data = Awaited<ReturnType<typeof loader>>

/** A forum: running it (input, phases, Rückmeldung), its phases and categories, its tables, its details. */
export default function ForumPage() {
  const page = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="space-y-6">
      <ForumNav forumId={page.forum.id} title={page.forum.title} />
      {page.created ? <FormMessage success={t('forums:list.created')} /> : null}
      <Run page={page} />
      <Phases page={page} />
      <Tables page={page} />
      <Details page={page} />
    </div>
  )
}

function Run({ page }: { page: Data }) {
  const { t } = useTranslation()
  const result = useActionResult(['open', 'close', 'publish', 'unpublish', 'forget'])
  const forum = page.forum
  return (
    <section aria-labelledby="run-title" className="card space-y-3">
      <h2 id="run-title" className="text-lg font-semibold">
        {t('forums:forum.run')}
      </h2>
      <FormMessage error={result.errors.form} success={result.success} />
      <p data-testid="forum-state" data-state={forum.state}>
        {t('forums:forum.state', { state: t(forumStateLabel(forum.state)) })} · {t('forums:forum.counts', { joined: page.counts.joined, cards: page.counts.cards })}
      </p>
      <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
        <dt className="font-medium">{t('forums:forum.code')}</dt>
        <dd>
          <span className="font-mono text-xl tracking-widest" data-testid="forum-code">
            {forum.codeShown}
          </span>
          <span className="block text-sm">{forum.codeMode === 'open' ? t('forums:forum.codeHintOpen') : t('forums:forum.codeHintPersonal')}</span>
        </dd>
        <dt className="font-medium">{t('forums:forum.joinLink')}</dt>
        <dd className="break-all" dir="ltr">
          {page.joinUrl}
        </dd>
        <dt className="font-medium">{t('forums:forum.targetGroups')}</dt>
        <dd>
          {page.targetGroups.map((g) => (
            <span key={g.id} lang={langOf(g)} className="me-3 inline-block">
              {targetGroupText(t, g)}
            </span>
          ))}
        </dd>
        <dt className="font-medium">{t('forums:forum.languages')}</dt>
        <dd>
          {forum.languages.map((l) => LANGUAGES[l].name).join(', ')}
          {forum.interpreting ? ` · ${t('forums:forum.interpreting')}: ${forum.interpreting}` : ''}
        </dd>
        {forum.roundName ? (
          <>
            <dt className="font-medium">{t('forums:form.round')}</dt>
            <dd lang="de">{forum.roundName}</dd>
          </>
        ) : null}
      </dl>
      <div className="flex flex-wrap gap-2">
        {forum.state !== 'open' ? (
          <IntentButton intent="open" label={forum.state === 'closed' ? t('forums:forum.reopen') : t('forums:forum.open')} />
        ) : (
          <IntentButton intent="close" label={t('forums:forum.close')} danger />
        )}
        <IntentButton intent={forum.feedbackPublishedAt ? 'unpublish' : 'publish'} label={forum.feedbackPublishedAt ? t('forums:forum.unpublish') : t('forums:forum.publish')} secondary />
        <Link to={`/mitmachen/rueckmeldung?code=${forum.code}`} className="btn-secondary">
          {t('forums:review.rueckmeldung')}
        </Link>
        <IntentButton intent="forget" label={t('forums:forum.forget')} secondary />
      </div>
      <p className="text-sm">{forum.feedbackPublishedAt ? t('forums:forum.publishedState') : t('forums:forum.notPublishedState')}</p>
      <ForumDocumentLinks forumId={forum.id} />
      <Material page={page} />
    </section>
  )
}

function IntentButton({ intent, label, target, danger, secondary }: { intent: string; label: string; target?: number; danger?: boolean; secondary?: boolean }) {
  const busy = useNavigation().state === 'submitting'
  return (
    <Form method="post" className="inline">
      <input type="hidden" name="intent" value={intent} />
      {target !== undefined ? <input type="hidden" name="target" value={target} /> : null}
      <button type="submit" className={danger ? 'btn-danger' : secondary ? 'btn-secondary' : 'btn'} disabled={busy}>
        {label}
      </button>
    </Form>
  )
}

function Material({ page }: { page: Data }) {
  const { t } = useTranslation()
  const result = useActionResult('material')
  return (
    <Form method="post" encType="multipart/form-data" className="flex flex-wrap items-end gap-2 border-t border-slate-200 pt-3">
      <input type="hidden" name="intent" value="material" />
      <TextField label={t('forums:forum.material')} name="material" type="file" accept="application/pdf" error={result.errors.material} hint={page.material ? page.material.fileName : t('forums:forum.materialNone')} />
      <button type="submit" className="btn-secondary">
        {t('forums:forum.materialUpload')}
      </button>
      <FormMessage success={result.success} />
    </Form>
  )
}

function Phases({ page }: { page: Data }) {
  const { t } = useTranslation()
  const result = useActionResult(['phaseOpen', 'phaseClose', 'phaseRename', 'phaseDelete', 'phaseAdd', 'categoryAdd', 'categoryRemove'])
  return (
    <section aria-labelledby="phases-title" className="card space-y-4">
      <h2 id="phases-title" className="text-lg font-semibold">
        {t('forums:phases.title')}
      </h2>
      <FormMessage error={result.errors.form ?? result.errors.category ?? result.errors.title} success={result.success} />
      {page.phases.map((phase) => (
        <div key={phase.id} className="space-y-2 rounded-md border border-slate-300 p-3" data-testid="phase" data-phase={phase.id} data-state={phase.state}>
          <h3 className="font-semibold">
            {/* The presets' titles name their number themselves ("Arbeitsphase 1: ..."): no second prefix then. */}
            {namesItsNumber(phase) ? null : <>{t('forums:phases.phase', { number: phase.position })}: </>}
            <span lang="de">{phase.title}</span>{' '}
            <span className="text-sm font-normal">({t(phaseStateLabel(phase.state))})</span>
          </h3>
          <div className="flex flex-wrap gap-2">
            {phase.state === 'open' ? (
              <IntentButton intent="phaseClose" target={phase.id} label={t('forums:phases.close')} secondary />
            ) : (
              <IntentButton intent="phaseOpen" target={phase.id} label={t('forums:phases.open')} />
            )}
            <Link to={`/foren/${page.forum.id}/plenum/${phase.id}`} className="btn-secondary">
              {t('forums:phases.plenary')}
            </Link>
            <IntentButton intent="phaseDelete" target={phase.id} label={t('forums:phases.delete')} secondary />
          </div>
          <Form method="post" className="flex flex-wrap items-end gap-2">
            <input type="hidden" name="intent" value="phaseRename" />
            <input type="hidden" name="target" value={phase.id} />
            <TextField label={t('forums:phases.phaseTitle')} name="title" defaultValue={phase.title} className="min-w-64 flex-1" />
            <button type="submit" className="btn-secondary">
              {t('forums:phases.rename')}
            </button>
          </Form>
          <p className="font-medium">{t('forums:phases.categories')}</p>
          <ul className="flex flex-wrap gap-2">
            {phase.categories.map((category) => (
              <li key={category.id} className="flex items-center gap-1 rounded-full border border-slate-400 bg-white ps-3 pe-1 text-sm">
                <span lang={langOf(category)}>{categoryText(t, category)}</span>
                <Form method="post" className="inline">
                  <input type="hidden" name="intent" value="categoryRemove" />
                  <input type="hidden" name="target" value={category.id} />
                  <button type="submit" className="rounded-full px-2 py-0.5 hover:bg-slate-100" aria-label={`${t('forums:phases.removeCategory')}: ${categoryText(t, category)}`}>
                    ×
                  </button>
                </Form>
              </li>
            ))}
          </ul>
          <Form method="post" className="flex flex-wrap items-end gap-2">
            <input type="hidden" name="intent" value="categoryAdd" />
            <input type="hidden" name="target" value={phase.id} />
            <SelectField label={t('forums:phases.preset')} name="preset" defaultValue="">
              <option value="">{t('forums:phases.choosePreset')}</option>
              {page.presets.map((preset) => (
                <option key={preset} value={preset}>
                  {t(feedbackCategoryLabel(preset))}
                </option>
              ))}
            </SelectField>
            <TextField label={t('forums:phases.ownLabel')} name="label" maxLength={80} />
            <button type="submit" className="btn-secondary">
              {t('forums:phases.addCategory')}
            </button>
          </Form>
        </div>
      ))}
      <Form method="post" className="flex flex-wrap items-end gap-2">
        <input type="hidden" name="intent" value="phaseAdd" />
        <TextField label={t('forums:phases.phaseTitle')} name="title" className="min-w-64 flex-1" />
        <button type="submit" className="btn-secondary">
          {t('forums:phases.add')}
        </button>
      </Form>
    </section>
  )
}

function Tables({ page }: { page: Data }) {
  const { t } = useTranslation()
  const result = useActionResult(['tableSave', 'tableAdd', 'tableDelete'])
  const fieldSelect = (value: number | null) => (
    <SelectField label={t('forums:tables.field')} name="fieldId" defaultValue={value ?? ''}>
      <option value="">{t('forums:tables.noField')}</option>
      {page.fields.map((field) => (
        <option key={field.id} value={field.id} lang="de">{`${field.number}: ${field.title}`}</option>
      ))}
    </SelectField>
  )
  return (
    <section aria-labelledby="tables-title" className="card space-y-3">
      <h2 id="tables-title" className="text-lg font-semibold">
        {t('forums:tables.title')}
      </h2>
      <FormMessage error={result.errors.form ?? result.errors.name ?? result.errors.capacity ?? result.errors.host} success={result.success} />
      <ul className="space-y-2">
        {page.tables.map((table) => (
          <li key={table.id} className="rounded-md border border-slate-200 p-2" data-testid="table-row">
            <Form method="post" className="grid items-end gap-2 md:grid-cols-[4rem_1fr_1fr_6rem_1fr_auto]">
              <input type="hidden" name="target" value={table.id} />
              <p className="pb-2 font-semibold">
                {t('forums:tables.number')} {table.number}
              </p>
              <TextField label={t('forums:tables.name')} name="name" defaultValue={table.name} lang="de" />
              {fieldSelect(table.fieldId)}
              <TextField label={t('forums:tables.capacity')} name="capacity" type="number" min={1} max={30} defaultValue={table.capacity} />
              <TextField label={t('forums:tables.host')} name="host" defaultValue={table.host} />
              <div className="flex gap-1">
                <button type="submit" name="intent" value="tableSave" className="btn-secondary">
                  {t('forums:tables.save')}
                </button>
                <button type="submit" name="intent" value="tableDelete" className="btn-secondary">
                  {t('forums:tables.delete')}
                </button>
              </div>
            </Form>
          </li>
        ))}
      </ul>
      <Form method="post" className="grid items-end gap-2 md:grid-cols-[1fr_1fr_6rem_1fr_auto]">
        <input type="hidden" name="intent" value="tableAdd" />
        <TextField label={t('forums:tables.name')} name="name" />
        {fieldSelect(null)}
        <TextField label={t('forums:tables.capacity')} name="capacity" type="number" min={1} max={30} defaultValue={8} />
        <TextField label={t('forums:tables.host')} name="host" />
        <button type="submit" className="btn-secondary">
          {t('forums:tables.add')}
        </button>
      </Form>
    </section>
  )
}

function Details({ page }: { page: Data }) {
  const { t } = useTranslation()
  const result = useActionResult('details')
  const forum = page.forum
  return (
    <section aria-labelledby="details-title" className="card space-y-3">
      <h2 id="details-title" className="text-lg font-semibold">
        {t('forums:forum.details')}
      </h2>
      <FormMessage error={result.errors.form} success={result.success} />
      <Form method="post" noValidate className="space-y-4">
        <input type="hidden" name="intent" value="details" />
        <ForumFields choices={page.choices} values={{ ...forum, targetGroupIds: page.targetGroupIds }} errors={result.errors} />
        <button type="submit" className="btn">
          {t('forums:form.save')}
        </button>
      </Form>
    </section>
  )
}

export { ErrorPage as ErrorBoundary } from '~/ui/error-page'

const namesItsNumber = (phase: { position: number; title: string }) => new RegExp(`^\\s*(Arbeitsphase|Phase)\\s*${phase.position}\\b`, 'i').test(phase.title)
