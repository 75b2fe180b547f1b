import zlib from 'node:zlib'
import { pdfStructure } from './exports-test-helpers'

/**
 * Reading the forum documents back for the tests, beside exports-test-helpers.ts: the /Alt texts of a tagged PDF,
 * its structure tree as a list of elements, table rows from that tree, and text compared as a reader would.
 */

/** Every /Alt of the PDF's structure tree (object streams inflated), literal or hex strings, UTF-16 or PDFDocEncoding. */
export function pdfAltTexts(bytes: Uint8Array): string[] {
  const buffer = Buffer.from(bytes)
  const raw = buffer.toString('latin1')
  const parts = [raw]
  for (const match of raw.matchAll(/stream\r?\n/g)) {
    const start = match.index + match[0].length
    try {
      parts.push(zlib.inflateSync(buffer.subarray(start, raw.indexOf('endstream', start))).toString('latin1'))
    } catch {
      // not a deflated stream
    }
  }
  const decode = (bytes: Buffer) => (bytes[0] === 0xfe && bytes[1] === 0xff ? bytes.subarray(2).swap16().toString('utf16le') : bytes.toString('latin1'))
  const literal = (body: string) =>
    Buffer.from(body.replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, e: string) => (/^[0-7]/.test(e) ? String.fromCharCode(parseInt(e, 8)) : ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[e] ?? e)), 'latin1')
  const out: string[] = []
  for (const part of parts) {
    for (const m of part.matchAll(/\/Alt\s*(?:\(((?:\\.|[^\\)])*)\)|<([0-9A-Fa-f\s]*)>)/g)) out.push(decode(m[1] !== undefined ? literal(m[1]) : Buffer.from(m[2]!.replace(/\s/g, ''), 'hex')))
  }
  return out
}

/** pdfinfo -struct-text as a flat list of elements in reading order, each with its tag and its own text. */
export function structElements(bytes: Uint8Array): { depth: number; tag: string; text: string }[] {
  const out: { depth: number; tag: string; text: string }[] = []
  for (const line of pdfStructure(bytes).split('\n')) {
    const tag = /^(\s*)([A-Z][A-Za-z0-9]*)\b/.exec(line)
    const text = /^\s*"(.*)"\s*$/.exec(line)
    if (text && out.length > 0) out.at(-1)!.text += flat(text[1]!)
    else if (tag && tag[2] !== 'NonStruct') out.push({ depth: tag[1]!.length, tag: tag[2]!, text: '' })
  }
  return out
}

/** Text as a reader compares it: without bidi marks, every run of white space (line breaks, NBSP) one space. */
export const flat = (text: string) => text.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').replace(/\s+/g, ' ')

/** The rows of the PDF's tables (TR with its TH and TD texts), in reading order. */
export function pdfTableRows(bytes: Uint8Array): string[][] {
  const rows: string[][] = []
  for (const e of structElements(bytes)) {
    if (e.tag === 'TR') rows.push([])
    else if ((e.tag === 'TH' || e.tag === 'TD') && rows.length > 0) rows.at(-1)!.push(e.text.trim())
  }
  return rows
}
