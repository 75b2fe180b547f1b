import type { RouterContextProvider } from 'react-router'
import type * as Y from 'yjs'
import { getServices } from '../../../server/auth/require'
import { posterCardsOf } from '../../../server/services/forums/posters'
import { CARDS_MAP } from '~/shared/live/layout'

/**
 * After moderation changed the record (forum_feedback, audited), the same change on the table's poster while its
 * phase is open, as a server edit (server/services/forums/posters.ts says why): 'move' writes the card's category
 * and target, 'remove' takes a hidden or merged card off the poster. Cards that came over HTTP have no poster.
 */
export async function mirrorOnPosters(context: Readonly<RouterContextProvider>, forumId: number, cardIds: number[], change: 'move' | 'remove', userId: number) {
  const { db, live } = getServices(context)
  for (const card of posterCardsOf(db, forumId, cardIds)) {
    if (!card.writable) continue
    try {
      await live.edit(card.documentName, userId, (doc) => {
        const cards = doc.getMap(CARDS_MAP)
        const map = cards.get(card.cardKey) as Y.Map<unknown> | undefined
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
