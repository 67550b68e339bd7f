import assert from 'node:assert/strict';
import { submitCandidacy } from '../../src/core/candidacies/submit-candidacy';
import type { Programme } from '../../src/core/programmes/programme';
import type { CandidacyTestKit } from './candidacy-fakes';
import { applicant, createTestProgramme, individualFields } from './candidacy-programme';

/** Submits one individual candidacy per organisation id given, applicants numbered from 1; returns their ids. */
export async function submitCandidacies(
  kit: CandidacyTestKit,
  organisations: string[],
  programme: Programme = createTestProgramme(),
): Promise<string[]> {
  const ids: string[] = [];
  for (const [index, organisationId] of organisations.entries()) {
    const outcome = await submitCandidacy(kit.deps, {
      programme,
      applicant: applicant(index + 1),
      fields: individualFields({ organisationId }),
    });
    assert.ok(outcome.ok, JSON.stringify(outcome));
    ids.push(outcome.value.id);
  }
  return ids;
}
