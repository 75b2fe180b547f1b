import { data, type RouterContextProvider } from 'react-router'
import type { ActionResult, FieldErrors } from '../../app/shared/forms'
import { getT } from '../auth/require'
import { Refusal } from '../services/refusal'

/**
 * The answers of form actions, one shape for every page (app/ui/action-result.ts): a confirmation, or the field
 * errors with status 400 (nothing changed). Messages are in the request's language.
 */

type Ctx = Readonly<RouterContextProvider>
type Which = { intent?: string; target?: number; values?: Record<string, string> }

export function done(success: string, which: Which = {}): ActionResult {
  return { ...which, success }
}

export function refused(errors: FieldErrors, which: Which = {}) {
  return data<ActionResult>({ ...which, errors }, { status: 400 })
}

/** A service's refusal as the form's error, translated; anything else is a real error and is thrown on. */
export function refusalOf(context: Ctx, error: unknown, which: Which = {}) {
  if (!(error instanceof Refusal)) throw error
  return refused({ [error.field]: error.text(getT(context)) }, which)
}

/** The submitted text fields, to give a failed form its input back. */
export function formValues(form: FormData): Record<string, string> {
  return Object.fromEntries([...form.entries()].flatMap(([key, value]) => (typeof value === 'string' ? [[key, value]] : [])))
}
