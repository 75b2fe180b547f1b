/**
 * A multipart body read with a cap. `request.formData()` buffers the whole upload whatever its size; this keeps at
 * most `limit` bytes. An upload above it is still read up to DRAIN_BYTES (and dropped), so that the browser gets to see
 * the refusal instead of a connection reset in the middle of sending; one that declares (Content-Length) or sends more
 * than that is cut off. Null when the body is larger than `limit`.
 */
export const DRAIN_BYTES = 16 * 1024 * 1024

export async function readLimitedForm(request: Request, limit: number): Promise<FormData | null> {
  const declared = Number(request.headers.get('content-length') ?? 'NaN')
  if (Number.isFinite(declared) && declared > Math.max(limit, DRAIN_BYTES)) return null
  if (!request.body) return request.formData()
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > Math.max(limit, DRAIN_BYTES)) {
      await reader.cancel()
      return null
    }
    if (size <= limit) chunks.push(value)
  }
  if (size > limit) return null
  return new Response(Buffer.concat(chunks), { headers: { 'Content-Type': request.headers.get('content-type') ?? '' } }).formData()
}
