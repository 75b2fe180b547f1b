import { Fragment } from 'react'
import { Form, Link, useActionData, useLoaderData, useNavigation } from 'react-router'
import { Trans, useTranslation } from 'react-i18next'
import { FormMessage, TextField } from '~/ui/form'
import { resultFor, type ActionResult } from '~/ui/action-result'
import { pageTitle } from '~/ui/meta'
import { useFormat } from '~/ui/use-format'
import { ATTAINMENTS, attainmentLabel } from '~/shared/vocabulary'
import type { Route } from './+types/baseline'
import { enterBaseline, loadBaseline } from './baseline.server'

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)

export function loader({ context, request, params }: Route.LoaderArgs) {
  return loadBaseline(context, request, params.id)
}

export function action({ context, request, params }: Route.ActionArgs) {
  return enterBaseline(context, request, params.id)
}

type Data = Awaited<ReturnType<typeof loader>>
type Measure = Data['measures'][number]
type Result = ActionResult & { lines?: string[] }

/** The measures by field of action, in catalogue order. */
function byField(measures: Measure[]) {
  const groups: { number: number; title: string; measures: Measure[] }[] = []
  for (const m of measures) {
    const last = groups.at(-1)
    if (last?.number === m.fieldNumber) last.measures.push(m)
    else groups.push({ number: m.fieldNumber, title: m.fieldTitle, measures: [m] })
  }
  return groups
}

export default function Baseline() {
  const data = useLoaderData<typeof loader>()
  const raw = useActionData<typeof action>() as Result | undefined
  const { t } = useTranslation()
  const format = useFormat()
  const manual = resultFor(raw, 'manual')
  const upload = resultFor(raw, 'import')
  const { round, record } = data
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">
        <Trans i18nKey="rounds:baseline.title" components={{ name: <span lang="de">{round.name}</span> }} />
      </h1>
      <FormMessage success={manual.success ?? upload.success} error={manual.errors.form ?? upload.errors.form} />
      {record ? (
        <p className="card" data-testid="baseline-record">
          {t('rounds:baseline.recorded', { at: format.dateTime(record.at), by: record.byName ?? t('rounds:baseline.someone'), source: record.source, count: record.count })}
          {data.compareTo ? (
            <>
              {' '}
              <Link to={`/vergleich?von=${round.id}&nach=${data.compareTo}`}>{t('rounds:baseline.toComparison')}</Link>
            </>
          ) : null}
        </p>
      ) : null}
      {data.refusal ? (
        <div className="card space-y-2">
          <p>
            <strong>{t('rounds:baseline.notPossible')}</strong> {data.refusal}
          </p>
          <p>
            <Link to="/runden">{t('rounds:baseline.backToRounds')}</Link>
          </p>
        </div>
      ) : (
        <>
          <p className="max-w-3xl text-sm text-slate-700">{t('rounds:baseline.intro')}</p>
          <FileForm roundId={round.id} result={upload} lines={raw?.intent === 'import' ? (raw.lines ?? []) : []} maxSource={data.maxSource} />
          <ManualForm measures={data.measures} result={manual} maxSource={data.maxSource} />
        </>
      )}
    </div>
  )
}

function FileForm({ roundId, result, lines, maxSource }: { roundId: number; result: ReturnType<typeof resultFor>; lines: string[]; maxSource: number }) {
  const { t } = useTranslation()
  const busy = useNavigation().state === 'submitting'
  const template = `/runden/${roundId}/nachtragen/vorlage`
  return (
    <section aria-labelledby="baseline-file-title" className="card space-y-3">
      <h2 id="baseline-file-title" className="text-lg font-semibold">
        {t('rounds:baseline.fromFile')}
      </h2>
      <p className="max-w-3xl text-sm">{t('rounds:baseline.fileIntro')}</p>
      <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        <a href={`${template}?format=xlsx`} download>
          {t('rounds:baseline.templateXlsx')}
        </a>
        <a href={`${template}?format=csv`} download>
          {t('rounds:baseline.templateCsv')}
        </a>
      </p>
      <Form method="post" encType="multipart/form-data" noValidate className="space-y-3">
        <input type="hidden" name="intent" value="import" />
        <TextField
          label={t('rounds:baseline.file')}
          name="file"
          type="file"
          accept=".csv,.txt,.xlsx"
          required
          className="max-w-3xl"
          error={result.errors.file}
        />
        {lines.length > 0 ? (
          <ul className="list-disc space-y-0.5 pl-6 text-sm text-red-900" data-testid="baseline-lines">
            {lines.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        ) : null}
        <TextField
          label={t('rounds:baseline.source')}
          name="source"
          maxLength={maxSource}
          className="max-w-3xl"
          hint={t('rounds:baseline.fileSourceHint')}
          error={result.errors.source}
        />
        <button type="submit" className="btn" disabled={busy}>
          {t('rounds:baseline.importSubmit')}
        </button>
      </Form>
    </section>
  )
}

function ManualForm({ measures, result, maxSource }: { measures: Measure[]; result: ReturnType<typeof resultFor>; maxSource: number }) {
  const { t } = useTranslation()
  const busy = useNavigation().state === 'submitting'
  const values = result.values ?? {}
  return (
    <section aria-labelledby="baseline-manual-title" className="card space-y-3">
      <h2 id="baseline-manual-title" className="text-lg font-semibold">
        {t('rounds:baseline.byHand')}
      </h2>
      <p className="max-w-3xl text-sm">{t('rounds:baseline.byHandIntro')}</p>
      <Form method="post" noValidate className="space-y-4">
        <input type="hidden" name="intent" value="manual" />
        <TextField
          label={t('rounds:baseline.source')}
          name="source"
          required
          maxLength={maxSource}
          className="max-w-3xl"
          defaultValue={values.source}
          hint={t('rounds:baseline.sourceHint')}
          error={result.errors.source}
        />
        {byField(measures).map((field) => (
          <fieldset key={field.number} className="space-y-2">
            <legend className="font-semibold">
              <Trans i18nKey="rounds:baseline.fieldLegend" values={{ number: field.number }} components={{ title: <span lang="de">{field.title}</span> }} />
            </legend>
            <div className="grid items-center gap-x-4 gap-y-2 sm:grid-cols-[1fr_14rem]">
              {field.measures.map((m) => (
                <Fragment key={m.id}>
                  <label htmlFor={`m${m.id}`} className="text-sm">
                    {t('goal')} {m.goalNumber}: <span lang="de">{m.title}</span>
                  </label>
                  <div>
                    <select
                      id={`m${m.id}`}
                      name={`m${m.id}`}
                      className="input"
                      defaultValue={values[`m${m.id}`] ?? ''}
                      aria-invalid={result.errors[`m${m.id}`] ? true : undefined}
                      aria-describedby={result.errors[`m${m.id}`] ? `m${m.id}-error` : undefined}
                    >
                      <option value="">{t('rounds:baseline.notRated')}</option>
                      {ATTAINMENTS.map((a) => (
                        <option key={a} value={a}>
                          {t(attainmentLabel(a))}
                        </option>
                      ))}
                    </select>
                    {result.errors[`m${m.id}`] ? (
                      <p id={`m${m.id}-error`} className="field-error">
                        {result.errors[`m${m.id}`]}
                      </p>
                    ) : null}
                  </div>
                </Fragment>
              ))}
            </div>
          </fieldset>
        ))}
        <button type="submit" className="btn" disabled={busy}>
          {t('rounds:baseline.manualSubmit')}
        </button>
      </Form>
    </section>
  )
}
export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
