import Collaboration from '@tiptap/extension-collaboration'
import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react'
import { useEffect, useId, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { LiveDocument, PresenceUser } from '~/collab/connection'
import { narrativeExtensions } from '../shared/live/extensions'
import { NARRATIVE } from '../shared/live/layout'

/**
 * A Tiptap editor bound to the document's `narrative` fragment. Undo and redo come from the Collaboration
 * extension (Yjs' UndoManager), so they undo only this user's own edits. Remote carets carry names.
 *
 * Named by `label`, or by the element `labelledBy` (which may hold German catalogue text marked lang="de",
 * which an aria-label could not). `tools` adds controls to the toolbar (a report chapter's "Kennzahl einfügen":
 * app/routes/report/indicator-reference-button.tsx); they get the editor and show only while it is editable.
 */
export default function NarrativeEditor({
  live,
  user,
  editable,
  label,
  labelledBy,
  tools,
}: {
  live: LiveDocument
  user: PresenceUser
  editable: boolean
  label?: string
  labelledBy?: string
  tools?: (editor: Editor) => ReactNode
}) {
  const { t } = useTranslation()
  const naming: Naming = labelledBy ? { 'aria-labelledby': labelledBy } : { 'aria-label': label ?? t('narrative') }
  const editor = useEditor(
    {
      immediatelyRender: false,
      editable,
      extensions: [
        ...narrativeExtensions,
        Collaboration.configure({ document: live.doc, field: NARRATIVE }),
        CollaborationCaret.configure({ provider: live.provider, user }),
      ],
      editorProps: {
        attributes: {
          role: 'textbox',
          'aria-multiline': 'true',
          ...naming,
          ...(editable ? {} : { 'aria-readonly': 'true' }),
          class: 'prose-narrative min-h-16 rounded-b-md border border-slate-500 bg-white px-3 py-2 text-sm focus:outline-none',
        },
      },
    },
    [live],
  )
  useEffect(() => {
    editor?.setEditable(editable)
  }, [editor, editable])
  return (
    <div data-narrative={live.name}>
      {editable && editor ? <Toolbar editor={editor} naming={naming} tools={tools} /> : null}
      <EditorContent editor={editor} />
    </div>
  )
}

type Naming = { 'aria-label': string } | { 'aria-labelledby': string }

function Toolbar({ editor, naming, tools }: { editor: Editor; naming: Naming; tools?: (editor: Editor) => ReactNode }) {
  const { t } = useTranslation()
  const id = useId()
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
      link: e.isActive('link'),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  })
  const button = 'rounded px-2 py-1 text-sm hover:bg-slate-200 aria-pressed:bg-slate-300 aria-pressed:font-bold disabled:opacity-50'
  const setLink = () => {
    const previous = (editor.getAttributes('link').href as string | undefined) ?? 'https://'
    const href = window.prompt(t('common:ui.editor.linkPrompt'), previous)
    if (href === null) return
    if (href.trim() === '') {
      editor.chain().focus().unsetLink().run()
      return
    }
    if (!/^(https?:\/\/|mailto:)/i.test(href.trim())) {
      window.alert(t('common:ui.editor.linkInvalid'))
      return
    }
    editor.chain().focus().extendMarkRange('link').setLink({ href: href.trim() }).run()
  }
  return (
    <div
      role="toolbar"
      {...('aria-label' in naming
        ? { 'aria-label': t('common:ui.editor.toolbarOf', { label: naming['aria-label'] }) }
        : { 'aria-labelledby': `${id}-toolbar ${naming['aria-labelledby']}` })}
      className="flex flex-wrap gap-1 rounded-t-md border border-b-0 border-slate-500 bg-slate-100 px-1 py-0.5">
      {'aria-labelledby' in naming ? (
        <span id={`${id}-toolbar`} hidden>
          {t('common:ui.editor.toolbar')}
        </span>
      ) : null}
      <button type="button" className={button} aria-pressed={state.bold} onClick={() => editor.chain().focus().toggleBold().run()}>
        <b aria-hidden="true">{t('common:ui.editor.boldSymbol')}</b>
        <span className="sr-only">{t('common:ui.editor.bold')}</span>
      </button>
      <button type="button" className={button} aria-pressed={state.italic} onClick={() => editor.chain().focus().toggleItalic().run()}>
        <i aria-hidden="true">{t('common:ui.editor.italicSymbol')}</i>
        <span className="sr-only">{t('common:ui.editor.italic')}</span>
      </button>
      <button type="button" className={button} aria-pressed={state.bulletList} onClick={() => editor.chain().focus().toggleBulletList().run()}>
        {t('common:ui.editor.bulletList')}
      </button>
      <button type="button" className={button} aria-pressed={state.orderedList} onClick={() => editor.chain().focus().toggleOrderedList().run()}>
        {t('common:ui.editor.orderedList')}
      </button>
      <button type="button" className={button} aria-pressed={state.link} onClick={setLink}>
        {t('common:ui.editor.link')}
      </button>
      <button type="button" className={button} disabled={!state.canUndo} onClick={() => editor.chain().focus().undo().run()}>
        {t('common:ui.editor.undo')}
      </button>
      <button type="button" className={button} disabled={!state.canRedo} onClick={() => editor.chain().focus().redo().run()}>
        {t('common:ui.editor.redo')}
      </button>
      {tools?.(editor)}
    </div>
  )
}
