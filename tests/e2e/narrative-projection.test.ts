import fs from 'node:fs'
import { and, eq } from 'drizzle-orm'
import * as Y from 'yjs'
import { afterAll, expect, test } from 'vitest'
import { measureDocumentName } from '../../app/shared/live/names'
import { measureStatus, users } from '../../db/schema'
import { openClient, waitFor, whenSaved, type Client } from '../collab/harness'
import { DEMO_DOMAIN } from '../../server/cli/demo'
import { demoRoundIds, loginDemoUser, startDemoServer, unitMeasures, withServerDb } from '../setup/demo'
import { freePort, startServer, type RestartedServer } from '../setup/server'

// The narratives in measure_status trail the keystrokes (server/collab/extensions/projection-narratives.ts); here
// the delay is a minute, so every write below comes from one of the other paths: an HTTP request, the last
// client leaving, a restart after a crash, a clean stop.

const DELAY = { ZIELWERK_NARRATIVE_DELAY_MS: '60000' }
let server: RestartedServer | null = null
let dataDir = ''
const clients: Client[] = []

afterAll(async () => {
  for (const c of clients) c.destroy()
  await server?.stop()
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
})

function append(client: Client, text: string) {
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [new Y.XmlText(text)])
  const fragment = client.doc.getXmlFragment('narrative')
  fragment.insert(fragment.length, [paragraph])
}

test('a narrative reaches the tables before any HTTP request is answered, when its document unloads, after a crash and on stop', async () => {
  const port = await freePort()
  const first = await startDemoServer({ env: DELAY, port, keepData: true })
  server = first
  dataDir = first.dataDir
  const { roundId, measureId, userId } = withServerDb(first, (db) => ({
    roundId: demoRoundIds(db).open,
    measureId: unitMeasures(db, 'FD Ordnung')[0]!.id,
    userId: db.select({ id: users.id }).from(users).where(eq(users.email, `ordnung@${DEMO_DOMAIN}`)).get()!.id,
  }))
  const token = (await loginDemoUser(first.url, 'ordnung')).split('=')[1]!
  const name = measureDocumentName(roundId, measureId)
  const stored = () =>
    withServerDb(first, (db) =>
      db
        .select({ text: measureStatus.narrativeText, by: measureStatus.updatedBy })
        .from(measureStatus)
        .where(and(eq(measureStatus.roundId, roundId), eq(measureStatus.measureId, measureId)))
        .get(),
    ) ?? { text: '', by: null }
  const open = async () => {
    const client = openClient(`ws://127.0.0.1:${port}/collab`, name, token)
    clients.push(client)
    await whenSaved(client)
    return client
  }

  // Saved (in the document's log), not yet in the table; any request writes it before it is answered.
  let client = await open()
  append(client, 'Erster Satz aus dem Test.')
  await whenSaved(client)
  expect(stored().text).not.toContain('Erster Satz aus dem Test.')
  expect((await fetch(`${first.url}/login`)).status).toBe(200)
  expect(stored()).toEqual({ text: expect.stringContaining('Erster Satz aus dem Test.'), by: userId })

  // The last client leaves: written before the document is unloaded.
  append(client, 'Zweiter Satz aus dem Test.')
  await whenSaved(client)
  client.destroy()
  await waitFor(() => stored().text.includes('Zweiter Satz aus dem Test.'), 'Sachstand nach dem Schließen geschrieben')

  // A crash before the write: the restart writes it from the log before it serves.
  client = await open()
  append(client, 'Dritter Satz vor dem Absturz.')
  await whenSaved(client)
  expect(stored().text).not.toContain('Dritter Satz vor dem Absturz.')
  await first.kill('SIGKILL')
  client.destroy()
  server = await startServer({ port, dataDir, env: DELAY })
  expect(stored()).toEqual({ text: expect.stringContaining('Dritter Satz vor dem Absturz.'), by: userId })
  expect(server.output()).toContain('1 Sachstände aus dem Änderungsprotokoll nachgetragen.')

  // A clean stop writes what waits.
  client = await open()
  append(client, 'Vierter Satz vor dem Beenden.')
  await whenSaved(client)
  expect(stored().text).not.toContain('Vierter Satz vor dem Beenden.')
  await server.stop()
  server = null
  expect(stored().text).toContain('Vierter Satz vor dem Beenden.')
  client.destroy()
})
