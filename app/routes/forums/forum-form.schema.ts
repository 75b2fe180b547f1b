import { z } from 'zod'
import { dateField, label, msg, requiredText, timeField } from '~/shared/forms'
import { PARTICIPANT_LANGUAGES } from '~/shared/i18n/languages'
import { CODE_MODES } from '~/shared/vocabulary'

const optionalText = (max: number, name: string) => z.string().trim().max(max, msg('validation:tooLong', { label: label(name), max })).default('')
const positive = z.coerce.number().int().positive().max(2 ** 31 - 1)

/** The forum's details, as the create and the edit form send them (FormData: several values per checkbox name). */
export const ForumFormSchema = z.object({
  title: requiredText('forums:form.titleLabel', 160),
  formatId: positive,
  date: dateField('forums:form.date'),
  time: timeField,
  place: optionalText(200, 'forums:form.place'),
  invitedBy: optionalText(120, 'forums:form.invitedBy'),
  moderators: optionalText(1000, 'forums:form.moderators'),
  interpreting: optionalText(300, 'forums:form.interpreting'),
  materialUrl: optionalText(500, 'forums:form.materialUrl').refine((v) => v === '' || /^https?:\/\/\S+$/i.test(v) || /^\/[^/\\\s]\S*$/.test(v) || v === '/', msg('forums:form.materialUrlInvalid')),
  roundId: z.preprocess((v) => (v === '' || v === undefined ? null : v), positive.nullable()),
  codeMode: z.enum(CODE_MODES),
  anyTable: z.preprocess((v) => v === 'on' || v === 'true', z.boolean()),
  languages: z.array(z.enum(PARTICIPANT_LANGUAGES, { message: msg('forums:form.unknownLanguage') })).default([]),
  targetGroupIds: z.array(positive).default([]),
})

/** FormData → the schema's input: the lists from getAll, everything else as the single value. */
export function forumFormInput(form: FormData) {
  const single = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string'))
  return { ...single, languages: form.getAll('languages'), targetGroupIds: form.getAll('targetGroupIds') }
}
