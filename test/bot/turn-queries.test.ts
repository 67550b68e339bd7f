import assert from 'node:assert/strict';
import { loadExample2026 } from '../support/follow-up-fakes';
import { BotHarness, loadActivity } from './support/bot-harness';
import { BOT_PROGRAMME, CAMILLE, candidate, type FixtureUser } from './support/candidacy-bot';

// Tuesday 3 November 2026, 10:12 in Paris: November's check-in is open, and so is the call.
const ON_TIME = new Date('2026-11-03T09:12:00.000Z');

/** Statements of the background delivery worker and scheduler, which run beside the turn. */
const BACKGROUND = /\boutbox\b|job_occurrences/;
const WRITE = /^\s*(insert|update|delete)\b/i;

/**
 * SQL statements of one turn of each kind, by someone who used the bot before, as measured
 * (`npm run bench -- turns` prints the same counts). A change that adds a statement to one of
 * these turns fails here: lower the bound when a turn gets cheaper, and raise it only with a
 * reason written beside it.
 */
const MAX_QUERIES = {
  // Turn state, the conversation reference, the sender's programme roles (one indexed read of
  // programme_people and programme_team_people since migration 0017; two reads before), then the
  // programmes for the card's "Programmes en cours" line (issue 14: the help card says which
  // programmes its commands concern).
  help: 4,
  // + the programme, the team, the zones of its people, the month's answer, the answer written.
  checkinAnswer: 8,
  // The same reads, nothing written.
  checkinRefresh: 7,
  // Turn state, conversation, the programme; the transaction: begin, lock, the applicant's
  // candidacy (not the whole call's), the candidacy written, its endorsement, its draft, commit.
  candidacySubmit: 10,
  // Turn state, conversation, roles, then the digest's aggregates (8 until this wave); then the
  // Lab sessions section (the requests, the hot and the cold debriefs, the Lab's few dozen a
  // year), the personal data section (the retention job's audit entries of the week) and the
  // reaching-people section (one grouped count of the week's notices).
  dashboard: 13,
};

/** The recorded activity as someone else, in their own personal chat. */
function as(activity: Record<string, unknown>, user: FixtureUser): Record<string, unknown> {
  return {
    ...activity,
    from: { ...user },
    conversation: {
      ...(activity.conversation as Record<string, unknown>),
      id: `a:1personal-${user.aadObjectId}`,
    },
  };
}

describe('the SQL statements of a card turn', function () {
  this.timeout(60_000);
  const harness = new BotHarness();
  let counting = false;
  const queries: string[] = [];

  before(async () => {
    harness.options = {
      onQuery: (sql) => {
        if (counting && !BACKGROUND.test(sql)) queries.push(sql);
      },
    };
    await harness.start();
    harness.clock.set(ON_TIME);
    const { programme, teams } = loadExample2026();
    await harness.bot.programmes.save(programme);
    await harness.bot.teams.replaceAll(programme.id, teams);
    await harness.bot.programmes.save(BOT_PROGRAMME);
  });

  after(async () => {
    await harness.stop();
  });

  /** Posts the activity and returns its statements, connector calls and answer. */
  async function countTurn(activity: Record<string, unknown>) {
    queries.length = 0;
    const callsBefore = harness.connector.calls.length;
    counting = true;
    const { status, body } = await harness.send(activity);
    counting = false;
    assert.equal(status, 200);
    const calls = harness.connector.calls.slice(callsBefore);
    return { queries: [...queries], calls, text: JSON.stringify({ body, calls }) };
  }

  /** The turn twice: the second is counted (conversation and sender known by then). */
  async function countSecondTurn(activity: Record<string, unknown>) {
    await countTurn(activity);
    return countTurn(activity);
  }

  function assertAtMost(turn: { queries: string[] }, bound: number, name: string): void {
    assert.ok(
      turn.queries.length <= bound,
      `${name}: ${turn.queries.length} statements for at most ${bound}:\n${turn.queries.join('\n')}`,
    );
  }

  it('answers "aide" with a handful of reads and no write', async () => {
    const turn = await countSecondTurn(loadActivity('personal-message-aide'));
    assert.match(turn.text, /AdaptiveCard/);
    assertAtMost(turn, MAX_QUERIES.help, 'help');
    assert.deepEqual(
      turn.queries.filter((sql) => WRITE.test(sql)),
      [],
    );
  });

  it('records a check-in answer with one write', async () => {
    const turn = await countSecondTurn(loadActivity('invoke-checkin-answer'));
    assert.match(turn.text, /Réponse enregistrée/);
    assertAtMost(turn, MAX_QUERIES.checkinAnswer, 'check-in answer');
    assert.equal(turn.queries.filter((sql) => WRITE.test(sql)).length, 1);
  });

  it('refreshes the channel check-in card without writing', async () => {
    const turn = await countSecondTurn(loadActivity('invoke-checkin-refresh-channel'));
    assert.match(turn.text, /Réponse de Camille Martin/);
    assertAtMost(turn, MAX_QUERIES.checkinRefresh, 'check-in refresh');
    assert.deepEqual(
      turn.queries.filter((sql) => WRITE.test(sql)),
      [],
    );
  });

  it('takes a first submission from someone known with a fixed handful, whatever the call size', async () => {
    for (let n = 1; n <= 20; n += 1) {
      harness.connector.members.set(candidate(n).aadObjectId, {
        email: `candidat.${n}@example.net`,
        name: candidate(n).name,
      });
    }
    const submit = loadActivity('invoke-candidacy-submit');
    const counts: number[] = [];
    for (const n of [1, 20]) {
      // Candidates 2 to 19 apply between the two counted submissions.
      if (n === 20) for (let k = 2; k < 20; k += 1) await countTurn(as(submit, candidate(k)));
      await countTurn(as(loadActivity('personal-message-aide'), candidate(n)));
      const turn = await countTurn(as(submit, candidate(n)));
      assert.match(turn.text, /Candidature envoyée/);
      assertAtMost(turn, MAX_QUERIES.candidacySubmit, `candidacy submission ${n}`);
      counts.push(turn.queries.length);
    }
    assert.equal(counts[1], counts[0], `first candidate: ${counts[0]}; twentieth: ${counts[1]}`);
  });

  it('asks Teams for the sender’s address once an hour, not on every submission', async () => {
    const submit = as(loadActivity('invoke-candidacy-submit'), candidate(1));
    const memberLookups = (turn: { calls: { method: string; path: string }[] }) =>
      turn.calls.filter((call) => call.method === 'GET' && /\/members\//.test(call.path)).length;
    harness.clock.set(ON_TIME);
    assert.equal(memberLookups(await countTurn(submit)), 1);
    assert.equal(memberLookups(await countTurn(submit)), 0);
    harness.clock.set(new Date(ON_TIME.getTime() + 61 * 60_000));
    assert.equal(memberLookups(await countTurn(submit)), 1);
    harness.clock.set(ON_TIME);
  });

  it('shows the Lab’s dashboard of a programme with a fixed handful', async () => {
    const admin = loadActivity('personal-message-status-admin');
    const turn = await countSecondTurn({ ...admin, text: 'tableau de bord defi-du-lab-2026' });
    assert.match(turn.text, /AdaptiveCard/);
    assertAtMost(turn, MAX_QUERIES.dashboard, 'dashboard');
  });

  it('still writes the sender’s time zone and locale the turn they change', async () => {
    const aide = loadActivity('personal-message-aide');
    await countTurn(aide);
    const moved = await countTurn({ ...aide, localTimezone: 'America/Montreal', locale: 'en-US' });
    assert.equal(moved.queries.filter((sql) => /user_contexts/.test(sql)).length, 1);
    assert.equal(moved.queries.filter((sql) => /update "conversations"/.test(sql)).length, 1);
    const context = await harness.bot.conversations.getUserContext(CAMILLE.aadObjectId);
    assert.equal(context?.timezone, 'America/Montreal');
    assert.equal(context?.locale, 'en-US');
    // Back home: written again at once.
    await countTurn(aide);
    const back = await harness.bot.conversations.getUserContext(CAMILLE.aadObjectId);
    assert.equal(back?.timezone, 'Europe/Paris');
  });
});
