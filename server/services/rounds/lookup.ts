import { eq } from 'drizzle-orm'
import type { DbOrTx } from '../../../db/client'
import { rounds } from '../../../db/schema'
import { type RoundState } from '../../../app/shared/vocabulary'
import { roundOpen } from '../../policies/policy'
import { currentRound } from '../catalogue/catalogue'

/**
 * One round by id, as the round pages and services need it: the one place that reads a single round. Lists of
 * rounds and the round pages show by default come from the catalogue's listRounds/currentRound.
 */
export type RoundInfo = {
  id: number
  conceptId: number
  name: string
  state: RoundState
  dueDate: string | null
  /** The round whose state this one started from (null: it carried nothing over). */
  previousRoundId: number | null
}

export function roundById(db: DbOrTx, roundId: number): RoundInfo | undefined {
  return db
    .select({ id: rounds.id, conceptId: rounds.conceptId, name: rounds.name, state: rounds.state, dueDate: rounds.dueDate, previousRoundId: rounds.previousRoundId })
    .from(rounds)
    .where(eq(rounds.id, roundId))
    .get()
}

/** The round units work in: the current round, when it is open (a concept has at most one open round). */
export function roundInWork(db: DbOrTx): RoundInfo | undefined {
  const current = currentRound(db)
  return current && roundOpen(current.state) === 'allowed' ? roundById(db, current.id) : undefined
}
