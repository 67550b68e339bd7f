/** Where an erasure request stands. */
export type ErasureRequestState = 'pending' | 'deferred' | 'erased';

/**
 * A person's request to be erased while a programme in progress needs them (a participant of a
 * team being followed): the Lab team decides, and it runs by itself after `eraseAfter` anyway.
 */
export interface ErasureRequest {
  id: string;
  aadId: string;
  programmeIds: string[];
  requestedAt: Date;
  /** YYYY-MM-DD (Paris): the last day of those programmes. */
  eraseAfter: string;
  state: ErasureRequestState;
  decidedBy: string | null;
  decidedAt: Date | null;
}

/** Persistence of erasure requests, and who the programmes need. */
export interface ErasureRequestStore {
  /** The programmes where the person is placed in a team or holds a seat. */
  programmesNeeding(aadId: string): Promise<string[]>;
  /** The person's request still open (pending or deferred), if any. */
  findOpen(aadId: string): Promise<ErasureRequest | undefined>;
  create(request: ErasureRequest): Promise<void>;
  get(id: string): Promise<ErasureRequest | undefined>;
  /** Moves a request from one of `from` to `to`; false when it was not in one of them (raced). */
  decide(
    id: string,
    from: readonly ErasureRequestState[],
    to: ErasureRequestState,
    by: string,
    at: Date,
  ): Promise<boolean>;
  /** Open requests whose programmes ended before `today`. */
  listDue(today: string): Promise<ErasureRequest[]>;
}
