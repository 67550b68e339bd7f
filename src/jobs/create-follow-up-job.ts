import {
  type FollowUpPlanInput,
  FOLLOW_UP_MARGIN_DAYS,
  listFollowUpInputs,
  listLabTeam,
} from '../core/follow-up/team-context';
import type { FollowUpSources } from '../core/follow-up/follow-up-deps';
import { planFollowUpSends } from '../core/follow-up/plan-follow-up-sends';
import type { PlannedSend } from '../core/follow-up/planned-send';
import { runPlannedSend, type FollowUpSendDeps } from '../core/follow-up/run-planned-send';
import { addDays, toLocalDay } from '../core/scheduling/local-days';
import type { Logger } from '../logger';
import type { ScheduledJobDefinition } from './create-scheduled-job';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How far back a tick looks for sends still inside their grace window. The longest window is a
 * check-in card's, open until the next month's check-in: at most 31 days plus a few days of
 * holidays and weekends, so 40 days lose nothing.
 */
export const FOLLOW_UP_LOOKBACK_MS = 40 * DAY_MS;

/** The milestones' own zone: programme days are Paris calendar days. */
const PROGRAMME_TIMEZONE = 'Europe/Paris';

/** What the follow-up job reads its calendar from, and what it sends with. */
export interface FollowUpJobDeps extends FollowUpSources, FollowUpSendDeps {
  logger: Logger;
}

interface Planned {
  fingerprint: string;
  sends: PlannedSend[];
}

/**
 * The scheduled job of the follow-up year: every check-in, reminder, escalation and review card
 * of every programme, as occurrences for createScheduledJob. The calendar is derived on each tick
 * from the stored programmes, teams and people's zones; a programme's year is computed once and
 * kept until one of those changes.
 */
export function createFollowUpJob(deps: FollowUpJobDeps): ScheduledJobDefinition {
  const plans = new Map<string, Planned>();
  let due = new Map<string, { send: PlannedSend; input: FollowUpPlanInput }>();

  const planOf = (input: FollowUpPlanInput): PlannedSend[] => {
    const fingerprint = fingerprintOf(input);
    const cached = plans.get(input.programme.id);
    if (cached?.fingerprint === fingerprint) return cached.sends;
    const { followUpStart, end } = input.programme.milestones;
    const sends = planFollowUpSends(input, {
      from: new Date(`${addDays(followUpStart, -FOLLOW_UP_MARGIN_DAYS)}T00:00:00Z`),
      to: new Date(`${addDays(end, FOLLOW_UP_MARGIN_DAYS)}T00:00:00Z`),
    });
    plans.set(input.programme.id, { fingerprint, sends });
    return sends;
  };

  return {
    name: 'follow-up',
    listOccurrences: async (now) => {
      const inputs = await listFollowUpInputs(deps, toLocalDay(now, PROGRAMME_TIMEZONE));
      const at = now.getTime();
      const next = new Map<string, { send: PlannedSend; input: FollowUpPlanInput }>();
      for (const input of inputs) {
        for (const send of planOf(input)) {
          const dueAt = send.dueAt.getTime();
          if (dueAt > at) break;
          if (dueAt >= at - FOLLOW_UP_LOOKBACK_MS && send.expiresAt.getTime() >= at) {
            next.set(send.key, { send, input });
          }
        }
      }
      due = next;
      return [...next.values()].map((entry) => entry.send);
    },
    execute: async (occurrence) => {
      const entry = due.get(occurrence.key);
      if (entry === undefined) {
        throw new Error(`Follow-up send ${occurrence.key} is no longer planned`);
      }
      const outcome = await runPlannedSend(entry.send, entry.input, deps);
      // Keys name people by their Entra id only; still, what was skipped for whom is debug detail.
      deps.logger.debug({ key: occurrence.key, kind: entry.send.kind, outcome }, 'follow-up send');
    },
  };
}

/** Everything a programme's calendar depends on, so a change in any of it recomputes the year. */
function fingerprintOf(input: FollowUpPlanInput): string {
  const people = new Set<string>();
  for (const team of input.teams) {
    for (const person of [...team.members, ...team.facilitators]) people.add(person.aadId);
    people.add(team.leadAadId);
  }
  for (const member of listLabTeam(input)) people.add(member.aadId);
  return JSON.stringify({
    programme: input.programme,
    teams: input.teams,
    lab: input.extraLabTeam ?? [],
    zones: [...people].sort().map((aadId) => [aadId, input.zoneOf(aadId) ?? null]),
  });
}
