import { z } from 'zod'
import { translateKey, type MessageKey, type T } from './i18n'

export type FieldErrors = Record<string, string>

/**
 * What every form action answers (server/http/actions.ts builds it, app/ui/action-result.ts reads it): which form it
 * was (`intent`, and `target` when a page has a form per row), the field errors in the user's language next to their
 * fields, or a confirmation; `values` gives a failed form its input back.
 */
export type ActionResult = { intent?: string; target?: number; errors?: FieldErrors; success?: string; values?: Record<string, string> }

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors }

/**
 * Validation messages travel through Zod as one string: a message key with its values, translated by parseForm into
 * the request's language. A value `{ $t: key }` is itself translated (a field's label).
 */
type MessageValue = string | number | { $t: MessageKey | (string & {}) }
const MARK = '\u0001'
export const msg = (key: MessageKey, values: Record<string, MessageValue> = {}): string => `${MARK}${JSON.stringify([key, values])}`
/** A field's label as a message value (translated with the message). */
export const label = (key: MessageKey | (string & {})) => ({ $t: key })

/** A Zod message in the language of `t`; messages that are not keys (Zod's own) pass as they are. */
export function translateMessage(t: T, message: string): string {
  if (!message.startsWith(MARK)) return message
  const [key, values] = JSON.parse(message.slice(MARK.length)) as [string, Record<string, MessageValue>]
  const resolved = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'object' ? translateKey(t, v.$t) : v]))
  return translateKey(t, key, resolved)
}

/** Validates a submission against its schema; the first message per field, in the language of `t`, for next to the field. */
export function parseForm<S extends z.ZodType>(schema: S, input: FormData | Record<string, unknown>, t: T): FormResult<z.infer<S>> {
  const raw = input instanceof FormData ? Object.fromEntries(input) : input
  const parsed = schema.safeParse(raw)
  if (parsed.success) return { ok: true, data: parsed.data }
  const errors: FieldErrors = {}
  for (const issue of parsed.error.issues) {
    const key = issue.path.join('.') || 'form'
    errors[key] ??= translateMessage(t, issue.message)
  }
  return { ok: false, errors }
}

type Label = MessageKey | (string & {})

/** Trimmed required text. */
export const requiredText = (name: Label, max = 200) =>
  z
    .string({ message: msg('validation:missing', { label: label(name) }) })
    .trim()
    .min(1, msg('validation:missing', { label: label(name) }))
    .max(max, msg('validation:tooLong', { label: label(name), max }))

export const emailField = z
  .string({ message: msg('validation:emailMissing') })
  .trim()
  .toLowerCase()
  .min(1, msg('validation:emailMissing'))
  .pipe(z.email(msg('validation:emailInvalid')))

export const newPasswordField = z
  .string({ message: msg('validation:passwordMissing') })
  .min(12, msg('validation:passwordTooShort', { min: 12 }))
  .max(200, msg('validation:passwordTooLong', { max: 200 }))

/** A positive whole number: a form's id field. */
export const idField = (name: Label) =>
  z.coerce
    .number({ message: msg('validation:invalid', { label: label(name) }) })
    .int(msg('validation:invalid', { label: label(name) }))
    .positive(msg('validation:invalid', { label: label(name) }))
    .max(MAX_ID, msg('validation:invalid', { label: label(name) }))

/** The largest id a route parameter or form field may name (SQLite's ids stay far below). */
export const MAX_ID = 2 ** 31 - 1
/** A route's id parameter (/sitzungen/:id): a positive whole number without sign, leading zeros or decimals. */
export const IdParam = z.string().regex(/^[1-9][0-9]{0,9}$/).transform(Number).pipe(z.number().max(MAX_ID))

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

/** A calendar date as <input type="date"> sends it (JJJJ-MM-TT), between 2000 and 2100. */
export const dateField = (name: Label) =>
  z
    .string({ message: msg('validation:missing', { label: label(name) }) })
    .trim()
    .min(1, msg('validation:missing', { label: label(name) }))
    .refine((v) => ISO_DATE.test(v), msg('validation:dateFormat'))
    .refine((v) => !ISO_DATE.test(v) || new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), msg('validation:dateMissingDay'))
    .refine((v) => !ISO_DATE.test(v) || (v >= '2000-01-01' && v <= '2100-12-31'), msg('validation:dateRange'))

/** An optional time of day as HH:MM; empty gives null. */
export const timeField = z.preprocess(
  (v) => v ?? '',
  z
    .string({ message: msg('validation:timeFormat') })
    .trim()
    .refine((v) => v === '' || /^([01]\d|2[0-3]):[0-5]\d$/.test(v), msg('validation:timeFormat'))
    .transform((v) => (v === '' ? null : v)),
)
