import { randomUUID } from 'node:crypto';
import { openDatabase } from '../adapters/sql/open-database';
import { toDatabaseOptions } from '../adapters/sql/to-database-options';
import { loadConfig } from '../config';
import { erasePerson } from '../core/personal-data/erase-person';
import type { PersonalDataDeps } from '../core/personal-data/personal-data-deps';
import { createPersonalDataDeps } from '../features/personal-data/personal-data-module';
import { systemClock } from '../core/ports/clock';

/** Where the command writes, and how it reaches the database. */
export interface PersonCommandIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  locale: string | undefined;
  /** Opens the personal data use cases on the bot's database; close() releases it. */
  openDeps: () => Promise<{ deps: PersonalDataDeps; close: () => Promise<void> }>;
  /** Who runs the command, for the audit trail (the system user). */
  admin: string;
}

const USAGE = `Usage:
  labbot person export EMAIL|ID   écrit en JSON tout ce que le bot conserve sur la personne
  labbot person erase EMAIL|ID    efface la personne (pseudonymise ce qui doit rester), journalisé
`;

/**
 * `labbot person export|erase <email or Entra id>`: the DPO's answer to an access or erasure
 * request made outside Teams. Exit 0 when done, 1 when the bot holds nothing about that person,
 * 64 on a usage error.
 */
export async function runPersonCommand(argv: string[], io: PersonCommandIo): Promise<number> {
  const [action, subject, ...rest] = argv;
  if ((action !== 'export' && action !== 'erase') || subject === undefined || rest.length > 0) {
    io.stderr.write(USAGE);
    return action === '--help' ? 0 : 64;
  }
  const english = io.locale?.toLowerCase().startsWith('en') ?? false;
  const { deps, close } = await io.openDeps();
  try {
    if (action === 'export') {
      const person = await deps.store.findPerson(subject);
      if (person === undefined) {
        io.stderr.write(
          english ? `Nothing is held about ${subject}.\n` : `Rien n’est conservé sur ${subject}.\n`,
        );
        return 1;
      }
      const snapshot = await deps.store.collect(person);
      await deps.audit.append({
        at: deps.clock.now(),
        actor: io.admin,
        action: 'personalData.view',
        programmeId: '',
        subjectId: person.aadId,
        details: { via: 'cli' },
      });
      io.stdout.write(
        `${JSON.stringify({ person: person.aadId, categories: snapshot }, null, 2)}\n`,
      );
      return 0;
    }
    const result = await erasePerson(deps, { kind: 'admin', admin: io.admin, subject });
    if (!result.found) {
      io.stderr.write(
        english ? `Nothing is held about ${subject}.\n` : `Rien n’est conservé sur ${subject}.\n`,
      );
      return 1;
    }
    const total = (counts: Record<string, number>) =>
      Object.values(counts).reduce((sum, n) => sum + n, 0);
    io.stdout.write(
      english
        ? `Erased: now "${result.pseudonymName}". ${total(result.counts.deleted)} row(s) deleted, ${total(result.counts.pseudonymised)} pseudonymised.\n`
        : `Effacé : désormais « ${result.pseudonymName} ». ${total(result.counts.deleted)} ligne(s) supprimée(s), ${total(result.counts.pseudonymised)} pseudonymisée(s).\n`,
    );
    return 0;
  } finally {
    await close();
  }
}

/** Opens the bot's own database (DATABASE_URL, else the SQLite file) for the person commands. */
export async function openPersonalDataDeps(
  env: NodeJS.ProcessEnv,
): Promise<{ deps: PersonalDataDeps; close: () => Promise<void> }> {
  const config = loadConfig(env);
  const database = await openDatabase(toDatabaseOptions(config));
  return {
    deps: createPersonalDataDeps(database.db, {
      signingKey: config.exportSigningKey,
      clock: systemClock,
      ids: { newId: () => randomUUID() },
    }),
    close: () => database.close(),
  };
}
