import { diffWordsWithSpace } from 'diff'
import { asc, eq } from 'drizzle-orm'
import type { DbOrTx } from '../../../db/client'
import { goals, measureStatus, measures } from '../../../db/schema'
import { type Attainment } from '../../../app/shared/vocabulary'
import { effectiveFlags, flagColumns, type FlagSet } from '../catalogue/catalogue'

export type DiffPart = { kind: 'same' | 'added' | 'removed'; text: string }

/**
 * Above this many word edits the diff gives up on detail and shows the old text removed, the new one added: two
 * narratives that different are rewritten, not edited, and Myers' algorithm would cost time in proportion.
 */
const MAX_EDITS = 1_000
/** The same fallback when a diff takes longer than this (ms), whatever its size. */
const MAX_MS = 250

/**
 * A word-level diff by the `diff` library (Myers): words, single punctuation marks and runs of whitespace are the
 * units (diffWordsWithSpace), so a full stop after a changed word stays "same" and both texts can be rebuilt
 * exactly from the parts.
 */
export function wordDiff(before: string, after: string): DiffPart[] {
  if (before === after) return before === '' ? [] : [{ kind: 'same', text: before }]
  const changes = diffWordsWithSpace(before, after, { maxEditLength: MAX_EDITS, timeout: MAX_MS })
  if (!changes) {
    return [
      ...(before ? [{ kind: 'removed' as const, text: before }] : []),
      ...(after ? [{ kind: 'added' as const, text: after }] : []),
    ]
  }
  const parts: DiffPart[] = []
  for (const change of changes) {
    if (!change.value) continue
    const kind = change.added ? 'added' : change.removed ? 'removed' : 'same'
    const last = parts.at(-1)
    if (last && last.kind === kind) last.text += change.value
    else parts.push({ kind, text: change.value })
  }
  return parts
}

const RANK: Partial<Record<Attainment, number>> = { high: 3, medium: 2, low: 1 }

/** Worse only between ordered ratings (high > medium > low); "unclear" and "not rated" are not ordered. */
export function isWorse(before: Attainment | null, after: Attainment | null): boolean {
  const from = before ? RANK[before] : undefined
  const to = after ? RANK[after] : undefined
  return from !== undefined && to !== undefined && to < from
}

/** Better only between ordered ratings, the other way round. */
export function isBetter(before: Attainment | null, after: Attainment | null): boolean {
  return isWorse(after, before)
}

export type SideStatus = { attainment: Attainment | null; agreed: boolean; flags: FlagSet; narrative: string }

export type ComparedMeasure = {
  measureId: number
  goalNumber: number
  title: string
  before: SideStatus
  after: SideStatus
  changed: boolean
  worse: boolean
  better: boolean
  narrativeChanged: boolean
}

function sideStatuses(db: DbOrTx, roundId: number) {
  const rows = db
    .select({
      measureId: measureStatus.measureId,
      proposal: measureStatus.proposalAttainment,
      agreed: measureStatus.agreedAttainment,
      narrative: measureStatus.narrativeText,
      ...flagColumns,
    })
    .from(measureStatus)
    .where(eq(measureStatus.roundId, roundId))
    .all()
  return new Map(
    rows.map((r): [number, SideStatus] => [
      r.measureId,
      { attainment: r.agreed ?? r.proposal, agreed: r.agreed !== null, flags: effectiveFlags(r), narrative: r.narrative },
    ]),
  )
}

const EMPTY: SideStatus = {
  attainment: null,
  agreed: false,
  flags: { mandatory: false, routine: false, continue: false, responsibilityQuestionable: false, changedConditions: false },
  narrative: '',
}

const sameFlags = (a: FlagSet, b: FlagSet) => (Object.keys(a) as (keyof FlagSet)[]).every((k) => a[k] === b[k])

/** Every measure of the catalogue in two rounds: attainment (agreed, else proposal), marks and narrative. */
export function compareRounds(db: DbOrTx, fromRoundId: number, toRoundId: number): ComparedMeasure[] {
  const before = sideStatuses(db, fromRoundId)
  const after = sideStatuses(db, toRoundId)
  const rows = db
    .select({ id: measures.id, title: measures.title, goalNumber: goals.number })
    .from(measures)
    .innerJoin(goals, eq(goals.id, measures.goalId))
    .orderBy(asc(goals.number), asc(measures.position))
    .all()
  return rows.map((m) => {
    const b = before.get(m.id) ?? EMPTY
    const a = after.get(m.id) ?? EMPTY
    const narrativeChanged = b.narrative.trim() !== a.narrative.trim()
    return {
      measureId: m.id,
      goalNumber: m.goalNumber,
      title: m.title,
      before: b,
      after: a,
      narrativeChanged,
      changed: narrativeChanged || b.attainment !== a.attainment || !sameFlags(b.flags, a.flags),
      worse: isWorse(b.attainment, a.attainment),
      better: isBetter(b.attainment, a.attainment),
    }
  })
}
