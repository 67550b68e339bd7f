/*
 * Column conventions, identical on SQLite and PostgreSQL so both dialects behave the same:
 * timestamps are ISO-8601 UTC text with milliseconds (`2026-11-21T04:43:19.000Z`, which sorts
 * chronologically as text), JSON is text, booleans are integers 0/1.
 */

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

/** Every table of the database, as Kysely sees it. */
export interface Database {
  conversations: ConversationsTable;
  user_contexts: UserContextsTable;
  bot_state: BotStateTable;
  programmes: ProgrammesTable;
  job_occurrences: JobOccurrencesTable;
  programme_teams: ProgrammeTeamsTable;
  programme_team_people: ProgrammeTeamPeopleTable;
}
