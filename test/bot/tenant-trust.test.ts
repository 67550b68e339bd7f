import assert from 'node:assert/strict';
import { BotHarness, loadActivity } from './support/bot-harness';

/** The tenant of the recorded activities, the only one this bot serves in these tests. */
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

describe('activities from outside Teams or from another tenant (hostile activities)', () => {
  let harness: BotHarness;

  beforeEach(async () => {
    harness = new BotHarness();
    await harness.start({ ALLOWED_TENANT_IDS: TENANT });
  });

  afterEach(async () => {
    await harness.stop();
  });

  async function conversationsKnown(): Promise<number> {
    return (await harness.bot.conversations.listActive()).length;
  }

  for (const fixture of [
    'hostile/webchat-lab-status',
    'hostile/directline-lab-status',
    'hostile/foreign-tenant-lab-status',
  ]) {
    it(`answers nothing and records nothing (${fixture})`, async () => {
      const before = await conversationsKnown();
      const activity = loadActivity(fixture);
      const { status } = await harness.send(activity);
      assert.equal(status, 200);
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(harness.connector.sentActivities().length, 0, 'no reply, no Lab card');
      assert.equal(await conversationsKnown(), before);
      const aadId = (activity.from as { aadObjectId: string }).aadObjectId;
      assert.equal(await harness.bot.conversations.getUserContext(aadId), undefined);
    });
  }

  it('refuses a card action from another tenant with a card saying so, even from a Lab admin’s id', async () => {
    const { status, body } = await harness.send(loadActivity('hostile/foreign-tenant-lab-invoke'));
    assert.equal(status, 200);
    assert.match(JSON.stringify(body), /Ce bot n’est pas ouvert à votre organisation/);
    assert.doesNotMatch(JSON.stringify(body), /Vos informations|équipe du Lab/);
    assert.equal(harness.connector.sentActivities().length, 0);
  });

  it('still serves the allowed tenant (the same activity, from it)', async () => {
    const { status } = await harness.send(loadActivity('personal-message-status-admin'));
    assert.equal(status, 200);
    assert.match(JSON.stringify(harness.connector.sentActivities().at(-1)), /État du bot/);
  });
});
