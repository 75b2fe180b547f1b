import type { RouterContextProvider } from 'react-router'
import { z } from 'zod'
import { getServices, getT, notFound, requireAbility, requireIdParam, requireUserWithAbility } from '../../../server/auth/require'
import { done, formValues, refused, refusalOf } from '../../../server/http/actions'
import { can } from '../../../server/policies/can'
import { chaptersInOrder, conceptFields, goalNumbers, reportCover, saveReportCover } from '../../../server/services/report/chapters'
import { overviewData, ReportRefusal, requireRound } from '../../../server/services/report/overview'
import { reportLabels } from '../../../server/exports/overview-layout'
import { prewarmExports } from '../../../server/exports/export-process'
import { feedbackOn } from '../../../server/services/forums/feedback'
import { chapterDocumentName, chapterField } from '../../shared/live/names'
import { msg, parseForm } from '~/shared/forms'
import type { PresenceRole } from '~/collab/use-live'
import type { ChapterView, FieldPanel } from './report-types'

type Ctx = Readonly<RouterContextProvider>

const MAX_AUTHORS = 20

/**
 * /runden/:id/bericht: the round's report as its authors write it. Everyone with 'report.read' reads it; the cover
 * and the chapters are written with 'report.write' (commissioner and coordinators, open round). While the round is
 * open each chapter is its live document (round/<r>/chapter/<slug>); the page as the server renders it, and a closed
 * round's, show what report_chapters holds. Beside each field chapter: that field's goals and measures as the
 * projection has them (agreed rating, else proposal; the proposal too; the narratives).
 */
export function loadReport(context: Ctx, request: Request, param: string | undefined) {
  const auth = requireUserWithAbility(context, request, 'report.read')
  const t = getT(context)
  const roundId = requireIdParam(context, param, 'report:errors.roundNotFound')
  const { db } = getServices(context)
  let round
  try {
    round = requireRound(db, roundId)
  } catch (error) {
    if (error instanceof ReportRefusal) throw notFound(error.text(t))
    throw error
  }
  const agreed = overviewData(db, roundId, 'agreed', {})
  const proposals = new Map(overviewData(db, roundId, 'proposals', {}).fields.flatMap((f) => f.challenges.flatMap((c) => c.goals.flatMap((g) => g.measures.map((m) => [m.id, m] as const)))))
  const fieldIds = new Map(conceptFields(db, round.conceptId).map((f) => [f.number, f.id]))
  const feedback = can(auth.actor, 'forum.feedback.read')
  const panels = new Map<number, FieldPanel>(
    agreed.fields.map((f) => [
      f.number,
      {
        number: f.number,
        title: f.title,
        feedback: feedback && fieldIds.has(f.number) ? feedbackOn(db, { fieldId: fieldIds.get(f.number)! }).total : null,
        goals: f.challenges.flatMap((c) =>
          c.goals.map((g) => ({
            number: g.number,
            description: g.description,
            measures: g.measures.map((m) => {
              const p = proposals.get(m.id)
              return { id: m.id, number: m.number, title: m.title, shown: m.attainment, kind: m.kind, flags: m.flags, proposal: p?.attainment ?? null, narrative: m.narrative }
            }),
          })),
        ),
      },
    ]),
  )
  const chapters: ChapterView[] = chaptersInOrder(db, roundId).map((c) => {
    const field = chapterField(c.slug)
    return {
      slug: c.slug,
      field,
      fieldTitle: field !== null ? (panels.get(field)?.title ?? '') : null,
      documentName: chapterDocumentName(roundId, c.slug),
      text: c.text,
      statistics: c.statistics,
      updatedAt: c.updatedAt,
      updatedBy: c.updatedBy,
    }
  })
  const canWrite = can(auth.actor, 'report.write', { state: round.state })
  const role = auth.actor.memberships.find((m) => m.role !== 'editor')?.role as PresenceRole | undefined
  const cover = reportCover(db, roundId)
  const canExport = can(auth.actor, 'report.export')
  // The page offers the exports: have the export process ready for the click (server/exports/export-process.ts).
  if (canExport) prewarmExports(round.id)
  return {
    title: t('report:writing.title'),
    round: { id: round.id, name: round.name, state: round.state, period: round.period },
    /** Live documents only while the round is open; a closed round is the record, frozen. */
    live: round.state === 'open',
    canWrite,
    canExport,
    me: { id: auth.user.id, name: auth.user.name, unit: '', ...(role ? { role } : {}) },
    cover,
    /** The report is written in German, like the catalogue: its default title too (shown with lang="de"). */
    defaultTitle: reportLabels(agreed, 'de').coverTitle,
    stand: agreed.stand,
    chapters,
    panels: Object.fromEntries(panels),
    goalNumbers: goalNumbers(db, round.conceptId),
  }
}

const isoDate = z
  .string()
  .trim()
  .refine((v) => v === '' || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v))), msg('validation:dateFormat'))
  .transform((v) => (v === '' ? null : v))

const CoverSchema = z.object({
  intent: z.literal('cover'),
  title: z.string().trim().max(300, msg('validation:tooLong', { label: { $t: 'report:writing.cover.titleLabel' }, max: 300 })),
  standDate: isoDate,
})

/** The cover form: title (empty = the default), "Stand" (empty = the export's day), authors as name + unit. */
export async function changeReport(context: Ctx, request: Request, param: string | undefined) {
  const roundId = requireIdParam(context, param, 'report:errors.roundNotFound')
  const { db } = getServices(context)
  const t = getT(context)
  const auth = requireUserWithAbility(context, request, 'report.read')
  let round
  try {
    round = requireRound(db, roundId)
  } catch (error) {
    if (error instanceof ReportRefusal) throw notFound(error.text(t))
    throw error
  }
  requireAbility(context, auth, 'report.write', { state: round.state })
  const form = await request.formData()
  const which = { intent: 'cover', values: formValues(form) }
  const parsed = parseForm(CoverSchema, form, t)
  if (!parsed.ok) return refused(parsed.errors, which)
  const authors: { name: string; unit: string }[] = []
  const errors: Record<string, string> = {}
  for (let i = 0; i < MAX_AUTHORS; i++) {
    const name = String(form.get(`author-${i}-name`) ?? '').trim()
    const unit = String(form.get(`author-${i}-unit`) ?? '').trim()
    if (!name && !unit) continue
    if (!name) errors[`author-${i}-name`] = t('report:writing.cover.authorNameMissing')
    else if (name.length > 120 || unit.length > 160) errors[`author-${i}-name`] = t('report:writing.cover.authorTooLong')
    else authors.push({ name, unit })
  }
  if (Object.keys(errors).length > 0) return refused(errors, which)
  try {
    saveReportCover(db, roundId, { title: parsed.data.title, standDate: parsed.data.standDate, authors }, auth.user.id)
    return done(t('report:writing.cover.saved'), { intent: 'cover' })
  } catch (error) {
    return refusalOf(context, error, which)
  }
}
