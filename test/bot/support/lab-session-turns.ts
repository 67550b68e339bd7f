import assert from 'node:assert/strict';
import { loadActivity, type BotHarness } from './bot-harness';
import { SqlLabSessionStore } from '../../../src/adapters/sql/sql-lab-session-store';
import { ADMIN, FACILITATOR_A, FACILITATOR_B, type SessionUser } from './lab-session-people';

/** An activity as the user in their personal chat, in their language. */
export function asSessionUser(
  fixture: string,
  user: SessionUser,
  locale = 'fr-FR',
): Record<string, unknown> {
  const activity = loadActivity(fixture);
  return {
    ...activity,
    from: { ...user },
    conversation: {
      ...(activity.conversation as Record<string, unknown>),
      id: `a:1personal-${user.aadObjectId}`,
    },
    locale,
  };
}

/**
 * Typing and clicking as a person of the Lab session bot tests, each answer as JSON text. Given
 * a function, it reads the harness at each turn (tests start a new one before each case).
 */
export function sessionTurns(of: BotHarness | (() => BotHarness)) {
  const current = (): BotHarness => (typeof of === 'function' ? of() : of);
  return {
    /** A message typed in the personal chat; what the bot sent back. */
    say: async (user: SessionUser, text: string, locale = 'fr-FR'): Promise<string> => {
      const harness = current();
      const before = harness.connector.sentActivities().length;
      await harness.send({ ...asSessionUser('personal-message-status-admin', user, locale), text });
      return JSON.stringify(harness.connector.sentActivities().slice(before));
    },
    /** A card button (Action.Execute) with its data; the card that replaces the clicked one. */
    click: async (
      user: SessionUser,
      verb: string,
      data: Record<string, unknown> = {},
      locale = 'fr-FR',
    ): Promise<string> => {
      const harness = current();
      const activity = asSessionUser('invoke-action-execute-profile', user, locale);
      activity.value = {
        action: { type: 'Action.Execute', verb, data: { verb, ...data } },
        trigger: 'manual',
      };
      const { status, body } = await harness.send(activity);
      assert.equal(status, 200);
      return JSON.stringify((body as { value?: unknown } | undefined)?.value);
    },
  };
}

/**
 * Starts the bot with the admin and the two facilitators in the Lab team (and these settings),
 * and has each of these people write once, so the bot can reach them in their personal chat.
 * Returns the Lab sessions' store.
 */
export async function startSessionBot(
  harness: BotHarness,
  people: readonly SessionUser[],
  env: Record<string, string> = {},
): Promise<SqlLabSessionStore> {
  await harness.start({
    LAB_ADMIN_IDS: [ADMIN, FACILITATOR_A, FACILITATOR_B].map((u) => u.aadObjectId).join(','),
    ...env,
  });
  const turns = sessionTurns(harness);
  for (const user of people) await turns.say(user, 'mes sessions');
  return new SqlLabSessionStore(harness.bot.database.db);
}
