import type { AuditLog } from '../ports/audit-log';
import type { ErasureRequestStore } from '../ports/erasure-request-store';
import { erasePerson } from './erase-person';
import type { PersonalDataStore, Pseudonym } from '../ports/personal-data-store';
import type { Programme } from '../programmes/programme';
import type { RetentionDurations } from './personal-data-register';
import { dueRetentionRules, planProgrammeRetention } from './plan-programme-retention';

/** What one retention run changed: rows per table, overall and by programme. Counts only. */
export interface RetentionReport {
  expired: Record<string, number>;
  programmes: Record<string, Record<string, number>>;
  /** Erasure requests carried out because their programme ended. */
  erasures?: number;
}

/**
 * Applies every retention rule due on `today` (Paris day of `now`): the rules without programme
 * dates, then each programme's. Safe to run twice: what is gone is not counted again.
 */
export async function runRetention(
  deps: {
    store: PersonalDataStore;
    pseudonymOf: (aadId: string) => Pseudonym;
    audit: Pick<AuditLog, 'append'>;
    /** Erasure requests kept until their programme's end run the day after it. */
    requests?: Pick<ErasureRequestStore, 'listDue' | 'decide'>;
  },
  input: {
    programmes: readonly Programme[];
    now: Date;
    today: string;
    durations: RetentionDurations;
  },
): Promise<RetentionReport> {
  const report: RetentionReport = {
    expired: await deps.store.purgeExpired(input.now, input.durations),
    programmes: {},
  };
  for (const programme of input.programmes) {
    // The programme file may override the defaults, one duration at a time.
    const durations = { ...input.durations, ...programme.retention };
    const rules = dueRetentionRules(
      planProgrammeRetention(programme.milestones, durations),
      input.today,
    );
    if (!rules.drafts && !rules.unselected && !rules.participants) continue;
    const counts = await deps.store.purgeProgramme(programme.id, rules, deps.pseudonymOf);
    if (Object.keys(counts).length > 0) {
      report.programmes[programme.id] = counts;
      // One entry per programme, under its id, so its digest can say what was purged.
      await deps.audit.append({
        at: input.now,
        actor: 'system',
        action: 'personalData.retention',
        programmeId: programme.id,
        subjectId: null,
        details: counts,
      });
    }
  }
  const due = (await deps.requests?.listDue(input.today)) ?? [];
  for (const request of due) {
    await erasePerson(
      { ...deps, clock: { now: () => input.now } },
      { kind: 'admin', admin: 'system', subject: request.aadId },
    );
    await deps.requests?.decide(request.id, ['pending', 'deferred'], 'erased', 'system', input.now);
  }
  if (due.length > 0) report.erasures = due.length;
  // A run that removed something is a rights event: the audit trail keeps its counts, no names.
  if (due.length > 0 || Object.values(report.expired).some((n) => n > 0)) {
    await deps.audit.append({
      at: input.now,
      actor: 'system',
      action: 'personalData.retention',
      programmeId: '',
      subjectId: null,
      details: { ...report.expired, erasures: due.length },
    });
  }
  return report;
}
