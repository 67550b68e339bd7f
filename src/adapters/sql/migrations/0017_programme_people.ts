import type { Kysely } from 'kysely';

/**
 * Creates the index of who a programme file names, and as what (its selection committee, its Lab
 * team), filled from the programmes already stored: a turn finds the sender's roles with one
 * indexed read instead of reading and parsing every programme.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('programme_people')
    .addColumn('programme_id', 'text', (col) => col.notNull())
    .addColumn('aad_id', 'text', (col) => col.notNull())
    .addColumn('role', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('programme_people_pk', ['programme_id', 'aad_id', 'role'])
    .execute();
  await db.schema
    .createIndex('programme_people_aad_idx')
    .on('programme_people')
    .column('aad_id')
    .execute();
  const typed = db as unknown as Kysely<{
    programmes: { id: string; data: string };
    programme_people: { programme_id: string; aad_id: string; role: string };
  }>;
  for (const row of await typed.selectFrom('programmes').select(['id', 'data']).execute()) {
    const people = programmePeople(row.id, JSON.parse(row.data) as NamedPeople);
    if (people.length > 0) await typed.insertInto('programme_people').values(people).execute();
  }
}

/** Drops the index. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('programme_people').execute();
}

/** What a programme file says about people, as far as roles go. */
export interface NamedPeople {
  committee?: readonly { aadId: string }[];
  followUp?: { labTeam?: readonly { aadId: string }[] };
}

/** The index rows of one programme: each person once per role, their Entra id in lower case. */
export function programmePeople(
  programmeId: string,
  programme: NamedPeople,
): { programme_id: string; aad_id: string; role: string }[] {
  const rows = new Map<string, { programme_id: string; aad_id: string; role: string }>();
  const add = (aadId: string, role: string): void => {
    const id = aadId.toLowerCase();
    rows.set(`${id}|${role}`, { programme_id: programmeId, aad_id: id, role });
  };
  (programme.committee ?? []).forEach((member) => add(member.aadId, 'committee'));
  (programme.followUp?.labTeam ?? []).forEach((member) => add(member.aadId, 'programmeLab'));
  return [...rows.values()];
}
