import type { CloseCode } from '../../app/shared/live/close-codes'

/** What admission measures a live document against, and what it says when something is refused (schema.ts, narrative.ts). */

export type Limits = {
  /** Bytes of one incoming update (one sync message). The WebSocket frame limit (maxPayload) sits above it. */
  maxUpdateBytes: number
  /** Characters of a narrative's plain text. */
  maxNarrativeChars: number
  /** ProseMirror nodes of a narrative (paragraphs, list items, text runs, …). */
  maxNarrativeNodes: number
}

export const DEFAULT_LIMITS: Limits = {
  maxUpdateBytes: 1024 * 1024,
  maxNarrativeChars: 100_000,
  maxNarrativeNodes: 20_000,
}

export type Violation = { close: CloseCode; detail: string }

export type PmJson = { type: string; attrs?: Record<string, unknown>; content?: PmJson[]; text?: string; marks?: { type: string; attrs?: unknown }[] }
