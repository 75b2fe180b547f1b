import { describe, expect, it } from 'vitest'
import { intlLocale, LANGUAGES, NAMESPACES, type Language } from './index'
import { RESOURCES } from './resources'

/**
 * The message files of every language against German, the source: the same namespaces, the same keys, the plural
 * forms each language needs (Intl.PluralRules), the same {{placeholders}}, and no empty message. A key missing in
 * any language fails here, not in front of a user.
 */

const PLURAL = /_(zero|one|two|few|many|other)$/

function flatten(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  if (typeof value === 'string') {
    out.set(prefix, value)
    return out
  }
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    for (const [k, v] of flatten(child, prefix ? `${prefix}.${key}` : key)) out.set(k, v)
  }
  return out
}

/** key → message, with plural keys folded into their base: base → { category → message }. */
function shape(messages: Map<string, string>) {
  const plain = new Map<string, string>()
  const plurals = new Map<string, Map<string, string>>()
  for (const [key, text] of messages) {
    const match = PLURAL.exec(key)
    if (match) {
      const base = key.slice(0, -match[0].length)
      if (!plurals.has(base)) plurals.set(base, new Map())
      plurals.get(base)!.set(match[1]!, text)
    } else plain.set(key, text)
  }
  return { plain, plurals }
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).sort()

const languages = Object.keys(LANGUAGES) as Language[]
const german = Object.fromEntries(NAMESPACES.map((ns) => [ns, shape(flatten(RESOURCES.de[ns]))]))

describe('message files', () => {
  it('German lists exactly the namespaces the app declares', () => {
    expect(Object.keys(RESOURCES.de).sort()).toEqual([...NAMESPACES].sort())
  })

  for (const language of languages) {
    describe(language, () => {
      it('has every namespace', () => {
        expect(Object.keys(RESOURCES[language]).sort()).toEqual([...NAMESPACES].sort())
      })

      const categories = new Intl.PluralRules(intlLocale(language)).resolvedOptions().pluralCategories
      for (const ns of NAMESPACES) {
        it(`has every key of ${ns}, with its placeholders and plural forms, and nothing empty`, () => {
          const mine = shape(flatten(RESOURCES[language][ns]))
          const de = german[ns]!
          expect([...mine.plain.keys()].sort(), 'keys').toEqual([...de.plain.keys()].sort())
          expect([...mine.plurals.keys()].sort(), 'plural keys').toEqual([...de.plurals.keys()].sort())
          for (const [key, text] of mine.plain) {
            expect(text.trim(), `${ns}:${key} is empty`).not.toBe('')
            expect(placeholders(text), `${ns}:${key}`).toEqual(placeholders(de.plain.get(key)!))
          }
          for (const [base, forms] of mine.plurals) {
            for (const category of categories) expect(forms.has(category), `${ns}:${base}_${category}`).toBe(true)
            const wanted = placeholders(de.plurals.get(base)!.get('other')!)
            for (const [category, text] of forms) {
              expect(text.trim(), `${ns}:${base}_${category} is empty`).not.toBe('')
              // A form for exactly one may say "one" instead of {{count}}; every other placeholder must be there.
              expect(placeholders(text).filter((p) => p !== 'count'), `${ns}:${base}_${category}`).toEqual(wanted.filter((p) => p !== 'count'))
            }
          }
        })
      }
    })
  }
})
