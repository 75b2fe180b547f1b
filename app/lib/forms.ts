import { z } from 'zod'

export type FieldErrors = Record<string, string>
export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors }

/** Validates a submission against its schema; the first message per field, in German, for next to the field. */
export function parseForm<S extends z.ZodType>(schema: S, input: FormData | Record<string, unknown>): FormResult<z.infer<S>> {
  const raw = input instanceof FormData ? Object.fromEntries(input) : input
  const parsed = schema.safeParse(raw)
  if (parsed.success) return { ok: true, data: parsed.data }
  const errors: FieldErrors = {}
  for (const issue of parsed.error.issues) {
    const key = issue.path.join('.') || 'form'
    errors[key] ??= issue.message
  }
  return { ok: false, errors }
}

/** Trimmed required text with a German message. */
export const requiredText = (label: string, max = 200) =>
  z
    .string({ message: `${label} fehlt.` })
    .trim()
    .min(1, `${label} fehlt.`)
    .max(max, `${label} darf höchstens ${max} Zeichen lang sein.`)

export const emailField = z
  .string({ message: 'E-Mail fehlt.' })
  .trim()
  .toLowerCase()
  .min(1, 'E-Mail fehlt.')
  .pipe(z.email('Bitte eine gültige E-Mail-Adresse angeben, z. B. name@lkos.de.'))

export const newPasswordField = z
  .string({ message: 'Passwort fehlt.' })
  .min(12, 'Das Passwort muss mindestens 12 Zeichen lang sein.')
  .max(200, 'Das Passwort darf höchstens 200 Zeichen lang sein.')

export const idField = (label: string) =>
  z.coerce.number({ message: `${label} ist ungültig.` }).int(`${label} ist ungültig.`).positive(`${label} ist ungültig.`)
