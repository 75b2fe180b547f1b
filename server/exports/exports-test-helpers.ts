import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { strFromU8, unzipSync } from 'fflate'

/**
 * Reading the exports back as a person's tools would, for the tests: the DOCX's XML (fflate), a PDF through
 * poppler's pdftotext/pdfinfo (installed by server/cli/test-deps.sh), CSV as German Excel parses it.
 */

export function docxXml(bytes: Uint8Array, part = 'word/document.xml'): string {
  const file = unzipSync(bytes)[part]
  if (!file) throw new Error(`${part} fehlt im DOCX`)
  return strFromU8(file)
}

const decode = (xml: string) => xml.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&')
export const runText = (xml: string) => decode([...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))

/** The rows of every table in the document: header or not, and each cell's text and column span. */
export function docxRows(xml: string): { header: boolean; cells: { text: string; span: number; continued: boolean; fill: string | null }[] }[] {
  return [...xml.matchAll(/<w:tr\b[\s\S]*?<\/w:tr>/g)].map((row) => ({
    header: /<w:tblHeader\/>|<w:tblHeader w:val="(true|1)"\/>/.test(row[0]),
    cells: [...row[0].matchAll(/<w:tc\b[\s\S]*?<\/w:tc>/g)].map((cell) => ({
      text: runText(cell[0]),
      span: Number(/<w:gridSpan w:val="(\d+)"/.exec(cell[0])?.[1] ?? 1),
      continued: /<w:vMerge(?: w:val="continue")?\/>/.test(cell[0]),
      fill: /<w:shd [^>]*w:fill="([0-9A-F]{6})"/.exec(cell[0])?.[1] ?? null,
    })),
  }))
}

function withFile<T>(bytes: Uint8Array, use: (file: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zielwerk-export-'))
  const file = path.join(dir, 'export.pdf')
  fs.writeFileSync(file, bytes)
  try {
    return use(file)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  if (result.error) throw new Error(`${command} fehlt (poppler-utils; npm test installiert es): ${result.error.message}`)
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${result.stderr}`)
  return result.stdout
}

export const pdfText = (bytes: Uint8Array) => withFile(bytes, (file) => run('pdftotext', ['-enc', 'UTF-8', file, '-']))
export const pdfInfo = (bytes: Uint8Array) => withFile(bytes, (file) => run('pdfinfo', [file]))
export const pdfStructure = (bytes: Uint8Array) => withFile(bytes, (file) => run('pdfinfo', ['-struct-text', file]))

/** RFC 4180 with semicolons, as Excel reads a CSV under a German locale. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"' && field === '') quoted = true
    else if (c === ';') {
      row.push(field)
      field = ''
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      i++
    } else field += c
  }
  if (field !== '' || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  return rows
}
