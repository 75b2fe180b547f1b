import { and, asc, eq, isNull } from 'drizzle-orm'
import type { DbOrTx } from '../../../db/client'
import { forumFormats, forumTargetGroups } from '../../../db/schema'
import type { ForumFormat, TargetGroup } from '../../../app/shared/vocabulary'
import { ForumError } from './forums'

/**
 * The editable lists a forum chooses from: its format and its target groups. The vocabulary's presets come first;
 * the county adds entries of its own and archives those it no longer offers.
 */

export type ListEntry = { id: number; preset: string | null; name: string; archived: boolean }

export function listFormats(db: DbOrTx): (ListEntry & { preset: ForumFormat | null })[] {
  return db.select({ id: forumFormats.id, preset: forumFormats.preset, name: forumFormats.name, archived: forumFormats.archived }).from(forumFormats).orderBy(asc(forumFormats.id)).all()
}

export function listTargetGroups(db: DbOrTx): (ListEntry & { preset: TargetGroup | null })[] {
  return db
    .select({ id: forumTargetGroups.id, preset: forumTargetGroups.preset, name: forumTargetGroups.name, archived: forumTargetGroups.archived })
    .from(forumTargetGroups)
    .orderBy(asc(forumTargetGroups.id))
    .all()
}

const LISTS = { format: forumFormats, targetGroup: forumTargetGroups } as const
export type ListKind = keyof typeof LISTS

export function addListEntry(db: DbOrTx, kind: ListKind, name: string): number {
  const table = LISTS[kind]
  const trimmed = name.trim()
  const same = db.select({ id: table.id }).from(table).where(and(isNull(table.preset), eq(table.name, trimmed))).get()
  if (same) throw new ForumError('forums:error.listDuplicate', { values: { name: trimmed }, field: 'name' })
  return db.insert(table).values({ name: trimmed }).returning({ id: table.id }).get().id
}

/** Archived entries are not offered for new forums; forums that use them keep them. */
export function setListEntryArchived(db: DbOrTx, kind: ListKind, id: number, archived: boolean): void {
  const table = LISTS[kind]
  const changed = db.update(table).set({ archived }).where(eq(table.id, id)).run().changes
  if (changed === 0) throw new ForumError('forums:error.listUnknown')
}
