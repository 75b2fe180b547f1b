import { describe, expect, it } from 'vitest'
import { download } from './download'

describe('download', () => {
  it('names the file in ASCII and in UTF-8, so that umlauts survive', () => {
    const response = download('a;b', 'Übersicht Maßnahmen.csv', 'csv')
    const disposition = response.headers.get('Content-Disposition')!
    expect(disposition).toContain('attachment')
    expect(disposition).toContain("filename*=UTF-8''%C3%9Cbersicht%20Ma%C3%9Fnahmen.csv")
    expect(disposition).toMatch(/filename="\?bersicht Ma\?nahmen\.csv"/)
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
  })

  it('sends a text as its UTF-8 bytes, with their length', async () => {
    const response = download('Maßnahme;Ö', 'liste.csv', 'csv')
    expect(await response.text()).toBe('Maßnahme;Ö')
    expect(response.headers.get('Content-Length')).toBe(String(Buffer.byteLength('Maßnahme;Ö')))
  })

  it('sends the exact bytes with their length and keeps them out of caches', async () => {
    const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04])
    const response = download(bytes, 'protokoll.docx', 'docx')
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes)
    expect(response.headers.get('Content-Length')).toBe('4')
    expect(response.headers.get('Cache-Control')).toContain('no-store')
    expect(response.headers.get('Content-Type')).toContain('wordprocessingml')
  })

  it('can show a file inline (a PDF in the browser)', () => {
    expect(download('x', 'bericht.pdf', 'pdf', { inline: true }).headers.get('Content-Disposition')).toMatch(/^inline/)
  })
})
