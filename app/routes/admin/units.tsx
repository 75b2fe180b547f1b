import { Form, Link, useLoaderData, useNavigation } from 'react-router'
import { useTranslation } from 'react-i18next'
import { useActionResult } from '~/ui/action-result'
import { FormMessage, TextField } from '~/ui/form'
import { pageTitle } from '~/ui/meta'
import type { Route } from './+types/units'
import { changeUnits, loadUnits } from './units.server'

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)

export function loader({ context, request }: Route.LoaderArgs) {
  return loadUnits(context, request)
}

export function action({ context, request }: Route.ActionArgs) {
  return changeUnits(context, request)
}

type Unit = Awaited<ReturnType<typeof loader>>['units'][number]

export default function AdminUnits() {
  const { units } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="space-y-6">
      <nav aria-label={t('admin:breadcrumb')} className="text-sm">
        <Link to="/admin">{t('admin')}</Link> › {t('units')}
      </nav>
      <h1 className="text-2xl font-bold">{t('units')}</h1>
      <CreateUnitForm />
      <section aria-labelledby="units-title" className="card overflow-x-auto">
        <h2 id="units-title" className="mb-2 text-lg font-semibold">
          {t('admin:units.all', { count: units.length })}
        </h2>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('name')}</th>
              <th scope="col">{t('shortName')}</th>
              <th scope="col">{t('measures')}</th>
              <th scope="col">{t('admin:units.members')}</th>
              <th scope="col">{t('status')}</th>
              <th scope="col">{t('actions')}</th>
            </tr>
          </thead>
          <tbody>
            {units.map((u) => (
              <UnitRow key={u.id} unit={u} />
            ))}
          </tbody>
        </table>
      </section>
    </div>
  )
}

function UnitRow({ unit }: { unit: Unit }) {
  const { t } = useTranslation()
  const busy = useNavigation().state === 'submitting'
  const rename = useActionResult('rename', unit.id)
  const active = useActionResult('active', unit.id)
  const renameFailed = Object.keys(rename.errors).length > 0
  const values = renameFailed ? rename.values : undefined
  return (
    <tr>
      <th scope="row" className="bg-white font-normal">
        {unit.name}
      </th>
      <td>{unit.shortName}</td>
      <td>{unit.measureCount}</td>
      <td>{unit.memberCount}</td>
      <td>{unit.active ? t('active') : <strong>{t('inactive')}</strong>}</td>
      <td className="min-w-64 space-y-2">
        <FormMessage success={rename.success ?? active.success} error={rename.errors.form ?? active.errors.form} />
        <Form method="post">
          <input type="hidden" name="intent" value={unit.active ? 'deactivate' : 'activate'} />
          <input type="hidden" name="unitId" value={unit.id} />
          <button
            type="submit"
            className="btn-secondary"
            disabled={busy}
            aria-label={unit.active ? t('admin:units.deactivateNamed', { name: unit.name }) : t('admin:units.activateNamed', { name: unit.name })}
          >
            {unit.active ? t('admin:units.deactivate') : t('admin:units.activate')}
          </button>
        </Form>
        <details open={renameFailed || undefined}>
          <summary className="cursor-pointer text-sm text-brand-700 underline" aria-label={t('admin:units.renameNamed', { name: unit.name })}>
            {t('admin:units.rename')}
          </summary>
          <Form method="post" noValidate className="mt-2 space-y-2">
            <input type="hidden" name="intent" value="rename" />
            <input type="hidden" name="unitId" value={unit.id} />
            <TextField label={t('name')} name="name" required maxLength={120} defaultValue={values?.name ?? unit.name} error={rename.errors.name} />
            <TextField label={t('shortName')} name="shortName" required maxLength={40} defaultValue={values?.shortName ?? unit.shortName} error={rename.errors.shortName} />
            <button type="submit" className="btn" disabled={busy} aria-label={t('admin:units.saveNamesNamed', { name: unit.name })}>
              {t('admin:units.saveNames')}
            </button>
          </Form>
        </details>
      </td>
    </tr>
  )
}

function CreateUnitForm() {
  const { t } = useTranslation()
  const busy = useNavigation().state === 'submitting'
  const create = useActionResult('create')
  const values = create.values
  return (
    <section aria-labelledby="create-unit-title" className="card space-y-3">
      <h2 id="create-unit-title" className="text-lg font-semibold">
        {t('admin:units.create')}
      </h2>
      <FormMessage success={create.success} error={create.errors.form} />
      <Form method="post" noValidate key={create.success ?? 'new'} className="grid items-start gap-3 sm:grid-cols-3">
        <input type="hidden" name="intent" value="create" />
        <TextField label={t('name')} name="name" required maxLength={120} defaultValue={values?.name} error={create.errors.name} hint={t('admin:units.nameHint')} />
        <TextField label={t('shortName')} name="shortName" required maxLength={40} defaultValue={values?.shortName} error={create.errors.shortName} hint={t('admin:units.shortNameHint')} />
        <div className="sm:pt-6">
          <button type="submit" className="btn" disabled={busy}>
            {t('admin:units.submitCreate')}
          </button>
        </div>
      </Form>
    </section>
  )
}
export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
