import type { QrPath } from '../../services/forums/qr'
import type { PrintSheet } from '../../services/forums/print'
import type { ForumLabels } from '../forum-layout'

/**
 * The print sheet as HTML for the tagged PDF: the invitation on its own page, then the cards two by three on A4, each
 * with its QR code as a figure (an SVG with role="img" and the alternative text naming the code and the address:
 * Chromium tags it as Figure with /Alt) and the code once more as text beneath it. Texts of the county (the forum's
 * title, place, table names) are German and marked so.
 */

export const FORUM_PRINT_CSS = `
@page { size: A4 portrait; margin: 14mm 12mm 14mm 12mm; }
html { font-size: 11pt; }
.invitation { break-after: page; }
.invitation h1 { font-size: 24pt; margin-bottom: 4mm; }
.invitation .when { font-size: 15pt; margin-bottom: 6mm; }
.invitation .lead { font-size: 13pt; margin-bottom: 6mm; }
.invitation .join { display: flex; gap: 10mm; align-items: center; margin: 6mm 0 8mm; }
.invitation .join dl { font-size: 14pt; margin: 0; }
.invitation .join dt { font-weight: bold; margin-top: 3mm; }
.invitation .join dd { margin: 0; }
.code { font-family: 'Liberation Mono', 'DejaVu Sans Mono', monospace; letter-spacing: 0.12em; font-weight: bold; }
.invitation .code { font-size: 26pt; }
figure { margin: 0; }
figure svg { display: block; }
.cards { display: grid; grid-template-columns: 1fr 1fr; gap: 6mm; }
.card { break-inside: avoid; border: 0.6mm solid #111827; border-radius: 2mm; padding: 4mm; text-align: center; height: 84mm; display: flex; flex-direction: column; align-items: center; justify-content: center; }
.card h2 { font-size: 15pt; margin: 0 0 1mm; }
.card .table-name { font-size: 10.5pt; margin-bottom: 2mm; }
.card .code { font-size: 17pt; margin: 1.5mm 0 0; }
.card .hint { font-size: 9pt; margin: 1mm 0 0; }
.card .address { font-size: 8.5pt; color: #374151; margin: 1mm 0 0; }
`

function QrFigure({ qr, alt, sizeMm }: { qr: QrPath; alt: string; sizeMm: number }) {
  return (
    <figure>
      <svg role="img" aria-label={alt} viewBox={`0 0 ${qr.size} ${qr.size}`} width={`${sizeMm}mm`} height={`${sizeMm}mm`} shapeRendering="crispEdges">
        <rect width={qr.size} height={qr.size} fill="#ffffff" />
        <path d={qr.d} fill="#000000" />
      </svg>
    </figure>
  )
}

export function PrintSheetDocument({ sheet, labels }: { sheet: PrintSheet; labels: ForumLabels }) {
  const { t } = labels
  const qrAlt = (code: string | null, link: string) => (code ? t('forums:print.qrAlt', { code, link }) : t('forums:print.qrAltStart', { link }))
  const when = `${labels.date(sheet.forum.date)}${sheet.forum.time ? `, ${sheet.forum.time}` : ''}`
  return (
    <>
      <section className="invitation" aria-labelledby="invitation-title">
        <h1 id="invitation-title">
          {t('forums:print.invitation')}: <span lang="de">{sheet.forum.title}</span>
        </h1>
        <p className="when">
          {when}
          {sheet.forum.place ? (
            <>
              {' · '}
              <span lang="de">{sheet.forum.place}</span>
            </>
          ) : null}
        </p>
        <p className="lead">{t(sheet.invitation.code ? 'forums:print.invitationText' : 'forums:print.invitationTextPersonal')}</p>
        <div className="join">
          <QrFigure qr={sheet.invitation.qr} alt={qrAlt(sheet.invitation.code, sheet.invitation.link)} sizeMm={62} />
          <dl>
            <dt>{t('forums:print.address')}</dt>
            <dd dir="ltr">{sheet.startUrl}</dd>
            {sheet.invitation.code ? (
              <>
                <dt>{t('forums:print.code')}</dt>
                <dd className="code" dir="ltr">
                  {sheet.invitation.code}
                </dd>
              </>
            ) : null}
          </dl>
        </div>
        <p>{t('forums:print.noAccount')}</p>
        <p>{t('forums:print.feedbackText', { url: sheet.feedbackUrl })}</p>
      </section>
      <main className="cards">
        {sheet.cards.map((card) => (
          <section key={`${card.tableNumber}-${card.seat ?? 0}`} className="card" aria-label={card.seat === null ? t('forums:print.tableCard', { number: card.tableNumber }) : `${t('forums:print.tableCard', { number: card.tableNumber })} · ${t('forums:print.seat', { number: card.seat })}`}>
            <h2>{card.seat === null ? t('forums:print.tableCard', { number: card.tableNumber }) : `${t('forums:print.tableCard', { number: card.tableNumber })} · ${t('forums:print.seat', { number: card.seat })}`}</h2>
            <p className="table-name" lang="de">
              {card.tableName}
            </p>
            <QrFigure qr={card.qr} alt={qrAlt(card.code, card.link)} sizeMm={card.seat === null ? 40 : 36} />
            {card.seat !== null ? <p className="hint">{t('forums:print.personalCode')}</p> : null}
            <p className="code" dir="ltr">
              {card.code}
            </p>
            <p className="address" dir="ltr">
              {sheet.startUrl}
            </p>
          </section>
        ))}
      </main>
    </>
  )
}
