/** Dates as the pages show them: German, in Berlin time. Due dates are stored as JJJJ-MM-TT. */
const dateFormat = new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeZone: 'Europe/Berlin' })

export function formatDueDate(value: string | null): string {
  return value === null ? '–' : dateFormat.format(new Date(`${value}T12:00:00Z`))
}

/** Today in Berlin as JJJJ-MM-TT. */
export function berlinToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
}

/** Whole days from `today` to `due` (both JJJJ-MM-TT); negative when overdue. */
export function daysUntil(due: string, today: string): number {
  return Math.round((Date.parse(`${due}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000)
}

export function dueText(days: number): string {
  if (days === 0) return 'heute fällig'
  if (days === 1) return 'noch 1 Tag'
  if (days > 1) return `noch ${days} Tage`
  return days === -1 ? 'seit 1 Tag überfällig' : `seit ${-days} Tagen überfällig`
}

const dateTimeFormat = new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' })

/** A moment (Unix milliseconds) as "22.11.2026, 10:15", Berlin time. */
export function formatDateTime(ms: number): string {
  return dateTimeFormat.format(ms)
}
