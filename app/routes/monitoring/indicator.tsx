import { Form, useLoaderData, useNavigation, useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { BREAKDOWNS, INDICATOR_AREAS, INDICATOR_UNITS, REFERENCE_KINDS, breakdownLabel, indicatorAreaLabel, indicatorUnitLabel, referenceKindLabel } from '~/shared/vocabulary'
import { useActionResult } from '~/ui/action-result'
import { FormMessage, SelectField, TextAreaField, TextField } from '~/ui/form'
import { pageTitle } from '~/ui/meta'
import type { Route } from './+types/indicator'
import { MonitoringCrumbs } from './figures'
import { loadIndicator, saveIndicator } from './indicator.server'

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)

export function loader({ context, request, params }: Route.LoaderArgs) {
  return loadIndicator(context, request, params.id)
}

export function action({ context, request, params }: Route.ActionArgs) {
  return saveIndicator(context, request, params.id)
}

const decimal = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n).replace('.', ','))

export default function Indicator() {
  const { title, indicator } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const result = useActionResult()
  const [search] = useSearchParams()
  const busy = useNavigation().state === 'submitting'
  const v = result.values
  const e = result.errors
  const value = (field: string, stored: string | number | null | undefined) => v?.[field] ?? (stored === null || stored === undefined ? '' : String(stored))
  return (
    <div className="max-w-3xl space-y-6">
      <MonitoringCrumbs here={title} />
      <h1 className="text-2xl font-bold">{title}</h1>
      <FormMessage success={result.success ?? (search.get('angelegt') ? t('monitoring:indicator.created') : undefined)} error={e.form} />
      {indicator?.seedPassage ? (
        <p className="text-sm text-slate-700">
          {t('monitoring:indicator.seedPassage')}
          <span lang="de">{indicator.seedPassage}</span>
        </p>
      ) : null}
      <Form method="post" noValidate className="card space-y-4" key={indicator?.id ?? 'new'}>
        <TextField label={t('monitoring:indicator.name')} name="name" required defaultValue={value('name', indicator?.name)} error={e.name} />
        <TextField label={t('monitoring:indicator.key')} name="key" required defaultValue={value('key', indicator?.key)} hint={t('monitoring:indicator.keyHint')} error={e.key} />
        <div className="grid gap-4 sm:grid-cols-3">
          <SelectField label={t('monitoring:indicator.area')} name="area" defaultValue={value('area', indicator?.area)} error={e.area}>
            <option value="">–</option>
            {INDICATOR_AREAS.map((a) => (
              <option key={a} value={a}>
                {t(indicatorAreaLabel(a))}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('monitoring:indicator.unit')} name="unit" defaultValue={value('unit', indicator?.unit)} error={e.unit}>
            <option value="">–</option>
            {INDICATOR_UNITS.map((u) => (
              <option key={u} value={u}>
                {t(indicatorUnitLabel(u))}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('monitoring:indicator.referenceKind')} name="referenceKind" defaultValue={value('referenceKind', indicator?.referenceKind)} error={e.referenceKind}>
            <option value="">–</option>
            {REFERENCE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(referenceKindLabel(k))}
              </option>
            ))}
          </SelectField>
        </div>
        <TextAreaField label={t('monitoring:indicator.definition')} name="definition" rows={3} defaultValue={value('definition', indicator?.definition)} error={e.definition} />
        <TextAreaField
          label={t('monitoring:indicator.rationale')}
          name="rationale"
          rows={3}
          required
          defaultValue={value('rationale', indicator?.rationale)}
          hint={t('monitoring:indicator.rationaleHint')}
          error={e.rationale}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label={t('monitoring:indicator.numerator')} name="numerator" defaultValue={value('numerator', indicator?.numerator)} error={e.numerator} />
          <TextField label={t('monitoring:indicator.numeratorSource')} name="numeratorSource" defaultValue={value('numeratorSource', indicator?.numeratorSource)} error={e.numeratorSource} />
          <TextField label={t('monitoring:indicator.denominator')} name="denominator" defaultValue={value('denominator', indicator?.denominator)} error={e.denominator} />
          <TextField label={t('monitoring:indicator.denominatorSource')} name="denominatorSource" defaultValue={value('denominatorSource', indicator?.denominatorSource)} error={e.denominatorSource} />
        </div>
        <TextField label={t('monitoring:indicator.dataSource')} name="dataSource" defaultValue={value('dataSource', indicator?.dataSource)} error={e.dataSource} />
        <TextField label={t('monitoring:indicator.presentation')} name="presentation" defaultValue={value('presentation', indicator?.presentation)} error={e.presentation} />
        <fieldset className="space-y-1">
          <legend className="label">{t('monitoring:indicator.breakdowns')}</legend>
          {BREAKDOWNS.map((b) => (
            <label key={b} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="breakdowns" value={b} defaultChecked={indicator?.breakdowns.includes(b) ?? false} className="h-4 w-4" />
              {t(breakdownLabel(b))}
            </label>
          ))}
        </fieldset>
        <TextField label={t('monitoring:indicator.goals')} name="goals" defaultValue={value('goals', indicator?.goalNumbers.join(', '))} hint={t('monitoring:indicator.goalsHint')} error={e.goals} />
        <TextField
          label={t('monitoring:indicator.comparableFrom')}
          name="comparableFrom"
          inputMode="numeric"
          defaultValue={value('comparableFrom', indicator?.comparableFrom)}
          hint={t('monitoring:indicator.comparableFromHint')}
          error={e.comparableFrom}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label={t('monitoring:indicator.target')} name="targetValue" inputMode="decimal" defaultValue={v?.targetValue ?? decimal(indicator?.targetValue)} error={e.targetValue} />
          <TextField label={t('monitoring:indicator.targetYear')} name="targetYear" inputMode="numeric" defaultValue={value('targetYear', indicator?.targetYear)} error={e.targetYear} />
          <TextField label={t('monitoring:indicator.threshold')} name="thresholdValue" inputMode="decimal" defaultValue={v?.thresholdValue ?? decimal(indicator?.thresholdValue)} error={e.thresholdValue} />
          <TextField label={t('monitoring:indicator.thresholdYear')} name="thresholdYear" inputMode="numeric" defaultValue={value('thresholdYear', indicator?.thresholdYear)} error={e.thresholdYear} />
        </div>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="active" defaultChecked={indicator?.active ?? true} className="h-4 w-4" />
          {t('monitoring:indicator.active')}
        </label>
        <button type="submit" className="btn" disabled={busy}>
          {t('monitoring:indicator.save')}
        </button>
      </Form>
    </div>
  )
}

export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
