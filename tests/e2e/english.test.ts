import { expect } from 'vitest'
import { eq } from 'drizzle-orm'
import { users } from '../../db/schema'
import { DEMO_DOMAIN } from '../../server/cli/demo'
import { addItems, closeMeeting, createMeeting, startMeeting } from '../../server/services/meetings/meetings'
import { createForum, openForum, tablesOf } from '../../server/services/forums/forums'
import { listFormats } from '../../server/services/forums/lists'
import { phasesOf, setPhaseState } from '../../server/services/forums/phases'
import { postCard } from '../../server/services/forums/feedback'
import { publishRound } from '../../server/services/publications/publications'
import { createPoll, setPollState } from '../../server/services/forums/polls'
import { addSessionCookie, browserTest as test } from '../setup/browser'
import { germanOnPage } from '../setup/english'
import { demoRoundIds, loginEveryRole, startDemoServer, unitMeasures, withServerDb, type Role } from '../setup/demo'
import type { RunningServer } from '../setup/server'

// Every page in English mode says nothing in German but the catalogue's own texts (marked lang="de"): each page
// of each capability, as a role that may open it, with the data that makes it show its parts (a planned, a
// running and an ended meeting; a round's progress; an admin's user page).

let server: RunningServer
let cookies: Record<'admin' | Role, string>
const ids = { round: 0, historical: 0, measure: 0, goal: 0, planned: 0, running: 0, ended: 0, user: 0, forum: 0, phase: 0, poll: 0, table: 0 }

test.beforeAll(async () => {
  server = await startDemoServer()
  cookies = await loginEveryRole(server)
  withServerDb(server, (db) => {
    const rounds = demoRoundIds(db)
    ids.round = rounds.open
    ids.historical = rounds.historical
    const measure = unitMeasures(db, 'FD Ordnung')[0]!
    ids.measure = measure.id
    ids.goal = measure.goalNumber
    const coordinator = db.select({ id: users.id }).from(users).where(eq(users.email, `koordination@${DEMO_DOMAIN}`)).get()
    ids.user = coordinator!.id
    const make = (title: string) => {
      const id = createMeeting(db, { roundId: ids.round, title, date: '2026-12-03', time: '10:00', location: 'Raum 1' }, ids.user)
      addItems(db, id, [{ measureId: measure.id }])
      return id
    }
    ids.planned = make('Jour fixe planned')
    ids.running = make('Jour fixe running')
    startMeeting(db, ids.running)
    ids.ended = make('Jour fixe ended')
    startMeeting(db, ids.ended)
    closeMeeting(db, ids.ended)
    // A running forum with a card and an open question, so that its pages show their parts.
    const formatId = listFormats(db).find((f) => f.preset === 'conference')!.id
    ids.forum = createForum(db, { title: 'Integrationskonferenz', formatId, date: '2027-03-10', time: '09:30', place: 'Kreishaus', invitedBy: 'Landkreis Osnabrück', moderators: '', languages: ['en'], interpreting: '', materialUrl: '/', roundId: ids.round, codeMode: 'open', anyTable: false, targetGroupIds: [1] }, ids.user)
    openForum(db, ids.forum)
    const phase = phasesOf(db, ids.forum)[0]!
    ids.phase = phase.id
    ids.table = tablesOf(db, ids.forum)[0]!.id
    setPhaseState(db, ids.forum, phase.id, 'open')
    postCard(db, { forumId: ids.forum, phaseId: phase.id, tableId: tablesOf(db, ids.forum)[0]!.id, categoryId: phase.categories[0]!.id, target: { target: 'goal', id: ids.goal }, text: 'Mehr Abendkurse', language: 'de', source: 'participant', participantId: null, enteredBy: null })
    ids.poll = createPoll(db, ids.forum, { question: 'Welches Feld zuerst?', kind: 'single', options: ['Sprache', 'Arbeit'] })
    setPollState(db, ids.forum, ids.poll, 'open')
    // The closed historical round, published, so that its public pages show.
    const commissioner = db.select({ id: users.id }).from(users).where(eq(users.email, `beauftragte@${DEMO_DOMAIN}`)).get()!
    publishRound(db, { id: commissioner.id, active: true, memberships: [{ role: 'commissioner', unitId: null }] }, ids.historical)
  })
})

test.afterAll(async () => {
  await server?.stop()
})

type Visit = { feature: string; path: () => string; label?: string; as: 'admin' | Role | 'anonymous'; wait?: string }

const pages: Visit[] = [
  { feature: 'account', path: () => '/login', as: 'anonymous' },
  { feature: 'account', path: () => '/konto', as: 'editor' },
  { feature: 'account', path: () => '/hinweise', as: 'editor' },
  { feature: 'errors', path: () => '/gibt-es-nicht', as: 'viewer' },
  { feature: 'errors', path: () => '/admin', as: 'viewer' },
  { feature: 'catalogue', path: () => '/', as: 'viewer' },
  { feature: 'catalogue', path: () => `/ziele/${ids.goal}`, label: '/ziele/:goal', as: 'editor', wait: '[data-save-state="saved"]' },
  { feature: 'catalogue', path: () => `/ziele/${ids.goal}?runde=${ids.historical}`, label: '/ziele/:goal?runde=:historical', as: 'viewer' },
  { feature: 'catalogue', path: () => `/massnahmen/${ids.measure}`, label: '/massnahmen/:measure', as: 'viewer' },
  { feature: 'rounds', path: () => '/runden', as: 'commissioner' },
  { feature: 'rounds', path: () => `/runden/${ids.round}/fortschritt`, label: '/runden/:round/fortschritt', as: 'coordinator' },
  { feature: 'rounds', path: () => '/aufgaben', as: 'editor' },
  { feature: 'rounds', path: () => `/runden/${ids.historical}/nachtragen`, label: '/runden/:historical/nachtragen', as: 'commissioner' },
  { feature: 'rounds', path: () => `/vergleich?von=${ids.historical}&nach=${ids.round}`, label: '/vergleich?von=:historical&nach=:round', as: 'viewer' },
  { feature: 'report', path: () => `/runden/${ids.round}/bericht`, label: '/runden/:round/bericht', as: 'commissioner', wait: '[data-save-state="saved"]' },
  { feature: 'report', path: () => `/runden/${ids.round}/bericht`, label: '/runden/:round/bericht', as: 'editor', wait: '[data-save-state="saved"]' },
  { feature: 'meetings', path: () => '/sitzungen', as: 'coordinator' },
  { feature: 'meetings', path: () => `/sitzungen/${ids.planned}`, label: '/sitzungen/:planned', as: 'coordinator' },
  { feature: 'meetings', path: () => `/sitzungen/${ids.running}`, label: '/sitzungen/:running', as: 'coordinator', wait: '[data-testid="meeting-mode"]' },
  { feature: 'meetings', path: () => `/sitzungen/${ids.running}`, label: '/sitzungen/:running', as: 'viewer', wait: '[data-testid="meeting-mode"]' },
  { feature: 'meetings', path: () => `/sitzungen/${ids.ended}/protokoll`, label: '/sitzungen/:ended/protokoll', as: 'viewer' },
  { feature: 'admin', path: () => '/admin', as: 'admin' },
  { feature: 'admin', path: () => '/admin/benutzer', as: 'admin' },
  { feature: 'admin', path: () => `/admin/benutzer/${ids.user}`, label: '/admin/benutzer/:user', as: 'admin' },
  { feature: 'admin', path: () => '/admin/einheiten', as: 'admin' },
  { feature: 'admin', path: () => '/admin/zuordnungen', as: 'admin' },
  { feature: 'admin', path: () => '/admin/texte', as: 'admin' },
  { feature: 'site', path: () => '/barrierefreiheit', as: 'anonymous' },
  { feature: 'site', path: () => '/datenschutz', as: 'viewer' },
  { feature: 'forums', path: () => '/foren', as: 'coordinator' },
  { feature: 'forums', path: () => '/foren/listen', as: 'coordinator' },
  { feature: 'forums', path: () => `/foren/${ids.forum}`, label: '/foren/:forum', as: 'coordinator' },
  { feature: 'forums', path: () => `/foren/${ids.forum}/karten`, label: '/foren/:forum/karten', as: 'coordinator' },
  { feature: 'forums', path: () => `/foren/${ids.forum}/abstimmungen`, label: '/foren/:forum/abstimmungen', as: 'coordinator' },
  { feature: 'forums', path: () => `/foren/${ids.forum}/auswertung`, label: '/foren/:forum/auswertung', as: 'commissioner' },
  { feature: 'forums', path: () => `/foren/${ids.forum}/fotos`, label: '/foren/:forum/fotos', as: 'coordinator' },
  { feature: 'forums', path: () => `/foren/${ids.forum}/druck`, label: '/foren/:forum/druck', as: 'coordinator' },
  { feature: 'forums', path: () => `/foren/${ids.forum}/plenum/${ids.phase}`, label: '/foren/:forum/plenum/:phase', as: 'coordinator' },
  { feature: 'forums', path: () => `/foren/${ids.forum}/plakat/${ids.table}/${ids.phase}`, label: '/foren/:forum/plakat/:table/:phase', as: 'coordinator', wait: '[data-save-state="saved"]' },
  { feature: 'forums', path: () => `/foren/${ids.forum}/projektor/${ids.poll}`, label: '/foren/:forum/projektor/:poll', as: 'coordinator' },
  { feature: 'monitoring', path: () => '/monitoring', as: 'statistics' },
  { feature: 'monitoring', path: () => '/monitoring/kennzahlen/neu', as: 'statistics' },
  { feature: 'monitoring', path: () => '/monitoring/kennzahlen/1', label: '/monitoring/kennzahlen/:indicator', as: 'statistics' },
  { feature: 'monitoring', path: () => '/monitoring/import', as: 'statistics' },
  { feature: 'monitoring', path: () => '/monitoring/vollstaendigkeit', as: 'commissioner' },
  { feature: 'monitoring', path: () => '/monitoring/datenblaetter', as: 'coordinator' },
  { feature: 'monitoring', path: () => '/monitoring/datenblaetter/landkreis-osnabrueck/2017', as: 'statistics' },
  { feature: 'monitoring', path: () => '/monitoring/datenblaetter/hagen-am-teutoburger-wald/2017', as: 'commissioner' },
  { feature: 'monitoring', path: () => '/monitoring/quartalsbericht?quartal=2021-4', as: 'commissioner' },
  { feature: 'monitoring', path: () => '/veroeffentlicht/datenblaetter', as: 'anonymous' },
  { feature: 'published', path: () => '/veroeffentlicht', as: 'anonymous' },
  { feature: 'published', path: () => `/veroeffentlicht/runden/${ids.historical}`, label: '/veroeffentlicht/runden/:historical', as: 'anonymous' },
  { feature: 'published', path: () => `/veroeffentlicht/runden/${ids.historical}/bericht`, label: '/veroeffentlicht/runden/:historical/bericht', as: 'anonymous' },
  { feature: 'published', path: () => `/veroeffentlicht/runden/${ids.round}`, label: '/veroeffentlicht/runden/:round (not published)', as: 'anonymous' },
  { feature: 'published', path: () => `/runden/${ids.historical}/veroeffentlichung`, label: '/runden/:historical/veroeffentlichung', as: 'commissioner' },
]

for (const visit of pages) {
  test(`${visit.feature}: ${visit.as} sees ${visit.label ?? visit.path()} in English only`, async ({ page, context, browserErrors }) => {
    browserErrors.allow(/404|403|Not Found|Forbidden/)
    await context.addCookies([{ name: 'zw_lang', value: 'en', url: server.url }])
    if (visit.as !== 'anonymous') await addSessionCookie(context, server.url, cookies[visit.as])
    await page.goto(`${server.url}${visit.path()}`)
    if (visit.wait) await page.locator(visit.wait).first().waitFor()
    await page.waitForLoadState('networkidle')
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    expect(await germanOnPage(page)).toEqual([])
  })
}
