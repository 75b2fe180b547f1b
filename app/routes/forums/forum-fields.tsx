import { useTranslation } from 'react-i18next'
import { SelectField, TextAreaField, TextField } from '~/ui/form'
import { LANGUAGES, PARTICIPANT_LANGUAGES } from '~/shared/i18n/languages'
import { CODE_MODES, codeModeLabel, type CodeMode, type ForumFormat, type TargetGroup } from '~/shared/vocabulary'
import { formatText, langOf, targetGroupText } from './labels'

export type ForumChoices = {
  formats: { id: number; preset: ForumFormat | null; name: string; archived: boolean }[]
  targetGroups: { id: number; preset: TargetGroup | null; name: string; archived: boolean }[]
  rounds: { id: number; name: string }[]
  invitingParties: string[]
}

export type ForumValues = {
  title: string
  formatId: number | null
  date: string
  time: string | null
  place: string
  invitedBy: string
  moderators: string
  languages: string[]
  interpreting: string
  materialUrl: string
  roundId: number | null
  codeMode: CodeMode
  anyTable: boolean
  targetGroupIds: number[]
}

/** The fields of a forum's details, shared by the create form and the edit form. */
export function ForumFields({ choices, values, errors }: { choices: ForumChoices; values: ForumValues; errors: Record<string, string> }) {
  const { t } = useTranslation()
  const formats = choices.formats.filter((f) => !f.archived || f.id === values.formatId)
  const groups = choices.targetGroups.filter((g) => !g.archived || values.targetGroupIds.includes(g.id))
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <TextField label={t('forums:form.title')} name="title" defaultValue={values.title} required maxLength={160} error={errors.title} className="md:col-span-2" />
      <SelectField label={t('forums:form.format')} name="formatId" defaultValue={values.formatId ?? undefined} hint={t('forums:form.formatHint')} error={errors.formatId}>
        {formats.map((f) => (
          <option key={f.id} value={f.id} lang={langOf(f)}>
            {formatText(t, f)}
          </option>
        ))}
      </SelectField>
      <SelectField label={t('forums:form.invitedBy')} name="invitedBy" defaultValue={values.invitedBy} hint={t('forums:form.invitedByHint')} error={errors.invitedBy}>
        {choices.invitingParties.map((name) => (
          <option key={name} value={name} lang="de">
            {name}
          </option>
        ))}
      </SelectField>
      <TextField label={t('forums:form.date')} name="date" type="date" defaultValue={values.date} required error={errors.date} />
      <TextField label={t('forums:form.time')} name="time" type="time" defaultValue={values.time ?? ''} error={errors.time} />
      <TextField label={t('forums:form.place')} name="place" defaultValue={values.place} maxLength={200} error={errors.place} className="md:col-span-2" />
      <fieldset className="md:col-span-2">
        <legend className="label">{t('forums:form.targetGroups')}</legend>
        <div className="grid gap-1 sm:grid-cols-2">
          {groups.map((g) => (
            <label key={g.id} className="flex items-start gap-2 text-sm">
              <input type="checkbox" name="targetGroupIds" value={g.id} defaultChecked={values.targetGroupIds.includes(g.id)} className="mt-1" />
              <span lang={langOf(g)}>{targetGroupText(t, g)}</span>
            </label>
          ))}
        </div>
        {errors.targetGroupIds ? <p className="field-error">{errors.targetGroupIds}</p> : null}
      </fieldset>
      <TextAreaField label={t('forums:form.moderators')} name="moderators" rows={2} defaultValue={values.moderators} hint={t('forums:form.moderatorsHint')} error={errors.moderators} />
      <TextField label={t('forums:form.interpreting')} name="interpreting" defaultValue={values.interpreting} hint={t('forums:form.interpretingHint')} error={errors.interpreting} />
      <fieldset>
        <legend className="label">{t('forums:form.languages')}</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {PARTICIPANT_LANGUAGES.map((lng) => (
            <label key={lng} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="languages" value={lng} defaultChecked={lng === 'de' || values.languages.includes(lng)} disabled={lng === 'de'} />
              <span lang={lng}>{LANGUAGES[lng].name}</span>
            </label>
          ))}
        </div>
        <p className="mt-1 text-xs text-slate-700">{t('forums:form.languagesHint')}</p>
        {errors.languages ? <p className="field-error">{errors.languages}</p> : null}
      </fieldset>
      <TextField label={t('forums:form.materialUrl')} name="materialUrl" defaultValue={values.materialUrl} hint={t('forums:form.materialUrlHint')} error={errors.materialUrl} />
      <SelectField label={t('forums:form.round')} name="roundId" defaultValue={values.roundId ?? ''} error={errors.roundId}>
        <option value="">{t('forums:form.noRound')}</option>
        {choices.rounds.map((r) => (
          <option key={r.id} value={r.id} lang="de">
            {r.name}
          </option>
        ))}
      </SelectField>
      <SelectField label={t('forums:form.codeMode')} name="codeMode" defaultValue={values.codeMode} error={errors.codeMode}>
        {CODE_MODES.map((mode) => (
          <option key={mode} value={mode}>
            {t(codeModeLabel(mode))}
          </option>
        ))}
      </SelectField>
      <label className="flex items-start gap-2 text-sm md:col-span-2">
        <input type="checkbox" name="anyTable" defaultChecked={values.anyTable} className="mt-1" />
        <span>{t('forums:form.anyTable')}</span>
      </label>
    </div>
  )
}
