import { and, asc, eq, inArray } from 'drizzle-orm'
import type { DbOrTx } from '../../../db/client'
import { challenges, fields, goals, measureStatus, measureUnits, measures, units } from '../../../db/schema'
import { type Attainment } from '../../../app/shared/vocabulary'
import type { RoundInfo } from './lookup'

export type { RoundInfo } from './lookup'

type StatusBits = { updatedAt: number | null; proposal: Attainment | null; narrative: string }

/**
 * Whether a unit has worked on a measure in this round. A touch through the live document stamps updated_at.
 * A round opened from a previous one carries proposals and narratives over, so there values alone prove
 * nothing; in a round without a predecessor (e.g. imported data) a proposal or narrative counts as an update.
 */
export function isUpdated(s: StatusBits | undefined, round: Pick<RoundInfo, 'previousRoundId'>): boolean {
  if (!s) return false
  if (s.updatedAt !== null) return true
  return round.previousRoundId === null && (s.proposal !== null || s.narrative.trim() !== '')
}

const statusColumns = {
  measureId: measureStatus.measureId,
  updatedAt: measureStatus.updatedAt,
  proposal: measureStatus.proposalAttainment,
  agreed: measureStatus.agreedAttainment,
  narrative: measureStatus.narrativeText,
}

export type TodoItem = {
  measureId: number
  title: string
  goalNumber: number
  goalDescription: string
  unitId: number
  role: 'lead' | 'contributing'
  updated: boolean
  proposal: Attainment | null
  agreed: Attainment | null
}

/** The measures of some units in one round, with whether each has been updated yet; goal order. */
export function unitTodo(db: DbOrTx, round: RoundInfo, unitIds: number[]): TodoItem[] {
  if (unitIds.length === 0) return []
  const rows = db
    .select({
      measureId: measures.id,
      title: measures.title,
      goalNumber: goals.number,
      goalDescription: goals.description,
      unitId: measureUnits.unitId,
      role: measureUnits.role,
      updatedAt: measureStatus.updatedAt,
      proposal: measureStatus.proposalAttainment,
      agreed: measureStatus.agreedAttainment,
      narrative: measureStatus.narrativeText,
    })
    .from(measureUnits)
    .innerJoin(measures, eq(measures.id, measureUnits.measureId))
    .innerJoin(goals, eq(goals.id, measures.goalId))
    .leftJoin(measureStatus, and(eq(measureStatus.measureId, measures.id), eq(measureStatus.roundId, round.id)))
    .where(inArray(measureUnits.unitId, unitIds))
    .orderBy(asc(goals.number), asc(measures.position), asc(measureUnits.unitId))
    .all()
  return rows.map((r) => ({
    measureId: r.measureId,
    title: r.title,
    goalNumber: r.goalNumber,
    goalDescription: r.goalDescription,
    unitId: r.unitId,
    role: r.role,
    // narrative_text is NOT NULL: null here means the round has no status row for the measure.
    updated: isUpdated(r.narrative === null ? undefined : { updatedAt: r.updatedAt, proposal: r.proposal, narrative: r.narrative }, round),
    proposal: r.proposal,
    agreed: r.agreed,
  }))
}

export type Counts = { measures: number; updated: number; proposed: number; agreed: number }
export type ProgressRow = Counts & { id: number; label: string }

const zero = (): Counts => ({ measures: 0, updated: 0, proposed: 0, agreed: 0 })

/** Per unit (every assigned measure, lead or contributing) and per field (every measure): how far the round is. */
export function roundProgress(db: DbOrTx, round: RoundInfo): { units: ProgressRow[]; fields: ProgressRow[]; total: Counts } {
  const statuses = new Map(db.select(statusColumns).from(measureStatus).where(eq(measureStatus.roundId, round.id)).all().map((s) => [s.measureId, s]))
  const add = (c: Counts, measureId: number) => {
    const s = statuses.get(measureId)
    c.measures++
    if (isUpdated(s, round)) c.updated++
    if (s?.proposal) c.proposed++
    if (s?.agreed) c.agreed++
  }

  const fieldRows = db.select({ id: fields.id, number: fields.number, title: fields.title }).from(fields).orderBy(asc(fields.number)).all()
  const byField = new Map(fieldRows.map((f) => [f.id, { id: f.number, label: `${f.number}. ${f.title}`, ...zero() }]))
  const total = zero()
  const measureRows = db
    .select({ id: measures.id, fieldId: challenges.fieldId })
    .from(measures)
    .innerJoin(goals, eq(goals.id, measures.goalId))
    .innerJoin(challenges, eq(challenges.id, goals.challengeId))
    .all()
  for (const m of measureRows) {
    add(byField.get(m.fieldId)!, m.id)
    add(total, m.id)
  }

  const assignments = db
    .select({ unitId: units.id, name: units.name, measureId: measureUnits.measureId })
    .from(measureUnits)
    .innerJoin(units, eq(units.id, measureUnits.unitId))
    .where(eq(units.active, true))
    .orderBy(asc(units.name))
    .all()
  const byUnit = new Map<number, ProgressRow>()
  for (const a of assignments) {
    const row = byUnit.get(a.unitId) ?? { id: a.unitId, label: a.name, ...zero() }
    add(row, a.measureId)
    byUnit.set(a.unitId, row)
  }
  return { units: [...byUnit.values()], fields: [...byField.values()], total }
}

/** Units that have measures, for the commissioner's and coordinators' picker on the to-do page. */
export function unitsWithMeasures(db: DbOrTx) {
  return db
    .selectDistinct({ id: units.id, name: units.name })
    .from(units)
    .innerJoin(measureUnits, eq(measureUnits.unitId, units.id))
    .where(eq(units.active, true))
    .orderBy(asc(units.name))
    .all()
}
