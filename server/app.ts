import { createRequestHandler } from '@react-router/express'
import compression from 'compression'
import express from 'express'
import helmet from 'helmet'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { RouterContextProvider, type ServerBuild } from 'react-router'
import { authenticate } from './auth/actor'
import { sessionCookie } from './auth/session'
import { i18nFor } from '../app/shared/i18n/resources'
import { authContext, clientAddressContext, i18nContext, keptRequestContext, nonceContext, serverMarkupContext, servicesContext, type Services } from './context'
import { documentBody, keptDocuments, keptRequestKey } from './http/document-cache'
import { acceptsGzip } from './http/gzip-splice'
import { requestLocale } from './http/language'
import { isAllowedOrigin } from './http/origin'
import { dataVersion } from './services/read-cache'

/** The HTTP side of the process: security headers, Origin check, session, static files, React Router. */
export function createApp(services: Services, clientDir: string) {
  const app = express()
  app.disable('x-powered-by')
  // Forwarded headers (client address, protocol) only from a configured proxy; never from anyone else.
  app.set('trust proxy', services.env.ZIELWERK_TRUST_PROXY)

  app.use((_req, res, next) => {
    res.locals.nonce = crypto.randomBytes(16).toString('base64')
    next()
  })
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as express.Response).locals.nonce}'`],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          fontSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      strictTransportSecurity: services.env.secureCookies,
      referrerPolicy: { policy: 'same-origin' },
      crossOriginEmbedderPolicy: false,
    }),
  )

  // Every state-changing request from a foreign page is refused, resource routes included (React Router's
  // own check covers only UI routes' actions).
  app.use((req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next()
    if (!isAllowedOrigin(req.headers, services.origins)) {
      res.status(403).type('text/plain; charset=utf-8').send('Anfrage abgelehnt: Sie kommt nicht von Zielwerk selbst (fremde Herkunft).')
      return
    }
    next()
  })

  app.get('/healthz', (_req, res) => {
    let database = 'ok'
    try {
      services.db.$client.prepare('select 1').get()
    } catch {
      database = 'error'
    }
    res.status(database === 'ok' ? 200 : 503).json({ status: database === 'ok' ? 'ok' : 'error', database })
  })

  // Event streams must not be buffered by compression (server/events/sse.ts).
  // Level 1: HTML compresses nearly as well and several times faster than the default 6 (CPU per request).
  const isEventStream = (res: express.Response) => String(res.getHeader('Content-Type') ?? '').startsWith('text/event-stream')
  app.use(compression({ level: 1, filter: (req, res) => !isEventStream(res) && compression.filter(req, res) }))
  app.use('/assets', express.static(path.join(clientDir, 'assets'), { immutable: true, maxAge: '1y', index: false }))
  // Other files of the client build, at the top level (a favicon, robots.txt): only the names the build has, listed
  // once at start, so that no other request (a page, an export such as /runden/1/uebersicht.pdf) pays for a stat
  // and a 404 error object on its way to React Router.
  const clientFiles = express.static(clientDir, { maxAge: '1h', index: false })
  const topLevelFiles = new Set(fs.existsSync(clientDir) ? fs.readdirSync(clientDir, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => `/${e.name}`) : [])
  app.use((req, res, next) => (topLevelFiles.has(req.path) ? clientFiles(req, res, next) : next()))

  // What was typed a moment ago is in the tables before any page, export or action reads them (a no-op when no
  // narrative waits; see server/collab/extensions/projection-narratives.ts).
  app.use((_req, _res, next) => {
    services.live.flush()
    next()
  })

  app.use((req, res, next) => {
    const auth = authenticate(services.db, req.headers.cookie)
    if (auth?.validated.renewed) {
      res.append('Set-Cookie', sessionCookie(auth.token, auth.validated.session.expiresAt, services.env.secureCookies))
    }
    res.locals.auth = auth ? { user: auth.user, actor: auth.actor, sessionId: auth.sessionId } : null
    next()
  })

  // Server-Timing for the benchmark (tests/bench/ssr.ts) and the browser's devtools: the time React Router
  // took until the response head (loaders + rendering the shell), without network and compression.
  app.use((_req, res, next) => {
    const start = performance.now()
    const writeHead = res.writeHead
    res.writeHead = function (this: typeof res, ...args: Parameters<typeof writeHead>) {
      if (!res.headersSent) res.setHeader('Server-Timing', `app;dur=${(performance.now() - start).toFixed(1)}`)
      return writeHead.apply(this, args)
    } as typeof writeHead
    next()
  })

  // A page that keeps its document, asked for again in the same state (address, language, user, database
  // version), is answered from the kept document before React Router runs (server/http/document-cache.ts).
  app.use((req, res, next) => {
    if (req.method !== 'GET' || !keptDocuments.keepsPath(req.path)) return next()
    const locale = requestLocale(req.headers.cookie)
    const url = `${req.protocol}://${req.hostname}|${req.get('host') ?? ''}${req.originalUrl}`
    const request = keptRequestKey({ url, locale, userId: res.locals.auth?.user.id ?? null }, dataVersion(services.db))
    const remembered = keptDocuments.recall(request.key)
    if (!remembered) {
      res.locals.keptRequest = request
      return next()
    }
    const gzip = acceptsGzip(req.headers['accept-encoding'])
    const body = documentBody(remembered.document, res.locals.nonce, gzip)
    for (const [name, value] of remembered.headers) res.append(name, value)
    res.setHeader('Content-Type', 'text/html; charset=utf-8')
    if (gzip) res.setHeader('Content-Encoding', 'gzip')
    res.append('Vary', 'Accept-Encoding')
    res.setHeader('Content-Length', body.length)
    res.end(body)
  })

  // React Router gets the build itself, not a function returning it: given a function, it re-derives its routes
  // and static handler on every request (meant for development reloads), which cost more than a small page.
  let reactRouter: Promise<express.RequestHandler> | undefined
  const handlerFor = (build: ServerBuild) =>
    createRequestHandler({
      build,
      mode: services.env.NODE_ENV === 'development' ? 'development' : 'production',
      getLoadContext(req, res) {
        const context = new RouterContextProvider()
        context.set(servicesContext, services)
        context.set(authContext, res.locals.auth ?? null)
        context.set(nonceContext, res.locals.nonce ?? '')
        context.set(i18nContext, i18nFor(requestLocale(req.headers.cookie)))
        context.set(clientAddressContext, req.ip ?? '')
        // Markup rendered in advance goes into documents only; a data request (React Router's `.data` URLs, a
        // navigation in the browser) gets the data itself.
        context.set(serverMarkupContext, req.path.endsWith('.data') ? null : new Map())
        context.set(keptRequestContext, res.locals.keptRequest ?? null)
        return context
      },
    })
  app.use((req, res, next) => {
    reactRouter ??= import('virtual:react-router/server-build').then(handlerFor)
    reactRouter.then((handler) => handler(req, res, next), next)
  })
  return app
}
