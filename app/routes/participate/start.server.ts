import { data, redirect, type RouterContextProvider } from 'react-router'
import { z } from 'zod'
import { getServices } from '../../../server/auth/require'
import { forumSessionCookie, readForumSessionToken, validateForumSession } from '../../../server/auth/forum-session'
import { classifyCode, forgetOldParticipantDetails, join, JoinError } from '../../../server/services/forums/join'
import { berlinToday } from '~/shared/dates'
import { msg, parseForm } from '~/shared/forms'
import { clientAddress, getParticipantT, participantLanguage } from './participant.server'
import { NAME_MAX, ORGANISATION_MAX } from './limits'

type Ctx = Readonly<RouterContextProvider>


export function loadStart(context: Ctx, request: Request) {
  const url = new URL(request.url)
  const code = url.searchParams.get('code') ?? ''
  const token = readForumSessionToken(request.headers.get('cookie'))
  // Already in a forum on this device: straight on, unless a (new) code came with the link.
  if (token && !code && validateForumSession(getServices(context).db, token)) throw redirect('/mitmachen/forum')
  return {
    title: getParticipantT(context)('participant:start.title'),
    code: code.slice(0, 20),
    expired: url.searchParams.get('abgelaufen') === '1',
    left: url.searchParams.get('verlassen') === '1',
  }
}

const JoinSchema = z.object({
  code: z.string({ message: msg('participant:start.codeMissing') }).trim().min(1, msg('participant:start.codeMissing')).max(40, msg('participant:join.unknownCode')),
  name: z.string().trim().max(NAME_MAX, msg('participant:start.nameTooLong', { max: NAME_MAX })).default(''),
  organisation: z.string().trim().max(ORGANISATION_MAX, msg('participant:start.organisationTooLong', { max: ORGANISATION_MAX })).default(''),
})

const tooMany = (context: Ctx, wait: number, values: Record<string, string>) =>
  data({ errors: { code: getParticipantT(context)('participant:join.tooMany', { count: Math.max(1, Math.ceil(wait / 60000)) }) }, values }, { status: 429 })

/**
 * Joining: limits first (failed attempts per address; joins per code), then the code. Every failure leaves
 * nothing behind but the count against the address.
 */
export async function joinForum(context: Ctx, request: Request) {
  const services = getServices(context)
  const t = getParticipantT(context)
  const form = await request.formData()
  const values = { code: String(form.get('code') ?? '').slice(0, 40), name: String(form.get('name') ?? '').slice(0, 200), organisation: String(form.get('organisation') ?? '').slice(0, 200) }
  const parsed = parseForm(JoinSchema, form, t)
  if (!parsed.ok) return data({ errors: parsed.errors, values }, { status: 400 })
  const address = clientAddress(context)
  const limits = services.forumLimiter.join
  const addressWait = limits.failuresByAddress.retryAfter(address)
  if (addressWait > 0) return tooMany(context, addressWait, values)
  const classified = classifyCode(parsed.data.code)
  const codeLimiter = classified?.seat ? limits.bySeatCode : limits.byForumCode
  if (classified) {
    const codeWait = codeLimiter.retryAfter(classified.code)
    if (codeWait > 0) return tooMany(context, codeWait, values)
  }
  let joined
  try {
    joined = join(services.db, { ...parsed.data, language: participantLanguage(request) })
  } catch (error) {
    if (!(error instanceof JoinError)) throw error
    if (error.key === 'participant:join.unknownCode') limits.failuresByAddress.hit(address)
    return data({ errors: { [error.field]: error.text(t) }, values }, { status: 400 })
  }
  codeLimiter.hit(joined.code)
  forgetOldParticipantDetails(services.db, berlinToday())
  return redirect('/mitmachen/forum', { headers: { 'Set-Cookie': forumSessionCookie(joined.token, services.env.secureCookies) } })
}
