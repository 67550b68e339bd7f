import type { ConversationRecord, UserContext } from '../conversations/conversation';

/** Persistence of conversation references and of the last known locale and time zone of users. */
export interface ConversationStore {
  /** Inserts or replaces the reference; a previously uninstalled conversation becomes active again. */
  upsert(record: ConversationRecord): Promise<void>;
  get(conversationId: string): Promise<ConversationRecord | undefined>;
  /** The active personal conversation with a user, if the bot is installed for them. */
  findPersonal(userAadId: string): Promise<ConversationRecord | undefined>;
  /**
   * True when the user removed the bot from their personal scope and has no active personal
   * chat: the bot must not install itself for them again.
   */
  removedByUser(userAadId: string): Promise<boolean>;
  /** Active conversations (uninstalledAt is null), ordered by conversation id. */
  listActive(): Promise<ConversationRecord[]>;
  /** Updates locale, time zone and service URL of a known conversation; no-op when unknown. */
  refresh(
    conversationId: string,
    changes: { locale: string | null; timezone: string | null; serviceUrl: string },
    at: Date,
  ): Promise<void>;
  /** Marks one conversation uninstalled. */
  markUninstalled(conversationId: string, at: Date): Promise<void>;
  /** Marks every conversation of a team (all its channels) uninstalled. */
  markTeamUninstalled(teamId: string, at: Date): Promise<void>;
  /** Records the locale and time zone a user last wrote from. */
  recordUserContext(context: UserContext): Promise<void>;
  getUserContext(aadId: string): Promise<UserContext | undefined>;
  /** What is known of several users at once (one read), in no particular order; unknown ids are left out. */
  listUserContexts(aadIds: readonly string[]): Promise<UserContext[]>;
}
