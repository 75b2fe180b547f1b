import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { I18nextProvider } from 'react-i18next'
import type { i18n as I18n } from 'i18next'
import { HydratedRouter } from 'react-router/dom'
import type { ClientInstrumentation } from 'react-router'
import { createI18n, DEFAULT_LANGUAGE, isLanguage, type Language, type Namespace } from './shared/i18n'
import { CORE_NAMESPACES, routeNamespaces } from './shared/i18n/namespaces'

/**
 * Each language's messages are chunks of their own, one per namespace: a page loads its language's core
 * namespaces and those of its routes (shared/i18n/namespaces.ts) before it hydrates, and a navigation loads the
 * next page's before that page renders (the router waits for its loader, and the loader for them). Should a
 * message of a namespace not loaded yet still be asked for, the namespace is loaded then and the page renders
 * again.
 */
const messages = import.meta.glob<{ default: Record<string, unknown> }>('./shared/i18n/locales/*/*.json')

// The server rendered the page in <html lang>; hydrate in the same language, with its messages loaded first.
const lang = document.documentElement.lang
const language: Language = isLanguage(lang) ? lang : DEFAULT_LANGUAGE
const i18n = createI18n(language, { [language]: {} } as never, {
  // A namespace added later renders the page again (react-i18next listens to the store's 'added').
  react: { bindI18nStore: 'added' },
  saveMissing: true,
  missingKeyHandler: (_languages: readonly string[], ns: string) => void load([ns as Namespace]),
})

const loading = new Map<string, Promise<void>>()
function load(namespaces: readonly Namespace[]): Promise<unknown> {
  return Promise.all(
    namespaces.map((ns) => {
      let pending = loading.get(ns)
      if (!pending) {
        const file = messages[`./shared/i18n/locales/${language}/${ns}.json`]
        pending = file ? file().then((module) => void addMessages(i18n, ns, module.default)) : Promise.resolve()
        loading.set(ns, pending)
      }
      return pending
    }),
  )
}

function addMessages(instance: I18n, ns: Namespace, resources: Record<string, unknown>) {
  instance.addResourceBundle(language, ns, resources, true, true)
}

declare global {
  interface Window {
    /** The route modules React Router's server-rendered document loaded for this page (keyed by route id). */
    __reactRouterRouteModules?: Record<string, unknown>
  }
}

const routes = Object.keys(window.__reactRouterRouteModules ?? {})
await load([...CORE_NAMESPACES, ...routes.flatMap(routeNamespaces)])

/** A route's namespaces are loaded before its loader is done, so before it renders. */
const namespacesFirst: ClientInstrumentation = {
  route({ id, instrument }) {
    const needs = routeNamespaces(id)
    if (needs.length === 0) return
    instrument({
      async loader(run) {
        await Promise.all([load(needs), run()])
      },
    })
  },
}

startTransition(() => {
  hydrateRoot(
    document,
    <I18nextProvider i18n={i18n}>
      <StrictMode>
        <HydratedRouter instrumentations={[namespacesFirst]} />
      </StrictMode>
    </I18nextProvider>,
  )
})
