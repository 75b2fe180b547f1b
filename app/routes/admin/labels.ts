/** What every action on the admin pages answers: which form it was, and errors or a confirmation for it. */
export type ActionResult = { intent: string; target?: number; errors?: Record<string, string>; success?: string }

/** The errors and message that belong to one form on a page with several. */
export function resultFor(result: ActionResult | undefined, intent: string, target?: number) {
  if (!result || result.intent !== intent || (target !== undefined && result.target !== target)) return { errors: {} as Record<string, string> }
  return { errors: result.errors ?? {}, success: result.success }
}
