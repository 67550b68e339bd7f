import assert from 'node:assert/strict';
import type { ProgrammeTeam } from '../../src/core/programmes/programme-team';
import { loadExample2026 } from '../support/follow-up-fakes';
import { BotHarness, loadActivity } from './support/bot-harness';

// Tuesday 3 November 2026, 10:12 in Paris: November's check-in went out the day before.
const ON_TIME = new Date('2026-11-03T09:12:00.000Z');
/** People per generated team: a lead and three members. */
const TEAM_SIZE = 4;
/**
 * What one check-in answer may cost, whatever the programme: the turn's bookkeeping (sender,
 * conversation, turn state), the sender's programme roles, the team's context, the answer.
 */
const MAX_QUERIES_PER_ANSWER = 16;

/** Statements of the background delivery worker and scheduler, which run beside the turn. */
const BACKGROUND = /\boutbox\b|job_occurrences/;

/** The 2026 example grown to `participants` people: its teams, then generated teams of four. */
function programmeOf(participants: number): { teams: ProgrammeTeam[]; people: string[] } {
  const { programme, teams } = loadExample2026();
  const all = [...teams];
  const counted = (): number => all.reduce((sum, team) => sum + team.members.length, 0);
  for (let n = all.length + 1; counted() < participants; n++) {
    const id = (k: number): string =>
      `00000000-0000-4000-8000-${String(n * 10 + k).padStart(12, '0')}`;
    const members = Array.from({ length: TEAM_SIZE }, (_, k) => ({
      aadId: id(k),
      name: `Personne ${n}.${k}`,
      organisationId: programme.organisations[k % programme.organisations.length]!.id,
    }));
    all.push({
      ...teams[0]!,
      id: `team-${n}`,
      number: n,
      name: `Équipe ${n}`,
      leadAadId: members[0]!.aadId,
      members,
    });
  }
  return { teams: all, people: all.flatMap((team) => team.members.map((m) => m.aadId)) };
}

async function countAnswerQueries(participants: number): Promise<number> {
  let counting = false;
  let count = 0;
  const harness = new BotHarness();
  harness.options = {
    onQuery: (sql) => {
      if (counting && !BACKGROUND.test(sql)) count += 1;
    },
  };
  await harness.start();
  try {
    harness.clock.set(ON_TIME);
    const { programme } = loadExample2026();
    const { teams, people } = programmeOf(participants);
    assert.equal(people.length >= participants, true);
    await harness.bot.programmes.save(programme);
    await harness.bot.teams.replaceAll(programme.id, teams);
    // Everyone has written to the bot once: their zones are known, as in a real programme.
    for (const aadId of people) {
      await harness.bot.conversations.recordUserContext({
        aadId,
        locale: 'fr-FR',
        timezone: 'Europe/Paris',
        seenAt: ON_TIME,
      });
    }
    counting = true;
    const { status, body } = await harness.send(loadActivity('invoke-checkin-answer'));
    counting = false;
    assert.equal(status, 200);
    assert.match(JSON.stringify(body), /Réponse enregistrée/);
    return count;
  } finally {
    await harness.stop();
  }
}

describe('the cost of a check-in answer turn', function () {
  this.timeout(60_000);

  it('runs as many SQL queries for 400 participants as for 40, a fixed handful', async () => {
    const small = await countAnswerQueries(40);
    const large = await countAnswerQueries(400);
    assert.equal(large, small, `40 participants: ${small} queries; 400: ${large}`);
    assert.ok(small <= MAX_QUERIES_PER_ANSWER, `${small} queries`);
  });
});
