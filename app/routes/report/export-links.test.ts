import { describe, expect, it } from 'vitest'
import { exportQuery } from './export-links'

describe('exportQuery', () => {
  it('carries the overview page’s filters and values to the export, its search `q` as `suche`, and nothing else', () => {
    expect(exportQuery('?runde=2&feld=3&einheit=4&bewertung=none&merkmal=routine&q=Kita&werte=vorschlaege&seite=2')).toBe(
      '?werte=vorschlaege&feld=3&einheit=4&bewertung=none&merkmal=routine&suche=Kita',
    )
    expect(exportQuery('?suche=Sprache&q=Kita')).toBe('?suche=Sprache')
    expect(exportQuery('')).toBe('')
    expect(exportQuery(new URLSearchParams({ feld: '', q: 'Übergänge' }))).toBe('?suche=%C3%9Cberg%C3%A4nge')
  })
})
