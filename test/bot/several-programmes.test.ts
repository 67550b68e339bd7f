import assert from 'node:assert/strict';
import { BotHarness, loadActivity } from './support/bot-harness';
import { BOT_PROGRAMME } from './support/candidacy-bot';

/** A second call open at the same time as the test programme's (the harness's day is 20 November 2026). */
const OTHER_CALL = {
  ...BOT_PROGRAMME,
  id: 'sessions-2027',
  name: 'Défi des sessions 2027',
};

function lastCard(harness: BotHarness): string {
  return JSON.stringify(harness.connector.sentActivities().at(-1));
}

describe('several programmes at once (recorded Teams activities)', () => {
  let harness: BotHarness;

  beforeEach(async () => {
    harness = new BotHarness();
    await harness.start();
    // The demo programme of the seed follows up its teams; the test programme's call is open.
    await harness.bot.programmes.save(BOT_PROGRAMME);
  });

  afterEach(async () => {
    await harness.stop();
  });

  it('acts on the only programme a command concerns, without asking', async () => {
    await harness.send(loadActivity('personal-message-candidater'));
    const card = lastCard(harness);
    assert.doesNotMatch(card, /Quel programme\u202f\?/);
    assert.match(card, /Défi du Lab \(essai\)/);
  });

  it('asks which programme when two calls are open, then remembers the choice for an hour', async () => {
    await harness.bot.programmes.save(OTHER_CALL);
    await harness.send(loadActivity('personal-message-candidater'));
    const question = lastCard(harness);
    assert.match(question, /Quel programme\u202f\?/);
    assert.match(question, /Choisir Défi du Lab \(essai\)/);
    assert.match(question, /Choisir Défi des sessions 2027/);

    // She chooses the second one: its form opens.
    const invoke = loadActivity('invoke-action-execute-profile');
    const { body } = await harness.send({
      ...invoke,
      value: {
        action: {
          type: 'Action.Execute',
          verb: 'candidacy.open',
          data: { verb: 'candidacy.open', programmeId: OTHER_CALL.id },
        },
        trigger: 'manual',
      },
    });
    assert.match(JSON.stringify(body), /Défi des sessions 2027/);

    // Typed again within the hour: no question, the chosen programme.
    await harness.send(loadActivity('personal-message-candidater'));
    assert.doesNotMatch(lastCard(harness), /Quel programme\u202f\?/);
    assert.match(lastCard(harness), /Défi des sessions 2027/);

    // An hour and a minute later, the bot asks again.
    harness.clock.set(new Date(harness.clock.now().getTime() + 61 * 60 * 1000));
    await harness.send(loadActivity('personal-message-candidater'));
    assert.match(lastCard(harness), /Quel programme\u202f\?/);
  });

  it('asks the Lab which programme’s candidacies to show when two calls are open', async () => {
    await harness.bot.programmes.save(OTHER_CALL);
    await harness.send(loadActivity('personal-message-candidatures-admin'));
    const question = lastCard(harness);
    assert.match(question, /Quel programme\u202f\?/);
    assert.match(question, /"verb":"selection.overview"/);
    assert.match(question, /"programmeId":"sessions-2027"/);
  });
});
