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
  ZIELWERK_ADMIN_EMAIL: z.email('ZIELWERK_ADMIN_EMAIL ist keine gültige E-Mail-Adresse').default('admin@zielwerk.local'),
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
