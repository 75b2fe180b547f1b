import type { Editor } from '@tiptap/react'
import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { INDICATOR_REFERENCE, indicatorReferenceText, referenceDateText, type ReferenceChoices, type ReferenceValue } from '~/shared/live/indicator-reference'

/**
 * "Kennzahl einfügen" in a report chapter's editor: a button that opens a modal dialog (the browser's <dialog>:
 * focus stays inside, Escape closes, focus returns to the button) to choose an indicator, a territory and a
 * reference date from the data (/monitoring/referenz), shows what will be inserted and inserts the
 * `indicatorReference` node with the server's snapshot. Figures under small-number protection are listed as the
 * pages print them ("< 3") but cannot be chosen.
 *
 * Mount it in the editor's toolbar: `<NarrativeEditor … tools={(editor) => <IndicatorReferenceButton editor={editor} />} />`.
 * Only report chapters offer it; the schema accepts the node in every narrative.
 */
export function IndicatorReferenceButton({ editor }: { editor: Editor }) {
  const { t } = useTranslation()
  const id = useId()
  const dialog = useRef<HTMLDialogElement>(null)
  const [choices, setChoices] = useState<ReferenceChoices | null>(null)
  const [indicator, setIndicator] = useState('')
  const [territory, setTerritory] = useState('')
  const [values, setValues] = useState<ReferenceValue[] | null>(null)
  const [date, setDate] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)

  const load = async <T,>(url: string): Promise<T | null> => {
    setLoading(true)
    setError(null)
    try {
      const response = await fetch(url, { headers: { Accept: 'application/json' } })
      if (!response.ok || !response.headers.get('content-type')?.includes('application/json')) {
        setError(t('report:indicatorReference.loadFailed', { reason: (await response.text()).slice(0, 200) || String(response.status) }))
        return null
      }
      return (await response.json()) as T
    } catch (e) {
      setError(t('report:indicatorReference.loadFailed', { reason: e instanceof Error ? e.message : String(e) }))
      return null
    } finally {
      setLoading(false)
    }
  }

  const open = () => {
    dialog.current?.showModal()
    if (!choices) void load<ReferenceChoices>('/monitoring/referenz').then((c) => c && setChoices(c))
  }

  useEffect(() => {
    setValues(null)
    setDate('')
    if (!indicator || !territory) return
    let current = true
    void load<{ values: ReferenceValue[] }>(`/monitoring/referenz?kennzahl=${encodeURIComponent(indicator)}&gebiet=${encodeURIComponent(territory)}`).then((answer) => {
      if (!current || !answer) return
      setValues(answer.values)
      setDate(answer.values.find((v) => v.reference)?.referenceDate ?? '')
    })
    return () => {
      current = false
    }
  }, [indicator, territory])

  const chosen = values?.find((v) => v.referenceDate === date)?.reference ?? null
  const insert = () => {
    if (!chosen) return
    editor.chain().focus().insertContent({ type: INDICATOR_REFERENCE, attrs: chosen }).run()
    dialog.current?.close()
  }

  return (
    <>
      <button type="button" className="rounded px-2 py-1 text-sm hover:bg-slate-200" aria-haspopup="dialog" onClick={open} data-testid="indicator-reference-open">
        {t('report:indicatorReference.button')}
      </button>
      <dialog ref={dialog} aria-labelledby={`${id}-title`} aria-describedby={`${id}-intro`} className="m-auto w-full max-w-xl rounded-md border border-slate-500 p-0 backdrop:bg-slate-900/40">
        <form
          method="dialog"
          className="space-y-3 p-4"
          onSubmit={(event) => {
            event.preventDefault()
            insert()
          }}>
          <h2 id={`${id}-title`} className="text-lg font-semibold">
            {t('report:indicatorReference.title')}
          </h2>
          <p id={`${id}-intro`} className="text-sm">
            {t('report:indicatorReference.intro')}
          </p>
          <div>
            <label htmlFor={`${id}-indicator`} className="label">
              {t('report:indicatorReference.indicator')}
            </label>
            <select id={`${id}-indicator`} className="input" value={indicator} onChange={(e) => setIndicator(e.target.value)} disabled={!choices}>
              <option value="">{t('report:indicatorReference.choose')}</option>
              {choices?.indicators.map((i) => (
                <option key={i.id} value={i.id} lang="de">
                  {i.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor={`${id}-territory`} className="label">
              {t('report:indicatorReference.territory')}
            </label>
            <select id={`${id}-territory`} className="input" value={territory} onChange={(e) => setTerritory(e.target.value)} disabled={!choices}>
              <option value="">{t('report:indicatorReference.choose')}</option>
              {choices?.territories.map((x) => (
                <option key={x.id} value={x.id} lang="de">
                  {x.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor={`${id}-date`} className="label">
              {t('report:indicatorReference.date')}
            </label>
            <select id={`${id}-date`} className="input" value={date} onChange={(e) => setDate(e.target.value)} disabled={!values || values.length === 0}>
              {values?.length ? null : <option value="">{t('report:indicatorReference.choose')}</option>}
              {values?.map((v) => (
                <option key={v.referenceDate} value={v.referenceDate} disabled={!v.reference}>
                  {t(v.reference ? 'report:indicatorReference.option' : 'report:indicatorReference.notQuotable', { date: referenceDateText(v.referenceDate), shown: v.shown })}
                </option>
              ))}
            </select>
          </div>
          <div aria-live="polite" className="min-h-6 text-sm">
            {loading ? <p>{t('report:indicatorReference.loading')}</p> : null}
            {values && values.length === 0 ? <p>{t('report:indicatorReference.noValues')}</p> : null}
            {chosen ? (
              <p>
                {t('report:indicatorReference.preview')}:{' '}
                <span lang="de" className="indicator-reference" data-testid="indicator-reference-preview">
                  {indicatorReferenceText(chosen)}
                </span>
              </p>
            ) : null}
          </div>
          {error ? (
            <p role="alert" className="field-error">
              {error}
            </p>
          ) : null}
          <div className="flex justify-end gap-2">
            <button type="button" className="btn-secondary" onClick={() => dialog.current?.close()}>
              {t('report:indicatorReference.cancel')}
            </button>
            <button type="submit" className="btn" disabled={!chosen}>
              {t('report:indicatorReference.insert')}
            </button>
          </div>
        </form>
      </dialog>
    </>
  )
}
