import type { Absence } from '../follow-up/absences';

/** Persistence of declared absences: one per person, the latest declaration wins. */
export interface AbsenceStore {
  set(absence: Absence): Promise<void>;
  /** Ends an absence early ("je suis de retour"); no-op when there is none. */
  clear(aadId: string): Promise<void>;
  get(aadId: string): Promise<Absence | undefined>;
}
