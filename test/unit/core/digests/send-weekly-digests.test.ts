import assert from 'node:assert/strict';
import type { Digest } from '../../../../src/core/digests/digest';
import {
  DIGEST_NOTICE_KINDS,
  sendWeeklyDigests,
  type WeeklyDigestDeps,
} from '../../../../src/core/digests/send-weekly-digests';
import type { Notice, NoticeRecipient, Notifier } from '../../../../src/core/ports/notifier';
import {
  createDigestProgramme,
  DIGEST_FACILITATORS,
  digestTeams,
  emptyFollowUpFigures,
  FixedDigestSource,
} from '../../../support/digest-fixtures';
import {
  InMemoryProgrammeStore,
  InMemoryProgrammeTeamStore,
  RecordingNotifier,
} from '../../../support/follow-up-fakes';

const LAB = ['0b7e8f9a-1c2d-4e3f-9a8b-7c6d5e4f3a2b'];

async function setUp(day: string, options: Partial<WeeklyDigestDeps> = {}) {
  const programmes = new InMemoryProgrammeStore();
  await programmes.save(createDigestProgramme());
  // Not under way: before its call, and long finished.
  await programmes.save(
    createDigestProgramme({
      id: 'defi-next',
      milestones: {
        ...createDigestProgramme().milestones,
        candidacyOpen: '2027-03-01',
        candidacyClose: '2027-04-02',
        selectionCommittee: '2027-04-20',
        kickOff: '2027-05-12',
        hackathonStart: '2027-06-24',
        hackathonEnd: '2027-06-25',
        followUpStart: '2027-09-01',
        decemberReview: '2027-12-09',
        marchReview: '2028-03-09',
        end: '2028-03-31',
      },
    }),
  );
  const teams = new InMemoryProgrammeTeamStore();
  await teams.replaceAll('defi-digest', digestTeams());
  const notifier = new RecordingNotifier();
  const deps: WeeklyDigestDeps = {
    source: new FixedDigestSource({ followUp: emptyFollowUpFigures({ teams: 3 }) }),
    clock: { now: () => new Date(`${day}T08:00:00.000Z`) },
    programmes,
    teams,
    notifier,
    labChannelId: '19:lab@thread.tacv2',
    labAdminIds: LAB,
    ...options,
  };
  return { deps, notifier };
}

const digestOf = (notice: Notice): Digest => (notice.data as { digest: Digest }).digest;

describe('sendWeeklyDigests', () => {
  it('posts the digest of each programme under way in the Lab channel, keyed by week', async () => {
    const { deps, notifier } = await setUp('2026-03-30');
    const report = await sendWeeklyDigests(deps, '2026-03-30');
    assert.deepEqual(report, { programmes: 1, lab: 1, facilitators: 0, undeliverable: 0 });
    assert.equal(notifier.calls.length, 1);
    const [call] = notifier.calls;
    assert.equal(call?.key, 'digest:2026-03-30:defi-digest/lab');
    assert.deepEqual(call?.recipient, {
      kind: 'conversation',
      conversationId: '19:lab@thread.tacv2',
    });
    assert.equal(call?.notice.kind, DIGEST_NOTICE_KINDS.lab);
    assert.deepEqual(
      digestOf(call.notice).sections.map((s) => s.kind),
      ['call'],
    );
  });

  it('queues nothing new when the week runs again', async () => {
    const { deps, notifier } = await setUp('2026-11-23');
    await sendWeeklyDigests(deps, '2026-11-23');
    const first = notifier.calls.length;
    await sendWeeklyDigests(deps, '2026-11-23');
    assert.equal(notifier.calls.length, first);
  });

  it('without a Lab channel, sends the digest to each Lab member in personal chat', async () => {
    const { deps, notifier } = await setUp('2026-03-30', { labChannelId: undefined });
    await sendWeeklyDigests(deps, '2026-03-30');
    assert.deepEqual(
      notifier.calls.map((c) => [c.key, c.recipient]),
      [[`digest:2026-03-30:defi-digest/lab-${LAB[0]}`, { kind: 'user', aadId: LAB[0] }]],
    );
  });

  it('gives each facilitator a digest of their own teams during the follow-up', async () => {
    const { deps, notifier } = await setUp('2026-11-23');
    const report = await sendWeeklyDigests(deps, '2026-11-23');
    assert.deepEqual(report, { programmes: 1, lab: 1, facilitators: 4, undeliverable: 0 });
    const facilitators = notifier.calls.filter(
      (c) => c.notice.kind === DIGEST_NOTICE_KINDS.facilitator,
    );
    assert.deepEqual(
      facilitators.map((c) => c.recipient),
      Object.values(DIGEST_FACILITATORS).map((aadId) => ({ kind: 'user', aadId })),
    );
    assert.equal(facilitators[0]?.key, 'digest:2026-11-23:defi-digest/facilitator-fac-1');
    const mine = digestOf(facilitators[0].notice);
    assert.equal(mine.facilitatorAadId, 'fac-1');
    const source = deps.source as FixedDigestSource;
    assert.deepEqual(
      source.calls.map((c) => (c.args[0] as { facilitatorAadId?: string }).facilitatorAadId),
      [undefined, 'fac-1', 'fac-2', 'fac-3', 'fac-4'],
    );
  });

  it('carries on past a recipient it cannot reach, and reports it', async () => {
    const failing: Notifier = {
      notify: (key: string, recipient: NoticeRecipient) =>
        recipient.kind === 'user' && recipient.aadId === 'fac-2'
          ? Promise.reject(new Error('no personal chat'))
          : Promise.resolve(),
    };
    const { deps } = await setUp('2026-11-23', { notifier: failing });
    assert.deepEqual(await sendWeeklyDigests(deps, '2026-11-23'), {
      programmes: 1,
      lab: 1,
      facilitators: 3,
      undeliverable: 1,
    });
  });

  it('fails the week when nothing could be queued, so the scheduler tries again', async () => {
    const down: Notifier = { notify: () => Promise.reject(new Error('database down')) };
    const { deps } = await setUp('2026-11-23', { notifier: down });
    await assert.rejects(sendWeeklyDigests(deps, '2026-11-23'), /database down/);
  });
});
