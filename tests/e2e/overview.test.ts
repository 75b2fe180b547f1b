import { and, asc, eq } from 'drizzle-orm'
import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import { challenges, fields, goals, measureStatus, measures } from '../../db/schema'
import { addSessionCookie, browserTest as test, expectNoAxeViolations } from '../setup/browser'
import { germanOnPage } from '../setup/english'
import { demoRoundIds, loginDemoUser, startDemoServer, withServerDb } from '../setup/demo'
import type { RunningServer } from '../setup/server'

// The overview was a 19,000 px scroll. Its fields collapse and expand by a link each (the state is in the address,
// `?zu=2,5`, so it works without JavaScript and a link opens the same view), it has a dense table view beside the
// cards (`?ansicht=tabelle`), and each field sums up its ratings and marks in words, as a chart and as a table.

let server: RunningServer
let cookie: string
/** Field 2's measures, in page order; the first four get ratings and marks below. */
let fieldTwo: number[]

test.beforeAll(async () => {
  server = await startDemoServer()
  cookie = await loginDemoUser(server.url, 'lesen')
  withServerDb(server, (db) => {
    const open = demoRoundIds(db).open
    fieldTwo = db
      .select({ id: measures.id })
      .from(measures)
      .innerJoin(goals, eq(goals.id, measures.goalId))
      .innerJoin(challenges, eq(challenges.id, goals.challengeId))
      .innerJoin(fields, eq(fields.id, challenges.fieldId))
      .where(eq(fields.number, 2))
      .orderBy(asc(goals.number), asc(measures.position))
      .all()
      .map((m) => m.id)
    const set = (measureId: number, values: Partial<typeof measureStatus.$inferInsert>) =>
      db.update(measureStatus).set(values).where(and(eq(measureStatus.roundId, open), eq(measureStatus.measureId, measureId))).run()
    // Two "hoch" (one by proposal, one agreed over a different proposal), one "gering", one "unklar"; marks set
    // and cleared on top of what the demo carries over from the historical round.
    const none = { proposalMandatory: false, proposalRoutine: false, proposalContinue: false, proposalResponsibilityQuestionable: false, proposalChangedConditions: false }
    for (const id of fieldTwo) set(id, none)
    set(fieldTwo[0]!, { proposalAttainment: 'high', proposalContinue: true })
    set(fieldTwo[1]!, {
      proposalAttainment: 'low',
      agreedAttainment: 'high',
      agreedMandatory: true,
      agreedRoutine: false,
      agreedContinue: true,
      agreedResponsibilityQuestionable: false,
      agreedChangedConditions: false,
      agreedAt: Date.now(),
    })
    set(fieldTwo[2]!, { proposalAttainment: 'low', proposalChangedConditions: true })
    set(fieldTwo[3]!, { proposalAttainment: 'unclear' })
  })
})

test.afterAll(async () => {
  await server?.stop()
})

const field = (page: Page, n: number) => page.locator(`section[data-field="${n}"]`)
const toggle = (page: Page, n: number) => page.locator(`[data-toggle-field="${n}"]`)
/** The catalogue's markup in a response, parsed as the browser does, without comments (React's text separators). */
function catalogueSent(html: string): string {
  const element = new DOMParser().parseFromString(html, 'text/html').querySelector('[data-testid="catalogue"]')!
  const walker = element.ownerDocument.createTreeWalker(element, NodeFilter.SHOW_COMMENT)
  const comments: Node[] = []
  while (walker.nextNode()) comments.push(walker.currentNode)
  for (const comment of comments) comment.parentNode!.removeChild(comment)
  return element.innerHTML
}

/** An element's inner HTML without comments (the separators stay in DOM that hydrated server markup). */
function withoutComments(element: Element): string {
  const copy = element.cloneNode(true) as Element
  const walker = copy.ownerDocument.createTreeWalker(copy, NodeFilter.SHOW_COMMENT)
  const comments: Node[] = []
  while (walker.nextNode()) comments.push(walker.currentNode)
  for (const comment of comments) comment.parentNode!.removeChild(comment)
  return copy.innerHTML
}
const height = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollHeight)

test('a field collapses and expands by its link, from the keyboard, and the address keeps it for the next visit', async ({ page, context }) => {
  await addSessionCookie(context, server.url, cookie)
  await page.goto(`${server.url}/`)
  expect(await field(page, 2).locator('[data-goal]').count()).toBeGreaterThan(0)
  expect(await toggle(page, 2).getAttribute('aria-expanded')).toBe('true')
  expect(await toggle(page, 2).textContent()).toBe('▾ Einklappen: Handlungsfeld 2')

  await toggle(page, 2).focus()
  await page.keyboard.press('Enter')
  await page.waitForURL(`${server.url}/?zu=2#feld-2`)
  await expect.poll(() => field(page, 2).locator('[data-goal]').count()).toBe(0)
  expect(await field(page, 2).getAttribute('data-collapsed')).toBe('true')
  expect(await toggle(page, 2).getAttribute('aria-expanded')).toBe('false')
  expect(await toggle(page, 2).textContent()).toBe('▸ Aufklappen: Handlungsfeld 2')
  // A collapsed field keeps its heading and its figures; the others stay open.
  expect(await field(page, 2).getByRole('heading', { level: 2 }).textContent()).toContain('Handlungsfeld 2')
  expect(await field(page, 2).getByTestId('field-counts-2').isVisible()).toBe(true)
  expect(await field(page, 2).getByRole('img').count()).toBe(1)
  expect(await field(page, 1).locator('[data-goal]').count()).toBe(10)

  // The same address in a new page shows the same view; a second field collapses beside the first.
  const again = await context.newPage()
  await again.goto(`${server.url}/?zu=2`)
  expect(await field(again, 2).locator('[data-goal]').count()).toBe(0)
  await toggle(again, 5).click()
  await again.waitForURL(`${server.url}/?zu=2,5#feld-5`)
  await expect.poll(() => again.locator('section[data-collapsed="true"]').evaluateAll((s) => s.map((e) => e.getAttribute('data-field')))).toEqual(['2', '5'])
  await again.close()

  await toggle(page, 2).click()
  await page.waitForURL(`${server.url}/#feld-2`)
  await expect.poll(() => field(page, 2).locator('[data-goal]').count()).toBeGreaterThan(0)
  expect(await page.locator('[data-goal]').count()).toBe(89)
})

test('without JavaScript the links collapse every field, switch to the table and back, and filtering keeps the view', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'de-DE' })
  try {
    await addSessionCookie(context, server.url, cookie)
    const page = await context.newPage()
    await page.goto(`${server.url}/`)
    const cards = await height(page)
    expect(cards).toBeGreaterThan(15_000)

    await page.getByRole('link', { name: 'Alle Handlungsfelder einklappen' }).click()
    await page.waitForURL(`${server.url}/?zu=1,2,3,4,5,6,7,8,9`)
    expect(await page.locator('[data-goal]').count()).toBe(0)
    expect(await page.locator('section[data-field]').count()).toBe(9)
    expect(await height(page)).toBeLessThan(cards / 5)

    // The table: the collapsed fields stay collapsed until they are expanded.
    await page.getByRole('navigation', { name: 'Ansicht' }).getByRole('link', { name: 'Tabelle' }).click()
    await page.waitForURL(/ansicht=tabelle/)
    expect(new URL(page.url()).searchParams.get('zu')).toBe('1,2,3,4,5,6,7,8,9')
    await page.getByRole('link', { name: 'Alle Handlungsfelder aufklappen' }).click()
    await page.waitForURL(`${server.url}/?ansicht=tabelle`)
    expect(await page.getByRole('navigation', { name: 'Ansicht' }).getByRole('link', { name: 'Tabelle' }).getAttribute('aria-current')).toBe('page')
    expect(await page.locator('table[data-view="tabelle"]').count()).toBe(41)
    expect(await page.locator('tr[data-measure]').count()).toBe(134)
    expect(await page.locator('[data-goal-row]').count()).toBe(89)
    expect(await page.locator('[data-goal-row="42"]').getByRole('link', { name: 'Ziel 42', exact: true }).getAttribute('href')).toBe('/ziele/42')
    // Dense: well under two thirds of the cards.
    expect(await height(page)).toBeLessThan((cards * 2) / 3)

    // Filtering keeps the view and the collapsed fields.
    await page.getByLabel('Handlungsfeld', { exact: true }).selectOption('2')
    await page.getByRole('button', { name: 'Filtern' }).click()
    await page.waitForURL(/feld=2/)
    expect(new URL(page.url()).searchParams.get('ansicht')).toBe('tabelle')
    expect(await page.locator('section[data-field]').count()).toBe(1)
    expect(await page.locator('tr[data-measure]').count()).toBe(fieldTwo.length)
  } finally {
    await context.close()
  }
})

test('each field sums up its ratings and marks in words, as a chart and as its table, with the same figures', async ({ page, context }) => {
  await addSessionCookie(context, server.url, cookie)
  await page.goto(`${server.url}/?feld=2`)
  const two = field(page, 2)
  const total = fieldTwo.length
  const expected = { high: 2, medium: 0, low: 1, unclear: 1, none: total - 4 }
  const marks = { mandatory: 1, routine: 0, continue: 2, responsibilityQuestionable: 0, changedConditions: 1 }

  expect(await two.getByTestId('field-counts-2').textContent()).toContain(`${total} Maßnahmen · 2 hoch · 0 mittel · 1 gering · 1 unklar · ${total - 4} noch nicht bewertet`)
  expect(await two.getByTestId('field-marks-2').textContent()).toBe(
    'Merkmale: 1 Pflichtaufgabe · 0 Routine · 2 Weiterführungsbedarf · 0 Zuständigkeit bzw. Einflussmöglichkeit fraglich · 1 Veränderte Rahmenbedingungen',
  )

  // The chart: an image named by its caption, one column per figure, each with its count written above it.
  const chart = two.getByRole('img', { name: `Bewertungen und Merkmale der ${total} Maßnahmen dieses Handlungsfelds` })
  expect(await chart.count()).toBe(1)
  const bars = await chart.locator('[data-bar]').evaluateAll((els) =>
    Object.fromEntries(
      els.map((el) => [el.getAttribute('data-bar'), { title: el.querySelector('title')?.textContent, text: el.querySelector('text')?.textContent, fill: el.querySelector('rect')?.getAttribute('fill') ?? null }]),
    ),
  )
  for (const [key, value] of Object.entries({ ...expected, ...marks })) {
    expect(bars[key]?.text, key).toBe(String(value))
    expect(bars[key]?.title, key).toMatch(new RegExp(`: ${value}$`))
  }
  expect(bars.high?.title).toBe('hoch: 2')
  // Not colour alone: each rating's column has a pattern of its own.
  const fills = ['high', 'low', 'unclear', 'none'].map((key) => bars[key]?.fill)
  expect(new Set(fills).size).toBe(4)

  // Its table, behind "Zahlen als Tabelle": the same figures, every row named in words.
  await two.getByText('Zahlen als Tabelle').click()
  const table = two.getByRole('table', { name: `Bewertungen und Merkmale der ${total} Maßnahmen dieses Handlungsfelds` })
  const rows = Object.fromEntries(
    await table.locator('tbody tr:has(td)').evaluateAll((trs) => trs.map((tr) => [tr.querySelector('th')!.textContent, Number(tr.querySelector('td')!.textContent)])),
  )
  expect(rows).toEqual({
    hoch: 2,
    mittel: 0,
    gering: 1,
    unklar: 1,
    'noch nicht bewertet': total - 4,
    Pflichtaufgabe: 1,
    Routine: 0,
    Weiterführungsbedarf: 2,
    'Zuständigkeit bzw. Einflussmöglichkeit fraglich': 0,
    'Veränderte Rahmenbedingungen': 1,
  })
  await expectNoAxeViolations(page)
})

test('the shared markup of a collapsed table view is exactly what the browser renders for it', async ({ page, context }) => {
  await addSessionCookie(context, server.url, cookie)
  const search = '?zu=2&ansicht=tabelle'
  const response = await page.goto(`${server.url}/${search}`)
  const sent = await page.evaluate(catalogueSent, await response!.text())
  expect(sent).toContain('data-collapsed="true"')
  expect(sent).toContain('data-view="tabelle"')

  // The browser's own render of the same view, reached by client-side navigations from the plain cards.
  await page.goto(`${server.url}/`)
  await page.getByRole('navigation', { name: 'Ansicht' }).getByRole('link', { name: 'Tabelle' }).click()
  await page.waitForURL(`${server.url}/?ansicht=tabelle`)
  await page.locator('table[data-view="tabelle"]').first().waitFor()
  await toggle(page, 2).click()
  await page.waitForURL(`${server.url}/${search}#feld-2`)
  await expect.poll(() => page.getByTestId('catalogue').evaluate(withoutComments)).toBe(sent)

  // …and the cards view's markup differs from it (the view and the collapsed fields are part of its key).
  const cards = await (await fetch(`${server.url}/`, { headers: { Cookie: cookie } })).text()
  expect(cards).not.toContain('data-view="tabelle"')
  expect(cards).not.toContain('data-collapsed="true"')
})

test('axe-core finds no WCAG 2.1 AA violations in the table view and with fields collapsed, in German and in English (which has no German UI words)', async ({ page, context }) => {
  await addSessionCookie(context, server.url, cookie)
  await page.goto(`${server.url}/?ansicht=tabelle&zu=3,4`)
  await expectNoAxeViolations(page)
  await context.addCookies([{ name: 'zw_lang', value: 'en', url: server.url }])
  await page.goto(`${server.url}/?ansicht=tabelle&zu=3,4`)
  expect(await toggle(page, 3).textContent()).toBe('▸ Expand: Field of action 3')
  expect(await germanOnPage(page)).toEqual([])
  await expectNoAxeViolations(page)
})
