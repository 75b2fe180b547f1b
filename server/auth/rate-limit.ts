/**
 * Login attempts per key (account, address) in a sliding window. In memory: one process serves everything;
 * with several processes this moves to Redis next to the Hocuspocus Redis extension.
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>()
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Milliseconds until the key may try again, or 0 when it may try now. */
  retryAfter(key: string, now = Date.now()): number {
    const recent = this.prune(key, now)
    if (recent.length < this.limit) return 0
    return recent[0]! + this.windowMs - now
  }

  hit(key: string, now = Date.now()): void {
    const recent = this.prune(key, now)
    recent.push(now)
    this.hits.set(key, recent)
  }

  reset(key: string): void {
    this.hits.delete(key)
  }

  private prune(key: string, now: number): number[] {
    const list = (this.hits.get(key) ?? []).filter((t) => t > now - this.windowMs)
    if (list.length === 0) this.hits.delete(key)
    else this.hits.set(key, list)
    return list
  }
}
