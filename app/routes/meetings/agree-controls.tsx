import { useTranslation } from 'react-i18next'
import type { LiveDocument } from '~/collab/connection'
import { MarkToggles, RatingControl } from '~/ui/rating-control'
import { AGREED_MAP } from '~/shared/live/layout'
import { agree, agreeAsProposed } from '~/shared/live/meeting'
import type { AgendaItem } from './types'
import { useAgreed, type LiveRating } from './use-meeting-live'

/** The coordinator's controls: agreed attainment and marks, written live into the measure's agreed document
 * (app/shared/live/meeting.ts: every write names all five marks and this meeting). */
export function AgreeControls({ item, proposal, live, meetingId }: { item: AgendaItem; proposal: LiveRating; live: LiveDocument; meetingId: number }) {
  const { t } = useTranslation()
  const map = live.doc.getMap<unknown>(AGREED_MAP)
  const agreed = useAgreed(live, item)
  const flags = agreed.flags ?? proposal.flags ?? {}
  return (
    <section aria-labelledby="agree-title" className="space-y-3 rounded border border-brand-700 p-3">
      <h4 id="agree-title" className="font-medium">
        {t('meetings:agree.title')}
      </h4>
      <button type="button" className="btn-secondary" disabled={proposal.attainment === null} onClick={() => agreeAsProposed(map, proposal, meetingId)}>
        {t('meetings:agree.takeProposal')}
      </button>
      <RatingControl
        value={agreed.attainment}
        onChange={(attainment) => agree(map, { attainment }, proposal.flags, meetingId)}
        disabled={false}
        legend={t('meetings:agree.attainmentOf', { title: item.title })}
      />
      <MarkToggles
        value={flags}
        onChange={(flag, on) => agree(map, { flags: { [flag]: on } }, proposal.flags, meetingId)}
        disabled={false}
        legend={t('meetings:agree.marksOf', { title: item.title })}
      />
    </section>
  )
}
