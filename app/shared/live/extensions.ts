import { getSchema, type AnyExtension } from '@tiptap/core'
import StarterKit from '@tiptap/starter-kit'
import type { Schema } from '@tiptap/pm/model'
import { IndicatorReferenceNode } from './indicator-reference-node'

/**
 * THE one Tiptap extension list of Zielwerk's narratives (Sachstand). The browser editor adds only behaviour
 * that does not touch the document schema (Collaboration, CollaborationCaret); the server builds the
 * ProseMirror schema from this same list to admit incoming updates and to project narratives into tables.
 * Changing this list changes what the server accepts: a node or mark that is not here is refused.
 */

/** Link targets the narratives may carry. Anything else (javascript:, data:, relative paths) is refused. */
export const LINK_PROTOCOLS = ['http', 'https', 'mailto'] as const

/** True for an absolute http(s) or mailto URL; the server's admission and the editor's link input share it. */
export function isAllowedHref(href: unknown): href is string {
  if (typeof href !== 'string' || href.length === 0 || href.length > 2048) return false
  // Control characters and whitespace inside a scheme are a classic way around naive prefix checks.
  for (let i = 0; i < href.length; i++) {
    const code = href.charCodeAt(i)
    if (code < 0x20 || code === 0x7f) return false
  }
  let url: URL
  try {
    url = new URL(href)
  } catch {
    return false
  }
  return (LINK_PROTOCOLS as readonly string[]).includes(url.protocol.slice(0, -1))
}

export const narrativeExtensions: AnyExtension[] = [
  StarterKit.configure({
    // Kept: document, text, paragraph, bold, italic, bulletList, orderedList, listItem, hardBreak, link.
    heading: false,
    blockquote: false,
    code: false,
    codeBlock: false,
    horizontalRule: false,
    strike: false,
    underline: false,
    // Collaboration brings its own undo that undoes only one's own edits (y-undo); the plain history
    // would undo other people's typing.
    undoRedo: false,
    // The trailing node appends an empty paragraph on every load, which is an edit of its own.
    trailingNode: false,
    link: {
      protocols: [...LINK_PROTOCOLS],
      defaultProtocol: 'https',
      autolink: true,
      linkOnPaste: true,
      openOnClick: false,
      HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: '_blank' },
      isAllowedUri: (url) => isAllowedHref(url),
    },
  }),
  // An indicator value quoted with its source (indicator-reference.ts); allowed in every narrative, offered in
  // report chapters only (app/routes/report/indicator-reference-button.tsx).
  IndicatorReferenceNode,
]

let cached: Schema | undefined

/** The ProseMirror schema of the narratives, built once from the same list the editor uses. */
export function narrativeSchema(): Schema {
  cached ??= getSchema(narrativeExtensions)
  return cached
}
