import { useTranslation } from 'react-i18next'
import { useFormat } from '~/ui/use-format'
import { BarChart } from './bar-chart'

export type PollResultView = {
  pollId: number
  question: string
  kind: 'single' | 'multiple' | 'scale'
  voters: number
  options: { id: number; label: string; count: number; percent: number }[]
  mean: number | null
}

/** A question's result: the chart and a table with the same counts and shares; never who voted what. */
export function PollResult({ result, large = false }: { result: PollResultView; large?: boolean }) {
  const { t } = useTranslation()
  const format = useFormat()
  const percent = (v: number) => `${format.number(v, { maximumFractionDigits: 1 })} %`
  return (
    <div className="space-y-3" data-testid="poll-result" data-voters={result.voters}>
      <p className={large ? 'text-3xl font-bold' : 'font-semibold'} data-testid="voters">
        {t('forums:poll.voters', { count: result.voters })}
        {result.mean !== null ? ` · ${t('forums:poll.mean', { mean: format.number(result.mean, { maximumFractionDigits: 1 }) })}` : ''}
      </p>
      <BarChart bars={result.options} title={t('forums:poll.chartTitle')} lang="de" formatPercent={percent} formatCount={(v) => format.number(v)} large={large} />
      <table className={`table ${large ? 'text-2xl' : ''}`} data-testid="result-table">
        <caption className="sr-only">{t('forums:poll.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('forums:poll.answer')}</th>
            <th scope="col" className="text-end">
              {t('forums:poll.count')}
            </th>
            <th scope="col" className="text-end">
              {t('forums:poll.percent')}
            </th>
          </tr>
        </thead>
        <tbody>
          {result.options.map((option) => (
            <tr key={option.id} data-option={option.label}>
              <th scope="row" className="font-normal" lang="de">
                {option.label}
              </th>
              <td className="text-end" data-testid="count">
                {format.number(option.count)}
              </td>
              <td className="text-end">{percent(option.percent)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {result.kind === 'multiple' ? <p className="text-sm">{t('forums:poll.multipleNote')}</p> : null}
    </div>
  )
}
