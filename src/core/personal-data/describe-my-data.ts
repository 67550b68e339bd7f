import type { PersonalDataSnapshot } from '../ports/personal-data-store';
import {
  PERSONAL_DATA_CATEGORIES,
  PERSONAL_DATA_REGISTER,
  type PersonalDataCategory,
  type RetentionRule,
} from './personal-data-register';
import type { PersonalDataDeps } from './personal-data-deps';

/** One line of the "my data" card: a category, how many records, and how long each is kept. */
export interface MyDataLine {
  category: PersonalDataCategory;
  count: number;
  retentions: RetentionRule[];
}

/**
 * What the bot holds about the sender, by category (all of them, empty ones too, so the person
 * sees what could be held), and records that they looked.
 */
export async function describeMyData(
  deps: Pick<PersonalDataDeps, 'store' | 'audit' | 'clock'>,
  input: { aadId: string },
): Promise<MyDataLine[]> {
  const person = (await deps.store.findPerson(input.aadId)) ?? {
    aadId: input.aadId,
    email: null,
    name: null,
  };
  const snapshot = await deps.store.collect(person);
  await deps.audit.append({
    at: deps.clock.now(),
    actor: input.aadId,
    action: 'personalData.view',
    programmeId: '',
    subjectId: input.aadId,
    details: {},
  });
  return summarise(snapshot);
}

/** The lines of a snapshot, in the categories' order. */
export function summarise(snapshot: PersonalDataSnapshot): MyDataLine[] {
  return PERSONAL_DATA_CATEGORIES.map((category) => ({
    category,
    count: Object.values(snapshot[category]).reduce((sum, rows) => sum + rows.length, 0),
    retentions: [
      ...new Set(
        PERSONAL_DATA_REGISTER.filter((entry) => entry.category === category).map(
          (entry) => entry.retention,
        ),
      ),
    ],
  }));
}
