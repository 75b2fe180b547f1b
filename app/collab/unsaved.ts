import * as Y from 'yjs'
import { AGREED_MAP, MEETING_MAP, NARRATIVE, readAgreed, readRating, STATUS_MAP } from '../shared/live/layout'
import type { DocumentKind } from '../shared/live/names'
import { FLAGS, type Attainment, type Flag } from '../shared/vocabulary'

/**
 * What of a user's edits the server did not store, found by comparing the page's own copy of a document (taken
 * when the server refused or closed the connection) with the server's state read afresh: the author's text,
 * rating and marks where they differ. Pure Yjs, so it is tested without a browser.
 */
export type LocalState = { narrative: string | null; attainment: Attainment | null | undefined; marks: Partial<Record<Flag, boolean | null>> }

export type Unsaved = {
  /** The narrative as the author had it (all of it, to copy), when it differs from the stored one. */
  text: string | null
  /** The rating the author had set, when it differs from the stored one (null: "not rated"). */
  attainment: Attainment | null | undefined
  /** Marks the author had set otherwise than stored, with the author's value. */
  marks: Partial<Record<Flag, boolean | null>>
}

/** The narrative as plain text: one line per paragraph, heading or list item. */
export function narrativeText(fragment: Y.XmlFragment): string {
  const lines: string[] = []
  const walk = (node: Y.XmlFragment | Y.XmlElement) => {
    let line = ''
    let isBlock = node instanceof Y.XmlElement && (node.nodeName === 'paragraph' || node.nodeName === 'heading')
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText) {
        isBlock = true
        for (const op of child.toDelta() as { insert: unknown }[]) if (typeof op.insert === 'string') line += op.insert
      } else if (child instanceof Y.XmlElement) {
        if (child.nodeName === 'hardBreak') line += '\n'
        else walk(child)
      }
    }
    if (isBlock) lines.push(line)
  }
  walk(fragment)
  return lines.join('\n')
}

/** The parts of a document a user writes, as they are in this copy (by the kind its name gives). */
export function readLocal(doc: Y.Doc, kind: DocumentKind | undefined): LocalState {
  const state: LocalState = { narrative: null, attainment: undefined, marks: {} }
  if (kind === 'measure' || kind === 'goal' || kind === 'chapter') state.narrative = narrativeText(doc.getXmlFragment(NARRATIVE))
  // A meeting's decision notes (plain text per item), as one text in agenda order of their keys.
  if (kind === 'meeting') state.narrative = meetingNotes(doc.getMap(MEETING_MAP))
  if (kind === 'measure') {
    const rating = readRating(doc.getMap(STATUS_MAP))
    state.attainment = rating.attainment
    state.marks = rating.flags
  } else if (kind === 'agreed') {
    const agreed = readAgreed(doc.getMap(AGREED_MAP))
    state.attainment = agreed.attainment
    state.marks = agreed.flags
  }
  return state
}

function meetingNotes(map: Y.Map<unknown>): string {
  const notes = [...map.entries()].filter(([key, value]) => key.startsWith('note:') && typeof value === 'string' && value.trim() !== '')
  return notes
    .sort(([a], [b]) => Number(a.slice(5)) - Number(b.slice(5)))
    .map(([, value]) => String(value))
    .join('\n\n')
}

/** What the author had that the server does not (`server` null: unknown, so all of the author's text counts). */
export function unsavedOf(local: LocalState, server: LocalState | null): Unsaved | null {
  const text = local.narrative !== null && local.narrative.trim() !== '' && local.narrative !== server?.narrative ? local.narrative : null
  const attainment = server && local.attainment !== undefined && local.attainment !== server.attainment ? local.attainment : undefined
  const marks: Unsaved['marks'] = {}
  if (server) for (const flag of FLAGS) if (flag in local.marks && local.marks[flag] !== server.marks[flag]) marks[flag] = local.marks[flag]
  if (text === null && attainment === undefined && Object.keys(marks).length === 0) return null
  return { text, attainment, marks }
}
