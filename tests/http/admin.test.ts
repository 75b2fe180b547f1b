import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loginOverHttp, startServer, type RunningServer } from '../setup/server'

// The administration's messages over real HTTP in the user's language: validation, service refusals and the CSV
// import's line errors come back in English for an English session and in German otherwise.

let server: RunningServer
let adminCookie: string

beforeAll(async () => {
  server = await startServer()
  adminCookie = await loginOverHttp(server.url, server.admin)
})

afterAll(async () => {
  await server?.stop()
})

type Language = 'de' | 'en'
const cookie = (language: Language) => `${adminCookie}; zw_lang=${language}`

function postForm(pathname: string, language: Language, form: Record<string, string>) {
  return fetch(server.url + pathname, {
    method: 'POST',
    redirect: 'manual',
    headers: { Origin: server.url, 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie(language) },
    body: new URLSearchParams(form),
  })
}

function postCsv(language: Language, text: string | Uint8Array<ArrayBuffer>) {
  const body = new FormData()
  body.set('intent', 'import')
  body.set('file', new File([text], 'zuordnungen.csv', { type: 'text/csv' }))
  return fetch(`${server.url}/admin/zuordnungen`, { method: 'POST', redirect: 'manual', headers: { Origin: server.url, Cookie: cookie(language) }, body })
}

/** The page's text as a person reads it (markup and entities gone). */
async function textOf(response: Response) {
  const html = await response.text()
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    // React separates neighbouring text with empty comments; they are no space on the screen.
    .replaceAll('<!-- -->', '')
    .replace(/<[^>]+>/g, ' ')
    .replaceAll('&quot;', '"')
    .replaceAll('&#x27;', "'")
    .replaceAll('&amp;', '&')
    .replace(/\s+/g, ' ')
}

const BAD_CSV = 'massnahme_id;ziel;massnahme;einheit;rolle\n1;1;;VHS;beteiligt\n1;1;;Fachdienst Zauberei;irgendwie\n'

describe('admin messages in the user’s language', () => {
  it('names every bad line of a CSV import in English for an English session, and in German otherwise', async () => {
    const english = await postCsv('en', BAD_CSV)
    expect(english.status).toBe(400)
    const en = await textOf(english)
    expect(en).toContain('The file was not imported; nothing has changed. 1 error:')
    expect(en).toContain('Line 3: There is no role “irgendwie”; allowed are “federführend” (lead) and “beteiligt” (contributing).')
    expect(en).not.toContain('Zeile 3')

    const german = await postCsv('de', BAD_CSV)
    expect(german.status).toBe(400)
    const de = await textOf(german)
    expect(de).toContain('Die Datei wurde nicht übernommen; nichts wurde geändert. 1 Fehler:')
    expect(de).toContain('Zeile 3: Die Rolle „irgendwie“ gibt es nicht; erlaubt sind „federführend“ und „beteiligt“.')
  })

  it('says after an import which unit each spelling of the file meant', async () => {
    const csv = 'massnahme_id;ziel;massnahme;einheit;rolle\r\n1;1;;  maßarbeit ;federführend\r\n1;1;;VHS;beteiligt\r\n'
    const german = await postCsv('de', csv)
    expect(german.status).toBe(200)
    const de = await textOf(german)
    expect(de).toContain('2 Zuordnungen für 1 Maßnahme übernommen.')
    expect(de).toContain('Erkannte Organisationseinheiten: „maßarbeit“ → MaßArbeit kAöR mit Migrationszentrum „VHS“ → VHS Osnabrücker Land')
    // The same file again, in English: nothing is new any more, and the spellings are named all the same.
    const en = await textOf(await postCsv('en', csv))
    expect(en).toContain('Nothing changed: the measure in the file was already assigned like this.')
    expect(en).toContain('Recognised organisational units: “maßarbeit” → MaßArbeit kAöR mit Migrationszentrum “VHS” → VHS Osnabrücker Land')
  })

  it('sends the template with the current assignments through download(), and the same file uploaded again changes nothing', async () => {
    await postCsv('de', 'massnahme_id;ziel;massnahme;einheit;rolle\r\n1;1;;MaßArbeit;federführend\r\n')
    const response = await fetch(`${server.url}/admin/zuordnungen/vorlage.csv`, { headers: { Cookie: cookie('de') } })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('content-disposition')).toBe('attachment; filename=zuordnungen-vorlage.csv')
    expect(response.headers.get('cache-control')).toBe('private, no-store')
    const bytes = new Uint8Array(await response.arrayBuffer())
    expect(Array.from(bytes.subarray(0, 3))).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)
    expect(text.startsWith('\uFEFFmassnahme_id;ziel;massnahme;einheit;rolle\r\n')).toBe(true)
    expect(text).toMatch(/\r\n1;1;[^\r\n]*;MaßArbeit;federführend\r\n/)

    // The very bytes, as Excel saves them again (BOM, CRLF, semicolons).
    const again = await postCsv('de', bytes)
    expect(again.status).toBe(200)
    const againText = await textOf(again)
    // Only measure 1 has units on this fresh server (the tests above assigned them).
    expect(/(Nichts geändert|\d+ Zuordnung)[^.]*\./.exec(againText)?.[0]).toBe('Nichts geändert: Die Maßnahme der Datei war schon so zugeordnet.')
    const english = await textOf(await postCsv('en', bytes))
    expect(english).toContain('Nothing changed: the measure in the file was already assigned like this.')
  })

  it('says in English why a new account was refused: the field errors and the role that needs a unit', async () => {
    const response = await postForm('/admin/benutzer', 'en', { intent: 'create', name: '', email: 'keine-adresse', role: 'editor', unitId: '' })
    expect(response.status).toBe(400)
    const text = await textOf(response)
    expect(text).toContain('Name is missing.')
    expect(text).toContain('Please enter a valid e-mail address, e.g. name@lkos.de.')
    expect(text).toContain('For the role “Organisational unit (editing)” please choose an organisational unit.')
    expect(text).not.toContain('fehlt')
  })

  it('refuses to reset one’s own password through the administration, in the user’s language', async () => {
    const page = await fetch(`${server.url}/admin/benutzer`, { headers: { Cookie: cookie('de') } })
    const id = /href="\/admin\/benutzer\/(\d+)"/.exec(await page.text())?.[1]
    expect(id).toBeDefined()
    const own = await (await fetch(`${server.url}/admin/benutzer/${id}`, { headers: { Cookie: cookie('en') } })).text()
    expect(own).toMatch(/You change your own password under <a [^>]*href="\/konto"[^>]*>My account<\/a>\./)
    expect(own).toContain('1 open session')
    const eigen = await (await fetch(`${server.url}/admin/benutzer/${id}`, { headers: { Cookie: cookie('de') } })).text()
    expect(eigen).toMatch(/Ihr eigenes Passwort ändern Sie unter <a [^>]*href="\/konto"[^>]*>Mein Konto<\/a>/)
    expect(eigen).toContain('angemeldet in 1 Sitzung')
    const english = await postForm(`/admin/benutzer/${id}`, 'en', { intent: 'reset-password' })
    expect(english.status).toBe(400)
    expect(await textOf(english)).toContain('You change your own password under “My account”.')
    const german = await postForm(`/admin/benutzer/${id}`, 'de', { intent: 'reset-password' })
    expect(await textOf(german)).toContain('Ihr eigenes Passwort ändern Sie unter „Mein Konto“.')
    // The password still works: nothing was reset.
    await expect(loginOverHttp(server.url, server.admin)).resolves.toMatch(/^zw_session=/)
  })
})
