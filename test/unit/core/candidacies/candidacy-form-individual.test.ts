import assert from 'node:assert/strict';
import type { IndividualAnswers } from '../../../../src/core/candidacies/candidacy';
import { validateCandidacyForm } from '../../../../src/core/candidacies/candidacy-form';
import type { Programme } from '../../../../src/core/programmes/programme';
import {
  applicant,
  createTestProgramme,
  individualFields,
} from '../../../support/candidacy-programme';

/** The form of an individual programme, its answers read as an individual's. */
function validateIndividualForm(fields: Record<string, unknown>, programme: Programme) {
  const result = validateCandidacyForm(fields, programme, applicant(1));
  return result.ok ? { ...result, answers: result.answers as IndividualAnswers } : result;
}

function issuesOf(fields: Record<string, unknown>, programme = createTestProgramme()) {
  const result = validateIndividualForm(fields, programme);
  return result.ok ? [] : result.issues.map((issue) => [issue.path.join('.'), issue.code]);
}

describe('validateCandidacyForm, individual', () => {
  it('accepts a complete form and keeps the ranked wishes in order', () => {
    const result = validateIndividualForm(individualFields(), createTestProgramme());
    assert.ok(result.ok);
    assert.equal(result.organisationId, 'caf-guyane');
    assert.deepEqual(result.answers.themeWishes, ['qvt', 'deconnexion']);
    assert.equal(result.answers.availableForHackathon, true);
    assert.equal(result.answers.managerEmail, 'manager@caf.fr');
  });

  it('reports every missing required field at once, keyed by field id', () => {
    assert.deepEqual(issuesOf({}), [
      ['organisationId', 'required'],
      ['jobRole', 'required'],
      ['region', 'required'],
      ['motivation', 'required'],
      ['themeWish1', 'required'],
    ]);
  });

  it('refuses a motivation over 2,000 characters, counting characters rather than code units', () => {
    assert.deepEqual(issuesOf(individualFields({ motivation: 'a'.repeat(2001) })), [
      ['motivation', 'tooLong'],
    ]);
    // 2,000 emoji are 4,000 UTF-16 code units but 2,000 characters.
    assert.deepEqual(issuesOf(individualFields({ motivation: '🙂'.repeat(2000) })), []);
  });

  it('refuses an organisation outside the programme and an unknown job role', () => {
    assert.deepEqual(issuesOf(individualFields({ organisationId: 'urssaf-idf', jobRole: 'ceo' })), [
      ['organisationId', 'choice'],
      ['jobRole', 'choice'],
    ]);
  });

  it('refuses a repeated theme wish and a theme the programme does not offer', () => {
    assert.deepEqual(issuesOf(individualFields({ themeWish2: 'qvt', themeWish3: 'cuisine' })), [
      ['themeWish2', 'duplicate'],
      ['themeWish3', 'choice'],
    ]);
  });

  it('asks for no consent: the legal basis is a public service mission, the notice is shown', () => {
    assert.deepEqual(issuesOf(individualFields({ consent: 'false' })), []);
    assert.deepEqual(issuesOf(individualFields({ notice: '' })), []);
  });

  it('requires a valid manager email only when the programme asks for endorsement', () => {
    assert.deepEqual(issuesOf(individualFields({ managerEmail: '' })), []);
    assert.deepEqual(
      issuesOf(
        individualFields({ managerEmail: '' }),
        createTestProgramme({ endorsementRequired: true }),
      ),
      [['managerEmail', 'required']],
    );
    assert.deepEqual(issuesOf(individualFields({ managerEmail: 'not-an-email' })), [
      ['managerEmail', 'email'],
    ]);
  });
});
