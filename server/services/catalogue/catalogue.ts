import { asc, desc, eq, gt, inArray, lt } from 'drizzle-orm'
import type { DbOrTx } from '../../../db/client'
import { challenges, fields, goals, measureStatus, measureUnits, measures, rounds, units } from '../../../db/schema'
import { type Attainment, type RoundState } from '../../../app/shared/vocabulary'

export type RoundSummary = { id: number; name: string; state: RoundState; period: string; dueDate: string | null; demo: boolean }

export function listRounds(db: DbOrTx): RoundSummary[] {
  return db
    .select({ id: rounds.id, name: rounds.name, state: rounds.state, period: rounds.period, dueDate: rounds.dueDate, demo: rounds.demo })
    .from(rounds)
    .orderBy(desc(rounds.createdAt), desc(rounds.id))
    .all()
}

/** The round pages show by default: the newest open one, else the newest closed one; a demo round only when it is all there is. */
export function currentRound(db: DbOrTx, all = listRounds(db)): RoundSummary | undefined {
  const real = all.filter((r) => !r.demo)
  return real.find((r) => r.state === 'open') ?? real.find((r) => r.state === 'closed') ?? real[0] ?? all[0]
}

/** The round a page asks for (`?runde=`), else the current one. */
export function roundOrCurrent(db: DbOrTx, roundId: number | undefined, all = listRounds(db)): RoundSummary | undefined {
  return all.find((r) => r.id === roundId) ?? currentRound(db, all)
}

export type FlagSet = {
  mandatory: boolean
  routine: boolean
  continue: boolean
  responsibilityQuestionable: boolean
  changedConditions: boolean
}

export type MeasureRow = {
  id: number
  goalId: number
  position: number
  title: string
  sourceUncertain: boolean
  proposal: Attainment | null
  agreed: Attainment | null
  /** Agreed marks where the Jour fixe agreed them, else the proposal's. */
  flags: FlagSet
  units: { id: number; shortName: string; name: string; role: 'lead' | 'contributing' }[]
}

/** The ten mark columns (proposal pM…pX, agreed aM…aX), read by effectiveFlags/proposalFlags/agreedFlags. */
export const flagColumns = {
  pM: measureStatus.proposalMandatory,
  pR: measureStatus.proposalRoutine,
  pC: measureStatus.proposalContinue,
  pQ: measureStatus.proposalResponsibilityQuestionable,
  pX: measureStatus.proposalChangedConditions,
  aM: measureStatus.agreedMandatory,
  aR: measureStatus.agreedRoutine,
  aC: measureStatus.agreedContinue,
  aQ: measureStatus.agreedResponsibilityQuestionable,
  aX: measureStatus.agreedChangedConditions,
}

const statusColumns = {
  measureId: measureStatus.measureId,
  proposalAttainment: measureStatus.proposalAttainment,
  agreedAttainment: measureStatus.agreedAttainment,
  agreedAt: measureStatus.agreedAt,
  ...flagColumns,
}

type StatusRow = {
  pM: boolean
  pR: boolean
  pC: boolean
  pQ: boolean
  pX: boolean
  aM: boolean | null
  aR: boolean | null
  aC: boolean | null
  aQ: boolean | null
  aX: boolean | null
}

export function effectiveFlags(s: StatusRow | undefined): FlagSet {
  if (!s) return { mandatory: false, routine: false, continue: false, responsibilityQuestionable: false, changedConditions: false }
  return {
    mandatory: s.aM ?? s.pM,
    routine: s.aR ?? s.pR,
    continue: s.aC ?? s.pC,
    responsibilityQuestionable: s.aQ ?? s.pQ,
    changedConditions: s.aX ?? s.pX,
  }
}

export function proposalFlags(s: StatusRow): FlagSet {
  return { mandatory: s.pM, routine: s.pR, continue: s.pC, responsibilityQuestionable: s.pQ, changedConditions: s.pX }
}

export function agreedFlags(s: StatusRow): FlagSet | null {
  if (s.aM === null) return null
  return { mandatory: !!s.aM, routine: !!s.aR, continue: !!s.aC, responsibilityQuestionable: !!s.aQ, changedConditions: !!s.aX }
}

export function unitsByMeasure(db: DbOrTx, measureIds?: number[]) {
  const query = db
    .select({ measureId: measureUnits.measureId, id: units.id, shortName: units.shortName, name: units.name, role: measureUnits.role })
    .from(measureUnits)
    .innerJoin(units, eq(units.id, measureUnits.unitId))
  const rows = (measureIds ? query.where(inArray(measureUnits.measureId, measureIds)) : query)
    .orderBy(desc(measureUnits.role), asc(units.shortName))
    .all()
  const map = new Map<number, MeasureRow['units']>()
  for (const { measureId, ...unit } of rows) {
    const list = map.get(measureId) ?? []
    list.push(unit)
    map.set(measureId, list)
  }
  return map
}

/**
 * The units responsible for any measure of a goal: who may edit the goal's narrative (the `unitIds` of a goal's
 * WorkSubject). The one definition for the goal page, the meeting page and the collaboration server.
 */
export function goalUnitIds(db: DbOrTx, goalId: number): number[] {
  return db
    .selectDistinct({ unitId: measureUnits.unitId })
    .from(measureUnits)
    .innerJoin(measures, eq(measures.id, measureUnits.measureId))
    .where(eq(measures.goalId, goalId))
    .orderBy(asc(measureUnits.unitId))
    .all()
    .map((r) => r.unitId)
}

/** Every unit by name, for choosing one (the overview's filter). */
export function unitChoices(db: DbOrTx): { id: number; name: string }[] {
  return db.select({ id: units.id, name: units.name }).from(units).orderBy(asc(units.name)).all()
}

/** The whole catalogue with the ratings of one round: fields → challenges → goals → measures. */
export function catalogueTree(db: DbOrTx, roundId: number | undefined) {
  const fieldRows = db.select({ id: fields.id, number: fields.number, title: fields.title }).from(fields).orderBy(asc(fields.number)).all()
  const challengeRows = db
    .select({ id: challenges.id, fieldId: challenges.fieldId, title: challenges.title, position: challenges.position })
    .from(challenges)
    .orderBy(asc(challenges.fieldId), asc(challenges.position))
    .all()
  const goalRows = db
    .select({ id: goals.id, challengeId: goals.challengeId, number: goals.number, description: goals.description })
    .from(goals)
    .orderBy(asc(goals.number))
    .all()
  const measureRows = db
    .select({ id: measures.id, goalId: measures.goalId, position: measures.position, title: measures.title, sourceUncertain: measures.sourceUncertain })
    .from(measures)
    .orderBy(asc(measures.goalId), asc(measures.position))
    .all()
  const statusRows = roundId
    ? db.select(statusColumns).from(measureStatus).where(eq(measureStatus.roundId, roundId)).all()
    : []
  const statusBy = new Map(statusRows.map((s) => [s.measureId, s]))
  const unitMap = unitsByMeasure(db)

  const measuresByGoal = new Map<number, MeasureRow[]>()
  for (const m of measureRows) {
    const s = statusBy.get(m.id)
    const row: MeasureRow = {
      ...m,
      proposal: s?.proposalAttainment ?? null,
      agreed: s?.agreedAttainment ?? null,
      flags: effectiveFlags(s),
      units: unitMap.get(m.id) ?? [],
    }
    const list = measuresByGoal.get(m.goalId) ?? []
    list.push(row)
    measuresByGoal.set(m.goalId, list)
  }
  return fieldRows.map((f) => ({
    ...f,
    challenges: challengeRows
      .filter((c) => c.fieldId === f.id)
      .map((c) => ({
        id: c.id,
        title: c.title,
        goals: goalRows.filter((g) => g.challengeId === c.id).map((g) => ({ ...g, measures: measuresByGoal.get(g.id) ?? [] })),
      })),
  }))
}

export type CatalogueTree = ReturnType<typeof catalogueTree>

/** One goal with its field, challenge and measures (units included). */
export function goalByNumber(db: DbOrTx, number: number) {
  const goal = db
    .select({
      id: goals.id,
      number: goals.number,
      description: goals.description,
      kind: goals.kind,
      challengeTitle: challenges.title,
      fieldNumber: fields.number,
      fieldTitle: fields.title,
    })
    .from(goals)
    .innerJoin(challenges, eq(challenges.id, goals.challengeId))
    .innerJoin(fields, eq(fields.id, challenges.fieldId))
    .where(eq(goals.number, number))
    .get()
  if (!goal) return undefined
  const measureRows = db
    .select({ id: measures.id, position: measures.position, title: measures.title, sourceUncertain: measures.sourceUncertain })
    .from(measures)
    .where(eq(measures.goalId, goal.id))
    .orderBy(asc(measures.position))
    .all()
  const unitMap = unitsByMeasure(db, measureRows.map((m) => m.id))
  return { ...goal, measures: measureRows.map((m) => ({ ...m, units: unitMap.get(m.id) ?? [] })) }
}

/** The numbers of the goals before and after a goal number that exist in the catalogue (null at either end). */
export function goalNeighbours(db: DbOrTx, number: number): { previous: number | null; next: number | null } {
  const previous = db.select({ number: goals.number }).from(goals).where(lt(goals.number, number)).orderBy(desc(goals.number)).limit(1).get()
  const next = db.select({ number: goals.number }).from(goals).where(gt(goals.number, number)).orderBy(asc(goals.number)).limit(1).get()
  return { previous: previous?.number ?? null, next: next?.number ?? null }
}

