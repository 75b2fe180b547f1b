import { createReadableStreamFromReadable } from '@react-router/node'
import { isbot } from 'isbot'
import crypto from 'node:crypto'
import { Transform, type TransformCallback } from 'node:stream'
import type { RenderToPipeableStreamOptions } from 'react-dom/server'
import { renderToPipeableStream } from 'react-dom/server'
import type { EntryContext, RouterContextProvider } from 'react-router'
import { ServerRouter } from 'react-router'
import { I18nextProvider } from 'react-i18next'
import { i18nContext, nonceContext, serverMarkupContext } from '../server/context'
import { NonceProvider } from './ui/nonce'
import { ServerMarkupProvider } from './ui/server-markup'

export const streamTimeout = 5_000

// React Router's default node entry, plus the CSP nonce on every script it renders and i18next in the request's
// language.
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
  const nonce = loadContext.get(nonceContext)
  const { placeholders, splices } = renderOffered(loadContext.get(serverMarkupContext), nonce)
  return new Promise((resolve, reject) => {
    let shellRendered = false
    const userAgent = request.headers.get('user-agent')
    const readyOption: keyof RenderToPipeableStreamOptions =
      (userAgent && isbot(userAgent)) || routerContext.isSpaMode ? 'onAllReady' : 'onShellReady'
    let timeoutId: ReturnType<typeof setTimeout> | undefined = setTimeout(() => abort(), streamTimeout + 1000)

    const { pipe, abort } = renderToPipeableStream(
      <I18nextProvider i18n={loadContext.get(i18nContext)}>
        <NonceProvider value={nonce}>
          <ServerMarkupProvider value={placeholders}>
            <ServerRouter context={routerContext} url={request.url} nonce={nonce} />
          </ServerMarkupProvider>
        </NonceProvider>
      </I18nextProvider>,
      {
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
      },
    )
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
