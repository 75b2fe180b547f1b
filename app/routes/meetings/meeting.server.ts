import { data, redirect, type RouterContextProvider } from 'react-router'
import { asc, eq } from 'drizzle-orm'
import { z } from 'zod'
import { goals, measureUnits, measures } from '../../../db/schema'
import { getT, getServices, notFound, reasonText, requireRole, requireUserWithAbility, forbidden } from '../../../server/auth/require'
import { agreedDocumentName, goalDocumentName, measureDocumentName, meetingDocumentName } from '../../shared/live/names'
import { can, decide, type Actor } from '../../../server/policies/can'
import { unitsByMeasure } from '../../../server/services/catalogue/catalogue'
import {
  addItems,
  agendaProposals,
  attendanceCandidates,
  closeMeeting,
  deleteMeeting,
  meetingDetail,
  MeetingError,
  moveItem,
  removeItem,
  setAttendance,
  startMeeting,
  updateMeeting,
  type AgendaPick,
} from '../../../server/services/meetings/meetings'
import { measureTimeline } from '../../../server/services/catalogue/timeline'
import { AGREED_MAP, CURRENT_KEY, itemNoteKey, itemStateKey, MAX_DECISION_NOTE, MEETING_MAP } from '~/shared/live/layout'
import { FLAGS } from '~/shared/vocabulary'
import { berlinToday } from '~/shared/dates'
import { idField, parseForm } from '~/shared/forms'
import { ATTAINMENTS } from '~/shared/vocabulary'
import { MeetingSchema } from './meetings.server'

type Ctx = Readonly<RouterContextProvider>

const IdSchema = z.coerce.number().int().positive().max(2 ** 31 - 1)

function meetingIdOf(param: string | undefined): number {
  const id = IdSchema.safeParse(param)
  if (!id.success) throw notFound(`Eine Sitzung „${param ?? ''}“ gibt es nicht.`)
  return id.data
}

function detailOr404(context: Ctx, id: number) {
  try {
    return meetingDetail(getServices(context).db, id)
  } catch (error) {
    if (error instanceof MeetingError) throw notFound(error.message)
    throw error
  }
}

export function loadMeeting(context: Ctx, request: Request, param: string | undefined) {
  const auth = requireUserWithAbility(context, request, 'internal.read')
  const { db } = getServices(context)
  const detail = detailOr404(context, meetingIdOf(param))
  const { meeting } = detail
  const subject = { state: meeting.state, roundState: meeting.roundState }
  const canManage = can(auth.actor, 'meeting.manage', subject)
  const measureIds = detail.items.flatMap((i) => (i.measureId === null ? [] : [i.measureId]))
  const timelines = measureTimeline(db, measureIds)
  return {
    meeting,
    attendance: detail.attendance,
    items: detail.items.map((item) => {
      // The item's own live document (measure: proposal and narrative; goal: its narrative), co-edited in the
      // meeting by whoever may edit it anyway.
      const unitIds = item.kind === 'measure' ? item.units.map((u) => u.id) : goalUnitIds(context, item.goalId!)
      const open = meeting.roundState === 'open'
      return {
        ...item,
        timeline: item.measureId === null ? [] : (timelines.get(item.measureId) ?? []),
        agreedDocument: item.measureId === null || !open ? null : agreedDocumentName(meeting.roundId, item.measureId),
        liveDocument: !open ? null : item.measureId === null ? goalDocumentName(meeting.roundId, item.goalNumber) : measureDocumentName(meeting.roundId, item.measureId),
        canEdit: can(auth.actor, 'work.edit', { kind: item.kind, unitIds, roundState: meeting.roundState }),
      }
    }),
    live: {
      meetingDocument: meetingDocumentName(meeting.roundId, meeting.id),
      me: { id: auth.user.id, name: auth.user.name, unit: '' },
    },
    canManage,
    canRun: can(auth.actor, 'meeting.run', subject),
    canAgree: can(auth.actor, 'meeting.run', subject) && can(auth.actor, 'work.agree', { state: meeting.roundState }),
    proposals: canManage ? agendaProposals(db, meeting.id, berlinToday()) : [],
    catalogue: canManage ? catalogueOptions(context) : [],
    candidates: canManage ? attendanceCandidates(db) : [],
  }
}

/** The units responsible for any measure of a goal (who may edit the goal's narrative). */
function goalUnitIds(context: Ctx, goalId: number): number[] {
  const { db } = getServices(context)
  return db
    .selectDistinct({ unitId: measureUnits.unitId })
    .from(measureUnits)
    .innerJoin(measures, eq(measures.id, measureUnits.measureId))
    .where(eq(measures.goalId, goalId))
    .all()
    .map((r) => r.unitId)
}

/** Goals with their measures, for picking agenda items by hand. */
function catalogueOptions(context: Ctx) {
  const { db } = getServices(context)
  const rows = db
    .select({ goalId: goals.id, goalNumber: goals.number, goalDescription: goals.description, measureId: measures.id, title: measures.title })
    .from(goals)
    .innerJoin(measures, eq(measures.goalId, goals.id))
    .orderBy(asc(goals.number), asc(measures.position))
    .all()
  const units = unitsByMeasure(db)
  const list: { goalId: number; goalNumber: number; goalDescription: string; measures: { id: number; title: string; units: string }[] }[] = []
  for (const r of rows) {
    let goal = list.at(-1)
    if (!goal || goal.goalId !== r.goalId) {
      goal = { goalId: r.goalId, goalNumber: r.goalNumber, goalDescription: r.goalDescription, measures: [] }
      list.push(goal)
    }
    goal.measures.push({ id: r.measureId, title: r.title, units: (units.get(r.measureId) ?? []).map((u) => u.shortName).join(', ') })
  }
  return list
}

// ── Actions ──────────────────────────────────────────────────────────────────────────────────────────────

const itemId = idField('Der Tagesordnungspunkt')
const bool = z.preprocess((v) => v === 'on' || v === 'true' || v === '1', z.boolean())

const ActionSchema = z.discriminatedUnion('intent', [
  MeetingSchema.extend({ intent: z.literal('update') }),
  z.object({ intent: z.enum(['start', 'close', 'delete']) }),
  z.object({ intent: z.literal('add'), pick: z.string({ message: 'Bitte eine Maßnahme oder ein Ziel auswählen.' }).regex(/^(measure|goal):[1-9][0-9]{0,9}$/, 'Bitte eine Maßnahme oder ein Ziel auswählen.') }),
  z.object({ intent: z.literal('propose') }),
  z.object({ intent: z.literal('remove'), itemId }),
  z.object({ intent: z.literal('move'), itemId, direction: z.enum(['up', 'down'], { message: 'Richtung ist ungültig.' }) }),
  z.object({ intent: z.literal('attendance'), guests: z.string({ message: 'Die Gästeliste ist ungültig.' }).max(5000, 'Die Gästeliste ist zu lang.').default('') }),
  z.object({ intent: z.literal('step'), itemId }),
  z.object({ intent: z.literal('state'), itemId, state: z.enum(['open', 'discussed', 'agreed', 'deferred'], { message: 'Diesen Stand gibt es nicht.' }) }),
  z.object({ intent: z.literal('note'), itemId, note: z.string({ message: 'Die Beschlussnotiz fehlt.' }).max(MAX_DECISION_NOTE, `Die Beschlussnotiz darf höchstens ${MAX_DECISION_NOTE} Zeichen lang sein.`) }),
  z.object({
    intent: z.literal('agree'),
    itemId,
    attainment: z.enum(ATTAINMENTS, { message: 'Bitte eine Bewertung wählen: hoch, mittel, gering oder unklar.' }),
    mandatory: bool,
    routine: bool,
    continue: bool,
    responsibilityQuestionable: bool,
    changedConditions: bool,
  }),
])

type Parsed = z.infer<typeof ActionSchema>

const GUEST_LINE = /^([^;]{1,120})(?:;\s*(.{0,160}))?$/

function parseGuests(text: string): { name: string; organisation: string }[] {
  const guests = []
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim()
    if (line === '') continue
    const match = GUEST_LINE.exec(line)
    if (!match) throw new MeetingError(`Gäste, Zeile ${index + 1}: bitte „Name; Organisation“ (Name höchstens 120 Zeichen).`, 'guests')
    guests.push({ name: match[1]!.trim(), organisation: (match[2] ?? '').trim() })
  }
  if (guests.length > 100) throw new MeetingError('Höchstens 100 Gäste.', 'guests')
  return guests
}

export async function changeMeeting(context: Ctx, request: Request, param: string | undefined) {
  const auth = requireRole(context, request, 'meeting.manage')
  const services = getServices(context)
  const { db } = services
  const id = meetingIdOf(param)
  const detail = detailOr404(context, id)
  const { meeting } = detail
  const form = await request.formData()
  const intent = String(form.get('intent') ?? '')
  const target = Number(form.get('itemId')) || undefined
  const parsed = parseForm(ActionSchema, form, getT(context))
  if (!parsed.ok) {
    return data({ intent, target, errors: parsed.errors.intent ? { form: 'Unbekannte Aktion.' } : parsed.errors }, { status: 400 })
  }
  const input: Parsed = parsed.data
  const live = services.live
  const item = 'itemId' in input ? detail.items.find((i) => i.id === input.itemId) : undefined
  try {
    if ('itemId' in input && !item) throw new MeetingError('Diesen Tagesordnungspunkt gibt es in dieser Sitzung nicht.')
    switch (input.intent) {
      case 'update':
        updateMeeting(db, id, input)
        return { intent, success: 'Gespeichert.' }
      case 'delete':
        deleteMeeting(db, id)
        return redirect('/sitzungen')
      case 'start':
        startMeeting(db, id)
        live.recheckRound(meeting.roundId)
        return { intent, success: 'Die Sitzung läuft. Die Bildschirme der Teilnehmenden folgen Ihrem Tagesordnungspunkt.' }
      case 'close':
        closeMeeting(db, id)
        live.recheckRound(meeting.roundId)
        return redirect(`/sitzungen/${id}/protokoll`)
      case 'add': {
        const [kind, value] = input.pick.split(':') as ['measure' | 'goal', string]
        const pick: AgendaPick = kind === 'measure' ? { measureId: Number(value) } : { goalId: Number(value) }
        const added = addItems(db, id, [pick])
        return { intent, success: added ? 'Aufgenommen.' : 'Dieser Punkt steht schon auf der Tagesordnung.' }
      }
      case 'propose': {
        const chosen = form.getAll('measureId').map((v) => IdSchema.safeParse(v))
        if (chosen.some((c) => !c.success)) throw new MeetingError('Die Auswahl enthält eine ungültige Maßnahme.', 'proposals')
        const proposals = agendaProposals(db, id, berlinToday())
        const picks = chosen.map((c) => {
          const measureId = c.data!
          const proposal = proposals.find((p) => p.measureId === measureId)
          return { measureId, reason: proposal?.reasons[0] ?? ('manual' as const) }
        })
        if (picks.length === 0) throw new MeetingError('Bitte mindestens einen Vorschlag ankreuzen.', 'proposals')
        const added = addItems(db, id, picks)
        return { intent, success: `${added} ${added === 1 ? 'Punkt' : 'Punkte'} aufgenommen.` }
      }
      case 'remove':
        removeItem(db, id, input.itemId)
        return { intent, success: 'Entfernt.' }
      case 'move':
        moveItem(db, id, input.itemId, input.direction)
        return { intent, target, success: 'Verschoben.' }
      case 'attendance': {
        const userIds = form.getAll('userId').map((v) => IdSchema.safeParse(v))
        if (userIds.some((u) => !u.success)) throw new MeetingError('Die Auswahl enthält ein ungültiges Konto.', 'attendance')
        setAttendance(db, id, userIds.map((u) => u.data!), parseGuests(input.guests))
        return { intent, success: 'Anwesenheit gespeichert.' }
      }
      case 'step':
      case 'state':
      case 'note':
      case 'agree':
        return await liveAction(context, auth.actor, auth.user.id, detail, input, item!)
    }
  } catch (error) {
    if (error instanceof MeetingError) return data({ intent, target, errors: { [error.field]: error.message } }, { status: 400 })
    throw error
  }
}

type Detail = ReturnType<typeof meetingDetail>

/** What meeting mode does live, for forms without JavaScript (and the same checks the live path has). */
async function liveAction(context: Ctx, actor: Actor, userId: number, detail: Detail, input: Extract<Parsed, { intent: 'step' | 'state' | 'note' | 'agree' }>, item: Detail['items'][number]) {
  const { meeting } = detail
  const { live } = getServices(context)
  const verdict = decide(actor, 'meeting.run', { state: meeting.state, roundState: meeting.roundState })
  if (verdict === 'forbidden') throw forbidden(reasonText(context, verdict))
  if (verdict !== 'allowed') throw new MeetingError(reasonText(context, verdict))
  const meetingDoc = meetingDocumentName(meeting.roundId, meeting.id)
  switch (input.intent) {
    case 'step':
      await live.edit(meetingDoc, userId, (doc) => {
        const map = doc.getMap(MEETING_MAP)
        map.set(CURRENT_KEY, item.id)
        if ((map.get(itemStateKey(item.id)) ?? 'open') === 'open') map.set(itemStateKey(item.id), 'discussed')
      })
      return { intent: input.intent, target: item.id, success: `Punkt ${item.number} aufgerufen.` }
    case 'state':
      if (input.state === 'agreed' && item.kind === 'measure' && item.agreed === null) {
        throw new MeetingError('Erst eine Bewertung abstimmen, dann den Punkt als abgestimmt markieren.')
      }
      await live.edit(meetingDoc, userId, (doc) => doc.getMap(MEETING_MAP).set(itemStateKey(item.id), input.state))
      return { intent: input.intent, target: item.id, success: 'Stand gespeichert.' }
    case 'note':
      await live.edit(meetingDoc, userId, (doc) => doc.getMap(MEETING_MAP).set(itemNoteKey(item.id), input.note.trim()))
      return { intent: input.intent, target: item.id, success: 'Beschlussnotiz gespeichert.' }
    case 'agree': {
      if (item.kind !== 'measure' || item.measureId === null) throw new MeetingError('Abgestimmt wird die Bewertung einer Maßnahme, nicht eines Ziels.')
      if (!can(actor, 'work.agree', { state: meeting.roundState })) throw forbidden(reasonText(context, 'forbidden'))
      await live.edit(agreedDocumentName(meeting.roundId, item.measureId), userId, (doc) => {
        const map = doc.getMap(AGREED_MAP)
        map.set('attainment', input.attainment)
        for (const flag of FLAGS) map.set(flag, input[flag])
        map.set('meetingId', meeting.id)
      })
      await live.edit(meetingDoc, userId, (doc) => doc.getMap(MEETING_MAP).set(itemStateKey(item.id), 'agreed'))
      return { intent: input.intent, target: item.id, success: 'Bewertung abgestimmt.' }
    }
  }
}
