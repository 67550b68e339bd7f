import type { TeamLock } from '../team-formation/team-formation';
import type { FormationDraft } from './formation-draft';

/** A change an organiser asks for on the preview. */
export type FormationEdit =
  | { kind: 'swap'; a: string; b: string }
  | { kind: 'move'; person: string; team: number }
  | { kind: 'lock'; person: string }
  | { kind: 'unlock'; person: string };

/** Why an edit makes no sense before the hard rules are even checked. */
export type EditRefusal = 'unknown-person' | 'unknown-team' | 'same-team';

/**
 * Applies an edit to the draft's assignment and locks; the caller then re-evaluates the draft
 * with everyone locked, which refuses any edit that breaks a hard rule and says why.
 */
export function applyFormationEdit(
  draft: FormationDraft,
  edit: FormationEdit,
): { ok: true; draft: FormationDraft } | { ok: false; refusal: EditRefusal } {
  const teamOf = new Map(draft.assignment.map((a) => [a.person, a.team]));
  const known = (person: string): boolean => teamOf.has(person);
  const withAssignment = (assignment: TeamLock[], userLocks = draft.userLocks): FormationDraft => ({
    ...draft,
    assignment,
    userLocks,
  });
  switch (edit.kind) {
    case 'swap': {
      if (!known(edit.a) || !known(edit.b)) return { ok: false, refusal: 'unknown-person' };
      const ta = teamOf.get(edit.a)!;
      const tb = teamOf.get(edit.b)!;
      if (ta === tb) return { ok: false, refusal: 'same-team' };
      const assignment = draft.assignment.map((a) =>
        a.person === edit.a ? { ...a, team: tb } : a.person === edit.b ? { ...a, team: ta } : a,
      );
      // A locked person who is swapped stays locked, in their new team.
      const userLocks = draft.userLocks.map((l) =>
        l.person === edit.a ? { ...l, team: tb } : l.person === edit.b ? { ...l, team: ta } : l,
      );
      return { ok: true, draft: withAssignment(assignment, userLocks) };
    }
    case 'move': {
      if (!known(edit.person)) return { ok: false, refusal: 'unknown-person' };
      if (edit.team < 0 || edit.team >= draft.teamCount)
        return { ok: false, refusal: 'unknown-team' };
      if (teamOf.get(edit.person) === edit.team) return { ok: false, refusal: 'same-team' };
      const assignment = draft.assignment.map((a) =>
        a.person === edit.person ? { ...a, team: edit.team } : a,
      );
      const userLocks = draft.userLocks.map((l) =>
        l.person === edit.person ? { ...l, team: edit.team } : l,
      );
      return { ok: true, draft: withAssignment(assignment, userLocks) };
    }
    case 'lock': {
      if (!known(edit.person)) return { ok: false, refusal: 'unknown-person' };
      const userLocks = [
        ...draft.userLocks.filter((l) => l.person !== edit.person),
        { person: edit.person, team: teamOf.get(edit.person)! },
      ];
      return { ok: true, draft: withAssignment(draft.assignment, userLocks) };
    }
    case 'unlock':
      if (!known(edit.person)) return { ok: false, refusal: 'unknown-person' };
      return {
        ok: true,
        draft: withAssignment(
          draft.assignment,
          draft.userLocks.filter((l) => l.person !== edit.person),
        ),
      };
  }
}
