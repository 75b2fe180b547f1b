/**
 * Requests to the running server as one of the test's signed-in users (by key in `cookies`, filled in beforeAll)
 * or as 'anonymous' (no cookie). Redirects are not followed, so a test sees the 302 to the login page itself.
 * `baseUrl` is read at request time, because the server starts after the module is loaded.
 */
export function requestsAs<Who extends string>(baseUrl: () => string, cookies: Partial<Record<Who, string>>) {
  const cookieOf = (who: Who | 'anonymous'): Record<string, string> => (who === 'anonymous' ? {} : { Cookie: cookies[who as Who]! })
  return {
    get(who: Who | 'anonymous', pathname: string) {
      return fetch(baseUrl() + pathname, { redirect: 'manual', headers: cookieOf(who) })
    },
    /** A form post; every non-GET request is Origin-checked, so it sends the server's own origin unless told otherwise. */
    post(who: Who | 'anonymous', pathname: string, form: Record<string, string>, origin = baseUrl()) {
      return fetch(baseUrl() + pathname, {
        method: 'POST',
        redirect: 'manual',
        headers: { Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded', ...cookieOf(who) },
        body: new URLSearchParams(form),
      })
    },
  }
}
