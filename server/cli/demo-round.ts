import { and, asc, eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { goals, goalStatus, measureStatus, measures, rounds, users } from '../../db/schema'
import { HISTORICAL_ROUND_NAME } from '../../db/seed/catalogue'
import { ATTAINMENTS, FLAGS, type Attainment, type Flag } from '../../app/shared/vocabulary'
import { DEMO_DOMAIN } from './demo'

/**
 * A clearly labelled round of example data, "Demo-Runde – Beispieldaten", so that the overview, the report and every
 * export can be tried on a fresh install: every measure with a proposal, an agreed rating and marks and a narrative,
 * every goal with a narrative, all marked as example text. It is closed (a real round may be open beside it), it is
 * `demo` (never the start of a real round, never the round a page shows by default), and nothing of the real rounds
 * is touched. Deterministic: the same catalogue gives the same demo round.
 */
export const DEMO_ROUND_NAME = 'Demo-Runde – Beispieldaten'

const DAY = 86_400_000

/** mulberry32: a small seeded generator, so the example data is the same on every install. */
function random(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const pick = <T>(next: () => number, list: readonly T[]): T => list[Math.floor(next() * list.length)]!

const OPENINGS = [
  'Im Berichtszeitraum wurde die Maßnahme wie geplant fortgeführt.',
  'Die Maßnahme wurde im Berichtszeitraum an veränderte Bedarfe angepasst.',
  'Im Berichtszeitraum lag der Schwerpunkt auf der Abstimmung mit den Kooperationspartnern.',
  'Die Umsetzung hat sich im Berichtszeitraum verzögert.',
]
const MIDDLES = [
  'Die Zusammenarbeit zwischen Landkreis, Kommunen und freien Trägern hat sich bewährt.',
  'Die Nachfrage war höher als erwartet; zusätzliche Termine wurden angeboten.',
  'Personelle Engpässe haben die Umsetzung zeitweise eingeschränkt.',
  'Die Angebote wurden in einfacher Sprache und in mehreren Sprachen bekannt gemacht.',
  'Die Ergebnisse wurden im Jour fixe vorgestellt und gemeinsam bewertet.',
]
const CLOSINGS = [
  'Eine Fortführung wird empfohlen.',
  'Für die nächste Berichtsrunde ist eine Überprüfung der Zuständigkeit vorgesehen.',
  'Die Rahmenbedingungen haben sich geändert; die Zielbeschreibung sollte überprüft werden.',
  'Weitere Schritte werden in der Koordinierungsgruppe abgestimmt.',
]

/** A narrative of example text (labelled as such), as ProseMirror JSON and plain text. */
function narrative(next: () => number, subject: string): { json: string; text: string } {
  const paragraphs = [
    `Beispieltext (Demo-Runde, keine echten Angaben) zu ${subject}.`,
    `${pick(next, OPENINGS)} ${pick(next, MIDDLES)}`,
    `${pick(next, MIDDLES)} ${pick(next, CLOSINGS)}`,
  ]
  const json = { type: 'doc', content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) }
  return { json: JSON.stringify(json), text: paragraphs.join('\n') }
}

export function seedDemoRound(db: Db, now = Date.now()): { created: boolean; roundId: number } {
  return db.transaction((tx) => {
    const existing = tx.select({ id: rounds.id }).from(rounds).where(eq(rounds.name, DEMO_ROUND_NAME)).get()
    if (existing) return { created: false, roundId: existing.id }
    const historical = tx.select({ id: rounds.id, conceptId: rounds.conceptId }).from(rounds).where(eq(rounds.name, HISTORICAL_ROUND_NAME)).get()
    if (!historical) throw new Error('Der Katalog fehlt: erst die Datenbank anlegen (npm start).')
    const coordinator = tx.select({ id: users.id }).from(users).where(eq(users.email, `koordination@${DEMO_DOMAIN}`)).get()?.id ?? null
    const roundId = tx
      .insert(rounds)
      .values({
        conceptId: historical.conceptId,
        name: DEMO_ROUND_NAME,
        period: 'Beispieldaten',
        state: 'closed',
        previousRoundId: historical.id,
        openedAt: now - 120 * DAY,
        closedAt: now - DAY,
        demo: true,
      })
      .returning({ id: rounds.id })
      .get().id

    const next = random(2026)
    const list = tx
      .select({ id: measures.id, title: measures.title, goalId: measures.goalId })
      .from(measures)
      .innerJoin(goals, eq(goals.id, measures.goalId))
      .where(eq(goals.conceptId, historical.conceptId))
      .orderBy(asc(goals.number), asc(measures.position))
      .all()
    // The historical round's marks (P/R from the source) carry over, as a round starting from it would.
    const carried = new Map(
      tx
        .select({ measureId: measureStatus.measureId, mandatory: measureStatus.agreedMandatory, routine: measureStatus.agreedRoutine })
        .from(measureStatus)
        .where(eq(measureStatus.roundId, historical.id))
        .all()
        .map((r) => [r.measureId, r]),
    )
    for (const [index, m] of list.entries()) {
      const proposal: Attainment = pick(next, ATTAINMENTS)
      // Mostly the Jour fixe agrees the proposal; now and then it differs by one step.
      const agreed: Attainment = next() < 0.8 ? proposal : pick(next, ATTAINMENTS)
      const flags = Object.fromEntries(FLAGS.map((flag) => [flag, false])) as Record<Flag, boolean>
      flags.mandatory = carried.get(m.id)?.mandatory === true
      flags.routine = carried.get(m.id)?.routine === true
      flags.continue = next() < 0.35
      flags.responsibilityQuestionable = next() < 0.1
      flags.changedConditions = next() < 0.15
      const text = narrative(next, `„${m.title}“`)
      tx.insert(measureStatus)
        .values({
          roundId,
          measureId: m.id,
          proposalAttainment: proposal,
          proposalMandatory: flags.mandatory,
          proposalRoutine: flags.routine,
          proposalContinue: flags.continue,
          proposalResponsibilityQuestionable: flags.responsibilityQuestionable,
          proposalChangedConditions: flags.changedConditions,
          narrativeJson: text.json,
          narrativeText: text.text,
          agreedAttainment: agreed,
          agreedMandatory: flags.mandatory,
          agreedRoutine: flags.routine,
          agreedContinue: flags.continue,
          agreedResponsibilityQuestionable: flags.responsibilityQuestionable,
          agreedChangedConditions: flags.changedConditions,
          agreedAt: now - (30 - (index % 30)) * DAY,
          agreedBy: coordinator,
          updatedAt: now - 60 * DAY,
          updatedBy: coordinator,
        })
        .run()
    }
    const goalIds = [...new Set(list.map((m) => m.goalId))]
    for (const goalId of goalIds) {
      const number = tx.select({ number: goals.number }).from(goals).where(and(eq(goals.id, goalId))).get()!.number
      const text = narrative(next, `Ziel ${number}`)
      tx.insert(goalStatus).values({ roundId, goalId, narrativeJson: text.json, narrativeText: text.text, updatedAt: now - 60 * DAY, updatedBy: coordinator }).run()
    }
    return { created: true, roundId }
  })
}
