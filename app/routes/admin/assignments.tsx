import { Form, Link, useActionData, useLoaderData, useNavigation } from 'react-router'
import { Trans, useTranslation } from 'react-i18next'
import { useActionResult } from '~/ui/action-result'
import { FormMessage, SelectField, TextField } from '~/ui/form'
import { pageTitle } from '~/ui/meta'
import type { Route } from './+types/assignments'
import { changeAssignments, loadAssignments } from './assignments.server'
import type { ImportAnswer } from './types'

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)

export function loader({ context, request }: Route.LoaderArgs) {
  return loadAssignments(context, request)
}

export function action({ context, request }: Route.ActionArgs) {
  return changeAssignments(context, request)
}

type Measure = Awaited<ReturnType<typeof loader>>['measures'][number]

/** The CSV's header: the county's German column names, in every language. */
const CSV_HEADER = 'massnahme_id;ziel;massnahme;einheit;rolle'

export default function AdminAssignments() {
  const { measures, total, fields, filters } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="space-y-6">
      <nav aria-label={t('admin:breadcrumb')} className="text-sm">
        <Link to="/admin">{t('admin')}</Link> › {t('assignments')}
      </nav>
      <h1 className="text-2xl font-bold">{t('admin:assignments.heading')}</h1>
      <p className="max-w-3xl text-sm text-slate-700">{t('admin:assignments.intro')}</p>
      <CsvImport />
      <section aria-labelledby="measures-title" className="space-y-3">
        <h2 id="measures-title" className="text-lg font-semibold">
          {t('measures')}
        </h2>
        <Form method="get" className="card flex flex-wrap items-end gap-4" aria-label={t('admin:assignments.filterLabel')}>
          <SelectField label={t('field')} name="feld" defaultValue={filters.feld ?? ''} className="min-w-64">
            <option value="">{t('all')}</option>
            {fields.map((f) => (
              <option key={f.number} value={f.number} lang="de">
                {f.number}. {f.title}
              </option>
            ))}
          </SelectField>
          <label className="flex items-center gap-2 pb-2 text-sm">
            <input type="checkbox" name="ohne" value="1" defaultChecked={!!filters.ohne} className="h-4 w-4" />
            {t('admin:assignments.withoutLead')}
          </label>
          <button type="submit" className="btn">
            {t('filter')}
          </button>
          <Link to="/admin/zuordnungen" className="btn-secondary">
            {t('resetFilters')}
          </Link>
          <p className="ml-auto text-sm" role="status">
            {t('admin:assignments.shown', { shown: measures.length, count: total })}
          </p>
        </Form>
        <div className="card overflow-x-auto">
          <table className="table">
            <caption className="sr-only">{t('admin:assignments.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('goal')}</th>
                <th scope="col">{t('admin:assignments.id')}</th>
                <th scope="col">{t('measure')}</th>
                <th scope="col">{t('units')}</th>
                <th scope="col">{t('admin:assignments.addUnit')}</th>
              </tr>
            </thead>
            <tbody>
              {measures.map((m) => (
                <MeasureRow key={m.id} measure={m} />
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  )
}

function MeasureRow({ measure }: { measure: Measure }) {
  const { units } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const busy = useNavigation().state === 'submitting'
  const add = useActionResult('add', measure.id)
  const remove = useActionResult('remove', measure.id)
  const label = t('admin:assignments.measureLabel', { goal: measure.goalNumber, position: measure.position })
  const free = units.filter((u) => !measure.units.some((a) => a.unitId === u.id))
  const addFailed = Object.keys(add.errors).length > 0
  return (
    <tr>
      <td>
        <Link to={`/ziele/${measure.goalNumber}`}>{measure.goalNumber}</Link>
      </td>
      <td>{measure.id}</td>
      <th scope="row" className="bg-white font-normal" lang="de">
        {measure.title}
      </th>
      <td className="min-w-56">
        <FormMessage success={remove.success} error={remove.errors.form} />
        {measure.units.length === 0 ? <span className="italic">{t('noUnit')}</span> : null}
        <ul className="space-y-1">
          {measure.units.map((u) => (
            <li key={u.unitId} className="flex flex-wrap items-center gap-2">
              <span>
                {u.shortName} – {u.role === 'lead' ? <strong>{t('vocabulary:unitRole.lead')}</strong> : t('vocabulary:unitRole.contributing')}
              </span>
              <Form method="post">
                <input type="hidden" name="intent" value="remove" />
                <input type="hidden" name="measureId" value={measure.id} />
                <input type="hidden" name="unitId" value={u.unitId} />
                <button
                  type="submit"
                  className="btn-secondary px-2 py-0.5 text-xs"
                  disabled={busy}
                  aria-label={t('admin:assignments.removeLabel', { unit: u.name, measure: label })}
                >
                  {t('admin:remove')}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      </td>
      <td className="min-w-56">
        <FormMessage success={add.success} error={add.errors.form} />
        <details open={addFailed || undefined}>
          <summary className="cursor-pointer text-sm text-brand-700 underline">
            {t('admin:assignments.add')}
            <span className="sr-only"> {t('admin:assignments.addTo', { measure: label })}</span>
          </summary>
          <Form method="post" noValidate className="mt-2 space-y-2">
            <input type="hidden" name="intent" value="add" />
            <input type="hidden" name="measureId" value={measure.id} />
            <SelectField label={t('unit')} name="unitId" defaultValue="" error={add.errors.unitId}>
              <option value="">{t('admin:assignments.choose')}</option>
              {free.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.shortName}
                </option>
              ))}
            </SelectField>
            <SelectField label={t('role')} name="role" defaultValue={measure.units.some((u) => u.role === 'lead') ? 'contributing' : 'lead'} error={add.errors.role}>
              <option value="lead">{t('vocabulary:unitRole.lead')}</option>
              <option value="contributing">{t('vocabulary:unitRole.contributing')}</option>
            </SelectField>
            <button type="submit" className="btn" disabled={busy} aria-label={t('admin:assignments.assignLabel', { measure: label })}>
              {t('admin:assignments.assign')}
            </button>
          </Form>
        </details>
      </td>
    </tr>
  )
}

function CsvImport() {
  const { total } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const busy = useNavigation().state === 'submitting'
  const imported = useActionResult('import')
  const answer = useActionData() as ImportAnswer | undefined
  const lines = answer?.intent === 'import' ? (answer.lines ?? []) : []
  const matches = answer?.intent === 'import' ? (answer.matches ?? []) : []
  return (
    <section aria-labelledby="import-title" className="card space-y-3">
      <h2 id="import-title" className="text-lg font-semibold">
        {t('admin:import.title')}
      </h2>
      <div className="max-w-3xl space-y-1 text-sm">
        <p>
          <Trans
            i18nKey="admin:import.format"
            values={{ header: CSV_HEADER }}
            components={{ code: <code lang="de" />, de: <span lang="de" /> }}
          />
        </p>
        <p>{t('admin:import.rules')}</p>
        <p>{t('admin:import.templateNote')}</p>
        <p>
          <a href="/admin/zuordnungen/vorlage.csv" download>
            {t('admin:import.template', { count: total })}
          </a>
        </p>
      </div>
      <FormMessage success={imported.success} />
      {matches.length > 0 ? (
        <div className="text-sm">
          <p id="import-matches">{t('admin:import.matchesLabel')}:</p>
          <ul aria-labelledby="import-matches" className="list-disc pl-6" data-testid="import-matches">
            {matches.map((m) => (
              <li key={m.written}>{t('admin:import.match', { written: m.written, unit: m.unitName })}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="flex flex-wrap items-start gap-3" noValidate>
        <input type="hidden" name="intent" value="import" />
        <TextField label={t('admin:import.fileLabel')} name="file" type="file" accept=".csv,text/csv" required error={imported.errors.file} className="min-w-72" />
        <div className="sm:pt-6">
          <button type="submit" className="btn" disabled={busy}>
            {t('admin:import.submit')}
          </button>
        </div>
      </Form>
      {lines.length > 0 ? (
        <ul aria-label={t('admin:import.errorsLabel')} className="max-h-80 list-disc overflow-y-auto rounded-md border border-red-700 bg-red-50 py-2 pl-8 pr-3 text-sm text-red-900">
          {lines.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      ) : null}
    </section>
  )
}
export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
