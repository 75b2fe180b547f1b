import { LRUCache } from 'lru-cache'
import { promisify } from 'node:util'
import zlib from 'node:zlib'
import { deflatePart, gzipSplice, gzipTemplate, STORE_BELOW, type DeflatedPart, type GzipTemplate } from './gzip-splice'

/**
 * Server-rendered documents kept for reuse (app/entry.server.tsx): a page whose HTML is a pure function of its
 * address, language and loader data is rendered once per such key and then only put together per response.
 *
 * The one thing that differs between two responses with the same key is the CSP nonce. So a document is
 * rendered with a random marker in the nonce's place, cut at each occurrence of the marker, and each piece
 * compressed (server/http/gzip-splice.ts: at level 1 first, again at level 9 once it is asked for a second time);
 * a response strings the pieces together with its own nonce in between, as stored deflate blocks: no rendering
 * and no compression per response.
 *
 * Kept compressed only (a few tens of kB per overview), the least recently used dropped first beyond
 * `maxBytes`; a client that takes no gzip gets the pieces inflated.
 *
 * Two ways in. By content (`get`): entry.server, once the loaders ran, looks the document up by its address,
 * language and loader data. By request (`recall`): before React Router runs at all (server/app.ts), a request
 * whose address, language, user and database version (read-cache.ts: any write changes it) equal those of an
 * earlier request for a kept page gets that request's document – its loaders would have read the same, because a
 * page that keeps its document reads nothing but the database, the user, the address and the language (see
 * CACHED_DOCUMENT in app/ui/server-markup.tsx). entry.server links a request to its document (`remember`) only if
 * the database version did not change while the loaders ran.
 */
export type KeptDocument = {
  /** The gzip bytes laid out for nonces as long as the marker (gzipTemplate); its parts are the document's
   * pieces, the nonce goes between every two. Replaced once by a smaller layout (compactDocument). */
  gzip: GzipTemplate
  /** Uncompressed length without the nonces. */
  length: number
  /** Responses made from it so far. */
  uses: number
}

/** What a request was, before React Router ran: its key, and the database version the key holds. */
export type KeptRequest = { key: string; version: string }

/** A document as a remembered request gets it: the document and the headers React Router gave it. */
export type RememberedDocument = { document: KeptDocument; headers: [string, string][] }

export class DocumentCache {
  private readonly kept: LRUCache<string, KeptDocument>
  private readonly rendering = new Map<string, Promise<KeptDocument | null>>()
  // Bounded by size as well: a remembered document may be one the content cache has dropped already.
  private readonly byRequest = new LRUCache<string, RememberedDocument>({
    max: 512,
    maxSize: 8 * 1024 * 1024,
    sizeCalculation: (remembered, key) => key.length * 2 + remembered.document.gzip.bytes.length + 256,
  })
  private readonly paths = new Set<string>()

  constructor(maxBytes = 8 * 1024 * 1024) {
    this.kept = new LRUCache<string, KeptDocument>({
      maxSize: maxBytes,
      sizeCalculation: (document, key) => key.length * 2 + document.gzip.bytes.length + document.gzip.parts.length * 64 + 256,
    })
  }

  /**
   * The kept document for `key`, else the one `render` makes (kept unless it gives null: a page with an error
   * is not kept). Requests that arrive while the same key is being rendered wait for that one render.
   */
  async get(key: string, render: () => Promise<KeptDocument | null>): Promise<KeptDocument | null> {
    const hit = this.kept.get(key)
    if (hit) return hit
    let pending = this.rendering.get(key)
    if (!pending) {
      pending = render().then(
        (document) => {
          this.rendering.delete(key)
          if (document) this.kept.set(key, document)
          return document
        },
        (error: unknown) => {
          this.rendering.delete(key)
          throw error
        },
      )
      this.rendering.set(key, pending)
    }
    return pending
  }

  /** Whether documents of this path are kept at all (so that other requests do not pay for a request key). */
  keepsPath(pathname: string): boolean {
    return this.paths.has(pathname)
  }

  /** Notes that documents of this path are kept (by entry.server, for each kept document). */
  keepPath(pathname: string): void {
    // Bounded: the pages that keep documents are few, their addresses not (goal numbers); start over beyond.
    if (this.paths.size >= 1_000) this.paths.clear()
    this.paths.add(pathname)
  }

  remember(request: KeptRequest, remembered: RememberedDocument): void {
    this.byRequest.set(request.key, remembered)
  }

  recall(key: string): RememberedDocument | undefined {
    return this.byRequest.get(key)
  }
}

/** The one cache of the process: entry.server fills it, server/app.ts answers repeated requests from it. */
export const keptDocuments = new DocumentCache()

/**
 * The key of a request before React Router runs: what its loaders and rendering may depend on, for a page that
 * keeps its document – the address (with host and protocol), the language, the signed-in user and the database
 * version (which covers the user's memberships, name and notices too).
 */
export function keptRequestKey(request: { url: string; locale: string; userId: number | null }, version: string): KeptRequest {
  return { key: JSON.stringify([request.url, request.locale, request.userId, version]), version }
}

/** A rendered document cut at each occurrence of `marker` (its stand-in for the nonce), the pieces compressed. */
/**
 * A rendered document cut at each occurrence of `marker` (its stand-in for the nonce), the pieces compressed.
 * At first at level 1 (the render's request waits for it, and many documents are asked for once): a
 * document's second response has it compressed again at level 9 in the background (compactDocument).
 */
export function keepDocument(html: Buffer, marker: string): KeptDocument {
  const cut = Buffer.from(marker, 'utf8')
  const pieces: DeflatedPart[] = []
  let at = 0
  for (let next = html.indexOf(cut, at); next !== -1; next = html.indexOf(cut, at)) {
    pieces.push(deflatePart(html.subarray(at, next), FIRST_LEVEL))
    at = next + cut.length
  }
  pieces.push(deflatePart(html.subarray(at), FIRST_LEVEL))
  return { gzip: gzipTemplate(pieces, cut.length), length: pieces.reduce((n, piece) => n + piece.length, 0), uses: 0 }
}

const FIRST_LEVEL = 1

/**
 * Compresses a kept document's pieces again at level 9, on libuv's threads (the event loop only lays out the
 * result), and swaps the layout: later responses are smaller (the overview: ~30 instead of ~38 kB). A failure
 * leaves the first layout in place.
 */
export async function compactDocument(document: KeptDocument): Promise<void> {
  const { parts, slotLength } = document.gzip
  try {
    const pieces = await Promise.all(
      parts.map(async (part) => {
        // Stored pieces stay as they are (see deflatePart).
        if (part.length < STORE_BELOW) return part
        const bytes = await inflateRaw(part.deflated, { finishFlush: zlib.constants.Z_SYNC_FLUSH })
        return { ...part, deflated: await deflateRaw(bytes, { level: 9, finishFlush: zlib.constants.Z_SYNC_FLUSH }) }
      }),
    )
    document.gzip = gzipTemplate(pieces, slotLength)
  } catch (error) {
    console.error('Zielwerk: Dokument nicht nachkomprimiert:', (error as Error).message)
  }
}

const inflateRaw = promisify(zlib.inflateRaw)
const deflateRaw = promisify(zlib.deflateRaw)

/** One response's body: the pieces with this response's nonce between them, gzip-spliced or as they are. */
export function documentBody(document: KeptDocument, nonce: string, gzip: boolean): Buffer {
  if (++document.uses === 2) void compactDocument(document)
  const between = Buffer.from(nonce, 'utf8')
  const pieces = document.gzip.parts
  if (gzip && between.length === document.gzip.slotLength) return document.gzip.fill(between)
  if (gzip) return Buffer.concat(gzipSplice(pieces.flatMap((piece, i) => (i === 0 ? [piece] : [between, piece]))))
  return Buffer.concat(
    pieces.flatMap((piece, i) => {
      const bytes = zlib.inflateRawSync(piece.deflated, { finishFlush: zlib.constants.Z_SYNC_FLUSH })
      return i === 0 ? [bytes] : [between, bytes]
    }),
  )
}
