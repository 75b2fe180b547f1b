import http from 'node:http'
import { isMainThread } from 'node:worker_threads'
import path from 'node:path'
import v8 from 'node:v8'
import vm from 'node:vm'
import { openDatabase } from '../db/client'
import { seedCatalogue } from '../db/seed/catalogue'
import { seedMonitoring } from '../db/seed/monitoring'
import { createApp } from './app'
import { RateLimiter } from './auth/rate-limit'
import { forumLimiters } from './auth/forum-session'
import { startSessionSweep } from './auth/session'
import { createCollab } from './collab'
import { detachedLive, type Services } from './context'
import { loadEnv } from './env'
import { allowedOrigins } from './http/origin'
import { publishStatusChange } from './events/status-changes'
import { mailerFromEnv } from './services/notices/mailer'
import { ensureFirstAdmin } from './services/admin/users'
import { closePdfBrowser } from './exports/pdf'
import { EXPORT_PROCESS, serveExportJobs, stopExportProcess, useCoreReservation, useExportDatabase } from './exports/export-process'

// The process entry. Bundled by `react-router build` (see vite.config.ts) into build/server/index.js.

async function main() {
  const env = loadEnv()
  const db = openDatabase(env.dbFile)
  // The export worker reads the rounds' files from a connection of its own (server/exports/export-process.ts).
  useExportDatabase(env.dbFile)
  useCoreReservation(env.ZIELWERK_CORE_RESERVATION_MS)
  const seeded = seedCatalogue(db)
  if (seeded.created) console.log('Zielwerk: Katalog angelegt (9 Handlungsfelder, 89 Ziele, 134 Maßnahmen).')
  if (seedMonitoring(db).created) console.log('Zielwerk: Monitoring angelegt (Landkreis und 21 Kommunen, Startkennzahlen aus den Quellen).')
  const admin = await ensureFirstAdmin(db, env.ZIELWERK_ADMIN_EMAIL)
  const stopSessionSweep = startSessionSweep(db)

  const services: Services = {
    db,
    env,
    loginLimiter: {
      byAccount: new RateLimiter(5, 15 * 60 * 1000),
      byAddress: new RateLimiter(20, 15 * 60 * 1000),
    },
    forumLimiter: forumLimiters(),
    mailer: mailerFromEnv(env),
    onAccessChanged: () => {},
    live: detachedLive,
    origins: [],
  }
  const clientDir = path.resolve(import.meta.dirname, '../client')
  const app = createApp(services, clientDir)
  const server = http.createServer(app)
  // Live documents on the same port (WebSocket path /collab); logins, logouts and membership changes re-check
  // the user's open connections.
  const collab = createCollab(services, { onStatusChange: publishStatusChange, narrativeDelayMs: env.ZIELWERK_NARRATIVE_DELAY_MS })
  services.onAccessChanged = (userId) => {
    collab.closeConnectionsOf(userId)
  }
  services.live = { edit: collab.edit, recheckRound: collab.closeConnectionsOfRound, recheckForum: collab.closeConnectionsOfForum, flush: collab.flush }
  server.on('upgrade', (request, socket, head) => {
    if (!collab.handleUpgrade(request, socket, head)) socket.destroy()
  })

  releaseStartupMemory()
  server.listen(env.PORT, env.HOST, () => {
    const address = server.address()
    const port = typeof address === 'object' && address ? address.port : env.PORT
    services.origins = allowedOrigins(env.ZIELWERK_ORIGIN, port)
    console.log(`Zielwerk läuft auf http://localhost:${port}`)
    console.log(
      env.ZIELWERK_ORIGIN.length > 0
        ? `Herkunft: Änderungen nur von ${env.ZIELWERK_ORIGIN.join(', ')} (ZIELWERK_ORIGIN).`
        : `Herkunft: Änderungen nur von localhost, 127.0.0.1 und [::1] auf Port ${port}. Für eine öffentliche Adresse ZIELWERK_ORIGIN setzen, z. B. ZIELWERK_ORIGIN=https://zielwerk.lkos.de`,
    )
    if (admin) console.log(`Admin: ${admin.email} / ${admin.password}`)
    else console.log('Anmelden mit einem bestehenden Konto unter /login')
    console.log(services.mailer ? 'E-Mail: Erinnerungen werden auch per SMTP versandt.' : 'E-Mail: kein SMTP eingerichtet, Erinnerungen nur in der App.')
  })

  let closing = false
  const shutdown = (signal: string) => {
    if (closing) return
    closing = true
    console.log(`Zielwerk: ${signal} – beende …`)
    setTimeout(() => process.exit(0), 5000).unref()
    // The PDF exports' Chromium and the DOCX/XLSX worker, if running.
    void closePdfBrowser()
    void stopExportProcess()
    // Every acknowledged edit is already in the log; destroy closes the sockets and folds logs into snapshots
    // before the database closes.
    collab
      .destroy()
      .catch((error: unknown) => console.error('Zielwerk: Beenden der Live-Dokumente:', error))
      .finally(() => {
        server.close(() => {
          stopSessionSweep()
          db.$client.close()
          process.exit(0)
        })
        server.closeAllConnections()
      })
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))
}

/**
 * Start-up leaves V8's young generation at its largest (2 × 64 MiB semi-spaces, resident): loading ~1000 ESM
 * modules allocates ~150 MB that survives long enough to make V8 grow it (most of it Node re-parsing
 * drizzle-orm's 180 kB package.json for each of its ~390 files), and V8 never shrinks it while the process
 * is busy or merely idle. That was 130 of the 250 MB RSS at start. One memory-reducing full GC (the flavour V8
 * uses before giving up on memory, which also shrinks the young generation) before the first request brings
 * it back (~110 MB); it then grows only as far as the traffic needs. gc() is reachable without --expose-gc in
 * the command line: the flag exposes it to contexts created afterwards.
 */
function releaseStartupMemory() {
  try {
    v8.setFlagsFromString('--expose-gc')
    const gc = vm.runInNewContext('gc') as (options: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void
    gc({ type: 'major', execution: 'sync', flavor: 'last-resort' })
  } catch (error) {
    console.error('Zielwerk: Speicher nach dem Start nicht freigegeben:', (error as Error).message)
  }
}

// The export process (server/exports/export-process.ts) runs this bundle too, to build documents; it starts no server.
if (process.env[EXPORT_PROCESS] === '1') serveExportJobs()
else if (isMainThread) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  })
}
