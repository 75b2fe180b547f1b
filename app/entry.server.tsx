import { createReadableStreamFromReadable } from '@react-router/node'
import { isbot } from 'isbot'
import crypto from 'node:crypto'
import { Transform, type TransformCallback } from 'node:stream'
import type { RenderToPipeableStreamOptions } from 'react-dom/server'
import { renderToPipeableStream } from 'react-dom/server'
import type { EntryContext, RouterContextProvider } from 'react-router'
import { ServerRouter } from 'react-router'
import { I18nextProvider } from 'react-i18next'
import { i18nContext, keptRequestContext, nonceContext, serverMarkupContext, servicesContext } from '../server/context'
import { documentBody, keepDocument, keptDocuments, type KeptDocument } from '../server/http/document-cache'
import { dataVersion } from '../server/services/read-cache'
import { acceptsGzip } from '../server/http/gzip-splice'
import { NonceProvider } from './ui/nonce'
import { isCachedDocument, ServerMarkupProvider } from './ui/server-markup'

export const streamTimeout = 5_000


// React Router's default node entry, plus the CSP nonce on every script it renders, i18next in the request's
// language, markup rendered in advance (server-markup.tsx) and, for pages that opt in, the whole document kept
// (server/http/document-cache.ts).
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  routerContext: EntryContext,
  loadContext: RouterContextProvider,
) {
  if (request.method.toUpperCase() === 'HEAD') {
    return new Response(null, { status: responseStatusCode, headers: responseHeaders })
  }
  const key = documentKey(request, responseStatusCode, routerContext, loadContext)
  if (key !== null) return keptResponse(key, request, responseStatusCode, responseHeaders, routerContext, loadContext)
  return streamedResponse(request, responseStatusCode, responseHeaders, routerContext, loadContext)
}

function streamedResponse(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  routerContext: EntryContext,
  loadContext: RouterContextProvider,
): Promise<Response> {
  const nonce = loadContext.get(nonceContext)
  const { placeholders, splices } = renderOffered(loadContext.get(serverMarkupContext), nonce)
  return new Promise((resolve, reject) => {
    let shellRendered = false
    const userAgent = request.headers.get('user-agent')
    const readyOption: keyof RenderToPipeableStreamOptions =
      (userAgent && isbot(userAgent)) || routerContext.isSpaMode ? 'onAllReady' : 'onShellReady'
    let timeoutId: ReturnType<typeof setTimeout> | undefined = setTimeout(() => abort(), streamTimeout + 1000)

    const { pipe, abort } = renderToPipeableStream(page(request, routerContext, loadContext, nonce, placeholders), {
      nonce,
      [readyOption]() {
        shellRendered = true
        const body = new Batched(splices, () => {
          clearTimeout(timeoutId)
          timeoutId = undefined
        })
        responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
        pipe(body)
        resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }))
      },
      onShellError(error: unknown) {
        reject(error)
      },
      onError(error: unknown) {
        responseStatusCode = 500
        if (shellRendered) console.error(error)
      },
    })
  })
}

function page(request: Request, routerContext: EntryContext, loadContext: RouterContextProvider, nonce: string, placeholders: ReadonlyMap<unknown, string>) {
  return (
    <I18nextProvider i18n={loadContext.get(i18nContext)}>
      <NonceProvider value={nonce}>
        <ServerMarkupProvider value={placeholders}>
          <ServerRouter context={routerContext} url={request.url} nonce={nonce} />
        </ServerMarkupProvider>
      </NonceProvider>
    </I18nextProvider>
  )
}

/**
 * The key of a document that may be kept: its address, language and all loader data, for a page whose route
 * module says that its HTML is made of nothing else (`handle.cacheDocument`) – and only for a plain 200 without
 * action data or errors. Loader data must be plain JSON values for this (no Map, Set, promise …); otherwise the
 * page is rendered as usual.
 */
function documentKey(request: Request, status: number, routerContext: EntryContext, loadContext: RouterContextProvider): string | null {
  const context = routerContext.staticHandlerContext
  if (status !== 200 || context.errors || context.actionData || routerContext.isSpaMode) return null
  const leaf = context.matches[context.matches.length - 1]
  if (!leaf || !isCachedDocument(routerContext.routeModules[leaf.route.id]?.handle)) return null
  try {
    // Hashed: a goal page's loader data is ~10 kB of JSON, and hundreds of keys are kept.
    const text = JSON.stringify([request.url, loadContext.get(i18nContext).language, context.loaderData], plainValues)
    return crypto.createHash('sha256').update(text).digest('base64url')
  } catch {
    return null
  }
}

/** JSON.stringify's replacer for documentKey: what JSON would blur (undefined, dates) stays distinct, the rest is refused. */
function plainValues(this: unknown, key: string, value: unknown): unknown {
  const raw = (this as Record<string, unknown>)[key]
  if (raw === undefined) return { '\u0000': 'undefined' }
  if (raw instanceof Date) return { '\u0000': 'date', value }
  if (typeof raw === 'number' && !Number.isFinite(raw)) throw new Error('not a plain value')
  if (raw === null || typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean') return value
  if (Array.isArray(raw) || Object.getPrototypeOf(raw) === Object.prototype || Object.getPrototypeOf(raw) === null) return value
  throw new Error('not a plain value')
}

/**
 * A kept document, put together for this response (its own nonce; gzip when the client takes it). On a miss the
 * page is rendered whole with a marker for the nonce and kept; requests for the same key meanwhile wait for it.
 */
async function keptResponse(
  key: string,
  request: Request,
  status: number,
  headers: Headers,
  routerContext: EntryContext,
  loadContext: RouterContextProvider,
): Promise<Response> {
  let own: (Rendered & { marker: string }) | undefined
  const kept = await keptDocuments.get(key, async () => {
    const marker = crypto.randomBytes(16).toString('base64')
    own = { ...(await renderWhole(request, routerContext, loadContext, marker)), marker }
    return own.ok ? keepDocument(own.html, marker) : null
  })
  const nonce = loadContext.get(nonceContext)
  headers.set('Content-Type', 'text/html; charset=utf-8')
  if (!kept) {
    // Not kept: this request's own render (with an error), or – when another request's render failed – a fresh one.
    if (!own) return streamedResponse(request, status, headers, routerContext, loadContext)
    return new Response(own.html.toString('utf8').replaceAll(own.marker, nonce), { status: own.status, headers })
  }
  rememberRequest(kept, request, headers, loadContext)
  const gzip = acceptsGzip(request.headers.get('accept-encoding'))
  const body = documentBody(kept, nonce, gzip)
  if (gzip) headers.set('Content-Encoding', 'gzip')
  headers.append('Vary', 'Accept-Encoding')
  headers.set('Content-Length', String(body.length))
  return new Response(new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.length), { status, headers })
}

/**
 * Links this request's state (keptRequestContext, taken before React Router ran) to the document it gets, so
 * that the next request in the same state is answered before React Router – only if the database did not change
 * since that state was taken (the loaders then read exactly that state).
 */
function rememberRequest(kept: KeptDocument, request: Request, headers: Headers, loadContext: RouterContextProvider) {
  keptDocuments.keepPath(new URL(request.url).pathname)
  const state = loadContext.get(keptRequestContext)
  if (!state || keptDocuments.recall(state.key) || dataVersion(loadContext.get(servicesContext).db) !== state.version) return
  const own = [...headers].filter(([name]) => name.toLowerCase() !== 'set-cookie' && name.toLowerCase() !== 'content-type')
  keptDocuments.remember(state, { document: kept, headers: own })
}

type Rendered = { html: Buffer; ok: boolean; status: number }

/** The whole document at once (everything ready), with `marker` wherever the nonce goes. */
function renderWhole(request: Request, routerContext: EntryContext, loadContext: RouterContextProvider, marker: string): Promise<Rendered> {
  const { placeholders, splices } = renderOffered(loadContext.get(serverMarkupContext), marker)
  return new Promise((resolve, reject) => {
    let ok = true
    const timeoutId = setTimeout(() => abort(), streamTimeout + 1000)
    const { pipe, abort } = renderToPipeableStream(page(request, routerContext, loadContext, marker, placeholders), {
      nonce: marker,
      onAllReady() {
        const chunks: Buffer[] = []
        const body = new Batched(splices, () => clearTimeout(timeoutId))
        body.on('data', (chunk: Buffer) => chunks.push(chunk))
        body.on('end', () => resolve({ html: Buffer.concat(chunks), ok, status: ok ? 200 : 500 }))
        body.on('error', reject)
        pipe(body)
      },
      onShellError(error: unknown) {
        clearTimeout(timeoutId)
        reject(error)
      },
      onError(error: unknown) {
        ok = false
        console.error(error)
      },
    })
  })
}

/**
 * The markup loaders offered (serverMarkupContext), each as a placeholder for React to render in its place and
 * the bytes that replace the placeholder in the output (Batched): React then neither measures nor encodes
 * 200 kB of cached text per response. A placeholder is an HTML comment named with the response's CSP nonce
 * (random, new for every response): it cannot come from data, which React escapes, and nothing else writes
 * raw HTML. Markup that fails to render is left out; its component renders itself.
 */
function renderOffered(offered: ReadonlyMap<unknown, () => Buffer> | null, nonce: string) {
  const placeholders = new Map<unknown, string>()
  const splices = new Map<string, Buffer>()
  if (!offered?.size) return { placeholders, splices }
  const name = nonce || crypto.randomBytes(16).toString('base64')
  for (const [data, render] of offered) {
    try {
      const placeholder = `<!--markup-${name}-${placeholders.size}-->`
      splices.set(placeholder, render())
      placeholders.set(data, placeholder)
    } catch (error) {
      console.error('Vorab gerendertes Markup fehlgeschlagen, die Seite rendert es selbst:', error)
    }
  }
  return { placeholders, splices }
}

/**
 * React writes its output in 4 kB pieces and calls flush() after each batch. Every piece downstream costs: a
 * web-stream chunk, a res.write and – because React Router flushes the response after each chunk – a gzip
 * sync flush. This passes each batch on as one chunk instead (a 240 kB page: one chunk instead of ~60);
 * what React streams later (Suspense) still goes out as soon as React flushes it. It also puts the offered
 * markup in place of its placeholder (one write of React's never spans two batches).
 */
class Batched extends Transform {
  private pending: Buffer[] = []
  private scheduled = false

  constructor(
    private readonly splices: Map<string, Buffer>,
    private readonly onEnd: () => void,
  ) {
    super()
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    this.pending.push(chunk)
    // React flushes after every batch; this only guards against a batch left waiting without one.
    if (!this.scheduled) {
      this.scheduled = true
      setImmediate(() => this.flush())
    }
    callback()
  }

  /** Called by React after each batch of writes. */
  flush() {
    this.scheduled = false
    if (this.pending.length === 0) return
    let batch = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending)
    this.pending = []
    for (const [placeholder, markup] of this.splices) {
      const at = batch.indexOf(placeholder)
      if (at === -1) continue
      batch = Buffer.concat([batch.subarray(0, at), markup, batch.subarray(at + Buffer.byteLength(placeholder))])
      this.splices.delete(placeholder)
    }
    this.push(batch)
  }

  override _flush(callback: TransformCallback) {
    this.flush()
    this.onEnd()
    callback()
  }
}
