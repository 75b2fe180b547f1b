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

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

/** A calendar date as JJJJ-MM-TT (what <input type="date"> sends), between 2000 and 2100. */
export const dateField = (label: string) =>
  z
    .string({ message: `${label} fehlt.` })
    .trim()
    .min(1, `${label} fehlt.`)
    .refine((v) => ISO_DATE.test(v), 'Bitte das Datum als JJJJ-MM-TT angeben, z. B. 2027-03-31.')
    .refine((v) => !ISO_DATE.test(v) || new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'Dieses Datum gibt es nicht.')
    .refine((v) => !ISO_DATE.test(v) || (v >= '2000-01-01' && v <= '2100-12-31'), 'Das Datum muss zwischen 2000 und 2100 liegen.')

/** An optional time of day as HH:MM; empty gives null. */
export const timeField = z.preprocess(
  (v) => v ?? '',
  z
    .string({ message: 'Bitte die Uhrzeit als HH:MM angeben, z. B. 09:30.' })
    .trim()
    .refine((v) => v === '' || /^([01]\d|2[0-3]):[0-5]\d$/.test(v), 'Bitte die Uhrzeit als HH:MM angeben, z. B. 09:30.')
    .transform((v) => (v === '' ? null : v)),
)
