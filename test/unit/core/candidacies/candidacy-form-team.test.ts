import assert from 'node:assert/strict';
import type { Applicant, TeamAnswers } from '../../../../src/core/candidacies/candidacy';
import { validateCandidacyForm } from '../../../../src/core/candidacies/candidacy-form';
import type { Programme } from '../../../../src/core/programmes/programme';
import { applicant, createTestProgramme } from '../../../support/candidacy-programme';

/** The form of a team programme, its answers read as a team's and its seats as the team's size. */
function validateTeamForm(
  fields: Record<string, unknown>,
  programme: Programme,
  referent: Applicant,
) {
  const result = validateCandidacyForm(fields, programme, referent);
  return result.ok
    ? { ...result, answers: result.answers as TeamAnswers, teamSize: result.seatCount }
    : result;
}

const programme = createTestProgramme({
  intakeMode: 'team',
  teamIntake: { minTeamSize: 4, teamsPerOrganisation: 1 },
});

const teamFields = (overrides: Record<string, unknown> = {}) => ({
  organisationId: 'cpam-sarthe',
  teamName: 'Les Sarthois',
  members: `${applicant(2).aadId},${applicant(3).aadId}`,
  memberEmails: 'a.durand@assurance-maladie.fr;\nb.petit@assurance-maladie.fr',
  projectIdea: 'Un parcours d’accueil des nouveaux arrivants.',
  sponsor: 'Marie Dupont, directrice',
  consent: 'true',
  ...overrides,
});

describe('validateCandidacyForm, team', () => {
  it('counts the referent and every distinct member, from the people picker and the emails', () => {
    const result = validateTeamForm(
      teamFields({ members: `${applicant(2).aadId},${applicant(1).aadId},${applicant(2).aadId}` }),
      programme,
      applicant(1),
    );
    assert.ok(result.ok);
    // Referent + applicant 2 + two emails; the referent and the repeat are not counted twice.
    assert.equal(result.teamSize, 4);
    assert.deepEqual(result.answers.members, [
      { kind: 'user', aadId: applicant(2).aadId },
      { kind: 'email', email: 'a.durand@assurance-maladie.fr' },
      { kind: 'email', email: 'b.petit@assurance-maladie.fr' },
    ]);
  });

  it('refuses a team smaller than the programme minimum, naming the size', () => {
    const result = validateTeamForm(teamFields({ memberEmails: '' }), programme, applicant(1));
    assert.ok(!result.ok);
    assert.deepEqual(result.issues, [
      { path: ['members'], code: 'teamSize', params: { min: 4, count: 3 } },
    ]);
  });

  it('refuses a malformed member email and requires the idea and the sponsor, not consent', () => {
    const result = validateTeamForm(
      teamFields({ memberEmails: 'pas-un-email', projectIdea: ' ', sponsor: '', consent: 'false' }),
      programme,
      applicant(1),
    );
    assert.ok(!result.ok);
    assert.deepEqual(
      result.issues.map((i) => [i.path[0], i.code]),
      [
        ['memberEmails', 'email'],
        ['members', 'teamSize'],
        ['projectIdea', 'required'],
        ['sponsor', 'required'],
      ],
    );
  });
});
