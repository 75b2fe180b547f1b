import { lazy, Suspense } from 'react'
import { Form, Link, useActionData, useLoaderData, useNavigation } from 'react-router'
import { useRevalidateOnStatusChange } from '~/collab/use-status-stream'
import { LoadBoundary } from '~/ui/load-boundary'
import { AttendanceList, ItemStateBadge, ItemTitle } from '~/routes/meetings/meeting-parts'
import { FormMessage, SelectField, TextAreaField, TextField } from '~/ui/form'
import { MarkIcons } from '~/ui/mark-icons'
import { RatingBadge } from '~/ui/rating-badge'
import { formatDate } from '~/shared/dates'
import { useHydrated } from '~/ui/use-hydrated'
import type { Route } from './+types/meeting'
import { changeMeeting, loadMeeting } from './meeting.server'
import { itemReasonLabel, meetingStateLabel } from '~/shared/vocabulary'
import { useTranslation } from 'react-i18next'

const MeetingMode = lazy(() => import('~/routes/meetings/meeting-mode'))

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: `${loaderData ? loaderData.meeting.title : 'Sitzung'} – Jour fixe – Zielwerk` }]

export function loader({ context, request, params }: Route.LoaderArgs) {
  return loadMeeting(context, request, params.id)
}

export function action({ context, request, params }: Route.ActionArgs) {
  return changeMeeting(context, request, params.id)
}

export type MeetingData = Awaited<ReturnType<typeof loader>>
export type AgendaItem = MeetingData['items'][number]
type Result = { intent: string; target?: number; errors?: Record<string, string>; success?: string }

function useResult(intent?: string | string[]) {
  const result = useActionData<typeof action>() as Result | undefined
  if (!result) return undefined
  if (intent && !(Array.isArray(intent) ? intent : [intent]).includes(result.intent)) return undefined
  return result
}

export default function Meeting() {
  const { t } = useTranslation()
  const data = useLoaderData<typeof loader>()
  const { meeting, canManage } = data
  const hydrated = useHydrated()
  const result = useResult(['start', 'close', 'delete', 'update'])
  const running = meeting.state === 'running'
  // Proposal, agreed rating and narrative of the shown item are live documents; the timelines come from the
  // loader, which reloads a moment after a rating of an agenda measure changed.
  useRevalidateOnStatusChange(
    running && meeting.roundState === 'open' ? meeting.roundId : undefined,
    data.items.flatMap((i) => (i.measureId === null ? [] : [i.measureId])),
  )
  return (
    <article className="space-y-6" aria-labelledby="meeting-title">
      <nav aria-label="Sitzungs-Navigation" className="text-sm">
        <Link to="/sitzungen">← Alle Sitzungen</Link>
      </nav>
      <header className="space-y-1">
        <p className="text-sm text-slate-700">Jour fixe · {meeting.roundName}</p>
        <h1 id="meeting-title" className="text-2xl font-bold">
          {meeting.title}
        </h1>
        <p>
          {formatDate(meeting.date)}
          {meeting.time ? `, ${meeting.time} Uhr` : ''}
          {meeting.location ? ` · ${meeting.location}` : ''} · <span data-testid="meeting-state">Sitzung {t(meetingStateLabel(meeting.state))}</span>
        </p>
      </header>
      <FormMessage error={result?.errors?.form} success={result?.success} />
      <div className="flex flex-wrap items-center gap-3">
        {meeting.state !== 'planned' ? (
          <Link to={`/sitzungen/${meeting.id}/protokoll`} className="btn-secondary no-underline">
            Protokoll ansehen
          </Link>
        ) : null}
        {canManage ? <StateActions /> : null}
      </div>

      {running && hydrated ? (
        <LoadBoundary what="Der Sitzungsmodus" fallback={<Agenda data={data} />}>
          <Suspense fallback={<Agenda data={data} />}>
            <MeetingMode data={data} />
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

function StateActions() {
  const { meeting, items } = useLoaderData<typeof loader>()
  const busy = useNavigation().state === 'submitting'
  if (meeting.state === 'planned') {
    return (
      <>
        <Form method="post">
          <input type="hidden" name="intent" value="start" />
          <button type="submit" className="btn" disabled={busy}>
            Sitzung beginnen
          </button>
        </Form>
        {items.length === 0 ? <p className="text-sm text-slate-700">Zum Beginnen braucht die Tagesordnung mindestens einen Punkt.</p> : null}
        <details>
          <summary className="cursor-pointer text-sm text-brand-700 underline">Sitzung löschen …</summary>
          <Form method="post" className="mt-2">
            <input type="hidden" name="intent" value="delete" />
            <button type="submit" className="btn-danger" disabled={busy}>
              Sitzung endgültig löschen
            </button>
          </Form>
        </details>
      </>
    )
  }
  if (meeting.state === 'running') {
    return (
      <details>
        <summary className="cursor-pointer text-sm text-brand-700 underline">Sitzung beenden …</summary>
        <Form method="post" className="mt-2 space-y-2">
          <p className="text-sm">Danach ist das Protokoll endgültig; Bewertungen lassen sich nur noch in einer neuen Sitzung ändern.</p>
          <input type="hidden" name="intent" value="close" />
          <button type="submit" className="btn-danger" disabled={busy}>
            Sitzung beenden und Protokoll erstellen
          </button>
        </Form>
      </details>
    )
  }
  return null
}

/** The agenda as the server renders it (before meeting mode, and after the meeting). */
function Agenda({ data }: { data: MeetingData }) {
  const { t } = useTranslation()
  const { items, canManage, meeting } = data
  const busy = useNavigation().state === 'submitting'
  const result = useResult(['move', 'remove'])
  return (
    <section aria-labelledby="agenda-title" className="card space-y-3">
      <h2 id="agenda-title" className="text-lg font-semibold">
        Tagesordnung ({items.length} {items.length === 1 ? 'Punkt' : 'Punkte'})
      </h2>
      <FormMessage error={result?.errors?.form} />
      {items.length === 0 ? (
        <p>Noch keine Punkte. {canManage ? 'Unten Vorschläge übernehmen oder Maßnahmen und Ziele von Hand aufnehmen.' : ''}</p>
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
                    <ItemStateBadge state={item.state} /> · aufgenommen: {t(itemReasonLabel(item.reason))}
                    {item.units.length ? ` · ${item.units.map((u) => u.shortName).join(', ')}` : ''}
                  </p>
                  {item.kind === 'measure' ? <ProposalAndAgreed item={item} /> : null}
                  {item.decisionNote ? <p className="text-sm">Beschluss: {item.decisionNote}</p> : null}
                </div>
                {canManage && meeting.state !== 'closed' ? (
                  <div className="flex flex-wrap gap-1">
                    <ItemButton item={item} intent="move" extra={{ direction: 'up' }} disabled={busy || index === 0} label="Nach oben" />
                    <ItemButton item={item} intent="move" extra={{ direction: 'down' }} disabled={busy || index === items.length - 1} label="Nach unten" />
                    {item.state !== 'agreed' ? <ItemButton item={item} intent="remove" disabled={busy} label="Entfernen" /> : null}
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
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="itemId" value={item.id} />
      {Object.entries(extra).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className="btn-secondary px-2 py-1 text-sm" disabled={disabled} aria-label={`${label}: Punkt ${item.number}`}>
        {label}
      </button>
    </Form>
  )
}

function ProposalAndAgreed({ item }: { item: AgendaItem }) {
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <span>Vorschlag:</span>
      <RatingBadge value={item.proposal} kind="proposal" />
      {item.proposalFlags ? <MarkIcons flags={item.proposalFlags} /> : null}
      <span className="ml-2">Abgestimmt:</span>
      {item.agreed !== null || item.agreedFlags ? (
        <>
          <RatingBadge value={item.agreed} kind="agreed" />
          {item.agreedFlags ? <MarkIcons flags={item.agreedFlags} /> : null}
        </>
      ) : (
        <span>noch nicht</span>
      )}
    </div>
  )
}

function AddItems({ data }: { data: MeetingData }) {
  const { t } = useTranslation()
  const busy = useNavigation().state === 'submitting'
  const propose = useResult('propose')
  const add = useResult('add')
  const { proposals, catalogue } = data
  return (
    <section aria-labelledby="add-title" className="card space-y-4">
      <h2 id="add-title" className="text-lg font-semibold">
        Punkte aufnehmen
      </h2>
      <Form method="post" className="space-y-2">
        <input type="hidden" name="intent" value="propose" />
        <fieldset className="space-y-1">
          <legend className="font-medium">Vorschläge ({proposals.length})</legend>
          <p className="text-sm text-slate-700">
            Maßnahmen, die seit der letzten Sitzung geändert wurden, deren Vorschlag von der letzten Abstimmung abweicht, die noch nicht abgestimmt
            sind oder deren Aktualisierung überfällig ist.
          </p>
          <FormMessage error={propose?.errors?.proposals ?? propose?.errors?.items ?? propose?.errors?.form} success={propose?.success} />
          {proposals.length === 0 ? (
            <p>Zurzeit keine Vorschläge.</p>
          ) : (
            <ul className="max-h-96 space-y-1 overflow-y-auto rounded border border-slate-300 p-2" data-testid="proposals">
              {proposals.map((p) => (
                <li key={p.measureId}>
                  <label className="flex items-start gap-2 text-sm">
                    <input type="checkbox" name="measureId" value={p.measureId} className="mt-1 h-4 w-4 accent-brand-700" />
                    <span>
                      <span className="font-medium">
                        Ziel {p.goalNumber}: {p.title}
                      </span>
                      {p.units.length ? ` (${p.units.join(', ')})` : ''} – {p.reasons.map((r) => t(itemReasonLabel(r))).join('; ')}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          )}
        </fieldset>
        {proposals.length ? (
          <button type="submit" className="btn" disabled={busy}>
            Ausgewählte aufnehmen
          </button>
        ) : null}
      </Form>
      <Form method="post" className="flex flex-wrap items-end gap-2">
        <input type="hidden" name="intent" value="add" />
        <SelectField label="Maßnahme oder Ziel von Hand" id="pick" name="pick" className="min-w-0 flex-1" error={add?.errors?.pick}>
          <option value="">– bitte wählen –</option>
          {catalogue.map((g) => (
            <optgroup key={g.goalId} label={`Ziel ${g.goalNumber}`}>
              <option value={`goal:${g.goalId}`}>Ziel {g.goalNumber} als Ganzes: {shorten(g.goalDescription)}</option>
              {g.measures.map((m) => (
                <option key={m.id} value={`measure:${m.id}`}>
                  {shorten(m.title)}
                  {m.units ? ` (${m.units})` : ''}
                </option>
              ))}
            </optgroup>
          ))}
        </SelectField>
        <button type="submit" className="btn-secondary" disabled={busy}>
          Aufnehmen
        </button>
      </Form>
      <FormMessage error={add?.errors?.items ?? add?.errors?.form} success={add?.success} />
    </section>
  )
}

const shorten = (text: string, max = 110) => (text.length > max ? `${text.slice(0, max - 1)}…` : text)

function Attendance({ data }: { data: MeetingData }) {
  const { attendance, candidates, canManage } = data
  const busy = useNavigation().state === 'submitting'
  const result = useResult('attendance')
  const present = new Set(attendance.flatMap((a) => (a.userId === null ? [] : [a.userId])))
  const guests = attendance.filter((a) => a.userId === null)
  return (
    <section aria-labelledby="attendance-title" className="card space-y-2">
      <h2 id="attendance-title" className="text-lg font-semibold">
        Anwesenheit ({attendance.length})
      </h2>
      {!canManage ? (
        <AttendanceList attendance={attendance} testId="attendance" />
      ) : (
        <Form method="post" className="space-y-3">
          <input type="hidden" name="intent" value="attendance" />
          <FormMessage error={result?.errors?.attendance ?? result?.errors?.form} success={result?.success} />
          <fieldset>
            <legend className="font-medium">Anwesende mit Konto</legend>
            <div className="grid gap-1 sm:grid-cols-2 lg:grid-cols-3">
              {candidates.map((c) => (
                <label key={c.id} className="inline-flex items-center gap-2 text-sm">
                  <input type="checkbox" name="userId" value={c.id} defaultChecked={present.has(c.id)} className="h-4 w-4 accent-brand-700" />
                  {c.name}
                </label>
              ))}
            </div>
          </fieldset>
          <TextAreaField
            label="Gäste ohne Konto (eine Zeile je Person: Name; Organisation)"
            name="guests"
            rows={3}
            defaultValue={guests.map((g) => (g.organisation ? `${g.name}; ${g.organisation}` : g.name)).join('\n')}
            error={result?.errors?.guests}
          />
          <button type="submit" className="btn-secondary" disabled={busy}>
            Anwesenheit speichern
          </button>
        </Form>
      )}
    </section>
  )
}

function EditMeeting({ data }: { data: MeetingData }) {
  const { meeting } = data
  const busy = useNavigation().state === 'submitting'
  const result = useResult('update')
  const errors = result?.errors ?? {}
  return (
    <details className="card" open={Object.keys(errors).length > 0}>
      <summary className="cursor-pointer font-semibold">Titel, Datum und Ort ändern</summary>
      <Form method="post" className="mt-3 grid gap-3 sm:grid-cols-2" noValidate>
        <input type="hidden" name="intent" value="update" />
        <TextField label="Titel" name="title" required defaultValue={meeting.title} error={errors.title} />
        <TextField label="Datum" name="date" type="date" required defaultValue={meeting.date} error={errors.date} />
        <TextField label="Uhrzeit (optional)" name="time" type="time" defaultValue={meeting.time ?? ''} error={errors.time} />
        <TextField label="Ort (optional)" name="location" defaultValue={meeting.location} error={errors.location} />
        <div>
          <button type="submit" className="btn-secondary" disabled={busy}>
            Speichern
          </button>
        </div>
      </Form>
    </details>
  )
}
export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
