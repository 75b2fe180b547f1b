import { useTranslation } from 'react-i18next'
import { useRefusal } from '~/collab/use-live'
import { RefusalNotice } from '~/collab/status'
import type { MeetingData } from './types'

/**
 * After the meeting ended under this page (its round closed, or it was closed elsewhere) what this page had typed or
 * set that the server did not store: the decision notes and agreed ratings, each with its reason and the text to
 * copy (app/collab/connection.ts keeps the page's copies when the server closes the documents). Loaded only once the
 * meeting mode, which loads the live layer, has run on this page.
 */
export default function UnsavedMeetingEdits({ data }: { data: MeetingData }) {
  const { t } = useTranslation()
  const labelled: [string, string][] = [
    [data.live.meetingDocument, t('meetings:meeting.unsavedNotes')],
    ...data.items.flatMap((item): [string, string][] => (item.agreedDocument ? [[item.agreedDocument, t('meetings:meeting.unsavedItem', { number: data.items.indexOf(item) + 1 })]] : [])),
  ]
  const refusal = useRefusal(labelled.map(([name]) => name))
  if (!refusal) return null
  const shown = labelled.flatMap(([name, label]) => {
    const unsaved = refusal.unsaved.get(name)
    return unsaved ? [{ name, label, unsaved }] : []
  })
  if (shown.length === 0) return null
  return (
    <section aria-labelledby="unsaved-edits" className="space-y-2" data-testid="meeting-unsaved">
      <h2 id="unsaved-edits" className="text-lg font-semibold">
        {t('meetings:meeting.unsavedTitle')}
      </h2>
      {shown.map((entry) => (
        <div key={entry.name}>
          <p className="font-medium">{entry.label}</p>
          <RefusalNotice code={refusal.code} unsaved={entry.unsaved} />
        </div>
      ))}
    </section>
  )
}
