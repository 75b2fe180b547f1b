import { asc, eq } from 'drizzle-orm'
import type { DbOrTx } from '../../../db/client'
import { goals, measureStatus, measures } from '../../../db/schema'
import { type Attainment } from '../../../app/shared/vocabulary'
import { effectiveFlags, flagColumns, type FlagSet } from '../catalogue/catalogue'

export type DiffPart = { kind: 'same' | 'added' | 'removed'; text: string }

/** Above this many LCS cells the diff gives up on detail and shows old text removed, new text added. */
const MAX_CELLS = 4_000_000

/**
 * Words, single punctuation marks and the whitespace between them: a full stop after a changed word stays
 * "same", and whitespace tokens keep the rebuilt text exact.
 */
const tokenize = (text: string) => text.match(/\s+|[\p{L}\p{N}\p{M}]+|[^\s\p{L}\p{N}\p{M}]/gu) ?? []

function push(parts: DiffPart[], kind: DiffPart['kind'], text: string) {
  const last = parts.at(-1)
  if (last && last.kind === kind) last.text += text
  else if (text) parts.push({ kind, text })
}

/**
 * A word-level diff by longest common subsequence. Common prefix and suffix are trimmed first, so the usual
 * case (a sentence added or changed in a long narrative) costs little.
 */
export function wordDiff(before: string, after: string): DiffPart[] {
  const a = tokenize(before)
  const b = tokenize(after)
  let start = 0
  while (start < a.length && start < b.length && a[start] === b[start]) start++
  let endA = a.length
  let endB = b.length
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--
    endB--
  }
  const parts: DiffPart[] = []
  push(parts, 'same', a.slice(0, start).join(''))
  const midA = a.slice(start, endA)
  const midB = b.slice(start, endB)
  const n = midA.length
  const m = midB.length
  if (n * m > MAX_CELLS) {
    push(parts, 'removed', midA.join(''))
    push(parts, 'added', midB.join(''))
  } else if (n > 0 || m > 0) {
    // lengths[i][j]: LCS length of midA[i..] and midB[j..], flattened.
    const lengths = new Uint32Array((n + 1) * (m + 1))
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lengths[i * (m + 1) + j] =
          midA[i] === midB[j] ? lengths[(i + 1) * (m + 1) + j + 1]! + 1 : Math.max(lengths[(i + 1) * (m + 1) + j]!, lengths[i * (m + 1) + j + 1]!)
      }
    }
    let i = 0
    let j = 0
    while (i < n && j < m) {
      if (midA[i] === midB[j]) {
        push(parts, 'same', midA[i++]!)
        j++
      } else if (lengths[(i + 1) * (m + 1) + j]! >= lengths[i * (m + 1) + j + 1]!) push(parts, 'removed', midA[i++]!)
      else push(parts, 'added', midB[j++]!)
    }
    while (i < n) push(parts, 'removed', midA[i++]!)
    while (j < m) push(parts, 'added', midB[j++]!)
  }
  push(parts, 'same', a.slice(endA).join(''))
  return parts
}

const RANK: Partial<Record<Attainment, number>> = { high: 3, medium: 2, low: 1 }

/** Worse only between ordered ratings (high > medium > low); "unclear" and "not rated" are not ordered. */
export function isWorse(before: Attainment | null, after: Attainment | null): boolean {
  const from = before ? RANK[before] : undefined
  const to = after ? RANK[after] : undefined
  return from !== undefined && to !== undefined && to < from
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
    }
  })
}
