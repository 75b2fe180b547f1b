import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemoMonitoring } from '../../server/cli/demo-monitoring'
import { docxXml, pdfInfo, runText } from '../../server/exports/exports-test-helpers'
import { loginEveryRole, startDemoServer, withServerDb, type Role } from '../setup/demo'
import { requestsAs } from '../setup/http'
import type { RunningServer } from '../setup/server'

// The monitoring's files over real HTTP against the built server (the export worker and Chromium included) with the
// demo data: who may download what, the published years for everybody without login and nothing else, German
// messages for bad requests, file names with umlauts, and the links on the pages with names that say what they load.

let server: RunningServer
const cookies: Record<string, string> = {}
type Who = 'anonymous' | 'admin' | Role
let year = 0

beforeAll(async () => {
  server = await startDemoServer()
  Object.assign(cookies, await loginEveryRole(server))
  await withServerDb(server, (db) => seedDemoMonitoring(db))
  year = new Date().getFullYear() - 1
})

afterAll(async () => {
  await server?.stop()
})

const { get, post } = requestsAs<Who>(() => server.url, cookies)
const bytesOf = async (response: Response) => new Uint8Array(await response.arrayBuffer())
const staffFiles = () => [`/monitoring/datenblaetter/melle/${year}/datenblatt.docx`, `/monitoring/datenblaetter/melle/${year}/inhalt.html`, `/monitoring/datenreport/${year}/datenreport.docx`, `/monitoring/quartalsbericht/${year + 1}-3/quartalsbericht.docx`]
const publicFiles = () => [`/veroeffentlicht/datenblaetter/${year}/melle/datenblatt.docx`, `/veroeffentlicht/datenreport/${year}/datenreport.docx`]
const publish = (published: boolean) => post('statistics', '/monitoring/datenblaetter', { intent: published ? 'publish' : 'unpublish', year: String(year) })

describe('staff exports', () => {
  it('send anonymous visitors to the login page and refuse roles without monitoring.read with 403', async () => {
    for (const path of staffFiles()) {
      const anonymous = await get('anonymous', path)
      expect(anonymous.status, path).toBe(302)
      expect(anonymous.headers.get('location')).toMatch(/^\/login\?redirectTo=/)
      for (const who of ['viewer', 'editor', 'participant'] as const) {
        const refused = await get(who, path)
        expect(refused.status, `${who} ${path}`).toBe(403)
        await refused.body?.cancel()
      }
    }
  })

  it('give the readers a DOCX with the demo label in its header and a file name with umlauts', async () => {
    for (const who of ['admin', 'commissioner', 'coordinator', 'statistics'] as const) {
      const response = await get(who, `/monitoring/datenblaetter/georgsmarienhuette/${year}/datenblatt.docx`)
      expect(response.status, who).toBe(200)
      expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      expect(response.headers.get('content-disposition')).toContain(`filename*=UTF-8''Datenblatt%20Georgsmarienh%C3%BCtte%20${year}.docx`)
      const docx = await bytesOf(response)
      expect(runText(docxXml(docx))).toContain(`Datenblatt ${year}: Georgsmarienhütte`)
      expect(runText(docxXml(docx, 'word/header1.xml'))).toContain('Demo-Daten, keine echten Zahlen')
    }
    const report = await get('statistics', `/monitoring/datenreport/${year}/datenreport.docx`)
    expect(report.status).toBe(200)
    expect(report.headers.get('content-disposition')).toBe(`attachment; filename="Datenreport Integrationsmonitoring ${year}.docx"`)
    const headings = [...docxXml(await bytesOf(report)).matchAll(/<w:p>(?:(?!<\/w:p>).)*?<w:pStyle w:val="Heading1"\/>(?:(?!<\/w:p>).)*<\/w:p>/gs)].map((m) => runText(m[0]))
    expect(headings).toHaveLength(24)
    const quarterly = await get('commissioner', `/monitoring/quartalsbericht/${year + 1}-3/quartalsbericht.docx`)
    expect(quarterly.status).toBe(200)
    expect(quarterly.headers.get('content-disposition')).toBe(`attachment; filename="Statistischer Quartalsbericht 3. Quartal ${year + 1}.docx"`)
  })

  it('give a tagged PDF of a sheet, printed from the export worker’s markup', { timeout: 120_000 }, async () => {
    const response = await get('statistics', `/monitoring/datenblaetter/bad-essen/${year}/datenblatt.pdf`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/pdf')
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="Datenblatt Bad Essen ${year}.pdf"`)
    expect(pdfInfo(await bytesOf(response))).toMatch(/Tagged:\s+yes/)
  })

  it('answer an unknown territory, year, quarter, file or format with 404 and a German message', async () => {
    const cases: [string, string][] = [
      [`/monitoring/datenblaetter/atlantis/${year}/datenblatt.pdf`, 'Ein Datenblatt „atlantis“ gibt es nicht.'],
      ['/monitoring/datenblaetter/melle/20x4/datenblatt.docx', 'Ein Jahr „20x4“ gibt es nicht.'],
      ['/monitoring/datenblaetter/melle/1899/datenblatt.docx', 'Ein Jahr „1899“ gibt es nicht.'],
      [`/monitoring/datenblaetter/melle/${year}/datenblatt.odt`, 'Das Format „odt“ gibt es nicht. Möglich sind PDF und DOCX.'],
      [`/monitoring/datenblaetter/melle/${year}/tabelle.pdf`, 'Die Datei „tabelle.pdf“ gibt es nicht. Möglich sind datenblatt.pdf, datenblatt.docx.'],
      [`/monitoring/datenreport/${year}/datenblatt.pdf`, 'Die Datei „datenblatt.pdf“ gibt es nicht. Möglich sind datenreport.pdf, datenreport.docx.'],
      ['/monitoring/datenreport/abc/datenreport.docx', 'Ein Jahr „abc“ gibt es nicht.'],
      ['/monitoring/quartalsbericht/2021-5/quartalsbericht.pdf', 'Ein Quartal „2021-5“ gibt es nicht (erwartet z. B. 2021-4).'],
      ['/monitoring/quartalsbericht/2021-4/quartalsbericht.xlsx', 'Das Format „xlsx“ gibt es nicht.'],
    ]
    for (const [path, message] of cases) {
      const response = await get('commissioner', path)
      expect(response.status, path).toBe(404)
      expect(response.headers.get('content-type'), path).toContain('text/plain')
      expect(await response.text(), path).toContain(message)
    }
  })
})

describe('published exports', () => {
  it('are 404 while the year is unpublished, downloadable without login once published, and 404 again when taken back', async () => {
    for (const path of publicFiles()) {
      const response = await get('anonymous', path)
      expect(response.status, path).toBe(404)
      expect(await response.text()).toContain(`Die Datenblätter ${year} sind nicht veröffentlicht.`)
    }
    expect((await publish(true)).status).toBe(200)
    try {
      for (const path of publicFiles()) {
        const response = await get('anonymous', path)
        expect(response.status, path).toBe(200)
        expect(response.headers.get('content-type')).toContain('wordprocessingml')
        await response.body?.cancel()
      }
      // The body a published sheet page fetches after a client-side navigation.
      const body = await get('anonymous', `/veroeffentlicht/datenblaetter/${year}/melle/inhalt.html`)
      expect(body.status).toBe(200)
      expect(body.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(await body.text()).toContain('data-indicator="auslaenderanteil"')
      // Only the published year: the year before has demo values too, and stays closed.
      expect((await get('anonymous', `/veroeffentlicht/datenblaetter/${year - 1}/melle/datenblatt.docx`)).status).toBe(404)
      expect((await get('anonymous', `/veroeffentlicht/datenreport/${year - 1}/datenreport.pdf`)).status).toBe(404)
      expect((await get('anonymous', `/veroeffentlicht/datenblaetter/${year}/atlantis/datenblatt.pdf`)).status).toBe(404)
      expect(await (await get('anonymous', `/veroeffentlicht/datenblaetter/${year}/melle/datenblatt.rtf`)).text()).toContain('Das Format „rtf“ gibt es nicht.')
      // The published pages link their files, with names that say what each downloads.
      const sheet = await (await get('anonymous', `/veroeffentlicht/datenblaetter/${year}/melle`)).text()
      expect(sheet).toContain(`href="/veroeffentlicht/datenblaetter/${year}/melle/datenblatt.pdf"`)
      expect(sheet).toContain(`aria-label="Datenblatt Melle ${year} als PDF (barrierefrei) herunterladen"`)
      expect(sheet).toContain(`aria-label="Datenblatt Melle ${year} als Word (DOCX) herunterladen"`)
      const list = await (await get('anonymous', `/veroeffentlicht/datenblaetter/${year}`)).text()
      expect(list).toContain(`href="/veroeffentlicht/datenreport/${year}/datenreport.pdf"`)
      expect(list).toContain(`aria-label="Datenreport ${year} mit allen 22 Datenblättern als PDF (barrierefrei) herunterladen"`)
    } finally {
      await publish(false)
    }
    for (const path of [...publicFiles(), `/veroeffentlicht/datenblaetter/${year}/melle/inhalt.html`]) expect((await get('anonymous', path)).status, path).toBe(404)
  })

  it('leave the staff pages linking the staff routes', async () => {
    const sheet = await (await get('commissioner', `/monitoring/datenblaetter/melle/${year}`)).text()
    expect(sheet).toContain(`href="/monitoring/datenblaetter/melle/${year}/datenblatt.docx"`)
    const list = await (await get('commissioner', `/monitoring/datenblaetter?jahr=${year}`)).text()
    expect(list).toContain(`href="/monitoring/datenreport/${year}/datenreport.pdf"`)
    const quarterly = await (await get('commissioner', `/monitoring/quartalsbericht?quartal=${year + 1}-3`)).text()
    expect(quarterly).toContain(`href="/monitoring/quartalsbericht/${year + 1}-3/quartalsbericht.pdf"`)
  })
})
