import type { HelpTopic } from '../../core/help/list-help-topics';
import type { Role } from '../../core/people/role';
import { getNextMilestone, getProgrammePhase } from '../../core/programmes/get-programme-phase';
import type { Programme } from '../../core/programmes/programme';
import type { MessageKey } from '../../i18n/fr';
import { formatDay } from '../../i18n/translate';
import type { CardContext } from '../../adapters/teams/cards/card-context';
import factsTemplate from './facts-card.json';
import helpTemplate from './help-card.json';
import programmesTemplate from './programmes-card.json';
import { renderCard, type AdaptiveCardJson } from '../../adapters/teams/cards/render-card';
import { CandidacyVerbs } from '../candidacies/candidacy-verbs';
import { HelpVerbs, type HelpVerb } from './help-verbs';

interface CardAction {
  title: string;
  verb: HelpVerb;
  mode: 'primary' | 'secondary';
}

/** Buttons shown at a card's foot; the others wait in its "…" menu. */
const PRIMARY_ACTIONS = 2;

const ACTION_LABELS: Record<HelpVerb, MessageKey> = {
  [HelpVerbs.help]: 'action.help',
  [HelpVerbs.profile]: 'action.profile',
  [HelpVerbs.programmes]: 'action.programmes',
  [HelpVerbs.status]: 'action.status',
};

const TOPIC_VERBS: Record<HelpTopic['id'], HelpVerb | undefined> = {
  help: undefined,
  profile: HelpVerbs.profile,
  programmes: HelpVerbs.programmes,
  apply: undefined,
  selection: undefined,
  formation: undefined,
  newProgramme: undefined,
  endorse: undefined,
  history: undefined,
  absence: undefined,
  // Typed: its card belongs to the personal-data module.
  myData: undefined,
  calendar: undefined,
  digest: undefined,
  sessions: undefined,
  sessionRequests: undefined,
  status: HelpVerbs.status,
};

function toActions({ t }: CardContext, verbs: HelpVerb[]): CardAction[] {
  return verbs.map((verb, index) => ({
    title: t(ACTION_LABELS[verb]),
    verb,
    mode: index < PRIMARY_ACTIONS ? 'primary' : 'secondary',
  }));
}

/**
 * The help card: the commands this person can use, with buttons for the main ones, and which
 * programmes they concern (those under way, each with its phase) when `underWay` is given.
 */
export function buildHelpCard(
  context: CardContext,
  topics: HelpTopic[],
  roles: ReadonlySet<Role>,
  underWay?: { programmes: readonly Programme[]; today: string },
): AdaptiveCardJson {
  const { t } = context;
  return renderCard(helpTemplate, {
    title: t('help.title'),
    intro: t('help.intro'),
    programmes: underWay === undefined ? '' : describeUnderWay(context, underWay),
    labIntro: roles.has('lab') ? t('help.intro.lab') : '',
    topics: topics.map((topic) => ({
      command: t(`help.topic.${topic.id}.command`),
      description: t(`help.topic.${topic.id}.description`),
    })),
    channelHint: t('help.channelHint'),
    actions: toActions(
      context,
      topics.map((topic) => TOPIC_VERBS[topic.id]).filter((verb) => verb !== undefined),
    ),
  });
}

/** "Programme en cours : « X » (phase)…", or which ones when several are, or nothing. */
function describeUnderWay(
  { t, language }: CardContext,
  underWay: { programmes: readonly Programme[]; today: string },
): string {
  const named = underWay.programmes
    .map((programme) => ({
      programme,
      phase: getProgrammePhase(programme.milestones, underWay.today),
    }))
    .filter(({ phase }) => phase !== 'upcoming' && phase !== 'ended')
    .map(({ programme, phase }) =>
      t('help.programme', { programme: programme.name, phase: t(`phase.${phase}`) }),
    );
  if (named.length === 0) return '';
  if (named.length === 1) return t('help.programmes.one', { programme: named[0]! });
  const list = new Intl.ListFormat(language === 'fr' ? 'fr-FR' : 'en-GB', {
    type: 'conjunction',
  }).format(named);
  return t('help.programmes.several', { programmes: list });
}

/** What the bot knows about the person: roles, language and the time zone used for reminders. */
export function buildProfileCard(
  context: CardContext,
  profile: { roles: ReadonlySet<Role>; timezone: string | null },
): AdaptiveCardJson {
  const { t, language } = context;
  const roleOrder: Role[] = ['lab', 'committee', 'facilitator', 'lead', 'participant', 'staff'];
  return renderCard(factsTemplate, {
    title: t('profile.title'),
    facts: [
      {
        label: t('profile.roles'),
        value: roleOrder
          .filter((role) => profile.roles.has(role))
          .map((role) => t(`role.${role}`))
          .join(', '),
      },
      { label: t('profile.language'), value: t(`language.${language}`) },
      { label: t('profile.timezone'), value: profile.timezone ?? t('profile.timezoneUnknown') },
    ],
    note: t('profile.note'),
    actions: toActions(context, [HelpVerbs.help, HelpVerbs.programmes]),
  });
}

/** The list of programmes with their current phase, derived from their dates. */
export function buildProgrammesCard(
  context: CardContext,
  programmes: Programme[],
  today: string,
): AdaptiveCardJson {
  const { t, language } = context;
  return renderCard(programmesTemplate, {
    title: t('programmes.title'),
    // The announcement's way in: the candidacy form of the programme.
    applyVerb: CandidacyVerbs.open,
    empty: t('programmes.none'),
    programmes: programmes.map((programme) => {
      const next = getNextMilestone(programme.milestones, today);
      const phase = getProgrammePhase(programme.milestones, today);
      return {
        id: programme.id,
        // The programme's announcement carries the way in while its call is open.
        apply: phase === 'call-open' ? t('programmes.apply', { programme: programme.name }) : '',
        name: programme.name,
        theme: programme.theme,
        phase: t('programmes.phase', {
          phase: t(`phase.${phase}`),
        }),
        next:
          next === undefined
            ? ''
            : t('programmes.next', {
                milestone: t(`milestone.${next.name}`),
                date: formatDay(next.date, language),
              }),
        seats: t('programmes.seats', {
          seats: programme.seats,
          organisations: programme.organisations.length,
        }),
      };
    }),
    actions: toActions(context, [HelpVerbs.help]),
  });
}

/** Facts about the running bot, for the Lab team. */
export function buildStatusCard(
  context: CardContext,
  status: {
    dialect: string;
    databaseUp: boolean;
    installations: { personal: number; channel: number; groupChat: number };
    version: string;
    /** What Graph is configured for: nothing, or channels and members, with or without installs. */
    graph: { configured: boolean; installs: boolean };
    /** The mailbox that organises the programmes' meetings; absent: meetings reach no calendar. */
    meetingOrganiser?: string | undefined;
    /** Whether messages Teams cannot deliver go by e-mail, from which mailbox, or why not. */
    email?: { sender: string } | { off: 'no-graph' | 'no-sender' };
  },
): AdaptiveCardJson {
  const { t } = context;
  const graph = status.graph.configured
    ? t('status.graph.on', {
        installs: t(status.graph.installs ? 'status.graph.installs' : 'status.graph.noInstalls'),
      })
    : t('status.graph.none');
  return renderCard(factsTemplate, {
    title: t('status.title'),
    facts: [
      {
        label: t('status.database'),
        value: t(status.databaseUp ? 'status.databaseOk' : 'status.databaseDown', {
          dialect: status.dialect,
        }),
      },
      {
        label: t('status.installations'),
        value: t('status.installationsValue', status.installations),
      },
      { label: t('status.graph'), value: graph },
      {
        label: t('status.meetings'),
        value:
          status.meetingOrganiser === undefined
            ? t('status.meetings.off')
            : t('status.meetings.on', { organiser: status.meetingOrganiser }),
      },
      ...(status.email === undefined
        ? []
        : [
            {
              label: t('status.email'),
              value:
                'sender' in status.email
                  ? t('status.email.on', { sender: status.email.sender })
                  : t(
                      status.email.off === 'no-graph'
                        ? 'status.email.noGraph'
                        : 'status.email.noSender',
                    ),
            },
          ]),
      { label: t('status.version'), value: status.version },
    ],
    note: '',
    actions: toActions(context, [HelpVerbs.help]),
  });
}
