import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CandidacyDeps } from '../../core/candidacies/candidacy-deps';
import type { Clock } from '../../core/ports/clock';
import type { Directory } from '../../core/ports/directory';
import type { IdSource } from '../../core/ports/id-source';
import type { Notifier } from '../../core/ports/notifier';
import type { Database } from './schema';
import { SqlAuditLog } from './sql-audit-log';
import { SqlCandidacyStore } from './sql-candidacy-store';
import { SqlExportTokenStore } from './sql-export-token-store';
import { SqlPeopleDirectory } from './sql-people-directory';
import { SqlScoreStore } from './sql-score-store';

/**
 * The candidacy and selection dependencies on the SQL database, for the composition root: stores,
 * random ids, the people directory (also returned, for the feature to record people), and the
 * Lab team as the recipients of promotion notices.
 */
export function createCandidacyDeps(
  db: Kysely<Database>,
  options: {
    clock: Clock;
    notifier: Notifier;
    labAdminIds: readonly string[];
    ids?: IdSource;
    /** Where people are looked up by e-mail, given the people the bot met; default: those only. */
    directory?: (people: Directory) => Directory;
  },
): { core: CandidacyDeps; people: SqlPeopleDirectory } {
  const people = new SqlPeopleDirectory(db);
  return {
    people,
    core: {
      candidacies: new SqlCandidacyStore(db),
      scores: new SqlScoreStore(db),
      audit: new SqlAuditLog(db),
      exportTokens: new SqlExportTokenStore(db),
      clock: options.clock,
      ids: options.ids ?? { newId: () => randomUUID() },
      notifier: options.notifier,
      directory: options.directory?.(people) ?? people,
      labTeam: options.labAdminIds.map((aadId) => ({ kind: 'user' as const, aadId })),
    },
  };
}
