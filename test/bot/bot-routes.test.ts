import assert from 'node:assert/strict';
import { BotHarness, loadActivity } from './support/bot-harness';

interface CardAttachment {
  contentType: string;
  content: {
    type: string;
    version: string;
    body: unknown[];
    actions?: { verb?: string; title: string }[];
  };
}

function cardsIn(activities: Record<string, unknown>[]): CardAttachment['content'][] {
  return activities.flatMap((activity) =>
    ((activity.attachments as CardAttachment[] | undefined) ?? [])
      .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
      .map((a) => a.content),
  );
}

function textOf(card: unknown): string {
  return JSON.stringify(card);
}

describe('bot routes (recorded Teams activities through the adapter)', () => {
  let harness: BotHarness;

  beforeEach(async () => {
    harness = new BotHarness();
    await harness.start();
  });

  afterEach(async () => {
    await harness.stop();
  });

  it('answers "aide" in personal chat with the French help card', async () => {
    const { status } = await harness.send(loadActivity('personal-message-aide'));
    assert.equal(status, 200);
    const cards = cardsIn(harness.connector.sentActivities());
    assert.equal(cards.length, 1);
    const card = cards[0]!;
    assert.equal(card.version, '1.5');
    assert.match(textOf(card), /ce que je peux faire pour vous/);
    assert.deepEqual(
      card.actions?.map((a) => a.verb),
      ['profile.show', 'programme.list'],
    );
    assert.doesNotMatch(textOf(card), /État du bot/, 'staff must not see the Lab commands');
  });

  it('answers "help" in English when the Teams locale is English', async () => {
    await harness.send(loadActivity('personal-message-help-english'));
    const card = cardsIn(harness.connector.sentActivities())[0];
    assert.match(textOf(card), /what I can do for you/);
    assert.doesNotMatch(textOf(card), /ce que je peux faire/);
  });

  it('answers unknown text with the help card rather than silence', async () => {
    await harness.send(loadActivity('personal-message-unknown'));
    const card = cardsIn(harness.connector.sentActivities())[0];
    assert.match(textOf(card), /ce que je peux faire pour vous/);
  });

  it('lists the Lab commands for a Lab team member and shows the bot status', async () => {
    await harness.send(loadActivity('personal-message-status-admin'));
    const card = cardsIn(harness.connector.sentActivities())[0];
    assert.match(textOf(card), /État du bot/);
    assert.match(textOf(card), /sqlite, répond/);
  });

  it('ignores a channel message that does not mention the bot', async () => {
    const { status } = await harness.send(loadActivity('channel-message-without-mention'));
    assert.equal(status, 200);
    assert.equal(harness.connector.sentActivities().length, 0);
  });

  it('answers in a channel when mentioned, with the mention removed from the command', async () => {
    await harness.send(loadActivity('channel-message-with-mention'));
    const sent = harness.connector.sentActivities();
    assert.equal(sent.length, 1);
    assert.match(textOf(cardsIn(sent)[0]), /ce que je peux faire pour vous/);
    assert.match(harness.connector.calls[0]!.conversationId, /@thread\.tacv2/);
  });

  it('stores the conversation reference when installed in a team and greets the channel', async () => {
    await harness.send(loadActivity('team-install'));
    const stored = await harness.bot.conversations.get('19:R7xW3kq8HnJd2VbYt5Lp@thread.tacv2');
    assert.ok(stored);
    assert.equal(stored.scope, 'channel');
    assert.equal(stored.teamId, '19:R7xW3kq8HnJd2VbYt5Lp@thread.tacv2');
    assert.equal(stored.tenantId, '72f988bf-86f1-41af-91ab-2d7cd011db47');
    assert.equal(stored.serviceUrl, harness.connector.url);
    assert.equal(stored.uninstalledAt, null);
    assert.equal(cardsIn(harness.connector.sentActivities()).length, 1);
  });

  it('does nothing when someone other than the bot joins a team', async () => {
    await harness.send(loadActivity('team-member-added-not-bot'));
    assert.equal(
      await harness.bot.conversations.get('19:R7xW3kq8HnJd2VbYt5Lp@thread.tacv2'),
      undefined,
    );
    assert.equal(harness.connector.sentActivities().length, 0);
  });

  it('marks the team uninstalled when the bot is removed from it', async () => {
    await harness.send(loadActivity('team-install'));
    harness.clock.set(new Date('2026-11-21T07:59:00.000Z'));
    await harness.send(loadActivity('team-uninstall'));
    const stored = await harness.bot.conversations.get('19:R7xW3kq8HnJd2VbYt5Lp@thread.tacv2');
    // The harness clock runs on from the instant it was set; the removal is stamped then.
    const removedAt = stored?.uninstalledAt?.getTime() ?? 0;
    assert.ok(removedAt >= Date.parse('2026-11-21T07:59:00.000Z'));
    assert.ok(removedAt < Date.parse('2026-11-21T08:00:00.000Z'));
  });

  it('stores a personal installation with the user, locale and time zone, and marks its removal', async () => {
    await harness.send(loadActivity('personal-install'));
    const stored = await harness.bot.conversations.findPersonal(
      '6a1f0c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b',
    );
    assert.equal(stored?.conversationId, 'a:1personal-camille-7Hk2');
    assert.equal(stored?.locale, 'fr-FR');
    assert.equal(stored?.timezone, 'Europe/Paris');
    await harness.send(loadActivity('personal-uninstall'));
    assert.equal(
      await harness.bot.conversations.findPersonal('6a1f0c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b'),
      undefined,
    );
  });

  it('refreshes locale and time zone on every message', async () => {
    await harness.send(loadActivity('personal-install'));
    await harness.send(loadActivity('personal-message-help-english'));
    const stored = await harness.bot.conversations.get('a:1personal-camille-7Hk2');
    assert.equal(stored?.locale, 'en-US');
    assert.equal(stored?.timezone, 'America/Cayenne');
    const user = await harness.bot.conversations.getUserContext(
      '6a1f0c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b',
    );
    assert.equal(user?.timezone, 'America/Cayenne');
  });

  it('answers an Action.Execute with a card that replaces the clicked one', async () => {
    const { status, body } = await harness.send(loadActivity('invoke-action-execute-profile'));
    assert.equal(status, 200);
    const response = body as { statusCode: number; type: string; value: unknown };
    assert.equal(response.statusCode, 200);
    assert.equal(response.type, 'application/vnd.microsoft.card.adaptive');
    assert.match(textOf(response.value), /Vos informations/);
    assert.match(textOf(response.value), /Europe\/Paris/);
    assert.equal(harness.connector.sentActivities().length, 0, 'the card is replaced, not re-sent');
  });

  it('answers the Action.Submit fallback with a new card listing the demo programme', async () => {
    await harness.send(loadActivity('message-submit-programmes'));
    const card = cardsIn(harness.connector.sentActivities())[0];
    assert.match(textOf(card), /Défi du Lab 2026/);
    // 2026-11-20 is after the hackathon and before the end: the follow-up phase.
    assert.match(textOf(card), /suivi des expérimentations/);
    assert.match(textOf(card), /bilan de décembre, le jeudi 10 décembre 2026/);
  });
});

describe('Lab team from the Lab channel (LAB_CHANNEL_ID)', () => {
  const TEAM = '19:R7xW3kq8HnJd2VbYt5Lp@thread.tacv2';
  const CAMILLE = '6a1f0c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b';
  let harness: BotHarness;

  beforeEach(async () => {
    harness = new BotHarness();
    await harness.start({ LAB_CHANNEL_ID: TEAM });
    await harness.send(loadActivity('team-install'));
  });

  afterEach(async () => {
    await harness.stop();
  });

  it('gives the Lab commands to members of the Lab channel’s team once their list is read', async () => {
    await harness.send({ ...loadActivity('personal-message-aide'), text: 'état' });
    assert.doesNotMatch(JSON.stringify(harness.connector.sentActivities().at(-1)), /État du bot/);
    harness.connector.pagedMembers = [
      { id: '29:camille', aadObjectId: CAMILLE.toUpperCase(), name: 'Camille Martin' },
    ];
    await harness.bot.refreshLabMembers();
    await harness.send({ ...loadActivity('personal-message-aide'), text: 'état' });
    assert.match(JSON.stringify(harness.connector.sentActivities().at(-1)), /État du bot/);
  });

  it('keeps the last list when the roster cannot be read', async () => {
    harness.connector.pagedMembers = [
      { id: '29:camille', aadObjectId: CAMILLE, name: 'Camille Martin' },
    ];
    await harness.bot.refreshLabMembers();
    await harness.connector.stop();
    await harness.bot.refreshLabMembers();
    await harness.connector.start();
    await harness.send({ ...loadActivity('personal-message-aide'), text: 'état' });
    assert.match(JSON.stringify(harness.connector.sentActivities().at(-1)), /État du bot/);
  });
});

describe('Lab rights from the Lab channel’s roster end (hostile conditions)', () => {
  const TEAM = '19:R7xW3kq8HnJd2VbYt5Lp@thread.tacv2';
  const CAMILLE = '6a1f0c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b';
  let harness: BotHarness;

  async function isLab(): Promise<boolean> {
    await harness.send({ ...loadActivity('personal-message-aide'), text: 'état' });
    return /État du bot/.test(JSON.stringify(harness.connector.sentActivities().at(-1)));
  }

  beforeEach(async () => {
    harness = new BotHarness();
    await harness.start({ LAB_CHANNEL_ID: TEAM });
    await harness.send(loadActivity('team-install'));
    harness.connector.pagedMembers = [
      { id: '29:camille', aadObjectId: CAMILLE, name: 'Camille Martin' },
    ];
    await harness.bot.refreshLabMembers();
  });

  afterEach(async () => {
    await harness.stop();
  });

  it('when the bot is removed from the Lab channel’s team', async () => {
    assert.equal(await isLab(), true);
    await harness.send(loadActivity('team-uninstall'));
    await harness.bot.refreshLabMembers();
    assert.equal(await isLab(), false);
  });

  it('an hour after the roster could last be read', async () => {
    await harness.connector.stop();
    harness.clock.set(new Date(harness.clock.now().getTime() + 50 * 60 * 1000));
    await harness.bot.refreshLabMembers();
    await harness.connector.start();
    assert.equal(await isLab(), true, 'within the hour, the last list holds');
    harness.clock.set(new Date(harness.clock.now().getTime() + 11 * 60 * 1000));
    assert.equal(await isLab(), false, 'past the hour, nobody holds rights from it');
  });

  it('reads the Lab channel’s own members, which are a private channel’s only', async () => {
    const privateChannel = '19:lab-private-channel@thread.tacv2';
    await harness.stop();
    harness = new BotHarness();
    await harness.start({ LAB_CHANNEL_ID: privateChannel });
    await harness.send(loadActivity('team-install'));
    const general = await harness.bot.conversations.get(TEAM);
    assert.ok(general !== undefined);
    // The bot is in the team, and in the Lab's private channel of it.
    await harness.bot.conversations.upsert({
      ...general,
      conversationId: privateChannel,
      channelId: privateChannel,
    });
    await harness.bot.refreshLabMembers();
    const paths = harness.connector.calls
      .filter((call) => /pagedmembers/.test(call.path))
      .map((call) => call.path.split('?')[0]);
    assert.deepEqual(paths, [
      `/v3/conversations/${encodeURIComponent(privateChannel)}/pagedmembers`,
    ]);
  });
});
