import { Form, Link, useActionData, useLoaderData, useNavigation } from 'react-router'
import { FormMessage, TextField } from '~/ui/form'
import { useTranslation } from 'react-i18next'
import type { Route } from './+types/units'
import { resultFor, type ActionResult } from './labels'
import { changeUnits, loadUnits } from './units.server'

export const meta: Route.MetaFunction = () => [{ title: 'Organisationseinheiten – Verwaltung – Zielwerk' }]

export function loader({ context, request }: Route.LoaderArgs) {
  return loadUnits(context, request)
}

export function action({ context, request }: Route.ActionArgs) {
  return changeUnits(context, request)
}

type Result = ActionResult & { values?: { name: string; shortName: string } }
type Unit = Awaited<ReturnType<typeof loader>>['units'][number]

function useResult() {
  return useActionData<typeof action>() as Result | undefined
}

export default function AdminUnits() {
  const { units } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="space-y-6">
      <nav aria-label="Brotkrümelnavigation" className="text-sm">
        <Link to="/admin">{t('admin')}</Link> › {t('units')}
      </nav>
      <h1 className="text-2xl font-bold">{t('units')}</h1>
      <CreateUnitForm />
      <section aria-labelledby="units-title" className="card overflow-x-auto">
        <h2 id="units-title" className="mb-2 text-lg font-semibold">
          Alle Einheiten ({units.length})
        </h2>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('name')}</th>
              <th scope="col">{t('shortName')}</th>
              <th scope="col">{t('measures')}</th>
              <th scope="col">Mitglieder</th>
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
  const result = useResult()
  const busy = useNavigation().state === 'submitting'
  const rename = resultFor(result, 'rename', unit.id)
  const active = resultFor(result, 'active', unit.id)
  const renameFailed = Object.keys(rename.errors).length > 0
  const values = renameFailed ? result?.values : undefined
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
          <button type="submit" className="btn-secondary" disabled={busy} aria-label={`${unit.active ? 'Deaktivieren' : 'Wieder aktivieren'}: ${unit.name}`}>
            {unit.active ? 'Deaktivieren' : 'Wieder aktivieren'}
          </button>
        </Form>
        <details open={renameFailed || undefined}>
          <summary className="cursor-pointer text-sm text-brand-700 underline" aria-label={`Umbenennen: ${unit.name}`}>
            Umbenennen
          </summary>
          <Form method="post" noValidate className="mt-2 space-y-2">
            <input type="hidden" name="intent" value="rename" />
            <input type="hidden" name="unitId" value={unit.id} />
            <TextField label={t('name')} name="name" required maxLength={120} defaultValue={values?.name ?? unit.name} error={rename.errors.name} />
            <TextField label={t('shortName')} name="shortName" required maxLength={40} defaultValue={values?.shortName ?? unit.shortName} error={rename.errors.shortName} />
            <button type="submit" className="btn" disabled={busy} aria-label={`Namen speichern: ${unit.name}`}>
              Namen speichern
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
  const result = useResult()
  const create = resultFor(result, 'create')
  const values = result?.intent === 'create' ? result.values : undefined
  return (
    <section aria-labelledby="create-unit-title" className="card space-y-3">
      <h2 id="create-unit-title" className="text-lg font-semibold">
        Organisationseinheit anlegen
      </h2>
      <FormMessage success={create.success} error={create.errors.form} />
      <Form method="post" noValidate key={create.success ?? 'new'} className="grid items-start gap-3 sm:grid-cols-3">
        <input type="hidden" name="intent" value="create" />
        <TextField label={t('name')} name="name" required maxLength={120} defaultValue={values?.name} error={create.errors.name} hint="z. B. Fachdienst Soziales" />
        <TextField label={t('shortName')} name="shortName" required maxLength={40} defaultValue={values?.shortName} error={create.errors.shortName} hint="z. B. FD Soziales; auch im CSV-Import verwendbar" />
        <div className="sm:pt-6">
          <button type="submit" className="btn" disabled={busy}>
            Einheit anlegen
          </button>
        </div>
      </Form>
    </section>
  )
}
export { ErrorPage as ErrorBoundary } from '~/ui/error-page'
