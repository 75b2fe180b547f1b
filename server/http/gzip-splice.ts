import zlib from 'node:zlib'

/**
 * One gzip response made of parts compressed at different times: the parts that are the same for many
 * responses are compressed once and kept, the few bytes that differ per response (a CSP nonce) go in as they
 * are, and each response only strings them together. Browsers and every gzip reader see one ordinary gzip
 * member (RFC 1952) holding one deflate stream (RFC 1951):
 *
 * - Each kept part is raw deflate of its bytes alone, ended with a sync flush: the flush ends the last block
 *   and pads to a byte boundary (an empty stored block, 00 00 FF FF), and no block is marked final. A fresh
 *   compressor never refers back before its own start, so the part decodes the same whatever came before it.
 * - Bytes that differ per response are stored blocks (BTYPE 00, no compression): a byte for the header bits,
 *   then LEN and its complement, then the bytes – nothing to compute, and byte-aligned again after.
 * - The stream ends with an empty final stored block; the trailer holds the CRC-32 of all bytes, combined from
 *   the parts' own CRCs (crc32Combine) so that no response reads the kept bytes again, and their length.
 *
 * tests: server/http/gzip-splice.test.ts (node's zlib), tests/e2e/overview-markup.test.ts (Chromium, curl).
 */

/**
 * A part compressed once and kept: its raw deflate blocks (ending byte-aligned, not final), CRC-32 and length,
 * and x^(8·length) modulo the CRC polynomial (what a CRC before it is multiplied by in crc32Combine).
 */
export type DeflatedPart = { deflated: Buffer; crc: number; length: number; shift: number }

/**
 * Compresses bytes once for later splicing (level 9 by default: this happens once, the bytes travel often).
 * Parts of less than STORE_BELOW bytes (the bits of markup between two nonces, mostly) are stored as they are:
 * compressed alone they would gain a few dozen bytes and cost a compressor each (~15 µs to set up).
 */
export function deflatePart(bytes: Uint8Array, level = 9): DeflatedPart {
  return {
    deflated: bytes.length < STORE_BELOW ? Buffer.concat(storedBlocks(bytes)) : zlib.deflateRawSync(bytes, { level, finishFlush: zlib.constants.Z_SYNC_FLUSH }),
    crc: zlib.crc32(bytes),
    length: bytes.length,
    shift: powerOfX(bytes.length, 3),
  }
}

/** Parts shorter than this are stored, not compressed (deflatePart). */
export const STORE_BELOW = 256

/** A part of one response: kept (compressed once) or raw bytes that go in as stored blocks. */
export type SplicePart = DeflatedPart | Uint8Array

/**
 * The gzip bytes of kept parts with the same few bytes (`slotLength` of them, a nonce) between every two, laid
 * out once: `fill` gives one response's bytes for its own filler – a copy, the filler written into its slots and
 * the trailer computed – the same bytes gzipSplice gives for [part, filler, part, filler, …, part]. `parts` are
 * the parts again, their deflate bytes now views into the layout (keep the template, drop the originals).
 */
export type GzipTemplate = { bytes: Buffer; parts: DeflatedPart[]; slotLength: number; fill: (filler: Buffer) => Buffer }

export function gzipTemplate(parts: readonly DeflatedPart[], slotLength: number): GzipTemplate {
  if (slotLength === 0 || slotLength > MAX_STORED) throw new Error('slotLength must be 1..65535')
  const pieces: Buffer[] = [GZIP_HEADER]
  const slots: number[] = []
  const regions: number[] = []
  let at = GZIP_HEADER.length
  const storedHead = Buffer.from([0x00, slotLength & 0xff, slotLength >> 8, ~slotLength & 0xff, (~slotLength >> 8) & 0xff])
  const slot = Buffer.alloc(slotLength)
  parts.forEach((part, i) => {
    if (i > 0) {
      pieces.push(storedHead, slot)
      slots.push(at + storedHead.length)
      at += storedHead.length + slotLength
    }
    pieces.push(part.deflated)
    regions.push(at)
    at += part.deflated.length
  })
  pieces.push(FINAL_EMPTY_BLOCK, Buffer.alloc(8))
  const bytes = Buffer.concat(pieces)
  const kept = parts.map((part, i) => ({ ...part, deflated: bytes.subarray(regions[i]!, regions[i]! + part.deflated.length) }))
  const length = parts.reduce((n, part) => n + part.length, 0) + slotLength * (parts.length - 1)
  const fillerShift = powerOfX(slotLength, 3)
  const fill = (filler: Buffer) => {
    if (filler.length !== slotLength) throw new Error(`filler of ${filler.length} bytes for slots of ${slotLength}`)
    const out = Buffer.allocUnsafe(bytes.length)
    bytes.copy(out)
    for (const offset of slots) filler.copy(out, offset)
    const fillerCrc = zlib.crc32(filler)
    let crc = 0
    kept.forEach((part, i) => {
      if (i > 0) crc = (multiplyModP(fillerShift, crc) ^ fillerCrc) >>> 0
      crc = (multiplyModP(part.shift, crc) ^ part.crc) >>> 0
    })
    out.writeUInt32LE(crc >>> 0, bytes.length - 8)
    out.writeUInt32LE(length % 2 ** 32, bytes.length - 4)
    return out
  }
  return { bytes, parts: kept, slotLength, fill }
}

/** The gzip bytes of the parts in order, as a list of buffers to write one after the other. */
export function gzipSplice(parts: readonly SplicePart[]): Buffer[] {
  const out: Buffer[] = [GZIP_HEADER]
  let crc = 0
  let length = 0
  for (const part of parts) {
    if (part instanceof Uint8Array) {
      if (part.length === 0) continue
      out.push(...storedBlocks(part))
      crc = zlib.crc32(part, crc)
      length += part.length
    } else {
      out.push(part.deflated)
      crc = (multiplyModP(part.shift, crc >>> 0) ^ part.crc) >>> 0
      length += part.length
    }
  }
  out.push(FINAL_EMPTY_BLOCK)
  const trailer = Buffer.alloc(8)
  trailer.writeUInt32LE(crc >>> 0, 0)
  // ISIZE is the length modulo 2^32 (RFC 1952).
  trailer.writeUInt32LE(length % 2 ** 32, 4)
  out.push(trailer)
  return out
}

// ID1 ID2, CM = deflate, no flags, no MTIME, XFL 0, OS unknown.
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff])
// BFINAL = 1, BTYPE = 00, padding; LEN 0, NLEN 0xFFFF.
const FINAL_EMPTY_BLOCK = Buffer.from([0x01, 0x00, 0x00, 0xff, 0xff])
const MAX_STORED = 0xffff

/** Non-final stored blocks of the bytes (up to 65,535 bytes each). The stream must be at a byte boundary. */
function storedBlocks(bytes: Uint8Array): Buffer[] {
  const blocks: Buffer[] = []
  for (let at = 0; at < bytes.length; at += MAX_STORED) {
    const chunk = bytes.subarray(at, Math.min(bytes.length, at + MAX_STORED))
    const head = Buffer.alloc(5)
    head[0] = 0x00 // BFINAL = 0, BTYPE = 00, then padding to the byte boundary
    head.writeUInt16LE(chunk.length, 1)
    head.writeUInt16LE(~chunk.length & 0xffff, 3)
    blocks.push(head, Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length))
  }
  return blocks
}

/**
 * The CRC-32 of A followed by B from crc(A), crc(B) and B's length, without reading either: zlib's
 * crc32_combine (multiplication by x^(8·len) modulo the CRC polynomial, from a table of x^(2^k)).
 */
export function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
  return (multiplyModP(powerOfX(lengthB, 3), crcA >>> 0) ^ (crcB >>> 0)) >>> 0
}

const POLYNOMIAL = 0xedb88320 // reflected CRC-32 polynomial

/** a·b modulo the polynomial (bit-reflected, as CRC-32 computes). */
function multiplyModP(a: number, b: number): number {
  if (a === 0) return 0
  let m = 0x80000000
  let p = 0
  for (;;) {
    if (a & m) {
      p ^= b
      if ((a & (m - 1)) === 0) break
    }
    m >>>= 1
    b = b & 1 ? (b >>> 1) ^ POLYNOMIAL : b >>> 1
  }
  return p >>> 0
}

/** x^(2^k) modulo the polynomial, k = 0..31. */
const X_TO_2_TO_K = (() => {
  const table: number[] = []
  let p = 0x40000000 // x^1
  for (let k = 0; k < 32; k++) {
    table.push(p)
    p = multiplyModP(p, p)
  }
  return table
})()

/** x^(n·2^k) modulo the polynomial: x^(8n) for k = 3, the shift of a CRC over n bytes. */
function powerOfX(n: number, k: number): number {
  let p = 0x80000000 // x^0
  while (n > 0) {
    // n may exceed 2^31: no bit operators on n itself.
    if (n % 2 === 1) p = multiplyModP(X_TO_2_TO_K[k & 31]!, p)
    n = Math.floor(n / 2)
    k++
  }
  return p
}

/** Whether a request's Accept-Encoding takes gzip (named or `*`, with a q-value above 0). */
export function acceptsGzip(header: string | null | undefined): boolean {
  if (!header) return false
  let gzip: number | undefined
  let any: number | undefined
  for (const item of header.split(',')) {
    const [name = '', ...params] = item.trim().toLowerCase().split(';')
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    const q = qParam ? Number(qParam.slice(2)) : 1
    const value = Number.isFinite(q) ? q : 0
    if (name.trim() === 'gzip' || name.trim() === 'x-gzip') gzip = value
    else if (name.trim() === '*') any = value
  }
  return (gzip ?? any ?? 0) > 0
}
