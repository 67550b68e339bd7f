import type { ProgrammeChoices } from './programme-choice';
import type { DatabaseHandle } from '../adapters/sql/open-database';
import type { SqlPeopleDirectory } from '../adapters/sql/sql-people-directory';
import type { Config } from '../config';
import type { CandidacyDeps } from '../core/candidacies/candidacy-deps';
import type { FollowUpDeps } from '../core/follow-up/follow-up-deps';
import type { CandidacyStore } from '../core/ports/candidacy-store';
import type { ChannelProvisioner } from '../core/ports/channel-provisioner';
import type { Clock } from '../core/ports/clock';
import type { ConversationStore } from '../core/ports/conversation-store';
import type { BulkNotifier, Notifier } from '../core/ports/notifier';
import type { OutboxStore } from '../core/ports/outbox-store';
import type { ProgrammeStore } from '../core/ports/programme-store';
import type { ProgrammeTeamStore } from '../core/ports/programme-team-store';
import type { TeamMembership } from '../core/ports/team-membership';
import type { MembershipCatchUp } from '../core/team-spaces/membership-catch-up';
import type { PersonalChatInstaller } from '../adapters/teams/notices/personal-chat-installer';
import type { ProgrammeMeetings } from './meetings/create-programme-meetings';
import type { Logger } from '../logger';
import type { EmailDeliveryStore } from '../core/ports/email-delivery-store';
import type { EmailFallback } from '../adapters/email/email-fallback';
import type { AddressBook, MailSender } from '../adapters/email/mail-ports';

/**
 * What every capability module is built from: the configuration, the database and its stores,
 * the clock, the notifier (every proactive message goes through the outbox) and the shared use
 * case dependencies. `main.ts` builds it once; tests replace parts of it.
 */
export interface Platform {
  config: Config;
  database: DatabaseHandle;
  clock: Clock;
  logger: Logger;
  version: string;
  conversations: ConversationStore;
  programmes: ProgrammeStore;
  candidacies: CandidacyStore;
  teams: ProgrammeTeamStore;
  outbox: OutboxStore;
  notifier: Notifier & BulkNotifier;
  /** Candidacy and selection use cases' dependencies (shared by the export of review outcomes). */
  candidacyCore: CandidacyDeps;
  /** Who talked to the bot, with their e-mail, so managers named by e-mail can be reached. */
  people: SqlPeopleDirectory;
  /** Check-in, review and absence use cases' dependencies. */
  followUp: FollowUpDeps;
  /** Creates team channels through Graph; undefined without a Graph identity (threads in General). */
  provisioner: ChannelProvisioner | undefined;
  /** Adds people to a programme's Teams team through Graph; undefined without a Graph identity. */
  membership: TeamMembership | undefined;
  /** Who Graph could not add to a programme's team for a passing reason, tried again hourly. */
  membershipCatchUp: MembershipCatchUp;
  /**
   * Installs the bot for people it has no chat with (Graph, GRAPH_TEAMS_APP_ID); the delivery
   * worker uses it for messages queued while Graph was throttled. Undefined without.
   */
  personalChats: PersonalChatInstaller | undefined;
  /** The programmes' meetings on calendars (Graph with an organiser mailbox; else none). */
  meetings: ProgrammeMeetings;
  /** Where people's browsers reach the bot (export links); known once the server listens. */
  publicUrl(): string;
  /** The Lab team's Entra ids: configuration, then the Lab channel's roster. */
  labTeamIds(): string[];
  /** The programme each person last chose when several were relevant, for an hour. */
  programmeChoices: ProgrammeChoices;
  /** The e-mail fallback: when messages go by e-mail, its rows, and the Lab's mailbox. */
  email?: EmailRoute;
}

/** What the e-mail fallback is made of (docs/graph.md, "When Teams cannot reach someone"). */
export interface EmailRoute {
  fallback: EmailFallback;
  store: EmailDeliveryStore;
  /** Sends from the Lab's mailbox; undefined when the fallback is off. */
  sender: MailSender | undefined;
  /** The Lab's mailbox address, when configured. */
  senderAddress: string | undefined;
  addresses: AddressBook;
  /** The Teams deep link back to the bot, in every e-mail. */
  teamsLink: string;
}

/** True when the person is in the Lab team now (configuration and the Lab channel's roster). */
export function isLabMember(platform: Pick<Platform, 'labTeamIds'>, aadId: string): boolean {
  const id = aadId.toLowerCase();
  return platform.labTeamIds().some((member) => member.toLowerCase() === id);
}
