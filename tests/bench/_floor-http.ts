import fs from 'node:fs'
import http from 'node:http'
import zlib from 'node:zlib'

/**
 * The floor of the SSR benchmark (tests/bench/ssr.ts): a bare `node:http` server that sends, for each path,
 * the very bytes our server sent for it, with the header that matters (Content-Type) and the compression our
 * server applies, and nothing else: no framework, no session, no rendering. Run as its own process
 * (`node tests/bench/_floor-http.ts <config.json>`, Node's type stripping), so it is measured the way our
 * server is: one process, loopback, the same clients. Prints `FLOOR-HTTP <port>` when it listens.
 *
 * Compression (`mode` in the config), per page:
 * - `gzip`: gzips the page per response, streaming, at level 1 – what the `compression` middleware does.
 * - `spliced`: what our server does for pages with shared markup (server/http/gzip-splice.ts): the page is
 *   cut into the parts that differ per response and the shared ones; the shared parts are compressed once
 *   (at start), the others per response, and the members spliced into one gzip stream.
 * - `static`: the gzipped bytes made once at start (no compression work per response) – the absolute floor.
 * A client that does not accept gzip gets the page as it is.
 */

type PageConfig = {
  /** Request path, e.g. `/` */
  path: string
  /** File with the page's bytes, uncompressed */
  file: string
  mode: 'gzip' | 'spliced' | 'static'
  /** For `spliced`: byte ranges [start, end) of the shared parts, in order */
  shared?: [number, number][]
}
type Config = { pages: PageConfig[] }

const config = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as Config

type Page = { mode: PageConfig['mode']; body: Buffer; gzipped: Buffer; parts: { bytes: Buffer; shared?: SharedPart }[] }
type SharedPart = { deflated: Buffer; crc: number; length: number }

const pages = new Map<string, Page>()
for (const page of config.pages) {
  const body = fs.readFileSync(page.file)
  const parts: Page['parts'] = []
  let at = 0
  for (const [start, end] of page.shared ?? []) {
    parts.push({ bytes: body.subarray(at, start) })
    const bytes = body.subarray(start, end)
    parts.push({ bytes, shared: { deflated: deflateShared(bytes), crc: zlib.crc32(bytes), length: bytes.length } })
    at = end
  }
  parts.push({ bytes: body.subarray(at) })
  pages.set(page.path, { mode: page.mode, body, gzipped: zlib.gzipSync(body, { level: 1 }), parts })
}

const server = http.createServer((req, res) => {
  const page = pages.get(req.url ?? '/')
  if (!page) {
    res.writeHead(404).end()
    return
  }
  res.setHeader('Content-Type', 'text/html; charset=utf-8')
  res.setHeader('Vary', 'Accept-Encoding')
  if (!/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
    res.end(page.body)
    return
  }
  res.setHeader('Content-Encoding', 'gzip')
  if (page.mode === 'static') {
    res.end(page.gzipped)
  } else if (page.mode === 'gzip') {
    const gzip = zlib.createGzip({ level: 1 })
    gzip.pipe(res)
    gzip.end(page.body)
  } else {
    res.end(spliced(page))
  }
})

/** Per response: a gzip header, each part's deflate blocks (the shared ones made once), the trailer. */
function spliced(page: Page): Buffer {
  const chunks: Buffer[] = [GZIP_HEADER]
  let crc = 0
  let length = 0
  page.parts.forEach((part, i) => {
    const last = i === page.parts.length - 1
    if (part.shared) {
      chunks.push(part.shared.deflated)
      crc = zlib.crc32(part.bytes, crc)
      length += part.shared.length
    } else {
      chunks.push(zlib.deflateRawSync(part.bytes, { level: 1, finishFlush: last ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH }))
      crc = zlib.crc32(part.bytes, crc)
      length += part.bytes.length
    }
  })
  const trailer = Buffer.alloc(8)
  trailer.writeUInt32LE(crc >>> 0, 0)
  trailer.writeUInt32LE(length >>> 0, 4)
  chunks.push(trailer)
  return Buffer.concat(chunks)
}

function deflateShared(bytes: Buffer): Buffer {
  return zlib.deflateRawSync(bytes, { level: 9, finishFlush: zlib.constants.Z_SYNC_FLUSH })
}

const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff])

server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  console.log(`FLOOR-HTTP ${typeof address === 'object' && address ? address.port : 0}`)
})
process.on('SIGTERM', () => {
  server.close(() => process.exit(0))
  server.closeAllConnections()
  setTimeout(() => process.exit(0), 2_000).unref()
})
