import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { CLOSE } from '../../app/shared/live/close-codes'
import { checkDocument, DEFAULT_LIMITS, narrativeJson, narrativeText } from './schema'

function paragraph(text: string, attributes?: Record<string, unknown>) {
  const p = new Y.XmlElement('paragraph')
  const t = new Y.XmlText()
  t.insert(0, text, attributes)
  p.insert(0, [t])
  return p
}

function measureDoc(build: (doc: Y.Doc) => void = () => {}) {
  const doc = new Y.Doc()
  build(doc)
  return doc
}

const code = (doc: Y.Doc, kind: 'measure' | 'goal' | 'agreed' = 'measure', limits = DEFAULT_LIMITS) => checkDocument(kind, doc, limits)?.close.code ?? null

describe('what a measure document may hold', () => {
  test('an empty document and a complete, well-formed one pass', () => {
    expect(code(measureDoc())).toBeNull()
    const doc = measureDoc((d) => {
      const status = d.getMap('status')
      status.set('attainment', 'unclear')
      for (const flag of ['mandatory', 'routine', 'continue', 'responsibilityQuestionable', 'changedConditions']) status.set(flag, true)
      status.set('attainment', null)
      const list = new Y.XmlElement('orderedList')
      list.setAttribute('start', 3 as unknown as string)
      const item = new Y.XmlElement('listItem')
      item.insert(0, [paragraph('Punkt', { bold: {}, italic: {} })])
      list.insert(0, [item])
      d.getXmlFragment('narrative').insert(0, [paragraph('Siehe ', {}), paragraph('Link', { link: { href: 'mailto:a@b.de' } }), list])
    })
    expect(code(doc)).toBeNull()
  })

  test.each([
    ['an attainment outside the enum', (d: Y.Doc) => d.getMap('status').set('attainment', 'purple')],
    ['an attainment of the wrong type', (d: Y.Doc) => d.getMap('status').set('attainment', 1)],
    ['a mark that is a string', (d: Y.Doc) => d.getMap('status').set('routine', 'true')],
    ['a mark that is a nested type', (d: Y.Doc) => d.getMap('status').set('routine', new Y.Array())],
    ['an unknown key', (d: Y.Doc) => d.getMap('status').set('colour', 'green')],
    ['a meeting id in a proposal', (d: Y.Doc) => d.getMap('status').set('meetingId', 3)],
    ['an unknown root', (d: Y.Doc) => d.getText('notes').insert(0, 'x')],
    ['a sequence in the status map', (d: Y.Doc) => d.getArray('status').insert(0, [1])],
    ['keys on the narrative fragment', (d: Y.Doc) => d.getMap('narrative').set('x', 1)],
    ['a heading', (d: Y.Doc) => d.getXmlFragment('narrative').insert(0, [new Y.XmlElement('heading')])],
    ['text outside a paragraph', (d: Y.Doc) => d.getXmlFragment('narrative').insert(0, [new Y.XmlText('lose')])],
    ['a paragraph inside a paragraph', (d: Y.Doc) => {
      const outer = new Y.XmlElement('paragraph')
      outer.insert(0, [paragraph('innen')])
      d.getXmlFragment('narrative').insert(0, [outer])
    }],
    ['a list item outside a list', (d: Y.Doc) => {
      const item = new Y.XmlElement('listItem')
      item.insert(0, [paragraph('x')])
      d.getXmlFragment('narrative').insert(0, [item])
    }],
    ['an unknown mark', (d: Y.Doc) => d.getXmlFragment('narrative').insert(0, [paragraph('x', { strike: {} })])],
    ['a javascript: link', (d: Y.Doc) => d.getXmlFragment('narrative').insert(0, [paragraph('x', { link: { href: 'javascript:alert(1)' } })])],
    ['a link without target', (d: Y.Doc) => d.getXmlFragment('narrative').insert(0, [paragraph('x', { link: {} })])],
    ['an unknown attribute on a link', (d: Y.Doc) => d.getXmlFragment('narrative').insert(0, [paragraph('x', { link: { href: 'https://a.de', onclick: 'x' } })])],
    ['an unknown attribute on a paragraph', (d: Y.Doc) => {
      const p = paragraph('x')
      p.setAttribute('style', 'color:red')
      d.getXmlFragment('narrative').insert(0, [p])
    }],
    ['an embed in the text', (d: Y.Doc) => {
      const p = new Y.XmlElement('paragraph')
      const t = new Y.XmlText()
      t.insertEmbed(0, { image: 'x' })
      p.insert(0, [t])
      d.getXmlFragment('narrative').insert(0, [p])
    }],
  ])('%s is rejected', (_what, change) => {
    expect(code(measureDoc(change))).toBe(CLOSE.rejected.code)
  })

  test('a narrative over the character or node limit is too large', () => {
    const limits = { ...DEFAULT_LIMITS, maxNarrativeChars: 10, maxNarrativeNodes: 5 }
    expect(code(measureDoc((d) => d.getXmlFragment('narrative').insert(0, [paragraph('elf Zeichen')])), 'measure', limits)).toBe(CLOSE.tooLarge.code)
    expect(code(measureDoc((d) => d.getXmlFragment('narrative').insert(0, [paragraph('a'), paragraph('b'), paragraph('c')])), 'measure', limits)).toBe(CLOSE.tooLarge.code)
  })

  test('a list emptied by two people deleting its two items at once is tolerated, not locked out', () => {
    const base = new Y.Doc()
    const list = new Y.XmlElement('bulletList')
    for (const text of ['eins', 'zwei']) {
      const item = new Y.XmlElement('listItem')
      item.insert(0, [paragraph(text)])
      list.insert(list.length, [item])
    }
    base.getXmlFragment('narrative').insert(0, [paragraph('vorher'), list])
    const a = new Y.Doc()
    const b = new Y.Doc()
    Y.applyUpdate(a, Y.encodeStateAsUpdate(base))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(base))
    ;(a.getXmlFragment('narrative').get(1) as Y.XmlElement).delete(0, 1)
    ;(b.getXmlFragment('narrative').get(1) as Y.XmlElement).delete(1, 1)
    expect(code(a)).toBeNull()
    expect(code(b)).toBeNull()
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    expect((a.getXmlFragment('narrative').get(1) as Y.XmlElement).length).toBe(0)
    expect(code(a)).toBeNull()
  })

  test('a deleted unknown key is no longer a problem', () => {
    const doc = measureDoc((d) => {
      d.getMap('status').set('colour', 'green')
      d.getMap('status').delete('colour')
    })
    expect(code(doc)).toBeNull()
  })
})

describe('goal and agreed documents', () => {
  test('a goal document holds only a narrative', () => {
    expect(code(measureDoc((d) => d.getXmlFragment('narrative').insert(0, [paragraph('Ziel')])), 'goal')).toBeNull()
    expect(code(measureDoc((d) => d.getMap('status').set('attainment', 'high')), 'goal')).toBe(CLOSE.rejected.code)
  })

  test('an agreed document holds the rating, the marks and a meeting id', () => {
    const ok = measureDoc((d) => {
      const m = d.getMap('agreed')
      m.set('attainment', 'high')
      m.set('mandatory', false)
      m.set('meetingId', 12)
    })
    expect(code(ok, 'agreed')).toBeNull()
    expect(code(measureDoc((d) => d.getMap('agreed').set('meetingId', 'zwölf')), 'agreed')).toBe(CLOSE.rejected.code)
    expect(code(measureDoc((d) => d.getMap('agreed').set('meetingId', 1.5)), 'agreed')).toBe(CLOSE.rejected.code)
    expect(code(measureDoc((d) => d.getXmlFragment('narrative').insert(0, [paragraph('x')])), 'agreed')).toBe(CLOSE.rejected.code)
  })
})

describe('narrative projection helpers', () => {
  test('an empty fragment has no JSON and no text', () => {
    const doc = new Y.Doc()
    expect(narrativeJson(doc.getXmlFragment('narrative'))).toBeNull()
    expect(narrativeText(null)).toBe('')
  })

  test('blocks become lines and hard breaks line breaks', () => {
    const doc = new Y.Doc()
    const p = new Y.XmlElement('paragraph')
    p.insert(0, [new Y.XmlText('eins'), new Y.XmlElement('hardBreak'), new Y.XmlText('zwei')])
    doc.getXmlFragment('narrative').insert(0, [p, paragraph('drei')])
    expect(narrativeText(narrativeJson(doc.getXmlFragment('narrative')))).toBe('eins\nzwei\ndrei')
  })
})
