import { and, count, eq } from 'drizzle-orm'
import { unzipSync, strFromU8 } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { meetingItems, meetings, measureStatus, measureUnits, measures, statusChanges, units, users } from '../../db/schema'
import { addItems, createMeeting, startMeeting } from '../../server/services/meetings/meetings'
import { closeRound } from '../../server/services/rounds/rounds'
import { demoRoundIds, loginEveryRole, openServerDatabase, ROLE_ACCOUNTS, startDemoServer, type Role } from '../setup/demo'
import { requestsAs } from '../setup/http'
import type { RunningServer } from '../setup/server'

// The Jour fixe over real HTTP against the built server: who may read and who may act, agreeing refused to
// everyone but coordinators and the commissioner, bad input answered in German without a change, and nothing
// of a closed round changed by anyone.

let server: RunningServer
const cookies: Record<string, string> = {}
type Who = 'anonymous' | 'admin' | Role
const everyone: Who[] = ['admin', 'commissioner', 'coordinator', 'editor', 'participant', 'viewer']

let roundId: number
let running: number
let planned: number
let measureItem: number
let goalItem: number
let measureId: number
let coordinatorId: number

const db = () => openServerDatabase(server)

beforeAll(async () => {
  server = await startDemoServer()
  const d = db()
  roundId = demoRoundIds(d).open
  coordinatorId = d.select({ id: users.id }).from(users).where(eq(users.email, ROLE_ACCOUNTS.coordinator)).get()!.id
  // A measure of FD Ordnung: its own editor must not be able to agree it either.
  const measure = d
    .select({ id: measures.id, goalId: measures.goalId })
    .from(measureUnits)
    .innerJoin(units, eq(units.id, measureUnits.unitId))
    .innerJoin(measures, eq(measures.id, measureUnits.measureId))
    .where(eq(units.shortName, 'FD Ordnung'))
    .get()!
  measureId = measure.id
  d.update(measureStatus).set({ proposalAttainment: 'medium' }).where(and(eq(measureStatus.roundId, roundId), eq(measureStatus.measureId, measureId))).run()
  running = createMeeting(d, { roundId, title: 'Jour fixe', date: '2026-11-26', time: '09:30', location: 'Raum 1' }, coordinatorId)
  addItems(d, running, [{ measureId }, { goalId: measure.goalId }])
  startMeeting(d, running)
  const items = d.select({ id: meetingItems.id, measureId: meetingItems.measureId }).from(meetingItems).where(eq(meetingItems.meetingId, running)).all()
  measureItem = items.find((i) => i.measureId === measureId)!.id
  goalItem = items.find((i) => i.measureId === null)!.id
  planned = createMeeting(d, { roundId, title: 'Nächster Jour fixe', date: '2026-12-03', time: null, location: '' }, coordinatorId)
  d.$client.close()
  Object.assign(cookies, await loginEveryRole(server))
})

afterAll(async () => {
  await server?.stop()
})

const { get, post } = requestsAs<Who>(() => server.url, cookies)

/** Everything a refused request must leave as it was. */
function snapshot() {
  const d = db()
  try {
    return {
      meetings: d.select().from(meetings).all(),
      items: d.select().from(meetingItems).all(),
      status: d.select().from(measureStatus).where(eq(measureStatus.measureId, measureId)).all(),
      audit: d.select({ n: count() }).from(statusChanges).get()!.n,
    }
  } finally {
    d.$client.close()
  }
}

const agree = (attainment = 'low') => ({
  intent: 'agree',
  itemId: String(measureItem),
  attainment,
  mandatory: 'on',
  routine: '',
  continue: '',
  responsibilityQuestionable: '',
  changedConditions: '',
})

describe('who may see the Jour fixe', () => {
  const pages = () => [`/sitzungen`, `/sitzungen/${running}`, `/sitzungen/${running}/protokoll`, `/sitzungen/${running}/protokoll.docx`]
  it('sends anonymous visitors to the login page', async () => {
    for (const page of pages()) {
      const response = await get('anonymous', page)
      expect(response.status, page).toBe(302)
      expect(response.headers.get('location')).toMatch(/^\/login/)
    }
  })

  it('shows meetings, meeting pages and minutes to every internal role, and refuses them to forum participants', async () => {
    for (const who of everyone) {
      for (const page of pages()) expect((await get(who, page)).status, `${who} ${page}`).toBe(who === 'participant' ? 403 : 200)
    }
    const docx = await get('viewer', `/sitzungen/${running}/protokoll.docx`)
    expect(docx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    // download() (the content-disposition library) quotes a file name only where it needs quotes.
    expect(docx.headers.get('content-disposition')).toMatch(/^attachment; filename="?Protokoll-2026-11-26-\d+\.docx"?$/)
  })

  it('gives the minutes in the reader\u2019s language, as a page and as DOCX (German by default)', async () => {
    const english = { Cookie: `${cookies.viewer}; zw_lang=en` }
    const page = await (await fetch(`${server.url}/sitzungen/${running}/protokoll`, { headers: english })).text()
    expect(page).toContain('Download the minutes as a Word file (DOCX)')
    expect(page).not.toContain('herunterladen')
    const docx = await fetch(`${server.url}/sitzungen/${running}/protokoll.docx`, { headers: english })
    expect(docx.headers.get('content-disposition')).toMatch(/^attachment; filename="?Minutes-2026-11-26-\d+\.docx"?$/)
    const xml = strFromU8(unzipSync(new Uint8Array(await docx.arrayBuffer()))['word/document.xml']!)
    expect(xml).toContain('Minutes: Jour fixe')
    expect(xml).toContain('26 November 2026, 09:30')
    expect(xml).toContain('Provisional: the meeting is running.')
    expect(xml).not.toContain('Protokoll')
    const german = strFromU8(unzipSync(new Uint8Array(await (await get('viewer', `/sitzungen/${running}/protokoll.docx`)).arrayBuffer()))['word/document.xml']!)
    expect(german).toContain('Protokoll: Jour fixe')
    expect(german).toContain('26. November 2026, 09:30 Uhr')
  })

  it('has no minutes before a meeting begins, and answers unknown meetings with 404 in German', async () => {
    const none = await get('viewer', `/sitzungen/${planned}/protokoll`)
    expect(none.status).toBe(404)
    for (const page of ['/sitzungen/99999', '/sitzungen/abc', '/sitzungen/0', '/sitzungen/99999/protokoll.docx']) {
      const response = await get('coordinator', page)
      expect(response.status, page).toBe(404)
    }
    expect(await (await get('coordinator', '/sitzungen/99999')).text()).toContain('Diese Sitzung gibt es nicht.')
  })
})

describe('who may act', () => {
  it('refuses agreeing to a unit editor (even for his own measure), forum members, viewers and the admin: 403 and nothing changes', async () => {
    const before = snapshot()
    for (const who of ['editor', 'participant', 'viewer', 'admin'] as const) {
      const response = await post(who, `/sitzungen/${running}`, agree())
      expect(response.status, who).toBe(403)
    }
    expect(snapshot()).toEqual(before)
  })

  it('refuses every other meeting action to those who do not run meetings', async () => {
    const before = snapshot()
    const actions: Record<string, string>[] = [
      { intent: 'step', itemId: String(measureItem) },
      { intent: 'state', itemId: String(measureItem), state: 'deferred' },
      { intent: 'note', itemId: String(measureItem), note: 'von der Einheit' },
      { intent: 'close' },
      { intent: 'add', pick: `measure:${measureId}` },
    ]
    for (const form of actions) {
      expect((await post('editor', `/sitzungen/${running}`, form)).status, form.intent).toBe(403)
    }
    expect((await post('viewer', '/sitzungen', { roundId: String(roundId), title: 'Heimlich', date: '2026-12-01' })).status).toBe(403)
    expect(snapshot()).toEqual(before)
  })

  it('refuses a request from a foreign origin', async () => {
    const before = snapshot()
    expect((await post('coordinator', `/sitzungen/${running}`, agree(), 'https://evil.example')).status).toBe(403)
    expect(snapshot()).toEqual(before)
  })

  it('steps like meeting mode over HTTP: before any item is called, "next" calls item 1 and marks it discussed', async () => {
    const d = db()
    let stepping: number
    let first: number
    let second: number
    try {
      stepping = createMeeting(d, { roundId, title: 'Jour fixe Schritte', date: '2026-11-27', time: null, location: '' }, coordinatorId)
      addItems(d, stepping, [{ measureId }, { goalId: d.select({ goalId: measures.goalId }).from(measures).where(eq(measures.id, measureId)).get()!.goalId }])
      startMeeting(d, stepping)
      ;[first, second] = d.select({ id: meetingItems.id }).from(meetingItems).where(eq(meetingItems.meetingId, stepping)).orderBy(meetingItems.position).all().map((r) => r.id) as [number, number]
    } finally {
      d.$client.close()
    }
    const states = () => {
      const r = db()
      try {
        return r.select({ id: meetingItems.id, state: meetingItems.state }).from(meetingItems).where(eq(meetingItems.meetingId, stepping)).orderBy(meetingItems.position).all()
      } finally {
        r.$client.close()
      }
    }
    expect(await (await post('coordinator', `/sitzungen/${stepping}`, { intent: 'step', direction: 'previous' })).text()).toContain('Vor diesem Punkt kommt keiner.')
    const next = await post('coordinator', `/sitzungen/${stepping}`, { intent: 'step', direction: 'next' })
    expect(next.status).toBe(200)
    expect(await next.text()).toContain('Punkt 1 aufgerufen.')
    expect(states()).toEqual([
      { id: first, state: 'discussed' },
      { id: second, state: 'open' },
    ])
    expect(await (await post('coordinator', `/sitzungen/${stepping}`, { intent: 'step', direction: 'next' })).text()).toContain('Punkt 2 aufgerufen.')
    expect(states()[1]).toEqual({ id: second, state: 'discussed' })
    const past = await post('coordinator', `/sitzungen/${stepping}`, { intent: 'step', direction: 'next' })
    expect(past.status).toBe(400)
    expect(await past.text()).toContain('Nach diesem Punkt kommt keiner mehr.')
    expect((await post('editor', `/sitzungen/${stepping}`, { intent: 'step', direction: 'next' })).status).toBe(403)
  })

  it('lets the coordinator agree over HTTP: the agreed rating carries who, when and which meeting, and the audit says so', async () => {
    const response = await post('coordinator', `/sitzungen/${running}`, agree('low'))
    expect(response.status).toBe(200)
    const d = db()
    try {
      const row = d.select().from(measureStatus).where(and(eq(measureStatus.roundId, roundId), eq(measureStatus.measureId, measureId))).get()!
      expect(row).toMatchObject({ agreedAttainment: 'low', agreedMandatory: true, agreedRoutine: false, agreedBy: coordinatorId, agreedInMeeting: running })
      expect(row.agreedAt).toBeGreaterThan(Date.now() - 60_000)
      const audit = d
        .select()
        .from(statusChanges)
        .where(and(eq(statusChanges.measureId, measureId), eq(statusChanges.kind, 'agreed'), eq(statusChanges.field, 'attainment')))
        .all()
      expect(audit.at(-1)).toMatchObject({ oldValue: null, newValue: 'low', userId: coordinatorId, meetingId: running })
      expect(d.select({ state: meetingItems.state }).from(meetingItems).where(eq(meetingItems.id, measureItem)).get()!.state).toBe('agreed')
    } finally {
      d.$client.close()
    }
  })
})

describe('bad input gets a German message and changes nothing', () => {
  const cases: [string, string, Record<string, string>, RegExp][] = [
    ['a date that does not exist', '/sitzungen', { roundId: '', title: 'Jour fixe', date: '2026-02-30' }, /Dieses Datum gibt es nicht\./],
    ['a date in another format', '/sitzungen', { roundId: '', title: 'Jour fixe', date: '26.11.2026' }, /Bitte das Datum als JJJJ-MM-TT angeben/],
    ['no date', '/sitzungen', { roundId: '', title: 'Jour fixe', date: '' }, /Datum fehlt\./],
    ['a time that does not exist', '/sitzungen', { roundId: '', title: 'Jour fixe', date: '2026-12-01', time: '25:00' }, /Bitte die Uhrzeit als HH:MM angeben/],
    ['no title', '/sitzungen', { roundId: '', title: '  ', date: '2026-12-01' }, /Titel fehlt\./],
    ['an unknown round', '/sitzungen', { roundId: '99999', title: 'Jour fixe', date: '2026-12-01' }, /Diese Berichtsrunde gibt es nicht\./],
    ['a round that is not a number', '/sitzungen', { roundId: 'zwei', title: 'Jour fixe', date: '2026-12-01' }, /Die Berichtsrunde ist ungültig\./],
  ]
  for (const [label, pathname, form, message] of cases) {
    it(`creating a meeting with ${label}`, async () => {
      const before = snapshot()
      const response = await post('coordinator', pathname, { ...form, roundId: form.roundId || String(roundId) })
      expect(response.status).toBe(400)
      expect(await response.text()).toMatch(message)
      expect(snapshot()).toEqual(before)
    })
  }

  const meetingCases: [string, () => [number, Record<string, string>], RegExp][] = [
    ['starting a meeting with an empty agenda', () => [planned, { intent: 'start' }], /Die Tagesordnung ist leer/],
    ['an unknown action', () => [running, { intent: 'loeschen' }], /Unbekannte Aktion\./],
    ['an attainment that does not exist', () => [running, agree('sehr hoch')], /Bitte eine Bewertung wählen/],
    ['agreeing a goal instead of a measure', () => [running, { ...agree(), itemId: String(goalItem) }], /nicht eines Ziels/],
    ['an item of another meeting', () => [planned, { intent: 'state', itemId: String(measureItem), state: 'open' }], /gibt es in dieser Sitzung nicht/],
    ['taking an unknown measure onto the agenda', () => [planned, { intent: 'add', pick: 'measure:99999' }], /Die Maßnahme 99999 gibt es nicht\./],
    ['an item state that does not exist', () => [running, { intent: 'state', itemId: String(measureItem), state: 'erledigt' }], /Diesen Stand gibt es nicht\./],
    ['an overlong decision note', () => [running, { intent: 'note', itemId: String(measureItem), note: 'x'.repeat(4001) }], /höchstens 4000 Zeichen/],
    ['a note that is missing', () => [running, { intent: 'note', itemId: String(measureItem) }], /Die Beschlussnotiz fehlt\./],
    ['nothing picked', () => [planned, { intent: 'add' }], /Bitte eine Maßnahme oder ein Ziel auswählen\./],
    ['no proposal ticked', () => [planned, { intent: 'propose' }], /Bitte mindestens einen Vorschlag ankreuzen\./],
    ['a malformed guest line', () => [running, { intent: 'attendance', guests: 'Erika Muster; Beirat\n;' }], /Gäste, Zeile 2/],
  ]
  for (const [label, request, message] of meetingCases) {
    it(label, async () => {
      const before = snapshot()
      const [meetingId, form] = request()
      const response = await post('coordinator', `/sitzungen/${meetingId}`, form)
      expect(response.status).toBe(400)
      expect(await response.text()).toMatch(message)
      expect(snapshot()).toEqual(before)
    })
  }
})

describe('a closed round cannot be changed by anyone', () => {
  beforeAll(() => {
    const d = db()
    closeRound(d, roundId)
    d.$client.close()
  })

  const closedCases: [string, Who, () => [string, Record<string, string>], RegExp][] = [
    ['agreeing an item of a closed round', 'coordinator', () => [`/sitzungen/${running}`, agree('high')], /ist nicht offen|abgeschlossen/],
    ['agreeing as the commissioner', 'commissioner', () => [`/sitzungen/${running}`, agree('high')], /ist nicht offen|abgeschlossen/],
    ['a decision note', 'coordinator', () => [`/sitzungen/${running}`, { intent: 'note', itemId: String(measureItem), note: 'nachträglich' }], /ist nicht offen|abgeschlossen/],
    ['taking an item onto an agenda', 'coordinator', () => [`/sitzungen/${planned}`, { intent: 'add', pick: `measure:${measureId}` }], /ist nicht offen/],
    ['a new meeting', 'coordinator', () => ['/sitzungen', { roundId: String(roundId), title: 'Jour fixe', date: '2026-12-10' }], /nur in einer offenen Berichtsrunde/],
    ['closing the round twice', 'commissioner', () => ['/runden', { intent: 'close', roundId: String(roundId) }], /schon abgeschlossen/],
  ]
  for (const [label, who, request, message] of closedCases) {
    it(`refuses ${label} with a German message and changes nothing`, async () => {
      const before = snapshot()
      const [pathname, form] = request()
      const response = await post(who, pathname, form)
      expect(response.status).toBe(400)
      expect(await response.text()).toMatch(message)
      expect(snapshot()).toEqual(before)
    })
  }

  it('ended the round’s meetings with it, and the minutes keep the agreed rating', async () => {
    const d = db()
    try {
      expect(d.select({ state: meetings.state }).from(meetings).where(eq(meetings.id, running)).get()!.state).toBe('closed')
      expect(d.select({ state: meetings.state }).from(meetings).where(eq(meetings.id, planned)).get()!.state).toBe('closed')
    } finally {
      d.$client.close()
    }
    const minutes = await (await get('viewer', `/sitzungen/${running}/protokoll`)).text()
    expect(minutes).toContain('gering')
    expect(minutes).not.toContain('Vorläufig')
  })
})
