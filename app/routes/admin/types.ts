import type { ActionResult } from '~/shared/forms'

/**
 * The CSV import's answer: besides the summary, every error of the file, each naming its line (in the user's
 * language), or, when it was taken, which unit each spelling of the file meant.
 */
export type ImportAnswer = ActionResult & { lines?: string[]; matches?: { written: string; unitName: string }[] }
