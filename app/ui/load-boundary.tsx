import { Component, type ReactNode } from 'react'

/**
 * Around a lazily loaded part of a page (editor, live goal, meeting mode): when its code cannot be fetched (the
 * network dropped before the chunk arrived) the rest of the page stays, with a German message and a way to try
 * again, instead of the whole page turning into the error screen. What was typed offline is safe in IndexedDB.
 */
export class LoadBoundary extends Component<{ children: ReactNode; what: string; fallback?: ReactNode }, { failed: boolean }> {
  override state = { failed: false }

  static getDerivedStateFromError() {
    return { failed: true }
  }

  override render() {
    if (!this.state.failed) return this.props.children
    return (
      <div role="alert" className="space-y-2 rounded-md border border-red-700 bg-red-50 px-3 py-2 text-sm text-red-900">
        <p>
          {this.props.what} konnte nicht geladen werden – vermutlich ist die Verbindung unterbrochen. Ihre bisherigen Änderungen sind in diesem
          Browser gespeichert.
        </p>
        <button type="button" className="btn-secondary" onClick={() => window.location.reload()}>
          Seite neu laden
        </button>
        {this.props.fallback}
      </div>
    )
  }
}
