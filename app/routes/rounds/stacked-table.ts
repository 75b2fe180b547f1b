/**
 * Tables that fit a phone: below Tailwind's `sm` (640 px) each row becomes a block with one line per cell, the
 * column's name before the value (from `data-label`, as CSS generated content, so the cell's text stays its
 * value), and the column headers visually hidden. The explicit roles keep the table a table for screen readers
 * whatever its display (browsers drop table semantics for display: block otherwise).
 */
export const stacked = {
  table: { role: 'table', className: 'table max-sm:block' },
  head: { role: 'rowgroup', className: 'max-sm:sr-only' },
  body: { role: 'rowgroup', className: 'max-sm:block' },
  foot: { role: 'rowgroup', className: 'max-sm:block' },
  row: { role: 'row', className: 'max-sm:block max-sm:border-b max-sm:border-slate-300 max-sm:py-2' },
  /** The row's heading cell (a measure's title, a unit's name): a line of its own. */
  rowHeader: 'max-sm:block max-sm:border-0 max-sm:bg-transparent max-sm:px-0 max-sm:py-0.5',
  cell: 'max-sm:flex max-sm:flex-wrap max-sm:items-baseline max-sm:gap-x-2 max-sm:border-0 max-sm:px-0 max-sm:py-0.5 max-sm:before:font-semibold max-sm:before:content-[attr(data-label)]',
} as const
