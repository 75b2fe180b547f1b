import type { ActionResult } from '~/shared/forms'

/** The CSV import's answer: besides the summary, every error of the file, each naming its line (in the user's language). */
export type ImportAnswer = ActionResult & { lines?: string[] }
