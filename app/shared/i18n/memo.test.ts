import { describe, expect, it } from 'vitest'
import { createI18n, LANGUAGES, NAMESPACES, type Language } from './index'
import { rememberTranslations } from './memo'
import { RESOURCES } from './resources'

/** Every message key of a language, plural keys by their base (count decides). */
function keys(language: Language): string[] {
  const out = new Set<string>()
  const walk = (value: unknown, prefix: string) => {
    if (typeof value === 'string') out.add(prefix.replace(/_(zero|one|two|few|many|other)$/, ''))
    else for (const [key, child] of Object.entries(value as Record<string, unknown>)) walk(child, `${prefix}.${key}`)
  }
  const resources = RESOURCES[language] as Partial<Record<(typeof NAMESPACES)[number], Record<string, unknown>>>
  // A participant-only language has some namespaces (PARTICIPANT_MESSAGES); the rest falls back to German.
  for (const ns of NAMESPACES) for (const [key, child] of Object.entries(resources[ns] ?? {})) walk(child, `${ns}:${key}`)
  return [...out]
}

describe('remembered translations', () => {
  for (const language of Object.keys(LANGUAGES) as Language[]) {
    it(`give what i18next gives, for every key of ${language}, with and without values, twice`, () => {
      const plain = createI18n(language, RESOURCES)
      const remembering = rememberTranslations(createI18n(language, RESOURCES))
      const fixed = [plain.getFixedT(language, 'common'), remembering.getFixedT(language, 'common')] as const
      const own = [plain.t, remembering.t] as const
      const values = [undefined, { count: 0 }, { count: 1 }, { count: 7 }, { name: 'Ada', count: 2, number: 42, goals: '3 Ziele', measures: '4 Maßnahmen' }]
      for (let round = 0; round < 2; round++) {
        for (const key of keys(language)) {
          for (const options of values) {
            for (const [expected, t] of [fixed, own]) expect(t(key as never, options as never), `${key} ${JSON.stringify(options)}`).toBe(expected(key as never, options as never))
          }
        }
      }
    })
  }

  it('keep apart what differs: language, namespace, key prefix, values; pass objects and default values through', () => {
    const de = rememberTranslations(createI18n('de', RESOURCES))
    const en = rememberTranslations(createI18n('en', RESOURCES))
    expect(de.getFixedT('de', 'common')('overview' as never)).not.toBe(en.getFixedT('en', 'common')('overview' as never))
    expect(de.t('overview' as never, { lng: 'en' } as never)).toBe(en.t('overview' as never))
    expect(de.t('overview' as never)).not.toBe(en.t('overview' as never))
    const t = de.getFixedT('de', 'common')
    expect(t('catalogue:overview.goalCount' as never, { count: 1 } as never)).not.toBe(t('catalogue:overview.goalCount' as never, { count: 2 } as never))
    expect(t('gibt.es.nicht' as never, 'Vorgabe' as never)).toBe('Vorgabe')
    expect(t('gibt.es.nicht' as never, 'Andere' as never)).toBe('Andere')
    expect(t('gibt.es.nicht' as never, { defaultValue: 'Eins' } as never)).toBe('Eins')
    expect(t('gibt.es.nicht' as never, { defaultValue: 'Zwei' } as never)).toBe('Zwei')
    expect(typeof t('catalogue:overview' as never, { returnObjects: true } as never)).toBe('object')
  })

  it('give a fixed t that carries what i18next’s does (language, namespace, key prefix), the same one per scope', () => {
    const plain = createI18n('de', RESOURCES).getFixedT('en', 'report', 'errors')
    const instance = rememberTranslations(createI18n('de', RESOURCES))
    const fixed = instance.getFixedT('en', 'report', 'errors')
    for (const name of ['lng', 'lngs', 'ns', 'keyPrefix']) expect(Reflect.get(fixed, name), name).toEqual(Reflect.get(plain, name))
    expect(Reflect.get(fixed, 'keyPrefix')).toBe('errors')
    expect(instance.getFixedT('en', 'report', 'errors')).toBe(fixed)
  })
})
