import fs from 'node:fs'
import http from 'node:http'
import zlib from 'node:zlib'
import { deflatePart, gzipTemplate, type DeflatedPart } from '../../server/http/gzip-splice'

/**
 * The floor of the SSR benchmark (tests/bench/ssr.ts): a bare `node:http` server that sends, for each path,
 * the very bytes our server sent for it, with the header that matters (Content-Type) and the compression our
 * server applies, and nothing else: no framework, no session, no rendering, no cache lookup. Run as its own
 * process (`node --import tsx tests/bench/_floor-http.ts <config.json>`), so it is measured the way our server
 * is: one process, loopback, the same clients. Prints `FLOOR-HTTP <port>` when it listens.
 *
 * Compression (`mode` in the config), per page:
 * - `gzip`: gzips the page per response, streaming, at level 1 – what the `compression` middleware does.
 * - `spliced`: what our server does for a kept document (server/http/document-cache.ts): the page cut at each
 *   occurrence of its nonce, the pieces compressed once (at start), and per response the gzip stream spliced
 *   from them with the nonce between them as stored blocks and the CRC-32 combined – the same function
 *   (gzipTemplate in server/http/gzip-splice.ts).
 * - `static`: the gzipped bytes made once at start (no compression work per response) – the absolute floor.
 * A client that does not accept gzip gets the page as it is.
 */

type PageConfig = {
  /** Request path, e.g. `/` */
  path: string
  /** File with the page's bytes, uncompressed */
  file: string
  mode: 'gzip' | 'spliced' | 'static'
  /** For `spliced`: the nonce of the response the bytes were taken from */
  nonce?: string
}
type Config = { pages: PageConfig[] }

const config = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as Config

type Page = { mode: PageConfig['mode']; body: Buffer; gzipped: Buffer; spliced: ((nonce: Buffer) => Buffer) | null; nonce: Buffer }

const pages = new Map<string, Page>()
for (const page of config.pages) {
  const body = fs.readFileSync(page.file)
  const nonce = Buffer.from(page.nonce ?? '', 'utf8')
  const pieces: DeflatedPart[] = []
  if (page.mode === 'spliced') {
    let at = 0
    for (let next = body.indexOf(nonce, at); nonce.length > 0 && next !== -1; next = body.indexOf(nonce, at)) {
      pieces.push(deflatePart(body.subarray(at, next)))
      at = next + nonce.length
    }
    pieces.push(deflatePart(body.subarray(at)))
  }
  const spliced = page.mode === 'spliced' && nonce.length > 0 ? gzipTemplate(pieces, nonce.length).fill : null
  pages.set(page.path, { mode: page.mode, body, gzipped: zlib.gzipSync(body, { level: 1 }), spliced, nonce })
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
    const body = page.spliced ? page.spliced(page.nonce) : page.gzipped
    res.setHeader('Content-Length', body.length)
    res.end(body)
  }
})

server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  console.log(`FLOOR-HTTP ${typeof address === 'object' && address ? address.port : 0}`)
})
process.on('SIGTERM', () => {
  server.close(() => process.exit(0))
  server.closeAllConnections()
  setTimeout(() => process.exit(0), 2_000).unref()
})
