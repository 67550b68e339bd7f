import { isLive } from '../candidacies/candidacy';
import type { CandidacyDeps } from '../candidacies/candidacy-deps';
import { checkLength } from '../candidacies/candidacy-form';
import { getOrganisationName, type Programme } from '../programmes/programme';
import { refuse, type Outcome } from '../candidacies/refusal';
import type { Score } from '../ports/score-store';
import type { ValidationIssue } from '../validation/validation-issue';
import { getCommitteeMember, getCriteria, toScoreFieldId } from './committee';

/** The scale of every criterion, from the committee's rules: 1 (weak) to 5 (excellent). */
export const SCORE_MIN = 1;
export const SCORE_MAX = 5;
/** Longest comment a committee member writes with a score. */
export const SCORE_COMMENT_MAX_LENGTH = 1_000;
/** The card field id of the comment. */
export const SCORE_COMMENT_FIELD = 'comment';

/** A committee member's scores from the scoring card, fields as sent. */
export interface ScoreCandidacyInput {
  programme: Programme;
  memberAadId: string;
  candidacyId: string;
  fields: Record<string, unknown>;
}

/**
 * Records a committee member's scores (1 to 5 per criterion) and comment on a candidacy, with an
 * audit entry. Refused to anyone outside the committee, and always for a candidacy from the
 * member's own organisation (conflict of interest).
 */
export async function scoreCandidacy(
  deps: CandidacyDeps,
  input: ScoreCandidacyInput,
): Promise<Outcome<Score>> {
  const { programme, fields } = input;
  const member = getCommitteeMember(programme, input.memberAadId);
  if (member === undefined) return refuse('forbidden');
  const candidacy = await deps.candidacies.get(input.candidacyId);
  if (candidacy === undefined || candidacy.programmeId !== programme.id) return refuse('notFound');
  if (candidacy.organisationId === member.organisationId) {
    return refuse('conflictOfInterest', {
      organisation: getOrganisationName(programme, member.organisationId),
    });
  }
  if (!isLive(candidacy)) return refuse('notEditable', { status: candidacy.status });

  const issues: ValidationIssue[] = [];
  const values: Record<string, number> = {};
  for (const criterion of getCriteria(programme)) {
    const id = toScoreFieldId(criterion.id);
    const raw = fields[id];
    const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
    if (text === '') {
      issues.push({ path: [id], code: 'required', params: {} });
    } else if (!/^\d+$/.test(text)) {
      issues.push({ path: [id], code: 'integer', params: {} });
    } else if (Number(text) < SCORE_MIN) {
      issues.push({ path: [id], code: 'min', params: { min: SCORE_MIN } });
    } else if (Number(text) > SCORE_MAX) {
      issues.push({ path: [id], code: 'max', params: { max: SCORE_MAX } });
    } else {
      values[criterion.id] = Number(text);
    }
  }
  const rawComment = fields[SCORE_COMMENT_FIELD];
  const comment = typeof rawComment === 'string' ? rawComment.trim() : '';
  checkLength(SCORE_COMMENT_FIELD, comment, SCORE_COMMENT_MAX_LENGTH, issues);
  if (issues.length > 0) return refuse('invalid', { count: issues.length }, issues);

  const now = deps.clock.now();
  const score: Score = {
    programmeId: programme.id,
    candidacyId: candidacy.id,
    memberAadId: member.aadId,
    values,
    comment,
    scoredAt: now,
  };
  await deps.scores.save(score, {
    at: now,
    actor: member.aadId,
    action: 'candidacy.score',
    programmeId: programme.id,
    subjectId: candidacy.id,
    details: { values },
  });
  return { ok: true, value: score };
}
