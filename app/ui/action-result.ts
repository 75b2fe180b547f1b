import { useActionData } from 'react-router'
import type { ActionResult, FieldErrors } from '~/shared/forms'

export type { ActionResult, FieldErrors } from '~/shared/forms'

/** The errors and confirmation that belong to one form on a page with several (or to the page's only form). */
export function resultFor(result: ActionResult | undefined, intent?: string | readonly string[], target?: number) {
  const intents = intent === undefined ? undefined : typeof intent === 'string' ? [intent] : intent
  const mine = !!result && (!intents || (result.intent !== undefined && intents.includes(result.intent))) && (target === undefined || result.target === target)
  return mine ? { errors: result.errors ?? {}, success: result.success, values: result.values, intent: result.intent } : { errors: {} as FieldErrors }
}

/** The last action's result for this form (see resultFor). */
export function useActionResult(intent?: string | readonly string[], target?: number) {
  return resultFor(useActionData() as ActionResult | undefined, intent, target)
}
