/**
 * The close codes of the collaboration server, in one place. Two ways a client meets them:
 *
 * - Refusing a document (bad name, not logged in, forbidden, unknown, too many documents, load failure) answers
 *   that one document with Hocuspocus' "permission denied" message carrying the German `reason`; the WebSocket
 *   stays open for the page's other documents. The provider emits `authenticationFailed` with `{ reason }`;
 *   `closeCodeOfReason(reason)` gives the code back.
 * - Rejecting what a connection sends (a bad or oversized update, an update to a frozen round, an update that
 *   presupposes edits the server does not have, more messages or bytes than a tab sends), a storage failure,
 *   or a change of the user's rights closes the whole WebSocket with `code` and `reason`, so every document of
 *   that socket reconnects and is authorized afresh.
 *
 * Besides these: ws closes a frame above `maxPayload` with 1009, Hocuspocus' own 4205 (reset), 4408 (timeout)
 * can occur, and an upgrade from a foreign Origin is answered with HTTP 403 before any WebSocket exists.
 * Reasons stay below 123 bytes (the limit of a WebSocket close frame).
 */
export const CLOSE = {
  badName: { code: 4400, reason: 'Ungültiger Dokumentname.' },
  unauthenticated: { code: 4401, reason: 'Nicht angemeldet oder Sitzung abgelaufen.' },
  forbidden: { code: 4403, reason: 'Keine Berechtigung für dieses Dokument.' },
  notFound: { code: 4404, reason: 'Dieses Dokument gibt es nicht.' },
  unknownState: { code: 4422, reason: 'Änderung setzt einen unbekannten Stand voraus – bitte neu verbinden.' },
  accessChanged: { code: 4410, reason: 'Berechtigungen haben sich geändert – bitte neu verbinden.' },
  tooLarge: { code: 4413, reason: 'Änderung oder Text zu groß.' },
  rejected: { code: 4422, reason: 'Änderung abgelehnt: ungültiger Inhalt.' },
  roundClosed: { code: 4423, reason: 'Die Runde ist abgeschlossen; ihre Dokumente sind schreibgeschützt.' },
  meetingNotRunning: { code: 4424, reason: 'Die Sitzung läuft nicht; ihr Dokument ist schreibgeschützt.' },
  posterClosed: { code: 4425, reason: 'Die Arbeitsphase oder das Forum ist beendet; das Plakat ist schreibgeschützt.' },
  tooManyDocuments: { code: 4429, reason: 'Zu viele Dokumente auf einer Verbindung.' },
  tooManyMessages: { code: 4430, reason: 'Zu viele Nachrichten in kurzer Zeit – Verbindung geschlossen.' },
  storeFailed: { code: 4500, reason: 'Speichern fehlgeschlagen – bitte neu verbinden.' },
  loadFailed: { code: 4503, reason: 'Dokument konnte nicht geladen werden.' },
} as const

export type CloseName = keyof typeof CLOSE
export type CloseCode = (typeof CLOSE)[CloseName]

/** An error Hocuspocus understands: it closes the connection (or refuses the document) with code and reason. */
export class CollabError extends Error {
  readonly code: number
  readonly reason: string
  /** Why, for the server log; never sent to the client. */
  readonly detail: string | undefined

  constructor(close: CloseCode, detail?: string) {
    super(detail ? `${close.reason} (${detail})` : close.reason)
    this.name = 'CollabError'
    this.code = close.code
    this.reason = close.reason
    this.detail = detail
  }
}

export function closeCodeOfReason(reason: string | undefined): number | undefined {
  return Object.values(CLOSE).find((c) => c.reason === reason)?.code
}
