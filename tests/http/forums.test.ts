import { and, eq } from 'drizzle-orm'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { forumFeedback, forumFiles, forumParticipants, forumVoteChoices, forumVotes, forums } from '../../db/schema'
import { closeForum, createForum, forumRow, openForum, tablesOf, type ForumInput } from '../../server/services/forums/forums'
import { listFormats } from '../../server/services/forums/lists'
import { phasesOf, setPhaseState } from '../../server/services/forums/phases'
import { createPoll, pollsOf, setPollState } from '../../server/services/forums/polls'
import { setDisposition } from '../../server/services/forums/moderation'
import { loginEveryRole, startDemoServer, withServerDb, type Role } from '../setup/demo'
import { requestsAs } from '../setup/http'
import type { RunningServer } from '../setup/server'

// The forums over real HTTP: participants join by code with a session of its own that reaches nothing but their
// forum; every refusal (another forum, a closed phase, a second or forged vote, staff pages) changes nothing and
// says why in the participant's language; staff actions need the forum abilities.

let server: RunningServer
const cookies: Record<string, string> = {}
type Who = 'anonymous' | 'admin' | Role
const { get, post } = requestsAs<Who>(() => server.url, cookies)

type Setup = { id: number; code: string; phases: number[]; tables: number[]; categories: number[]; poll: number; options: number[] }
let a: Setup
let b: Setup

const input = (db: Parameters<typeof listFormats>[0], over: Partial<ForumInput> = {}): ForumInput => ({
  title: 'Integrationskonferenz',
  formatId: listFormats(db).find((f) => f.preset === 'conference')!.id,
  date: '2027-03-10',
  time: '09:30',
  place: 'Kreishaus',
  invitedBy: 'Landkreis Osnabrück',
  moderators: '',
  languages: ['ar', 'uk', 'tr', 'ru', 'en'],
  interpreting: '',
  materialUrl: '/',
  roundId: null,
  codeMode: 'open',
  anyTable: false,
  targetGroupIds: [],
  ...over,
})

function setUp(title: string, over: Partial<ForumInput> = {}): Setup {
  return withServerDb(server, (db) => {
    const id = createForum(db, input(db, { title, ...over }), null)
    openForum(db, id)
    const phases = phasesOf(db, id)
    setPhaseState(db, id, phases[0]!.id, 'open')
    const poll = createPoll(db, id, { question: 'Welches Feld zuerst?', kind: 'single', options: ['Sprache', 'Arbeit'] })
    setPollState(db, id, poll, 'open')
    return {
      id,
      code: forumRow(db, id).code,
      phases: phases.map((p) => p.id),
      tables: tablesOf(db, id).map((t) => t.id),
      categories: phases[0]!.categories.map((c) => c.id),
      poll,
      options: pollsOf(db, id)[0]!.options.map((o) => o.id),
    }
  })
}

const form = (fields: Record<string, string | string[]>) => {
  const body = new URLSearchParams()
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(key, v)
  return body
}

/** A participant's requests: the forum cookie, the participant language cookie, our Origin. */
function participant(cookie: string) {
  return {
    cookie,
    get: (path: string) => fetch(server.url + path, { redirect: 'manual', headers: { Cookie: cookie } }),
    post: (path: string, fields: Record<string, string | string[]>) =>
      fetch(server.url + path, { method: 'POST', redirect: 'manual', headers: { Cookie: cookie, Origin: server.url, 'Content-Type': 'application/x-www-form-urlencoded' }, body: form(fields) }),
  }
}

async function joinAs(code: string, language = 'de', name = '') {
  const response = await fetch(`${server.url}/mitmachen`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Origin: server.url, 'Content-Type': 'application/x-www-form-urlencoded', Cookie: `zw_forum_lang=${language}` },
    body: form({ code, name }),
  })
  expect(response.status, await response.clone().text()).toBe(302)
  const session = response.headers.getSetCookie().find((c) => c.startsWith('zw_forum='))!
  return { ...participant(`${session.split(';')[0]}; zw_forum_lang=${language}`), setCookie: session }
}

const query = <T>(read: (db: Parameters<typeof listFormats>[0]) => T) => withServerDb(server, read)
/** The participant who joined last (the tests join one at a time). */
const newestParticipant = () => query((db) => db.select({ id: forumParticipants.id }).from(forumParticipants).all().at(-1)!.id)

beforeAll(async () => {
  server = await startDemoServer()
  Object.assign(cookies, await loginEveryRole(server))
  a = setUp('Forum A')
  b = setUp('Forum B', { anyTable: true })
})

afterAll(async () => {
  await server?.stop()
})

describe('joining', () => {
  it('gives a session of its own: HttpOnly, only for the participant pages, and on to the forum page in the chosen language', async () => {
    const me = await joinAs(a.code, 'ar', 'Amal')
    expect(me.setCookie).toMatch(/HttpOnly/)
    expect(me.setCookie).toMatch(/Path=\/mitmachen/)
    expect(me.setCookie).toMatch(/SameSite=Lax/)
    const page = await me.get('/mitmachen/forum')
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toMatch(/<html lang="ar" dir="rtl">/)
    expect(html).toContain('طاولتك')
    expect(html).toContain('lang="de">Forum A')
  })

  it('answers an unknown code and a malformed one alike, without telling whether a forum exists, and stores nothing', async () => {
    const before = query((db) => db.select().from(forumParticipants).all().length)
    const answers = []
    for (const code of ['ZZZZZZ', 'ab', 'ZZZZ-ZZZZ']) {
      const response = await post('anonymous', '/mitmachen', { code })
      expect(response.status).toBe(400)
      answers.push(/Diesen Code kennen wir nicht, oder er gilt nicht mehr\./.test(await response.text()))
    }
    expect(answers).toEqual([true, true, true])
    expect(query((db) => db.select().from(forumParticipants).all().length)).toBe(before)
  })

  it('refuses an over-long name with a message in the participant’s language', async () => {
    const response = await fetch(`${server.url}/mitmachen`, {
      method: 'POST',
      headers: { Origin: server.url, 'Content-Type': 'application/x-www-form-urlencoded', Cookie: 'zw_forum_lang=uk' },
      body: form({ code: a.code, name: 'x'.repeat(81) }),
    })
    expect(response.status).toBe(400)
    expect(await response.text()).toContain('Ім&#x27;я може містити не більше 80 символів.')
  })

  it('refuses a join posted from a foreign page', async () => {
    const response = await fetch(`${server.url}/mitmachen`, { method: 'POST', redirect: 'manual', headers: { Origin: 'http://evil.example', 'Content-Type': 'application/x-www-form-urlencoded' }, body: form({ code: a.code }) })
    expect(response.status).toBe(403)
    expect(response.headers.getSetCookie().join(';')).not.toContain('zw_forum=')
  })
})

describe('what a forum session reaches', () => {
  it('opens no staff or internal page: an admin page, the minutes, the forum pages and the overview send it to the login', async () => {
    const me = await joinAs(a.code)
    for (const path of ['/admin', '/sitzungen', '/aufgaben', '/vergleich', `/foren/${a.id}`, `/foren/${a.id}/live`, '/', '/live/status?runde=1']) {
      const response = await me.get(path)
      expect(response.status, path).toBe(302)
      expect(response.headers.get('location'), path).toMatch(/^\/login/)
    }
    const staffPost = await me.post(`/foren/${a.id}`, { intent: 'close' })
    expect(staffPost.status).toBe(302)
    expect(query((db) => forumRow(db, a.id).state)).toBe('open')
  })

  it('posts a card to its own table whatever table the form names, and none to another forum', async () => {
    const me = await joinAs(a.code)
    expect((await me.post('/mitmachen/forum', { intent: 'sit', tableId: String(a.tables[2]) })).status).toBe(200)
    const forged = await me.post('/mitmachen/forum', { intent: 'card', categoryId: String(a.categories[0]), target: 'goal:12', text: 'An Tisch 5?', language: 'de', tableId: String(a.tables[4]) })
    expect(forged.status).toBe(200)
    const row = query((db) => db.select().from(forumFeedback).where(eq(forumFeedback.text, 'An Tisch 5?')).get()!)
    expect(row).toMatchObject({ forumId: a.id, tableId: a.tables[2], language: 'de', source: 'participant' })
    // Another forum's table or category: refused, nothing stored.
    const otherCategory = await me.post('/mitmachen/forum', { intent: 'card', categoryId: String(b.categories[0]), target: 'concept', text: 'Fremde Kategorie' })
    expect(otherCategory.status).toBe(400)
    const otherTable = await me.post('/mitmachen/forum', { intent: 'sit', tableId: String(b.tables[0]) })
    expect(otherTable.status).toBe(400)
    expect(query((db) => db.select().from(forumFeedback).where(eq(forumFeedback.text, 'Fremde Kategorie')).all())).toEqual([])
  })

  it('refuses a card in a closed phase, an empty and an over-long one, with the reason in the participant’s language', async () => {
    const me = await joinAs(a.code, 'tr')
    await me.post('/mitmachen/forum', { intent: 'sit', tableId: String(a.tables[0]) })
    const empty = await me.post('/mitmachen/forum', { intent: 'card', categoryId: String(a.categories[0]), target: 'concept', text: '  ' })
    expect(empty.status).toBe(400)
    expect(await empty.text()).toContain('Lütfen katkınızı yazın.')
    const long = await me.post('/mitmachen/forum', { intent: 'card', categoryId: String(a.categories[0]), target: 'concept', text: 'y'.repeat(501) })
    expect(long.status).toBe(400)
    expect(await long.text()).toContain('Katkınız en fazla 500 karakter olabilir.')
    const badNumber = await me.post('/mitmachen/forum', { intent: 'card', categoryId: String(a.categories[0]), number: '99.9', text: 'Nummer' })
    expect(badNumber.status).toBe(400)
    withServerDb(server, (db) => setPhaseState(db, a.id, a.phases[0]!, 'closed'))
    try {
      const closed = await me.post('/mitmachen/forum', { intent: 'card', categoryId: String(a.categories[0]), target: 'concept', text: 'Zu spät' })
      expect(closed.status).toBe(403)
      expect(await closed.text()).toContain('Bu çalışma aşaması henüz başlamadı.')
    } finally {
      withServerDb(server, (db) => setPhaseState(db, a.id, a.phases[0]!, 'open'))
    }
    expect(query((db) => db.select().from(forumFeedback).where(eq(forumFeedback.text, 'Zu spät')).all())).toEqual([])
  })

  it('counts one vote per participant: a second vote replaces the first, a forged participant is ignored, another forum’s question is unknown', async () => {
    const me = await joinAs(a.code)
    const mine = newestParticipant()
    await joinAs(a.code)
    const theirs = newestParticipant()
    expect((await me.post('/mitmachen/forum', { intent: 'vote', pollId: String(a.poll), optionId: String(a.options[0]) })).status).toBe(200)
    expect((await me.post('/mitmachen/forum', { intent: 'vote', pollId: String(a.poll), optionId: String(a.options[1]), participantId: String(theirs) })).status).toBe(200)
    const votes = query((db) =>
      db.select({ participantId: forumVotes.participantId, optionId: forumVoteChoices.optionId }).from(forumVotes).innerJoin(forumVoteChoices, eq(forumVoteChoices.voteId, forumVotes.id)).where(eq(forumVotes.pollId, a.poll)).all(),
    )
    expect(votes).toEqual([{ participantId: mine, optionId: a.options[1] }])
    const foreign = await me.post('/mitmachen/forum', { intent: 'vote', pollId: String(b.poll), optionId: String(b.options[0]) })
    expect(foreign.status).toBe(404)
    const foreignOption = await me.post('/mitmachen/forum', { intent: 'vote', pollId: String(a.poll), optionId: String(b.options[0]) })
    expect(foreignOption.status).toBe(400)
    expect(query((db) => db.select().from(forumVotes).where(eq(forumVotes.pollId, b.poll)).all())).toEqual([])
    expect(query((db) => db.select().from(forumVoteChoices).where(eq(forumVoteChoices.optionId, b.options[0]!)).all())).toEqual([])
  })

  it('refuses a vote on a closed question with its reason, and keeps the result', async () => {
    const me = await joinAs(a.code, 'ru')
    withServerDb(server, (db) => setPollState(db, a.id, a.poll, 'closed'))
    try {
      const response = await me.post('/mitmachen/forum', { intent: 'vote', pollId: String(a.poll), optionId: String(a.options[0]) })
      expect(response.status).toBe(403)
      expect(await response.text()).toContain('Это голосование закрыто. Ваш голос не учтён.')
    } finally {
      withServerDb(server, (db) => setPollState(db, a.id, a.poll, 'open'))
    }
  })

  it('ends on leaving: the session cookie is blanked and the forum page sends back to the start', async () => {
    const me = await joinAs(a.code)
    const left = await me.post('/mitmachen/verlassen', {})
    expect(left.status).toBe(302)
    expect(left.headers.getSetCookie().join(';')).toMatch(/zw_forum=;/)
    const again = await me.get('/mitmachen/forum')
    expect(again.status).toBe(302)
    expect(again.headers.get('location')).toMatch(/^\/mitmachen/)
  })
})

describe('a closed forum and the Rückmeldung', () => {
  it('refuses joining and input with a clear message, and shows the Rückmeldung with the code once published', async () => {
    const c = setUp('Forum C')
    const me = await joinAs(c.code, 'en')
    await me.post('/mitmachen/forum', { intent: 'sit', tableId: String(c.tables[0]) })
    await me.post('/mitmachen/forum', { intent: 'card', categoryId: String(c.categories[0]), target: 'goal:12', text: 'Mehr Abendkurse' })
    withServerDb(server, (db) => closeForum(db, c.id))
    const card = await me.post('/mitmachen/forum', { intent: 'card', categoryId: String(c.categories[0]), target: 'concept', text: 'Nach dem Ende' })
    expect(card.status).toBe(403)
    expect(await card.text()).toContain('Input for this forum has closed.')
    const join = await post('anonymous', '/mitmachen', { code: c.code })
    expect(join.status).toBe(400)
    expect(await join.text()).toContain('Die Eingabe für dieses Forum ist beendet.')

    const notYet = await get('anonymous', `/mitmachen/rueckmeldung?code=${c.code}`)
    expect(await notYet.text()).toContain('Die Rückmeldung ist noch in Arbeit.')
    const cardId = query((db) => db.select({ id: forumFeedback.id }).from(forumFeedback).where(eq(forumFeedback.text, 'Mehr Abendkurse')).get()!.id)
    withServerDb(server, (db) => {
      setDisposition(db, c.id, [cardId], { disposition: 'partlyAdopted', reason: 'Als Pilot in zwei Kommunen.', date: '2027-04-01' }, null)
      db.update(forums).set({ feedbackPublishedAt: Date.now() }).where(eq(forums.id, c.id)).run()
    })
    const published = await (await get('anonymous', `/mitmachen/rueckmeldung?code=${c.code}`)).text()
    expect(published).toContain('Mehr Abendkurse')
    expect(published).toContain('teilweise aufgenommen')
    expect(published).toContain('Als Pilot in zwei Kommunen.')
    const unknown = await get('anonymous', '/mitmachen/rueckmeldung?code=QQQQQQ')
    expect(unknown.status).toBe(404)
  })
})

describe('staff actions over HTTP', () => {
  it('refuses forum actions to roles without the forum abilities and changes nothing', async () => {
    for (const who of ['viewer', 'editor', 'participant', 'admin'] as const) {
      const close = await post(who, `/foren/${b.id}`, { intent: 'close' })
      expect(close.status, who).toBe(403)
      const create = await post(who, '/foren', { title: `Von ${who}` })
      expect(create.status, who).toBe(403)
      const review = await post(who, `/foren/${b.id}/auswertung`, { intent: 'bulk', disposition: 'adopted', date: '2027-04-01' })
      expect(review.status, who).toBe(403)
    }
    expect(query((db) => forumRow(db, b.id).state)).toBe('open')
    expect(query((db) => db.select().from(forums).where(eq(forums.title, 'Von viewer')).all())).toEqual([])
  })

  it('lets the coordinator create a forum, but not with bad input', async () => {
    const bad = await post('coordinator', '/foren', { title: '', formatId: '1', date: '2027-02-30', codeMode: 'open' })
    expect(bad.status).toBe(400)
    const text = await bad.text()
    expect(text).toContain('Titel fehlt.')
    expect(text).toContain('Dieses Datum gibt es nicht.')
    const good = await post('coordinator', '/foren', { title: 'Dialogforum Migrant*innen', formatId: '1', date: '2027-04-20', codeMode: 'personal', invitedBy: 'Bramsche', languages: 'ar' })
    expect(good.status).toBe(302)
    const created = query((db) => db.select({ id: forums.id, codeMode: forums.codeMode, invitedBy: forums.invitedBy }).from(forums).where(eq(forums.title, 'Dialogforum Migrant*innen')).get())
    expect(created).toMatchObject({ codeMode: 'personal', invitedBy: 'Bramsche' })
    const print = await (await get('coordinator', `/foren/${created!.id}/druck`)).text()
    expect(print.match(/data-testid="seat-card"/g)).toHaveLength(72)
  })

  it('opens a phase only while the forum is open, and moderation needs a reason to hide', async () => {
    const d = setUp('Forum D')
    withServerDb(server, (db) => closeForum(db, d.id))
    const open = await post('coordinator', `/foren/${d.id}`, { intent: 'phaseOpen', target: String(d.phases[1]) })
    expect(open.status).toBe(403)
    expect(await open.text()).toContain('Die Eingabe für dieses Forum ist beendet.')
    const cardId = withServerDb(server, (db) => {
      openForum(db, d.id)
      setPhaseState(db, d.id, d.phases[0]!, 'open')
      return db.insert(forumFeedback).values({ forumId: d.id, cardKey: 'k-d-1', phaseId: d.phases[0]!, tableId: d.tables[0]!, categoryId: d.categories[0]!, target: 'concept', text: 'Unsinn', language: 'de', source: 'participant' }).returning({ id: forumFeedback.id }).get().id
    })
    const noReason = await post('coordinator', `/foren/${d.id}/karten`, { intent: 'hide', target: String(cardId), reason: '' })
    expect(noReason.status).toBe(400)
    expect(await noReason.text()).toContain('Bitte den Grund angeben.')
    const hide = await post('coordinator', `/foren/${d.id}/karten`, { intent: 'hide', target: String(cardId), reason: 'beleidigend' })
    expect(hide.status).toBe(200)
    expect(query((db) => db.select({ hiddenReason: forumFeedback.hiddenReason }).from(forumFeedback).where(eq(forumFeedback.id, cardId)).get())).toEqual({ hiddenReason: 'beleidigend' })
  })

  it('exports the results as CSV and XLSX with counts only', async () => {
    const csv = await get('coordinator', `/foren/${a.id}/abstimmungen.csv`)
    expect(csv.headers.get('content-type')).toContain('text/csv')
    const text = await csv.text()
    expect(text).toContain('Frage;Art;Stand;Abstimmende;Antwort;Stimmen;Anteil (%)')
    expect(text).toContain('Welches Feld zuerst?')
    const xlsx = await get('coordinator', `/foren/${a.id}/abstimmungen.xlsx`)
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml')
    expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK')
  })

  it('re-encodes an uploaded poster photo without GPS and refuses what is not a photo', async () => {
    const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#eee' } })
      .jpeg()
      .withExif({ IFD0: { Make: 'GeheimKamera' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 16/1 0/1' } })
      .toBuffer()
    const upload = (bytes: Uint8Array, name: string, type: string) => {
      const body = new FormData()
      body.set('intent', 'upload')
      body.set('photo', new Blob([Buffer.from(bytes)], { type }), name)
      return fetch(`${server.url}/foren/${a.id}/fotos`, { method: 'POST', headers: { Cookie: cookies.coordinator!, Origin: server.url }, body })
    }
    expect((await upload(photo, 'plakat.jpg', 'image/jpeg')).status).toBe(200)
    const stored = query((db) => db.select({ bytes: forumFiles.bytes }).from(forumFiles).where(and(eq(forumFiles.forumId, a.id), eq(forumFiles.kind, 'photo'))).get()!)
    expect((await sharp(stored.bytes).metadata()).exif).toBeUndefined()
    expect(stored.bytes.includes(Buffer.from('GeheimKamera'))).toBe(false)
    const text = await upload(Buffer.from('%PDF-1.4 nicht ein Foto'), 'x.jpg', 'image/jpeg')
    expect(text.status).toBe(400)
    expect(await text.text()).toContain('Nur JPEG- oder PNG-Fotos.')
    const huge = await upload(new Uint8Array(16 * 1024 * 1024), 'gross.jpg', 'image/jpeg')
    expect(huge.status).toBe(400)
    expect(await huge.text()).toContain('Das Foto ist zu groß')
  })
})

describe('limits', () => {
  it('rate-limits failed joins per address with a message, even for a right code afterwards', async () => {
    let last: Response | undefined
    for (let i = 0; i < 31; i++) last = await post('anonymous', '/mitmachen', { code: 'QQQQQQ' })
    expect(last!.status).toBe(429)
    expect(await last!.text()).toContain('Zu viele Versuche.')
    const right = await post('anonymous', '/mitmachen', { code: a.code })
    expect(right.status).toBe(429)
    expect(right.headers.getSetCookie().join(';')).not.toContain('zw_forum=')
  })
})
