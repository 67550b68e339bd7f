import type { ProgrammeStore } from '../core/ports/programme-store';
import type { Programme } from '../core/programmes/programme';
import demoProgramme from './demo-programme.json';

/** The demo edition: the 2022 shape (39 seats, 10 organisations) on this year's calendar. */
export const DEMO_PROGRAMME = demoProgramme as Programme;

/** Saves the demo programme unless a programme with its id exists; returns whether it was added. */
export async function seedDemoProgramme(store: ProgrammeStore): Promise<boolean> {
  if ((await store.get(DEMO_PROGRAMME.id)) !== undefined) return false;
  await store.save(DEMO_PROGRAMME);
  return true;
}
