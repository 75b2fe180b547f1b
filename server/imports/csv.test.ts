import { describe, expect, it } from 'vitest'
import { csvCell, readCsv, writeCsv } from './csv'

describe('writing CSV for Excel', () => {
  it('puts an apostrophe before every cell that Excel would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://evil.example","Klick")')).toBe(`"'=HYPERLINK(""http://evil.example"",""Klick"")"`)
    expect(csvCell('+49 541 501-0')).toBe("'+49 541 501-0")
    expect(csvCell('-1+2')).toBe("'-1+2")
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(csvCell('\t=1')).toBe("'\t=1")
    expect(csvCell('\r=1')).toBe(`"'\r=1"`)
    expect(csvCell('FD Soziales')).toBe('FD Soziales')
    expect(csvCell('Ankommen – „Willkommen“ = gut')).toBe('Ankommen – „Willkommen“ = gut')
    expect(csvCell(42)).toBe('42')
  })

  it('quotes delimiters, quotes and line breaks', () => {
    expect(csvCell('Bildung; Sprache')).toBe('"Bildung; Sprache"')
    expect(csvCell('a, b')).toBe('"a, b"')
    expect(csvCell('sagt "ja"')).toBe('"sagt ""ja"""')
    expect(csvCell('zwei\nZeilen')).toBe('"zwei\nZeilen"')
  })

  it('writes semicolons, UTF-8 with a byte order mark and CRLF', () => {
    expect(writeCsv(['a', 'b'], [[1, 'ü'], [2, '']])).toBe('\uFEFFa;b\r\n1;ü\r\n2;\r\n')
  })

  it('reads what it wrote back cell for cell, the formula guard taken off again', () => {
    const rows = [
      [1, '=HYPERLINK("x")'],
      [2, '-minus'],
      [3, "'schon mit Apostroph"],
      [4, 'Bildung; Sprache "und" mehr'],
    ]
    const read = readCsv(writeCsv(['nr', 'text'], rows), ['nr', 'text'])
    expect(read.ok).toBe(true)
    if (!read.ok) return
    expect(read.records.map((r) => r.cells)).toEqual(rows.map(([n, text]) => [String(n), text]))
    expect(read.records.map((r) => r.line)).toEqual([2, 3, 4, 5])
  })
})
