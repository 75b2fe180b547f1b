import path from 'node:path'
import { z } from 'zod'

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: z.coerce
    .number({ message: 'PORT muss eine Zahl sein' })
    .int()
    .min(0, 'PORT muss zwischen 0 und 65535 liegen')
    .max(65535, 'PORT muss zwischen 0 und 65535 liegen')
    .default(3000),
  HOST: z.string().default('0.0.0.0'),
  ZIELWERK_DATA_DIR: z.string().min(1).default('./data'),
  /** Public origin(s), comma-separated, e.g. https://zielwerk.landkreis-osnabrueck.de. Without it the
   * request's own Host is the only accepted origin. https here also turns on Secure cookies. */
  ZIELWERK_ORIGIN: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v) return []
      const list = v.split(',').map((s) => s.trim()).filter(Boolean)
      for (const item of list) {
        if (!URL.canParse(item)) {
          ctx.addIssue({ code: 'custom', message: `ZIELWERK_ORIGIN enthält keine gültige URL: ${item}` })
          return z.NEVER
        }
      }
      return list.map((item) => new URL(item).origin)
    }),
  /** Which proxy's forwarded headers (X-Forwarded-For, X-Forwarded-Proto) to believe: express' "trust proxy",
   * e.g. loopback, 10.0.0.5, 10.0.0.0/8 (comma-separated) or a number of hops. Without it: nobody's. */
  ZIELWERK_TRUST_PROXY: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const value = v?.trim()
      if (!value) return false as const
      if (/^\d{1,2}$/.test(value)) return Number(value)
      const parts = value.split(',').map((s) => s.trim()).filter(Boolean)
      const valid = /^(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)$/
      const bad = parts.find((p) => !valid.test(p))
      if (bad) {
        ctx.addIssue({ code: 'custom', message: `ZIELWERK_TRUST_PROXY enthält „${bad}“: erlaubt sind loopback, linklocal, uniquelocal, IP-Adressen oder Netze (z. B. 10.0.0.0/8) oder eine Anzahl von Proxys` })
        return z.NEVER
      }
      return parts
    }),
  /** How far the narratives in the overview's tables may trail the typing, ms (projection-narratives.ts). */
  ZIELWERK_NARRATIVE_DELAY_MS: z.coerce
    .number({ message: 'ZIELWERK_NARRATIVE_DELAY_MS muss eine Zahl sein (Millisekunden)' })
    .int('ZIELWERK_NARRATIVE_DELAY_MS muss eine ganze Zahl sein')
    .min(0, 'ZIELWERK_NARRATIVE_DELAY_MS darf nicht negativ sein')
    .max(60_000, 'ZIELWERK_NARRATIVE_DELAY_MS darf höchstens 60000 sein')
    .default(500),
  /** While exports run, the server keeps off the export process's cores, and has them back this long after the last
   * one (server/exports/core-reservation.ts); `off`: the server keeps every core. */
  ZIELWERK_CORE_RESERVATION_MS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const value = v?.trim()
      if (!value) return 500
      if (value === 'off') return null
      if (!/^\d{1,5}$/.test(value) || Number(value) > 60_000) {
        ctx.addIssue({ code: 'custom', message: `ZIELWERK_CORE_RESERVATION_MS muss eine ganze Zahl von 0 bis 60000 (Millisekunden) oder off sein, nicht „${value}“` })
        return z.NEVER
      }
      return Number(value)
    }),
  ZIELWERK_ADMIN_EMAIL: z.email('ZIELWERK_ADMIN_EMAIL ist keine gültige E-Mail-Adresse').default('admin@zielwerk.local'),
  /** smtp://user:pass@host:587 or smtps://…:465. Without it reminders reach people in the app only. */
  ZIELWERK_SMTP_URL: z
    .string()
    .optional()
    .transform((v) => v?.trim() || undefined)
    .refine((v) => v === undefined || (URL.canParse(v) && ['smtp:', 'smtps:'].includes(new URL(v).protocol)), {
      message: 'ZIELWERK_SMTP_URL muss eine smtp://- oder smtps://-Adresse sein, z. B. smtp://benutzer:passwort@mail.lkos.de:587',
    }),
  /** The sender of reminder e-mails, e.g. "Zielwerk <zielwerk@lkos.de>". */
  ZIELWERK_MAIL_FROM: z
    .string()
    .optional()
    .transform((v) => v?.trim() || undefined)
    .refine((v) => v === undefined || /[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+/.test(v), {
      message: 'ZIELWERK_MAIL_FROM enthält keine E-Mail-Adresse, z. B. Zielwerk <zielwerk@lkos.de>',
    }),
  /** The address people open Zielwerk under, for links in e-mails; else the first ZIELWERK_ORIGIN, else the request's. */
  ZIELWERK_PUBLIC_URL: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const value = v?.trim()
      if (!value) return undefined
      if (!URL.canParse(value) || !['http:', 'https:'].includes(new URL(value).protocol)) {
        ctx.addIssue({ code: 'custom', message: `ZIELWERK_PUBLIC_URL ist keine gültige http(s)-Adresse: ${value}` })
        return z.NEVER
      }
      return new URL(value).origin
    }),
}).superRefine((env, ctx) => {
  if (env.ZIELWERK_SMTP_URL && !env.ZIELWERK_MAIL_FROM) {
    ctx.addIssue({ code: 'custom', path: ['ZIELWERK_MAIL_FROM'], message: 'ZIELWERK_MAIL_FROM fehlt: Mit ZIELWERK_SMTP_URL braucht es einen Absender, z. B. Zielwerk <zielwerk@lkos.de>' })
  }
})

export type Env = z.infer<typeof EnvSchema> & { dbFile: string; secureCookies: boolean }

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `- ${i.path.join('.')}: ${i.message}`)
    throw new Error(`Ungültige Konfiguration:\n${lines.join('\n')}`)
  }
  const env = parsed.data
  const dataDir = path.resolve(env.ZIELWERK_DATA_DIR)
  return {
    ...env,
    ZIELWERK_DATA_DIR: dataDir,
    dbFile: path.join(dataDir, 'zielwerk.sqlite'),
    secureCookies: env.ZIELWERK_ORIGIN.some((o) => o.startsWith('https:')),
  }
}
