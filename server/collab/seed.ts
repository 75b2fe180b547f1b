import { and, eq } from 'drizzle-orm'
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import { narrativeSchema } from '../../app/shared/live/extensions'
import { AGREED_MAP, CHAPTER_MAP, itemNoteKey, itemStateKey, MEETING_MAP, NARRATIVE, STATUS_MAP } from '../../app/shared/live/layout'
import { FLAGS } from '../../app/shared/vocabulary'
import type { Db } from '../../db/client'
import { goalStatus, measureStatus, meetingItems } from '../../db/schema'
import type { DocumentMeta } from './documents'
import { storedChapter } from './extensions/projection-chapters'

/**
 * The first content of a document nobody has written yet: the round's relational status (a new round starts
 * from the previous round's state; the catalogue seeds the marks of the source). Built with a fixed client id
 * so the same status always gives byte-identical structs: a closed round's document is seeded in memory on
 * every load and never stored, and a browser that cached it merges it without duplicates.
 */
export const SEED_CLIENT_ID = 1

type FlagColumns = { mandatory: boolean | null; routine: boolean | null; continue: boolean | null; responsibilityQuestionable: boolean | null; changedConditions: boolean | null }

function writeNarrative(doc: Y.Doc, json: string | null): void {
  if (!json) return
  try {
    prosemirrorJSONToYXmlFragment(narrativeSchema(), JSON.parse(json), doc.getXmlFragment(NARRATIVE))
  } catch (error) {
    console.error(`Zielwerk: gespeicherter Sachstand passt nicht zum Editor und wird nicht übernommen: ${(error as Error).message}`)
  }
}

function writeRating(map: Y.Map<unknown>, attainment: string | null, flags: FlagColumns, keepFalse: boolean) {
  if (attainment !== null) map.set('attainment', attainment)
  for (const key of FLAGS) {
    const value = flags[key]
    if (value === true || (keepFalse && value === false)) map.set(key, value)
  }
}

export function seedUpdate(db: Db, meta: DocumentMeta): Uint8Array | null {
  // A poster starts empty: its cards are made on it (HTTP cards stay in forum_feedback only).
  if (meta.kind === 'poster') return null
  const doc = new Y.Doc({ gc: true })
  doc.clientID = SEED_CLIENT_ID
  doc.transact(() => {
    if (meta.kind === 'meeting') {
      // Item states and notes that are not the defaults (set over HTTP before anyone opened the document).
      const map = doc.getMap(MEETING_MAP)
      const items = db
        .select({ id: meetingItems.id, state: meetingItems.state, note: meetingItems.decisionNote })
        .from(meetingItems)
        .where(eq(meetingItems.meetingId, meta.meetingId!))
        .orderBy(meetingItems.id)
        .all()
      for (const item of items) {
        if (item.state !== 'open') map.set(itemStateKey(item.id), item.state)
        if (item.note !== '') map.set(itemNoteKey(item.id), item.note)
      }
      return
    }
    if (meta.kind === 'chapter') {
      // The projection (a copy of the previous round's chapter, or the demo's text) is where a chapter starts.
      const row = storedChapter(db, meta.roundId, meta.chapterSlug!)
      writeNarrative(doc, row?.json ?? null)
      if (row?.statistics) doc.getMap(CHAPTER_MAP).set('statistics', true)
      return
    }
    if (meta.kind === 'goal') {
      const row = db
        .select({ json: goalStatus.narrativeJson })
        .from(goalStatus)
        .where(and(eq(goalStatus.roundId, meta.roundId), eq(goalStatus.goalId, meta.goalId!)))
        .get()
      writeNarrative(doc, row?.json ?? null)
      return
    }
    const row = db
      .select()
      .from(measureStatus)
      .where(and(eq(measureStatus.roundId, meta.roundId), eq(measureStatus.measureId, meta.measureId!)))
      .get()
    if (!row) return
    if (meta.kind === 'measure') {
      writeRating(doc.getMap(STATUS_MAP), row.proposalAttainment, {
        mandatory: row.proposalMandatory,
        routine: row.proposalRoutine,
        continue: row.proposalContinue,
        responsibilityQuestionable: row.proposalResponsibilityQuestionable,
        changedConditions: row.proposalChangedConditions,
      }, false)
      writeNarrative(doc, row.narrativeJson)
    } else {
      const map = doc.getMap(AGREED_MAP)
      writeRating(map, row.agreedAttainment, {
        mandatory: row.agreedMandatory,
        routine: row.agreedRoutine,
        continue: row.agreedContinue,
        responsibilityQuestionable: row.agreedResponsibilityQuestionable,
        changedConditions: row.agreedChangedConditions,
      }, true)
      if (row.agreedInMeeting !== null) map.set('meetingId', row.agreedInMeeting)
    }
  })
  const empty = doc.store.clients.size === 0
  const update = empty ? null : Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return update
}
