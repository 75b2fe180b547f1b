import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react'

type FieldProps = { label: string; error?: string; hint?: string }

/** Label, hint and error of one field, wired to the control with aria-describedby and aria-invalid. */
function Field({ id, label, error, hint, className, control }: FieldProps & { id: string; className?: string; control: (aria: AriaProps) => ReactNode }) {
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ')
  return (
    <div className={className}>
      <label htmlFor={id} className="label">
        {label}
      </label>
      {control({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy || undefined })}
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-700">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  )
}

type AriaProps = { id: string; 'aria-invalid': true | undefined; 'aria-describedby': string | undefined }

/** A labelled input with its error next to it (aria-invalid + aria-describedby). */
export function TextField({ label, error, hint, id, className, ...input }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const autoId = useId()
  return <Field id={id ?? autoId} label={label} error={error} hint={hint} className={className} control={(aria) => <input className="input" {...aria} {...input} />} />
}

/** A labelled multi-line text field with its error next to it. */
export function TextAreaField({ label, error, hint, id, className, ...textarea }: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const autoId = useId()
  return (
    <Field id={id ?? autoId} label={label} error={error} hint={hint} className={className} control={(aria) => <textarea className="input" {...aria} {...textarea} />} />
  )
}

export function SelectField({ label, error, hint, id, className, children, ...select }: FieldProps & SelectHTMLAttributes<HTMLSelectElement> & { children: ReactNode }) {
  const autoId = useId()
  return (
    <Field
      id={id ?? autoId}
      label={label}
      error={error}
      hint={hint}
      className={className}
      control={(aria) => (
        <select className="input" {...aria} {...select}>
          {children}
        </select>
      )}
    />
  )
}

/** A form-level message (errors and confirmations), announced to screen readers. */
export function FormMessage({ error, success }: { error?: string; success?: string }) {
  if (error) {
    return (
      <p role="alert" className="rounded-md border border-red-700 bg-red-50 px-3 py-2 text-sm text-red-900">
        {error}
      </p>
    )
  }
  if (success) {
    return (
      <p role="status" className="rounded-md border border-green-700 bg-green-50 px-3 py-2 text-sm text-green-900">
        {success}
      </p>
    )
  }
  return null
}
