import { useTranslation } from 'react-i18next'
import type { LiveDocument } from '~/collab/connection'
import { usePresence, type PresenceRole } from '~/collab/use-live'

const PRESENCE_ROLES: readonly PresenceRole[] = ['admin', 'commissioner', 'coordinator', 'participant', 'viewer']
const isPresenceRole = (role: unknown): role is PresenceRole => (PRESENCE_ROLES as readonly unknown[]).includes(role)

/** What every live page shows: the save state of its documents, and who else is here. */

type State = 'saved' | 'saving' | 'offline' | 'connecting' | 'rejected'

/**
 * The save state of the page's documents. `readOnly` (every document opened read-only) turns "Gespeichert" into
 * "Nur lesen": there is nothing of the user's to save. `data-save-state` stays the connection's state (saved:
 * everything is in sync), `data-access` says whether the user writes.
 */
export function SaveIndicator({ state, readOnly = false }: { state: State; readOnly?: boolean }) {
  const { t } = useTranslation()
  const text = !readOnly
    ? t(`common:ui.save.${state}`)
    : state === 'saved'
      ? t('common:ui.save.readOnly')
      : state === 'offline'
        ? t('common:ui.save.readOnlyOffline')
        : state === 'rejected'
          ? t('common:ui.save.rejected')
          : t('common:ui.save.connecting')
  const style =
    state === 'saved' && !readOnly
      ? 'border-green-700 bg-green-50 text-green-900'
      : state === 'offline' || state === 'rejected'
        ? 'border-red-700 bg-red-50 text-red-900'
        : 'border-slate-500 bg-white text-slate-800'
  const symbol = state === 'offline' || state === 'rejected' ? '⚠ ' : state !== 'saved' ? '… ' : readOnly ? '' : '✓ '
  return (
    <p
      role="status"
      aria-live="polite"
      data-save-state={state}
      data-access={readOnly ? 'read' : 'write'}
      className={`max-w-md rounded-md border px-3 py-1.5 text-sm font-medium ${style}`}
    >
      {symbol ? <span aria-hidden="true">{symbol}</span> : null}
      {text}
    </p>
  )
}

export function Presence({ live, heading }: { live: LiveDocument | undefined; heading: string }) {
  const { t } = useTranslation()
  const users = usePresence(live)
  return (
    <section aria-label={t('common:ui.presence.label')}>
      <h2 className="text-sm font-semibold">{heading}</h2>
      <ul className="mt-1 flex flex-wrap gap-2" data-testid="presence">
        {users.map((u) => {
          // A role is what another browser sent: only the known ones are named.
          const unit = u.unit || (isPresenceRole(u.role) ? t(`common:ui.presence.role.${u.role}`) : '')
          return (
            <li key={u.clientId} className="inline-flex items-center gap-1.5 rounded-full border border-slate-400 bg-white px-2 py-0.5 text-sm">
              <span aria-hidden="true" className="h-2.5 w-2.5 rounded-full" style={{ backgroundColor: u.color }} />
              {u.name}
              {unit ? <span className="text-slate-700">({unit})</span> : null}
            </li>
          )
        })}
      </ul>
    </section>
  )
}
