/**
 * Values remembered for a while, per key, for one bot process: what this process last wrote or
 * learnt about a person, so a turn need not write or ask it again. Bounded: past `capacity`
 * keys, the oldest entries go first.
 */
export class ExpiringMemo<Value> {
  private readonly entries = new Map<string, { value: Value; at: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly capacity = 10_000,
  ) {}

  /** The value remembered for `key` less than `ttlMs` before `now`, if any. */
  get(key: string, now: Date): Value | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (now.getTime() - entry.at >= this.ttlMs || now.getTime() < entry.at) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: Value, now: Date): void {
    this.entries.delete(key);
    this.entries.set(key, { value, at: now.getTime() });
    if (this.entries.size > this.capacity) {
      this.entries.delete(this.entries.keys().next().value!);
    }
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}
