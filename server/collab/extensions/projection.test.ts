import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { agreedDocumentName, goalDocumentName, measureDocumentName, parseDocumentName } from '../../../app/shared/live/names'
import { AGREED_MAP, NARRATIVE, STATUS_MAP } from '../../../app/shared/live/layout'
import { resolveDocument } from '../documents'
import { Projection, type StoreContext } from './projection'
import { testDb } from './test-fakes'

const world = testDb()
const projection = new Projection({ db: world.db })

/** The store context of one change made to `document` (the Yjs transaction it ran in). */
function changeOf(name: string, change: (doc: Y.Doc) => void): StoreContext {
  const meta = resolveDocument(world.db, parseDocumentName(name)!)!
  const document = new Y.Doc()
  let transaction: Y.Transaction | null = null
  document.on('afterTransaction', (tr: Y.Transaction) => {
    transaction = tr
  })
  change(document)
  return { tx: world.db, meta, document, transaction, userId: null, participantId: null, now: Date.now() }
}

const typing = (doc: Y.Doc) => {
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [new Y.XmlText('Sachstand')])
  doc.getXmlFragment(NARRATIVE).insert(0, [paragraph])
}

describe('which stores the projection writes for (the rest are appended without a transaction)', () => {
  test('typing in a measure’s or goal’s narrative writes nothing at once; its rating does', () => {
    const measure = measureDocumentName(world.openRound, world.measureA)
    expect(projection.writes(changeOf(measure, typing))).toBe(false)
    expect(projection.writes(changeOf(measure, (doc) => doc.getMap(STATUS_MAP).set('attainment', 'high')))).toBe(true)
    expect(projection.writes(changeOf(goalDocumentName(world.openRound, 1), typing))).toBe(false)
  })

  test('an agreed rating writes; a re-projection of everything (no Yjs transaction) always does', () => {
    const agreed = agreedDocumentName(world.openRound, world.measureA)
    expect(projection.writes(changeOf(agreed, (doc) => doc.getMap(AGREED_MAP).set('attainment', 'low')))).toBe(true)
    const all = changeOf(measureDocumentName(world.openRound, world.measureA), typing)
    expect(projection.writes({ ...all, transaction: null })).toBe(true)
  })
})
