/** How a notice reached a person: a chat they had, a chat the bot got by installing itself, a 1:1 opened through a team, or not at all. */
export type ReachRoute = 'conversation' | 'install' | 'team' | 'unreachable';

/**
 * Why a person could not be reached, as a code: no chat and no team to open one through, they
 * removed the bot, Graph refused the installation (permission), does not know them, did not
 * show the chat in time, or failed otherwise.
 */
export type ReachFailure =
  'no-chat' | 'removed-bot' | 'permission' | 'not-found' | 'timeout' | 'error';

/** One notice to one person: its programme, route and reason, never who. */
export interface ReachEntry {
  /** The notice's idempotency key: a notice queued again is counted once. */
  key: string;
  programmeId: string;
  noticeKind: string;
  route: ReachRoute;
  failure: ReachFailure | null;
  at: Date;
}

/** What the Lab digest shows of a programme's reach over a period. */
export interface ReachCounts {
  byRoute: Record<ReachRoute, number>;
  /** Unreachable notices by reason, and among them the endorsement requests to managers. */
  failures: { failure: ReachFailure; count: number; endorsements: number }[];
}

/** The record of how notices reached people (counts only; nothing identifies a person). */
export interface ReachLog {
  record(entry: ReachEntry): Promise<void>;
  count(programmeId: string, since: Date): Promise<ReachCounts>;
}
