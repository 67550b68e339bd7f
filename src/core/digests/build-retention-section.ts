import type { AuditEntry } from '../ports/audit-log';
import { RETENTION_DEFAULTS } from '../personal-data/personal-data-register';
import { planProgrammeRetention } from '../personal-data/plan-programme-retention';
import type { Programme } from '../programmes/programme';
import { addDays } from '../scheduling/local-days';

/** How far ahead the digest announces retention: about a month. */
export const RETENTION_HORIZON_DAYS = 31;

/** What the retention job removed from a programme lately, and what it will remove soon. */
export interface RetentionSection {
  /** Rows per table removed or pseudonymised since `since` (the digest's week). */
  purged: Record<string, number>;
  /** Rules whose day falls after today and within the horizon. */
  due: { rule: 'drafts' | 'unselected' | 'participants'; day: string }[];
}

/**
 * The digest's retention lines for one programme, from the retention job's audit entries since
 * `since` and the programme's retention days; undefined when there is nothing to say.
 */
export function buildRetentionSection(
  programme: Programme,
  today: string,
  entries: readonly AuditEntry[],
  since: Date,
): RetentionSection | undefined {
  const purged: Record<string, number> = {};
  for (const entry of entries) {
    if (entry.action !== 'personalData.retention' || entry.at.getTime() < since.getTime()) continue;
    for (const [table, count] of Object.entries(entry.details)) {
      if (typeof count === 'number') purged[table] = (purged[table] ?? 0) + count;
    }
  }
  const days = planProgrammeRetention(programme.milestones, {
    ...RETENTION_DEFAULTS,
    ...programme.retention,
  });
  const horizon = addDays(today, RETENTION_HORIZON_DAYS);
  const due = (['drafts', 'unselected', 'participants'] as const)
    .map((rule) => ({ rule, day: days[rule] }))
    .filter(({ day }) => day > today && day <= horizon);
  if (Object.keys(purged).length === 0 && due.length === 0) return undefined;
  return { purged, due };
}
