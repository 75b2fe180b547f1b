/**
 * TODO(integration): the rounds page (app/routes/rounds/rounds.tsx) still imports these from here; the admin pages
 * use app/ui/action-result.ts. Delete this file once rounds switches too.
 */
export { resultFor } from '~/ui/action-result'
export type { ActionResult } from '~/shared/forms'
