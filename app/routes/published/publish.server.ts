import type { RouterContextProvider } from 'react-router'
import { z } from 'zod'
import { getServices, getT, notFound, requireIdParam, requireRole } from '../../../server/auth/require'
import { done, refused, refusalOf } from '../../../server/http/actions'
import { publicOrigin } from '../../../server/services/notices/mailer'
import { emptySiteTexts, PublicationError, publicationLog, publicationOf, publishRound, requirePublicationRound, withdrawPublication } from '../../../server/services/publications/publications'
import { msg, parseForm } from '~/shared/forms'

type Ctx = Readonly<RouterContextProvider>

/** The round of /runden/:id/veroeffentlichung, or 404 with the German message: before anything is read or written. */
function roundOf(context: Ctx, param: string | undefined) {
  const id = requireIdParam(context, param, 'report:errors.roundNotFound')
  try {
    return requirePublicationRound(getServices(context).db, id)
  } catch (error) {
    if (error instanceof PublicationError && error.status === 404) throw notFound(error.text(getT(context)))
    throw error
  }
}

/** The commissioner's page of one round's publication: its state, the public address, what stands in the way, the log. */
export function loadPublication(context: Ctx, request: Request, param: string | undefined) {
  requireRole(context, request, 'round.publish')
  const services = getServices(context)
  const round = roundOf(context, param)
  const t = getT(context)
  const path = `/veroeffentlicht/runden/${round.id}`
  return {
    title: t('report:publish.title', { round: round.name }),
    round: { id: round.id, name: round.name, state: round.state },
    publication: publicationOf(services.db, round.id),
    missingTexts: emptySiteTexts(services.db),
    path,
    address: `${publicOrigin(services.env, request)}${path}`,
    log: publicationLog(services.db, round.id),
  }
}

const PublishSchema = z.object({ intent: z.enum(['publish', 'withdraw'], { message: msg('validation:unknownAction') }) })

export async function changePublication(context: Ctx, request: Request, param: string | undefined) {
  const auth = requireRole(context, request, 'round.publish')
  const round = roundOf(context, param)
  const { db } = getServices(context)
  const t = getT(context)
  const form = await request.formData()
  const which = { intent: String(form.get('intent') ?? ''), target: round.id }
  const parsed = parseForm(PublishSchema, form, t)
  if (!parsed.ok) return refused({ form: parsed.errors.intent ?? t('validation:unknownAction') }, which)
  try {
    if (parsed.data.intent === 'publish') {
      publishRound(db, auth.actor, round.id)
      return done(t('report:publish.published', { round: round.name }), which)
    }
    withdrawPublication(db, auth.actor, round.id)
    return done(t('report:publish.withdrawn', { round: round.name }), which)
  } catch (error) {
    return refusalOf(context, error, which)
  }
}
