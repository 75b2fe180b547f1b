import { Form, Link, useLoaderData, useNavigation } from 'react-router'
import { useTranslation } from 'react-i18next'
import { LANGUAGES } from '~/shared/i18n'
import { useActionResult } from '~/ui/action-result'
import { FormMessage, TextAreaField } from '~/ui/form'
import { pageTitle } from '~/ui/meta'
import { useFormat } from '~/ui/use-format'
import type { Route } from './+types/texts'
import { changeTexts, loadTexts } from './texts.server'

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)

export function loader({ context, request }: Route.LoaderArgs) {
  return loadTexts(context, request)
}

export function action({ context, request }: Route.ActionArgs) {
  return changeTexts(context, request)
}

type Text = Awaited<ReturnType<typeof loader>>['texts'][number]

/** /admin/texte: the accessibility statement and the privacy notice, per language, with their defaults. */
export default function AdminTexts() {
  const { texts } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="space-y-6">
      <nav aria-label={t('admin:breadcrumb')} className="text-sm">
        <Link to="/admin">{t('admin')}</Link> › {t('site:edit.title')}
      </nav>
      <h1 className="text-2xl font-bold">{t('site:edit.title')}</h1>
      <p className="max-w-3xl">{t('site:edit.intro')}</p>
      {texts.map((text) => (
        <TextForm key={`${text.key}:${text.language}`} text={text} />
      ))}
    </div>
  )
}

function TextForm({ text }: { text: Text }) {
  const { t } = useTranslation()
  const format = useFormat()
  const busy = useNavigation().state === 'submitting'
  const result = useActionResult(`${text.key}:${text.language}`)
  const language = LANGUAGES[text.language].name
  const id = `text-${text.key}-${text.language}`
  const state = text.empty ? t('site:edit.empty') : text.own ? t('site:edit.own', { date: format.dateTime(text.updatedAt ?? 0) }) : t('site:edit.default')
  return (
    <section aria-labelledby={id} className="card space-y-3" data-text={`${text.key}:${text.language}`}>
      <h2 id={id} className="text-lg font-semibold">
        {t(`site:${text.key}.title`)} · {t('site:edit.language', { language })}
      </h2>
      <p className="text-sm" data-testid="text-state">
        {state}
        {' · '}
        <Link to={text.key === 'accessibility' ? '/barrierefreiheit' : '/datenschutz'}>{t('site:edit.view')}</Link>
      </p>
      {text.placeholder ? <p className="rounded border border-amber-700 bg-amber-50 px-3 py-2 text-sm">{t('site:edit.placeholder')}</p> : null}
      <FormMessage success={result.success} error={result.errors.form} />
      <Form method="post" className="space-y-2" key={`${text.updatedAt ?? 'default'}:${text.body.length}`}>
        <input type="hidden" name="key" value={text.key} />
        <input type="hidden" name="language" value={text.language} />
        <TextAreaField
          label={t('site:edit.body', { language })}
          name="body"
          rows={14}
          defaultValue={text.body}
          hint={t('site:edit.format')}
          error={result.errors.body}
          lang={text.language}
        />
        <div className="flex flex-wrap gap-2">
          <button type="submit" name="intent" value="save" className="btn" disabled={busy}>
            {t('site:edit.save')}
          </button>
          {text.own ? (
            <button type="submit" name="intent" value="reset" className="btn-secondary" disabled={busy}>
              {t('site:edit.reset')}
            </button>
          ) : null}
        </div>
      </Form>
    </section>
  )
}
export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
