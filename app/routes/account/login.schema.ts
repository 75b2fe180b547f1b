import { z } from 'zod'
import { msg } from '~/shared/forms'

export const LoginSchema = z.object({
  email: z
    .string({ message: msg('account:login.emailMissing') })
    .trim()
    .toLowerCase()
    .min(1, msg('account:login.emailMissing'))
    .max(254, msg('account:login.emailTooLong')),
  password: z.string({ message: msg('account:login.passwordMissing') }).min(1, msg('account:login.passwordMissing')).max(200, msg('account:login.passwordTooLong')),
  redirectTo: z.string().optional(),
})

/** Only paths of this site: no scheme, no protocol-relative `//host`, no backslash tricks. */
export function safeRedirect(to: string | null | undefined, fallback = '/'): string {
  if (!to || !to.startsWith('/') || to.startsWith('//') || to.includes('\\')) return fallback
  return to
}
