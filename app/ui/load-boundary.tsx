import { Component, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

/**
 * Around a lazily loaded part of a page (editor, live goal, meeting mode): when its code cannot be fetched (the
 * network dropped before the chunk arrived) the rest of the page stays, with a message and a way to try again,
 * instead of the whole page turning into the error screen. What was typed offline is safe in IndexedDB.
 * `what` names the part in the page's language ("Der Editor"), as the subject of the message.
 */
export class LoadBoundary extends Component<{ children: ReactNode; what: string; fallback?: ReactNode }, { failed: boolean }> {
  override state = { failed: false }

  static getDerivedStateFromError() {
    return { failed: true }
  }

  override render() {
    if (!this.state.failed) return this.props.children
    return <LoadFailed what={this.props.what} fallback={this.props.fallback} />
  }
}

function LoadFailed({ what, fallback }: { what: string; fallback?: ReactNode }) {
  const { t } = useTranslation()
  return (
    <div role="alert" className="space-y-2 rounded-md border border-red-700 bg-red-50 px-3 py-2 text-sm text-red-900">
      <p>{t('common:ui.load.failed', { what })}</p>
      <button type="button" className="btn-secondary" onClick={() => window.location.reload()}>
        {t('common:ui.reload')}
      </button>
      {fallback}
    </div>
  )
}
