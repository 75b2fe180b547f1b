import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import * as Y from 'yjs'
import { colorFor, type LiveDocument, type Refusal } from '~/collab/connection'
import { useEditable, useLiveDocuments, useReadOnly, useRefusal, useSaveState, useYMap, type LiveUser } from '~/collab/use-live'
import { Presence, RefusedNotices, RoundClosedNotice, SaveIndicator } from '~/collab/status'
import { CHAPTER_MAP, NARRATIVE } from '~/shared/live/layout'
import { LoadBoundary } from '~/ui/load-boundary'
import { ChapterFrame, chapterId, GoalReferenceList } from './chapter-parts'
import { IndicatorReferenceButton } from './indicator-reference-button'
import type { ChapterView, LiveChaptersProps } from './report-types'

const NarrativeEditor = lazy(() => import('~/collab/narrative-editor'))

/**
 * The report's chapters live: every chapter document of the page over the one socket, one Tiptap editor each (the
 * narrative editor of the goal page: presence, carets, "Gespeichert" only once the server has stored), read-only for
 * those without 'report.write' ("Nur lesen"). Under each chapter, the goals it names (linked) and those the concept
 * lacks (flagged), read from the live text as it is typed.
 */
export default function LiveChapters({ me, chapters, canWrite, goalNumbers, renderAfter, renderPanel, chapterTitle }: LiveChaptersProps) {
  const { t } = useTranslation()
  const names = chapters.map((c) => c.documentName)
  const user: LiveUser = { name: me.name, unit: me.unit, color: colorFor(me.id), ...(me.role ? { role: me.role } : {}) }
  const docs = useLiveDocuments(names, user)
  const saveState = useSaveState(docs)
  const readOnly = useReadOnly(docs)
  const refusal = useRefusal(names)
  const known = useMemo(() => new Set(goalNumbers), [goalNumbers])
  return (
    <div className="space-y-6">
      {refusal?.code === 4423 ? <RoundClosedNotice /> : null}
      <div className="flex flex-wrap items-start justify-between gap-4">
        <Presence live={docs?.get(names[0]!)} heading={t('report:writing.presence')} />
        <SaveIndicator state={saveState} readOnly={readOnly} refusalShown={!!refusal && refusal.unsaved.size > 0} />
      </div>
      {chapters.map((c) => {
        const live = docs?.get(c.documentName)
        return (
          <LiveChapterFrame
            key={c.slug}
            chapter={c}
            title={chapterTitle(c)}
            live={live}
            user={user}
            canWrite={canWrite}
            known={known}
            refusal={refusal}
            after={renderAfter(c)}
            panel={renderPanel(c)}
          />
        )
      })}
    </div>
  )
}

function LiveChapterFrame(props: {
  chapter: ChapterView
  title: React.ReactNode
  live: LiveDocument | undefined
  user: LiveUser
  canWrite: boolean
  known: ReadonlySet<number>
  refusal: Refusal | null
  after: React.ReactNode
  panel: React.ReactNode
}) {
  const { t } = useTranslation()
  const { chapter, live } = props
  const text = useFragmentText(live, chapter.text)
  const editable = useEditable(live, props.canWrite, props.refusal)
  const body = live ? (
    <>
      <LoadBoundary what={t('common:ui.load.editor')}>
        <Suspense fallback={<p className="text-sm text-slate-700">{t('common:ui.editor.loading')}</p>}>
          <NarrativeEditor live={live} user={props.user} editable={editable} labelledBy={chapterId(chapter)} tools={(editor) => <IndicatorReferenceButton editor={editor} />} />
        </Suspense>
      </LoadBoundary>
      <RefusedNotices refusal={props.refusal} live={live} name={chapter.documentName} />
      {chapter.field !== null ? <StatisticsToggle live={live} chapter={chapter} editable={editable} /> : null}
      <GoalReferenceList text={text} known={props.known} id={chapter.slug} />
    </>
  ) : (
    <p className="text-sm">{t('common:ui.save.connecting')}</p>
  )
  return <ChapterFrame chapter={chapter} title={props.title} body={body} after={props.after} panel={props.panel} />
}

/** The optional generated table at the chapter's end: one switch in the chapter's document, so co-authors see it at once. */
function StatisticsToggle({ live, chapter, editable }: { live: LiveDocument; chapter: ChapterView; editable: boolean }) {
  const { t } = useTranslation()
  const map = live.doc.getMap(CHAPTER_MAP) as Y.Map<unknown>
  const value = useYMap<{ statistics: boolean }>(map)
  const set = useCallback((on: boolean) => map.set('statistics', on), [map])
  const id = `statistik-${chapter.slug}`
  return (
    <div className="flex items-start gap-2 text-sm">
      <input id={id} type="checkbox" className="mt-1" checked={value.statistics === true} disabled={!editable} onChange={(e) => set(e.target.checked)} />
      <label htmlFor={id}>{t('report:writing.statistics', { number: chapter.field ?? '' })}</label>
    </div>
  )
}

/** The plain text of a chapter's live fragment (paragraphs on lines of their own), following every change. */
function useFragmentText(live: LiveDocument | undefined, initial: string): string {
  const [text, setText] = useState(initial)
  useEffect(() => {
    if (!live) return
    const fragment = live.doc.getXmlFragment(NARRATIVE)
    const update = () => setText(fragmentText(fragment))
    update()
    fragment.observeDeep(update)
    return () => fragment.unobserveDeep(update)
  }, [live])
  return text
}

function fragmentText(node: Y.XmlFragment | Y.XmlElement): string {
  const lines: string[] = []
  node.forEach((child) => {
    if (child instanceof Y.XmlText) lines.push(child.toDelta().map((d: { insert?: unknown }) => (typeof d.insert === 'string' ? d.insert : '')).join(''))
    else if (child instanceof Y.XmlElement) lines.push(fragmentText(child))
  })
  return lines.join('\n')
}
