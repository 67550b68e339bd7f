import { z } from 'zod';
import { ALL_SCOPES, defineCardVerb } from '../../adapters/teams/verbs/card-verb';
import { Guards } from '../../adapters/teams/verbs/guard';
import { defineTextCommand } from '../../adapters/teams/verbs/text-command';
import type { Turn } from '../../adapters/teams/verbs/turn';
import type { AdaptiveCardJson } from '../../adapters/teams/cards/render-card';
import { listHelpTopics } from '../../core/help/list-help-topics';
import { toLocalDay } from '../../core/scheduling/local-days';
import type { FeatureModule } from '../feature-module';
import type { Platform } from '../platform';
import {
  buildHelpCard,
  buildProfileCard,
  buildProgrammesCard,
  buildStatusCard,
} from './help-cards';
import { HelpVerbs } from './help-verbs';

/** The programme calendar's own time zone: milestones are Paris calendar days. */
const PROGRAMME_TIMEZONE = 'Europe/Paris';

/** The built-in cards carry no data of their own; anything else a card sends is ignored. */
const NO_DATA = z.object({}).passthrough();

/**
 * What everyone can ask the bot: the help card for their roles (also the answer to any text the
 * bot does not understand, and its greeting when installed), what it knows of them, the
 * programmes, and, for the Lab team, the bot's status.
 */
export function createHelpModule(
  platform: Pick<
    Platform,
    | 'programmes'
    | 'conversations'
    | 'clock'
    | 'database'
    | 'version'
    | 'config'
    | 'meetings'
    | 'email'
  >,
): FeatureModule {
  const helpCard = async (turn: Turn): Promise<AdaptiveCardJson> => {
    const roles = await turn.sender.roles();
    return buildHelpCard(turn.card, listHelpTopics(roles), roles, {
      programmes: await platform.programmes.list(),
      today: toLocalDay(platform.clock.now(), PROGRAMME_TIMEZONE),
    });
  };
  const profileCard = async (turn: Turn): Promise<AdaptiveCardJson> => {
    const known = await platform.conversations.getUserContext(turn.sender.aadId);
    return buildProfileCard(turn.card, {
      roles: await turn.sender.roles(),
      timezone: turn.sender.timeZone ?? known?.timezone ?? null,
    });
  };
  const programmesCard = async (turn: Turn): Promise<AdaptiveCardJson> =>
    buildProgrammesCard(
      turn.card,
      await platform.programmes.list(),
      toLocalDay(platform.clock.now(), PROGRAMME_TIMEZONE),
    );
  const statusCard = async (turn: Turn): Promise<AdaptiveCardJson> => {
    const active = await platform.conversations.listActive();
    const count = (scope: string): number => active.filter((c) => c.scope === scope).length;
    return buildStatusCard(turn.card, {
      dialect: platform.database.dialect,
      databaseUp: await platform.database.ping(),
      installations: {
        personal: count('personal'),
        channel: count('channel'),
        groupChat: count('groupChat'),
      },
      version: platform.version,
      graph: {
        configured: platform.config.graph !== undefined,
        installs: platform.config.graph?.teamsAppCatalogueId !== undefined,
      },
      meetingOrganiser: platform.meetings.organiser,
      ...(platform.email === undefined
        ? {}
        : {
            email:
              platform.email.senderAddress !== undefined && platform.email.fallback.active
                ? { sender: platform.email.senderAddress }
                : { off: platform.config.graph === undefined ? 'no-graph' : 'no-sender' },
          }),
    });
  };

  const cards = [
    { verb: HelpVerbs.help, guard: Guards.staff, build: helpCard },
    { verb: HelpVerbs.profile, guard: Guards.staff, build: profileCard },
    { verb: HelpVerbs.programmes, guard: Guards.staff, build: programmesCard },
    { verb: HelpVerbs.status, guard: Guards.lab, build: statusCard },
  ];
  const commands = [
    { id: 'help', pattern: /^\s*(aide|help|\?)\s*$/i, examples: { fr: 'aide', en: 'help' } },
    {
      id: 'profile',
      pattern: /^\s*(mes informations|my information|profil|profile)\s*$/i,
      examples: { fr: 'mes informations', en: 'my information' },
    },
    {
      id: 'programmes',
      pattern: /^\s*(programmes?)\s*$/i,
      examples: { fr: 'programmes', en: 'programmes' },
    },
    {
      id: 'status',
      pattern: /^\s*(état|etat|status)\s*$/i,
      examples: { fr: 'état', en: 'status' },
    },
  ];

  return {
    name: 'help',
    fallback: helpCard,
    verbs: cards.map(({ verb, guard, build }) =>
      defineCardVerb({
        verb,
        data: NO_DATA,
        guard,
        scopes: ALL_SCOPES,
        handle: (turn) => build(turn),
      }),
    ),
    commands: commands.map((command, index) =>
      defineTextCommand({
        ...command,
        guard: cards[index]!.guard,
        scopes: ALL_SCOPES,
        handle: async (turn) => turn.send(await cards[index]!.build(turn)),
      }),
    ),
  };
}
