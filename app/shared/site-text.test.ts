import { describe, expect, it } from 'vitest'
import { hasPlaceholder, textBlocks } from './site-text'

describe('textBlocks', () => {
  it('reads paragraphs, subheadings and lists, and never markup', () => {
    expect(textBlocks('Erster Absatz\nläuft weiter.\n\n## Stand\n- eins\n- <b>zwei</b>\nDanach ein Absatz.')).toEqual([
      { kind: 'paragraph', text: 'Erster Absatz läuft weiter.' },
      { kind: 'heading', text: 'Stand' },
      { kind: 'list', items: ['eins', '<b>zwei</b>'] },
      { kind: 'paragraph', text: 'Danach ein Absatz.' },
    ])
    expect(textBlocks('  \n\r\n')).toEqual([])
  })

  it('finds a placeholder in square brackets', () => {
    expect(hasPlaceholder('E-Mail: [bitte eintragen]')).toBe(true)
    expect(hasPlaceholder('§ 9 d NBGG [x]')).toBe(false)
  })
})
