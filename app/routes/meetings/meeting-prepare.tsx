import { Form, useNavigation } from 'react-router'
import { useTranslation } from 'react-i18next'
import { useActionResult } from '~/ui/action-result'
import { FormMessage, SelectField, TextAreaField, TextField } from '~/ui/form'
import { useFormat } from '~/ui/use-format'
import { itemReasonLabel } from '~/shared/vocabulary'
import { AttendanceList } from './meeting-parts'
import type { MeetingData } from './types'

/** Preparing a meeting: taking items onto the agenda, recording attendance, changing title, date and place. */

const shorten = (text: string, max = 110) => (text.length > max ? `${text.slice(0, max - 1)}…` : text)

export function AddItems({ data }: { data: MeetingData }) {
  const { t } = useTranslation()
  const { language } = useFormat()
  const busy = useNavigation().state === 'submitting'
  const propose = useActionResult('propose')
  const add = useActionResult('add')
  const { proposals, catalogue } = data
  return (
    <section aria-labelledby="add-title" className="card space-y-4">
      <h2 id="add-title" className="text-lg font-semibold">
        {t('meetings:add.title')}
      </h2>
      <Form method="post" className="space-y-2">
        <input type="hidden" name="intent" value="propose" />
        <fieldset className="space-y-1">
          <legend className="font-medium">{t('meetings:add.proposals', { count: proposals.length })}</legend>
          <p className="text-sm text-slate-700">{t('meetings:add.proposalsHint')}</p>
          <FormMessage error={propose.errors.proposals ?? propose.errors.items ?? propose.errors.form} success={propose.success} />
          {proposals.length === 0 ? (
            <p>{t('meetings:add.noProposals')}</p>
          ) : (
            <ul className="max-h-96 space-y-1 overflow-y-auto rounded border border-slate-300 p-2" data-testid="proposals">
              {proposals.map((p) => (
                <li key={p.measureId}>
                  <label className="flex items-start gap-2 text-sm">
                    <input type="checkbox" name="measureId" value={p.measureId} className="mt-1 h-4 w-4 accent-brand-700" />
                    <span>
                      <span className="font-medium">
                        {t('meetings:item.goal', { number: p.goalNumber })}: <span lang="de">{p.title}</span>
                      </span>
                      {p.units.length ? ` (${p.units.join(', ')})` : ''} – {p.reasons.map((r) => t(itemReasonLabel(r))).join('; ')}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          )}
        </fieldset>
        {proposals.length ? (
          <button type="submit" className="btn" disabled={busy}>
            {t('meetings:add.takeSelected')}
          </button>
        ) : null}
      </Form>
      <Form method="post" className="flex flex-wrap items-end gap-2">
        <input type="hidden" name="intent" value="add" />
        <SelectField label={t('meetings:add.pick')} id="pick" name="pick" className="min-w-0 flex-1" error={add.errors.pick}>
          <option value="">{t('meetings:add.choose')}</option>
          {catalogue.map((g) => (
            <optgroup key={g.goalId} label={t('meetings:item.goal', { number: g.goalNumber })}>
              {/* An option holds text only, in one language: the goal's German description goes with the German
                  words only; in any other language the option names the goal, and its measures follow in German. */}
              <option value={`goal:${g.goalId}`}>
                {t('meetings:add.wholeGoal', { number: g.goalNumber })}
                {language === 'de' ? `: ${shorten(g.goalDescription)}` : ''}
              </option>
              {g.measures.map((m) => (
                <option key={m.id} value={`measure:${m.id}`} lang="de">
                  {shorten(m.title)}
                  {m.units ? ` (${m.units})` : ''}
                </option>
              ))}
            </optgroup>
          ))}
        </SelectField>
        <button type="submit" className="btn-secondary" disabled={busy}>
          {t('meetings:add.take')}
        </button>
      </Form>
      <FormMessage error={add.errors.items ?? add.errors.form} success={add.success} />
    </section>
  )
}

export function Attendance({ data }: { data: MeetingData }) {
  const { t } = useTranslation()
  const { attendance, candidates, canManage } = data
  const busy = useNavigation().state === 'submitting'
  const result = useActionResult('attendance')
  const present = new Set(attendance.flatMap((a) => (a.userId === null ? [] : [a.userId])))
  const guests = attendance.filter((a) => a.userId === null)
  return (
    <section aria-labelledby="attendance-title" className="card space-y-2">
      <h2 id="attendance-title" className="text-lg font-semibold">
        {t('meetings:attendance.title', { count: attendance.length })}
      </h2>
      {!canManage ? (
        <AttendanceList attendance={attendance} testId="attendance" />
      ) : (
        <Form method="post" className="space-y-3">
          <input type="hidden" name="intent" value="attendance" />
          <FormMessage error={result.errors.attendance ?? result.errors.form} success={result.success} />
          <fieldset>
            <legend className="font-medium">{t('meetings:attendance.accounts')}</legend>
            <div className="grid gap-1 sm:grid-cols-2 lg:grid-cols-3">
              {candidates.map((c) => (
                <label key={c.id} className="inline-flex items-center gap-2 text-sm">
                  <input type="checkbox" name="userId" value={c.id} defaultChecked={present.has(c.id)} className="h-4 w-4 accent-brand-700" />
                  {c.name}
                </label>
              ))}
            </div>
          </fieldset>
          <TextAreaField
            label={t('meetings:attendance.guests')}
            name="guests"
            rows={3}
            defaultValue={guests.map((g) => (g.organisation ? `${g.name}; ${g.organisation}` : g.name)).join('\n')}
            error={result.errors.guests}
          />
          <button type="submit" className="btn-secondary" disabled={busy}>
            {t('meetings:attendance.save')}
          </button>
        </Form>
      )}
    </section>
  )
}

export function EditMeeting({ data }: { data: MeetingData }) {
  const { t } = useTranslation()
  const { meeting } = data
  const busy = useNavigation().state === 'submitting'
  const { errors } = useActionResult('update')
  return (
    <details className="card" open={Object.keys(errors).length > 0}>
      <summary className="cursor-pointer font-semibold">{t('meetings:edit.title')}</summary>
      <Form method="post" className="mt-3 grid gap-3 sm:grid-cols-2" noValidate>
        <input type="hidden" name="intent" value="update" />
        <TextField label={t('meetings:form.title')} name="title" required defaultValue={meeting.title} error={errors.title} />
        <TextField label={t('meetings:form.date')} name="date" type="date" required defaultValue={meeting.date} error={errors.date} />
        <TextField label={t('meetings:form.time')} name="time" type="time" defaultValue={meeting.time ?? ''} error={errors.time} />
        <TextField label={t('meetings:form.location')} name="location" defaultValue={meeting.location} error={errors.location} />
        <div>
          <button type="submit" className="btn-secondary" disabled={busy}>
            {t('meetings:edit.save')}
          </button>
        </div>
      </Form>
    </details>
  )
}
