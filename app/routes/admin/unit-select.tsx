import { useTranslation } from 'react-i18next'
import { SelectField } from '~/ui/form'
import { roleLabel, UNIT_ROLE } from '~/shared/vocabulary'

/** The unit of a new role: only unit editors have one. */
export function UnitSelect({ units, defaultValue, error }: { units: { id: number; name: string }[]; defaultValue: string; error?: string }) {
  const { t } = useTranslation()
  return (
    <SelectField label={t('admin:users.unitForRole', { unit: t('unit'), role: t(roleLabel(UNIT_ROLE)) })} name="unitId" defaultValue={defaultValue} error={error}>
      <option value="">{t('admin:users.noUnit')}</option>
      {units.map((u) => (
        <option key={u.id} value={u.id}>
          {u.name}
        </option>
      ))}
    </SelectField>
  )
}
