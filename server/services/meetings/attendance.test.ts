import { asc, eq } from 'drizzle-orm'
import { beforeEach, describe, expect, it } from 'vitest'
import { meetingAttendance } from '../../../db/schema'
import { MeetingError } from './meeting-row'
import { parseGuests, setAttendance } from './attendance'
import { addUser, db, expectRefused, plan, useMeetingDatabase } from './test-fixture'

useMeetingDatabase()

describe('setAttendance', () => {
  let id: number
  let anna: number
  let ben: number
  beforeEach(() => {
    id = plan()
    anna = addUser('anna@test.zielwerk', 'Anna Arendt')
    ben = addUser('ben@test.zielwerk', 'Ben Bauer')
  })

  const attendance = () =>
    db
      .select({ userId: meetingAttendance.userId, name: meetingAttendance.name, organisation: meetingAttendance.organisation })
      .from(meetingAttendance)
      .where(eq(meetingAttendance.meetingId, id))
      .orderBy(asc(meetingAttendance.name))
      .all()

  it('records accounts under their names and guests trimmed, and replaces the previous list', () => {
    setAttendance(db, id, [anna, ben, anna], [{ name: ' Cem Cakir ', organisation: ' Integrationsrat ' }])
    expect(attendance()).toEqual([
      { userId: anna, name: 'Anna Arendt', organisation: '' },
      { userId: ben, name: 'Ben Bauer', organisation: '' },
      { userId: null, name: 'Cem Cakir', organisation: 'Integrationsrat' },
    ])
    setAttendance(db, id, [ben], [])
    expect(attendance()).toEqual([{ userId: ben, name: 'Ben Bauer', organisation: '' }])
  })

  it('an account that does not exist refuses the whole list; the previous one stays', () => {
    setAttendance(db, id, [anna], [])
    expectRefused(() => setAttendance(db, id, [ben, 99_999], [{ name: 'Gast', organisation: '' }]), /ein Konto, das es nicht \(mehr\) gibt/, 'attendance')
    expect(attendance()).toEqual([{ userId: anna, name: 'Anna Arendt', organisation: '' }])
  })

  it('a deactivated account is refused', () => {
    const gone = addUser('weg@test.zielwerk', 'Ausgeschieden', false)
    setAttendance(db, id, [anna], [])
    expectRefused(() => setAttendance(db, id, [ben, gone], []), /ein Konto, das es nicht \(mehr\) gibt/, 'attendance')
    expect(attendance()).toEqual([{ userId: anna, name: 'Anna Arendt', organisation: '' }])
  })
})

describe('parseGuests', () => {
  it('reads one guest a line, "Name; Organisation", blank lines skipped', () => {
    expect(parseGuests('Erika Muster; Migrationsbeirat\n\n  Cem Cakir  \r\n')).toEqual([
      { name: 'Erika Muster', organisation: 'Migrationsbeirat' },
      { name: 'Cem Cakir', organisation: '' },
    ])
  })

  it('names the line that is not a guest, next to the guest field', () => {
    let error: unknown
    try {
      parseGuests('Erika Muster; Beirat\n;')
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(MeetingError)
    expect((error as MeetingError).message).toBe('Gäste, Zeile 2: bitte \u201eName; Organisation\u201c (Name höchstens 120 Zeichen).')
    expect((error as MeetingError).field).toBe('guests')
  })

  it('takes at most 100 guests', () => {
    expect(parseGuests(Array.from({ length: 100 }, (_, i) => `Gast ${i}`).join('\n'))).toHaveLength(100)
    expect(() => parseGuests(Array.from({ length: 101 }, (_, i) => `Gast ${i}`).join('\n'))).toThrow('Höchstens 100 Gäste.')
  })
})
