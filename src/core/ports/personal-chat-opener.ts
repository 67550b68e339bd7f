/** The personal chat the bot got with someone, or why it could not. */
export type PersonalChatOutcome =
  | { ok: true; chatId: string }
  | {
      ok: false;
      reason: string;
      /** The reason as a code the Lab digest counts by; 'error' when absent. */
      code?: 'permission' | 'not-found' | 'timeout' | 'error';
    };

/**
 * Opens a personal chat with a person who never opened the bot, by installing the bot for them
 * (Microsoft Graph). Absent when the organisation gave no such permission.
 */
export interface PersonalChatOpener {
  openPersonalChat(userAadId: string): Promise<PersonalChatOutcome>;
}
