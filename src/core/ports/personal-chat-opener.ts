/** The personal chat the bot got with someone, or why it could not. */
export type PersonalChatOutcome =
  | { ok: true; chatId: string }
  | {
      ok: false;
      reason: string;
      /** The reason as a code the Lab digest counts by; 'error' when absent. */
      code?: 'permission' | 'not-found' | 'timeout' | 'error';
      /**
       * A passing failure (Graph throttled or unavailable, no answer, the chat not shown yet):
       * trying again later may succeed. Absent: final (a refusal, an unknown person).
       */
      transient?: boolean;
    };

/**
 * Opens a personal chat with a person who never opened the bot, by installing the bot for them
 * (Microsoft Graph). Absent when the organisation gave no such permission.
 */
export interface PersonalChatOpener {
  openPersonalChat(userAadId: string, options?: PersonalChatOptions): Promise<PersonalChatOutcome>;
}

/** How hard to try now. */
export interface PersonalChatOptions {
  /**
   * One try of each call, no wait for a Retry-After and a short wait for the chat: for a caller
   * that someone's turn is waiting on and that has a queue to finish the job (a passing failure
   * then comes back as `transient`).
   */
  quick?: boolean;
}
