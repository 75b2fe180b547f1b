import crypto from 'node:crypto'
import zlib from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { acceptsGzip, crc32Combine, deflatePart, gzipSplice, gzipTemplate, type SplicePart } from './gzip-splice'

const gunzip = (buffers: Buffer[]) => zlib.gunzipSync(Buffer.concat(buffers))
const text = (s: string) => Buffer.from(s, 'utf8')

describe('crc32Combine', () => {
  it('gives the CRC-32 of two byte strings one after the other from their own CRCs', () => {
    for (const [a, b] of [
      [0, 0],
      [0, 17],
      [1, 1],
      [100, 3],
      [5_000, 70_000],
      [65_536, 131_073],
    ] as const) {
      const first = crypto.randomBytes(a)
      const second = crypto.randomBytes(b)
      expect(crc32Combine(zlib.crc32(first), zlib.crc32(second), second.length)).toBe(zlib.crc32(Buffer.concat([first, second])))
    }
  })
})

describe('gzipSplice', () => {
  it('decompresses to exactly the parts in order, kept ones compressed once and raw ones stored', () => {
    const page = '<html><body>' + 'Handlungsfeld 1: Sprache und Bildung · Ziel 1 · Maßnahme 1 · '.repeat(5_000) + '</body></html>'
    const shared = deflatePart(text(page))
    for (const nonce of ['K0QdT7LXY2gubVeZZ+AXng==', 'DHaQbKyLYU1X3Gjx6FgU6g==']) {
      const parts: SplicePart[] = [text('<!DOCTYPE html><script nonce="'), text(nonce), text('">'), shared, text('</script>'), shared]
      expect(gunzip(gzipSplice(parts)).toString('utf8')).toBe(`<!DOCTYPE html><script nonce="${nonce}">${page}</script>${page}`)
    }
  })

  it('takes raw parts longer than one stored block, empty parts and parts of any level', () => {
    const big = crypto.randomBytes(200_000)
    const parts: SplicePart[] = [text(''), big, deflatePart(text('ä'.repeat(10)), 1), deflatePart(text('')), deflatePart(big, 6), text('Ende')]
    expect(gunzip(gzipSplice(parts)).equals(Buffer.concat([big, text('ä'.repeat(10)), big, text('Ende')]))).toBe(true)
  })

  it('is one gzip member that a streaming reader takes chunk by chunk, as browsers read it', async () => {
    const middle = crypto.randomBytes(50_000)
    const parts: SplicePart[] = [text('a'), deflatePart(middle), text('b')]
    const expected = Buffer.concat([text('a'), middle, text('b')])
    const wire = Buffer.concat(gzipSplice(parts))
    const chunks: Buffer[] = []
    const reader = zlib.createGunzip()
    reader.on('data', (chunk: Buffer) => chunks.push(chunk))
    const done = new Promise((resolve, reject) => reader.on('end', resolve).on('error', reject))
    for (let at = 0; at < wire.length; at += 777) reader.write(wire.subarray(at, at + 777))
    reader.end()
    await done
    expect(Buffer.concat(chunks).equals(expected)).toBe(true)
  })
})

describe('gzipTemplate', () => {
  it('gives, per filler, the very bytes gzipSplice gives for the parts with that filler between them', () => {
    const parts = [deflatePart(text('<script nonce="')), deflatePart(crypto.randomBytes(70_000)), deflatePart(text('')), deflatePart(text('">x</script>'))]
    const { fill } = gzipTemplate(parts, 24)
    for (const filler of ['K0QdT7LXY2gubVeZZ+AXng==', 'DHaQbKyLYU1X3Gjx6FgU6g==']) {
      const nonce = text(filler)
      const spliced = Buffer.concat(gzipSplice(parts.flatMap((part, i) => (i === 0 ? [part] : [nonce, part]))))
      expect(fill(nonce).equals(spliced)).toBe(true)
      expect(zlib.gunzipSync(fill(nonce)).toString('utf8')).toContain(`<script nonce="${filler}`)
    }
    expect(() => fill(text('zu kurz'))).toThrow()
  })
})

describe('acceptsGzip', () => {
  it('reads Accept-Encoding with q-values and the wildcard', () => {
    expect(acceptsGzip('gzip, deflate, br, zstd')).toBe(true)
    expect(acceptsGzip('br;q=1.0, gzip;q=0.8')).toBe(true)
    expect(acceptsGzip('*')).toBe(true)
    expect(acceptsGzip('GZIP')).toBe(true)
    expect(acceptsGzip('gzip;q=0, *')).toBe(false)
    expect(acceptsGzip('br')).toBe(false)
    expect(acceptsGzip('identity')).toBe(false)
    expect(acceptsGzip('')).toBe(false)
    expect(acceptsGzip(undefined)).toBe(false)
  })
})
