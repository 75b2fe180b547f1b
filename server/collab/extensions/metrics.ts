import type { Extension, onConnectPayload, onDisconnectPayload } from '@hocuspocus/server'

/**
 * Counters for benchmarks and the log; no hooks that change anything. Admission and persistence report into
 * the same object, so one snapshot shows where the time of an accepted edit goes.
 */
export class Metrics implements Extension {
  extensionName = 'zielwerk-metrics'

  counters = {
    documentConnections: 0,
    documentsRefused: 0,
    updatesAccepted: 0,
    /** Of those, recognised as plain typing without the scratch copy (typing.ts). */
    updatesTyped: 0,
    updatesRejected: 0,
    bytesAccepted: 0,
    /** Time spent in admission (scratch copy + checks), ms. */
    admissionMs: 0,
    /** Time spent in the store transaction (append + projection), ms. */
    storeMs: 0,
    stores: 0,
    storeFailures: 0,
    compactions: 0,
  }

  rejectionsByCode = new Map<number, number>()

  async onConnect(_data: onConnectPayload) {}

  async connected() {
    this.counters.documentConnections++
  }

  async onDisconnect(_data: onDisconnectPayload) {
    this.counters.documentConnections = Math.max(0, this.counters.documentConnections - 1)
  }

  rejected(code: number) {
    this.counters.updatesRejected++
    this.rejectionsByCode.set(code, (this.rejectionsByCode.get(code) ?? 0) + 1)
  }

  snapshot() {
    return { ...this.counters, rejectionsByCode: Object.fromEntries(this.rejectionsByCode) }
  }
}
