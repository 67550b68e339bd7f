/**
 * The register of personal data (RGPD article 30): every table that holds something about a
 * person, declared once with its category, its purpose and how long it is kept. The "my data"
 * card, the export, the erasure and docs/personal-data.md all read this list, and a test fails
 * when a migration adds a table or a person column that is not declared here.
 */

/** The categories a person sees on the "my data" card, in that order. */
export const PERSONAL_DATA_CATEGORIES = [
  'profile',
  'candidacies',
  'endorsements',
  'scores',
  'teams',
  'followUp',
  'absences',
  'labSessions',
  'messages',
  'audit',
] as const;
export type PersonalDataCategory = (typeof PERSONAL_DATA_CATEGORIES)[number];

/** How long a category is kept, each rule with its default (overridable per programme later). */
export const RETENTION_RULES = [
  'draftsUntilClose',
  'unselectedCandidacies',
  'participants',
  'outboxPayloads',
  'exportTokens',
  'uninstalledConversations',
  'whileUsed',
  'auditTrail',
] as const;
export type RetentionRule = (typeof RETENTION_RULES)[number];

/** Durations of the retention rules, in days or months. */
export interface RetentionDurations {
  draftDaysAfterClose: number;
  unselectedMonthsAfterCommittee: number;
  participantMonthsAfterEnd: number;
  outboxPayloadDays: number;
  exportTokenDays: number;
  uninstalledConversationDays: number;
}

/** The default durations, in one place; docs/personal-data.md prints them. */
export const RETENTION_DEFAULTS: Readonly<RetentionDurations> = {
  /** Drafts are deleted when the call for candidacies closes. */
  draftDaysAfterClose: 0,
  /** Candidacies not selected (and their scores and comments): 6 months after the committee. */
  unselectedMonthsAfterCommittee: 6,
  /** Selected participants' data: pseudonymised 12 months after the programme's end. */
  participantMonthsAfterEnd: 12,
  /** Rendered card payloads of the outbox: 30 days after sending (key, state and dates stay). */
  outboxPayloadDays: 30,
  /** Export and download tokens: 1 day after they were issued. */
  exportTokenDays: 1,
  /** Conversation references of conversations that uninstalled the bot: 30 days. */
  uninstalledConversationDays: 30,
};

/** One table of the register. */
export interface PersonalDataTable {
  table: string;
  category: PersonalDataCategory;
  /** Columns that identify a person: Entra id, name, e-mail, conversation or user references. */
  personColumns: readonly string[];
  /** Columns holding text a person wrote, or JSON documents that contain such text or names. */
  contentColumns: readonly string[];
  /** Why the bot keeps it (finalité), in English for the register. */
  purpose: string;
  retention: RetentionRule;
}

/** Tables that hold nothing about a person, with why, so a new table is a conscious choice. */
export const TABLES_WITHOUT_PERSONAL_DATA: Readonly<Record<string, string>> = {
  job_occurrences: 'which occurrence of a scheduled job ran, by key and date',
  selection_locks: 'one row per programme, to serialise selection transactions',
  programme_channels: 'the channels the bot created for a programme, by id and display name',
  instances: 'the running bot processes and their last heartbeat',
  tenant_pauses: 'until when a tenant is paused after Teams answered 429',
  lab_session_sequences: 'the last tracking number given each year',
  reach_log:
    'how each notice reached people (route and coded reason, by programme), keyed by a keyed digest (HMAC) of the notice key, never who',
  lab_session_participant_positions: 'the last waitlist position given on each session request',
};

/** Every table holding personal data. */
export const PERSONAL_DATA_REGISTER: readonly PersonalDataTable[] = [
  {
    table: 'people',
    category: 'profile',
    personColumns: ['aad_id', 'email', 'name'],
    contentColumns: [],
    purpose: 'reach line managers and team sponsors named by e-mail; show names on cards',
    retention: 'whileUsed',
  },
  {
    table: 'user_contexts',
    category: 'profile',
    personColumns: ['aad_id'],
    contentColumns: [],
    purpose: 'the language and time zone reminders are sent in',
    retention: 'whileUsed',
  },
  {
    table: 'conversations',
    category: 'profile',
    personColumns: ['user_aad_id', 'conversation_id'],
    contentColumns: [],
    purpose: 'Teams references to send proactive messages',
    retention: 'uninstalledConversations',
  },
  {
    table: 'bot_state',
    category: 'profile',
    personColumns: ['key'],
    contentColumns: ['value'],
    purpose: 'the state of a conversation between two messages (Teams AI library)',
    retention: 'uninstalledConversations',
  },
  {
    table: 'candidacy_drafts',
    category: 'candidacies',
    personColumns: ['applicant_aad_id', 'applicant_name'],
    contentColumns: ['fields'],
    purpose: 'an unfinished candidacy form, to resume it',
    retention: 'draftsUntilClose',
  },
  {
    table: 'candidacies',
    category: 'candidacies',
    personColumns: ['applicant_aad_id', 'applicant_name', 'decided_by'],
    contentColumns: ['answers'],
    // A team candidacy also names its sponsor (name, e-mail address): the sponsor's export has
    // that line only, and their erasure takes it out of the candidacy.
    purpose:
      "selection of the participants of a programme; a team's sponsor, to tell them the decision",
    retention: 'unselectedCandidacies',
  },
  {
    table: 'candidacy_decisions',
    category: 'candidacies',
    personColumns: ['decided_by'],
    contentColumns: ['note'],
    purpose: 'the history of selection decisions',
    retention: 'unselectedCandidacies',
  },
  {
    table: 'candidacy_endorsements',
    category: 'endorsements',
    personColumns: ['manager_email', 'manager_aad_id', 'answered_by'],
    contentColumns: ['comment'],
    purpose: "the line manager's endorsement of a candidacy",
    retention: 'unselectedCandidacies',
  },
  {
    table: 'candidacy_scores',
    category: 'scores',
    personColumns: ['member_aad_id'],
    contentColumns: ['comment'],
    purpose: "the selection committee's scores and comments",
    retention: 'unselectedCandidacies',
  },
  {
    table: 'programmes',
    category: 'teams',
    personColumns: [],
    contentColumns: ['data'],
    purpose: 'the programme file: committee members, Lab team and facilitators by name and id',
    retention: 'participants',
  },
  {
    table: 'programme_teams',
    category: 'teams',
    personColumns: [],
    contentColumns: ['data'],
    purpose: 'the formed teams of a programme',
    retention: 'participants',
  },
  {
    table: 'programme_team_people',
    category: 'teams',
    personColumns: ['aad_id'],
    contentColumns: [],
    purpose: 'who is in which team, and as what',
    retention: 'participants',
  },
  {
    table: 'programme_people',
    category: 'teams',
    personColumns: ['aad_id'],
    contentColumns: [],
    purpose: 'who a programme file names as committee member or Lab team, to find their roles',
    retention: 'participants',
  },
  {
    table: 'team_membership_pending',
    category: 'teams',
    personColumns: ['aad_id'],
    contentColumns: ['name'],
    purpose:
      "who Graph could not add to their programme's Teams team yet (throttled, unavailable), tried again hourly until added",
    retention: 'participants',
  },
  {
    table: 'programme_meetings',
    category: 'teams',
    personColumns: [],
    contentColumns: ['attendees', 'dropped_attendees'],
    purpose:
      "the programme's meetings put on calendars, with who is invited and who was dropped (to send them the cancellation)",
    retention: 'participants',
  },
  {
    table: 'formation_drafts',
    category: 'teams',
    personColumns: [],
    contentColumns: ['data'],
    purpose: 'the team formation a Lab organiser is editing',
    retention: 'participants',
  },
  {
    table: 'checkin_answers',
    category: 'followUp',
    personColumns: ['answered_by'],
    contentColumns: ['data'],
    purpose: "a team's monthly check-in",
    retention: 'participants',
  },
  {
    table: 'review_answers',
    category: 'followUp',
    personColumns: ['answered_by'],
    contentColumns: ['data'],
    purpose: "a team's review preparation and outcome",
    retention: 'participants',
  },
  {
    table: 'absences',
    category: 'absences',
    personColumns: ['aad_id'],
    contentColumns: [],
    purpose: 'pause reminders while a person is away',
    retention: 'participants',
  },
  {
    table: 'lab_session_requests',
    category: 'labSessions',
    personColumns: ['requester_aad_id', 'facilitator_1', 'facilitator_2'],
    contentColumns: ['data'],
    purpose: 'run a Lab session from its request to its cold debrief',
    retention: 'whileUsed',
  },
  {
    table: 'lab_session_drafts',
    category: 'labSessions',
    personColumns: ['aad_id'],
    contentColumns: ['data'],
    purpose: 'keep a session request being written',
    retention: 'whileUsed',
  },
  {
    table: 'lab_session_debriefs',
    category: 'labSessions',
    personColumns: ['aad_id'],
    contentColumns: ['data'],
    purpose: 'the hot and cold debriefs of a session, as the requester and facilitators answered',
    retention: 'whileUsed',
  },
  {
    table: 'lab_session_participants',
    category: 'labSessions',
    personColumns: ['aad_id', 'email', 'name', 'added_by'],
    contentColumns: [],
    purpose:
      'who takes part in a Lab session (internal people and external guests), to count, list, invite and print first-name badges',
    retention: 'whileUsed',
  },
  {
    table: 'lab_session_meetings',
    category: 'labSessions',
    personColumns: [],
    contentColumns: ['attendees', 'dropped_attendees'],
    purpose:
      'the qualification meeting of a session request on calendars, with who is invited (the requester and the two facilitators) and who was dropped (to send them the cancellation)',
    retention: 'whileUsed',
  },
  {
    table: 'outbox',
    category: 'messages',
    personColumns: ['target', 'conversation_id'],
    contentColumns: ['payload'],
    purpose: 'proactive messages queued and sent, with their rendered cards',
    retention: 'outboxPayloads',
  },
  {
    table: 'email_deliveries',
    category: 'messages',
    personColumns: ['recipient_aad_id'],
    contentColumns: ['payload'],
    purpose:
      'messages Teams could not deliver, sent by e-mail instead: by which route each arrived, or why not (the card is emptied once sent or given up; the address is looked up at sending, never stored)',
    retention: 'outboxPayloads',
  },
  {
    table: 'erasure_requests',
    category: 'audit',
    personColumns: ['aad_id', 'decided_by'],
    contentColumns: [],
    purpose: 'erasures the Lab decides while a programme in progress needs the person',
    retention: 'auditTrail',
  },
  {
    table: 'export_tokens',
    category: 'audit',
    personColumns: ['admin_aad_id'],
    contentColumns: [],
    purpose: 'single-use download permissions',
    retention: 'exportTokens',
  },
  {
    table: 'audit_log',
    category: 'audit',
    personColumns: ['actor', 'subject_id'],
    contentColumns: ['details'],
    purpose: 'proof of decisions, scores, exports and rights requests',
    retention: 'auditTrail',
  },
];

/** The register's entry for a table, if it holds personal data. */
export function findRegisteredTable(table: string): PersonalDataTable | undefined {
  return PERSONAL_DATA_REGISTER.find((entry) => entry.table === table);
}
