import { useLoaderData } from 'react-router'
import { pageTitle } from '~/ui/meta'
import type { Route } from './+types/overview'
import { loadPublishedOverview } from './published.server'
import { GermanOnlyNote, PublishedFiles, PublishedNav } from './files'

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)

/** /veroeffentlicht/runden/:roundId: a published round's overview table, read-only, without login or JavaScript. */
export function loader({ context, params }: Route.LoaderArgs) {
  return loadPublishedOverview(context, params.roundId)
}

export default function PublishedOverview() {
  const { round, markup, css } = useLoaderData<typeof loader>()
  return (
    <div className="space-y-4">
      <PublishedNav roundId={round.id} name={round.name} current="overview" />
      <GermanOnlyNote />
      <style>{css}</style>
      <article className="published-document" data-testid="published-overview" dangerouslySetInnerHTML={{ __html: markup }} />
      <PublishedFiles roundId={round.id} />
    </div>
  )
}

export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
