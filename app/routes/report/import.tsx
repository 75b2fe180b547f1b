import { Form, Link, useActionData, useLoaderData, useNavigation } from 'react-router'
import { useTranslation } from 'react-i18next'
import { pageTitle } from '~/ui/meta'
import type { Route } from './+types/import'
import { importAction, loadImport, type ImportResult } from './import.server'

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)

export function loader({ context, request, params }: Route.LoaderArgs) {
  return loadImport(context, request, params.id)
}

export function action({ context, request, params }: Route.ActionArgs) {
  return importAction(context, request, params.id)
}

/** The commissioner's Excel import of proposals: upload, a preview of every change, then apply (all or nothing). */
export default function ReportImport() {
  const { round, maxMb } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>() as ImportResult | undefined
  const busy = useNavigation().state === 'submitting'
  const { t } = useTranslation()
  const preview = result?.intent === 'preview' && result.changes ? result : null
  return (
    <div className="space-y-6">
      <nav aria-label={t('report:import.title')} className="text-sm">
        <Link to={`/?runde=${round.id}`}>{t('report:import.back')}</Link>
      </nav>
      <h1 className="text-2xl font-bold">
        {t('report:import.title')}: {round.name}
      </h1>
      <p className="max-w-3xl text-sm text-slate-700">{t('report:import.intro')}</p>
      {result?.success ? (
        <p role="status" className="rounded-md border border-green-800 bg-green-50 px-3 py-2 text-green-900" data-testid="import-done">
          {result.success}
        </p>
      ) : null}
      {result?.errors?.length ? (
        <section role="alert" aria-labelledby="import-errors-title" className="rounded-md border border-red-700 bg-red-50 px-3 py-2 text-sm text-red-900">
          <h2 id="import-errors-title" className="font-semibold">
            {t('report:import.errorsTitle', { count: result.errors.length })}
          </h2>
          <ul className="max-h-80 list-disc overflow-y-auto pl-6" data-testid="import-errors">
            {result.errors.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="card flex flex-wrap items-end gap-3">
        <input type="hidden" name="intent" value="preview" />
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t('report:import.file', { mb: maxMb })}
          <input type="file" name="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required className="text-sm" />
        </label>
        <button type="submit" className="btn" disabled={busy}>
          {t('report:import.preview')}
        </button>
      </Form>
      {preview ? <Preview result={preview} busy={busy} /> : null}
    </div>
  )
}

function Preview({ result, busy }: { result: ImportResult; busy: boolean }) {
  const { t } = useTranslation()
  const changes = result.changes ?? []
  return (
    <section aria-labelledby="preview-title" className="card space-y-3">
      <h2 id="preview-title" className="text-lg font-semibold">
        {t('report:import.changesTitle', { file: result.fileName ?? '' })}
      </h2>
      {changes.length === 0 ? (
        <p role="status">{t('report:import.noChanges')}</p>
      ) : (
        <>
          <p role="status">{t('report:import.summary', { count: changes.length })}</p>
          <div className="overflow-x-auto">
            <table className="table" data-testid="import-preview">
              <thead>
                <tr>
                  <th scope="col">{t('report:import.columnsMeasure')}</th>
                  <th scope="col">{t('report:import.columnsWhat')}</th>
                  <th scope="col">{t('report:import.columnsOld')}</th>
                  <th scope="col">{t('report:import.columnsNew')}</th>
                </tr>
              </thead>
              <tbody>
                {changes.flatMap((c) =>
                  c.rows.map((row, i) => (
                    <tr key={`${c.measureId}-${i}`} data-measure={c.measureId}>
                      {i === 0 ? (
                        <th scope="rowgroup" rowSpan={c.rows.length} className="bg-white text-left font-normal">
                          {c.number} {c.title}
                        </th>
                      ) : null}
                      <td>{row.what}</td>
                      <td>{row.before}</td>
                      <td className="font-semibold">{row.after}</td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </div>
          <Form method="post" encType="multipart/form-data" className="flex gap-3">
            <input type="hidden" name="intent" value="apply" />
            <input type="hidden" name="fileName" value={result.fileName ?? ''} />
            <input type="hidden" name="payload" value={result.payload ?? ''} />
            <button type="submit" className="btn" disabled={busy}>
              {t('report:import.confirm', { count: changes.length })}
            </button>
          </Form>
        </>
      )}
    </section>
  )
}

export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
