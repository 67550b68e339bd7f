import type { Migration } from 'kysely';
import * as foundation from './0001_foundation';
import * as outbox from './0002_outbox';
import * as programmes from './0003_programmes';
import * as candidacies from './0004_candidacies';
import * as jobOccurrences from './0005_job_occurrences';
import * as programmeTeams from './0006_programme_teams';
import * as checkins from './0007_checkins';
import * as formationDrafts from './0008_formation_drafts';
import * as programmeChannels from './0009_programme_channels';
import * as instances from './0010_instances';
import * as personalData from './0011_personal_data';
import * as labSessions from './0012_lab_sessions';
import * as programmeMeetings from './0013_programme_meetings';
import * as reachLog from './0014_reach_log';
import * as emailDeliveries from './0015_email_deliveries';
import * as labSessionParticipants from './0016_lab_session_participants';
import * as programmePeople from './0017_programme_people';
import * as labSessionMeetings from './0018_lab_session_meetings';
import * as meetingDroppedAttendees from './0019_meeting_dropped_attendees';
import * as teamMembershipPending from './0020_team_membership_pending';

/**
 * Every migration, by name; Kysely runs them in name order and records each one it applied.
 * Add a migration as one import and one line below, keeping the names sorted; never edit or
 * rename a migration that has shipped.
 */
export const migrations: Record<string, Migration> = {
  '0001_foundation': foundation,
  '0002_outbox': outbox,
  '0003_programmes': programmes,
  '0004_candidacies': candidacies,
  '0005_job_occurrences': jobOccurrences,
  '0006_programme_teams': programmeTeams,
  '0007_checkins': checkins,
  '0008_formation_drafts': formationDrafts,
  '0009_programme_channels': programmeChannels,
  '0010_instances': instances,
  '0011_personal_data': personalData,
  '0012_lab_sessions': labSessions,
  '0013_programme_meetings': programmeMeetings,
  '0014_reach_log': reachLog,
  '0015_email_deliveries': emailDeliveries,
  '0016_lab_session_participants': labSessionParticipants,
  '0017_programme_people': programmePeople,
  '0018_lab_session_meetings': labSessionMeetings,
  '0019_meeting_dropped_attendees': meetingDroppedAttendees,
  '0020_team_membership_pending': teamMembershipPending,
};
