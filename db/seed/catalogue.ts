import { eq } from 'drizzle-orm'
import type { Db } from '../client'
import { challenges, concepts, fields, goals, measureStatus, measures, rounds, units } from '../schema'
import catalogue from './catalogue.json' with { type: 'json' }

type CatalogueMeasure = { title: string; flags_in_source: string[]; source_uncertain?: boolean }
type CatalogueGoal = { number: number; description: string; measures: CatalogueMeasure[] }
type CatalogueField = { number: number; title: string; challenges: { title: string; goals: CatalogueGoal[] }[] }

/** The organisational units named in the seed documents (evaluation report, monitoring talk). */
export const DEFAULT_UNITS: { name: string; shortName: string }[] = [
  { name: 'Fachdienst Ordnung – Abteilung Integration und Ausländer', shortName: 'FD Ordnung' },
  { name: 'Integrationsbeauftragter', shortName: 'Integrationsbeauftragter' },
  { name: 'Fachdienst Soziales', shortName: 'FD Soziales' },
  { name: 'Fachdienst Jugend', shortName: 'FD Jugend' },
  { name: 'Fachdienst Bildung', shortName: 'FD Bildung' },
  { name: 'Fachdienst Gesundheit', shortName: 'FD Gesundheit' },
  { name: 'MaßArbeit kAöR mit Migrationszentrum', shortName: 'MaßArbeit' },
  { name: 'VHS Osnabrücker Land', shortName: 'VHS' },
  { name: 'Referat für Strategische Planung', shortName: 'Strategische Planung' },
  { name: 'Ehrenamtsmanagement', shortName: 'Ehrenamtsmanagement' },
]

export const HISTORICAL_ROUND_NAME = 'Evaluation 2018–2022 (Stand 31.05.2023)'
export const FIRST_OPEN_ROUND_NAME = 'Sachstand 2026'

/**
 * Seeds the published catalogue, the default units, the closed historical round with the P/R marks the source
 * attributes (no attainment: the source has no colours), and an open round that starts from it.
 * Runs in one transaction and does nothing when the concept is already there.
 */
export function seedCatalogue(db: Db): { created: boolean } {
  return db.transaction((tx) => {
    const existing = tx.select({ id: concepts.id }).from(concepts).where(eq(concepts.title, catalogue.concept.title)).get()
    if (existing) return { created: false }

    const concept = tx
      .insert(concepts)
      .values({
        title: catalogue.concept.title,
        period: catalogue.concept.period,
        region: catalogue.concept.region,
        source: catalogue.concept.source,
      })
      .returning({ id: concepts.id })
      .get()

    for (const unit of DEFAULT_UNITS) {
      tx.insert(units).values(unit).onConflictDoNothing().run()
    }

    const historical = tx
      .insert(rounds)
      .values({
        conceptId: concept.id,
        name: HISTORICAL_ROUND_NAME,
        period: '2018–2022',
        state: 'closed',
        openedAt: Date.UTC(2022, 5, 1),
        closedAt: Date.UTC(2023, 4, 31),
      })
      .returning({ id: rounds.id })
      .get()
    const open = tx
      .insert(rounds)
      .values({
        conceptId: concept.id,
        name: FIRST_OPEN_ROUND_NAME,
        period: '2026',
        state: 'open',
        previousRoundId: historical.id,
        openedAt: Date.now(),
      })
      .returning({ id: rounds.id })
      .get()

    for (const field of catalogue.fields as CatalogueField[]) {
      const f = tx
        .insert(fields)
        .values({ conceptId: concept.id, number: field.number, title: field.title })
        .returning({ id: fields.id })
        .get()
      field.challenges.forEach((challenge, ci) => {
        const c = tx
          .insert(challenges)
          .values({ fieldId: f.id, position: ci + 1, title: challenge.title })
          .returning({ id: challenges.id })
          .get()
        for (const goal of challenge.goals) {
          const g = tx
            .insert(goals)
            .values({ conceptId: concept.id, challengeId: c.id, number: goal.number, description: goal.description })
            .returning({ id: goals.id })
            .get()
          goal.measures.forEach((measure, mi) => {
            const m = tx
              .insert(measures)
              .values({ goalId: g.id, position: mi + 1, title: measure.title, sourceUncertain: !!measure.source_uncertain })
              .returning({ id: measures.id })
              .get()
            // Only the letters P and R are attributable with certainty; "continue?" (an OCR'd arrow) is not.
            const mandatory = measure.flags_in_source.includes('P')
            const routine = measure.flags_in_source.includes('R')
            tx.insert(measureStatus)
              .values({
                roundId: historical.id,
                measureId: m.id,
                proposalMandatory: mandatory,
                proposalRoutine: routine,
                agreedMandatory: mandatory,
                agreedRoutine: routine,
                agreedContinue: false,
                agreedResponsibilityQuestionable: false,
                agreedChangedConditions: false,
              })
              .run()
            tx.insert(measureStatus)
              .values({ roundId: open.id, measureId: m.id, proposalMandatory: mandatory, proposalRoutine: routine })
              .run()
          })
        }
      })
    }
    return { created: true }
  })
}
