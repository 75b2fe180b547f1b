import { eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { forums, users } from '../../db/schema'
import { closeForum, createForum, openForum, setFeedbackPublished, tablesOf } from '../services/forums/forums'
import { listFormats } from '../services/forums/lists'
import { phasesOf, setPhaseState } from '../services/forums/phases'
import { postCard } from '../services/forums/feedback'
import { setDisposition } from '../services/forums/moderation'
import { castVote, createPoll, pollsOf, setPollState } from '../services/forums/polls'
import { join } from '../services/forums/join'
import { DEMO_DOMAIN } from './demo'

/**
 * A demo forum for trying the forums out (npm run seed:demo): a past Integrationskonferenz, clearly labelled
 * "(Demo)", with cards in several languages, a closed question with votes, a review and a published Rückmeldung.
 * Illustration only: none of it is from the source. Does nothing when the demo forum exists.
 */
export const DEMO_FORUM_TITLE = 'Integrationskonferenz (Demo)'

export function seedDemoForums(db: Db): { created: boolean; code: string | null } {
  if (db.select({ id: forums.id }).from(forums).where(eq(forums.title, DEMO_FORUM_TITLE)).get()) return { created: false, code: null }
  const coordinator = db.select({ id: users.id }).from(users).where(eq(users.email, `koordination@${DEMO_DOMAIN}`)).get()?.id ?? null
  const formatId = listFormats(db).find((f) => f.preset === 'conference')!.id
  const forumId = createForum(
    db,
    { title: DEMO_FORUM_TITLE, formatId, date: '2026-10-15', time: '14:00', place: 'Kreishaus Osnabrück', invitedBy: 'Landkreis Osnabrück', moderators: 'Demo-Moderation', languages: ['en', 'ar', 'uk', 'tr', 'ru'], interpreting: 'Arabisch, Ukrainisch', materialUrl: '/', roundId: null, codeMode: 'open', anyTable: false, targetGroupIds: [] },
    coordinator,
  )
  openForum(db, forumId)
  const [phase] = phasesOf(db, forumId)
  const tables = tablesOf(db, forumId)
  setPhaseState(db, forumId, phase!.id, 'open')
  const code = db.select({ code: forums.code }).from(forums).where(eq(forums.id, forumId)).get()!.code
  const people = ['de', 'ar', 'uk'].map((language) => join(db, { code, name: '', organisation: '', language: language as 'de' | 'ar' | 'uk' }).participantId)
  const [praise, veto, need] = phase!.categories
  const cards = [
    { table: 2, category: need!, text: 'Sprachkurse am Abend und mit Kinderbetreuung', language: 'de', goal: 20 },
    { table: 2, category: praise!, text: 'دروس اللغة في المركز جيدة جدًا', language: 'ar', goal: 20 },
    { table: 0, category: veto!, text: 'Термін очікування в Ausländerbehörde занадто довгий', language: 'uk', goal: 2 },
  ].map((c, i) =>
    postCard(db, { forumId, phaseId: phase!.id, tableId: tables[c.table]!.id, categoryId: c.category.id, target: { target: 'goal', id: c.goal }, text: c.text, language: c.language, source: 'participant', participantId: people[i]!, enteredBy: null }).id,
  )
  const poll = createPoll(db, forumId, { question: 'Wie gut fühlen Sie sich über das Konzept informiert?', kind: 'scale', options: [] })
  setPollState(db, forumId, poll, 'open')
  const options = pollsOf(db, forumId)[0]!.options
  people.forEach((person, i) => castVote(db, forumId, poll, person, [options[2 + i]!.id]))
  closeForum(db, forumId)
  setDisposition(db, forumId, [cards[0]!, cards[1]!], { disposition: 'alreadyIncluded', reason: 'Steht im Konzept (Handlungsfeld Sprache).', date: '2026-11-05' }, coordinator)
  setDisposition(db, forumId, [cards[2]!], { disposition: 'partlyAdopted', reason: 'Terminvergabe online wird geprüft.', date: '2026-11-05' }, coordinator)
  setFeedbackPublished(db, forumId, true)
  return { created: true, code }
}
