import type { AuditLog } from '../ports/audit-log';
import type { Clock } from '../ports/clock';
import type { ExportTokenStore } from '../ports/export-token-store';
import type { IdSource } from '../ports/id-source';
import type { PersonalDataStore, Pseudonym } from '../ports/personal-data-store';

/** What the personal data use cases need. */
export interface PersonalDataDeps {
  store: PersonalDataStore;
  exportTokens: ExportTokenStore;
  audit: AuditLog;
  clock: Clock;
  ids: IdSource;
  /** The person's stable pseudonym (a keyed hash of their Entra id, so it cannot be reversed). */
  pseudonymOf(aadId: string): Pseudonym;
}
