import type { CandidacyStore } from '../ports/candidacy-store';
import type { Clock } from '../ports/clock';
import type { Directory } from '../ports/directory';
import type { IdSource } from '../ports/id-source';
import type { AuditLog } from '../ports/audit-log';
import type { NoticeRecipient, Notifier } from '../ports/notifier';
import type { ScoreStore } from '../ports/score-store';
import type { ExportTokenStore } from '../ports/export-token-store';

/** What the candidacy and selection use cases need; the composition root builds it once. */
export interface CandidacyDeps {
  candidacies: CandidacyStore;
  scores: ScoreStore;
  audit: AuditLog;
  exportTokens: ExportTokenStore;
  clock: Clock;
  ids: IdSource;
  notifier: Notifier;
  directory: Directory;
  /** Who hears about promotions and freed seats: the Lab team. */
  labTeam: readonly NoticeRecipient[];
}
