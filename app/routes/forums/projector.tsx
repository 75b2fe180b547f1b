import { useEffect, useState } from 'react'
import { Link, useLoaderData } from 'react-router'
import { useTranslation } from 'react-i18next'
import { pageTitle } from '~/ui/meta'
import { pollStateLabel } from '~/shared/vocabulary'
import type { Route } from './+types/projector'
import { loadProjector } from './projector.server'
import { PollResult, type PollResultView } from './poll-result'

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)

export function loader({ context, request, params }: Route.LoaderArgs) {
  return loadProjector(context, request, params.id, params.poll)
}

/** The projector: one question's live result in large type, chart and table, counts only. */
export default function Projector() {
  const page = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const [result, setResult] = useState<PollResultView & { state: string }>(page.result)
  useEffect(() => setResult(page.result), [page.result])
  useEffect(() => {
    const source = new EventSource(`/foren/${page.forum.id}/live?poll=${page.result.pollId}`)
    source.onmessage = (message) => {
      try {
        const event = JSON.parse(message.data as string) as { kind: string; result?: PollResultView & { state: string } }
        if (event.kind === 'result' && event.result) setResult(event.result)
      } catch {
        // a malformed event is skipped; the next one carries the whole result again
      }
    }
    return () => source.close()
  }, [page.forum.id, page.result.pollId])
  return (
    <div className="space-y-6 bg-white p-4 text-slate-950" data-testid="projector" data-state={result.state}>
      <h1 className="text-4xl leading-tight font-bold" lang="de">
        {result.question}
      </h1>
      <p className="text-2xl">{t(pollStateLabel(result.state as 'open'))}</p>
      <PollResult result={result} large />
      <p className="text-sm">
        <Link to={`/foren/${page.forum.id}/abstimmungen`}>{t('forums:nav.polls')}</Link>
      </p>
    </div>
  )
}

export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
