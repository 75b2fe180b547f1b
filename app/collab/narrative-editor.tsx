import Collaboration from '@tiptap/extension-collaboration'
import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react'
import { useEffect } from 'react'
import type { LiveDocument, PresenceUser } from '~/collab/connection'
import { narrativeExtensions } from '../shared/live/extensions'
import { NARRATIVE } from '../shared/live/layout'

/**
 * A Tiptap editor bound to the document's `narrative` fragment. Undo and redo come from the Collaboration
 * extension (Yjs' UndoManager), so they undo only this user's own edits. Remote carets carry names.
 */
export default function NarrativeEditor({
  live,
  user,
  editable,
  label,
}: {
  live: LiveDocument
  user: PresenceUser
  editable: boolean
  label: string
}) {
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
          'aria-label': label,
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
      {editable && editor ? <Toolbar editor={editor} label={label} /> : null}
      <EditorContent editor={editor} />
    </div>
  )
}

function Toolbar({ editor, label }: { editor: Editor; label: string }) {
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
    const href = window.prompt('Link-Adresse (https://… oder mailto:…). Leer lassen, um den Link zu entfernen.', previous)
    if (href === null) return
    if (href.trim() === '') {
      editor.chain().focus().unsetLink().run()
      return
    }
    if (!/^(https?:\/\/|mailto:)/i.test(href.trim())) {
      window.alert('Nur Links mit https://, http:// oder mailto: sind erlaubt.')
      return
    }
    editor.chain().focus().extendMarkRange('link').setLink({ href: href.trim() }).run()
  }
  return (
    <div role="toolbar" aria-label={`Formatierung: ${label}`} className="flex flex-wrap gap-1 rounded-t-md border border-b-0 border-slate-500 bg-slate-100 px-1 py-0.5">
      <button type="button" className={button} aria-pressed={state.bold} onClick={() => editor.chain().focus().toggleBold().run()}>
        <b aria-hidden="true">F</b>
        <span className="sr-only">Fett</span>
      </button>
      <button type="button" className={button} aria-pressed={state.italic} onClick={() => editor.chain().focus().toggleItalic().run()}>
        <i aria-hidden="true">K</i>
        <span className="sr-only">Kursiv</span>
      </button>
      <button type="button" className={button} aria-pressed={state.bulletList} onClick={() => editor.chain().focus().toggleBulletList().run()}>
        Liste
      </button>
      <button type="button" className={button} aria-pressed={state.orderedList} onClick={() => editor.chain().focus().toggleOrderedList().run()}>
        Nummerierung
      </button>
      <button type="button" className={button} aria-pressed={state.link} onClick={setLink}>
        Link
      </button>
      <button type="button" className={button} disabled={!state.canUndo} onClick={() => editor.chain().focus().undo().run()}>
        Rückgängig
      </button>
      <button type="button" className={button} disabled={!state.canRedo} onClick={() => editor.chain().focus().redo().run()}>
        Wiederholen
      </button>
    </div>
  )
}
