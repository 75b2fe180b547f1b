import { Form, Link, useActionData, useLoaderData, useNavigation } from 'react-router'
import { FormMessage } from '~/ui/form'
import { formatDateTime } from '~/shared/dates'
import { useTranslation } from 'react-i18next'
import type { Route } from './+types/notices'
import { changeNotices, loadNotices } from './notices.server'

export const meta: Route.MetaFunction = () => [{ title: 'Hinweise – Zielwerk' }]

export function loader({ context, request }: Route.LoaderArgs) {
  return loadNotices(context, request)
}

export function action({ context, request }: Route.ActionArgs) {
  return changeNotices(context, request)
}

type Notice = Awaited<ReturnType<typeof loader>>['notices'][number]
type Result = { success?: string; errors?: Record<string, string> }

export default function Notices() {
  const { notices } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>() as Result | undefined
  const busy = useNavigation().state === 'submitting'
  const { t } = useTranslation()
  const unread = notices.filter((n) => !n.read).length
  return (
    <div className="max-w-3xl space-y-6">
      <h1 className="text-2xl font-bold">{t('notices')}</h1>
      <p className="text-sm text-slate-700" data-testid="notice-summary">
        {notices.length === 0 ? 'Sie haben keine Hinweise.' : `${notices.length} ${notices.length === 1 ? 'Hinweis' : 'Hinweise'}, davon ${unread} ungelesen.`}
      </p>
      <FormMessage error={result?.errors?.form ?? result?.errors?.noticeId} success={result?.success} />
      {unread > 0 ? (
        <Form method="post">
          <input type="hidden" name="intent" value="readAll" />
          <button type="submit" className="btn-secondary" disabled={busy}>
            {t('markAllRead')}
          </button>
        </Form>
      ) : null}
      {notices.length > 0 ? (
        <ul className="space-y-3" aria-label={t('notices')}>
          {notices.map((n) => (
            <NoticeItem key={n.id} notice={n} />
          ))}
        </ul>
      ) : null}
    </div>
  )
}

function NoticeItem({ notice: n }: { notice: Notice }) {
  const { t } = useTranslation()
  const busy = useNavigation().state === 'submitting'
  const titleId = `notice-${n.id}-title`
  return (
    <li className={`card space-y-2 ${n.read ? '' : 'border-l-4 border-l-brand-700'}`} data-notice={n.id} data-read={n.read}>
      <h2 id={titleId} className="text-base font-semibold">
        {t('reminder')}: {n.roundName ?? 'Berichtsrunde'}
        {n.unitName ? <> – {n.unitName}</> : null}
      </h2>
      <p className="text-sm text-slate-700">
        {n.read ? 'gelesen' : <strong>ungelesen</strong>} · von {n.senderName ?? 'Zielwerk'} am {formatDateTime(n.createdAt)}
        {n.emailed ? ' · auch per E-Mail' : ''}
      </p>
      <p>Bitte aktualisieren Sie die Maßnahmen Ihrer Einheit in dieser Berichtsrunde.</p>
      {n.message ? (
        <blockquote className="whitespace-pre-line border-l-4 border-slate-300 pl-3">
          <span className="sr-only">Nachricht: </span>
          {n.message}
        </blockquote>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <Link to="/aufgaben">Zu meinen Aufgaben</Link>
        {n.read ? null : (
          <Form method="post">
            <input type="hidden" name="intent" value="read" />
            <input type="hidden" name="noticeId" value={n.id} />
            <button type="submit" className="btn-secondary" aria-describedby={titleId} disabled={busy}>
              {t('markRead')}
            </button>
          </Form>
        )}
      </div>
    </li>
  )
}
