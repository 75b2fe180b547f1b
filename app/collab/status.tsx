import { useTranslation } from 'react-i18next'
import type { T } from '~/shared/i18n'
import type { LiveDocument } from '~/collab/connection'
import { usePresence, type PresenceRole } from '~/collab/use-live'

const PRESENCE_ROLES: readonly PresenceRole[] = ['admin', 'commissioner', 'coordinator', 'participant', 'viewer']
const isPresenceRole = (role: unknown): role is PresenceRole => (PRESENCE_ROLES as readonly unknown[]).includes(role)

/** What every live page shows: the save state of its documents, and who else is here. */

type State = 'saved' | 'saving' | 'offline' | 'connecting' | 'rejected'

/**
 * The save state of the page's documents. `readOnly` (every document opened read-only) turns "Gespeichert" into
 * "Nur lesen": there is nothing of the user's to save. `data-save-state` stays the connection's state (saved:
 * everything is in sync), `data-access` says whether the user writes. `refusalShown`: a refused change is explained
 * beside the editor concerned (RefusalNotice), so this only points there.
 */
export function SaveIndicator({ state, readOnly = false, refusalShown = false }: { state: State; readOnly?: boolean; refusalShown?: boolean }) {
  const { t } = useTranslation()
  const text = saveText(state, readOnly, refusalShown, t)
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

function saveText(state: State, readOnly: boolean, refusalShown: boolean, t: T): string {
  if (state === 'rejected') return refusalShown ? t('common:ui.save.rejectedShort') : t('common:ui.save.rejected')
  if (!readOnly) return t(`common:ui.save.${state}`)
  // A reader has nothing to save: what matters is whether the page is up to date.
  if (state === 'saved') return t('common:ui.save.readOnly')
  if (state === 'offline') return t('common:ui.save.readOnlyOffline')
  return t('common:ui.save.connecting')
}

/**
 * Beside the editor whose change the server refused (close code 4413 too large, 4422 invalid, 4423 round closed,
 * 4424 meeting not running): what happened to what the user just typed, and what to do.
 */
export function RefusalNotice({ code }: { code: number }) {
  const { t } = useTranslation()
  const reason =
    code === 4413
      ? t('common:ui.refusal.tooLarge')
      : code === 4423
        ? t('common:ui.refusal.roundClosed')
        : code === 4424
          ? t('common:ui.refusal.meetingNotRunning')
          : t('common:ui.refusal.invalid')
  return (
    <div role="alert" data-refusal={code} className="mt-2 space-y-2 rounded-md border border-red-700 bg-red-50 px-3 py-2 text-sm text-red-900">
      <p>
        <span aria-hidden="true">⚠ </span>
        {reason} {t('common:ui.refusal.notSaved')}
      </p>
      <button type="button" className="btn-secondary" onClick={() => window.location.reload()}>
        {t('common:ui.reload')}
      </button>
    </div>
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
