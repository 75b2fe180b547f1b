import { Form, useLoaderData } from 'react-router'
import { useTranslation } from 'react-i18next'
import { FormMessage, TextField } from '~/ui/form'
import { pageTitle } from '~/ui/meta'
import { useFormat } from '~/ui/use-format'
import { codeModeLabel, dispositionLabel, DISPOSITION_SYMBOL, DISPOSITIONS } from '~/shared/vocabulary'
import { categoryText, formatText, langOf, targetText } from '../forums/labels'
import type { Route } from './+types/feedback'
import { loadFeedback } from './feedback.server'
import { ParticipantErrorPage } from './error-page'

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData)

export function loader({ context, request }: Route.LoaderArgs) {
  return loadFeedback(context, request)
}

/** The Rückmeldung: what became of a forum's input, by field and goal, in the participant's language. */
export default function Feedback() {
  const page = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const format = useFormat()
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">{t('participant:feedback.title')}</h1>
      <p>{t('participant:feedback.intro')}</p>
      <Form method="get" className="card flex flex-wrap items-end gap-2">
        <TextField
          label={t('participant:feedback.code')}
          name="code"
          defaultValue={page.code}
          hint={t('participant:feedback.codeHint')}
          error={'error' in page ? page.error : undefined}
          autoComplete="off"
          autoCapitalize="characters"
          dir="ltr"
          className="min-w-0 flex-1 [&_input]:min-h-11"
        />
        <button type="submit" className="btn min-h-11">
          {t('participant:feedback.show')}
        </button>
      </Form>
      {'forum' in page && page.forum ? (
        <header>
          <p className="text-sm text-slate-700" lang={langOf({ preset: page.forum.formatPreset })}>
            {formatText(t, { preset: page.forum.formatPreset, name: page.forum.formatName })} · {format.longDate(page.forum.date)}
          </p>
          <h2 className="text-xl font-bold" lang="de">
            {page.forum.title}
          </h2>
          <p className="text-sm">{t('participant:feedback.participation', { mode: t(codeModeLabel(page.forum.codeMode)) })}</p>
        </header>
      ) : null}
      {page.state === 'notYet' ? <FormMessage success={t('participant:feedback.notYet')} /> : null}
      {page.state === 'published' ? (
        <>
          <section aria-labelledby="summary-title" className="card">
            <h2 id="summary-title" className="font-semibold">
              {t('participant:feedback.summary')}
            </h2>
            <ul className="mt-2 space-y-1" data-testid="feedback-summary">
              {DISPOSITIONS.map((d) => (
                <li key={d}>
                  <span aria-hidden="true">{DISPOSITION_SYMBOL[d]} </span>
                  {t(dispositionLabel(d))}: {format.number(page.summary[d])}
                </li>
              ))}
              {page.summary.none > 0 ? (
                <li>
                  {t(dispositionLabel(null))}: {format.number(page.summary.none)}
                </li>
              ) : null}
            </ul>
          </section>
          {page.groups.length === 0 ? <p>{t('participant:feedback.empty')}</p> : null}
          {page.groups.map((field) => (
            <section key={field.fieldNumber ?? 'concept'} aria-labelledby={`fb-field-${field.fieldNumber ?? 0}`} className="space-y-3">
              <h2 id={`fb-field-${field.fieldNumber ?? 0}`} className="text-xl font-bold">
                {field.fieldNumber === null ? (
                  t('participant:feedback.concept')
                ) : (
                  <>
                    {t('participant:card.field', { number: field.fieldNumber })}: <span lang="de">{field.fieldTitle}</span>
                  </>
                )}
              </h2>
              {field.goals.map((goal) => (
                <div key={goal.goalNumber ?? 'none'} className="space-y-2">
                  <h3 className="font-semibold">
                    {goal.goalNumber === null ? (
                      field.fieldNumber === null ? null : t('participant:feedback.noGoal')
                    ) : (
                      <>
                        {t('participant:card.goal', { number: goal.goalNumber })}
                        {goal.goalDescription ? (
                          <>
                            : <span lang="de">{goal.goalDescription}</span>
                          </>
                        ) : null}
                      </>
                    )}
                  </h3>
                  <ul className="space-y-2">
                    {goal.items.map((item) => (
                      <li key={item.id} className="rounded-md border border-slate-300 bg-white p-3" data-testid="feedback-item" data-disposition={item.disposition ?? 'none'}>
                        <p className="text-sm text-slate-700">
                          <span lang={langOf({ preset: item.categoryPreset })}>{categoryText(t, { preset: item.categoryPreset, label: item.categoryLabel })}</span> · {targetText(t, item)}
                        </p>
                        <p lang={item.language} dir="auto" className="mt-1 whitespace-pre-line">
                          {item.text}
                        </p>
                        <p className="mt-2 font-semibold">
                          {t('participant:feedback.outcome')}: {item.disposition ? <span aria-hidden="true">{DISPOSITION_SYMBOL[item.disposition]} </span> : null}
                          {t(dispositionLabel(item.disposition))}
                          {item.date ? <span className="font-normal"> ({t('participant:feedback.decidedOn', { date: format.date(item.date) })})</span> : null}
                        </p>
                        {item.reason ? (
                          <p className="text-sm">
                            {t('participant:feedback.reasonLabel')}: <span lang="de">{item.reason}</span>
                          </p>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                </div>
              ))}
            </section>
          ))}
        </>
      ) : null}
    </div>
  )
}

export function ErrorBoundary() {
  return <ParticipantErrorPage />
}
