import { and, asc, eq } from 'drizzle-orm'
import { expect } from 'vitest'
import { goals, measureStatus, measures, units } from '../../db/schema'
import { addSessionCookie, browserTest as test, hydrated } from '../setup/browser'
import { demoRoundIds, loginDemoUsers, startDemoServer, withServerDb } from '../setup/demo'
import { requestsAs } from '../setup/http'
import { loginOverHttp, type RunningServer } from '../setup/server'

// The overview's catalogue is rendered once per content and language and its markup shared between requests
// (app/routes/catalogue/overview-catalogue.server.tsx), its loader data cached until the next write
// (server/services/read-cache.ts). Here: the shared markup is exactly what the browser renders itself, every
// response still has its own nonce, header and language, and a change shows on the very next request.

let server: RunningServer
let openRound: number
let rated: { id: number }[]
const cookies: Record<'admin' | 'koordination', string> = { admin: '', koordination: '' }
const http = requestsAs(() => server.url, cookies)

test.beforeAll(async () => {
  server = await startDemoServer()
  withServerDb(server, (db) => {
    openRound = demoRoundIds(db).open
    rated = db.select({ id: measures.id }).from(measures).innerJoin(goals, eq(goals.id, measures.goalId)).orderBy(asc(goals.number), asc(measures.position)).limit(3).all()
    const set = (measureId: number, values: Partial<typeof measureStatus.$inferInsert>) =>
      db.update(measureStatus).set(values).where(and(eq(measureStatus.roundId, openRound), eq(measureStatus.measureId, measureId))).run()
    // every kind of badge and some marks, so that the markup holds more than "noch nicht bewertet"
    set(rated[0]!.id, { proposalAttainment: 'medium', proposalMandatory: true, proposalChangedConditions: true })
    set(rated[1]!.id, { proposalAttainment: 'low', agreedAttainment: 'high', agreedMandatory: false, agreedRoutine: true, agreedContinue: false, agreedResponsibilityQuestionable: true, agreedChangedConditions: false, agreedAt: Date.now() })
    set(rated[2]!.id, { proposalAttainment: 'unclear' })
  })
  cookies.admin = await loginOverHttp(server.url, server.admin)
  Object.assign(cookies, await loginDemoUsers(server.url, ['koordination']))
})

test.afterAll(async () => {
  await server?.stop()
})

/** The `<tr data-measure>` row of one measure in an overview response. */
function row(html: string, measureId: number): string {
  return new RegExp(`<tr data-measure="${measureId}">.*?</tr>`).exec(html)?.[0] ?? ''
}

async function overviewHtml(who: 'admin' | 'koordination', search = '', locale?: 'en') {
  const response = await fetch(`${server.url}/${search}`, { headers: { Cookie: `${cookies[who]}${locale ? `; zw_lang=${locale}` : ''}` } })
  expect(response.status).toBe(200)
  return { html: await response.text(), csp: response.headers.get('content-security-policy') ?? '' }
}

for (const locale of ['de', 'en'] as const) {
  test(`the catalogue the server sends is the DOM the browser renders itself (${locale})`, async ({ page, context }) => {
    await addSessionCookie(context, server.url, cookies.admin)
    if (locale === 'en') await context.addCookies([{ name: 'zw_lang', value: 'en', url: server.url }])
    const catalogue = page.getByTestId('catalogue')
    // What the browser makes of the server's HTML (parsed, without React's text separators) …
    const document = await page.goto(`${server.url}/`)
    const sent = await page.evaluate((html) => {
      const parsed = new DOMParser().parseFromString(html, 'text/html')
      const element = parsed.querySelector('[data-testid="catalogue"]')!
      const walker = parsed.createTreeWalker(element, NodeFilter.SHOW_COMMENT)
      const comments: Node[] = []
      while (walker.nextNode()) comments.push(walker.currentNode)
      for (const comment of comments) comment.parentNode!.removeChild(comment)
      return element.innerHTML
    }, await document!.text())
    expect(sent).toContain('data-attainment="high"')
    expect(sent).toContain('data-mark="responsibilityQuestionable"')

    // … equals the catalogue React renders in the browser from the loader data: after a client-side
    // navigation from a goal page nothing of it comes from the server's markup.
    await page.goto(`${server.url}/ziele/1`)
    // A click before hydration is a plain link: the server's markup again, not React's render.
    await hydrated(page)
    await page.locator('header nav').getByRole('link', { name: locale === 'de' ? 'Übersicht' : 'Overview', exact: true }).click()
    await page.waitForURL(`${server.url}/`)
    await expect.poll(() => catalogue.locator('[data-goal]').count()).toBe(89)
    expect(await catalogue.evaluate((element) => element.innerHTML)).toBe(sent)
  })
}

test('every response has its own nonce on every script, its own header and language around the shared catalogue', async () => {
  const first = await overviewHtml('admin')
  const second = await overviewHtml('admin')
  const english = await overviewHtml('koordination', '', 'en')
  for (const { html, csp } of [first, second, english]) {
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1]
    expect(nonce).toBeTruthy()
    const scripts = html.match(/<script\b[^>]*>/g) ?? []
    expect(scripts.length).toBeGreaterThan(0)
    for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`)
    // the placeholder the markup goes into never reaches the browser
    expect(html).not.toContain('<!--markup-')
  }
  expect(first.csp).not.toBe(second.csp)

  expect(first.html).toContain('Ziel<!-- --> <!-- -->1</a>')
  expect(english.html).toContain('Goal<!-- --> <!-- -->1</a>')
  expect(english.html).not.toContain('Ziel<!-- --> <!-- -->1</a>')
  expect(english.html).toContain('Demo: Koordination Jour fixe')
  expect(first.html).not.toContain('Demo: Koordination Jour fixe')
})

test('a change shows on the very next overview, whether another process wrote the database or the server itself', async () => {
  const measure = rated[2]!.id
  expect(row((await overviewHtml('admin')).html, measure)).toContain('data-attainment="unclear"')
  expect((await overviewHtml('admin', '?bewertung=high')).html).not.toContain(`data-measure="${measure}"`)

  // another connection to the database file: the catalogue's markup and the filtered view follow
  withServerDb(server, (db) =>
    db.update(measureStatus).set({ agreedAttainment: 'high', agreedAt: Date.now() }).where(and(eq(measureStatus.roundId, openRound), eq(measureStatus.measureId, measure))).run(),
  )
  expect(row((await overviewHtml('admin')).html, measure)).toContain('data-attainment="high"')
  expect(row((await overviewHtml('koordination', '', 'en')).html, measure)).toContain('data-attainment="high"')
  expect((await overviewHtml('admin', '?bewertung=high')).html).toContain(`data-measure="${measure}"`)

  // the server's own connection: an assignment and a new round
  const unit = withServerDb(server, (db) => db.select({ id: units.id, shortName: units.shortName }).from(units).where(eq(units.shortName, 'VHS')).get()!)
  expect(row((await overviewHtml('admin')).html, measure)).not.toContain(unit.shortName)
  const assigned = await http.post('admin', '/admin/zuordnungen', { intent: 'add', measureId: String(measure), unitId: String(unit.id), role: 'contributing' })
  expect(assigned.status).toBeLessThan(400)
  expect(row((await overviewHtml('admin')).html, measure)).toContain(unit.shortName)

  expect((await overviewHtml('admin')).html).not.toContain('Sachstand Probe')
  const created = await http.post('admin', '/runden', { intent: 'create', name: 'Sachstand Probe', period: '2027', dueDate: '2027-06-30' })
  expect(created.status).toBeLessThan(400)
  expect((await overviewHtml('admin')).html).toContain('Sachstand Probe')
})
