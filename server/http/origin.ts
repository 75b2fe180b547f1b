import type { IncomingHttpHeaders } from 'node:http'

/**
 * A request may change state only when it comes from Zielwerk's own pages: its Origin (or, failing that, its
 * Sec-Fetch-Site) must be one of the allowed origins. Used for HTTP requests and for the WebSocket upgrade alike.
 *
 * The allowed origins are configured (ZIELWERK_ORIGIN), never taken from the request: a client chooses its Host
 * and X-Forwarded-Host freely (and DNS rebinding delivers a foreign Host to a local server), so an Origin that
 * merely matches the request's own Host proves nothing. Without ZIELWERK_ORIGIN only loopback origins on the app's
 * own port are allowed, so `npm start` works on one's own machine and nowhere else.
 * Requests without Origin and Sec-Fetch-Site (curl, server-to-server) carry no browser's cookies by accident and pass.
 */
export function isAllowedOrigin(headers: IncomingHttpHeaders, allowed: readonly string[]): boolean {
  const origin = headers.origin
  if (origin !== undefined) return origin !== 'null' && allowed.includes(origin)
  const site = headers['sec-fetch-site']
  return !site || site === 'same-origin' || site === 'none'
}

/** The loopback origins of a server on `port`: what a browser on the same machine sends. */
export function loopbackOrigins(port: number): string[] {
  return ['localhost', '127.0.0.1', '[::1]'].flatMap((host) => [
    port === 80 ? `http://${host}` : `http://${host}:${port}`,
    port === 443 ? `https://${host}` : `https://${host}:${port}`,
  ])
}

/** The origins Zielwerk accepts: the configured ones, else the loopback ones on the listening port. */
export function allowedOrigins(configured: readonly string[], port: number): string[] {
  return configured.length > 0 ? [...configured] : loopbackOrigins(port)
}
