import assert from 'node:assert/strict';
import { saveCandidacyDraft } from '../../../../src/core/candidacies/save-candidacy-draft';
import { submitCandidacy } from '../../../../src/core/candidacies/submit-candidacy';
import { getCandidacyForm } from '../../../../src/core/candidacies/get-candidacy-form';
import {
  applicant,
  createTestProgramme,
  individualFields,
} from '../../../support/candidacy-programme';
import { createCandidacyTestKit } from '../../../support/candidacy-fakes';

describe('submitCandidacy', () => {
  const programme = createTestProgramme();

  it('stores a valid candidacy as submitted and replaces the applicant’s draft', async () => {
    const kit = createCandidacyTestKit();
    await saveCandidacyDraft(kit.deps, {
      programme,
      applicant: applicant(1),
      fields: { motivation: 'brouillon' },
    });
    const outcome = await submitCandidacy(kit.deps, {
      programme,
      applicant: applicant(1),
      fields: individualFields(),
    });
    assert.ok(outcome.ok);
    assert.equal(outcome.value.status, 'submitted');
    assert.equal(outcome.value.seatCount, 1);
    assert.equal(kit.store.candidacies.size, 1);
    assert.equal(kit.store.drafts.size, 0);
  });

  it('stores nothing from an invalid submission and returns the issues by field', async () => {
    const kit = createCandidacyTestKit();
    const outcome = await submitCandidacy(kit.deps, {
      programme,
      applicant: applicant(1),
      fields: individualFields({ motivation: '', consent: '' }),
    });
    assert.ok(!outcome.ok);
    assert.equal(outcome.refusal.code, 'invalid');
    assert.deepEqual(
      outcome.refusal.issues?.map((i) => i.path[0]),
      ['motivation'],
    );
    assert.equal(kit.store.candidacies.size, 0);
  });

  it('accepts a submission late on the closing day in Paris and refuses it the day after', async () => {
    // 23:30 in Paris on 3 April 2026 (summer time, UTC+2) is still the closing day.
    const kit = createCandidacyTestKit({ now: '2026-04-03T21:30:00.000Z' });
    const input = { programme, applicant: applicant(1), fields: individualFields() };
    assert.ok((await submitCandidacy(kit.deps, input)).ok);
    kit.clock.set('2026-04-03T22:00:00.000Z');
    const late = await submitCandidacy(kit.deps, input);
    assert.deepEqual(late, {
      ok: false,
      refusal: { code: 'callClosed', params: { closeDay: '2026-04-03' } },
    });
  });

  it('refuses submissions before the call opens', async () => {
    const kit = createCandidacyTestKit({ now: '2026-03-01T12:00:00.000Z' });
    const outcome = await submitCandidacy(kit.deps, {
      programme,
      applicant: applicant(1),
      fields: individualFields(),
    });
    assert.equal(outcome.ok ? '' : outcome.refusal.code, 'callNotOpen');
  });

  it('lets the applicant edit their candidacy until closing, keeping its place in line', async () => {
    const kit = createCandidacyTestKit();
    const first = await submitCandidacy(kit.deps, {
      programme,
      applicant: applicant(1),
      fields: individualFields(),
    });
    kit.clock.set('2026-03-25T09:00:00.000Z');
    const edited = await submitCandidacy(kit.deps, {
      programme,
      applicant: applicant(1),
      fields: individualFields({ motivation: 'Nouvelle motivation' }),
    });
    assert.ok(first.ok && edited.ok);
    assert.equal(edited.value.id, first.value.id);
    assert.equal(edited.value.submittedAt.toISOString(), first.value.submittedAt.toISOString());
    assert.equal(
      edited.value.answers.mode === 'individual' && edited.value.answers.motivation,
      'Nouvelle motivation',
    );
  });

  it('shows the form read-only after closing, saying why', async () => {
    const kit = createCandidacyTestKit({ now: '2026-04-04T08:00:00.000Z' });
    const state = await getCandidacyForm(kit.deps, { programme, applicant: applicant(1) });
    assert.equal(state.callStatus, 'closed');
    assert.deepEqual(state.readOnly, { code: 'callClosed', params: { closeDay: '2026-04-03' } });
  });

  it('refuses to save a draft after closing', async () => {
    const kit = createCandidacyTestKit({ now: '2026-04-04T08:00:00.000Z' });
    const outcome = await saveCandidacyDraft(kit.deps, {
      programme,
      applicant: applicant(1),
      fields: { motivation: 'trop tard' },
    });
    assert.equal(outcome.ok ? '' : outcome.refusal.code, 'callClosed');
  });

  it('keeps a draft exactly as typed, invalid values included, and only known fields', async () => {
    const kit = createCandidacyTestKit();
    await saveCandidacyDraft(kit.deps, {
      programme,
      applicant: applicant(1),
      fields: { motivation: 'a'.repeat(2500), themeWish1: 'qvt', verb: 'candidacy.saveDraft' },
    });
    const state = await getCandidacyForm(kit.deps, { programme, applicant: applicant(1) });
    assert.equal(state.readOnly, undefined);
    assert.deepEqual(Object.keys(state.draft?.fields ?? {}).sort(), ['motivation', 'themeWish1']);
  });

  it('asks the named manager for an endorsement when the programme requires one', async () => {
    const kit = createCandidacyTestKit({
      directory: { 'manager@caf.fr': { aadId: 'manager-aad', name: 'Manager' } },
    });
    const withEndorsement = createTestProgramme({ endorsementRequired: true });
    const outcome = await submitCandidacy(kit.deps, {
      programme: withEndorsement,
      applicant: applicant(1),
      fields: individualFields(),
    });
    assert.ok(outcome.ok);
    assert.equal(outcome.value.endorsement?.status, 'pending');
    const requests = kit.notifier.ofKind('candidacy.endorsementRequest');
    assert.equal(requests.length, 1);
    assert.deepEqual(requests[0]?.recipient, { kind: 'user', aadId: 'manager-aad' });
    // Editing the motivation keeps the pending request rather than asking again.
    await submitCandidacy(kit.deps, {
      programme: withEndorsement,
      applicant: applicant(1),
      fields: individualFields({ motivation: 'Autre motivation' }),
    });
    assert.equal(kit.notifier.ofKind('candidacy.endorsementRequest').length, 1);
  });

  describe('in team mode', () => {
    const teams = createTestProgramme({
      intakeMode: 'team',
      teamIntake: { minTeamSize: 2, teamsPerOrganisation: 1 },
      seats: 20,
      maxPerOrganisation: 10,
    });
    const teamFields = {
      organisationId: 'cpam-sarthe',
      teamName: 'Équipe',
      memberEmails: 'x@cpam.fr, y@cpam.fr',
      projectIdea: 'Une idée',
      sponsor: 'La direction',
      consent: 'true',
    };

    it('takes one seat per team member', async () => {
      const kit = createCandidacyTestKit();
      const outcome = await submitCandidacy(kit.deps, {
        programme: teams,
        applicant: applicant(1),
        fields: teamFields,
      });
      assert.ok(outcome.ok);
      assert.equal(outcome.value.seatCount, 3);
    });

    it('refuses a second team from the same organisation unless the programme allows more', async () => {
      const kit = createCandidacyTestKit();
      await submitCandidacy(kit.deps, {
        programme: teams,
        applicant: applicant(1),
        fields: teamFields,
      });
      const second = await submitCandidacy(kit.deps, {
        programme: teams,
        applicant: applicant(2),
        fields: teamFields,
      });
      assert.deepEqual(second, {
        ok: false,
        refusal: {
          code: 'teamQuotaReached',
          params: { organisation: 'Cpam de la Sarthe', max: 1 },
        },
      });
      const allowingTwo = { ...teams, teamIntake: { minTeamSize: 2, teamsPerOrganisation: 2 } };
      const allowed = await submitCandidacy(kit.deps, {
        programme: allowingTwo,
        applicant: applicant(2),
        fields: teamFields,
      });
      assert.ok(allowed.ok);
    });

    it('never lets two referents racing both take the organisation’s only team place', async () => {
      const kit = createCandidacyTestKit();
      const outcomes = await Promise.all(
        [1, 2].map((n) =>
          submitCandidacy(kit.deps, {
            programme: teams,
            applicant: applicant(n),
            fields: teamFields,
          }),
        ),
      );
      assert.equal(outcomes.filter((o) => o.ok).length, 1);
      assert.equal(kit.store.candidacies.size, 1);
    });
  });
});
