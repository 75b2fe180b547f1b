import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { narrativeText, readLocal, unsavedOf } from './unsaved'

function measureDoc(paragraphs: string[], attainment: string | null = null) {
  const doc = new Y.Doc()
  const fragment = doc.getXmlFragment('narrative')
  for (const text of paragraphs) {
    const p = new Y.XmlElement('paragraph')
    p.insert(0, [new Y.XmlText(text)])
    fragment.push([p])
  }
  doc.getMap('status').set('attainment', attainment)
  return doc
}

describe('what of the author’s edits the server does not have', () => {
  test('the narrative reads as plain text, one line per paragraph and list item, marks left out', () => {
    const doc = measureDoc(['Kurse laufen'])
    const list = new Y.XmlElement('bulletList')
    const item = new Y.XmlElement('listItem')
    const p = new Y.XmlElement('paragraph')
    const text = new Y.XmlText()
    text.insert(0, 'fett', { bold: true })
    text.insert(4, ' und normal')
    p.insert(0, [text])
    item.insert(0, [p])
    list.insert(0, [item])
    doc.getXmlFragment('narrative').push([list])
    expect(narrativeText(doc.getXmlFragment('narrative'))).toBe('Kurse laufen\nfett und normal')
  })

  test('the author’s whole text and rating where they differ from the stored ones; nothing where they are equal', () => {
    const local = readLocal(measureDoc(['Kurse laufen', 'Neu nach dem Abschluss'], 'high'), 'measure')
    const server = readLocal(measureDoc(['Kurse laufen'], 'medium'), 'measure')
    expect(unsavedOf(local, server)).toEqual({ text: 'Kurse laufen\nNeu nach dem Abschluss', attainment: 'high', marks: {} })
    expect(unsavedOf(local, local)).toBeNull()
  })

  test('when the server’s state is unknown, all of the author’s text counts as unsaved', () => {
    const local = readLocal(measureDoc(['Kurse laufen'], 'high'), 'measure')
    expect(unsavedOf(local, null)).toEqual({ text: 'Kurse laufen', attainment: undefined, marks: {} })
  })

  test('a changed mark is named with the author’s value', () => {
    const doc = measureDoc([])
    doc.getMap('status').set('routine', true)
    expect(unsavedOf(readLocal(doc, 'measure'), readLocal(measureDoc([]), 'measure'))).toEqual({ text: null, attainment: undefined, marks: { routine: true } })
  })

  test('a chapter’s text and a meeting’s decision notes count like a narrative', () => {
    const chapter = measureDoc(['Fazit: die Kurse wirken'])
    expect(readLocal(chapter, 'chapter').narrative).toBe('Fazit: die Kurse wirken')
    const meeting = new Y.Doc()
    const map = meeting.getMap('meeting')
    map.set('current', 12)
    map.set('note:12', 'Vertagt auf Juni')
    map.set('note:3', 'Einstimmig')
    map.set('state:3', 'agreed')
    const local = readLocal(meeting, 'meeting')
    expect(local.narrative).toBe('Einstimmig\n\nVertagt auf Juni')
    expect(unsavedOf(local, { ...local, narrative: 'Einstimmig' })?.text).toBe('Einstimmig\n\nVertagt auf Juni')
  })
})
