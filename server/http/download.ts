import { create as contentDisposition } from 'content-disposition'

/**
 * Every file Zielwerk sends (minutes, templates, exports) goes through here: the content type, and a
 * Content-Disposition whose file name survives umlauts (an ASCII fallback plus the RFC 5987 UTF-8 form, from the
 * content-disposition library), no caching of what may be personal.
 */
export const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
} as const

export type DownloadKind = keyof typeof CONTENT_TYPES

export function download(body: Uint8Array | string, fileName: string, kind: DownloadKind, options: { inline?: boolean } = {}): Response {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body
  // The bytes as a stream of one chunk: given the array itself, the Response would copy it first (the Fetch
  // standard's "copy of the bytes held by a buffer source"), a second copy of every file in the server's memory.
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes)
      controller.close()
    },
  })
  return new Response(stream, {
    headers: {
      'Content-Type': CONTENT_TYPES[kind],
      'Content-Disposition': contentDisposition(fileName, { type: options.inline ? 'inline' : 'attachment' }),
      'Content-Length': String(bytes.byteLength),
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
