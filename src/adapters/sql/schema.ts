/*
 * Column conventions, identical on SQLite and PostgreSQL so both dialects behave the same:
 * timestamps are ISO-8601 UTC text with milliseconds (`2026-11-21T04:43:19.000Z`, which sorts
 * chronologically as text), JSON is text, booleans are integers 0/1.
 */

import type { Generated } from 'kysely';

/** A conversation the bot can message proactively; mirrors ConversationRecord. */
export interface ConversationsTable {
  conversation_id: string;
  scope: string;
  service_url: string;
  tenant_id: string | null;
  team_id: string | null;
  channel_id: string | null;
  user_aad_id: string | null;
  bot_id: string;
  locale: string | null;
  timezone: string | null;
  installed_at: string;
  updated_at: string;
  uninstalled_at: string | null;
}

/** The locale and time zone a user last wrote from. */
export interface UserContextsTable {
  aad_id: string;
  locale: string | null;
  timezone: string | null;
  seen_at: string;
}

/** teams-ai turn state, one JSON document per botbuilder storage key. */
export interface BotStateTable {
  key: string;
  /** The stored item as JSON, without its eTag. */
  value: string;
  etag: string;
  updated_at: string;
}

/** A programme: the columns lists are sorted and filtered by, and the whole programme as JSON. */
export interface ProgrammesTable {
  id: string;
  name: string;
  /** YYYY-MM-DD, for "most recent first". */
  candidacy_open: string;
  data: string;
  created_at: string;
  updated_at: string;
}

/** One occurrence of a scheduled job, claimed with a lease so one instance runs it. */
export interface JobOccurrencesTable {
  key: string;
  job: string;
  /** 'running' while claimed, 'done' once it ran to the end. */
  state: string;
  owner: string;
  lease_until: string;
  attempts: number;
  last_error: string | null;
  claimed_at: string;
  done_at: string | null;
}

/** A formed team of a programme, as JSON. */
export interface ProgrammeTeamsTable {
  programme_id: string;
  team_id: string;
  number: number;
  data: string;
  updated_at: string;
}

/** Who is in which team, and as what (lead, member, facilitator). */
export interface ProgrammeTeamPeopleTable {
  programme_id: string;
  team_id: string;
  aad_id: string;
  role: string;
}

/** A submitted candidacy (migration 0004); `answers` is the form's answers as JSON. */
export interface CandidaciesTable {
  id: string;
  programme_id: string;
  applicant_aad_id: string;
  applicant_name: string;
  organisation_id: string;
  mode: string;
  status: string;
  seat_count: number;
  answers: string;
  consent_at: string;
  submitted_at: string;
  updated_at: string;
  decided_at: string | null;
  decided_by: string | null;
  waitlisted_at: string | null;
  /** A calendar day (YYYY-MM-DD, Europe/Paris), not a timestamp. */
  confirm_by: string | null;
  confirmed_at: string | null;
}

/** The line manager's endorsement of a candidacy; `manager_email` is lower-case. */
export interface CandidacyEndorsementsTable {
  candidacy_id: string;
  programme_id: string;
  manager_email: string;
  manager_aad_id: string | null;
  status: string;
  comment: string;
  requested_at: string;
  answered_at: string | null;
  answered_by: string | null;
}

/** An unfinished candidacy form; `fields` is JSON (field id to text). */
export interface CandidacyDraftsTable {
  programme_id: string;
  applicant_aad_id: string;
  applicant_name: string;
  fields: string;
  updated_at: string;
}

/** Selection history of candidacies, append-only; `id` numbers rows in insertion order. */
export interface CandidacyDecisionsTable {
  id: Generated<number>;
  programme_id: string;
  candidacy_id: string;
  kind: string;
  status: string;
  decided_by: string;
  decided_at: string;
  note: string;
}

/** A committee member's scores for a candidacy; `score_values` is JSON (criterion id to 1..5). */
export interface CandidacyScoresTable {
  candidacy_id: string;
  member_aad_id: string;
  programme_id: string;
  score_values: string;
  comment: string;
  scored_at: string;
}

/** The append-only audit log of decisions, scores and exports; `details` is JSON. */
export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  programme_id: string;
  subject_id: string | null;
  details: string;
  /** SHA-256 of the row's fields (migration 0011); null only while migrating. */
  content_digest: string | null;
  /** SHA-256 over the previous row's chain hash and this row's digest. */
  chain_hash: string | null;
}

/** Single-use export permissions. */
export interface ExportTokensTable {
  id: string;
  programme_id: string;
  admin_aad_id: string;
  format: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** People the bot met, with their email when Teams gave it (lower-case), to reach managers by email. */
export interface PeopleTable {
  aad_id: string;
  email: string | null;
  name: string;
  seen_at: string;
}

/** One row per programme, updated first in every selection transaction to serialise them. */
export interface SelectionLocksTable {
  programme_id: string;
  locked_at: string;
}

/** The formation a Lab organiser is editing, one per programme. */
export interface FormationDraftsTable {
  programme_id: string;
  data: string;
  updated_at: string;
}

/** A team's answer to one month's check-in; the fields and who answered as JSON. */
export interface CheckinAnswersTable {
  programme_id: string;
  team_id: string;
  month: string;
  data: string;
  answered_by: string;
  answered_at: string;
  first_answered_at: string;
  late: number;
  revision: number;
}

/** A team's preparation for a review, or the review's outcome; the fields as JSON. */
export interface ReviewAnswersTable {
  programme_id: string;
  team_id: string;
  review: string;
  kind: string;
  data: string;
  answered_by: string;
  answered_at: string;
  revision: number;
}

/** "Absent jusqu'au": reminders to the person pause until the day, included. */
export interface AbsencesTable {
  aad_id: string;
  until_day: string;
  declared_at: string;
}

/** Every table of the database, as Kysely sees it. */
/** Who a programme file names, and as what: committee or Lab team (migration 0017). */
/** Someone Graph could not add to a programme's Teams team yet, for a passing reason. */
export interface TeamMembershipPendingTable {
  team_group_id: string;
  /** The Entra object id in lower case. */
  aad_id: string;
  programme_id: string;
  name: string;
  organisation_id: string;
  since: string;
}

export interface ProgrammePeopleTable {
  programme_id: string;
  /** The Entra object id in lower case. */
  aad_id: string;
  role: 'committee' | 'programmeLab';
}

/** A channel the bot created for a programme (migration 0009). */
export interface ProgrammeChannelsTable {
  programme_id: string;
  channel_id: string;
  display_name: string;
  created_at: string;
}

/** An erasure the Lab decides because a programme in progress needs the person (migration 0011). */
export interface ErasureRequestsTable {
  id: string;
  aad_id: string;
  /** JSON array of the programmes that need the person. */
  programme_ids: string;
  requested_at: string;
  /** YYYY-MM-DD: the last day of those programmes; the erasure runs by itself after it. */
  erase_after: string;
  /** 'pending', 'deferred' (kept until erase_after), or 'erased'. */
  state: string;
  decided_by: string | null;
  decided_at: string | null;
}

/** A meeting the bot put (or will put) on calendars (migration 0013). */
export interface ProgrammeMeetingsTable {
  programme_id: string;
  kind: string;
  team_id: string;
  period: string;
  subject: string;
  starts_at: string;
  ends_at: string;
  time_zone: string;
  /** JSON array of { aadId, name }. */
  attendees: string;
  attendees_digest: string;
  /** JSON array of { aadId, name, sequence }: people dropped from the attendees (0019). */
  dropped_attendees: string;
  external_event_id: string | null;
  ics_uid: string;
  sequence: number;
  state: string;
  route: string | null;
  last_error: string | null;
  updated_at: string;
}

/** How one notice reached a person, without saying who (migration 0014). */
export interface ReachLogTable {
  key_digest: string;
  programme_id: string;
  notice_kind: string;
  route: string;
  failure: string | null;
  at: string;
}

export interface Database {
  conversations: ConversationsTable;
  user_contexts: UserContextsTable;
  bot_state: BotStateTable;
  programmes: ProgrammesTable;
  job_occurrences: JobOccurrencesTable;
  programme_teams: ProgrammeTeamsTable;
  programme_team_people: ProgrammeTeamPeopleTable;
  programme_people: ProgrammePeopleTable;
  team_membership_pending: TeamMembershipPendingTable;
  formation_drafts: FormationDraftsTable;
  programme_channels: ProgrammeChannelsTable;
  candidacies: CandidaciesTable;
  candidacy_endorsements: CandidacyEndorsementsTable;
  candidacy_drafts: CandidacyDraftsTable;
  candidacy_decisions: CandidacyDecisionsTable;
  candidacy_scores: CandidacyScoresTable;
  audit_log: AuditLogTable;
  export_tokens: ExportTokensTable;
  people: PeopleTable;
  selection_locks: SelectionLocksTable;
  checkin_answers: CheckinAnswersTable;
  review_answers: ReviewAnswersTable;
  absences: AbsencesTable;
  erasure_requests: ErasureRequestsTable;
  programme_meetings: ProgrammeMeetingsTable;
  reach_log: ReachLogTable;
}
