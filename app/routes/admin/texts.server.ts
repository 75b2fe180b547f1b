import type { RouterContextProvider } from 'react-router'
import { z } from 'zod'
import { getT, getServices, requireUserWithAbility } from '../../../server/auth/require'
import { done, refused, refusalOf } from '../../../server/http/actions'
import { allSiteTexts, MAX_SITE_TEXT, resetSiteText, saveSiteText } from '../../../server/services/site/texts'
import { msg, parseForm } from '~/shared/forms'
import { STAFF_LOCALES } from '~/shared/i18n'
import { hasPlaceholder } from '~/shared/site-text'
import { SITE_TEXT_KEYS } from '~/shared/vocabulary'

type Ctx = Readonly<RouterContextProvider>

export function loadTexts(context: Ctx, request: Request) {
  requireUserWithAbility(context, request, 'site.edit')
  const texts = allSiteTexts(getServices(context).db).map((text) => ({
    ...text,
    empty: text.body.trim() === '',
    placeholder: hasPlaceholder(text.body),
  }))
  return { title: getT(context)('site:edit.title'), texts, max: MAX_SITE_TEXT }
}

const TextSchema = z.discriminatedUnion(
  'intent',
  [
    z.object({
      intent: z.literal('save'),
      key: z.enum(SITE_TEXT_KEYS, { message: msg('site:edit.unknown') }),
      language: z.enum(STAFF_LOCALES, { message: msg('site:edit.unknown') }),
      body: z.string({ message: msg('site:edit.unknown') }).max(MAX_SITE_TEXT, msg('site:edit.tooLong', { max: MAX_SITE_TEXT })),
    }),
    z.object({
      intent: z.literal('reset'),
      key: z.enum(SITE_TEXT_KEYS, { message: msg('site:edit.unknown') }),
      language: z.enum(STAFF_LOCALES, { message: msg('site:edit.unknown') }),
    }),
  ],
  { message: msg('validation:unknownAction') },
)

export async function changeTexts(context: Ctx, request: Request) {
  const auth = requireUserWithAbility(context, request, 'site.edit')
  const { db } = getServices(context)
  const t = getT(context)
  const form = await request.formData()
  const target = `${form.get('key')}:${form.get('language')}`
  const parsed = parseForm(TextSchema, form, t)
  if (!parsed.ok) return refused(parsed.errors.intent ? { form: parsed.errors.intent } : parsed.errors, { intent: target })
  const input = parsed.data
  try {
    if (input.intent === 'reset') {
      resetSiteText(db, input.key, input.language)
      return done(t('site:edit.resetDone'), { intent: target })
    }
    saveSiteText(db, { key: input.key, language: input.language, body: input.body.replace(/\r\n?/g, '\n').trim() }, auth.user.id)
    return done(t('site:edit.saved'), { intent: target })
  } catch (error) {
    return refusalOf(context, error, { intent: target })
  }
}
