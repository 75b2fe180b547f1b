import { asc } from 'drizzle-orm'
import sharp from 'sharp'
import type { Db } from '../../db/client'
import { rounds } from '../../db/schema'
import { postCard } from '../services/forums/feedback'
import { hideCard, mergeCards, setDisposition } from '../services/forums/moderation'
import { type TargetRef } from '../services/forums/targets'
import { addPhoto } from '../services/forums/files'
import { closeForum, createForum, deleteTable, openForum, seatsOf, tablesOf } from '../services/forums/forums'
import { listFormats, listTargetGroups } from '../services/forums/lists'
import { phasesOf, setPhaseState } from '../services/forums/phases'
import { castVote, createPoll, pollsOf, setPollState } from '../services/forums/polls'

/**
 * A finished Integrationskonferenz for the tests of the forum documents (and for looking at them): personal codes at
 * three tables of eight, cards in six languages and both phases, one hidden, two merged into one, dispositions,
 * three questions with votes, and a poster photo. Every text the tests look for is in `FIXTURE`.
 */

export const FIXTURE = {
  title: 'Integrationskonferenz Größe & Übergänge 2027',
  cards: {
    german: 'Die Beratung im Migrationszentrum ist schnell und freundlich.',
    arabic: 'نحتاج إلى المزيد من دورات اللغة في المساء',
    ukrainian: 'Потрібно більше курсів німецької мови для батьків',
    turkish: 'Akşam kursları çok önemli; çocuk bakımı şart.',
    russian: 'Больше мест в детских садах для семей беженцев',
    kept: 'Mehr Sprachkurse am Abend, auch in Bramsche und Melle',
    duplicate: 'Sprachkurse abends, bitte auch in Melle',
    hidden: 'Dieser Text ist beleidigend und wird ausgeblendet',
    network: 'Ehrenamtliche besser mit den Kommunen vernetzen',
  },
  reason: 'Abendkurse ab Herbst in Bramsche und Melle.',
  question: 'Welches Handlungsfeld ist am wichtigsten?',
  /** Sprache 4 of 7 (57,1 %), Arbeit 2 (28,6 %), Wohnen 1 (14,3 %). */
  votes: [4, 2, 1],
}

export type ForumFixture = { forumId: number; roundId: number; tables: { id: number; number: number; name: string; fieldId: number | null }[]; phases: number[]; seatCodes: string[]; cardIds: Record<keyof typeof FIXTURE.cards, number> }

export async function finishedConference(db: Db): Promise<ForumFixture> {
  const roundId = db.select({ id: rounds.id, state: rounds.state }).from(rounds).orderBy(asc(rounds.id)).all().find((r) => r.state === 'open')!.id
  const groups = listTargetGroups(db)
  const forumId = createForum(
    db,
    {
      title: FIXTURE.title,
      formatId: listFormats(db).find((f) => f.preset === 'conference')!.id,
      date: '2027-03-10',
      time: '09:30',
      place: 'Kreishaus Osnabrück',
      invitedBy: 'Landkreis Osnabrück',
      moderators: 'Frauke Barske\nWerner Hülsmann',
      languages: ['ar', 'uk', 'tr', 'ru', 'en'],
      interpreting: 'Arabisch, Farsi, Tigrinya',
      materialUrl: 'https://www.landkreis-osnabrueck.de/integration',
      roundId,
      codeMode: 'personal',
      anyTable: false,
      targetGroupIds: groups.filter((g) => g.preset === 'migrants' || g.preset === 'associations').map((g) => g.id),
    },
    null,
  )
  for (const table of tablesOf(db, forumId).slice(3)) deleteTable(db, forumId, table.id)
  const tables = tablesOf(db, forumId)
  openForum(db, forumId)
  const phases = phasesOf(db, forumId)
  const [one, two] = phases
  setPhaseState(db, forumId, one!.id, 'open')
  const category = (phase: typeof one, preset: string) => phase!.categories.find((c) => c.preset === preset)!.id
  const card = (text: string, language: string, tableIndex: number | null, phase: typeof one, preset: string, target: TargetRef) =>
    postCard(db, { forumId, phaseId: phase!.id, tableId: tableIndex === null ? null : tables[tableIndex]!.id, categoryId: category(phase, preset), target, text, language, source: 'moderator', participantId: null, enteredBy: null }).id
  const c = FIXTURE.cards
  const cardIds = {
    german: card(c.german, 'de', 0, one, 'praise', { target: 'goal', id: 1 }),
    arabic: card(c.arabic, 'ar', 0, one, 'need', { target: 'goal', id: 12 }),
    ukrainian: card(c.ukrainian, 'uk', 1, one, 'need', { target: 'concept' }),
    turkish: card(c.turkish, 'tr', 1, one, 'veto', { target: 'field', id: tables[1]!.fieldId! }),
    russian: card(c.russian, 'ru', 2, one, 'need', { target: 'goal', id: 30 }),
    kept: card(c.kept, 'de', 2, one, 'idea', { target: 'goal', id: 12 }),
    duplicate: card(c.duplicate, 'de', 2, one, 'idea', { target: 'goal', id: 12 }),
    hidden: card(c.hidden, 'de', 1, one, 'veto', { target: 'concept' }),
    network: 0,
  }
  mergeCards(db, forumId, cardIds.kept, [cardIds.duplicate], null)
  hideCard(db, forumId, cardIds.hidden, 'beleidigend', null)
  setPhaseState(db, forumId, two!.id, 'open')
  cardIds.network = card(c.network, 'de', null, two, 'networks', { target: 'field', id: tables[2]!.fieldId! })

  setDisposition(db, forumId, [cardIds.arabic, cardIds.kept], { disposition: 'adopted', reason: FIXTURE.reason, date: '2027-04-01' }, null)
  setDisposition(db, forumId, [cardIds.german], { disposition: 'alreadyIncluded', reason: '', date: '2027-04-01' }, null)
  setDisposition(db, forumId, [cardIds.russian], { disposition: 'partlyAdopted', reason: 'Zwei neue Gruppen in Quakenbrück.', date: '2027-04-02' }, null)
  setDisposition(db, forumId, [cardIds.turkish], { disposition: 'notAdopted', reason: 'Liegt beim Land.', date: '2027-04-02' }, null)

  const seats = seatsOf(db, forumId)
  const single = createPoll(db, forumId, { question: FIXTURE.question, kind: 'single', options: ['Sprache', 'Arbeit', 'Wohnen'] })
  const scale = createPoll(db, forumId, { question: 'Wie zufrieden sind Sie mit dem Konzeptentwurf?', kind: 'scale', options: [] })
  createPoll(db, forumId, { question: 'Nie gestellt', kind: 'single', options: ['Ja', 'Nein'] })
  setPollState(db, forumId, single, 'open')
  setPollState(db, forumId, scale, 'open')
  const [sprache, arbeit, wohnen] = pollsOf(db, forumId).find((p) => p.id === single)!.options
  const scaleOptions = pollsOf(db, forumId).find((p) => p.id === scale)!.options
  const choices = [sprache, sprache, sprache, sprache, arbeit, arbeit, wohnen]
  choices.forEach((option, i) => castVote(db, forumId, single, seats[i]!.id, [option!.id]))
  ;[4, 5, 3].forEach((point, i) => castVote(db, forumId, scale, seats[i]!.id, [scaleOptions[point - 1]!.id]))
  closeForum(db, forumId)

  const poster = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#f5f0e1' } })
    .composite([{ input: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800"><rect x="80" y="80" width="1040" height="640" fill="none" stroke="#1f3864" stroke-width="12"/><text x="120" y="220" font-size="90" font-family="DejaVu Sans">Tisch 1: Lob</text></svg>'), top: 0, left: 0 }])
    .png()
    .toBuffer()
  await addPhoto(db, forumId, { fileName: 'Plakat Tisch 1.png', bytes: new Uint8Array(poster), tableId: tables[0]!.id, phaseId: one!.id }, null)
  return { forumId, roundId, tables, phases: phases.map((p) => p.id), seatCodes: seats.map((s) => s.code!), cardIds }
}
