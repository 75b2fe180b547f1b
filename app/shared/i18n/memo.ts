import type { i18n } from 'i18next'

/**
 * Translations remembered per language instance, for the server. Rendering a page calls `t` a few hundred times,
 * mostly with the same keys and values each time (labels, the legend, the filters), and i18next resolves every
 * call anew: namespace and key parsing, plural rules, interpolation – about as much CPU as React's rendering of
 * the page. The server's instances (resources.ts) never change language or resources, so a `t` of
 * `getFixedT(lng, ns, keyPrefix)` gives the same text for the same key and plain values; this remembers it.
 *
 * Only string results of a string key with no options or options of primitive values are remembered (objects,
 * arrays, functions and selector keys go to i18next as they are); the memory is emptied beyond MAX_ENTRIES
 * (values such as names vary without end) and when the instance's language or resources change.
 */
export function rememberTranslations(instance: i18n): i18n {
  // i18next types `t` and `getFixedT` as overloads generic over namespaces and keys; here each is one function of
  // plain arguments. Reflect.apply calls them as such, and Object.assign puts the wrappers in their place.
  const { getFixedT, t: instanceT } = instance
  const original = (...args: unknown[]): unknown => Reflect.apply(getFixedT, instance, args)
  const plainT = (...args: unknown[]): unknown => Reflect.apply(instanceT, instance, args)
  const scopes = new Map<string, unknown>()
  let entries = 0
  const remembered = new Map<string, Map<string, string>>()
  const forget = () => {
    for (const texts of remembered.values()) texts.clear()
    entries = 0
  }
  instance.on('languageChanged', forget)
  instance.store?.on('added', forget)

  // The instance's own t (loaders, documents): remembered like a scope of its own.
  const own = new Map<string, string>()
  remembered.set('\u0001t', own)
  const rememberedT = remembering(plainT, own)

  const rememberedGetFixedT = (lng: unknown, ns: unknown, keyPrefix: unknown, fixedOpts?: { scopeNs?: unknown }): unknown => {
    const scope = scopeKey(lng, ns, keyPrefix, fixedOpts)
    if (scope === null) return original(lng, ns, keyPrefix, fixedOpts)
    const known = scopes.get(scope)
    if (known) return known
    const fixed: unknown = original(lng, ns, keyPrefix, fixedOpts)
    if (typeof fixed !== 'function') return fixed
    let texts = remembered.get(scope)
    if (!texts) remembered.set(scope, (texts = new Map()))
    const call = (...args: unknown[]): unknown => Reflect.apply(fixed, undefined, args)
    // What i18next's fixed t carries besides being a function (its language, namespace and prefix).
    const carried = Object.fromEntries(['lng', 'lngs', 'ns', 'keyPrefix'].map((name) => [name, Reflect.get(fixed, name) as unknown]))
    const t = Object.assign(remembering(call, texts), carried)
    scopes.set(scope, t)
    return t
  }
  Object.assign(instance, { t: rememberedT, getFixedT: rememberedGetFixedT })
  return instance

  /** `call`, remembering its string results in `memory`. */
  function remembering(call: (...args: unknown[]) => unknown, memory: Map<string, string>) {
    return (key: unknown, options?: unknown, ...rest: unknown[]) => {
      const id = rest.length === 0 && typeof key === 'string' ? callKey(key, options) : null
      if (id === null) return call(key, options, ...rest)
      const known = memory.get(id)
      if (known !== undefined) return known
      const text = call(key, options)
      if (typeof text === 'string') {
        if (entries >= MAX_ENTRIES) forget()
        memory.set(id, text)
        entries++
      }
      return text
    }
  }
}

const MAX_ENTRIES = 20_000

function plainPart(value: unknown): string | null {
  if (value === undefined || value === null) return ''
  if (typeof value === 'string') return `s${value}`
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return `a${JSON.stringify(value)}`
  return null
}

function scopeKey(lng: unknown, ns: unknown, keyPrefix: unknown, fixedOpts?: { scopeNs?: unknown }): string | null {
  if (fixedOpts && Object.keys(fixedOpts).some((k) => k !== 'scopeNs')) return null
  const parts = [plainPart(lng), plainPart(ns), plainPart(keyPrefix), plainPart(fixedOpts?.scopeNs)]
  return parts.includes(null) ? null : parts.join('\u0000')
}

function callKey(key: string, options: unknown): string | null {
  if (options === undefined) return key
  if (typeof options !== 'object' || options === null || Object.getPrototypeOf(options) !== Object.prototype) return null
  for (const value of Object.values(options)) {
    if (value !== null && (typeof value === 'object' || typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint')) return null
  }
  return `${key}\u0000${JSON.stringify(options, (_k, v: unknown) => (v === undefined ? '\u0000undefined' : v))}`
}
