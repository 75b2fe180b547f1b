import { createContext, useContext } from 'react'

/**
 * Markup the server rendered in advance for a piece of loader data (serverMarkupContext in server/context.ts):
 * entry.server provides a placeholder per piece and puts the markup in its place in the output. Absent in the
 * browser.
 */
const ServerMarkupContext = createContext<ReadonlyMap<unknown, string> | null>(null)
export const ServerMarkupProvider = ServerMarkupContext.Provider

/**
 * The placeholder for markup rendered in advance from exactly this piece of loader data (an object, or a string
 * by its value) – to be rendered as the inner HTML of the element that holds it – or undefined (in the browser,
 * and on the server when there is none): the caller then renders the content itself. Markup only ever stands
 * for the data it was rendered from.
 */
export function useServerMarkup(data: unknown): string | undefined {
  return useContext(ServerMarkupContext)?.get(data)
}

/**
 * A route module's `handle` that lets the server keep the whole document rendered (app/entry.server.tsx,
 * server/http/document-cache.ts). It is a promise about the page with its layout (app/root.tsx and its loader):
 * - its HTML is made of nothing but its address, its language and the loader data of its routes (no clock, no
 *   randomness, nothing per response but the CSP nonce), so that equal loader data gives an equal page;
 * - its loaders read nothing but the database, the signed-in user, the address and the language (no clock, no
 *   process state such as open live documents), so that a request in the same state gets the same loader data.
 */
export const CACHED_DOCUMENT = { cacheDocument: true } as const

export function isCachedDocument(handle: unknown): boolean {
  return typeof handle === 'object' && handle !== null && (handle as { cacheDocument?: unknown }).cacheDocument === true
}
