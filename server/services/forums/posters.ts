import { and, eq, inArray } from 'drizzle-orm'
import type { DbOrTx } from '../../../db/client'
import { forumFeedback, forumPhases, forums, goals } from '../../../db/schema'
import { posterDocumentName } from '../../../app/shared/live/names'
import { cardsOf } from './feedback'
import { pickerCatalogue, targetRefOf } from './targets'
import { tablesOf } from './forums'
import { phasesOf } from './phases'

/**
 * Table posters (phase B) as the HTTP side sees them. Moderation is done on the record, forum_feedback, by the
 * services in feedback.ts (moveCard, mergeCards, hideCard: each audited with who, when and why); a card that came
 * from a poster whose phase is still open is then changed on the poster too, by a server edit through
 * services.live.edit (the route does it): a moved card gets its new category and target, a hidden or merged one is
 * removed from the poster (its row stays, hidden or merged, with the reason in the audit; projection-posters.ts
 * keeps moderated rows when a card leaves the poster), and a card shown again is put back on it. A card posted
 * through the form or entered by the moderation is put on its table's poster the same way. A poster whose phase closed is the table's record as written
 * and stays as it is.
 */

export type PosterCardRef = {
  cardId: number
  cardKey: string
  documentName: string
  categoryId: number
  targetRef: string
  writable: boolean
  /** What a card put back on its poster holds (the voluntary name is the poster's alone, not the record's). */
  text: string
  language: string
  createdAt: number
}

/**
 * The cards among `cardIds` (of this forum) that belong on a table's poster, with the poster and whether it still takes
 * edits: every card of a table in a phase, whichever way it came (written on the poster, posted through the page's
 * form, entered by the moderation), so that everybody at the table sees the same cards.
 */
export function posterCardsOf(db: DbOrTx, forumId: number, cardIds: number[]): PosterCardRef[] {
  if (cardIds.length === 0) return []
  const rows = db
    .select({
      id: forumFeedback.id,
      cardKey: forumFeedback.cardKey,
      phaseId: forumFeedback.phaseId,
      tableId: forumFeedback.tableId,
      categoryId: forumFeedback.categoryId,
      text: forumFeedback.text,
      language: forumFeedback.language,
      createdAt: forumFeedback.createdAt,
      target: forumFeedback.target,
      fieldId: forumFeedback.fieldId,
      challengeId: forumFeedback.challengeId,
      goalId: forumFeedback.goalId,
      measureId: forumFeedback.measureId,
      goalNumber: goals.number,
      phaseState: forumPhases.state,
      forumState: forums.state,
    })
    .from(forumFeedback)
    .innerJoin(forumPhases, eq(forumPhases.id, forumFeedback.phaseId))
    .innerJoin(forums, eq(forums.id, forumFeedback.forumId))
    .leftJoin(goals, eq(goals.id, forumFeedback.goalId))
    .where(and(eq(forumFeedback.forumId, forumId), inArray(forumFeedback.id, cardIds)))
    .all()
  return rows.flatMap((row) =>
    row.tableId === null
      ? []
      : [
          {
            cardId: row.id,
            cardKey: row.cardKey,
            // The poster the card was written on: its phase, and the table of its document (a moved table keeps it there).
            documentName: posterDocumentName(forumId, row.tableId, row.phaseId),
            categoryId: row.categoryId,
            targetRef: targetRefOf(row, row.goalNumber),
            writable: row.forumState === 'open' && row.phaseState === 'open',
            text: row.text,
            language: row.language,
            createdAt: row.createdAt,
          },
        ],
  )
}

/**
 * What a poster page needs besides the live document: the phase's categories, the catalogue for the target picker,
 * the numbers to show targets by, and the poster's cards as the projection has them (shown until the live document
 * is there). The caller checked forum, table and phase belong together and who may see them.
 */
export function posterPageData(db: DbOrTx, forumId: number, tableId: number, phaseId: number) {
  const phase = phasesOf(db, forumId).find((p) => p.id === phaseId)
  const table = tablesOf(db, forumId).find((t) => t.id === tableId)
  if (!phase || !table) return null
  const catalogue = pickerCatalogue(db)
  const numbers = { fields: {} as Record<number, number>, challenges: {} as Record<number, number>, measures: {} as Record<number, [number, number]> }
  for (const field of catalogue) {
    numbers.fields[field.id] = field.number
    for (const challenge of field.challenges) {
      numbers.challenges[challenge.id] = field.number
      for (const goal of challenge.goals) for (const measure of goal.measures) numbers.measures[measure.id] = [goal.number, measure.position]
    }
  }
  const initial = cardsOf(db, forumId, { phaseId, tableId, visibleOnly: true })
    .filter((card) => card.source === 'poster')
    .map((card) => ({ key: card.cardKey, text: card.text, language: card.language, categoryId: card.categoryId, target: targetRefOf(card, card.goalNumber), author: '' }))
  return {
    documentName: posterDocumentName(forumId, tableId, phaseId),
    phase: { id: phase.id, position: phase.position, title: phase.title, state: phase.state },
    table: { id: table.id, number: table.number, name: table.name, host: table.host },
    categories: phase.categories.map((c) => ({ id: c.id, preset: c.preset, label: c.label })),
    fields: catalogue.map((field) => ({ id: field.id, number: field.number, title: field.title })),
    tableField: catalogue.find((field) => field.id === table.fieldId) ?? null,
    numbers,
    initial,
  }
}
