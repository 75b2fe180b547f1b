/**
 * What one WebSocket may cost before the server closes it (4430, app/shared/live/close-codes.ts).
 *
 * A flood of frames, well-formed or not, costs the server per frame (decoding, hooks, errors and their log
 * lines, a sync step 2 of the whole document for every sync step 1), and under a sustained storm of garbage V8
 * grows its heap and keeps it: 40 sockets sending ~400k frames in 20 s took the server from ~120 to ~260 MB.
 * So every socket gets two token buckets, messages and bytes, refilled over time: a browser tab stays far
 * below them (typing with a visible caret is ~20 messages a second; opening a meeting page with 200 documents
 * is a burst of ~800), a flood empties them within seconds. Until the socket has an authorized document, the
 * bytes it may send are bounded on top (nobody buffers megabytes for a connection that has not shown who it
 * is; Hocuspocus' own queue limit is set to the same figure).
 */

export type SocketLimits = {
  /** Messages a socket may send at once (a page opening all its documents). */
  burstMessages: number
  /** Messages per second it may keep sending. */
  messagesPerSecond: number
  /** Bytes it may send at once (a large paste, a sync step 2 after working offline). */
  burstBytes: number
  /** Bytes per second it may keep sending. */
  bytesPerSecond: number
  /** Bytes it may send before any of its documents is authorized. */
  bytesBeforeAuthentication: number
}

const MiB = 1024 * 1024

export const DEFAULT_SOCKET_LIMITS: SocketLimits = {
  burstMessages: 2_000,
  messagesPerSecond: 50,
  burstBytes: 8 * MiB,
  bytesPerSecond: 1 * MiB,
  bytesBeforeAuthentication: 256 * 1024,
}

/** Why a socket is over its budget, for the log; null while it is within. */
export type Overdraft = null | 'messages' | 'bytes' | 'beforeAuthentication'

export class SocketBudget {
  private messages: number
  private bytes: number
  private unauthenticatedBytes = 0
  private last: number

  constructor(
    private readonly limits: SocketLimits,
    now = performance.now(),
  ) {
    this.messages = limits.burstMessages
    this.bytes = limits.burstBytes
    this.last = now
  }

  /** Spends one message of `byteLength` bytes; what the socket overdrew, or null. */
  spend(byteLength: number, authenticated: boolean, now = performance.now()): Overdraft {
    const { limits } = this
    const seconds = Math.max(0, now - this.last) / 1000
    this.last = now
    this.messages = Math.min(limits.burstMessages, this.messages + seconds * limits.messagesPerSecond) - 1
    this.bytes = Math.min(limits.burstBytes, this.bytes + seconds * limits.bytesPerSecond) - byteLength
    if (!authenticated) this.unauthenticatedBytes += byteLength
    if (this.messages < 0) return 'messages'
    if (this.bytes < 0) return 'bytes'
    if (!authenticated && this.unauthenticatedBytes > limits.bytesBeforeAuthentication) return 'beforeAuthentication'
    return null
  }
}
