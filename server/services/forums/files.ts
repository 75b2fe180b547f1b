import { and, asc, desc, eq } from 'drizzle-orm'
import type { DbOrTx } from '../../../db/client'
import { forumFiles, forumPhases, forumTables } from '../../../db/schema'
import { ForumError, forumRow } from './forums'

/**
 * Files of a forum. Poster photos (JPEG or PNG) are decoded and encoded again as JPEG by sharp: what the camera
 * wrote into them (GPS position, device, time; EXIF, XMP, IPTC) does not survive, the orientation is applied to the
 * pixels first, and the long side is at most PHOTO_MAX_SIDE. The material sent in advance is a PDF, kept as sent.
 */

export const PHOTO_MAX_BYTES = 15 * 1024 * 1024
export const PHOTO_MAX_SIDE = 2400
export const MATERIAL_MAX_BYTES = 20 * 1024 * 1024

export class FileError extends ForumError {
  override name = 'FileError'
}

const isJpeg = (b: Uint8Array) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff
const isPng = (b: Uint8Array) => b.length > 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47
const isPdf = (b: Uint8Array) => b.length > 4 && b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46

/** Re-encodes a photo: EXIF orientation applied, every metadata block dropped, the long side limited. */
export async function reencodePhoto(bytes: Uint8Array): Promise<{ data: Buffer; width: number; height: number }> {
  if (bytes.byteLength > PHOTO_MAX_BYTES) throw new FileError('forums:file.photoTooLarge', { values: { max: PHOTO_MAX_BYTES / 1024 / 1024 }, field: 'photo' })
  if (!isJpeg(bytes) && !isPng(bytes)) throw new FileError('forums:file.photoType', { field: 'photo' })
  try {
    // Loaded on the first photo: libvips costs tens of megabytes of resident memory that a server without photo
    // uploads should not carry. sharp keeps no metadata unless told to (withMetadata / keepExif); rotate() without
    // arguments applies the EXIF orientation to the pixels first.
    const { default: sharp } = await import('sharp')
    const { data, info } = await sharp(bytes, { limitInputPixels: 80_000_000, failOn: 'error' })
      .rotate()
      .resize({ width: PHOTO_MAX_SIDE, height: PHOTO_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer({ resolveWithObject: true })
    return { data, width: info.width, height: info.height }
  } catch {
    throw new FileError('forums:file.photoBroken', { field: 'photo' })
  }
}

export type PhotoInput = { fileName: string; bytes: Uint8Array; tableId: number | null; phaseId: number | null }

export async function addPhoto(db: DbOrTx, forumId: number, input: PhotoInput, byUserId: number | null): Promise<number> {
  forumRow(db, forumId)
  const photo = await reencodePhoto(input.bytes)
  return db.transaction((tx) => {
    if (input.tableId !== null && !tx.select({ id: forumTables.id }).from(forumTables).where(and(eq(forumTables.id, input.tableId), eq(forumTables.forumId, forumId))).get()) {
      throw new FileError('forums:error.unknownTable', { field: 'tableId' })
    }
    if (input.phaseId !== null && !tx.select({ id: forumPhases.id }).from(forumPhases).where(and(eq(forumPhases.id, input.phaseId), eq(forumPhases.forumId, forumId))).get()) {
      throw new FileError('forums:error.unknownPhase', { field: 'phaseId' })
    }
    const base = input.fileName.replace(/\.[^.]*$/, '').replace(/[^\p{L}\p{N} _-]/gu, '').trim().slice(0, 80) || 'Plakat'
    return tx
      .insert(forumFiles)
      .values({ forumId, kind: 'photo', tableId: input.tableId, phaseId: input.phaseId, fileName: `${base}.jpg`, contentType: 'image/jpeg', bytes: photo.data, size: photo.data.byteLength, width: photo.width, height: photo.height, uploadedBy: byUserId })
      .returning({ id: forumFiles.id })
      .get().id
  })
}

/** The material sent in advance as a PDF (replaces an earlier upload). */
export function setMaterial(db: DbOrTx, forumId: number, fileName: string, bytes: Uint8Array, byUserId: number | null): number {
  if (bytes.byteLength > MATERIAL_MAX_BYTES) throw new FileError('forums:file.materialTooLarge', { values: { max: MATERIAL_MAX_BYTES / 1024 / 1024 }, field: 'material' })
  if (!isPdf(bytes)) throw new FileError('forums:file.materialType', { field: 'material' })
  return db.transaction((tx) => {
    forumRow(tx, forumId)
    tx.delete(forumFiles).where(and(eq(forumFiles.forumId, forumId), eq(forumFiles.kind, 'material'))).run()
    const name = fileName.replace(/[^\p{L}\p{N} ._-]/gu, '').trim().slice(0, 100) || 'Material.pdf'
    return tx
      .insert(forumFiles)
      .values({ forumId, kind: 'material', fileName: name.toLowerCase().endsWith('.pdf') ? name : `${name}.pdf`, contentType: 'application/pdf', bytes: Buffer.from(bytes), size: bytes.byteLength, uploadedBy: byUserId })
      .returning({ id: forumFiles.id })
      .get().id
  })
}

export function filesOf(db: DbOrTx, forumId: number, kind: 'material' | 'photo') {
  return db
    .select({ id: forumFiles.id, fileName: forumFiles.fileName, size: forumFiles.size, width: forumFiles.width, height: forumFiles.height, tableId: forumFiles.tableId, phaseId: forumFiles.phaseId, createdAt: forumFiles.createdAt })
    .from(forumFiles)
    .where(and(eq(forumFiles.forumId, forumId), eq(forumFiles.kind, kind)))
    .orderBy(kind === 'photo' ? asc(forumFiles.id) : desc(forumFiles.id))
    .all()
}

export function fileBytes(db: DbOrTx, forumId: number, fileId: number) {
  const file = db
    .select({ fileName: forumFiles.fileName, kind: forumFiles.kind, bytes: forumFiles.bytes })
    .from(forumFiles)
    .where(and(eq(forumFiles.id, fileId), eq(forumFiles.forumId, forumId)))
    .get()
  if (!file) throw new FileError('forums:file.unknown')
  return file
}

export function deleteFile(db: DbOrTx, forumId: number, fileId: number): void {
  const changed = db.delete(forumFiles).where(and(eq(forumFiles.id, fileId), eq(forumFiles.forumId, forumId))).run().changes
  if (changed === 0) throw new FileError('forums:file.unknown')
}

