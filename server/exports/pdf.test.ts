import { afterAll, describe, expect, test } from 'vitest'
import { pdfText } from './exports-test-helpers'
import { BrowserFailed, closePdfBrowser, printPdf, printPdfs } from './pdf'

afterAll(() => closePdfBrowser())

const options = { headerTemplate: '<span></span>', footerTemplate: '<span></span>' }
const html = (text: string) => `<!doctype html><html lang="de"><head><title>${text}</title></head><body><h1>${text}</h1></body></html>`

describe('printing on the kept page', () => {
  test('each print shows its own document only, however often the page is reused', async () => {
    const first = pdfText(await printPdf(html('Erster Bericht Ankommen'), options))
    const second = pdfText(await printPdf(html('Zweiter Bericht Bildung'), options))
    const [third, fourth] = (await printPdfs([html('Dritter Bericht Arbeit'), html('Vierter Bericht Gesundheit')], options)).map(pdfText)
    expect(first).toContain('Erster Bericht Ankommen')
    expect(second).toContain('Zweiter Bericht Bildung')
    expect(second).not.toContain('Erster')
    expect(third).toContain('Dritter Bericht Arbeit')
    expect(fourth).toContain('Vierter Bericht Gesundheit')
    expect(fourth).not.toContain('Dritter')
  }, 60_000)

  test('a print that fails is a BrowserFailed (the route answers with its German 503) and the next print works', async () => {
    await expect(
      printPdfs(
        [
          () => {
            throw new Error('Vorlage fehlt')
          },
        ],
        options,
      ),
    ).rejects.toBeInstanceOf(BrowserFailed)
    expect(pdfText(await printPdf(html('Nach dem Fehler'), options))).toContain('Nach dem Fehler')
  }, 60_000)
})
