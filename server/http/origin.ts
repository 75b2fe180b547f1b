import type { IncomingHttpHeaders } from 'node:http'

/**
 * A request may change state only when it comes from Zielwerk's own pages: its Origin (or, failing that, its
 * Sec-Fetch-Site) must name this server. Used for HTTP requests and for the WebSocket upgrade alike.
 * Requests without either header (curl, server-to-server) carry no browser's cookies by accident and pass.
 */
export function isAllowedOrigin(headers: IncomingHttpHeaders, configured: string[], protocol = 'http'): boolean {
  const origin = headers.origin
  if (origin && origin !== 'null') {
    if (configured.length > 0) return configured.includes(origin)
    const host = headers['x-forwarded-host'] ?? headers.host
    if (!host) return false
    return origin === `${protocol}://${host}` || origin === `http://${host}` || origin === `https://${host}`
  }
  if (origin === 'null') return false
  const site = headers['sec-fetch-site']
  return !site || site === 'same-origin' || site === 'none'
}
