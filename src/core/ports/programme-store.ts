import type { Programme } from '../programmes/programme';

/** Persistence of programmes. */
export interface ProgrammeStore {
  /** Inserts or replaces a programme by id. */
  save(programme: Programme): Promise<void>;
  get(id: string): Promise<Programme | undefined>;
  /** All programmes, most recent candidacy opening first. */
  list(): Promise<Programme[]>;
}
