import { NAMESPACES, type Namespace } from './index'

/**
 * Which message namespaces a page of the browser needs, so that it loads only those (app/entry.client.tsx): the
 * core ones that the layout and the shared components (app/ui, app/collab) use, on every page, and the one of
 * each route's capability – a route module lives in app/routes/<capability>/ and takes its words from the
 * namespace of that name. Messages that loaders and actions send are translated on the server. A route of a
 * capability without a namespace of its own gets every namespace (nothing is ever missing).
 *
 * tests: namespaces.test.ts reads every browser module for the namespaces it uses.
 */
export const CORE_NAMESPACES = ['common', 'vocabulary', 'policy', 'validation', 'errors', 'account', 'site'] as const satisfies readonly Namespace[]

/** Capabilities whose pages use more than their own namespace. */
const ALSO: Partial<Record<string, readonly Namespace[]>> = {
  forums: ['participant'],
  // The goal page shows the forums' feedback and the linked indicators; the overview links the exports.
  catalogue: ['forums', 'monitoring', 'report'],
  // The Jour fixe's item panel shows the forums' feedback.
  meetings: ['forums'],
  // The rounds page links the exports of each round.
  rounds: ['report'],
}

/** Capabilities without a namespace of their own that take their words from another's. */
const BORROWS: Partial<Record<string, Namespace>> = {
  // The public pages of published rounds speak the report's words.
  published: 'report',
}

/** The namespaces a route needs beyond the core ones, by its id (the module's path in app/, e.g. routes/rounds/todo). */
export function routeNamespaces(routeId: string): Namespace[] {
  if (routeId === 'root') return []
  // A route id that does not name its capability's folder (a custom id) gets every namespace: nothing may be missing.
  const folder = /^routes\/([^/]+)\//.exec(routeId)?.[1] ?? ''
  const capability = BORROWS[folder] ?? folder
  const own = (NAMESPACES as readonly string[]).includes(capability) ? [capability as Namespace, ...(ALSO[capability] ?? [])] : [...NAMESPACES]
  return own.filter((ns) => !(CORE_NAMESPACES as readonly string[]).includes(ns))
}
