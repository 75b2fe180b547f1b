import { and, asc, eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { challenges, fields, goals, reportCovers, rounds } from '../../db/schema'
import { CHAPTER_SLUGS, chapterField, type ChapterSlug } from '../../app/shared/live/names'
import { storedChapters, writeStoredChapter, type ReportNode } from '../services/report/chapters'
import { DEMO_ROUND_NAME } from './demo-round'

/**
 * The demo round's report: every chapter with example text (each starting "Beispieltext (Demo-Runde …)", so it can
 * never pass for the county's words), a cover with example authors, and the statistics switched on for two field
 * chapters. Written into report_chapters, the projection the exports read; the chapters' live documents start from it
 * (server/collab/seed.ts), as every chapter of a round does. The demo round is closed, so they stay read-only.
 * Idempotent: a demo round whose report has any chapter is left alone.
 */
export function seedDemoChapters(db: Db, now = Date.now()): { created: boolean } {
  return db.transaction((tx) => {
    const round = tx.select({ id: rounds.id, conceptId: rounds.conceptId }).from(rounds).where(and(eq(rounds.name, DEMO_ROUND_NAME), eq(rounds.demo, true))).get()
    if (!round || storedChapters(tx, round.id).size > 0) return { created: false }
    const fieldTitles = new Map(tx.select({ number: fields.number, title: fields.title }).from(fields).where(eq(fields.conceptId, round.conceptId)).all().map((f) => [f.number, f.title]))
    const firstGoal = new Map<number, number>()
    for (const g of tx.select({ number: goals.number, field: fields.number }).from(goals).innerJoin(challenges, eq(challenges.id, goals.challengeId)).innerJoin(fields, eq(fields.id, challenges.fieldId)).where(eq(goals.conceptId, round.conceptId)).orderBy(asc(goals.number)).all()) {
      if (!firstGoal.has(g.field)) firstGoal.set(g.field, g.number)
    }
    for (const slug of CHAPTER_SLUGS) {
      const field = chapterField(slug)
      writeStoredChapter(tx, round.id, slug, demoText(slug, field, field !== null ? fieldTitles.get(field) : undefined, field !== null ? firstGoal.get(field) : undefined), {
        statistics: field === 1 || field === 3,
        now,
      })
    }
    tx.insert(reportCovers)
      .values({
        roundId: round.id,
        title: '',
        authors: JSON.stringify([
          { name: 'Beispielautorin (Demo)', unit: 'Stabsstelle Strategische Planung' },
          { name: 'Beispielautor (Demo)', unit: 'Integrationsbeauftragte/r' },
        ]),
        standDate: null,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .run()
    return { created: true }
  })
}

const paragraph = (text: string): ReportNode => ({ type: 'paragraph', content: [{ type: 'text', text }] })

function demoText(slug: ChapterSlug, field: number | null, fieldTitle: string | undefined, goal: number | undefined): ReportNode {
  const label = 'Beispieltext (Demo-Runde, keine echten Angaben).'
  const about =
    slug === 'introduction'
      ? 'Die Einleitung beschreibt Anlass und Auftrag der Evaluation des Konzepts und wie dieser Bericht aufgebaut ist.'
      : slug === 'method'
        ? 'Die Organisationseinheiten haben den Sachstand ihrer Maßnahmen beschrieben und eine Bewertung vorgeschlagen; der Jour fixe hat die Bewertungen abgestimmt. Das Bewertungsschema folgt.'
        : slug === 'conclusion'
          ? 'Das Fazit fasst die Ergebnisse aller Handlungsfelder zusammen und nennt, was in der nächsten Runde weiterzuführen ist.'
          : `Im Handlungsfeld „${fieldTitle ?? field}“ zeigt sich ein gemischtes Bild.`
  const paragraphs = [paragraph(`${label} ${about}`)]
  if (goal !== undefined) paragraphs.push(paragraph(`Besonders Ziel ${goal} wurde im Jour fixe ausführlich besprochen; die Bewertungen stehen in der Anlage.`))
  if (slug === 'conclusion') paragraphs.push(paragraph('Ziel 1 und Ziel 89 rahmen das Konzept; alle übrigen Ziele stehen dazwischen.'))
  return { type: 'doc', content: paragraphs }
}
