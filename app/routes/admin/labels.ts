import type { MessageKey } from '~/shared/i18n/index'

/** Role keys as in db/schema.ts ROLES (UI modules do not import db/), in the order the forms offer them. */
export const ROLE_KEYS = ['admin', 'commissioner', 'coordinator', 'editor', 'participant', 'viewer'] as const
export type RoleKey = (typeof ROLE_KEYS)[number]

export const ROLE_LABEL: Record<RoleKey, MessageKey> = {
  admin: 'roleAdmin',
  commissioner: 'roleCommissioner',
  coordinator: 'roleCoordinator',
  editor: 'roleEditor',
  participant: 'roleParticipant',
  viewer: 'roleViewer',
}

/** Only unit editors belong to a unit (server/services/admin/users.ts UNIT_ROLES); the form says so next to the field. */
export const UNIT_ROLE: RoleKey = 'editor'

export const ROUND_STATE_LABEL: Record<'draft' | 'open' | 'closed', MessageKey> = {
  draft: 'roundDraft',
  open: 'roundOpen',
  closed: 'roundClosed',
}

/** What every action on the admin pages answers: which form it was, and errors or a confirmation for it. */
export type ActionResult = { intent: string; target?: number; errors?: Record<string, string>; success?: string }

/** The errors and message that belong to one form on a page with several. */
export function resultFor(result: ActionResult | undefined, intent: string, target?: number) {
  if (!result || result.intent !== intent || (target !== undefined && result.target !== target)) return { errors: {} as Record<string, string> }
  return { errors: result.errors ?? {}, success: result.success }
}
