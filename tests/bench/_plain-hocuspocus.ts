import { Server } from '@hocuspocus/server'

/**
 * Plain Hocuspocus 4 for the collab benchmark's comparison: the stock `Server` with its defaults, in-memory
 * documents only, no extensions, no authentication. Run as its own process (`node tests/bench/_plain-hocuspocus.ts`,
 * Node's type stripping), so it is measured the way our server is: one process, loopback, same clients.
 * Prints `PLAIN-HOCUSPOCUS <port>` when it listens; SIGTERM stops it.
 */

const server = new Server({ port: 0, address: '127.0.0.1', quiet: true, stopOnSignals: false })
await server.listen()
console.log(`PLAIN-HOCUSPOCUS ${server.address.port}`)

process.on('SIGTERM', () => {
  void server.destroy().finally(() => process.exit(0))
  setTimeout(() => process.exit(0), 2_000).unref()
})
