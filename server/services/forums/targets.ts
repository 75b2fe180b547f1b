import { and, asc, eq, max } from 'drizzle-orm'
import type { DbOrTx } from '../../../db/client'
import { challenges, concepts, fields, goals, measures } from '../../../db/schema'
import type { FeedbackTarget } from '../../../app/shared/vocabulary'

/**
 * What a feedback card is about: the forms' target references ("concept", "field:<id>", "challenge:<id>",
 * "goal:<number>", "measure:<id>"), resolved with every level above, and the catalogue as the target picker shows
 * and searches it (feedback.ts posts and moderates the cards).
 */


/** What a card is about, as forms send it: "concept", "field:<id>", "challenge:<id>", "goal:<number>", "measure:<id>". */
export type TargetRef = { target: 'concept' } | { target: Exclude<FeedbackTarget, 'concept'>; id: number }
export type ResolvedTarget = { target: FeedbackTarget; fieldId: number | null; challengeId: number | null; goalId: number | null; measureId: number | null }

export function parseTargetRef(value: string): TargetRef | null {
  if (value === 'concept') return { target: 'concept' }
  const match = /^(field|challenge|goal|measure):([1-9][0-9]{0,8})$/.exec(value)
  return match ? { target: match[1] as Exclude<FeedbackTarget, 'concept'>, id: Number(match[2]) } : null
}

export const targetRefOf = (t: ResolvedTarget, goalNumber?: number | null): string =>
  t.target === 'concept'
    ? 'concept'
    : t.target === 'field'
      ? `field:${t.fieldId}`
      : t.target === 'challenge'
        ? `challenge:${t.challengeId}`
        : t.target === 'goal'
          ? `goal:${goalNumber}`
          : `measure:${t.measureId}`

function newestConcept(db: DbOrTx): number | null {
  return db.select({ id: max(concepts.id) }).from(concepts).get()?.id ?? null
}

/**
 * "12" is goal 12, "12.3" the third measure of goal 12 (as the catalogue pages number them); null when there is
 * no such goal or measure.
 */
export function targetByNumber(db: DbOrTx, input: string): TargetRef | null {
  const match = /^\s*(\d{1,3})(?:\s*[.,]\s*(\d{1,2}))?\s*$/.exec(input)
  if (!match) return null
  const concept = newestConcept(db)
  if (!concept) return null
  const goal = db.select({ id: goals.id, number: goals.number }).from(goals).where(and(eq(goals.conceptId, concept), eq(goals.number, Number(match[1])))).get()
  if (!goal) return null
  if (!match[2]) return { target: 'goal', id: goal.number }
  const measure = db.select({ id: measures.id }).from(measures).where(and(eq(measures.goalId, goal.id), eq(measures.position, Number(match[2])))).get()
  return measure ? { target: 'measure', id: measure.id } : null
}

/** The card's target with every level above it filled in (a measure's goal, challenge and field), or null. */
export function resolveTarget(db: DbOrTx, ref: TargetRef): ResolvedTarget | null {
  const concept = newestConcept(db)
  if (!concept) return null
  switch (ref.target) {
    case 'concept':
      return { target: 'concept', fieldId: null, challengeId: null, goalId: null, measureId: null }
    case 'field': {
      const field = db.select({ id: fields.id }).from(fields).where(and(eq(fields.id, ref.id), eq(fields.conceptId, concept))).get()
      return field ? { target: 'field', fieldId: field.id, challengeId: null, goalId: null, measureId: null } : null
    }
    case 'challenge': {
      const row = db
        .select({ id: challenges.id, fieldId: challenges.fieldId })
        .from(challenges)
        .innerJoin(fields, eq(fields.id, challenges.fieldId))
        .where(and(eq(challenges.id, ref.id), eq(fields.conceptId, concept)))
        .get()
      return row ? { target: 'challenge', fieldId: row.fieldId, challengeId: row.id, goalId: null, measureId: null } : null
    }
    case 'goal': {
      const row = db
        .select({ id: goals.id, challengeId: goals.challengeId, fieldId: challenges.fieldId })
        .from(goals)
        .innerJoin(challenges, eq(challenges.id, goals.challengeId))
        .where(and(eq(goals.number, ref.id), eq(goals.conceptId, concept)))
        .get()
      return row ? { target: 'goal', fieldId: row.fieldId, challengeId: row.challengeId, goalId: row.id, measureId: null } : null
    }
    case 'measure': {
      const row = db
        .select({ id: measures.id, goalId: measures.goalId, challengeId: goals.challengeId, fieldId: challenges.fieldId })
        .from(measures)
        .innerJoin(goals, eq(goals.id, measures.goalId))
        .innerJoin(challenges, eq(challenges.id, goals.challengeId))
        .where(and(eq(measures.id, ref.id), eq(goals.conceptId, concept)))
        .get()
      return row ? { target: 'measure', fieldId: row.fieldId, challengeId: row.challengeId, goalId: row.goalId, measureId: row.id } : null
    }
  }
}

/** The catalogue as the target picker needs it: fields → challenges → goals → measures, numbers and German titles. */
export function pickerCatalogue(db: DbOrTx) {
  const concept = newestConcept(db)
  if (!concept) return []
  const fieldRows = db.select({ id: fields.id, number: fields.number, title: fields.title }).from(fields).where(eq(fields.conceptId, concept)).orderBy(asc(fields.number)).all()
  const challengeRows = db
    .select({ id: challenges.id, fieldId: challenges.fieldId, title: challenges.title })
    .from(challenges)
    .innerJoin(fields, eq(fields.id, challenges.fieldId))
    .where(eq(fields.conceptId, concept))
    .orderBy(asc(challenges.fieldId), asc(challenges.position))
    .all()
  const goalRows = db
    .select({ id: goals.id, challengeId: goals.challengeId, number: goals.number, description: goals.description })
    .from(goals)
    .where(eq(goals.conceptId, concept))
    .orderBy(asc(goals.number))
    .all()
  const measureRows = db
    .select({ id: measures.id, goalId: measures.goalId, position: measures.position, title: measures.title })
    .from(measures)
    .innerJoin(goals, eq(goals.id, measures.goalId))
    .where(eq(goals.conceptId, concept))
    .orderBy(asc(measures.goalId), asc(measures.position))
    .all()
  return fieldRows.map((field) => ({
    ...field,
    challenges: challengeRows
      .filter((c) => c.fieldId === field.id)
      .map((challenge) => ({
        id: challenge.id,
        title: challenge.title,
        goals: goalRows
          .filter((g) => g.challengeId === challenge.id)
          .map((goal) => ({ ...goal, measures: measureRows.filter((m) => m.goalId === goal.id).map((m) => ({ id: m.id, position: m.position, title: m.title })) })),
      })),
  }))
}
export type PickerField = ReturnType<typeof pickerCatalogue>[number]

/** Goals and measures whose number or German text contains the query (at most `limit`), for the picker's search. */
export function searchCatalogue(db: DbOrTx, query: string, limit = 20): { ref: string; label: string; goalNumber: number; measurePosition: number | null }[] {
  const q = query.trim().toLocaleLowerCase('de')
  if (!q) return []
  const byNumber = targetByNumber(db, q)
  const out: { ref: string; label: string; goalNumber: number; measurePosition: number | null }[] = []
  for (const field of pickerCatalogue(db)) {
    for (const challenge of field.challenges) {
      for (const goal of challenge.goals) {
        const goalHit = (byNumber?.target === 'goal' && byNumber.id === goal.number) || goal.description.toLocaleLowerCase('de').includes(q)
        if (goalHit) out.push({ ref: `goal:${goal.number}`, label: goal.description, goalNumber: goal.number, measurePosition: null })
        for (const measure of goal.measures) {
          const hit = (byNumber?.target === 'measure' && byNumber.id === measure.id) || measure.title.toLocaleLowerCase('de').includes(q)
          if (hit) out.push({ ref: `measure:${measure.id}`, label: measure.title, goalNumber: goal.number, measurePosition: measure.position })
        }
      }
    }
  }
  return out.slice(0, limit)
}

