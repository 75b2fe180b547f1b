import { Form, useLoaderData, useNavigation } from 'react-router'
import { useTranslation } from 'react-i18next'
import { FormMessage, SelectField, TextField } from '~/ui/form'
import { pageTitle } from '~/ui/meta'
import { useActionResult } from '~/ui/action-result'
import type { Route } from './+types/photos'
import { loadPhotos, photosAction } from './photos.server'
import { ForumNav } from './forum-nav'

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)

export function loader({ context, request, params }: Route.LoaderArgs) {
  return loadPhotos(context, request, params.id)
}

export function action({ context, request, params }: Route.ActionArgs) {
  return photosAction(context, request, params.id)
}

/** Photos of the posters, re-encoded on the server without metadata. */
export default function Photos() {
  const page = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const result = useActionResult(['upload', 'delete'])
  const busy = useNavigation().state === 'submitting'
  return (
    <div className="space-y-5">
      <ForumNav forumId={page.forum.id} title={page.forum.title} />
      <h2 className="text-xl font-semibold">{t('forums:photos.title')}</h2>
      <p className="max-w-3xl">{t('forums:photos.intro', { max: page.maxMb, side: page.maxSide })}</p>
      <FormMessage error={result.errors.form ?? result.errors.photo ?? result.errors.tableId ?? result.errors.phaseId} success={result.success} />
      <Form method="post" encType="multipart/form-data" className="card grid items-end gap-3 md:grid-cols-4" key={result.success ?? 'upload'}>
        <input type="hidden" name="intent" value="upload" />
        <TextField label={t('forums:photos.file')} name="photo" type="file" accept="image/jpeg,image/png" required />
        <SelectField label={t('forums:photos.table')} name="tableId" defaultValue="">
          <option value="">{t('forums:photos.none')}</option>
          {page.tables.map((table) => (
            <option key={table.id} value={table.id} lang="de">{`${table.number}: ${table.name}`}</option>
          ))}
        </SelectField>
        <SelectField label={t('forums:photos.phase')} name="phaseId" defaultValue="">
          <option value="">{t('forums:photos.none')}</option>
          {page.phases.map((phase) => (
            <option key={phase.id} value={phase.id} lang="de">{`${phase.position}: ${phase.title}`}</option>
          ))}
        </SelectField>
        <button type="submit" className="btn justify-self-start" disabled={busy}>
          {t('forums:photos.upload')}
        </button>
      </Form>
      {page.photos.length === 0 ? <p>{t('forums:photos.empty')}</p> : null}
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="photos">
        {page.photos.map((photo) => (
          <li key={photo.id} className="card space-y-2">
            <img src={`/foren/${page.forum.id}/dateien/${photo.id}`} alt={t('forums:photos.alt', { name: photo.fileName })} width={photo.width ?? undefined} height={photo.height ?? undefined} className="h-auto w-full" loading="lazy" />
            <Form method="post" encType="multipart/form-data">
              <input type="hidden" name="intent" value="delete" />
              <input type="hidden" name="target" value={photo.id} />
              <button type="submit" className="btn-secondary">
                {t('forums:photos.delete')}
              </button>
            </Form>
          </li>
        ))}
      </ul>
    </div>
  )
}

export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
