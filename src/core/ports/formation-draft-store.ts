import type { FormationDraft } from '../formation/formation-draft';

/** Keeps the formation an organiser is editing, one per programme, until it is confirmed. */
export interface FormationDraftStore {
  save(draft: FormationDraft): Promise<void>;
  get(programmeId: string): Promise<FormationDraft | undefined>;
  delete(programmeId: string): Promise<void>;
}
