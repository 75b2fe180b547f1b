import fs from 'node:fs'
import zlib from 'node:zlib'

/** One accepted update on its way into `document_updates`. */
export type JournalEntry = { name: string; update: Uint8Array; userId: number | null; at: number }

/**
 * The live log: where plain typing is made durable before the server acknowledges it.
 *
 * Every accepted keystroke must survive a crash (kill -9) the moment the client is told "Gespeichert". A
 * SQLite commit per keystroke does that, but each one takes the WAL's read and write locks, runs the statement
 * and writes two frames: ten system calls and, measured in the collab benchmark, most of what a keystroke cost
 * beyond plain Hocuspocus. So an update the projection writes nothing for (plain typing: the narratives follow
 * later anyway) is appended to this file instead, one `write` of one frame, and is in the kernel's page cache
 * when the call returns: durable against a crash of the process exactly as a WAL commit with
 * synchronous=NORMAL is (neither survives a power cut). Persistence moves the entries into `document_updates`
 * in one transaction a moment later, and before anything reads the log (a load, a compaction, any HTTP
 * request), then empties the file. At start, before the server serves, whatever a crash left in the file is
 * moved the same way.
 *
 * A crash between that transaction and emptying the file moves the same entries again at the next start: a Yjs
 * update applied twice changes nothing, so a duplicate row is harmless (compaction folds it away).
 *
 * Frame: length (u32, of what follows the checksum) · CRC-32 of it (u32) · name length (u16) · name (UTF-8) ·
 * user id (i32, -1 = none) · time (f64, ms) · the update. A frame cut short or damaged (the process died inside
 * the write, so it was never acknowledged) ends the file: nothing after it was written.
 */
export class Journal {
  private readonly fd: number
  private entries: JournalEntry[] = []
  private closed = false
  private due: NodeJS.Timeout | null = null
  /** Called `delayMs` after the first entry since the last move (persistence moves them then). */
  onDue: (() => void) | null = null

  constructor(
    readonly file: string,
    private readonly delayMs = 500,
  ) {
    this.fd = fs.openSync(file, 'a')
  }

  /** Appends one entry; when this returns, it survives a crash of the process. Throws when the write fails. */
  append(entry: JournalEntry): void {
    if (this.closed) throw new Error('Live-Protokoll ist geschlossen')
    const frame = encode(entry)
    let written = 0
    while (written < frame.byteLength) written += fs.writeSync(this.fd, frame, written)
    // Kept as a view on the frame: the update's own buffer may belong to the WebSocket message.
    this.entries.push({ name: entry.name, userId: entry.userId, at: entry.at, update: frame.subarray(frame.byteLength - entry.update.byteLength) })
    this.schedule(this.delayMs)
  }

  /** Entries not moved into the database yet. */
  get size(): number {
    return this.entries.length
  }

  /**
   * Moves the entries with `write` (one transaction that appends them to the log and returns their row ids) and
   * empties the file. When `write` throws, they stay (still durable here) and the next move takes them; the
   * error is logged. Returns each moved entry with its row id.
   */
  move(write: (entries: JournalEntry[]) => number[]): { entry: JournalEntry; id: number }[] {
    if (this.due) clearTimeout(this.due)
    this.due = null
    if (this.entries.length === 0) return []
    const entries = this.entries
    let ids: number[]
    try {
      ids = write(entries)
    } catch (error) {
      console.error('Zielwerk: Änderungen konnten nicht ins Protokoll übernommen werden:', (error as Error).message)
      this.schedule(Math.max(this.delayMs, 500) * 4)
      return []
    }
    this.entries = []
    fs.ftruncateSync(this.fd, 0)
    return entries.map((entry, i) => ({ entry, id: ids[i]! }))
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    if (this.due) clearTimeout(this.due)
    fs.closeSync(this.fd)
  }

  private schedule(delayMs: number) {
    if (this.due || this.closed) return
    this.due = setTimeout(() => {
      this.due = null
      this.onDue?.()
    }, delayMs)
    this.due.unref()
  }

  /** The entries a file holds, up to the first frame that is cut short or damaged. */
  static read(file: string): JournalEntry[] {
    let bytes: Buffer
    try {
      bytes = fs.readFileSync(file)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
      throw error
    }
    const entries: JournalEntry[] = []
    let offset = 0
    while (offset + 8 <= bytes.byteLength) {
      const length = bytes.readUInt32LE(offset)
      const body = bytes.subarray(offset + 8, offset + 8 + length)
      if (body.byteLength !== length || length < 14 || zlib.crc32(body) !== bytes.readUInt32LE(offset + 4)) break
      const nameLength = body.readUInt16LE(0)
      if (2 + nameLength + 12 > length) break
      const name = body.toString('utf8', 2, 2 + nameLength)
      const userId = body.readInt32LE(2 + nameLength)
      const at = body.readDoubleLE(6 + nameLength)
      entries.push({ name, userId: userId < 0 ? null : userId, at, update: new Uint8Array(body.subarray(14 + nameLength)) })
      offset += 8 + length
    }
    return entries
  }
}

/** Document names as UTF-8, encoded once (a keystroke's frame starts with its document's name). */
const names = new Map<string, Buffer>()

function nameBytes(name: string): Buffer {
  let bytes = names.get(name)
  if (!bytes) {
    if (names.size >= 4096) names.clear()
    bytes = Buffer.from(name, 'utf8')
    names.set(name, bytes)
  }
  return bytes
}

function encode({ name, update, userId, at }: JournalEntry): Buffer {
  const encodedName = nameBytes(name)
  const nameLength = encodedName.byteLength
  const length = 2 + nameLength + 12 + update.byteLength
  const frame = Buffer.allocUnsafe(8 + length)
  frame.writeUInt32LE(length, 0)
  frame.writeUInt16LE(nameLength, 8)
  frame.set(encodedName, 10)
  frame.writeInt32LE(userId ?? -1, 10 + nameLength)
  frame.writeDoubleLE(at, 14 + nameLength)
  frame.set(update, 22 + nameLength)
  frame.writeUInt32LE(zlib.crc32(frame.subarray(8)), 4)
  return frame
}
