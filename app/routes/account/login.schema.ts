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

const SITE = 'http://zielwerk.invalid'

/**
 * Only paths of this site. The target is resolved against a fixed origin and must stay on it; control characters
 * (a tab or newline, which browsers strip, turning "/\t/evil.example" into "//evil.example"), whitespace and
 * backslashes (read as slashes) are refused outright.
 */
export function safeRedirect(to: string | null | undefined, fallback = '/'): string {
  // Control characters are exactly what this refuses.
  // oxlint-disable-next-line no-control-regex
  if (!to || !to.startsWith('/') || /[\u0000-\u0020\u007f\\]/.test(to)) return fallback
  let url: URL
  try {
    url = new URL(to, SITE)
  } catch {
    return fallback
  }
  if (url.origin !== SITE || url.pathname.startsWith('//')) return fallback
  return url.pathname + url.search + url.hash
}
