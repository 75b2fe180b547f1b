import { describe, expect, test } from 'vitest'
import { DRAIN_BYTES, readLimitedForm } from './upload'

function multipart(bytes: number): Request {
  const form = new FormData()
  form.set('intent', 'import')
  form.set('file', new File([new Uint8Array(bytes)], 'daten.csv', { type: 'text/csv' }))
  return new Request('http://localhost/hochladen', { method: 'POST', body: form })
}

/** The same body as a stream without Content-Length (chunked), counting what was read of it. */
async function streamed(bytes: number): Promise<{ request: Request; read: () => number }> {
  const source = multipart(bytes)
  const body = new Uint8Array(await source.arrayBuffer())
  let read = 0
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (read >= body.byteLength) return controller.close()
      const chunk = body.subarray(read, read + 64 * 1024)
      read += chunk.byteLength
      controller.enqueue(chunk)
    },
  })
  const request = new Request(source.url, { method: 'POST', body: stream, headers: { 'Content-Type': source.headers.get('content-type')! }, duplex: 'half' } as RequestInit)
  return { request, read: () => read }
}

describe('an upload read with a cap', () => {
  test('under the limit: the form, with its file', async () => {
    const form = await readLimitedForm(multipart(1000), 10_000)
    expect(form?.get('intent')).toBe('import')
    expect((form!.get('file') as File).size).toBe(1000)
  })

  test('over the limit: null, after the body was read to its end (the browser sees the answer)', async () => {
    const { request, read } = await streamed(200_000)
    expect(await readLimitedForm(request, 100_000)).toBeNull()
    expect(read()).toBeGreaterThan(200_000)
  })

  test('far over the limit: cut off once DRAIN_BYTES are read, or at once when the length says so', async () => {
    const { request, read } = await streamed(DRAIN_BYTES + 1_000_000)
    expect(await readLimitedForm(request, 100_000)).toBeNull()
    // (the stream may have pulled a chunk or two ahead of the reader)
    expect(read()).toBeLessThanOrEqual(DRAIN_BYTES + 256 * 1024)
    const declared = new Request('http://localhost/hochladen', { method: 'POST', body: 'x', headers: { 'Content-Length': String(DRAIN_BYTES + 1) } })
    expect(await readLimitedForm(declared, 100_000)).toBeNull()
  })
})
