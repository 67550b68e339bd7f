import assert from 'node:assert/strict';
import { DEMO_PROGRAMME } from '../../src/demo/seed-demo-programme';
import { loadActivity } from '../support/load-activity';
import { BotHarness, adminClicks } from './support/bot-harness';
import { BOT_PROGRAMME, CAMILLE, CandidacyBot, textOf } from './support/candidacy-bot';
import { CheckinBot } from './support/checkin-bot';

// Tuesday 3 November 2026, 10:12 in Paris: November's check-in went out the day before.
const ON_TIME = '2026-11-03T09:12:00.000Z';
const RIGHT_TO_LEFT_OVERRIDE = '\u202e';

describe('what a card sends, checked (hostile activities)', () => {
  let harness: BotHarness;

  beforeEach(async () => {
    harness = new BotHarness();
    await harness.start();
  });

  afterEach(async () => {
    await harness.stop();
  });

  it('answers an unknown verb, even "__proto__", with a card in the sender’s language', async () => {
    for (const verb of ['__proto__', 'constructor', 'candidacy.delete', '']) {
      const { status, body } = await harness.send(adminClicks(verb));
      assert.equal(status, 200, verb);
      assert.match(JSON.stringify(body), /Je ne connais pas cette action/, verb);
    }
  });

  it('refuses data of the wrong type with a card naming the field, and changes nothing', async () => {
    const { status, body } = await harness.send(
      adminClicks('digest.refresh', { programmeId: {} } as unknown as Record<string, string>),
    );
    assert.equal(status, 200);
    assert.match(
      JSON.stringify(body),
      /Les données de cette carte ne sont pas valides \(programmeId\)/,
    );
  });

  it('refuses a team that is not a plain number when moving someone, and keeps the draft', async () => {
    await harness.bot.programmes.save(DEMO_PROGRAMME);
    await harness.send({
      ...loadActivity('personal-message-status-admin'),
      text: 'former les équipes',
    });
    for (const team of ['abc', ' 2 ', '0x1', '-1', '1e3']) {
      const { status, body } = await harness.send(
        adminClicks('formation.move', { programmeId: DEMO_PROGRAMME.id, person: 'x', team }),
      );
      assert.equal(status, 200, team);
      assert.match(JSON.stringify(body), /ne sont pas valides \(team\)/, team);
    }
  });

  it('answers a message with no text and a null value with the help card, not an error', async () => {
    const { status } = await harness.send(loadActivity('hostile/message-null-value'));
    assert.equal(status, 200);
    const reply = JSON.stringify(harness.connector.sentActivities().at(-1));
    assert.match(reply, /ce que je peux faire pour vous/);
    assert.doesNotMatch(reply, /Désolé, je n’ai pas pu traiter votre demande/);
  });

  it('stores a channel once, whatever the thread a message comes from', async () => {
    const message = loadActivity('channel-message-with-mention');
    const conversation = message.conversation as { id: string };
    const channel = conversation.id.split(';')[0]!;
    for (const thread of ['1732170000001', '1732170000002', '1732170000003']) {
      await harness.send({
        ...message,
        conversation: { ...conversation, id: `${channel};messageid=${thread}` },
      });
    }
    const stored = (await harness.bot.conversations.listActive()).filter((c) =>
      c.conversationId.startsWith(channel),
    );
    assert.deepEqual(
      stored.map((c) => c.conversationId),
      [channel],
    );
  });
});

describe('check-in cards sent in unusual ways (hostile activities)', () => {
  let bot: CheckinBot;

  beforeEach(async () => {
    bot = new CheckinBot();
    await bot.start();
  });

  afterEach(async () => {
    await bot.stop();
  });

  it('saves an answer and returns the card when Teams gives no message id to refresh', async () => {
    const { status, card } = await bot.send('hostile/checkin-answer-without-reply-to', ON_TIME);
    assert.equal(status, 200);
    assert.match(JSON.stringify(card), /Réponse enregistrée/);
    const stored = await bot.followUp!.checkins.get('defi-du-lab-2026', 'team-2', '2026-11');
    assert.equal(stored?.revision, 1);
  });

  it('handles a card submitted in a team channel without a mention', async () => {
    bot.harness.clock.set(new Date(ON_TIME));
    const { status } = await bot.harness.send(
      loadActivity('hostile/channel-submit-checkin-without-mention'),
    );
    assert.equal(status, 200);
    assert.match(
      JSON.stringify(bot.harness.connector.sentActivities().at(-1)),
      /Réponse enregistrée/,
    );
    assert.ok(await bot.followUp!.checkins.get('defi-du-lab-2026', 'team-2', '2026-11'));
  });

  it('shows another person’s Markdown link as text, and drops bidi overrides at input', async () => {
    const activity = loadActivity('invoke-checkin-answer');
    const action = (activity.value as { action: { data: Record<string, unknown> } }).action;
    action.data = {
      ...action.data,
      done: `Voir [Vérifier](https://evil.example) ${RIGHT_TO_LEFT_OVERRIDE}fdp.exe`,
    };
    bot.harness.clock.set(new Date(ON_TIME));
    const { body } = await bot.harness.send(activity);
    const stored = await bot.followUp!.checkins.get('defi-du-lab-2026', 'team-2', '2026-11');
    assert.equal(stored?.done, 'Voir [Vérifier](https://evil.example) fdp.exe');
    // The card everyone sees: the words, not a link.
    const card = JSON.stringify(body);
    assert.doesNotMatch(card, /\[Vérifier\]\(https/);
    assert.match(card, /\[Vérifier\]\\u200b\(https:\/\/evil\.example\)|\[Vérifier\]\u200b\(https/);
    assert.doesNotMatch(card, /\\u202e|\u202e/);
  });
});

describe('a candidate’s text on the committee’s cards (hostile activities)', () => {
  let bot: CandidacyBot;

  beforeEach(async () => {
    bot = new CandidacyBot();
    await bot.start(BOT_PROGRAMME);
  });

  afterEach(async () => {
    await bot.stop();
  });

  it('shows a motivation’s Markdown link and a display name’s link as text on the Lab’s detail card', async () => {
    await bot.send('invoke-candidacy-submit', {
      as: { ...CAMILLE, name: '[Camille](https://evil.example)' },
      data: { motivation: 'Motivée. [Cliquez ici](https://evil.example/login) pour voir mon CV.' },
    });
    const { card } = await bot.send('invoke-selection-detail');
    const text = textOf(card);
    assert.match(text, /Motivée/);
    assert.doesNotMatch(text, /\]\(https:\/\/evil/);
  });
});
