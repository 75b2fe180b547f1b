import { z } from 'zod'

export const LoginSchema = z.object({
  email: z
    .string({ message: 'Bitte E-Mail angeben.' })
    .trim()
    .toLowerCase()
    .min(1, 'Bitte E-Mail angeben.')
    .max(254, 'Die E-Mail-Adresse ist zu lang.'),
  password: z.string({ message: 'Bitte Passwort angeben.' }).min(1, 'Bitte Passwort angeben.').max(200, 'Das Passwort ist zu lang.'),
  redirectTo: z.string().optional(),
})

/** Only paths of this site: no scheme, no protocol-relative `//host`, no backslash tricks. */
export function safeRedirect(to: string | null | undefined, fallback = '/'): string {
  if (!to || !to.startsWith('/') || to.startsWith('//') || to.includes('\\')) return fallback
  return to
}
