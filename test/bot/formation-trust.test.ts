import assert from 'node:assert/strict';
import { createDemoParticipants } from '../../src/demo/demo-people';
import { DEMO_PROGRAMME } from '../../src/demo/seed-demo-programme';
import { BotHarness, adminClicks, loadActivity } from './support/bot-harness';

const TEAM = '19:R7xW3kq8HnJd2VbYt5Lp@thread.tacv2';
const participants = createDemoParticipants(
  DEMO_PROGRAMME.organisations,
  DEMO_PROGRAMME.themeOptions.map((t) => t.id),
);
const organisationOf = new Map(participants.map((p) => [p.aadId, p.organisationId]));

function click(verb: string, data: Record<string, string> = {}): Record<string, unknown> {
  return adminClicks(verb, { programmeId: DEMO_PROGRAMME.id, ...data });
}

function cardText(body: unknown): string {
  return JSON.stringify((body as { value: unknown }).value);
}

/** Two people of different teams whose swap breaks no rule, from the stored teams. */
async function swappablePair(harness: BotHarness): Promise<[string, string]> {
  const teams = await harness.bot.teams.listByProgramme(DEMO_PROGRAMME.id);
  for (const a of teams[0]!.members) {
    for (const b of teams[1]!.members) {
      const clash = (person: string, team: number) =>
        teams[team]!.members.some(
          (m) =>
            m.aadId !== a.aadId &&
            m.aadId !== b.aadId &&
            organisationOf.get(m.aadId) === organisationOf.get(person),
        );
      if (!clash(a.aadId, 1) && !clash(b.aadId, 0)) return [a.aadId, b.aadId];
    }
  }
  throw new Error('no swappable pair');
}

async function waitFor(probe: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until the outbox has sent (or given up on) everything queued so far. */
async function drainOutbox(harness: BotHarness, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await harness.bot.outbox.countByState()).pending > 0) {
    if (Date.now() > deadline) assert.fail('timed out waiting for the outbox to drain');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Waits until confirming has queued everything it will: the outbox holds something and has not
 * grown for two seconds (a loaded machine may take longer than any fixed pause).
 */
async function settle(harness: BotHarness, timeoutMs = 30_000): Promise<void> {
  const total = async (): Promise<number> =>
    Object.values(await harness.bot.outbox.countByState()).reduce((sum, n) => sum + n, 0);
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  let stableSince = Date.now();
  for (;;) {
    const now = await total();
    if (now !== last) {
      last = now;
      stableSince = Date.now();
    } else if (now > 0 && Date.now() - stableSince >= 2_000) {
      return;
    }
    if (Date.now() > deadline) assert.fail('the outbox never settled');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('confirming teams, and changing them (hostile clicks)', function () {
  this.timeout(60_000);
  let harness: BotHarness;

  beforeEach(async () => {
    harness = new BotHarness();
    await harness.start();
    await harness.bot.programmes.save({ ...DEMO_PROGRAMME, teamsTeamId: TEAM });
    await harness.send(loadActivity('team-install'));
  });

  afterEach(async () => {
    await harness.stop();
  });

  it('answers a second "Confirmer" with "déjà confirmées" and changes nothing', async () => {
    await harness.send({
      ...loadActivity('personal-message-status-admin'),
      text: 'former les équipes',
    });
    await harness.sendConfirmed(click('formation.confirm'));
    await settle(harness);
    const before = await harness.bot.teams.listByProgramme(DEMO_PROGRAMME.id);
    // Every row the outbox holds, whatever its state: a notice queued again would add one.
    const queued = async (): Promise<number> =>
      Object.values(await harness.bot.outbox.countByState()).reduce((sum, n) => sum + n, 0);
    const queuedBefore = await queued();
    const again = await harness.send(click('formation.confirm'));
    assert.match(cardText(again.body), /Équipes déjà confirmées — Défi du Lab 2026/);
    assert.match(cardText(again.body), /formation\.change/);
    const dryRun = await harness.send(click('formation.dryRun'));
    assert.match(cardText(dryRun.body), /Équipes déjà confirmées/);
    await settle(harness);
    assert.deepEqual(await harness.bot.teams.listByProgramme(DEMO_PROGRAMME.id), before);
    assert.equal(await queued(), queuedBefore, 'nobody was told anything again');
  });

  it('changes confirmed teams as its own action: shows who moves, tells only them and their teams', async () => {
    await harness.send({
      ...loadActivity('personal-message-status-admin'),
      text: 'former les équipes',
    });
    await harness.sendConfirmed(click('formation.confirm'));
    // The first confirmation's welcomes gone, what the change sends is told apart.
    await drainOutbox(harness);
    const [a, b] = await swappablePair(harness);
    const name = (id: string) => participants.find((p) => p.aadId === id)!.name;
    const started = await harness.send(click('formation.change'));
    assert.match(cardText(started.body), /Modification des équipes confirmées/);
    await harness.send(click('formation.swap', { person: a, other: b }));
    const dryRun = await harness.send(click('formation.dryRun'));
    const plan = cardText(dryRun.body);
    assert.match(plan, /Ce qui changera pour le programme «\u202fDéfi du Lab 2026\u202f»/);
    assert.match(plan, new RegExp(`${name(a)}\u00a0: de Équipe 1[^"]* vers Équipe 2`));
    assert.match(plan, new RegExp(`${name(b)}\u00a0: de Équipe 2[^"]* vers Équipe 1`));
    assert.match(plan, /les 2 personnes concernées/);
    assert.match(plan, /"title":"Confirmer les équipes","verb":"formation.confirm"/);
    const postsBefore = harness.connector.calls.length;

    const done = await harness.sendConfirmed(click('formation.confirm'));
    assert.match(
      JSON.stringify(done.question),
      /Appliquer les changements d’équipe du programme «\u202fDéfi du Lab 2026\u202f»\u202f\?/,
    );
    assert.match(cardText(done.body), /Équipes modifiées — Défi du Lab 2026/);
    const teams = await harness.bot.teams.listByProgramme(DEMO_PROGRAMME.id);
    assert.ok(teams[0]!.members.some((m) => m.aadId === b));
    assert.ok(teams[1]!.members.some((m) => m.aadId === a));
    const sent = () =>
      harness.connector.calls.slice(postsBefore).filter((c) => c.method === 'POST');
    const matching = (pattern: RegExp) =>
      sent().filter((c) => pattern.test(JSON.stringify(c.body)));
    // The welcomes of the first confirmation are still leaving, paced: wait for the change's.
    await waitFor(
      () =>
        matching(/Changement dans l’équipe/).length >= 2 &&
        matching(/Vous êtes dans l’équipe «\u202f/).length >= 2,
      'the change notices',
    );
    await settle(harness);
    assert.equal(matching(/Changement dans l’équipe/).length, 2, 'the two teams concerned');
    const moved = matching(/Vous êtes dans l’équipe «\u202f/).filter((c) =>
      [a, b].some((id) => JSON.stringify(c.body).includes(name(id))),
    );
    assert.equal(moved.length, 2, 'the two people who moved');
  });

  it('refuses to form teams in a Teams team that is not the programme’s, and says where to install', async () => {
    await harness.bot.programmes.save({
      ...DEMO_PROGRAMME,
      teamsTeamId: '19:another-programme-team@thread.tacv2',
    });
    await harness.send({
      ...loadActivity('personal-message-status-admin'),
      text: 'former les équipes',
    });
    const postsBefore = harness.connector.calls.length;
    const refused = await harness.sendConfirmed(click('formation.confirm'));
    assert.match(
      cardText(refused.body),
      /pas installé dans l’équipe Teams du programme «\u202fDéfi du Lab 2026\u202f» \(19:another-programme-team@thread\.tacv2\)/,
    );
    // Nothing is to be queued here: give a wrongly started confirmation the time to show.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    assert.deepEqual(await harness.bot.teams.listByProgramme(DEMO_PROGRAMME.id), []);
    assert.equal(
      harness.connector.calls
        .slice(postsBefore)
        .filter((c) => c.conversationId === TEAM && c.method === 'POST').length,
      0,
      'nothing posted in the unrelated team',
    );
  });
});
