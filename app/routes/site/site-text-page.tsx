import { SiteTextBody } from '~/ui/site-text'

/** The accessibility statement's and the privacy notice's page: a title and the text the admin keeps (/admin/texte). */
export function SiteTextPage({ title, body }: { title: string; body: string }) {
  return (
    <article className="card max-w-3xl space-y-4" aria-labelledby="site-text-title">
      <h1 id="site-text-title" className="text-2xl font-bold">
        {title}
      </h1>
      <SiteTextBody body={body} />
    </article>
  )
}
