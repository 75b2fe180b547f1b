import { and, asc, count, eq, inArray, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { DbOrTx } from '../../../db/client'
import { challenges, concepts, fields, goals, measureStatus, measureUnits, measures, meetings, rounds, units, users } from '../../../db/schema'
import { ATTAINMENTS, FLAGS, type Attainment, type Flag, type Flags, type RoundState } from '../../../app/shared/vocabulary'
import { translateKey, type MessageKey, type MessageValues, type T } from '../../../app/shared/i18n'
import { tFor } from '../../../app/shared/i18n/resources'
import { Refusal } from '../refusal'

/**
 * The overview table of a round ("Übersicht: Bewertung der inhaltlichen Zielerreichung der Maßnahmen") as the
 * export builders take it: field → challenge → goal → measures, each measure with the rating to show. Read from the
 * projection tables only (measure_status, never Yjs), in one synchronous pass, so an export sees one state.
 *
 * Which rating a measure shows is the user's choice: `agreed` (the Jour fixe's agreed rating; where a measure has
 * none yet, its proposal, marked as such) or `proposals` (the units' proposals only). A measure "has an agreed
 * rating" once its agreed document was written (all five marks are then non-null), even without an attainment: the
 * historical round agreed P/R marks but no colours, and inventing one is never an option.
 */

export type ValueChoice = 'agreed' | 'proposals'
export const VALUE_PARAM: Record<ValueChoice, string> = { agreed: 'abgestimmt', proposals: 'vorschlaege' }

export type OverviewFilters = {
  field?: number
  unit?: number
  attainment?: Attainment | 'none'
  flag?: Flag
  search?: string
}

export type OverviewMeasure = {
  id: number
  /** "<goal>.<position>", the measure's number in exports and imports. */
  number: string
  title: string
  /** Short names, lead unit(s) first. */
  units: string[]
  attainment: Attainment | null
  flags: Flags
  /** Whose rating is shown: the agreed one, or a proposal (marked "Vorschlag"). */
  kind: 'agreed' | 'proposal'
  narrative: string
  agreedBy: string | null
  /** Unix ms */
  agreedAt: number | null
  meeting: { title: string; date: string } | null
}
export type OverviewGoal = { number: number; description: string; measures: OverviewMeasure[] }
export type OverviewChallenge = { title: string; goals: OverviewGoal[] }
export type OverviewField = { number: number; title: string; challenges: OverviewChallenge[] }

export type OverviewData = {
  concept: { title: string; period: string; region: string }
  round: { id: number; name: string; state: RoundState; period: string }
  /** The day the data stands for (JJJJ-MM-TT): a closed round's closing day, else today. */
  stand: string
  values: ValueChoice
  /** The filters as the export states them (names resolved). */
  filters: { field?: { number: number; title: string }; unit?: { id: number; name: string }; attainment?: Attainment | 'none'; flag?: Flag; search?: string }
  fields: OverviewField[]
}

/** A refusal of an export or import (400 bad input, 404 no such round); `hint` is a second message put into `{{hint}}`. */
export class ReportRefusal extends Refusal {
  override name = 'ReportRefusal'
  constructor(
    key: MessageKey,
    values: MessageValues = {},
    readonly status: 400 | 404 = 400,
    readonly hint?: { key: MessageKey; values?: MessageValues },
  ) {
    super(key, { values })
    this.message = this.text(tFor('de'))
  }

  override text(t: T): string {
    const hint = this.hint ? translateKey(t, this.hint.key, this.hint.values) : ''
    return translateKey(t, this.key, { ...this.values, hint })
  }
}

const MAX_SEARCH = 200

/**
 * The query parameters of the overview page (runde is the route's), strict: a value the page would silently drop is a
 * 400 here, because an export that quietly shows more than asked for would state filters it did not apply.
 * `q` is the overview page's own name for `suche`; both are accepted.
 */
export function parseOverviewQuery(db: DbOrTx, roundId: number, params: URLSearchParams): { values: ValueChoice; filters: OverviewFilters } {
  const bad = (name: string, value: string, hintValues: Record<string, string | number> = {}): never => {
    throw new ReportRefusal('report:errors.badFilter', { name, value }, 400, { key: `report:errors.hint.${name}` as MessageKey, values: hintValues })
  }
  const one = (name: string) => {
    const value = params.get(name)
    return value === null || value === '' ? undefined : value
  }
  const werte = one('werte')
  let values: ValueChoice = 'agreed'
  if (werte !== undefined) {
    const choice = (Object.keys(VALUE_PARAM) as ValueChoice[]).find((key) => VALUE_PARAM[key] === werte)
    if (!choice) bad('werte', werte)
    values = choice!
  }
  const filters: OverviewFilters = {}
  const feld = one('feld')
  if (feld !== undefined) {
    // Counted only for a field filter: an export without one (the usual click) does not pay for the join.
    const fieldCount = statementsOf(db).fieldCount.get({ roundId })?.count ?? 0
    const n = z.coerce.number().int().min(1).max(Math.max(1, fieldCount)).safeParse(feld)
    if (!/^[0-9]+$/.test(feld) || !n.success) bad('feld', feld, { max: fieldCount })
    filters.field = Number(feld)
  }
  const einheit = one('einheit')
  if (einheit !== undefined) {
    const exists = /^[1-9][0-9]{0,9}$/.test(einheit) && db.select({ id: units.id }).from(units).where(eq(units.id, Number(einheit))).get()
    if (!exists) bad('einheit', einheit)
    filters.unit = Number(einheit)
  }
  const bewertung = one('bewertung')
  if (bewertung !== undefined) {
    if (bewertung !== 'none' && !(ATTAINMENTS as readonly string[]).includes(bewertung)) bad('bewertung', bewertung)
    filters.attainment = bewertung as Attainment | 'none'
  }
  const merkmal = one('merkmal')
  if (merkmal !== undefined) {
    if (!(FLAGS as readonly string[]).includes(merkmal)) bad('merkmal', merkmal)
    filters.flag = merkmal as Flag
  }
  const suche = (one('suche') ?? one('q'))?.trim()
  if (suche) {
    if (suche.length > MAX_SEARCH) bad('suche', `${suche.slice(0, 20)}…`)
    filters.search = suche
  }
  return { values, filters }
}

type RoundRow = { id: number; name: string; state: RoundState; period: string; conceptId: number; closedAt: number | null }

/** The round, or a 404 refusal. */
export function requireRound(db: DbOrTx, roundId: number): RoundRow {
  const round = statementsOf(db).round.get({ roundId })
  if (!round) throw new ReportRefusal('report:errors.roundNotFound', { id: roundId }, 404)
  return round
}

// Every export request checks its round and filters before anything is built: prepared once per database (unprepared,
// drizzle builds the query and SQLite compiles it on every call, several times the cost of running it).
const statements = new WeakMap<DbOrTx, ReturnType<typeof prepareStatements>>()
function statementsOf(db: DbOrTx) {
  let found = statements.get(db)
  if (!found) statements.set(db, (found = prepareStatements(db)))
  return found
}
const prepareStatements = (db: DbOrTx) => ({
  round: db
    .select({ id: rounds.id, name: rounds.name, state: rounds.state, period: rounds.period, conceptId: rounds.conceptId, closedAt: rounds.closedAt })
    .from(rounds)
    .where(eq(rounds.id, sql.placeholder('roundId')))
    .prepare(),
  fieldCount: db
    .select({ count: count() })
    .from(fields)
    .innerJoin(rounds, eq(rounds.conceptId, fields.conceptId))
    .where(eq(rounds.id, sql.placeholder('roundId')))
    .prepare(),
})

/** Today in Berlin, or a closed round's closing day in Berlin (JJJJ-MM-TT). */
function berlinDay(ms: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms)
}

export function overviewData(db: DbOrTx, roundId: number, values: ValueChoice, filters: OverviewFilters, now = Date.now()): OverviewData {
  const round = requireRound(db, roundId)
  const concept = db
    .select({ title: concepts.title, period: concepts.period, region: concepts.region })
    .from(concepts)
    .where(eq(concepts.id, round.conceptId))
    .get()
  const fieldRows = db
    .select({ id: fields.id, number: fields.number, title: fields.title })
    .from(fields)
    .where(eq(fields.conceptId, round.conceptId))
    .orderBy(asc(fields.number))
    .all()
  if (!concept || fieldRows.length === 0) throw new ReportRefusal('report:errors.noConcept', { name: round.name }, 404)

  const challengeRows = db
    .select({ id: challenges.id, fieldId: challenges.fieldId, title: challenges.title })
    .from(challenges)
    .where(inArray(challenges.fieldId, fieldRows.map((f) => f.id)))
    .orderBy(asc(challenges.position))
    .all()
  const goalRows = db
    .select({ id: goals.id, challengeId: goals.challengeId, number: goals.number, description: goals.description })
    .from(goals)
    .where(eq(goals.conceptId, round.conceptId))
    .orderBy(asc(goals.number))
    .all()
  const measureRows = db
    .select({ id: measures.id, goalId: measures.goalId, position: measures.position, title: measures.title })
    .from(measures)
    .innerJoin(goals, eq(goals.id, measures.goalId))
    .where(eq(goals.conceptId, round.conceptId))
    .orderBy(asc(measures.position))
    .all()
  const statusRows = db
    .select({
      measureId: measureStatus.measureId,
      pA: measureStatus.proposalAttainment,
      pM: measureStatus.proposalMandatory,
      pR: measureStatus.proposalRoutine,
      pC: measureStatus.proposalContinue,
      pQ: measureStatus.proposalResponsibilityQuestionable,
      pX: measureStatus.proposalChangedConditions,
      aA: measureStatus.agreedAttainment,
      aM: measureStatus.agreedMandatory,
      aR: measureStatus.agreedRoutine,
      aC: measureStatus.agreedContinue,
      aQ: measureStatus.agreedResponsibilityQuestionable,
      aX: measureStatus.agreedChangedConditions,
      narrative: measureStatus.narrativeText,
      agreedAt: measureStatus.agreedAt,
      agreedBy: users.name,
      meetingTitle: meetings.title,
      meetingDate: meetings.date,
    })
    .from(measureStatus)
    .leftJoin(users, eq(users.id, measureStatus.agreedBy))
    .leftJoin(meetings, eq(meetings.id, measureStatus.agreedInMeeting))
    .where(eq(measureStatus.roundId, round.id))
    .all()
  const statusBy = new Map(statusRows.map((s) => [s.measureId, s]))
  const unitRows = db
    .select({ measureId: measureUnits.measureId, unitId: units.id, shortName: units.shortName, role: measureUnits.role })
    .from(measureUnits)
    .innerJoin(units, eq(units.id, measureUnits.unitId))
    .orderBy(asc(units.shortName))
    .all()
  const unitsBy = new Map<number, { ids: number[]; lead: string[]; contributing: string[] }>()
  for (const u of unitRows) {
    const entry = unitsBy.get(u.measureId) ?? { ids: [], lead: [], contributing: [] }
    entry.ids.push(u.unitId)
    entry[u.role === 'lead' ? 'lead' : 'contributing'].push(u.shortName)
    unitsBy.set(u.measureId, entry)
  }

  const goalNumberById = new Map(goalRows.map((g) => [g.id, g.number]))
  const measuresByGoal = new Map<number, (OverviewMeasure & { unitIds: number[] })[]>()
  for (const m of measureRows) {
    const s = statusBy.get(m.id)
    const hasAgreed = !!s && (s.aA !== null || s.aM !== null)
    const showAgreed = values === 'agreed' && hasAgreed
    const proposalFlags: Flags = { mandatory: !!s?.pM, routine: !!s?.pR, continue: !!s?.pC, responsibilityQuestionable: !!s?.pQ, changedConditions: !!s?.pX }
    const agreedFlags: Flags = { mandatory: !!s?.aM, routine: !!s?.aR, continue: !!s?.aC, responsibilityQuestionable: !!s?.aQ, changedConditions: !!s?.aX }
    const u = unitsBy.get(m.id)
    const list = measuresByGoal.get(m.goalId) ?? []
    list.push({
      id: m.id,
      number: `${goalNumberById.get(m.goalId)}.${m.position}`,
      title: m.title,
      units: u ? [...u.lead, ...u.contributing] : [],
      unitIds: u?.ids ?? [],
      attainment: showAgreed ? (s?.aA ?? null) : (s?.pA ?? null),
      flags: showAgreed ? agreedFlags : proposalFlags,
      kind: showAgreed ? 'agreed' : 'proposal',
      narrative: s?.narrative ?? '',
      agreedBy: hasAgreed ? (s?.agreedBy ?? null) : null,
      agreedAt: hasAgreed ? (s?.agreedAt ?? null) : null,
      meeting: hasAgreed && s?.meetingTitle && s.meetingDate ? { title: s.meetingTitle, date: s.meetingDate } : null,
    })
    measuresByGoal.set(m.goalId, list)
  }

  const needle = filters.search?.toLocaleLowerCase('de')
  const shownFields: OverviewField[] = []
  for (const field of fieldRows) {
    if (filters.field !== undefined && field.number !== filters.field) continue
    const shownChallenges: OverviewChallenge[] = []
    for (const challenge of challengeRows.filter((c) => c.fieldId === field.id)) {
      const shownGoals: OverviewGoal[] = []
      for (const goal of goalRows.filter((g) => g.challengeId === challenge.id)) {
        // The overview page's rule (app/routes/catalogue/overview.server.ts): a goal hit by the search keeps all its
        // measures; otherwise a measure must match the search itself.
        const goalHit = !needle || `ziel ${goal.number} ${goal.description}`.toLocaleLowerCase('de').includes(needle) || String(goal.number) === needle
        const list = (measuresByGoal.get(goal.id) ?? []).filter((m) => {
          if (filters.unit !== undefined && !m.unitIds.includes(filters.unit)) return false
          if (filters.attainment !== undefined && (filters.attainment === 'none' ? m.attainment !== null : m.attainment !== filters.attainment)) return false
          if (filters.flag !== undefined && !m.flags[filters.flag]) return false
          if (needle && !goalHit && !m.title.toLocaleLowerCase('de').includes(needle)) return false
          return true
        })
        // Ratings live on measures only: a goal is shown with the measures that match, never on its own.
        if (list.length === 0) continue
        shownGoals.push({ number: goal.number, description: goal.description, measures: list.map(({ unitIds: _unitIds, ...m }) => m) })
      }
      if (shownGoals.length > 0) shownChallenges.push({ title: challenge.title, goals: shownGoals })
    }
    if (shownChallenges.length > 0) shownFields.push({ number: field.number, title: field.title, challenges: shownChallenges })
  }

  const fieldFilter = filters.field === undefined ? undefined : fieldRows.find((f) => f.number === filters.field)
  const unitFilter =
    filters.unit === undefined ? undefined : db.select({ id: units.id, name: units.name }).from(units).where(and(eq(units.id, filters.unit))).get()
  return {
    concept,
    round: { id: round.id, name: round.name, state: round.state, period: round.period },
    stand: berlinDay(round.state === 'closed' && round.closedAt !== null ? round.closedAt : now),
    values,
    filters: {
      ...(fieldFilter ? { field: { number: fieldFilter.number, title: fieldFilter.title } } : {}),
      ...(unitFilter ? { unit: unitFilter } : {}),
      ...(filters.attainment ? { attainment: filters.attainment } : {}),
      ...(filters.flag ? { flag: filters.flag } : {}),
      ...(filters.search ? { search: filters.search } : {}),
    },
    fields: shownFields,
  }
}
