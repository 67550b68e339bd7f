import type { NewParticipant, SessionParticipant } from '../lab-sessions/session-participant';
import type {
  SessionRequest,
  SessionRequestFields,
  SessionStatus,
} from '../lab-sessions/session-request';

/** A request form being filled, kept per person until it is sent. */
export interface SessionRequestDraft {
  aadId: string;
  values: Partial<Record<keyof SessionRequestFields, string>>;
  updatedAt: Date;
}

/** One person's answer to a hot or cold debrief card. */
export interface SessionDebriefAnswer {
  requestId: string;
  kind: 'hot' | 'cold';
  aadId: string;
  answers: Record<string, string | number>;
  answeredAt: Date;
}

/**
 * Lab session requests, their drafts and their debrief answers. `update` writes only when the
 * request is still in the status the use case read, so two Lab members acting at once cannot both
 * move it.
 */
export interface LabSessionStore {
  /** The next number of the year's sequence (1, 2, …), unique across instances. */
  nextSequence(year: number): Promise<number>;
  insert(request: SessionRequest): Promise<void>;
  /** Writes the request if it is still `expected`; false when someone moved it first. */
  update(request: SessionRequest, expected: SessionStatus): Promise<boolean>;
  get(id: string): Promise<SessionRequest | undefined>;
  /** Every request, most recent first; only those in `statuses` when given. */
  list(statuses?: readonly SessionStatus[]): Promise<SessionRequest[]>;
  /** The requests a person asked for or facilitates, most recent first. */
  listForPerson(aadId: string): Promise<SessionRequest[]>;
  saveDraft(draft: SessionRequestDraft): Promise<void>;
  getDraft(aadId: string): Promise<SessionRequestDraft | undefined>;
  deleteDraft(aadId: string): Promise<void>;
  /** Records a debrief answer; a second answer from the same person replaces the first. */
  saveDebrief(answer: SessionDebriefAnswer): Promise<void>;
  listDebriefs(requestId: string): Promise<SessionDebriefAnswer[]>;
  /** Every debrief answer of one kind, for the digest's figures. */
  listAllDebriefs(kind: 'hot' | 'cold'): Promise<SessionDebriefAnswer[]>;
  /** A request's participants, seats and waitlist alike, by position (first come first served). */
  listParticipants(requestId: string): Promise<SessionParticipant[]>;
  /**
   * Adds people after everyone already listed, in one transaction that serialises concurrent
   * adds to the same request; someone already listed (same Entra id or address) is skipped.
   * Returns those added, or undefined (nothing written) when the request would list more than
   * `maxListed` people. Given `openStatuses`, the request's status is checked in the same
   * transaction as the write, after taking the request's row: 'closed' (nothing written) when it
   * is in none of them, so an add racing with a withdrawal never lists people on a withdrawn
   * request (the withdrawal waits for the add, or the add sees the withdrawal).
   */
  addParticipants(
    requestId: string,
    people: readonly NewParticipant[],
    maxListed: number,
    options?: { openStatuses?: readonly SessionStatus[] },
  ): Promise<SessionParticipant[] | undefined | 'closed'>;
  /** Removes these participants of the request (ids of another request are ignored); how many. */
  removeParticipants(requestId: string, ids: readonly string[]): Promise<number>;
}
