import type { TurnContext } from 'botbuilder';
import type { Digest } from '../../core/digests/digest';
import { getProgrammeDigest, type DigestDeps } from '../../core/digests/get-programme-digest';
import type { ProgrammeStore } from '../../core/ports/programme-store';
import type { ProgrammeTeamStore } from '../../core/ports/programme-team-store';
import { getProgrammePhase } from '../../core/programmes/get-programme-phase';
import type { Programme } from '../../core/programmes/programme';
import { toLocalDay } from '../../core/time/to-local-day';
import type { Logger } from '../../logger';
import type { BotFeature, TurnHelpers } from '../../adapters/teams/bot-feature';
import { CardVerbs } from '../../adapters/teams/card-verbs';
import { readScope } from '../../adapters/teams/read-activity';
import { buildDigestCard } from './build-digest-card';
import type { AdaptiveCardJson } from '../../adapters/teams/cards/render-card';

/** "digest", "tableau de bord" or "dashboard", optionally followed by a programme's id or name. */
export const DIGEST_COMMAND = /^\s*(?:digest|tableau de bord|dashboard)(?:\s+(.+?))?\s*$/i;

/** Words that ask for every programme rather than one. */
const ALL_PROGRAMMES = new Set(['tous', 'toutes', 'all', 'tout']);

/** What the digest feature needs. */
export interface DigestFeatureDeps extends DigestDeps {
  programmes: ProgrammeStore;
  teams: ProgrammeTeamStore;
  logger: Logger;
  /**
   * Issues the single-use link to the programme's check-ins and review outcomes (.xlsx) for a
   * Lab team member; absent, the card offers no export.
   */
  exportReviews?: (programme: Programme, adminAadId: string) => Promise<string>;
}

interface ActionData {
  programmeId?: string;
}

/**
 * "tableau de bord": the Lab team's digest of one programme or of every programme under way, one
 * card each; a facilitator who asks gets the digest of their own teams. Refresh and export are
 * card actions.
 */
export function createDigestFeature(deps: DigestFeatureDeps): BotFeature {
  return (app, helpers: TurnHelpers) => {
    const card = (context: TurnContext, digest: Digest): AdaptiveCardJson =>
      buildDigestCard(helpers.cardContextOf(context), digest, {
        exportReviews: deps.exportReviews !== undefined,
      });
    const note = (
      context: TurnContext,
      key: 'digest.forbidden' | 'digest.noProgramme',
    ): AdaptiveCardJson => textCard(helpers.cardContextOf(context).t(key));

    /** Programmes the person facilitates teams of, when they are not in the Lab team. */
    const facilitated = async (aadId: string): Promise<Programme[]> => {
      const id = aadId.toLowerCase();
      const programmeIds = new Set(
        (await deps.teams.listForPerson(aadId))
          .filter((team) => team.facilitators.some((f) => f.aadId.toLowerCase() === id))
          .map((team) => team.programmeId),
      );
      return (await deps.programmes.list()).filter((p) => programmeIds.has(p.id));
    };

    /** The digests a person may see for a programme: the Lab team's, or a facilitator's own. */
    const digestFor = async (
      context: TurnContext,
      programme: Programme,
    ): Promise<Digest | undefined> => {
      const aadId = context.activity.from?.aadObjectId ?? '';
      if (helpers.rolesOf(context).has('lab')) return getProgrammeDigest(deps, programme);
      if ((await facilitated(aadId)).some((p) => p.id === programme.id)) {
        return getProgrammeDigest(deps, programme, { facilitatorAadId: aadId });
      }
      return undefined;
    };

    app.message(DIGEST_COMMAND, async (context) => {
      const { t } = helpers.cardContextOf(context);
      const argument = (DIGEST_COMMAND.exec(context.activity.text ?? '')?.[1] ?? '').trim();
      const aadId = context.activity.from?.aadObjectId ?? '';
      let programmes: Programme[];
      if (helpers.rolesOf(context).has('lab')) {
        const all = await deps.programmes.list();
        if (argument !== '' && !ALL_PROGRAMMES.has(normalise(argument))) {
          const wanted = findProgramme(all, argument);
          if (wanted === undefined) {
            await helpers.sendCard(
              context,
              textCard(t('digest.unknownProgramme', { programme: argument })),
            );
            return;
          }
          programmes = [wanted];
        } else {
          programmes = listUnderWay(all, toLocalDay(deps.clock.now(), 'Europe/Paris'));
        }
      } else {
        programmes = await facilitated(aadId);
        if (programmes.length === 0) {
          await helpers.sendCard(context, note(context, 'digest.forbidden'));
          return;
        }
      }
      if (programmes.length === 0) {
        await helpers.sendCard(context, note(context, 'digest.noProgramme'));
        return;
      }
      for (const programme of programmes) {
        const digest = await digestFor(context, programme);
        if (digest !== undefined) await helpers.sendCard(context, card(context, digest));
      }
    });

    const refresh = async (context: TurnContext, data: ActionData): Promise<AdaptiveCardJson> => {
      const programme =
        data.programmeId === undefined ? undefined : await deps.programmes.get(data.programmeId);
      if (programme === undefined) return note(context, 'digest.noProgramme');
      const digest = await digestFor(context, programme);
      return digest === undefined ? note(context, 'digest.forbidden') : card(context, digest);
    };

    const exportReviews = async (
      context: TurnContext,
      data: ActionData,
    ): Promise<AdaptiveCardJson> => {
      const { t } = helpers.cardContextOf(context);
      const aadId = context.activity.from?.aadObjectId;
      if (!helpers.rolesOf(context).has('lab') || aadId === undefined) {
        return note(context, 'digest.forbidden');
      }
      // Whoever holds the link can download once: it is only ever shown in the admin's own chat.
      if (readScope(context.activity) !== 'personal') {
        return textCard(t('digest.export.personalOnly'));
      }
      const programme =
        data.programmeId === undefined ? undefined : await deps.programmes.get(data.programmeId);
      if (programme === undefined || deps.exportReviews === undefined) {
        return note(context, 'digest.noProgramme');
      }
      const url = await deps.exportReviews(programme, aadId);
      deps.logger.info({ programmeId: programme.id }, 'review export link issued');
      return textCard(t('digest.export.title', { programme: programme.name }), [
        t('digest.export.ready', { url }),
      ]);
    };

    const handlers: Record<
      string,
      (context: TurnContext, data: ActionData) => Promise<AdaptiveCardJson>
    > = {
      [CardVerbs.digestShow]: refresh,
      [CardVerbs.digestRefresh]: refresh,
      [CardVerbs.digestExport]: exportReviews,
    };
    for (const [verb, handle] of Object.entries(handlers)) {
      // Action.Execute: the returned card replaces the clicked one, for everyone who sees it.
      app.adaptiveCards.actionExecute<ActionData>(verb, async (context, _state, data) =>
        handle(context, data),
      );
      // Action.Submit fallback for clients without Universal Actions: answer with a new card.
      app.adaptiveCards.actionSubmit<ActionData>(verb, async (context, _state, data) =>
        helpers.sendCard(context, await handle(context, data)),
      );
    }
  };
}

/** Programmes from the call's opening to the end of the follow-up, most recent call first. */
function listUnderWay(programmes: readonly Programme[], today: string): Programme[] {
  return programmes.filter((p) => {
    const phase = getProgrammePhase(p.milestones, today);
    return phase !== 'upcoming' && phase !== 'ended';
  });
}

/** A programme by id, or by name (case and accents ignored), exact first, then partial. */
function findProgramme(programmes: readonly Programme[], wanted: string): Programme | undefined {
  const key = normalise(wanted);
  return (
    programmes.find((p) => normalise(p.id) === key || normalise(p.name) === key) ??
    programmes.find((p) => normalise(p.name).includes(key) || normalise(p.id).includes(key))
  );
}

function normalise(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

function textCard(title: string, lines: string[] = []): AdaptiveCardJson {
  return {
    type: 'AdaptiveCard',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: title, wrap: true, weight: 'Bolder', size: 'Medium' },
      ...lines.map((text) => ({ type: 'TextBlock', text, wrap: true, spacing: 'Small' })),
    ],
  };
}
