import { ProgrammeChoices } from './programme-choice';
import type { TokenCredential } from '@azure/identity';
import { createGraphCredential } from '../adapters/graph/create-graph-credential';
import { EntraBackedDirectory } from '../adapters/graph/entra-backed-directory';
import { GraphChannelProvisioner } from '../adapters/graph/graph-channel-provisioner';
import type { Sleep } from '../adapters/graph/graph-request';
import { GraphTeamMembership } from '../adapters/graph/graph-team-membership';
import { GraphChannelMembership } from '../adapters/graph/graph-channel-membership';
import { GraphUserReach } from '../adapters/graph/graph-user-reach';
import { GraphMeetingCalendar } from '../adapters/graph/graph-meeting-calendar';
import { SqlMeetingStore } from '../adapters/sql/sql-meeting-store';
import { SqlReachLog, deriveReachLogKey } from '../adapters/sql/sql-reach-log';
import { createProgrammeMeetings } from './meetings/create-programme-meetings';
import { OutboxMeetingInvitations } from './meetings/outbox-meeting-invitations';
import { createCandidacyDeps } from '../adapters/sql/create-candidacy-deps';
import { createFollowUpDeps } from '../adapters/sql/create-follow-up-deps';
import type { DatabaseHandle } from '../adapters/sql/open-database';
import { SqlCandidacyStore } from '../adapters/sql/sql-candidacy-store';
import { SqlConversationStore } from '../adapters/sql/sql-conversation-store';
import { SqlOutboxStore } from '../adapters/sql/sql-outbox-store';
import { SqlProgrammeStore } from '../adapters/sql/sql-programme-store';
import { SqlProgrammeTeamStore } from '../adapters/sql/sql-programme-team-store';
import type { NoticeRenderer } from '../adapters/teams/notices/notice-renderer';
import { OutboxNotifier } from '../adapters/teams/notices/outbox-notifier';
import { PersonalChatInstaller } from '../adapters/teams/notices/personal-chat-installer';
import { MembershipCatchUp } from '../core/team-spaces/membership-catch-up';
import { SqlPendingMembershipStore } from '../adapters/sql/sql-pending-membership-store';
import type { Config } from '../config';
import type { Clock } from '../core/ports/clock';
import type { Directory } from '../core/ports/directory';
import type { IdSource } from '../core/ports/id-source';
import type { Notifier } from '../core/ports/notifier';
import type { Logger } from '../logger';
import { collectNotices, type FeatureModule } from './feature-module';
import type { EmailRoute, Platform } from './platform';
import { GraphMailbox } from '../adapters/graph/graph-mailbox';
import { SqlEmailDeliveryStore } from '../adapters/sql/sql-email-delivery-store';
import { SqlPeopleDirectory } from '../adapters/sql/sql-people-directory';
import { KNOWN_ORGANISATIONS } from '../catalogue/known-organisations';
import type { ConversationStore } from '../core/ports/conversation-store';
import { chainAddressBooks, EmailFallback } from '../adapters/email/email-fallback';
import { buildTeamsDeepLink } from '../adapters/email/render-email';

/** Parts a test replaces: the candidacy use cases' notifier and id source. */
export interface PlatformOptions {
  candidacies?: { notifier?: Notifier; ids?: IdSource };
  /** The Graph app's credential; tests give one whose tokens a fake Graph knows. */
  graphCredential?: TokenCredential;
  /** How Graph calls wait (Retry-After, a fresh installation); tests give one that does not. */
  graphSleep?: Sleep;
}

/**
 * Builds the platform on an open database: the stores, the outbox notifier (whose renderers the
 * modules bring, added by `useNotices`), the Graph channel provisioner when there is a Graph
 * identity, and the use cases' shared dependencies.
 */
export function createPlatform(input: {
  config: Config;
  database: DatabaseHandle;
  clock: Clock;
  logger: Logger;
  version: string;
  publicUrl: () => string;
  labTeamIds: () => string[];
  options?: PlatformOptions;
}): { platform: Platform; useNotices: (modules: readonly FeatureModule[]) => void } {
  const { config, database, clock, logger } = input;
  const conversations = new SqlConversationStore(database.db);
  const outbox = new SqlOutboxStore(database.db);
  // The modules bring the renderers of their notices; the notifier reads them when it queues.
  const renderers: Record<string, NoticeRenderer> = {};
  const graphCredential = input.options?.graphCredential ?? createGraphCredential(config);
  const catalogueId = config.graph?.teamsAppCatalogueId;
  const reach =
    graphCredential === undefined || catalogueId === undefined
      ? undefined
      : new GraphUserReach(graphCredential, catalogueId, {
          ...(config.graph?.baseUrl === undefined ? {} : { baseUrl: config.graph.baseUrl }),
          ...(input.options?.graphSleep === undefined ? {} : { sleep: input.options.graphSleep }),
        });
  if (graphCredential !== undefined && reach === undefined) {
    logger.info(
      'no GRAPH_TEAMS_APP_ID: the bot is not installed for people who never opened it, nor are they looked up by e-mail',
    );
  }
  const reachLog = new SqlReachLog(database.db, deriveReachLogKey(config.exportSigningKey));
  const email = createEmailRoute({
    config,
    database,
    clock,
    conversations,
    graphCredential,
    ...(input.options?.graphSleep === undefined ? {} : { graphSleep: input.options.graphSleep }),
  });
  if (!email.fallback.active) {
    logger.info(
      graphCredential === undefined
        ? 'no Microsoft Graph identity: nothing is sent by e-mail when Teams cannot reach someone'
        : 'no GRAPH_MAIL_SENDER: nothing is sent by e-mail when Teams cannot reach someone',
    );
  }
  const notifier = new OutboxNotifier(
    outbox,
    conversations,
    renderers,
    clock,
    reach,
    reachLog,
    email.fallback,
  );
  const provisioner =
    graphCredential === undefined
      ? undefined
      : new GraphChannelProvisioner(graphCredential, config.graph?.baseUrl);
  if (provisioner === undefined) {
    logger.info(
      'no Microsoft Graph identity: each team gets a thread in General instead of a channel',
    );
  }
  const organiser = config.graph?.meetingOrganiser;
  const calendar =
    graphCredential === undefined || organiser === undefined
      ? undefined
      : new GraphMeetingCalendar(graphCredential, organiser, {
          ...(config.graph?.baseUrl === undefined ? {} : { baseUrl: config.graph.baseUrl }),
          ...(input.options?.graphSleep === undefined ? {} : { sleep: input.options.graphSleep }),
        });
  if (graphCredential !== undefined && calendar === undefined) {
    logger.info(
      'no GRAPH_MEETING_ORGANISER: programme meetings reach attendees as .ics invitations in Teams',
    );
  }
  const teams = new SqlProgrammeTeamStore(database.db);
  const candidacyOptions = input.options?.candidacies;
  const { core: candidacyCore, people } = createCandidacyDeps(database.db, {
    clock,
    notifier: candidacyOptions?.notifier ?? notifier,
    labAdminIds: config.labAdminIds,
    ...(reach === undefined
      ? {}
      : {
          directory: (people: Directory) =>
            new EntraBackedDirectory(people, reach, (message, details) =>
              logger.info(details, message),
            ),
        }),
    ...(candidacyOptions?.ids === undefined ? {} : { ids: candidacyOptions.ids }),
  });
  const platform: Platform = {
    config,
    database,
    clock,
    logger,
    version: input.version,
    conversations,
    programmes: new SqlProgrammeStore(database.db),
    candidacies: new SqlCandidacyStore(database.db),
    teams,
    outbox,
    notifier,
    candidacyCore,
    people,
    followUp: createFollowUpDeps(database.db, { clock, labAdminIds: config.labAdminIds }),
    provisioner,
    membership:
      graphCredential === undefined
        ? undefined
        : new GraphTeamMembership(graphCredential, {
            ...(config.graph?.baseUrl === undefined ? {} : { baseUrl: config.graph.baseUrl }),
            ...(input.options?.graphSleep === undefined ? {} : { sleep: input.options.graphSleep }),
          }),
    membershipCatchUp: new MembershipCatchUp(new SqlPendingMembershipStore(database.db), clock),
    personalChats:
      reach === undefined ? undefined : new PersonalChatInstaller(conversations, reach, clock),
    channelMembership:
      graphCredential === undefined
        ? undefined
        : new GraphChannelMembership(graphCredential, {
            ...(config.graph?.baseUrl === undefined ? {} : { baseUrl: config.graph.baseUrl }),
            ...(input.options?.graphSleep === undefined ? {} : { sleep: input.options.graphSleep }),
          }),
    meetings: createProgrammeMeetings({
      store: new SqlMeetingStore(database.db),
      calendar,
      invitations: new OutboxMeetingInvitations(notifier),
      organiser: calendar === undefined ? undefined : organiser,
      teams,
      clock,
      logger,
    }),
    publicUrl: input.publicUrl,
    labTeamIds: input.labTeamIds,
    programmeChoices: new ProgrammeChoices(clock),
    email,
  };
  return {
    platform,
    useNotices: (modules) => Object.assign(renderers, collectNotices(modules)),
  };
}

/**
 * The e-mail fallback: on with a Graph identity and GRAPH_MAIL_SENDER (the Lab's mailbox); off
 * otherwise, when it records why on each message it would have sent. Addresses come from the
 * people directory first, then from Microsoft Entra.
 */
function createEmailRoute(input: {
  config: Config;
  database: DatabaseHandle;
  clock: Clock;
  conversations: ConversationStore;
  graphCredential: TokenCredential | undefined;
  graphSleep?: Sleep;
}): EmailRoute {
  const { config, graphCredential } = input;
  const senderAddress = config.graph?.mailSender;
  const graphOptions = {
    ...(config.graph?.baseUrl === undefined ? {} : { baseUrl: config.graph.baseUrl }),
    ...(input.graphSleep === undefined ? {} : { sleep: input.graphSleep }),
  };
  const mailbox =
    graphCredential === undefined || senderAddress === undefined
      ? undefined
      : new GraphMailbox(graphCredential, senderAddress, graphOptions);
  const store = new SqlEmailDeliveryStore(input.database.db);
  const addresses = chainAddressBooks(new SqlPeopleDirectory(input.database.db), mailbox);
  const fallback = new EmailFallback({
    store,
    conversations: input.conversations,
    addresses,
    clock: input.clock,
    off:
      graphCredential === undefined ? 'no-graph' : mailbox === undefined ? 'no-sender' : undefined,
    notOnTeamsDomains: KNOWN_ORGANISATIONS.filter((o) => o.onTeams === false).flatMap((o) =>
      (o.emailDomains ?? []).map((domain) => domain.toLowerCase()),
    ),
  });
  return {
    fallback,
    store,
    sender: mailbox,
    senderAddress,
    addresses,
    teamsLink: buildTeamsDeepLink({
      teamsAppCatalogueId: config.graph?.teamsAppCatalogueId,
      tenantId: config.graph?.tenantId,
      botAppId: config.credentials?.appId,
    }),
  };
}
