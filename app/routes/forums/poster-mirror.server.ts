import type { RouterContextProvider } from 'react-router'
import * as Y from 'yjs'
import { getServices } from '../../../server/auth/require'
import { posterCardsOf, type PosterCardRef } from '../../../server/services/forums/posters'
import { CARDS_MAP } from '~/shared/live/layout'

/**
 * After moderation changed the record (forum_feedback, audited), the same change on the table's poster while its
 * phase is open, as a server edit (server/services/forums/posters.ts says why): 'move' writes the card's category
 * and target, 'remove' takes a hidden or merged card off the poster, 'put' puts a card on it that is not there (one
 * shown again, one posted through the form or entered by the moderation; as the record has it, without a voluntary
 * name). `userId` null: the change is a participant's (a forum session has no user).
 */
export async function mirrorOnPosters(context: Readonly<RouterContextProvider>, forumId: number, cardIds: number[], change: 'move' | 'remove' | 'put', userId: number | null) {
  const { db, live } = getServices(context)
  for (const card of posterCardsOf(db, forumId, cardIds)) {
    if (!card.writable) continue
    try {
      await live.edit(card.documentName, userId, (doc) => {
        const cards = doc.getMap(CARDS_MAP)
        const map = cards.get(card.cardKey) as Y.Map<unknown> | undefined
        if (change === 'put') {
          if (!map) cards.set(card.cardKey, restored(card))
          return
        }
        if (!map) return
        if (change === 'remove') cards.delete(card.cardKey)
        else {
          if (map.get('category') !== card.categoryId) map.set('category', card.categoryId)
          if (map.get('target') !== card.targetRef) map.set('target', card.targetRef)
        }
      })
    } catch (error) {
      // The record is changed and audited; the poster shows the change once it is made again or the phase ends.
      console.error(`Zielwerk: Plakat ${card.documentName} nicht nachgeführt:`, (error as Error).message)
    }
  }
}

/** A card's map as a poster holds it (app/shared/live/layout.ts POSTER_CARD_KEYS), from its record. */
function restored(card: PosterCardRef): Y.Map<unknown> {
  const map = new Y.Map<unknown>()
  map.set('text', card.text)
  map.set('category', card.categoryId)
  map.set('target', card.targetRef)
  map.set('language', card.language)
  map.set('createdAt', card.createdAt)
  return map
}
