import { lazy, Suspense, useCallback, useEffect, useState } from 'react'
import { Form, Link, useLoaderData, useNavigation, useRevalidator } from 'react-router'
import { useTranslation } from 'react-i18next'
import { useRevalidateOnStatusChange } from '~/collab/use-status-stream'
import { useActionResult } from '~/ui/action-result'
import { FormMessage } from '~/ui/form'
import { LoadBoundary } from '~/ui/load-boundary'
import { pageTitle } from '~/ui/meta'
import { useHydrated } from '~/ui/use-hydrated'
import { meetingStateLabel } from '~/shared/vocabulary'
import type { Route } from './+types/meeting'
import { changeMeeting, loadMeeting } from './meeting.server'
import { Agenda } from './meeting-agenda'
import { MeetingWhen, RoundName } from './meeting-parts'
import { AddItems, Attendance, EditMeeting } from './meeting-prepare'
import type { MeetingData } from './types'

const MeetingMode = lazy(() => import('./meeting-mode'))
const loadUnsavedEdits = () => import('./unsaved-edits')
const UnsavedMeetingEdits = lazy(loadUnsavedEdits)

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)

export function loader({ context, request, params }: Route.LoaderArgs) {
  return loadMeeting(context, request, params.id)
}

export function action({ context, request, params }: Route.ActionArgs) {
  return changeMeeting(context, request, params.id)
}

export default function Meeting() {
  const { t } = useTranslation()
  const loaded = useLoaderData<typeof loader>()
  const hydrated = useHydrated()
  const result = useActionResult(['start', 'close', 'delete', 'update'])
  // The meeting document says when the meeting ended (the moderator closed it on another screen): from then on
  // this page is the ended meeting's, at once, and its data reloads.
  const [endedLive, setEndedLive] = useState<false | 'meeting' | 'round'>(false)
  const navigation = useNavigation()
  const revalidator = useRevalidator()
  const onEnded = useCallback((why: 'meeting' | 'round') => {
    setEndedLive(why)
    // The moderator's own close is on its way to the minutes; everybody else reloads the page's data – once online:
    // offline, the loader's request would fail and turn the page (and what it shows as unsaved) into an error page.
    if (navigation.state !== 'idle') return
    if (navigator.onLine) void revalidator.revalidate()
    else window.addEventListener('online', () => void revalidator.revalidate(), { once: true })
  }, [navigation.state, revalidator])
  // Until the reload arrives, the page shows what the loader will say: ended, and nothing left to change.
  const data: MeetingData = endedLive
    ? { ...loaded, meeting: { ...loaded.meeting, state: 'closed' }, live: { ...loaded.live, running: false }, canManage: false, canRun: false, canAgree: false }
    : loaded
  const { meeting, canManage } = data
  const running = data.live.running
  // Loaded with the meeting mode, not when the meeting ends: by then the network may be gone (what it shows is what
  // could not be sent).
  useEffect(() => {
    if (running && hydrated) void loadUnsavedEdits()
  }, [running, hydrated])
  // Proposal, agreed rating and narrative of the shown item are live documents; the timelines come from the
  // loader, which reloads a moment after a rating of an agenda measure changed.
  useRevalidateOnStatusChange(
    running ? meeting.roundId : undefined,
    data.items.flatMap((i) => (i.measureId === null ? [] : [i.measureId])),
  )
  return (
    <article className="space-y-6" aria-labelledby="meeting-title">
      <nav aria-label={t('meetings:meeting.navigation')} className="text-sm">
        <Link to="/sitzungen">← {t('meetings:meeting.allMeetings')}</Link>
      </nav>
      <header className="space-y-1">
        <p className="text-sm text-slate-700">
          {t('common:meetings')} · <RoundName name={meeting.roundName} />
        </p>
        <h1 id="meeting-title" className="text-2xl font-bold">
          {meeting.title}
        </h1>
        <p>
          <MeetingWhen meeting={meeting} /> ·{' '}
          <span data-testid="meeting-state">{t('meetings:meeting.state', { state: t(meetingStateLabel(meeting.state)) })}</span>
        </p>
      </header>
      {endedLive ? (
        <p role="status" className="rounded-md border border-brand-700 bg-brand-50 px-3 py-2 font-medium" data-testid="meeting-ended">
          {endedLive === 'round' ? t('meetings:meeting.endedRoundClosed') : t('meetings:meeting.endedLive')} <Link to={`/sitzungen/${meeting.id}/protokoll`}>{t('meetings:meeting.toMinutes')}</Link>
        </p>
      ) : null}
      {endedLive && hydrated ? (
        <LoadBoundary what={t('meetings:meeting.unsavedTitle')}>
          <Suspense fallback={null}>
            <UnsavedMeetingEdits data={loaded} />
          </Suspense>
        </LoadBoundary>
      ) : null}
      <FormMessage error={result.errors.form} success={result.success} />
      {endedLive ? null : (
        <div className="flex flex-wrap items-center gap-3">
          {meeting.state !== 'planned' ? (
            <Link to={`/sitzungen/${meeting.id}/protokoll`} className="btn-secondary no-underline">
              {t('meetings:meeting.viewMinutes')}
            </Link>
          ) : null}
          {canManage ? <StateActions data={data} /> : null}
        </div>
      )}

      {running && hydrated ? (
        <LoadBoundary what={t('meetings:mode.what')} fallback={<Agenda data={data} />}>
          <Suspense fallback={<Agenda data={data} />}>
            <MeetingMode data={data} onEnded={onEnded} />
          </Suspense>
        </LoadBoundary>
      ) : (
        <Agenda data={data} />
      )}
      {canManage ? <AddItems data={data} /> : null}
      <Attendance data={data} />
      {canManage ? <EditMeeting data={data} /> : null}
    </article>
  )
}

function StateActions({ data: { meeting, items } }: { data: MeetingData }) {
  const { t } = useTranslation()
  const busy = useNavigation().state === 'submitting'
  if (meeting.state === 'planned') {
    return (
      <>
        <Form method="post">
          <input type="hidden" name="intent" value="start" />
          <button type="submit" className="btn" disabled={busy}>
            {t('meetings:meeting.start')}
          </button>
        </Form>
        {items.length === 0 ? <p className="text-sm text-slate-700">{t('meetings:meeting.startNeedsItems')}</p> : null}
        <details>
          <summary className="cursor-pointer text-sm text-brand-700 underline">{t('meetings:meeting.deleteOpen')}</summary>
          <Form method="post" className="mt-2">
            <input type="hidden" name="intent" value="delete" />
            <button type="submit" className="btn-danger" disabled={busy}>
              {t('meetings:meeting.delete')}
            </button>
          </Form>
        </details>
      </>
    )
  }
  if (meeting.state === 'running') {
    return (
      <details>
        <summary className="cursor-pointer text-sm text-brand-700 underline">{t('meetings:meeting.closeOpen')}</summary>
        <Form method="post" className="mt-2 space-y-2">
          <p className="text-sm">{t('meetings:meeting.closeHint')}</p>
          <input type="hidden" name="intent" value="close" />
          <button type="submit" className="btn-danger" disabled={busy}>
            {t('meetings:meeting.close')}
          </button>
        </Form>
      </details>
    )
  }
  return null
}
export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
