import { useLoaderData } from 'react-router'
import { useTranslation } from 'react-i18next'
import { pageTitle } from '~/ui/meta'
import { useFormat } from '~/ui/use-format'
import type { Route } from './+types/print'
import { loadPrint } from './print.server'
import { ForumNav } from './forum-nav'
import { ForumDocumentLinks } from './document-links'

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)

export function loader({ context, request, params }: Route.LoaderArgs) {
  return loadPrint(context, request, params.id)
}

function Qr({ qr, label, size = 180 }: { qr: { size: number; d: string }; label: string; size?: number }) {
  return (
    <svg role="img" aria-label={label} viewBox={`0 0 ${qr.size} ${qr.size}`} width={size} height={size} shapeRendering="crispEdges" data-testid="qr">
      <rect width={qr.size} height={qr.size} fill="#ffffff" />
      <path d={qr.d} fill="#000000" />
    </svg>
  )
}

/** Invitation sheet and table (or seat) cards with QR codes, for the browser's print dialog; the same as a tagged PDF. */
export default function Print() {
  const page = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const format = useFormat()
  const when = `${format.longDate(page.forum.date)}${page.forum.time ? `, ${page.forum.time}` : ''}`
  const qrLabel = (code: string | null, link: string) => (code ? t('forums:print.qrAlt', { code, link }) : t('forums:print.qrAltStart', { link }))
  return (
    <div className="space-y-6">
      <div className="space-y-3 print:hidden">
        <ForumNav forumId={page.forum.id} title={page.forum.title} />
        <p className="max-w-3xl">{t('forums:print.intro')}</p>
        <ForumDocumentLinks forumId={page.forum.id} only="print" />
      </div>
      <section aria-labelledby="invitation-title" className="card break-after-page space-y-4 print:border-0 print:shadow-none" data-testid="invitation">
        <h2 id="invitation-title" className="text-3xl font-bold">
          {t('forums:print.invitation')}: <span lang="de">{page.forum.title}</span>
        </h2>
        <p className="text-xl">
          {when}
          {page.forum.place ? (
            <>
              {' · '}
              <span lang="de">{page.forum.place}</span>
            </>
          ) : null}
        </p>
        <p className="text-lg">{t(page.invitation.code ? 'forums:print.invitationText' : 'forums:print.invitationTextPersonal')}</p>
        <div className="flex flex-wrap items-center gap-6">
          <Qr qr={page.invitation.qr} label={qrLabel(page.invitation.code, page.invitation.link)} size={220} />
          <dl className="text-xl">
            <dt className="font-semibold">{t('forums:print.address')}</dt>
            <dd dir="ltr">{page.startUrl}</dd>
            {page.invitation.code ? (
              <>
                <dt className="mt-2 font-semibold">{t('forums:print.code')}</dt>
                <dd className="font-mono text-3xl tracking-widest" dir="ltr" data-testid="print-code">
                  {page.invitation.code}
                </dd>
              </>
            ) : null}
          </dl>
        </div>
        <p>{t('forums:print.noAccount')}</p>
        <p>{t('forums:print.feedbackText', { url: page.feedbackUrl })}</p>
      </section>
      <div className="grid gap-4 sm:grid-cols-2 print:grid-cols-2">
        {page.cards.map((card) =>
          card.seat === null ? (
            <section key={card.tableNumber} className="card break-inside-avoid space-y-2 text-center print:border-2 print:border-black" data-testid="table-card">
              <h3 className="text-2xl font-bold">{t('forums:print.tableCard', { number: card.tableNumber })}</h3>
              <p className="text-lg" lang="de">
                {card.tableName}
              </p>
              <div className="flex justify-center">
                <Qr qr={card.qr} label={qrLabel(card.code, card.link)} />
              </div>
              <p className="font-mono text-2xl tracking-widest" dir="ltr">
                {card.code}
              </p>
              <p className="text-sm" dir="ltr">
                {page.startUrl}
              </p>
            </section>
          ) : (
            <section key={`${card.tableNumber}-${card.seat}`} className="card break-inside-avoid space-y-2 text-center print:border-2 print:border-black" data-testid="seat-card">
              <h3 className="text-xl font-bold">
                {t('forums:print.tableCard', { number: card.tableNumber })} · {t('forums:print.seat', { number: card.seat })}
              </h3>
              <p lang="de">{card.tableName}</p>
              <div className="flex justify-center">
                <Qr qr={card.qr} label={qrLabel(card.code, card.link)} size={150} />
              </div>
              <p>{t('forums:print.personalCode')}</p>
              <p className="font-mono text-2xl tracking-widest" dir="ltr">
                {card.code}
              </p>
            </section>
          ),
        )}
      </div>
    </div>
  )
}

export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
