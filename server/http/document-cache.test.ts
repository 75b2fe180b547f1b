import crypto from 'node:crypto'
import zlib from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { compactDocument, DocumentCache, documentBody, keepDocument, type KeptDocument } from './document-cache'

const MARKER = 'bWFya2VyLW1hcmtlci0xMg=='
const page = (nonce: string) =>
  `<!DOCTYPE html><html><head><link rel="modulepreload" href="/a.js" nonce="${nonce}"/></head><body>${'<p>Ziel 1 · Maßnahme</p>'.repeat(3_000)}` +
  `<script nonce="${nonce}">1</script><script type="application/json" nonce="${nonce}">{}</script></body></html>`

describe('a kept document', () => {
  const kept = keepDocument(Buffer.from(page(MARKER)), MARKER)

  it('is cut at each nonce marker', () => {
    expect(kept.gzip.parts).toHaveLength(4)
    expect(kept.length).toBe(Buffer.byteLength(page(MARKER)) - 3 * MARKER.length)
  })

  it('gives each response the page with its own nonce, gzipped (one gzip member) or as it is', () => {
    for (const nonce of [crypto.randomBytes(16).toString('base64'), crypto.randomBytes(16).toString('base64')]) {
      expect(zlib.gunzipSync(documentBody(kept, nonce, true)).toString('utf8')).toBe(page(nonce))
      expect(documentBody(kept, nonce, false).toString('utf8')).toBe(page(nonce))
    }
    // a nonce of another length than the marker still works (spliced without the laid-out template)
    expect(zlib.gunzipSync(documentBody(kept, 'kurz', true)).toString('utf8')).toBe(page('kurz'))
  })

  it('is compressed again, smaller, after its second response, and still gives the same page', async () => {
    const document = keepDocument(Buffer.from(page(MARKER)), MARKER)
    const first = document.gzip
    documentBody(document, 'eins', true)
    documentBody(document, 'zwei', true)
    await compactDocument(document)
    expect(document.gzip).not.toBe(first)
    expect(document.gzip.bytes.length).toBeLessThan(first.bytes.length)
    const nonce = crypto.randomBytes(16).toString('base64')
    expect(zlib.gunzipSync(documentBody(document, nonce, true)).toString('utf8')).toBe(page(nonce))
    expect(documentBody(document, nonce, false).toString('utf8')).toBe(page(nonce))
  })
})

describe('DocumentCache', () => {
  const doc = (): KeptDocument => keepDocument(Buffer.from(page(MARKER)), MARKER)

  it('renders a key once, also for requests that arrive while it renders', async () => {
    const cache = new DocumentCache()
    let renders = 0
    const render = async () => {
      renders++
      await new Promise((resolve) => setTimeout(resolve, 10))
      return doc()
    }
    const [a, b, c] = await Promise.all([cache.get('k', render), cache.get('k', render), cache.get('k', render)])
    expect(renders).toBe(1)
    expect(a).toBe(b)
    expect(b).toBe(c)
    expect(await cache.get('k', render)).toBe(a)
    expect(renders).toBe(1)
    await cache.get('anderer', render)
    expect(renders).toBe(2)
  })

  it('keeps nothing that was not kept or failed: the next request renders again', async () => {
    const cache = new DocumentCache()
    let renders = 0
    expect(await cache.get('k', async () => (renders++, null))).toBeNull()
    await expect(cache.get('k', async () => (renders++, Promise.reject(new Error('kaputt'))))).rejects.toThrow('kaputt')
    expect(await cache.get('k', async () => (renders++, doc()))).not.toBeNull()
    expect(renders).toBe(3)
  })

  it('drops the least recently used documents beyond its size', async () => {
    const size = doc().gzip.bytes.length + 4 * 64 + 256
    const cache = new DocumentCache(size * 2.5)
    let renders = 0
    const render = async () => (renders++, doc())
    for (const key of ['a', 'b', 'c', 'a']) await cache.get(key, render)
    expect(renders).toBe(4)
  })
})
