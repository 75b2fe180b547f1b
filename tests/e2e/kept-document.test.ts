import { and, asc, eq } from 'drizzle-orm'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { expect } from 'vitest'
import { goals, measureStatus, measures } from '../../db/schema'
import { addSessionCookie, browserTest as test } from '../setup/browser'
import { demoRoundIds, loginDemoUsers, startDemoServer, withServerDb } from '../setup/demo'
import { loginOverHttp, type RunningServer } from '../setup/server'

// The overview and the goal page are kept rendered (app/entry.server.tsx, server/http/document-cache.ts) and go
// out as gzip spliced per response from pieces compressed once, with the response's nonce in between
// (server/http/gzip-splice.ts). Here: what travels decompresses – in node's zlib, in curl and in Chromium – to
// exactly the page as it is sent uncompressed; the catalogue travels once; and a kept page still follows every
// write, user and language.

let server: RunningServer
let openRound: number
let firstMeasure: { id: number; title: string }
const cookies: Record<'admin' | 'lesen' | 'ordnung', string> = { admin: '', lesen: '', ordnung: '' }

test.beforeAll(async () => {
  server = await startDemoServer()
  withServerDb(server, (db) => {
    openRound = demoRoundIds(db).open
    firstMeasure = db
      .select({ id: measures.id, title: measures.title })
      .from(measures)
      .innerJoin(goals, eq(goals.id, measures.goalId))
      .where(eq(goals.number, 1))
      .orderBy(asc(measures.position))
      .get()!
  })
  cookies.admin = await loginOverHttp(server.url, server.admin)
  Object.assign(cookies, await loginDemoUsers(server.url, ['lesen', 'ordnung'] as const))
})

test.afterAll(async () => {
  await server?.stop()
})

type Sent = { status: number; encoding: string; body: Buffer; nonce: string }

/** One GET with the given Accept-Encoding, the body as it travelled. */
function get(pathname: string, cookie: string, acceptEncoding: string): Promise<Sent> {
  return new Promise((resolve, reject) => {
    http
      .get(`${server.url}${pathname}`, { headers: { cookie, 'accept-encoding': acceptEncoding } }, (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            encoding: String(response.headers['content-encoding'] ?? 'identity'),
            body: Buffer.concat(chunks),
            nonce: /'nonce-([^']+)'/.exec(String(response.headers['content-security-policy']))?.[1] ?? '',
          }),
        )
        response.on('error', reject)
      })
      .on('error', reject)
  })
}

/** A page with its nonce taken out: two responses of the same page are equal then. */
const withoutNonce = (html: string, nonce: string) => {
  expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/)
  return html.replaceAll(nonce, '<nonce>')
}

/** The page sent uncompressed, twice (the second answered from what the first kept). */
async function plainPage(pathname: string, cookie = cookies.admin): Promise<string> {
  const first = await get(pathname, cookie, 'identity')
  const second = await get(pathname, cookie, 'identity')
  for (const sent of [first, second]) {
    expect(sent.status).toBe(200)
    expect(sent.encoding).toBe('identity')
  }
  expect(first.nonce).not.toBe(second.nonce)
  expect(withoutNonce(second.body.toString('utf8'), second.nonce)).toBe(withoutNonce(first.body.toString('utf8'), first.nonce))
  return withoutNonce(first.body.toString('utf8'), first.nonce)
}

for (const pathname of ['/', '/ziele/1']) {
  test(`${pathname}: the spliced gzip decompresses to exactly the uncompressed page, in node's zlib, in curl and in Chromium`, async ({ page, context }) => {
    const plain = await plainPage(pathname)
    expect(plain).toContain('</html>')

    // node's zlib, at once and chunk by chunk, for the first response of a kind and for a kept one
    for (let i = 0; i < 3; i++) {
      const sent = await get(pathname, cookies.admin, 'gzip, deflate, br, zstd')
      expect(sent.encoding).toBe('gzip')
      expect(withoutNonce(zlib.gunzipSync(sent.body).toString('utf8'), sent.nonce)).toBe(plain)
      const streamed: Buffer[] = []
      const gunzip = zlib.createGunzip().on('data', (chunk: Buffer) => streamed.push(chunk))
      const done = new Promise((resolve, reject) => gunzip.on('end', resolve).on('error', reject))
      for (let at = 0; at < sent.body.length; at += 1000) gunzip.write(sent.body.subarray(at, at + 1000))
      gunzip.end()
      await done
      expect(withoutNonce(Buffer.concat(streamed).toString('utf8'), sent.nonce)).toBe(plain)
    }

    // curl --compressed (libcurl's zlib)
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zielwerk-curl-'))
    try {
      const headerFile = path.join(dir, 'headers')
      const body = execFileSync('curl', ['-sS', '--compressed', '-D', headerFile, '-H', `Cookie: ${cookies.admin}`, `${server.url}${pathname}`], { encoding: 'utf8' })
      const headers = fs.readFileSync(headerFile, 'utf8')
      expect(headers).toMatch(/^content-encoding: gzip\r?$/im)
      expect(withoutNonce(body, /'nonce-([^']+)'/.exec(headers)?.[1] ?? '')).toBe(plain)
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }

    // Chromium: as a document (it asks for gzip, deflate, br, zstd) and by fetch; the page then works as ever
    await addSessionCookie(context, server.url, cookies.admin)
    const response = (await page.goto(`${server.url}${pathname}`))!
    expect(response.headers()['content-encoding']).toBe('gzip')
    const documentNonce = /'nonce-([^']+)'/.exec(response.headers()['content-security-policy'] ?? '')?.[1] ?? ''
    expect(withoutNonce(await response.text(), documentNonce)).toBe(plain)
    const fetched = await page.evaluate(async (url) => {
      const r = await fetch(url)
      return { text: await r.text(), csp: r.headers.get('content-security-policy') ?? '' }
    }, `${server.url}${pathname}`)
    expect(withoutNonce(fetched.text, /'nonce-([^']+)'/.exec(fetched.csp)?.[1] ?? '')).toBe(plain)
    if (pathname === '/') await expect.poll(() => page.getByTestId('catalogue').locator('[data-goal]').count()).toBe(89)
    else await page.getByRole('heading', { level: 1, name: 'Ziel 1' }).waitFor()
  })
}

test('the catalogue travels once: a document carries its text in one script before the markup, its loader data only the reference; a navigation gets the text', async () => {
  const html = await plainPage('/')
  const script = /<script type="application\/json" id="katalog-daten" data-ref="([^"]+)" nonce="<nonce>">(.*?)<\/script>/s.exec(html)
  expect(script).not.toBeNull()
  const [, ref, text] = script!
  // the script comes right before the markup, and holds what the markup shows
  expect(html.indexOf('id="katalog-daten"')).toBeLessThan(html.indexOf('data-testid="catalogue"'))
  const catalogue = JSON.parse(text!) as { fields: { challenges: { goals: { measures: { id: number; title: string }[] }[] }[] }[] }
  const shown = catalogue.fields.flatMap((f) => f.challenges.flatMap((c) => c.goals.flatMap((g) => g.measures)))
  expect(shown).toHaveLength(134)
  expect(shown[0]).toMatchObject(firstMeasure)
  // React Router's loader data names the catalogue by its reference and leaves the text out
  const loaderData = [...html.matchAll(/streamController\.enqueue\((.*?)\);<\/script>/gs)].map((m) => m[1]).join('')
  expect(loaderData).toContain(ref)
  expect(loaderData).not.toContain(JSON.stringify(firstMeasure.title).slice(1, -1))
  // a navigation in the browser (React Router's data request) gets the text with the same reference
  const data = await get('/_.data', cookies.admin, 'identity')
  expect(data.status).toBe(200)
  const navigation = data.body.toString('utf8')
  expect(navigation).toContain(ref)
  expect(navigation).toContain(JSON.stringify(firstMeasure.title).slice(1, -1))
})

test('a kept page follows every write, user and language: a changed narrative at once, each user their own header and loader data', async () => {
  const narrative = 'Die Sprachkurse laufen in allen Gemeinden.'
  expect(await plainPage('/ziele/1')).not.toContain(narrative)
  withServerDb(server, (db) =>
    db
      .update(measureStatus)
      .set({ narrativeText: narrative })
      .where(and(eq(measureStatus.roundId, openRound), eq(measureStatus.measureId, firstMeasure.id)))
      .run(),
  )
  expect(await plainPage('/ziele/1')).toContain(narrative)

  const admin = await plainPage('/ziele/1')
  const reader = await plainPage('/ziele/1', cookies.lesen)
  const unit = await plainPage('/ziele/1', cookies.ordnung)
  expect(reader).toContain('Demo: Lesezugriff')
  expect(unit).toContain('Demo: FD Ordnung')
  for (const other of [admin, unit]) expect(other).not.toContain('Demo: Lesezugriff')
  // the user's own loader data (name, rights) goes with their page, never with another's
  const loaderData = (page: string) => [...page.matchAll(/streamController\.enqueue\((.*?)\);<\/script>/gs)].map((m) => m[1]).join('')
  expect(loaderData(reader)).toContain('Demo: Lesezugriff')
  expect(loaderData(unit)).toContain('Demo: FD Ordnung')
  expect(loaderData(unit)).not.toContain('Demo: Lesezugriff')

  const english = await plainPage('/ziele/1', `${cookies.lesen}; zw_lang=en`)
  expect(english).toContain('<html lang="en"')
  expect(reader).toContain('<html lang="de"')
})
