import { z } from 'zod'
import { dateField, idField, label, msg, requiredText, timeField } from '~/shared/forms'
import { MAX_DECISION_NOTE } from '~/shared/live/layout'
import { ATTAINMENTS, ITEM_STATES } from '~/shared/vocabulary'

/** The forms of the Jour fixe pages; every message is a key of the `meetings` (or `validation`) namespace. */

const MAX_TEXT = 160

/** Title, date, time and place of a meeting (creating and changing it). */
export const MeetingSchema = z.object({
  title: requiredText('meetings:field.title', MAX_TEXT),
  date: dateField('meetings:field.date'),
  time: timeField,
  location: z.preprocess(
    (v) => v ?? '',
    z
      .string({ message: msg('validation:invalid', { label: label('meetings:field.location') }) })
      .trim()
      .max(MAX_TEXT, msg('validation:tooLong', { label: label('meetings:field.location'), max: MAX_TEXT })),
  ),
})

export const CreateSchema = MeetingSchema.extend({ roundId: idField('meetings:field.round') })

const itemId = idField('meetings:field.item')
const bool = z.preprocess((v) => v === 'on' || v === 'true' || v === '1', z.boolean())
const pick = msg('meetings:validation.pick')

/** Everything the meeting page posts: preparing the meeting, and the HTTP twin of each live action of meeting mode. */
export const ActionSchema = z.discriminatedUnion(
  'intent',
  [
    MeetingSchema.extend({ intent: z.literal('update') }),
    z.object({ intent: z.enum(['start', 'close', 'delete']) }),
    z.object({ intent: z.literal('add'), pick: z.string({ message: pick }).regex(/^(measure|goal):[1-9][0-9]{0,9}$/, pick) }),
    z.object({ intent: z.literal('propose') }),
    z.object({ intent: z.literal('remove'), itemId }),
    z.object({ intent: z.literal('move'), itemId, direction: z.enum(['up', 'down'], { message: msg('meetings:validation.direction') }) }),
    z.object({
      intent: z.literal('attendance'),
      guests: z
        .string({ message: msg('meetings:validation.guestsInvalid') })
        .max(5000, msg('meetings:validation.guestsTooLong'))
        .default(''),
    }),
    // An item to call, or a step from the moderator's item (the same rule as meeting mode's buttons).
    z
      .object({ intent: z.literal('step'), itemId: itemId.optional(), direction: z.enum(['next', 'previous'], { message: msg('meetings:validation.direction') }).optional() })
      .refine((v) => v.itemId !== undefined || v.direction !== undefined, { message: msg('meetings:validation.stepWhere'), path: ['itemId'] }),
    z.object({ intent: z.literal('state'), itemId, state: z.enum(ITEM_STATES, { message: msg('meetings:validation.state') }) }),
    z.object({
      intent: z.literal('note'),
      itemId,
      note: z.string({ message: msg('meetings:validation.noteMissing') }).max(MAX_DECISION_NOTE, msg('meetings:validation.noteTooLong', { max: MAX_DECISION_NOTE })),
    }),
    z.object({
      intent: z.literal('agree'),
      itemId,
      attainment: z.enum(ATTAINMENTS, { message: msg('meetings:validation.attainment') }),
      mandatory: bool,
      routine: bool,
      continue: bool,
      responsibilityQuestionable: bool,
      changedConditions: bool,
    }),
  ],
  { message: msg('validation:unknownAction') },
)

export type MeetingAction = z.infer<typeof ActionSchema>
export type LiveAction = Extract<MeetingAction, { intent: 'step' | 'state' | 'note' | 'agree' }>
