/**
 * One lock per document name: admission checks an update against the document as it is, so no other update
 * of the same document may be applied between the check and the apply. Held from `beforeSync` to
 * `afterHandleMessage`; the apply in between is synchronous.
 */
export class DocumentLocks {
  private readonly tails = new Map<string, Promise<void>>()

  async acquire(name: string): Promise<() => void> {
    const previous = this.tails.get(name) ?? Promise.resolve()
    let release!: () => void
    const current = new Promise<void>((resolve) => {
      release = resolve
    })
    const tail = previous.then(() => current)
    this.tails.set(name, tail)
    await previous
    let released = false
    return () => {
      if (released) return
      released = true
      release()
      if (this.tails.get(name) === tail) this.tails.delete(name)
    }
  }

  get size(): number {
    return this.tails.size
  }
}
