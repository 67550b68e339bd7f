import assert from 'node:assert/strict';
import type { FollowUpQuery } from '../../../../src/core/digests/digest-figures';
import {
  DIGEST_LIST_LIMIT,
  getProgrammeDigest,
} from '../../../../src/core/digests/get-programme-digest';
import type { Clock } from '../../../../src/core/ports/clock';
import type { ReachCounts } from '../../../../src/core/ports/reach-log';
import {
  createDigestProgramme,
  emptyFollowUpFigures,
  FixedDigestSource,
} from '../../../support/digest-fixtures';

const programme = createDigestProgramme();

/** A clock stopped at 09:00 Paris time on a day. */
function mondayMorning(day: string): Clock {
  return { now: () => new Date(`${day}T07:00:00.000Z`) };
}

async function digestOn(day: string, source = new FixedDigestSource(), facilitatorAadId?: string) {
  const digest = await getProgrammeDigest(
    { source, clock: mondayMorning(day) },
    programme,
    facilitatorAadId === undefined ? {} : { facilitatorAadId },
  );
  return { digest, source };
}

describe('getProgrammeDigest', () => {
  it('gives the Lab team the routes of the week’s messages, not a facilitator, and not when there were none', async () => {
    const asked: Date[] = [];
    const section = {
      teams: 12,
      email: 1,
      none: 1,
      byEmail: { total: 1, items: [{ name: 'Hugo Martin', cause: 'teams-unreachable' as const }] },
      unreached: {
        total: 1,
        items: [
          { name: 'Lotte Peeters', cause: 'not-on-teams' as const, reason: 'no-address' as const },
        ],
      },
    };
    const reach = (figures: typeof section) => ({
      summariseReach: (since: Date) => {
        asked.push(since);
        return Promise.resolve(figures);
      },
    });
    const deps = { source: new FixedDigestSource(), clock: mondayMorning('2026-03-30') };

    const lab = await getProgrammeDigest({ ...deps, emailReach: reach(section) }, programme);
    const facilitator = await getProgrammeDigest(
      { ...deps, emailReach: reach(section) },
      programme,
      {
        facilitatorAadId: 'facilitator-1',
      },
    );
    const quiet = await getProgrammeDigest(
      { ...deps, emailReach: reach({ ...section, teams: 0, email: 0, none: 0 }) },
      programme,
    );

    assert.deepEqual(lab.emailReach, section);
    assert.equal(facilitator.emailReach, undefined);
    assert.equal(quiet.emailReach, undefined);
    assert.deepEqual(asked[0], new Date('2026-03-23T07:00:00.000Z'));
  });

  it('shows only the milestones before the call opens', async () => {
    const { digest, source } = await digestOn('2026-02-16');
    assert.equal(digest.phase, 'upcoming');
    assert.deepEqual(digest.sections, []);
    assert.deepEqual(source.calls, []);
    assert.equal(digest.milestones[0]?.name, 'candidacyOpen');
    assert.equal(digest.milestones[0]?.daysAway, 14);
  });

  it('counts the call’s week from seven days before, while the call is open', async () => {
    const { digest, source } = await digestOn('2026-03-30');
    assert.deepEqual(
      digest.sections.map((s) => s.kind),
      ['call'],
    );
    assert.deepEqual(source.calls, [
      {
        method: 'countCall',
        args: ['defi-digest', new Date('2026-03-23T07:00:00.000Z')],
      },
    ]);
    assert.equal(digest.today, '2026-03-30');
  });

  it('shows the selection from the call’s closing until the hackathon', async () => {
    for (const day of ['2026-04-06', '2026-05-18', '2026-06-25']) {
      const { digest, source } = await digestOn(day);
      assert.deepEqual(
        digest.sections.map((s) => s.kind),
        ['selection'],
        day,
      );
      assert.deepEqual(source.calls, [{ method: 'countSelection', args: ['defi-digest', day] }]);
    }
  });

  it('has no follow-up section between the hackathon and the first check-in', async () => {
    const { digest, source } = await digestOn('2026-08-31');
    assert.equal(digest.phase, 'follow-up');
    assert.deepEqual(digest.sections, []);
    assert.deepEqual(source.calls, []);
  });

  it('asks for this month, the previous one and the next review during the follow-up', async () => {
    const source = new FixedDigestSource({ followUp: emptyFollowUpFigures({ teams: 4 }) });
    const { digest } = await digestOn('2026-11-23', source);
    assert.deepEqual(source.calls, [
      {
        method: 'countFollowUp',
        args: [
          {
            programmeId: 'defi-digest',
            month: '2026-11',
            previousMonth: '2026-10',
            review: 'december',
            listLimit: DIGEST_LIST_LIMIT,
          } satisfies FollowUpQuery,
        ],
      },
    ]);
    const [section] = digest.sections;
    assert.equal(section?.kind, 'follow-up');
    assert.deepEqual(section.nextReview, {
      review: 'december',
      day: '2026-12-10',
      daysAway: 17,
      prepared: 0,
      teams: 4,
    });
  });

  it('moves on to the March review after December’s, and to none at the end', async () => {
    const january = await digestOn('2027-01-11');
    assert.equal((january.source.calls[0]?.args[0] as FollowUpQuery).review, 'march');
    const ended = await digestOn('2027-04-12');
    assert.equal(ended.digest.phase, 'ended');
    assert.deepEqual(ended.source.calls[0]?.args[0], {
      programmeId: 'defi-digest',
      month: '2027-03',
      previousMonth: '2027-02',
      review: null,
      listLimit: DIGEST_LIST_LIMIT,
    });
    assert.deepEqual(ended.digest.milestones, []);
  });

  it('gives a facilitator the follow-up of their teams only', async () => {
    const { digest, source } = await digestOn('2026-11-23', undefined, 'facilitator-1');
    assert.equal(digest.facilitatorAadId, 'facilitator-1');
    assert.equal((source.calls[0]?.args[0] as FollowUpQuery).facilitatorAadId, 'facilitator-1');
    const call = await digestOn('2026-03-30', undefined, 'facilitator-1');
    assert.deepEqual(call.digest.sections, []);
    assert.deepEqual(call.source.calls, []);
  });

  it('tells the Lab team how notices reached people this week and who could not be reached, not a facilitator', async () => {
    const asked: { programmeId: string; since: string }[] = [];
    const counts: ReachCounts = {
      byRoute: { conversation: 12, install: 3, team: 1, unreachable: 2 },
      failures: [{ failure: 'permission', count: 2, endorsements: 1 }],
    };
    const reach = {
      count: (programmeId: string, since: Date) => {
        asked.push({ programmeId, since: since.toISOString() });
        return Promise.resolve(counts);
      },
    };
    const deps = { source: new FixedDigestSource(), clock: mondayMorning('2026-11-23'), reach };
    const lab = await getProgrammeDigest(deps, programme);
    assert.deepEqual(lab.reach, counts);
    assert.deepEqual(asked, [{ programmeId: programme.id, since: '2026-11-16T07:00:00.000Z' }]);
    const facilitator = await getProgrammeDigest(deps, programme, { facilitatorAadId: 'f-1' });
    assert.equal(facilitator.reach, undefined);
    const quiet = await getProgrammeDigest(
      {
        ...deps,
        reach: {
          count: () =>
            Promise.resolve({
              byRoute: { conversation: 0, install: 0, team: 0, unreachable: 0 },
              failures: [],
            }),
        },
      },
      programme,
    );
    assert.equal(quiet.reach, undefined, 'nothing to say: no section');
  });
});
