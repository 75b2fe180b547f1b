import { useLoaderData } from 'react-router'
import { pageTitle } from '~/ui/meta'
import type { Route } from './+types/report'
import { loadPublishedReport } from './published.server'
import { GermanOnlyNote, PublishedFiles, PublishedNav } from './files'

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)

/** /veroeffentlicht/runden/:roundId/bericht: a published round's evaluation report as HTML (cover, contents, chapters, legend, annex), without login or JavaScript. */
export function loader({ context, params }: Route.LoaderArgs) {
  return loadPublishedReport(context, params.roundId)
}

export default function PublishedReport() {
  const { round, markup, css } = useLoaderData<typeof loader>()
  return (
    <div className="space-y-4">
      <PublishedNav roundId={round.id} name={round.name} current="report" />
      <GermanOnlyNote />
      <style>{css}</style>
      <article className="published-document" data-testid="published-report" dangerouslySetInnerHTML={{ __html: markup }} />
      <PublishedFiles roundId={round.id} />
    </div>
  )
}

export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
