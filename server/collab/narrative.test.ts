import type { Node as PmNode } from '@tiptap/pm/model'
import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { isAllowedHref, narrativeSchema } from '../../app/shared/live/extensions'
import { allowedChildren, attrProblem, narrativeOf, readNarrative } from './narrative'
import { DEFAULT_LIMITS, narrativeJson, narrativeText, type PmJson } from './schema'

/**
 * The incremental reader against the whole-document check it replaced (kept here as the oracle, as it was:
 * y-tiptap's JSON, a walk over it, ProseMirror's nodeFromJSON and check, structure forgiven only in
 * cardinality). Random edits, valid and invalid ones, local and arriving from another document; after every
 * transaction both must agree on accept or refuse, and on JSON and text of what they accept.
 */

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype
}

function checkJson(node: PmJson): string | null {
  const schema = narrativeSchema()
  const type = schema.nodes[node.type]
  if (!type) return `type ${String(node.type)}`
  if (node.attrs !== undefined) {
    if (!isPlainObject(node.attrs)) return 'attrs'
    for (const [key, value] of Object.entries(node.attrs)) {
      if (!(type.spec.attrs && key in type.spec.attrs)) return `attr ${key}`
      if (attrProblem(node.type, key, value)) return 'attr value'
    }
  }
  for (const mark of node.marks ?? []) {
    const markType = schema.marks[mark.type]
    if (!markType) return `mark ${mark.type}`
    if (mark.attrs !== undefined && mark.attrs !== null) {
      if (!isPlainObject(mark.attrs)) return 'mark attrs'
      for (const [key, value] of Object.entries(mark.attrs)) {
        if (!(markType.spec.attrs && key in markType.spec.attrs)) return `mark attr ${key}`
        if (attrProblem(mark.type, key, value)) return 'mark attr value'
      }
    }
    if (mark.type === 'link' && !isAllowedHref((mark.attrs as Record<string, unknown> | undefined)?.href)) return 'href'
  }
  for (const child of node.content ?? []) {
    const problem = checkJson(child)
    if (problem) return problem
  }
  return null
}

function structureProblem(node: PmNode): string | null {
  let problem: string | null = null
  const allowed = allowedChildren(node.type)
  node.forEach((child) => {
    if (problem) return
    if (!allowed.has(child.type.name)) problem = 'member'
    else if (child.marks.some((mark) => !node.type.allowsMarkType(mark.type))) problem = 'mark place'
    else problem = structureProblem(child)
  })
  return problem
}

/** The old whole-document check: null while empty, 'refused' or JSON and text. */
function oracle(fragment: Y.XmlFragment): null | 'refused' | { json: PmJson; text: string } {
  let json: PmJson | null
  try {
    json = narrativeJson(fragment)
  } catch {
    return 'refused'
  }
  if (json === null) return null
  if (checkJson(json)) return 'refused'
  let node: PmNode
  try {
    node = narrativeSchema().nodeFromJSON(json)
  } catch {
    return 'refused'
  }
  try {
    node.check()
  } catch {
    if (structureProblem(node)) return 'refused'
  }
  return { json, text: narrativeText(json) }
}

function incremental(fragment: Y.XmlFragment): null | 'refused' | { json: PmJson; text: string; jsonText: string } {
  const read = readNarrative(fragment, DEFAULT_LIMITS)
  if ('violation' in read) return 'refused'
  if (!read.narrative) return null
  return { json: read.narrative.json(), text: read.narrative.text(), jsonText: read.narrative.jsonText() }
}

function random(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

const WORDS = ['Sachstand', ' ', 'Maßnahme', '\n', 'läuft', '.', 'Ziel ', '']

/** A random edit of the narrative; some of them break the rules on purpose. */
function edit(doc: Y.Doc, next: () => number) {
  const fragment = doc.getXmlFragment('narrative')
  const pick = <T,>(items: T[]): T => items[Math.floor(next() * items.length)]!
  const elements: Y.XmlElement[] = []
  const texts: Y.XmlText[] = []
  const collect = (type: Y.XmlFragment | Y.XmlElement) => {
    for (const child of type.toArray()) {
      if (child instanceof Y.XmlElement) {
        elements.push(child)
        collect(child)
      } else if (child instanceof Y.XmlText) texts.push(child)
    }
  }
  collect(fragment)
  const paragraph = (words = 1 + Math.floor(next() * 3)) => {
    const p = new Y.XmlElement('paragraph')
    p.insert(0, [new Y.XmlText(Array.from({ length: words }, () => pick(WORDS)).join('') || 'x')])
    return p
  }
  const marks = () =>
    pick<Record<string, unknown> | undefined>([
      undefined,
      { bold: {} },
      { italic: {}, bold: {} },
      { link: { href: 'https://example.org/' } },
      { link: { href: 'mailto:a@b.de', target: '_blank' } },
      { link: { href: 'javascript:alert(1)' } }, // refused
      { strike: {} }, // refused
      { link: { href: 'https://a.de', onclick: 'x' } }, // refused
      { bold: true }, // refused: attributes that are no object
      { link: {} }, // refused: a link without a target
    ])
  doc.transact(() => {
    const roll = next()
    if (roll < 0.25 || texts.length === 0) {
      fragment.insert(Math.floor(next() * (fragment.length + 1)), [paragraph()])
    } else if (roll < 0.5) {
      const text = pick(texts)
      text.insert(Math.floor(next() * (text.length + 1)), pick(WORDS) || 'y', marks())
    } else if (roll < 0.6) {
      const text = pick(texts)
      if (text.length > 0) {
        const at = Math.floor(next() * text.length)
        text.delete(at, Math.min(text.length - at, 1 + Math.floor(next() * 4)))
      }
    } else if (roll < 0.67) {
      const text = pick(texts)
      if (text.length > 0) text.format(0, Math.ceil(text.length / 2), pick([{ bold: {} }, { italic: null }, { link: { href: 'https://x.de' } }, { link: null }, { code: {} }]))
    } else if (roll < 0.74) {
      const list = new Y.XmlElement(pick(['bulletList', 'orderedList']))
      const item = new Y.XmlElement('listItem')
      item.insert(0, [paragraph()])
      list.insert(0, [item])
      fragment.insert(Math.floor(next() * (fragment.length + 1)), [list])
    } else if (roll < 0.8) {
      const list = pick(elements.filter((e) => e.nodeName === 'listItem'))
      list?.insert(list.length, [next() < 0.8 ? paragraph() : new Y.XmlElement('listItem')])
    } else if (roll < 0.88) {
      // removal: of a top-level block or of anything below
      if (next() < 0.5 && fragment.length > 0) fragment.delete(Math.floor(next() * fragment.length), 1)
      else {
        const parent = pick(elements)
        if (parent && parent.length > 0) parent.delete(Math.floor(next() * parent.length), 1)
      }
    } else if (roll < 0.92) {
      const target = pick(elements)
      if (target) target.setAttribute(pick(['start', 'style', 'type']), pick([3, 'x', null, -1] as unknown as string[]))
    } else {
      // things the editor does not have, or not there
      const bad = pick([
        () => fragment.insert(0, [new Y.XmlElement('heading')]),
        () => fragment.insert(fragment.length, [new Y.XmlText('lose')]),
        () => pick(elements)?.insert(0, [paragraph()]),
        () => pick(elements)?.insert(0, [new Y.XmlElement('hardBreak')]),
        () => pick(elements)?.insert(0, [new Y.XmlElement('text')]),
        () => pick(texts)?.insertEmbed(0, { image: 'x' }),
        () => fragment.insert(0, [new Y.XmlElement('listItem')]),
      ])
      bad()
    }
  })
}

describe('the incremental narrative reader', () => {
  test.each([1, 2, 3, 4, 5, 6, 7, 8])('agrees with the whole-document check after every random edit (seed %i)', (seed) => {
    const next = random(seed * 7919)
    const local = new Y.Doc()
    const remote = new Y.Doc()
    local.on('update', (update: Uint8Array) => Y.applyUpdate(remote, update))
    let refused = 0
    let accepted = 0
    for (let step = 0; step < 250; step++) {
      edit(local, next)
      for (const doc of [local, remote]) {
        const fragment = doc.getXmlFragment('narrative')
        const expected = oracle(fragment)
        const actual = incremental(fragment)
        if (expected === null || expected === 'refused') {
          expect(actual, `Schritt ${step}: ${fragment.toString()}`).toBe(expected)
        } else {
          expect(actual, `Schritt ${step}: ${fragment.toString()}`).toEqual({ ...expected, jsonText: JSON.stringify(expected.json) })
        }
        if (expected === 'refused') refused++
        else accepted++
      }
      // Take refused content out again now and then, so that the document keeps turning valid.
      if (oracle(local.getXmlFragment('narrative')) === 'refused' && next() < 0.6) {
        local.transact(() => local.getXmlFragment('narrative').delete(0, local.getXmlFragment('narrative').length))
      }
    }
    // Both kinds occurred, so the comparison meant something.
    expect(refused).toBeGreaterThan(20)
    expect(accepted).toBeGreaterThan(20)
  })

  test('a keystroke re-reads its own paragraph only: the other blocks keep their cached JSON', () => {
    const doc = new Y.Doc()
    const fragment = doc.getXmlFragment('narrative')
    const texts: Y.XmlText[] = []
    doc.transact(() => {
      for (let i = 0; i < 3; i++) {
        const p = new Y.XmlElement('paragraph')
        const t = new Y.XmlText(`Absatz ${i}`)
        p.insert(0, [t])
        fragment.insert(i, [p])
        texts.push(t)
      }
    })
    const first = narrativeOf(fragment)!.json()
    texts[1]!.insert(0, '>')
    const second = narrativeOf(fragment)!.json()
    expect(second.content![0]).toBe(first.content![0])
    expect(second.content![2]).toBe(first.content![2])
    expect(second.content![1]).not.toBe(first.content![1])
    expect(narrativeOf(fragment)!.text()).toBe('Absatz 0\n>Absatz 1\nAbsatz 2')
  })

  test('the limits count nodes and characters as before', () => {
    const doc = new Y.Doc()
    const fragment = doc.getXmlFragment('narrative')
    const p = new Y.XmlElement('paragraph')
    p.insert(0, [new Y.XmlText('a'.repeat(50))])
    fragment.insert(0, [p])
    expect(readNarrative(fragment, { ...DEFAULT_LIMITS, maxNarrativeChars: 50 })).toMatchObject({ narrative: { nodes: 3 } })
    expect(readNarrative(fragment, { ...DEFAULT_LIMITS, maxNarrativeChars: 49 })).toMatchObject({ violation: { close: { code: 4413 } } })
    expect(readNarrative(fragment, { ...DEFAULT_LIMITS, maxNarrativeNodes: 2 })).toMatchObject({ violation: { close: { code: 4413 } } })
    // Blank lines around the text do not count (the stored text is trimmed).
    const blank = new Y.XmlElement('paragraph')
    blank.insert(0, [new Y.XmlText('   ')])
    fragment.insert(1, [blank])
    expect(readNarrative(fragment, { ...DEFAULT_LIMITS, maxNarrativeChars: 50 })).toHaveProperty('narrative')
  })
})
