import assert from 'node:assert/strict';
import type { DatabaseHandle } from '../../src/adapters/sql/open-database';
import { SqlCandidacyStore } from '../../src/adapters/sql/sql-candidacy-store';
import { SqlDigestSource } from '../../src/adapters/sql/sql-digest-source';
import { SqlCheckinStore } from '../../src/adapters/sql/sql-checkin-store';
import { SqlOutboxStore } from '../../src/adapters/sql/sql-outbox-store';
import { SqlProgrammeTeamStore } from '../../src/adapters/sql/sql-programme-team-store';
import { SqlReviewStore } from '../../src/adapters/sql/sql-review-store';
import { SqlScoreStore } from '../../src/adapters/sql/sql-score-store';
import type { FollowUpQuery } from '../../src/core/digests/digest-figures';
import {
  aDigestCandidacy,
  DIGEST_CANDIDACIES,
  DIGEST_CHECKINS,
  DIGEST_FACILITATORS,
  DIGEST_OUTBOX,
  DIGEST_REVIEWS,
  DIGEST_SCORED,
  digestTeams,
  emptyFollowUpFigures,
  statusCounts,
} from '../support/digest-fixtures';
import { testDatabases } from './test-databases';

const at = new Date('2026-03-26T10:00:00.000Z');

async function seedCandidacies(database: DatabaseHandle): Promise<void> {
  const candidacies = new SqlCandidacyStore(database.db);
  await candidacies.transact('defi-digest', () => ({ save: [...DIGEST_CANDIDACIES], result: 0 }));
  // Another programme's candidacies must never be counted: a team of six, accepted.
  await candidacies.transact('defi-other', () => ({
    save: [
      aDigestCandidacy(50, 'cnav', 'accepted', {
        id: 'other-1',
        programmeId: 'defi-other',
        seatCount: 6,
        submittedAt: at,
      }),
    ],
    result: 0,
  }));
  for (const [programmeId, n] of [
    ['defi-digest', 101],
    ['defi-digest', 102],
    ['defi-other', 103],
  ] as const) {
    await candidacies.saveDraft({
      programmeId,
      applicant: { aadId: `draft-${n}`, name: `D ${n}` },
      fields: {},
      updatedAt: at,
    });
  }
  const scores = new SqlScoreStore(database.db);
  for (const { candidacyId, memberAadId } of DIGEST_SCORED) {
    await scores.save(
      {
        programmeId: 'defi-digest',
        candidacyId,
        memberAadId,
        values: { impact: 4 },
        comment: '',
        scoredAt: at,
      },
      {
        at,
        actor: memberAadId,
        action: 'candidacy.score',
        programmeId: 'defi-digest',
        subjectId: candidacyId,
        details: {},
      },
    );
  }
}

async function seedFollowUp(database: DatabaseHandle): Promise<void> {
  const teams = new SqlProgrammeTeamStore(database.db);
  await teams.replaceAll('defi-digest', digestTeams());
  await teams.replaceAll('defi-other', digestTeams('defi-other'));
  const checkins = new SqlCheckinStore(database.db);
  for (const answer of DIGEST_CHECKINS) await checkins.save(answer);
  const reviews = new SqlReviewStore(database.db);
  for (const answer of DIGEST_REVIEWS) await reviews.save(answer);
  const outbox = new SqlOutboxStore(database.db);
  await outbox.enqueueMany(
    DIGEST_OUTBOX.map((message) => ({
      idempotencyKey: message.key,
      target: { kind: 'conversation', conversationId: `personal-${message.person}` },
      payload: { kind: 'text', text: 'Rappel' },
      notBefore: at,
    })),
    at,
  );
  const claimed = await outbox.claimDue(at, 100, 'test', 60_000);
  for (const row of claimed) {
    const message = DIGEST_OUTBOX.find((m) => m.key === row.idempotencyKey);
    if (message?.state === 'sent') {
      await outbox.markSent(row.idempotencyKey, { activityId: 'a', conversationId: 'c' }, at);
    } else if (message?.state === 'unreachable') {
      await outbox.markUnreachable(row.idempotencyKey, 'test', message.error ?? '', at);
    } else {
      await outbox.release(row.idempotencyKey, 'test', at);
    }
  }
}

const november: FollowUpQuery = {
  programmeId: 'defi-digest',
  month: '2026-11',
  previousMonth: '2026-10',
  review: 'december',
  listLimit: 8,
};

const team = (number: number) => ({ teamId: `team-${number}`, number, name: `Équipe ${number}` });

for (const target of testDatabases()) {
  describe(`SQL digest source (${target.name})`, () => {
    let database: DatabaseHandle | undefined;
    let source: SqlDigestSource;

    beforeEach(async () => {
      database = await target.open();
      source = new SqlDigestSource(database.db);
    });

    afterEach(async () => {
      await database?.close();
      database = undefined;
    });

    it('counts nothing for a programme without candidacies', async () => {
      assert.deepEqual(await source.countCall('defi-digest', at), {
        candidacies: 0,
        people: 0,
        newSince: 0,
        withdrawn: 0,
        byOrganisation: [],
        drafts: 0,
      });
      assert.deepEqual(await source.countSelection('defi-digest', '2026-04-24'), {
        byStatus: statusCounts({}),
        scored: 0,
        seatsByOrganisation: [],
        confirmationsOverdue: 0,
        nextConfirmBy: null,
      });
    });

    it('counts the call’s candidacies, this week’s, the withdrawn and the drafts', async () => {
      await seedCandidacies(database!);
      assert.deepEqual(
        await source.countCall('defi-digest', new Date('2026-03-23T07:00:00.000Z')),
        {
          candidacies: 11,
          people: 11,
          newSince: 2,
          withdrawn: 2,
          byOrganisation: [
            { organisationId: 'caf-guyane', candidacies: 2 },
            { organisationId: 'caf-paris', candidacies: 4 },
            { organisationId: 'cpam-sarthe', candidacies: 5 },
          ],
          drafts: 2,
        },
      );
    });

    it('counts decisions, scored candidacies, seats by organisation and confirmations', async () => {
      await seedCandidacies(database!);
      assert.deepEqual(await source.countSelection('defi-digest', '2026-04-24'), {
        byStatus: statusCounts({
          submitted: 4,
          waitlisted: 1,
          accepted: 2,
          confirmed: 2,
          declined: 1,
          withdrawn: 2,
          lapsed: 1,
        }),
        scored: 3,
        seatsByOrganisation: [
          { organisationId: 'caf-paris', people: 1 },
          { organisationId: 'cpam-sarthe', people: 3 },
        ],
        confirmationsOverdue: 1,
        nextConfirmBy: '2026-04-28',
      });
    });

    it('counts the people a team brings', async () => {
      await seedCandidacies(database!);
      const figures = await source.countSelection('defi-other', '2026-04-24');
      assert.deepEqual(figures.byStatus.accepted, { candidacies: 1, people: 6 });
      assert.deepEqual(figures.seatsByOrganisation, [{ organisationId: 'cnav', people: 6 }]);
      assert.equal((await source.countCall('defi-other', at)).people, 6);
    });

    it('counts nothing in a month without teams', async () => {
      assert.deepEqual(
        await source.countFollowUp(november),
        emptyFollowUpFigures({
          silent: { total: 0, items: [] },
          reviewPrepared: 0,
        }),
      );
    });

    it('counts the month’s answers, statuses and progress, and lists the teams needing help', async () => {
      await seedFollowUp(database!);
      const figures = await source.countFollowUp(november);
      assert.equal(figures.teams, 6);
      assert.equal(figures.answered, 3);
      assert.equal(figures.late, 1);
      assert.deepEqual(figures.byStatus, { 'on-track': 1, 'at-risk': 1, blocked: 1 });
      assert.equal(figures.averageProgress, 35);
      assert.deepEqual(figures.needingHelp, {
        total: 2,
        items: [
          {
            ...team(2),
            status: 'blocked',
            progress: 10,
            helpCategory: 'data',
            helpText: 'Accès aux données',
          },
          {
            ...team(3),
            status: 'at-risk',
            progress: 35,
            helpCategory: 'method',
            helpText: 'Atelier de cadrage',
          },
        ],
      });
    });

    it('finds the teams silent this month, and those silent two months in a row', async () => {
      await seedFollowUp(database!);
      const figures = await source.countFollowUp(november);
      assert.deepEqual(figures.unanswered, { total: 3, items: [team(4), team(5), team(6)] });
      assert.deepEqual(figures.silent, { total: 2, items: [team(5), team(6)] });
      const firstMonth = await source.countFollowUp({ ...november, previousMonth: null });
      assert.equal(firstMonth.silent, null);
    });

    it('cuts lists to the limit and still counts them all', async () => {
      await seedFollowUp(database!);
      const figures = await source.countFollowUp({ ...november, listLimit: 1 });
      assert.deepEqual(figures.unanswered, { total: 3, items: [team(4)] });
      assert.deepEqual(figures.silent, { total: 2, items: [team(5)] });
      assert.deepEqual(
        figures.needingHelp.items.map((t) => t.teamId),
        ['team-2'],
      );
      assert.equal(figures.needingHelp.total, 2);
    });

    it('counts this month’s unreachable people once each, why, and their teams', async () => {
      await seedFollowUp(database!);
      const figures = await source.countFollowUp(november);
      assert.deepEqual(figures.unreachable, {
        recipients: 2,
        blocked: 1,
        gone: 1,
        teams: { total: 2, items: [team(5), team(6)] },
      });
    });

    it('counts the reminders delivered this month and the teams that prepared the next review', async () => {
      await seedFollowUp(database!);
      const figures = await source.countFollowUp(november);
      assert.equal(figures.remindersSent, 3);
      assert.equal(figures.reviewPrepared, 2);
      assert.equal(
        (await source.countFollowUp({ ...november, review: 'march' })).reviewPrepared,
        1,
      );
      assert.equal(
        (await source.countFollowUp({ ...november, review: null })).reviewPrepared,
        null,
      );
    });

    it('counts only the teams a facilitator follows', async () => {
      await seedFollowUp(database!);
      const first = await source.countFollowUp({
        ...november,
        facilitatorAadId: DIGEST_FACILITATORS.f1,
      });
      assert.equal(first.teams, 3);
      assert.equal(first.answered, 2);
      assert.deepEqual(first.byStatus, { 'on-track': 1, 'at-risk': 0, blocked: 1 });
      assert.equal(first.averageProgress, 35);
      assert.deepEqual(
        first.needingHelp.items.map((t) => t.teamId),
        ['team-2'],
      );
      assert.deepEqual(first.unanswered, { total: 1, items: [team(4)] });
      assert.deepEqual(first.silent, { total: 0, items: [] });
      assert.equal(first.unreachable.recipients, 0);
      assert.equal(first.remindersSent, 2);
      assert.equal(first.reviewPrepared, 2);
      const fourth = await source.countFollowUp({
        ...november,
        facilitatorAadId: DIGEST_FACILITATORS.f4,
      });
      assert.equal(fourth.teams, 2);
      assert.deepEqual(fourth.silent, { total: 2, items: [team(5), team(6)] });
      assert.equal(fourth.unreachable.recipients, 2);
      assert.equal(fourth.remindersSent, 1);
      assert.equal(fourth.reviewPrepared, 0);
    });
  });
}
