import { useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { T } from '~/shared/i18n'
import type { LiveDocument, Refusal } from '~/collab/connection'
import type { Unsaved } from '~/collab/unsaved'
import { attainmentLabel, flagLabel, type Flag } from '~/shared/vocabulary'
import { useAccess, usePresence, type PresenceRole } from '~/collab/use-live'

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
 * 4424 meeting not running, 4410 rights changed): what happened to what the user just typed, and that text, to
 * copy, while the editor shows what the server stored.
 */
export function RefusalNotice({ code, unsaved }: { code: number; unsaved: Unsaved | 'checking' }) {
  const { t } = useTranslation()
  const reason =
    code === 4413
      ? t('common:ui.refusal.tooLarge')
      : code === 4423
        ? t('common:ui.refusal.roundClosed')
        : code === 4424
          ? t('common:ui.refusal.meetingNotRunning')
          : code === 4410
            ? t('common:ui.refusal.accessChanged')
            : t('common:ui.refusal.invalid')
  const marks = unsaved === 'checking' ? [] : (Object.entries(unsaved.marks) as [Flag, boolean | null][])
  return (
    <div role="alert" data-refusal={code} className="mt-2 space-y-2 rounded-md border border-red-700 bg-red-50 px-3 py-2 text-sm text-red-900">
      <p>
        <span aria-hidden="true">⚠ </span>
        {reason} {t('common:ui.refusal.notSaved')}
      </p>
      {unsaved === 'checking' ? <p>{t('common:ui.refusal.checking')}</p> : null}
      {unsaved !== 'checking' && unsaved.attainment !== undefined ? (
        <p data-unsaved-rating={unsaved.attainment ?? 'none'}>{t('common:ui.refusal.unsavedRating', { value: t(attainmentLabel(unsaved.attainment)) })}</p>
      ) : null}
      {marks.length > 0 ? (
        <p>
          {t('common:ui.refusal.unsavedMarks', {
            marks: marks.map(([flag, on]) => `${t(flagLabel(flag))} (${on ? t('common:ui.refusal.markOn') : t('common:ui.refusal.markOff')})`).join(', '),
          })}
        </p>
      ) : null}
      {unsaved !== 'checking' && unsaved.text !== null ? <UnsavedText text={unsaved.text} /> : null}
      <button type="button" className="btn-secondary" onClick={() => window.location.reload()}>
        {t('common:ui.reload')}
      </button>
    </div>
  )
}

/** The author's text the server does not have, selectable, with a copy button (the clipboard may be refused). */
function UnsavedText({ text }: { text: string }) {
  const { t } = useTranslation()
  const id = useId()
  const area = useRef<HTMLTextAreaElement>(null)
  const [copied, setCopied] = useState<'yes' | 'select' | null>(null)
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text)
      setCopied('yes')
    } catch {
      // No clipboard (insecure origin, refused permission): select the text for Ctrl+C instead.
      area.current?.focus()
      area.current?.select()
      setCopied('select')
    }
  }
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block font-medium">
        {t('common:ui.refusal.unsavedText')}
      </label>
      <textarea
        id={id}
        ref={area}
        readOnly
        value={text}
        rows={Math.min(8, Math.max(2, text.split('\n').length))}
        data-unsaved-text=""
        className="block w-full rounded-md border border-slate-500 bg-white px-2 py-1 text-sm text-slate-900"
      />
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" className="btn-secondary" onClick={() => void copy()}>
          {t('common:ui.refusal.copy')}
        </button>
        <span aria-live="polite">{copied === 'yes' ? t('common:ui.refusal.copied') : copied === 'select' ? t('common:ui.refusal.copySelect') : ''}</span>
      </div>
    </div>
  )
}

/** At the top of a page whose round was closed while it was open: from now on everything here is read-only. */
export function RoundClosedNotice() {
  const { t } = useTranslation()
  return (
    <p role="status" aria-live="polite" data-testid="round-closed" className="rounded-md border border-brand-700 bg-brand-50 px-3 py-2 font-medium">
      {t('common:ui.refusal.roundClosedPage')}
    </p>
  )
}

/** Beside a document that became read-only for this user while the page was open (4410). */
export function NowReadOnlyNotice() {
  const { t } = useTranslation()
  return (
    <p role="status" aria-live="polite" data-testid="now-read-only" className="rounded-md border border-slate-500 bg-slate-50 px-3 py-2 text-sm">
      {t('common:ui.refusal.nowReadOnly')}
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

/** What the server refused of this document, and whether it became read-only for the user (not for a closed
 * round: the page says that once, at the top). */
export function RefusedNotices({ refusal, live, name }: { refusal: Refusal | null; live: LiveDocument | undefined; name: string }) {
  const access = useAccess(live)
  if (!refusal) return null
  const unsaved = refusal.unsaved.get(name)
  const nowReadOnly = refusal.code !== 4423 && refusal.writable.has(name) && access === 'read'
  return (
    <>
      {nowReadOnly ? <NowReadOnlyNotice /> : null}
      {unsaved ? <RefusalNotice code={refusal.code} unsaved={unsaved} /> : null}
    </>
  )
}
