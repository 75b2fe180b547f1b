import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { afterAll, expect, test } from 'vitest'
import { openDatabase } from '../../db/client'
import { rounds } from '../../db/schema'
import { seedCatalogue } from '../../db/seed/catalogue'
import { RoundStates } from './round-states'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zielwerk-rounds-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

test('a round’s state is remembered, forgotten at once on a change through the same connection and at the next poll after another connection’s', () => {
  const file = path.join(dir, 'zielwerk.sqlite')
  const db = openDatabase(file)
  seedCatalogue(db)
  const other = openDatabase(file)
  const open = db.select({ id: rounds.id }).from(rounds).where(eq(rounds.state, 'open')).get()!.id
  const states = new RoundStates(db, 60_000)
  try {
    expect(states.isOpen(open)).toBe(true)
    // Through the same connection (any code path): the trigger forgets it inside the statement.
    db.update(rounds).set({ state: 'closed' }).where(eq(rounds.id, open)).run()
    expect(states.isOpen(open)).toBe(false)
    db.update(rounds).set({ state: 'open' }).where(eq(rounds.id, open)).run()
    expect(states.isOpen(open)).toBe(true)
    // Through another connection: remembered until the next poll, which sees data_version move.
    other.update(rounds).set({ state: 'closed' }).where(eq(rounds.id, open)).run()
    expect(states.isOpen(open)).toBe(true)
    states.poll()
    expect(states.isOpen(open)).toBe(false)
    expect(states.isOpen(999_999)).toBe(false)
  } finally {
    states.stop()
    other.$client.close()
    db.$client.close()
  }
})
