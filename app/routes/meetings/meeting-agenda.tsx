import { Form, useNavigation } from 'react-router'
import { useTranslation } from 'react-i18next'
import { useActionResult } from '~/ui/action-result'
import { FormMessage } from '~/ui/form'
import { MarkIcons } from '~/ui/mark-icons'
import { RatingBadge } from '~/ui/rating-badge'
import { itemReasonLabel } from '~/shared/vocabulary'
import { ItemStateBadge, ItemTitle } from './meeting-parts'
import type { AgendaItem, MeetingData } from './types'

/** The agenda as the server renders it (before meeting mode, and after the meeting). */
export function Agenda({ data }: { data: MeetingData }) {
  const { t } = useTranslation()
  const { items, canManage } = data
  const busy = useNavigation().state === 'submitting'
  const result = useActionResult(['move', 'remove'])
  return (
    <section aria-labelledby="agenda-title" className="card space-y-3">
      <h2 id="agenda-title" className="text-lg font-semibold">
        {t('meetings:agenda.title', { count: items.length })}
      </h2>
      <FormMessage error={result.errors.form ?? result.errors.itemId} />
      {items.length === 0 ? (
        <p>
          {t('meetings:agenda.empty')}
          {canManage ? ` ${t('meetings:agenda.emptyHint')}` : ''}
        </p>
      ) : (
        <ol className="space-y-3" data-testid="agenda">
          {items.map((item, index) => (
            <li key={item.id} className="rounded-md border border-slate-300 p-3" data-item={item.id} data-state={item.state}>
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div className="space-y-1">
                  <p className="font-medium">
                    {item.number}. <ItemTitle item={item} />
                  </p>
                  <p className="text-sm text-slate-700">
                    <ItemStateBadge state={item.state} /> · {t('meetings:agenda.reason', { reason: t(itemReasonLabel(item.reason)) })}
                    {item.units.length ? ` · ${item.units.map((u) => u.shortName).join(', ')}` : ''}
                  </p>
                  {item.kind === 'measure' ? <ProposalAndAgreed item={item} /> : null}
                  {item.decisionNote ? <p className="text-sm">{t('meetings:agenda.decision', { note: item.decisionNote })}</p> : null}
                </div>
                {canManage ? (
                  <div className="flex flex-wrap gap-1">
                    <ItemButton item={item} intent="move" extra={{ direction: 'up' }} disabled={busy || index === 0} label={t('meetings:agenda.up')} />
                    <ItemButton item={item} intent="move" extra={{ direction: 'down' }} disabled={busy || index === items.length - 1} label={t('meetings:agenda.down')} />
                    {item.state !== 'agreed' ? <ItemButton item={item} intent="remove" disabled={busy} label={t('meetings:agenda.remove')} /> : null}
                  </div>
                ) : null}
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}

function ItemButton({ item, intent, extra = {}, disabled, label }: { item: AgendaItem; intent: string; extra?: Record<string, string>; disabled: boolean; label: string }) {
  const { t } = useTranslation()
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="itemId" value={item.id} />
      {Object.entries(extra).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className="btn-secondary px-2 py-1 text-sm" disabled={disabled} aria-label={t('meetings:agenda.itemAction', { action: label, number: item.number })}>
        {label}
      </button>
    </Form>
  )
}

function ProposalAndAgreed({ item }: { item: AgendaItem }) {
  const { t } = useTranslation()
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <span>{t('meetings:agenda.proposal')}</span>
      <RatingBadge value={item.proposal} kind="proposal" />
      {item.proposalFlags ? <MarkIcons flags={item.proposalFlags} /> : null}
      <span className="ml-2">{t('meetings:agenda.agreed')}</span>
      {item.agreed !== null || item.agreedFlags ? (
        <>
          <RatingBadge value={item.agreed} kind="agreed" />
          {item.agreedFlags ? <MarkIcons flags={item.agreedFlags} /> : null}
        </>
      ) : (
        <span>{t('meetings:agenda.notYet')}</span>
      )}
    </div>
  )
}
