import { Form, Link, useLoaderData, useNavigation } from 'react-router'
import { useTranslation } from 'react-i18next'
import { useActionResult } from '~/ui/action-result'
import { FormMessage, TextAreaField } from '~/ui/form'
import { pageTitle } from '~/ui/meta'
import type { Route } from './+types/sheet'
import { ExportLinks, sheetFiles } from './export-links'
import { MonitoringCrumbs } from './figures'
import { loadSheet, saveSheetInterpretation } from './sheet.server'
import { SheetDocument } from './sheet-view'
import { CACHED_DOCUMENT } from '~/ui/server-markup'

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)
// The sheet is a function of the database, the user, the address and the language: kept rendered (server-markup.tsx).
export const handle = CACHED_DOCUMENT

export function loader({ context, request, params }: Route.LoaderArgs) {
  return loadSheet(context, request, params.territory, params.year)
}

export function action({ context, request, params }: Route.ActionArgs) {
  return saveSheetInterpretation(context, request, params.territory, params.year)
}

export default function DataSheet() {
  const { bodyKey, bodyHref, slug, name, year, interpretation, canInterpret } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const result = useActionResult('interpret')
  const busy = useNavigation().state === 'submitting'
  return (
    <div className="space-y-4">
      <MonitoringCrumbs here={t('monitoring:nav.sheets')} />
      <p className="text-sm">
        <Link to={`/monitoring/datenblaetter?jahr=${year}`}>{t('monitoring:sheet.toList', { year })}</Link>
      </p>
      <ExportLinks files={sheetFiles({ slug, year, name }, 'staff')} />
      <SheetDocument
        bodyKey={bodyKey}
        bodyHref={bodyHref}
        slug={slug}
        interpretation={interpretation}
        form={
          canInterpret ? (
            <>
              <FormMessage success={result.success} error={result.errors.form} />
              <Form method="post" noValidate className="space-y-2" key={interpretation?.updatedAt ?? 'none'}>
                <input type="hidden" name="intent" value="interpret" />
                <TextAreaField label={t('monitoring:sheet.interpretationText')} name="text" rows={5} defaultValue={interpretation?.text ?? ''} error={result.errors.text} lang="de" />
                <button type="submit" className="btn" disabled={busy}>
                  {t('monitoring:sheet.interpretationSave')}
                </button>
              </Form>
            </>
          ) : null
        }
      />
    </div>
  )
}

export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
