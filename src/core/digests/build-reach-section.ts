import type { EmailCause } from '../ports/email-delivery-store';
import type { Shortlist } from './digest-figures';

/**
 * Why a person got a message neither in Teams nor by e-mail: the e-mail fallback is off, nobody
 * knows their address, Graph refused the e-mail (a permission, the access policy, a bad
 * address), a crash interrupted the send (not sent again), the person was erased.
 */
export type ReachFailure =
  'fallback-off' | 'no-address' | 'graph-refused' | 'interrupted' | 'cancelled';

/** A person named in the reach section, by the name the bot knows (or a short id). */
export interface ReachedPerson {
  name: string;
  cause: EmailCause;
}

/** By which route the bot's messages of the week arrived, or why they did not. */
export interface ReachSection {
  /** Messages delivered in Teams. */
  teams: number;
  /** Messages delivered by e-mail instead. */
  email: number;
  /** Messages to people that reached them by no route. */
  none: number;
  byEmail: Shortlist<ReachedPerson>;
  unreached: Shortlist<ReachedPerson & { reason: ReachFailure }>;
}

/** Reads the routes of the messages since a given instant (the outbox and the e-mail fallback). */
export interface ReachSource {
  summariseReach(since: Date, listLimit: number): Promise<ReachSection>;
}
