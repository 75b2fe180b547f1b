import { Form, Link, useLoaderData } from 'react-router'
import { useTranslation } from 'react-i18next'
import { FormMessage, SelectField, TextAreaField } from '~/ui/form'
import { pageTitle } from '~/ui/meta'
import { useActionResult } from '~/ui/action-result'
import { pollKindLabel, pollStateLabel } from '~/shared/vocabulary'
import type { Route } from './+types/polls'
import { loadPolls, pollsAction } from './polls.server'
import { ForumNav } from './forum-nav'
import { PollResult } from './poll-result'
import { useRevalidateOnForumEvents } from './use-forum-events'

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)

export function loader({ context, request, params }: Route.LoaderArgs) {
  return loadPolls(context, request, params.id)
}

export function action({ context, request, params }: Route.ActionArgs) {
  return pollsAction(context, request, params.id)
}

/** Televoting: questions prepared, opened and closed by the moderator, with their results and the exports. */
export default function Polls() {
  const page = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const created = useActionResult('create')
  useRevalidateOnForumEvents(`/foren/${page.forum.id}/live`, ['poll'], 500)
  return (
    <div className="space-y-5">
      <ForumNav forumId={page.forum.id} title={page.forum.title} />
      <h2 className="text-xl font-semibold">{t('forums:poll.title')}</h2>
      <p className="max-w-3xl">{t('forums:poll.intro')}</p>
      <p className="flex flex-wrap gap-3">
        <span>{t('forums:poll.export')}:</span>
        <a href={`/foren/${page.forum.id}/abstimmungen.csv`}>{t('forums:poll.csv')}</a>
        <a href={`/foren/${page.forum.id}/abstimmungen.xlsx`}>{t('forums:poll.xlsx')}</a>
      </p>
      {page.polls.length === 0 ? <p>{t('forums:poll.none')}</p> : null}
      <ul className="space-y-4">
        {page.polls.map((poll) => (
          <PollItem key={poll.id} poll={poll} forumId={page.forum.id} />
        ))}
      </ul>
      <section aria-labelledby="new-poll" className="card space-y-3">
        <h3 id="new-poll" className="font-semibold">
          {t('forums:poll.create')}
        </h3>
        <FormMessage error={created.errors.form ?? created.errors.question ?? created.errors.options ?? created.errors.kind} success={created.success} />
        <Form method="post" className="grid gap-3 md:grid-cols-2" key={created.success ?? 'new'}>
          <input type="hidden" name="intent" value="create" />
          <TextAreaField label={t('forums:poll.question')} name="question" rows={2} maxLength={300} className="md:col-span-2" lang="de" />
          <SelectField label={t('forums:poll.kind')} name="kind" defaultValue="single">
            {page.kinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(pollKindLabel(kind))}
              </option>
            ))}
          </SelectField>
          <TextAreaField label={t('forums:poll.options')} name="options" rows={4} hint={t('forums:poll.optionsHint')} lang="de" />
          <button type="submit" className="btn justify-self-start">
            {t('forums:poll.create')}
          </button>
        </Form>
      </section>
    </div>
  )
}

function PollItem({ poll, forumId }: { poll: Awaited<ReturnType<typeof loader>>['polls'][number]; forumId: number }) {
  const { t } = useTranslation()
  const result = useActionResult(['open', 'close', 'delete'], poll.id)
  return (
    <li className="card space-y-3" data-testid="staff-poll" data-poll={poll.id} data-state={poll.state}>
      <h3 className="font-semibold">
        <span lang="de">{poll.question}</span>{' '}
        <span className="text-sm font-normal">
          ({t(pollKindLabel(poll.kind))} · {t(pollStateLabel(poll.state))})
        </span>
      </h3>
      <FormMessage error={result.errors.form} success={result.success} />
      <div className="flex flex-wrap gap-2">
        <Form method="post">
          <input type="hidden" name="target" value={poll.id} />
          {poll.state === 'open' ? (
            <button type="submit" name="intent" value="close" className="btn-danger">
              {t('forums:poll.close')}
            </button>
          ) : (
            <button type="submit" name="intent" value="open" className="btn">
              {t('forums:poll.open')}
            </button>
          )}
        </Form>
        <Link to={`/foren/${forumId}/projektor/${poll.id}`} className="btn-secondary">
          {t('forums:poll.projector')}
        </Link>
        {poll.state === 'prepared' ? (
          <Form method="post">
            <input type="hidden" name="target" value={poll.id} />
            <button type="submit" name="intent" value="delete" className="btn-secondary">
              {t('forums:poll.delete')}
            </button>
          </Form>
        ) : null}
      </div>
      <PollResult result={poll.result} />
    </li>
  )
}

export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
