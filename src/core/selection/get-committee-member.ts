import type { CommitteeMember, Programme } from '../programmes/programme';

/** The programme's committee member with this Entra object id, if any (ids compared case-insensitively). */
export function getCommitteeMember(
  programme: Programme,
  aadId: string,
): CommitteeMember | undefined {
  return (programme.committee ?? []).find(
    (member) => member.aadId.toLowerCase() === aadId.toLowerCase(),
  );
}
