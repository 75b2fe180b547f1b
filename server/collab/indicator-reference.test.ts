import { getText, getTextSerializersFromSchema } from '@tiptap/core'
import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { CLOSE } from '../../app/shared/live/close-codes'
import { narrativeSchema } from '../../app/shared/live/extensions'
import { indicatorReferenceText, type IndicatorReferenceAttrs } from '../../app/shared/live/indicator-reference'
import { readNarrative } from './narrative'
import { checkDocument, DEFAULT_LIMITS, narrativeJson, narrativeText } from './schema'

// The indicatorReference node: what the editor schema makes of it, and what admission lets into a live narrative.

const REFERENCE: IndicatorReferenceAttrs = {
  indicatorId: 3,
  territoryId: 7,
  referenceDate: '2024-12-31',
  value: '56 %',
  unit: 'percent',
  indicatorName: 'Anteil ausländischer Staatsangehöriger',
  territoryName: 'Stadt Bramsche',
  source: 'Datenquelle: Landesamt für Statistik Niedersachsen',
  demo: false,
}
const TEXT = '56 % (Anteil ausländischer Staatsangehöriger, Stadt Bramsche, 31.12.2024; Quelle: Landesamt für Statistik Niedersachsen)'

function referenceElement(attrs: Record<string, unknown>) {
  const element = new Y.XmlElement('indicatorReference')
  for (const [key, value] of Object.entries(attrs)) element.setAttribute(key, value as string)
  return element
}

/** A narrative "Der Anteil lag bei <reference>." in a document of the given kind. */
function docWith(attrs: Record<string, unknown>, build?: (reference: Y.XmlElement) => void) {
  const doc = new Y.Doc()
  const p = new Y.XmlElement('paragraph')
  const reference = referenceElement(attrs)
  build?.(reference)
  p.insert(0, [new Y.XmlText('Der Anteil lag bei '), reference, new Y.XmlText('.')])
  doc.getXmlFragment('narrative').insert(0, [p])
  return doc
}

const code = (doc: Y.Doc, kind: 'measure' | 'goal' = 'measure') => checkDocument(kind, doc, DEFAULT_LIMITS)?.close.code ?? null

describe('the indicatorReference node in the editor schema', () => {
  const schema = narrativeSchema()

  test('is an inline atom that a paragraph may hold, printed as a German chip with its source', () => {
    const type = schema.nodes.indicatorReference!
    expect(type.isInline && type.isAtom && type.isLeaf).toBe(true)
    const doc = schema.nodeFromJSON({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Wert: ' }, { type: 'indicatorReference', attrs: REFERENCE }] }] })
    doc.check()
    expect(getText(doc, { textSerializers: getTextSerializersFromSchema(schema) })).toBe(`Wert: ${TEXT}`)
    const [tag, attrs, text] = type.spec.toDOM!(doc.firstChild!.lastChild!) as [string, Record<string, string>, string]
    expect(tag).toBe('span')
    expect(attrs).toMatchObject({ lang: 'de', 'data-indicator-reference': '', 'data-indicator-id': '3', 'data-reference-date': '2024-12-31', 'data-value': '56 %' })
    expect(text).toBe(TEXT)
  })

  test('refuses a node with a missing or broken attribute', () => {
    const node = (attrs: Record<string, unknown>) => () =>
      schema.nodeFromJSON({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'indicatorReference', attrs }] }] }).check()
    expect(node(REFERENCE)).not.toThrow()
    const { source: _source, ...withoutSource } = REFERENCE
    expect(node(withoutSource)).toThrow()
    expect(node({ ...REFERENCE, value: '< 3' })).toThrow()
    expect(node({ ...REFERENCE, indicatorId: '3' })).toThrow()
  })

  test('prints the demo label with synthetic values', () => {
    expect(indicatorReferenceText({ ...REFERENCE, demo: true, source: '' })).toBe('56 % (Anteil ausländischer Staatsangehöriger, Stadt Bramsche, 31.12.2024; Demo-Daten, keine echten Zahlen)')
  })
})

describe('admission of a narrative with an indicator reference', () => {
  test('a well-formed reference passes in measure and goal narratives, and the projected text quotes it', () => {
    const doc = docWith(REFERENCE)
    expect(code(doc)).toBeNull()
    expect(code(docWith(REFERENCE), 'goal')).toBeNull()
    const json = narrativeJson(doc.getXmlFragment('narrative'))
    expect(narrativeText(json)).toBe(`Der Anteil lag bei ${TEXT}.`)
    const read = readNarrative(doc.getXmlFragment('narrative'), DEFAULT_LIMITS)
    expect('narrative' in read && read.narrative?.text()).toBe(`Der Anteil lag bei ${TEXT}.`)
    expect('narrative' in read && read.narrative?.jsonText()).toBe(JSON.stringify(json))
  })

  test.each([
    ['an unknown attribute', { ...REFERENCE, href: 'https://example.org' }],
    ['a missing attribute', (({ territoryName: _t, ...rest }) => rest)(REFERENCE)],
    ['a suppressed value "< 3"', { ...REFERENCE, value: '< 3' }],
    ['a withheld value as a word', { ...REFERENCE, value: 'zurückgehalten' }],
    ['an empty value', { ...REFERENCE, value: '' }],
    ['a value that is a number, not the text shown', { ...REFERENCE, value: 56 }],
    ['an id that is text', { ...REFERENCE, indicatorId: '3' }],
    ['an id that is no integer', { ...REFERENCE, territoryId: 1.5 }],
    ['a date that is no date', { ...REFERENCE, referenceDate: '31.12.2024' }],
    ['a unit outside the vocabulary', { ...REFERENCE, unit: 'euro' }],
    ['a demo mark that is text', { ...REFERENCE, demo: 'false' }],
    ['an indicator name over 200 characters', { ...REFERENCE, indicatorName: 'x'.repeat(201) }],
    ['a source over 600 characters', { ...REFERENCE, source: 'x'.repeat(601) }],
    ['an empty territory name', { ...REFERENCE, territoryName: ' ' }],
  ])('%s is rejected (4422)', (_what, attrs) => {
    expect(code(docWith(attrs))).toBe(CLOSE.rejected.code)
  })

  test('a reference with content inside it is rejected', () => {
    expect(code(docWith(REFERENCE, (r) => r.insert(0, [new Y.XmlText('mehr')])))).toBe(CLOSE.rejected.code)
  })

  test('a reference outside a paragraph is rejected', () => {
    const doc = new Y.Doc()
    doc.getXmlFragment('narrative').insert(0, [referenceElement(REFERENCE)])
    expect(code(doc)).toBe(CLOSE.rejected.code)
  })

  test('changing an admitted reference to a suppressed value is rejected on the change', () => {
    const doc = docWith(REFERENCE)
    expect(code(doc)).toBeNull()
    const reference = (doc.getXmlFragment('narrative').get(0) as Y.XmlElement).get(1) as Y.XmlElement
    reference.setAttribute('value', '< 3')
    expect(code(doc)).toBe(CLOSE.rejected.code)
  })
})
