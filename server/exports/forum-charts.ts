import type { Language } from '../../app/shared/i18n'
import type { ForumDocumentation } from '../services/forums/documentation'
import { forumLabels } from './forum-layout'
import { pollChartSvg } from './html/forum-chart'

/**
 * The televoting charts as PNG for the DOCX (Word shows no SVG without a PNG beside it): the PDF's SVG, rasterised by
 * sharp at twice the display size. sharp is imported on first use and runs on libuv's pool, in the server: the
 * export process gets the finished bytes (the native module is loaded in one place only).
 */

export const CHART_DENSITY = 192

export async function pollChartPngs(doc: ForumDocumentation, language: Language): Promise<[number, Uint8Array][]> {
  if (doc.polls.length === 0) return []
  const { default: sharp } = await import('sharp')
  const labels = forumLabels(language)
  return Promise.all(
    doc.polls.map(async (poll): Promise<[number, Uint8Array]> => [poll.pollId, new Uint8Array(await sharp(Buffer.from(pollChartSvg(poll, labels)), { density: CHART_DENSITY }).png().toBuffer())]),
  )
}
