import assert from 'node:assert/strict';
import type { Candidacy } from '../../../../src/core/candidacies/candidacy';
import type { Programme } from '../../../../src/core/programmes/programme';
import type { ProgrammeTeam } from '../../../../src/core/programmes/programme-team';
import {
  notifySponsorOfReview,
  type ReviewOutcomeForSponsor,
} from '../../../../src/core/selection/notify-sponsor';
import { DEMO_PROGRAMME } from '../../../../src/demo/seed-demo-programme';
import { createCandidacyTestKit } from '../../../support/candidacy-fakes';

const REFERENT = { aadId: 'AAAA0001-0000-4000-8000-000000000001', name: 'Camille Martin' };
const SPONSOR = { aadId: 'aaaa0002-0000-4000-8000-000000000002', name: 'Anne Vidal' };
const SPONSOR_EMAIL = 'anne.vidal@cnaf.fr';
const AT = new Date('2026-05-01T09:00:00.000Z');

const programme: Programme = { ...DEMO_PROGRAMME, intakeMode: 'team' };

function teamCandidacy(overrides: Partial<Candidacy> = {}): Candidacy {
  return {
    id: 'cand-team-1',
    programmeId: programme.id,
    mode: 'team',
    applicant: REFERENT,
    organisationId: programme.organisations[0]!.id,
    status: 'confirmed',
    answers: {
      mode: 'team',
      teamName: 'Les Fidèles',
      members: [],
      projectIdea: 'Un parcours d’accueil.',
      sponsor: 'Anne Vidal, directrice des ressources humaines',
      sponsorEmail: SPONSOR_EMAIL,
      availableForKickOff: true,
      availableForHackathon: true,
    },
    seatCount: 6,
    endorsement: null,
    consentAt: AT,
    submittedAt: AT,
    updatedAt: AT,
    decidedAt: AT,
    decidedBy: 'lab',
    waitlistedAt: null,
    confirmBy: null,
    confirmedAt: AT,
    ...overrides,
  };
}

/** The programme team the candidacy became: kept as proposed, its referent (any case) as lead. */
const team: ProgrammeTeam = {
  id: 'team-1',
  programmeId: programme.id,
  number: 1,
  name: 'Les Fidèles',
  leadAadId: REFERENT.aadId.toLowerCase(),
  members: [{ aadId: REFERENT.aadId, name: REFERENT.name, organisationId: 'cnaf' }],
  facilitators: [],
};

const OUTCOME: ReviewOutcomeForSponsor = {
  review: 'december',
  decision: 'adjust',
  nextSteps: 'Tester le parcours avec les recrues de janvier.',
  owner: 'La DRH',
  revision: 1,
};

async function kitWith(candidacy: Candidacy | undefined) {
  const kit = createCandidacyTestKit({ directory: { [SPONSOR_EMAIL]: SPONSOR } });
  if (candidacy !== undefined) {
    await kit.store.transact(programme.id, () => ({ save: [candidacy], result: undefined }));
  }
  return kit;
}

describe('the sponsor hears of the review outcome of the team they sponsor', () => {
  it('sends the outcome to the sponsor the team candidacy names, once per revision', async () => {
    const kit = await kitWith(teamCandidacy());
    assert.equal(await notifySponsorOfReview(kit.deps, programme, team, OUTCOME), true);
    assert.equal(await notifySponsorOfReview(kit.deps, programme, team, OUTCOME), true);
    const sent = kit.notifier.ofKind('selection.sponsorReview');
    assert.equal(sent.length, 1, 'the same outcome is told once');
    assert.deepEqual(sent[0]!.recipient, { kind: 'user', aadId: SPONSOR.aadId });
    assert.equal(sent[0]!.notice.data.decision, 'adjust');
    assert.equal(sent[0]!.notice.data.teamName, 'Les Fidèles');
    // A corrected outcome is told again.
    await notifySponsorOfReview(kit.deps, programme, team, { ...OUTCOME, revision: 2 });
    assert.equal(kit.notifier.ofKind('selection.sponsorReview').length, 2);
  });

  it('tells nobody when the team has no sponsor address, no candidacy, or is not in team mode', async () => {
    const noAddress = teamCandidacy();
    if (noAddress.answers.mode === 'team') delete noAddress.answers.sponsorEmail;
    for (const [name, candidacy, inProgramme] of [
      ['no address', noAddress, programme],
      ['withdrawn candidacy', teamCandidacy({ status: 'withdrawn' }), programme],
      ['another referent', teamCandidacy({ applicant: SPONSOR }), programme],
      ['no candidacy', undefined, programme],
      ['individual mode', teamCandidacy(), { ...programme, intakeMode: 'individual' }],
    ] as const) {
      const kit = await kitWith(candidacy);
      assert.equal(
        await notifySponsorOfReview(kit.deps, inProgramme as Programme, team, OUTCOME),
        false,
        name,
      );
      assert.equal(kit.notifier.calls.length, 0, name);
    }
  });

  it('does not write to a sponsor the directory does not know', async () => {
    const kit = createCandidacyTestKit();
    await kit.store.transact(programme.id, () => ({ save: [teamCandidacy()], result: undefined }));
    assert.equal(await notifySponsorOfReview(kit.deps, programme, team, OUTCOME), false);
    assert.equal(kit.notifier.calls.length, 0);
  });
});
