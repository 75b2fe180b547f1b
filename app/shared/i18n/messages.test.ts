import { describe, expect, it } from 'vitest'
import { intlLocale, NAMESPACES, PARTICIPANT_MESSAGES, PARTICIPANT_ONLY_LANGUAGES, STAFF_LOCALES, type Language, type Namespace } from './index'
import { RESOURCES } from './resources'

/**
 * The message files of every language against German, the source: the same namespaces, the same keys, the plural
 * forms each language needs (Intl.PluralRules: Arabic six, Russian and Ukrainian four), the same {{placeholders}},
 * and no empty message. The staff languages (de, en) have every namespace; the participant-only languages (ar, uk,
 * tr, ru) have exactly what participant pages show (PARTICIPANT_MESSAGES): a namespace whole, or named subtrees of
 * it, and nothing else. A key missing in any language fails here, not in front of a user.
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

const german = Object.fromEntries(NAMESPACES.map((ns) => [ns, shape(flatten(RESOURCES.de[ns]))]))

/** What one language must have of a namespace: all of it, or the named top-level subtrees. */
type Part = { ns: Namespace; keys: 'all' | readonly string[] }
const everything: Part[] = NAMESPACES.map((ns) => ({ ns, keys: 'all' }))
const participantParts: Part[] = Object.entries(PARTICIPANT_MESSAGES).map(([ns, keys]) => ({ ns: ns as Namespace, keys }))
const inPart = (keys: Part['keys']) => (key: string) => keys === 'all' || keys.some((top) => key === top || key.startsWith(`${top}.`) || key.startsWith(`${top}_`))

function restrict(source: ReturnType<typeof shape>, keep: (key: string) => boolean): ReturnType<typeof shape> {
  return {
    plain: new Map([...source.plain].filter(([key]) => keep(key))),
    plurals: new Map([...source.plurals].filter(([key]) => keep(key))),
  }
}

const languages: { language: Language; parts: Part[] }[] = [
  ...STAFF_LOCALES.map((language) => ({ language, parts: everything })),
  ...PARTICIPANT_ONLY_LANGUAGES.map((language) => ({ language, parts: participantParts })),
]

describe('message files', () => {
  it('German lists exactly the namespaces the app declares', () => {
    expect(Object.keys(RESOURCES.de).sort()).toEqual([...NAMESPACES].sort())
  })

  it('the participant pages\' messages exist in German', () => {
    for (const part of participantParts) {
      const de = german[part.ns]!
      const keys = [...de.plain.keys(), ...de.plurals.keys()]
      if (part.keys !== 'all') for (const top of part.keys) expect(keys.some(inPart([top])), `${part.ns}:${top}`).toBe(true)
      else expect(keys.length, part.ns).toBeGreaterThan(0)
    }
  })

  for (const { language, parts } of languages) {
    describe(language, () => {
      const resources: Partial<Record<Namespace, unknown>> = RESOURCES[language]
      it(`has ${parts === everything ? 'every namespace' : 'exactly the participant pages\' namespaces'}`, () => {
        expect(Object.keys(resources).sort()).toEqual(parts.map((p) => p.ns).sort())
      })

      const categories = new Intl.PluralRules(intlLocale(language)).resolvedOptions().pluralCategories
      for (const { ns, keys } of parts) {
        it(`has ${keys === 'all' ? 'every key' : `the keys under ${keys.join(', ')}`} of ${ns}, with its placeholders and plural forms, and nothing empty`, () => {
          const mine = shape(flatten(resources[ns] ?? {}))
          const de = restrict(german[ns]!, inPart(keys))
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
