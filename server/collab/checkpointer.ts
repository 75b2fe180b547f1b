import type Database from 'better-sqlite3'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

/**
 * WAL checkpoints off the event loop. Every accepted keystroke commits a transaction (persistence appends it
 * before the acknowledgement). With SQLite's automatic checkpoint, every ~1000 WAL pages one of those commits
 * also copies the WAL into the database file and fsyncs both, synchronously, on the event loop: a stall of
 * 5–15 ms (more on a busy disk) in which no update is applied or broadcast. In `npm run bench -- collab` these
 * stalls were most of the Jour fixe p99 above plain Hocuspocus's.
 *
 * So the server's connection stops checkpointing by itself (`wal_autocheckpoint = 0`), and a worker thread with
 * a connection of its own runs `PRAGMA wal_checkpoint(PASSIVE)` every `everyMs`. PASSIVE neither waits for nor
 * blocks the writer or the readers. (RESTART/TRUNCATE from another connection take the writer lock and reset the
 * WAL under the server's connection, whose next store then fails with "database is locked": never used here.)
 *
 * The WAL starts over from its beginning only when a write begins after everything in it was copied; under a
 * steady stream of writes that moment may not come. When the worker sees the WAL past RESTART_PAGES, the
 * server's own connection runs one PASSIVE checkpoint between two messages: the worker has just copied nearly
 * everything, so it is short, and the next write restarts the WAL. A worker is a thread like any other: on a
 * busy machine it may not run for a while, and the WAL would only grow. So the server's connection also looks
 * at the WAL file itself (journal_size_limit truncates it when it starts over, so its size is what is in use)
 * and checkpoints by itself once it is past LAGGING_PAGES. If the worker cannot start or dies, the connection
 * goes back to automatic checkpoints.
 *
 * Durability does not change: a commit is durable against a process crash (kill -9) once it is in the WAL,
 * checkpointed or not (synchronous=NORMAL, db/client.ts). Closing the last connection checkpoints and removes
 * the WAL as before.
 */

export type Checkpointer = { stop(): Promise<void> }

const AUTOCHECKPOINT_PAGES = 1000
/** WAL pages (4 KiB) after which the server's connection helps the WAL start over. */
const RESTART_PAGES = 2000
/** WAL pages after which the server's connection checkpoints by itself: the worker is lagging. */
const LAGGING_PAGES = 3000
const PAGE_BYTES = 4096

// CommonJS, evaluated in the worker: no file of its own to find after bundling.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.file, { fileMustExist: true })
db.pragma('busy_timeout = 0')
// While the server's connection runs its own short checkpoint (see above), this one waits, so the two do not
// collide (a checkpoint that finds another running gives up).
let waiting = null
function resume() {
  clearTimeout(waiting)
  waiting = null
}
const timer = setInterval(() => {
  if (waiting) return
  let result
  try {
    result = db.pragma('wal_checkpoint(PASSIVE)')[0]
  } catch (error) {
    if (!/busy|locked/i.test(String(error && error.message))) throw error
    return
  }
  if (result && result.log > workerData.restartPages) {
    waiting = setTimeout(resume, 1000)
    parentPort.postMessage('restart')
  }
}, workerData.everyMs)
parentPort.on('message', (message) => {
  if (message === 'resume') return resume()
  if (message !== 'stop') return
  clearInterval(timer)
  resume()
  db.close()
  parentPort.close()
})
`

export function startCheckpointer(sqlite: Database.Database, everyMs = 500): Checkpointer | null {
  const file = sqlite.name
  if (sqlite.memory || !file || sqlite.pragma('journal_mode', { simple: true }) !== 'wal') return null
  let worker: Worker
  try {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3')
    worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file, everyMs, restartPages: RESTART_PAGES } })
  } catch (error) {
    console.error('Zielwerk: WAL-Checkpoints im Hintergrund nicht verfügbar:', (error as Error).message)
    return null
  }
  sqlite.pragma('wal_autocheckpoint = 0')
  sqlite.pragma(`journal_size_limit = ${RESTART_PAGES * PAGE_BYTES}`)
  let stopped = false
  const wal = `${file}-wal`
  const guard = setInterval(() => {
    if (stopped || !sqlite.open || sqlite.inTransaction) return
    let size: number
    try {
      size = fs.statSync(wal).size
    } catch {
      return
    }
    if (size < LAGGING_PAGES * PAGE_BYTES) return
    try {
      sqlite.pragma('wal_checkpoint(PASSIVE)')
    } catch {
      // busy (the worker is checkpointing after all): next time
    }
  }, Math.min(everyMs, 250))
  guard.unref()
  const fallBack = () => {
    if (!sqlite.open) return
    try {
      sqlite.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`)
    } catch {
      // the connection is closing
    }
  }
  worker.on('message', () => {
    if (stopped) return
    setImmediate(() => {
      if (stopped || !sqlite.open) return
      try {
        if (!sqlite.inTransaction) sqlite.pragma('wal_checkpoint(PASSIVE)')
      } catch {
        // busy: next time
      }
      worker.postMessage('resume')
    })
  })
  worker.on('error', (error) => {
    console.error('Zielwerk: WAL-Checkpoints im Hintergrund fehlgeschlagen; zurück zu automatischen:', error.message)
    fallBack()
  })
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      clearInterval(guard)
      fallBack()
      resolve()
    }),
  )
  // Never keeps the process alive by itself.
  worker.unref()
  return {
    async stop() {
      if (stopped) return exited
      stopped = true
      clearInterval(guard)
      fallBack()
      worker.postMessage('stop')
      const timeout = setTimeout(() => void worker.terminate(), 2_000)
      timeout.unref()
      await exited
      clearTimeout(timeout)
    },
  }
}
