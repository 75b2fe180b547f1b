import { describe, expect, it } from 'vitest'
import { tFor } from '~/shared/i18n/resources'
import { noFlags } from '~/shared/vocabulary'
import { differences } from './differences'

const proposal = { attainment: 'low' as const, flags: noFlags() }

describe('differences between proposal and agreed rating', () => {
  it('says nothing while nothing is agreed, or when the agreement is the proposal', () => {
    expect(differences(proposal, { attainment: null, flags: null }, tFor('de'))).toEqual([])
    expect(differences(proposal, proposal, tFor('de'))).toEqual([])
  })

  it('spells out a different attainment and every different mark, in the reader\u2019s language', () => {
    const agreed = { attainment: 'unclear' as const, flags: { ...noFlags(), changedConditions: true } }
    expect(differences(proposal, agreed, tFor('de'))).toEqual([
      'Bewertung: Vorschlag gering, abgestimmt unklar',
      'Veränderte Rahmenbedingungen: abgestimmt ja, vorgeschlagen nein',
    ])
    expect(differences({ attainment: null, flags: { ...noFlags(), routine: true } }, { attainment: 'high', flags: noFlags() }, tFor('en'))).toEqual([
      'Rating: proposed without rating, agreed high',
      'Routine: proposed yes, agreed no',
    ])
  })
})
