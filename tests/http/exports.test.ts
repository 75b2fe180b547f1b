import ExcelJS from 'exceljs'
import fs from 'node:fs'
import { count } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { measureStatus, statusChanges } from '../../db/schema'
import { demoRoundIds, loginEveryRole, openServerDatabase, startDemoServer, type Role } from '../setup/demo'
import { requestsAs } from '../setup/http'
import { loginOverHttp, startServer, type RunningServer } from '../setup/server'

// The exports and the Excel import over real HTTP against the built server: who may, what a bad request is told (in
// German, with the right status), and that a refused import changes nothing.

let server: RunningServer
const cookies: Record<string, string> = {}
type Who = 'admin' | Role
let openRound: number
let closedRound: number

beforeAll(async () => {
  server = await startDemoServer()
  const db = openServerDatabase(server)
  ;({ open: openRound, historical: closedRound } = demoRoundIds(db))
  db.$client.close()
  Object.assign(cookies, await loginEveryRole(server))
})

afterAll(async () => {
  await server?.stop()
})

const { get } = requestsAs<Who>(() => server.url, cookies)

function snapshot() {
  const db = openServerDatabase(server)
  try {
    return { status: db.select().from(measureStatus).all(), audit: db.select({ n: count() }).from(statusChanges).get()!.n }
  } finally {
    db.$client.close()
  }
}

function upload(who: Who, roundId: number, file: { name: string; bytes: Uint8Array } | null, fields: Record<string, string> = { intent: 'preview' }) {
  const form = new FormData()
  for (const [key, value] of Object.entries(fields)) form.set(key, value)
  if (file) form.set('file', new File([new Uint8Array(file.bytes)], file.name, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }))
  return fetch(`${server.url}/runden/${roundId}/import`, { method: 'POST', redirect: 'manual', headers: { Origin: server.url, Cookie: cookies[who]! }, body: form })
}

describe('exporting the overview', () => {
  it('sends anonymous visitors to the login page and refuses unit editors, forum members and viewers', async () => {
    const anonymous = await fetch(`${server.url}/runden/${openRound}/uebersicht.csv`, { redirect: 'manual' })
    expect(anonymous.status).toBe(302)
    expect(anonymous.headers.get('location')).toMatch(/^\/login/)
    for (const who of ['editor', 'participant', 'viewer'] as const) {
      for (const file of ['uebersicht.csv', 'uebersicht.pdf', 'bericht.docx']) expect((await get(who, `/runden/${openRound}/${file}`)).status, `${who} ${file}`).toBe(403)
    }
  })

  it('lets the admin, the commissioner and coordinators download every format, with umlauts in the file name', async () => {
    for (const who of ['admin', 'commissioner', 'coordinator'] as const) expect((await get(who, `/runden/${openRound}/uebersicht.csv`)).status, who).toBe(200)
    const expected = {
      docx: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'PK'],
      xlsx: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'PK'],
      csv: ['text/csv; charset=utf-8', '\uFEFF'],
      pdf: ['application/pdf', '%PDF'],
    } as const
    for (const [format, [type, magic]] of Object.entries(expected)) {
      const response = await get('commissioner', `/runden/${openRound}/uebersicht.${format}?werte=vorschlaege&feld=2`)
      expect(response.status, format).toBe(200)
      expect(response.headers.get('content-type')).toBe(type)
      expect(response.headers.get('content-disposition')).toContain(`filename*=UTF-8''%C3%9Cbersicht%20Sachstand%202026.${format}`)
      const body = new Uint8Array(await response.arrayBuffer())
      const start = new TextEncoder().encode(magic)
      expect(Array.from(body.subarray(0, start.length)), format).toEqual(Array.from(start))
    }
    const report = await get('coordinator', `/runden/${closedRound}/bericht.docx?statistik=ja`)
    expect(report.status).toBe(200)
    expect(report.headers.get('content-disposition')).toContain('Evaluationsbericht')
  })

  it('answers an unknown round, file or format with 404 and bad filters with 400, each saying why in German', async () => {
    const cases: [string, number, string][] = [
      [`/runden/99999/uebersicht.docx`, 404, 'Eine Berichtsrunde „99999“ gibt es nicht.'],
      [`/runden/abc/uebersicht.docx`, 404, 'Eine Berichtsrunde „abc“ gibt es nicht.'],
      [`/runden/${openRound}/uebersicht.odt`, 404, 'Das Format „odt“ gibt es nicht. Möglich sind DOCX, PDF, XLSX, CSV.'],
      [`/runden/${openRound}/bericht.xlsx`, 404, 'Das Format „xlsx“ gibt es nicht. Möglich sind DOCX, PDF.'],
      [`/runden/${openRound}/tabelle.csv`, 404, 'Die Datei „tabelle.csv“ gibt es nicht.'],
      [`/runden/${openRound}/uebersicht.csv?feld=10`, 400, 'Ungültiger Wert für „feld“: „10“. Erwartet wird die Nummer eines Handlungsfelds des Konzepts (1 bis 9).'],
      [`/runden/${openRound}/uebersicht.csv?feld=zwei`, 400, 'Ungültiger Wert für „feld“'],
      [`/runden/${openRound}/uebersicht.csv?bewertung=super`, 400, 'Erlaubt sind high, medium, low, unclear und none'],
      [`/runden/${openRound}/uebersicht.csv?merkmal=P`, 400, 'Ungültiger Wert für „merkmal“'],
      [`/runden/${openRound}/uebersicht.csv?einheit=99999`, 400, 'Erwartet wird die Nummer einer Organisationseinheit.'],
      [`/runden/${openRound}/uebersicht.csv?werte=alle`, 400, 'Erlaubt sind „abgestimmt“ und „vorschlaege“.'],
      [`/runden/${openRound}/bericht.pdf?statistik=vielleicht`, 400, 'Ungültiger Wert für „statistik“'],
    ]
    for (const [path, status, message] of cases) {
      const response = await get('commissioner', path)
      expect(response.status, path).toBe(status)
      expect(await response.text(), path).toContain(message)
    }
  })

  it('states the filters it applied and shows only what they match', async () => {
    const text = await (await get('coordinator', `/runden/${openRound}/uebersicht.csv?feld=3&suche=Kita`)).text()
    const rows = text.trim().split('\r\n')
    expect(rows.length).toBeGreaterThan(1)
    expect(rows.slice(1).every((row) => row.startsWith('3;Sprache;'))).toBe(true)
    expect(rows.slice(1).every((row) => /kita/i.test(row))).toBe(true)
  })
})

describe('a server without Chromium', () => {
  it('answers a PDF export with 503 and a German message instead of a broken download; the other formats still work', async () => {
    const bare = await startServer({ env: { CHROMIUM_PATH: '/nicht/vorhanden/chromium' } })
    try {
      const cookie = await loginOverHttp(bare.url, bare.admin)
      const pdf = await fetch(`${bare.url}/runden/1/uebersicht.pdf`, { headers: { Cookie: cookie } })
      expect(pdf.status).toBe(503)
      expect(pdf.headers.get('content-type')).toBe('text/plain; charset=utf-8')
      expect(await pdf.text()).toContain('Auf dem Server fehlt der Browser Chromium')
      expect((await fetch(`${bare.url}/runden/1/uebersicht.docx`, { headers: { Cookie: cookie } })).status).toBe(200)
    } finally {
      await bare.stop()
    }
  })
})

describe('importing an edited Excel overview', () => {
  it('is the commissioner’s, in an open round only', async () => {
    expect((await get('commissioner', `/runden/${openRound}/import`)).status).toBe(200)
    for (const who of ['admin', 'coordinator', 'editor', 'viewer'] as const) expect((await get(who, `/runden/${openRound}/import`)).status, who).toBe(403)
    const closed = await get('commissioner', `/runden/${closedRound}/import`)
    expect(closed.status).toBe(403)
    const anonymous = await fetch(`${server.url}/runden/${openRound}/import`, { redirect: 'manual' })
    expect(anonymous.status).toBe(302)
    const before = snapshot()
    expect((await upload('coordinator', openRound, { name: 'x.xlsx', bytes: new Uint8Array([1]) })).status).toBe(403)
    expect(snapshot()).toEqual(before)
  })

  it('refuses a broken, an oversized and a foreign file with German line errors and changes nothing', async () => {
    const before = snapshot()
    const broken = await upload('commissioner', openRound, { name: 'kaputt.xlsx', bytes: new TextEncoder().encode('kein Excel') })
    expect(broken.status).toBe(400)
    expect(await broken.text()).toContain('Die Datei „kaputt.xlsx“ ist keine lesbare Excel-Datei (XLSX).')

    const oversized = await upload('commissioner', openRound, { name: 'gross.xlsx', bytes: new Uint8Array(3 * 1024 * 1024) })
    expect(oversized.status).toBe(400)
    expect(await oversized.text()).toContain('Die Datei ist zu groß (höchstens 2 MB).')

    const foreign = new ExcelJS.Workbook()
    const sheet = foreign.addWorksheet('Tabelle1')
    sheet.addRow(['Kennzahl', 'Wert', 'Maßnahme Nr.'])
    sheet.addRow(['Einbürgerungen', 288, '1.1'])
    const foreignBytes = new Uint8Array(await foreign.xlsx.writeBuffer())
    const refused = await upload('commissioner', openRound, { name: 'fremd.xlsx', bytes: foreignBytes })
    expect(refused.status).toBe(400)
    const html = await refused.text()
    expect(html).toContain('Zeile 1, Spalte 1: Die Spalte „Kennzahl“ gibt es im Export nicht.')
    expect(html).toContain('Zeile 1: Die Spalte „Bewertung“ fehlt.')
    expect(html).toContain('Es wurde nichts geändert.')

    const forged = await upload('commissioner', openRound, null, { intent: 'apply', fileName: 'x.xlsx', payload: '[{"measureId":1}]' })
    expect(forged.status).toBe(400)
    expect(await forged.text()).toContain('Die Vorschau ist ungültig oder abgelaufen.')
    expect(snapshot()).toEqual(before)
  })
})

describe('the export process', () => {
  const descendants = (pid: number): number[] => {
    let children: number[] = []
    try {
      for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
        children = children.concat(fs.readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number))
      }
    } catch {
      return []
    }
    return children.flatMap((child) => [child, ...descendants(child)])
  }
  const alive = (pid: number) => fs.existsSync(`/proc/${pid}/status`) && !/State:\s+Z/.test(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))

  it('builds the files in a process of its own, in the idle scheduling class, which ends with the server even when the server is killed; the server collects garbage on its own thread', async () => {
    const own = await startServer()
    try {
      const cookie = await loginOverHttp(own.url, own.admin)
      // node's options for the server, as npm start gives them (server/cli/node-flags.sh).
      const argv = fs.readFileSync(`/proc/${own.pid}/cmdline`, 'utf8').split('\0')
      expect(argv).toContain('--single-threaded-gc')
      const pdf = await fetch(`${own.url}/runden/1/uebersicht.pdf`, { headers: { Cookie: cookie } })
      expect(pdf.status).toBe(200)
      expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString('latin1')).toBe('%PDF-')
      const below = descendants(own.pid)
      const exporter = below.find((pid) => fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('index.js'))
      expect(exporter, 'ein Export-Prozess unter dem Server').toBeDefined()
      // SCHED_IDLE is policy 5 (field 41 of /proc/<pid>/stat).
      const policy = Number(fs.readFileSync(`/proc/${exporter}/stat`, 'utf8').split(') ')[1]!.split(' ')[38])
      expect(policy).toBe(5)
      expect(below.length, 'Chromium läuft unter dem Export-Prozess').toBeGreaterThan(1)
      await own.kill('SIGKILL')
      await expect.poll(() => below.filter(alive), { timeout: 15_000 }).toEqual([])
    } finally {
      await own.stop().catch(() => {})
    }
  })

  // The cores each of a process's threads may run on, as the kernel lists them.
  const affinities = (pid: number) =>
    new Set(fs.readdirSync(`/proc/${pid}/task`).map((tid) => /^Cpus_allowed_list:\s*(\S+)/m.exec(fs.readFileSync(`/proc/${pid}/task/${tid}/status`, 'utf8'))?.[1]))
  const cores = /^Cpus_allowed_list:\s*(\S+)/m.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1] ?? ''
  const twoOrMore = /[,-]/.test(cores) && fs.existsSync('/usr/bin/taskset')

  it.runIf(twoOrMore)('keeps the server’s threads off the export’s cores while it works, and gives them back after, or when it is killed', async () => {
    const own = await startServer({ env: { ZIELWERK_CORE_RESERVATION_MS: '4000' } })
    try {
      const all = affinities(own.pid)
      expect(all.size).toBe(1)
      const cookie = await loginOverHttp(own.url, own.admin)
      const csv = await fetch(`${own.url}/runden/1/uebersicht.csv`, { headers: { Cookie: cookie } })
      expect(csv.status).toBe(200)
      await csv.arrayBuffer()
      // Within the release time after the export: every thread of the server on fewer cores than before.
      await expect.poll(() => [...affinities(own.pid)].some((list) => all.has(list)), { timeout: 3_000 }).toBe(false)
      expect(affinities(own.pid).size).toBe(1)
      await expect.poll(() => affinities(own.pid), { timeout: 10_000 }).toEqual(all)
      // Held again by the next export, then the export process is killed: the server takes its cores back itself.
      const again = await fetch(`${own.url}/runden/1/uebersicht.csv`, { headers: { Cookie: cookie } })
      await again.arrayBuffer()
      await expect.poll(() => [...affinities(own.pid)].some((list) => all.has(list)), { timeout: 3_000 }).toBe(false)
      const exporter = descendants(own.pid).find((pid) => fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('index.js'))!
      process.kill(exporter, 'SIGKILL')
      await expect.poll(() => affinities(own.pid), { timeout: 3_000 }).toEqual(all)
    } finally {
      await own.stop().catch(() => {})
    }
  })
})
