import { Form, Link, useLoaderData, useNavigation } from 'react-router'
import { FormMessage } from '~/ui/form'
import { useActionResult } from '~/ui/action-result'
import { pageTitle } from '~/ui/meta'
import { useFormat } from '~/ui/use-format'
import { useTranslation } from 'react-i18next'
import type { Route } from './+types/notices'
import { changeNotices, loadNotices } from './notices.server'

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)

export function loader({ context, request }: Route.LoaderArgs) {
  return loadNotices(context, request)
}

export function action({ context, request }: Route.ActionArgs) {
  return changeNotices(context, request)
}

type Notice = Awaited<ReturnType<typeof loader>>['notices'][number]
export default function Notices() {
  const { notices } = useLoaderData<typeof loader>()
  const result = useActionResult()
  const busy = useNavigation().state === 'submitting'
  const { t } = useTranslation()
  const unread = notices.filter((n) => !n.read).length
  return (
    <div className="max-w-3xl space-y-6">
      <h1 className="text-2xl font-bold">{t('account:notices.title')}</h1>
      <p className="text-sm text-slate-700" data-testid="notice-summary">
        {notices.length === 0 ? t('account:notices.none') : t('account:notices.summary', { count: notices.length, unread })}
      </p>
      <FormMessage error={result.errors.form ?? result.errors.noticeId} success={result.success} />
      {unread > 0 ? (
        <Form method="post">
          <input type="hidden" name="intent" value="readAll" />
          <button type="submit" className="btn-secondary" disabled={busy}>
            {t('account:notices.markAllRead')}
          </button>
        </Form>
      ) : null}
      {notices.length > 0 ? (
        <ul className="space-y-3" aria-label={t('account:notices.title')}>
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
  const format = useFormat()
  const busy = useNavigation().state === 'submitting'
  const titleId = `notice-${n.id}-title`
  return (
    <li className={`card space-y-2 ${n.read ? '' : 'border-l-4 border-l-brand-700'}`} data-notice={n.id} data-read={n.read}>
      <h2 id={titleId} className="text-base font-semibold">
        {t('account:notices.reminderTitle', { round: n.roundName ?? t('account:notices.aRound') })}
        {n.unitName ? <> – {n.unitName}</> : null}
      </h2>
      <p className="text-sm text-slate-700">
        {n.read ? t('account:notices.read') : <strong>{t('account:notices.unread')}</strong>} ·{' '}
        {t('account:notices.from', { sender: n.senderName ?? 'Zielwerk', at: format.dateTime(n.createdAt) })}
        {n.emailed ? ` · ${t('account:notices.emailedToo')}` : ''}
      </p>
      <p>{t('account:notices.pleaseUpdate')}</p>
      {n.message ? (
        <blockquote className="whitespace-pre-line border-l-4 border-slate-300 pl-3">
          <span className="sr-only">{t('account:notices.message')} </span>
          {n.message}
        </blockquote>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <Link to="/aufgaben">{t('account:notices.toTasks')}</Link>
        {n.read ? null : (
          <Form method="post">
            <input type="hidden" name="intent" value="read" />
            <input type="hidden" name="noticeId" value={n.id} />
            <button type="submit" className="btn-secondary" aria-describedby={titleId} disabled={busy}>
              {t('account:notices.markRead')}
            </button>
          </Form>
        )}
      </div>
    </li>
  )
}
export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
