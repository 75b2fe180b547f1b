import { useTranslation } from 'react-i18next'
import { SelectField } from '~/ui/form'
import { cut, isolate } from '../forums/labels'

type Goal = { id: number; number: number; description: string; measures: { id: number; position: number; title: string }[] }
export type TableField = { id: number; number: number; title: string; challenges: { id: number; title: string; goals: Goal[] }[] }

/**
 * What a card is about, picked on a phone: the concept as a whole, a field, or (for the table's field) a challenge, a
 * goal or a measure; a goal or measure found by the search or typed by number comes as `chosenRef`. The card form of
 * the participant page and the table poster share it. Values as the feedback form sends them ('goal:12' …).
 */
export function TargetSelect(props: {
  fields: { id: number; number: number; title: string }[]
  tableField: TableField | null
  chosenRef?: string
  chosenLabel?: string | null
  defaultValue: string
  error?: string
  name?: string
}) {
  const { t } = useTranslation()
  const { fields, tableField, chosenRef, chosenLabel } = props
  return (
    <SelectField label={t('participant:card.target')} name={props.name ?? 'target'} defaultValue={props.defaultValue} error={props.error} className="[&_select]:min-h-11">
      <option value="concept">{t('participant:card.targetConcept')}</option>
      {chosenRef && chosenLabel ? (
        <option value={chosenRef} lang="de">
          {isolate(cut(chosenLabel))}
        </option>
      ) : null}
      <optgroup label={t('participant:card.targetFields')}>
        {fields.map((field) => (
          <option key={field.id} value={`field:${field.id}`} lang="de">
            {isolate(`${field.number}: ${field.title}`)}
          </option>
        ))}
      </optgroup>
      {tableField ? (
        <optgroup label={t('participant:card.targetGoals', { number: tableField.number })}>
          {tableField.challenges.flatMap((challenge) => [
            <option key={`c${challenge.id}`} value={`challenge:${challenge.id}`} lang="de">
              {isolate(cut(challenge.title))}
            </option>,
            ...challenge.goals.flatMap((goal) => [
              <option key={`g${goal.id}`} value={`goal:${goal.number}`} lang="de">
                {isolate(`${goal.number}: ${cut(goal.description)}`)}
              </option>,
              ...goal.measures.map((measure) => (
                <option key={`m${measure.id}`} value={`measure:${measure.id}`} lang="de">
                  {isolate(`${goal.number}.${measure.position}: ${cut(measure.title)}`)}
                </option>
              )),
            ]),
          ])}
        </optgroup>
      ) : null}
    </SelectField>
  )
}
