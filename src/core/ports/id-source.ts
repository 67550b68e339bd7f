/** Where new ids come from, so the core stays deterministic in tests. */
export interface IdSource {
  /** A new unique id, short enough for card data and idempotency keys. */
  newId(): string;
}
