import assert from 'node:assert/strict';
import { createDemoParticipants } from '../../src/demo/demo-people';
import { DEMO_PROGRAMME } from '../../src/demo/seed-demo-programme';
import { BotHarness, loadActivity } from './support/bot-harness';

const TEAM = '19:R7xW3kq8HnJd2VbYt5Lp@thread.tacv2';
const participants = createDemoParticipants(
  DEMO_PROGRAMME.organisations,
  DEMO_PROGRAMME.themeOptions.map((t) => t.id),
);
const DATASET = `formation.people/${DEMO_PROGRAMME.id}`;

/** The `application/search` invoke Teams sends while someone types in a picker. */
function typing(queryText: string, who: 'admin' | 'staff' = 'admin', dataset = DATASET) {
  const base = loadActivity('invoke-action-execute-profile');
  const admin = loadActivity('personal-message-status-admin');
  return {
    ...base,
    ...(who === 'admin' ? { from: admin.from, conversation: admin.conversation } : {}),
    name: 'application/search',
    value: { queryText, dataset, queryOptions: { skip: 0, top: 15 } },
  };
}

interface SearchAnswer {
  type: string;
  value: { results?: { title: string; value: string }[]; message?: string };
}

describe('finding a participant as the organiser types (type-ahead of the formation pickers)', () => {
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

  const ask = async (activity: Record<string, unknown>): Promise<SearchAnswer> => {
    const answer = await harness.send(activity);
    assert.equal(answer.status, 200);
    return answer.body as SearchAnswer;
  };

  it('gives the Lab at most 15 people whose name holds the letters, with their organisation', async () => {
    const someone = participants[20]!;
    const part = someone.name.split(' ').at(-1)!.slice(0, 4).toLowerCase();
    const answer = await ask(typing(part));
    assert.equal(answer.type, 'application/vnd.microsoft.search.searchResponse');
    const results = answer.value.results ?? [];
    assert.ok(
      results.some((r) => r.value === someone.aadId),
      JSON.stringify(results),
    );
    const organisation = DEMO_PROGRAMME.organisations.find((o) => o.id === someone.organisationId);
    assert.ok(results.some((r) => r.title === `${someone.name} — ${organisation!.name}`));
    const ids = new Set(participants.map((p) => p.aadId));
    assert.ok(results.every((r) => ids.has(r.value)));

    const many = await ask(typing('e'));
    assert.equal(many.value.results?.length, 15, 'capped at 15 (39 participants)');
  });

  it('refuses a sender who is not in the Lab team: an error, no name', async () => {
    const answer = await ask(typing('a', 'staff'));
    assert.equal(answer.type, 'application/vnd.microsoft.error');
    assert.equal(answer.value.results, undefined);
    assert.doesNotMatch(JSON.stringify(answer), new RegExp(participants[0]!.name));
  });

  it('refuses a huge query, and searches a bidi-laden one without its hidden controls', async () => {
    const huge = await ask(typing('a'.repeat(10_000)));
    assert.equal(huge.type, 'application/vnd.microsoft.error');
    assert.equal(huge.value.results, undefined);

    const someone = participants[3]!;
    const hidden = `\u202e${someone.name.slice(0, 5)}\u2066`;
    const found = await ask(typing(hidden));
    assert.ok(found.value.results?.some((r) => r.value === someone.aadId));
    assert.ok(found.value.results?.every((r) => !/[\u202a-\u202e\u2066-\u2069]/.test(r.title)));

    const markdown = await ask(typing('[x](https://evil.example)'));
    assert.deepEqual(markdown.value.results, []);
  });

  it('finds nobody in an unknown programme, and refuses an unknown dataset', async () => {
    const elsewhere = await ask(typing('a', 'admin', 'formation.people/no-such-programme'));
    assert.deepEqual(elsewhere.value.results, []);
    const unknown = await ask(typing('a', 'admin', 'graph.microsoft.com/users'));
    assert.equal(unknown.type, 'application/vnd.microsoft.error');
  });
});
