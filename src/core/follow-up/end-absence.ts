import type { AbsenceStore } from '../ports/absence-store';

/** "Je suis de retour": reminders to the person resume at once; true when an absence was ended. */
export async function endAbsence(
  deps: { absences: AbsenceStore },
  aadId: string,
): Promise<boolean> {
  const existing = await deps.absences.get(aadId);
  if (existing === undefined) return false;
  await deps.absences.clear(aadId);
  return true;
}
