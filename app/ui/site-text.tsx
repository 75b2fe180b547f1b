import { textBlocks } from '~/shared/site-text'

/** A site text (app/shared/site-text.ts) as headings, paragraphs and lists; headings one level below the page's. */
export function SiteTextBody({ body }: { body: string }) {
  return (
    <div className="space-y-3">
      {textBlocks(body).map((block, i) =>
        block.kind === 'heading' ? (
          <h2 key={i} className="pt-2 text-lg font-semibold">
            {block.text}
          </h2>
        ) : block.kind === 'list' ? (
          <ul key={i} className="list-disc space-y-1 ps-6">
            {block.items.map((item, j) => (
              <li key={j}>{item}</li>
            ))}
          </ul>
        ) : (
          <p key={i}>{block.text}</p>
        ),
      )}
    </div>
  )
}
