/**
 * "Ziel 12" written in a report chapter: a reference to goal 12 of the round's concept. The report page links it to
 * /ziele/12 and lists the numbers the concept has no goal for; the report's builders link the known ones and print
 * the unknown ones as written (unlinked). One pattern for all of them.
 */

const PATTERN = /\bZiel\s+(\d{1,4})\b/g

export type GoalSegment = { text: string; goal?: number; known?: boolean }

/** The text cut into plain runs and goal references (each with its number and whether the concept has that goal). */
export function splitGoalReferences(text: string, known: ReadonlySet<number>): GoalSegment[] {
  const out: GoalSegment[] = []
  let last = 0
  for (const match of text.matchAll(PATTERN)) {
    const at = match.index
    if (at > last) out.push({ text: text.slice(last, at) })
    const goal = Number(match[1])
    out.push({ text: match[0], goal, known: known.has(goal) })
    last = at + match[0].length
  }
  if (last < text.length) out.push({ text: text.slice(last) })
  return out
}

/** The goal numbers a text refers to, known and unknown, each once, in order of first mention. */
export function goalReferences(text: string, known: ReadonlySet<number>): { linked: number[]; unknown: number[] } {
  const linked: number[] = []
  const unknown: number[] = []
  for (const segment of splitGoalReferences(text, known)) {
    if (segment.goal === undefined) continue
    const list = segment.known ? linked : unknown
    if (!list.includes(segment.goal)) list.push(segment.goal)
  }
  return { linked, unknown }
}

export const goalPath = (goal: number) => `/ziele/${goal}`
