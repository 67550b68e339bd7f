import type { Candidacy } from '../candidacies/candidacy';
import type { CandidacyDeps } from '../candidacies/candidacy-deps';
import { getOrganisationName, type Programme } from '../programmes/programme';
import { refuse, type Outcome } from '../candidacies/refusal';
import type { Person } from '../people/role';
import type { DecisionRecord } from '../ports/candidacy-store';
import type { Score } from '../ports/score-store';
import { getViewerScope } from './get-viewer-scope';

/** A candidacy as the Lab team or a committee member sees it. */
export interface CandidacyDetail {
  candidacy: Candidacy;
  /** The Lab team sees every score; a committee member only their own. */
  scores: Score[];
  decisions: DecisionRecord[];
  /** True when the viewer may score it (committee member, other organisation, still live). */
  canScore: boolean;
  canDecide: boolean;
}

/**
 * One candidacy's detail; a committee member cannot open one from their own organisation, and
 * each of their views is recorded in the audit trail (a read of someone's personal data).
 */
export async function getCandidacyDetail(
  deps: Pick<CandidacyDeps, 'candidacies' | 'scores' | 'audit' | 'clock'>,
  input: { programme: Programme; viewer: Person; candidacyId: string },
): Promise<Outcome<CandidacyDetail>> {
  const { programme, viewer } = input;
  const scope = getViewerScope(programme, viewer);
  if (scope.kind === 'none') return refuse('forbidden');
  const candidacy = await deps.candidacies.get(input.candidacyId);
  if (candidacy === undefined || candidacy.programmeId !== programme.id) return refuse('notFound');
  if (scope.kind === 'committee' && candidacy.organisationId === scope.organisationId) {
    return refuse('conflictOfInterest', {
      organisation: getOrganisationName(programme, scope.organisationId),
    });
  }
  if (scope.kind === 'committee') {
    await deps.audit.append({
      at: deps.clock.now(),
      actor: viewer.aadId,
      action: 'candidacy.view',
      programmeId: programme.id,
      subjectId: candidacy.id,
      details: {},
    });
  }
  const scores = (await deps.scores.listForCandidacy(candidacy.id)).filter(
    (score) =>
      scope.kind === 'lab' || score.memberAadId.toLowerCase() === viewer.aadId.toLowerCase(),
  );
  const live = ['submitted', 'waitlisted', 'accepted', 'confirmed'].includes(candidacy.status);
  return {
    ok: true,
    value: {
      candidacy,
      scores,
      decisions: await deps.candidacies.listDecisions(candidacy.id),
      canScore:
        live &&
        (programme.committee ?? []).some(
          (m) =>
            m.aadId.toLowerCase() === viewer.aadId.toLowerCase() &&
            m.organisationId !== candidacy.organisationId,
        ),
      canDecide: scope.kind === 'lab' && !['withdrawn', 'lapsed'].includes(candidacy.status),
    },
  };
}
