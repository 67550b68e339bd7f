import type { Logger } from '../../logger';
import type { Clock } from '../../core/ports/clock';
import type { MeetingCalendar, MeetingInvitations } from '../../core/ports/meeting-calendar';
import type { MeetingStore } from '../../core/ports/meeting-store';
import type { ProgrammeTeamStore } from '../../core/ports/programme-team-store';
import type { Programme } from '../../core/programmes/programme';
import { syncMeetings, type MeetingSyncReport } from '../../core/meetings/sync-meetings';

/** A programme's meetings on calendars: how they get there, and bringing them up to date. */
export interface ProgrammeMeetings {
  /** 'graph' with an organiser's calendar through Graph; else 'ics', invitations through Teams cards. */
  route: 'graph' | 'ics';
  /** The organiser's mailbox, when there is one. */
  organiser: string | undefined;
  /** The organiser's calendar through Graph, when configured (Lab session meetings use it too). */
  calendar: MeetingCalendar | undefined;
  /** The .ics invitations through Teams cards, used without a calendar. */
  invitations: MeetingInvitations;
  /**
   * Reconciles the programme's meetings with what it wants now (its file's `meetings` block,
   * milestones and confirmed teams). Never throws: a failure is logged and reported.
   */
  sync(programme: Programme): Promise<MeetingSyncReport | undefined>;
}

/**
 * The programme meetings of the platform. One reconciliation per programme at a time in this
 * process (confirming teams and the daily job may meet); across instances Graph's transactionId
 * keeps a creation from being made twice.
 */
export function createProgrammeMeetings(deps: {
  store: MeetingStore;
  calendar: MeetingCalendar | undefined;
  /** Used without a calendar. */
  invitations: MeetingInvitations;
  organiser: string | undefined;
  teams: ProgrammeTeamStore;
  clock: Clock;
  logger: Logger;
}): ProgrammeMeetings {
  const running = new Map<string, Promise<MeetingSyncReport | undefined>>();
  const run = async (programme: Programme): Promise<MeetingSyncReport | undefined> => {
    if (
      programme.meetings === undefined &&
      (await deps.store.listByProgramme(programme.id)).length === 0
    ) {
      return undefined;
    }
    try {
      const report = await syncMeetings(programme, await deps.teams.listByProgramme(programme.id), {
        store: deps.store,
        calendar: deps.calendar,
        invitations: deps.invitations,
        now: deps.clock.now(),
      });
      {
        deps.logger.info(
          {
            programme: programme.id,
            route: report.route,
            created: report.created,
            updated: report.updated,
            cancelled: report.cancelled,
            failed: report.failed.length,
            reasons: [...new Set(report.failed.map((f) => f.reason))],
          },
          'programme meetings reconciled',
        );
      }
      return report;
    } catch (error) {
      deps.logger.error({ err: error, programme: programme.id }, 'programme meetings failed');
      return undefined;
    }
  };
  return {
    route: deps.calendar === undefined ? 'ics' : 'graph',
    organiser: deps.organiser,
    calendar: deps.calendar,
    invitations: deps.invitations,
    sync: (programme) => {
      const previous = running.get(programme.id) ?? Promise.resolve(undefined);
      const next = previous.then(() => run(programme));
      running.set(programme.id, next);
      void next.finally(() => {
        if (running.get(programme.id) === next) running.delete(programme.id);
      });
      return next;
    },
  };
}
