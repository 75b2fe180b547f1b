import { Form, useActionData, useLoaderData, useNavigation } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { Figure } from '~/shared/monitoring'
import type { IndicatorUnit } from '~/shared/vocabulary'
import { resultFor, type ActionResult } from '~/ui/action-result'
import { FormMessage, TextField } from '~/ui/form'
import { pageTitle } from '~/ui/meta'
import { useFormat } from '~/ui/use-format'
import type { Route } from './+types/import'
import { MonitoringCrumbs, useFigures } from './figures'
import { changeImport, loadImport } from './import.server'

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)

export function loader({ context, request }: Route.LoaderArgs) {
  return loadImport(context, request)
}

export function action({ context, request }: Route.ActionArgs) {
  return changeImport(context, request)
}

type Result = ActionResult & { lines?: string[] }

export default function ImportValues() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const format = useFormat()
  const f = useFigures(data.threshold)
  const busy = useNavigation().state !== 'idle'
  const result = useActionData() as Result | undefined
  const check = resultFor(result, 'check')
  const decision = resultFor(result, ['apply', 'discard'])
  const lines = result?.intent === 'check' ? (result.lines ?? []) : []
  const shown = (figure: Figure | null, unit: IndicatorUnit) => (figure ? f.full(figure, unit) : '–')
  const preview = decision.success ? null : data.preview
  return (
    <div className="space-y-6">
      <MonitoringCrumbs here={data.title} />
      <h1 className="text-2xl font-bold">{data.title}</h1>
      <FormMessage success={decision.success} error={decision.errors.form ?? decision.errors.importId} />
      {preview ? (
        <section aria-labelledby="preview-title" className="card space-y-3 border-2 border-brand-700" data-testid="import-preview">
          <h2 id="preview-title" className="text-lg font-semibold">
            {t('monitoring:import.preview')}
          </h2>
          <p>{t('monitoring:import.previewIntro', { file: preview.fileName })}</p>
          <ul className="list-disc pl-5" data-testid="preview-counts">
            <li>{t('monitoring:import.added', { count: preview.added })}</li>
            <li>{t('monitoring:import.changed', { count: preview.changed })}</li>
            <li>{t('monitoring:import.unchanged', { count: preview.unchanged })}</li>
          </ul>
          {preview.changes.length > 0 ? (
            <ChangeTable caption={`${t('monitoring:import.changes')} (${t('monitoring:import.shownOf', { shown: preview.changes.length, total: preview.changed })})`} rows={preview.changes} shown={shown} testId="preview-changes" />
          ) : null}
          {preview.addedRows.length > 0 ? (
            <ChangeTable caption={`${t('monitoring:import.addedList')} (${t('monitoring:import.shownOf', { shown: preview.addedRows.length, total: preview.added })})`} rows={preview.addedRows} shown={shown} testId="preview-added" />
          ) : null}
          <div className="flex flex-wrap gap-3">
            <Form method="post">
              <input type="hidden" name="intent" value="apply" />
              <input type="hidden" name="importId" value={preview.importId} />
              <button type="submit" className="btn" disabled={busy}>
                {t('monitoring:import.apply')}
              </button>
            </Form>
            <Form method="post">
              <input type="hidden" name="intent" value="discard" />
              <input type="hidden" name="importId" value={preview.importId} />
              <button type="submit" className="btn-secondary" disabled={busy}>
                {t('monitoring:import.discard')}
              </button>
            </Form>
          </div>
        </section>
      ) : null}
      <section aria-labelledby="upload-title" className="card space-y-3">
        <h2 id="upload-title" className="text-lg font-semibold">
          {t('monitoring:import.uploadTitle')}
        </h2>
        <div className="max-w-3xl space-y-1 text-sm">
          <p>{t('monitoring:import.intro')}</p>
          <p>
            {t('monitoring:import.columns')}
            <code lang="de">{data.columns}</code>
          </p>
          <p>{t('monitoring:import.rules')}</p>
          <p>{t('monitoring:import.sums')}</p>
          <p className="flex flex-wrap gap-4">
            <a href="/monitoring/import/vorlage.csv" download>
              {t('monitoring:import.templateCsv')}
            </a>
            <a href="/monitoring/import/vorlage.xlsx" download>
              {t('monitoring:import.templateXlsx')}
            </a>
          </p>
        </div>
        <Form method="post" encType="multipart/form-data" noValidate className="flex flex-wrap items-start gap-3">
          <input type="hidden" name="intent" value="check" />
          <TextField
            label={t('monitoring:import.file')}
            name="file"
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            required
            error={check.errors.file ?? check.errors.form}
            className="min-w-72"
          />
          <div className="sm:pt-6">
            <button type="submit" className="btn" disabled={busy}>
              {t('monitoring:import.check')}
            </button>
          </div>
        </Form>
        {lines.length > 0 ? (
          <ul aria-label={t('monitoring:import.problems')} className="max-h-96 list-disc overflow-y-auto rounded-md border border-red-700 bg-red-50 py-2 pl-8 pr-3 text-sm text-red-900" data-testid="import-problems">
            {lines.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        ) : null}
      </section>
      <section aria-labelledby="recent-title" className="card space-y-2">
        <h2 id="recent-title" className="text-lg font-semibold">
          {t('monitoring:import.recent')}
        </h2>
        {data.imports.length === 0 ? (
          <p className="italic">{t('monitoring:import.noImports')}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('monitoring:import.colFile')}</th>
                  <th scope="col">{t('monitoring:import.colWho')}</th>
                  <th scope="col">{t('monitoring:import.colWhen')}</th>
                  <th scope="col">{t('monitoring:import.colState')}</th>
                  <th scope="col">{t('monitoring:import.colCounts')}</th>
                </tr>
              </thead>
              <tbody>
                {data.imports.map((i) => (
                  <tr key={i.id}>
                    <td>{i.fileName}</td>
                    <td>{i.userName ?? '–'}</td>
                    <td>{format.dateTime(i.appliedAt ?? i.createdAt)}</td>
                    <td>{t(`monitoring:import.state.${i.state}`)}</td>
                    <td>{t('monitoring:import.counts', { added: i.summary.added ?? 0, changed: i.summary.changed ?? 0, unchanged: i.summary.unchanged ?? 0 })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="audit-title" className="card space-y-2">
        <h2 id="audit-title" className="text-lg font-semibold">
          {t('monitoring:import.audit')}
        </h2>
        {data.audit.length === 0 ? (
          <p className="italic">{t('monitoring:import.noChanges')}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="table" data-testid="audit">
              <thead>
                <tr>
                  <th scope="col">{t('monitoring:import.colWhen')}</th>
                  <th scope="col">{t('monitoring:import.colWho')}</th>
                  <th scope="col">{t('monitoring:import.colIndicator')}</th>
                  <th scope="col">{t('monitoring:import.colTerritory')}</th>
                  <th scope="col">{t('monitoring:import.colDate')}</th>
                  <th scope="col">{t('monitoring:import.colBreakdown')}</th>
                  <th scope="col">{t('monitoring:import.colBefore')}</th>
                  <th scope="col">{t('monitoring:import.colAfter')}</th>
                </tr>
              </thead>
              <tbody>
                {data.audit.map((c) => (
                  <tr key={c.id}>
                    <td>{format.dateTime(c.at)}</td>
                    <td>{c.userName ?? '–'}</td>
                    <td lang="de">{c.indicator}</td>
                    <td lang="de">{c.territory}</td>
                    <td>{format.date(c.referenceDate)}</td>
                    <td lang="de">{c.breakdown}</td>
                    <td>{c.change === 'insert' ? t('monitoring:import.change.insert') : shown(c.before, c.unit)}</td>
                    <td>{shown(c.after, c.unit)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  )
}

type Row = NonNullable<Awaited<ReturnType<typeof loader>>['preview']>['changes'][number]

function ChangeTable({ caption, rows, shown, testId }: { caption: string; rows: Row[]; shown: (figure: Figure | null, unit: IndicatorUnit) => string; testId: string }) {
  const { t } = useTranslation()
  const format = useFormat()
  return (
    <div className="overflow-x-auto">
      <table className="table" data-testid={testId}>
        <caption className="text-left font-medium">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('monitoring:import.colLine')}</th>
            <th scope="col">{t('monitoring:import.colIndicator')}</th>
            <th scope="col">{t('monitoring:import.colTerritory')}</th>
            <th scope="col">{t('monitoring:import.colDate')}</th>
            <th scope="col">{t('monitoring:import.colBreakdown')}</th>
            <th scope="col">{t('monitoring:import.colBefore')}</th>
            <th scope="col">{t('monitoring:import.colAfter')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.line}>
              <td>{r.line}</td>
              <td lang="de">{r.indicator}</td>
              <td lang="de">{r.territory}</td>
              <td>{format.date(r.referenceDate)}</td>
              <td>{r.breakdown}</td>
              <td>{shown(r.before, r.unit)}</td>
              <td>{shown(r.after, r.unit)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
