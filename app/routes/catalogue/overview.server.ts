import crypto from 'node:crypto'
import type { RouterContextProvider } from 'react-router'
import { z } from 'zod'
import type { Db } from '../../../db/client'
import { getI18n, getServices, getT, requireUserWithAbility } from '../../../server/auth/require'
import { serverMarkupContext } from '../../../server/context'
import { roundOpen } from '../../../server/policies/policy'
import { catalogueTree, listRounds, roundOrCurrent, unitChoices, type CatalogueTree } from '../../../server/services/catalogue/catalogue'
import { ReadCache } from '../../../server/services/read-cache'
import type { Locale } from '~/shared/i18n'
import { ATTAINMENTS, FLAGS } from '~/shared/vocabulary'
import { catalogueScriptKey } from './overview-catalogue'
import { catalogueMarkup } from './overview-catalogue.server'
import { OVERVIEW_VIEWS, type MarkCounts, type OverviewCatalogueData, type OverviewCatalogueText, type OverviewField } from './types'

/** A list of field numbers in the address (`?zu=2,5`): each at most once, in order; anything else is dropped. */
const FieldList = z
  .string()
  .max(200)
  .transform((text) => [...new Set(text.split(',').map(Number))].filter((n) => Number.isInteger(n) && n >= 1 && n <= 99).sort((a, b) => a - b))

const FilterSchema = z.object({
  runde: z.coerce.number().int().positive().optional().catch(undefined),
  feld: z.coerce.number().int().min(1).max(99).optional().catch(undefined),
  einheit: z.coerce.number().int().positive().optional().catch(undefined),
  bewertung: z.enum([...ATTAINMENTS, 'none']).optional().catch(undefined),
  merkmal: z.enum(FLAGS).optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  /** Collapsed fields: only their heading and summary are shown (and sent). */
  zu: FieldList.optional().catch(undefined),
  ansicht: z.enum(OVERVIEW_VIEWS).optional().catch(undefined),
})
export type OverviewFilters = z.infer<typeof FilterSchema>

export function loadOverview(context: Readonly<RouterContextProvider>, request: Request) {
  requireUserWithAbility(context, request, 'concept.read')
  const { db } = getServices(context)
  const filters = FilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams))
  // The same for every user: a pure read of the database and the filters, cached until the next write.
  const { catalogueText, catalogueScript, catalogueRef, ...data } = overviewCache.get(db, JSON.stringify(filters), () => readOverview(db, filters))
  const catalogue = shownCatalogue(context, catalogueRef, catalogueText, catalogueScript)
  return { title: getT(context)('catalogue:overview.title'), ...data, catalogue }
}

/**
 * The catalogue travels once. In a document response its markup (rendered once per content and language) and
 * its JSON text go into the page itself, offered to entry.server through serverMarkupContext – the text as a
 * JSON script the browser hydrates from – and the loader data carries only their reference. A data request
 * (serverMarkupContext is null there) gets the text in the loader data. Should the markup fail to render, the
 * text goes in the loader data and the page renders the catalogue itself.
 */
function shownCatalogue(context: Readonly<RouterContextProvider>, ref: string, text: string, script: string): OverviewCatalogueText {
  const offered = context.get(serverMarkupContext)
  if (!offered) return { ref, text }
  try {
    const markup = catalogueMarkup(text, getI18n(context).language as Locale)
    offered.set(ref, () => markup)
    offered.set(catalogueScriptKey(ref), () => Buffer.from(script, 'utf8'))
    return { ref }
  } catch (error) {
    console.error('Katalog-Markup fehlgeschlagen, die Seite rendert es selbst:', error)
    return { ref, text }
  }
}

const overviewCache = new ReadCache<ReturnType<typeof readOverview>>(16)

function readOverview(db: Db, filters: OverviewFilters) {
  const rounds = listRounds(db)
  const round = roundOrCurrent(db, filters.runde, rounds)
  const tree = catalogueTree(db, round?.id)
  const collapsed = filters.zu ?? []
  const fields = filterCatalogue(tree, filters, collapsed)
  const query = filterQuery(filters)
  const catalogue: OverviewCatalogueData = { fields, view: filters.ansicht ?? 'karten', collapsed, query }
  const text = JSON.stringify(catalogue)
  return {
    filters,
    /** The filters as a query string without `zu` and `ansicht`, for the links that change only those. */
    query,
    round,
    rounds,
    /** The round whose rating changes the page follows live: the shown one while it is open. */
    liveRoundId: round && roundOpen(round.state) === 'allowed' ? round.id : undefined,
    fieldOptions: tree.map((f) => ({ number: f.number, title: f.title })),
    unitOptions: unitChoices(db),
    /**
     * The shown fields, goals and measures with the view as JSON text (parseCatalogue), written once per
     * database state and filters; its reference (a hash of the text) and the text as a script's content.
     */
    catalogueText: text,
    catalogueRef: crypto.createHash('sha256').update(text).digest('base64url').slice(0, 22),
    // `<` escaped: the text cannot end its script element (</script>) or open a comment in it.
    catalogueScript: text.replaceAll('<', '\\u003c'),
    totals: {
      goals: fields.reduce((n, f) => n + f.goalCount, 0),
      measures: fields.reduce((n, f) => n + f.measureCount, 0),
    },
  }
}

/** The filters in the address, in one order, without the view and the collapsed fields. */
function filterQuery(filters: OverviewFilters): string {
  const params = new URLSearchParams()
  for (const key of ['runde', 'feld', 'einheit', 'bewertung', 'merkmal', 'q'] as const) {
    const value = filters[key]
    if (value !== undefined && value !== '') params.set(key, String(value))
  }
  return params.toString()
}

/** Only what the page shows of the catalogue, as the filters narrow it; a collapsed field keeps only its figures. */
function filterCatalogue(tree: CatalogueTree, filters: OverviewFilters, collapsed: readonly number[]): OverviewField[] {
  const needle = filters.q?.toLocaleLowerCase('de')
  return tree
    .filter((f) => !filters.feld || f.number === filters.feld)
    .map((field) => {
      const challenges = field.challenges
        .map((challenge) => ({
          id: challenge.id,
          title: challenge.title,
          goals: challenge.goals
            .map((goal) => {
              const goalText = needle ? `ziel ${goal.number} ${goal.description}`.toLocaleLowerCase('de') : ''
              const goalHit = !needle || goalText.includes(needle) || String(goal.number) === needle
              const measures = goal.measures.filter((m) => {
                const shown = m.agreed ?? m.proposal
                if (filters.einheit && !m.units.some((u) => u.id === filters.einheit)) return false
                if (filters.bewertung && (filters.bewertung === 'none' ? shown !== null : shown !== filters.bewertung)) return false
                if (filters.merkmal && !m.flags[filters.merkmal]) return false
                if (needle && !goalHit && !m.title.toLocaleLowerCase('de').includes(needle)) return false
                return true
              })
              const measureFilterActive = !!(filters.einheit || filters.bewertung || filters.merkmal)
              const visible = measures.length > 0 || (!measureFilterActive && goalHit)
              return visible
                ? {
                    id: goal.id,
                    number: goal.number,
                    description: goal.description,
                    measures: measures.map((m) => ({
                      id: m.id,
                      title: m.title,
                      units: m.units.map((u) => u.shortName).join(', '),
                      proposal: m.proposal,
                      agreed: m.agreed,
                      marks: FLAGS.filter((key) => m.flags[key]),
                    })),
                  }
                : null
            })
            .filter((g) => g !== null),
        }))
        .filter((c) => c.goals.length > 0)
      const allMeasures = challenges.flatMap((c) => c.goals.flatMap((g) => g.measures))
      const counts = { none: 0, high: 0, medium: 0, low: 0, unclear: 0 }
      for (const m of allMeasures) counts[m.agreed ?? m.proposal ?? 'none']++
      const marks = Object.fromEntries(FLAGS.map((flag) => [flag, 0])) as MarkCounts
      for (const m of allMeasures) for (const flag of m.marks) marks[flag]++
      const isCollapsed = collapsed.includes(field.number)
      return {
        number: field.number,
        title: field.title,
        collapsed: isCollapsed,
        challenges: isCollapsed ? [] : challenges,
        goalCount: challenges.reduce((n, c) => n + c.goals.length, 0),
        measureCount: allMeasures.length,
        counts,
        marks,
      }
    })
    .filter((f) => f.goalCount > 0)
}
