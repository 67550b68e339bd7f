import {
  buildProgrammeChoiceCard,
  pickProgramme as pickProgrammeFor,
  type ProgrammePick,
} from '../programme-choice';
import type { BulkNotice } from '../../core/ports/notifier';
import { z } from 'zod';
import {
  type ConfirmationRefusal,
  type ConfirmationReport,
  confirmFormation,
  welcomeData,
} from '../../core/formation/confirm-formation';
import { applyFormationEdit, type FormationEdit } from '../../core/formation/edit-formation';
import type { FormationDraft, FormationParticipant } from '../../core/formation/formation-draft';
import { listApplyingTeams, listParticipants } from '../../core/formation/list-participants';
import {
  evaluateDraft,
  proposeFormation,
  type FormationView,
} from '../../core/formation/propose-formation';
import { toProgrammeTeams } from '../../core/formation/to-programme-teams';
import { toChannelName } from '../../core/team-channels/to-channel-name';
import { getProgrammePhase } from '../../core/programmes/get-programme-phase';
import type { Programme } from '../../core/programmes/programme';
import type { ProgrammeTeam, TeamPerson } from '../../core/programmes/programme-team';
import { assignFacilitators } from '../../core/team-formation/assign-facilitators';
import { toLocalDay } from '../../core/scheduling/local-days';
import { cardId, cardPage, optionalCardId } from '../../adapters/teams/verbs/card-data';
import {
  ALL_SCOPES,
  defineCardVerb,
  type Confirmation,
} from '../../adapters/teams/verbs/card-verb';
import { Guards } from '../../adapters/teams/verbs/guard';
import { MAX_SEARCH_RESULTS, type SearchResult } from '../../adapters/teams/verbs/search-dataset';
import { defineTextCommand } from '../../adapters/teams/verbs/text-command';
import type { Turn } from '../../adapters/teams/verbs/turn';
import { randomUUID } from 'node:crypto';
import { SqlFormationDraftStore } from '../../adapters/sql/sql-formation-draft-store';
import { SqlOccurrenceStore } from '../../adapters/sql/sql-occurrence-store';
import { SqlOwnChannelStore } from '../../adapters/sql/sql-own-channel-store';
import {
  applyTeamChanges,
  toChangeDraft,
  type TeamChange,
} from '../../core/formation/change-formation';
import { buildCard } from '../../adapters/teams/cards/card-kit';
import {
  addTeamMembers,
  guestRuleOf,
  type MembershipReport,
} from '../../core/team-spaces/add-team-members';
import type { Job } from '../../jobs/job-registry';
import {
  memberChannelsOf,
  syncChannelMembers,
  type ChannelMembershipReport,
} from '../../core/team-spaces/sync-channel-members';
import type { FeatureModule } from '../feature-module';
import type { Platform } from '../platform';
import {
  createFormationRenderers,
  buildDryRunCard,
  buildFormationCard,
  describeChange,
  MAX_SEARCH_LENGTH,
  TEAMS_PER_PAGE,
  describeConfirmation,
  describeMembership,
  describeChannelMembership,
  toPreviewTeams,
  type CardMessage,
  PEOPLE_SEARCH,
} from './formation-cards';
import type { CardContext } from '../../adapters/teams/cards/card-context';
import type { AdaptiveCardJson } from '../../adapters/teams/cards/render-card';
import { FormationVerbs } from './formation-verbs';

/**
 * How long one confirmation holds the programme: creating hundreds of channels through Graph,
 * paced to its limits, takes minutes; a process that dies meanwhile frees it after this.
 */
const CONFIRM_LEASE_MS = 30 * 60 * 1000;

/** Teams wants an answer to a card action within 5 seconds; past this, the result is posted later. */
export const INVOKE_BUDGET_MS = 3_500;

/** The programme the card is about (absent: the one about to form its teams). */
const PROGRAMME_DATA = z.object({ programmeId: optionalCardId, page: cardPage }).passthrough();
/** Two people to swap, picked in the card. */
const SWAP_DATA = z
  .object({
    programmeId: optionalCardId,
    person: optionalCardId,
    other: optionalCardId,
    page: cardPage,
  })
  .passthrough();
/** A person and the team (0-based, as the card's choices send it) to move them to. */
const MOVE_DATA = z
  .object({
    programmeId: optionalCardId,
    person: optionalCardId,
    page: cardPage,
    team: z
      .union([z.literal(''), z.number().int().min(0).max(9_999), z.string().regex(/^\d{1,4}$/)])
      .optional(),
  })
  .passthrough();
const LOCK_DATA = z
  .object({ programmeId: optionalCardId, person: cardId, page: cardPage })
  .passthrough();

/** A name, or part of one, to find in the preview. */
const FIND_DATA = z
  .object({
    programmeId: optionalCardId,
    page: cardPage,
    search: z.string().max(MAX_SEARCH_LENGTH).optional(),
  })
  .passthrough();

/** What an action does to the preview: the formation to show, a line about it, the page. */
type PreviewChange = { view: FormationView; message?: CardMessage; page?: number };

type ActionData = {
  programmeId?: string | undefined;
  person?: string | undefined;
  /** The page of teams the card showed: the answer shows the same one. */
  page?: number | undefined;
};

/** Replaceable parts, for tests. */
export interface FormationModuleOptions {
  wait?: (ms: number) => Promise<void>;
}

/**
 * "former les équipes": the Lab team previews mixed teams, swaps, moves, locks, redraws, runs a
 * dry run and confirms; confirming creates each team's space and queues the welcome posts.
 */
export function createFormationModule(
  platform: Pick<
    Platform,
    | 'programmes'
    | 'candidacies'
    | 'teams'
    | 'conversations'
    | 'notifier'
    | 'provisioner'
    | 'membership'
    | 'membershipCatchUp'
    | 'channelMembership'
    | 'meetings'
    | 'clock'
    | 'logger'
    | 'database'
    | 'programmeChoices'
    | 'people'
  >,
  options: FormationModuleOptions = {},
): FeatureModule {
  const deps = {
    ...platform,
    drafts: new SqlFormationDraftStore(platform.database.db),
  };
  const occurrences = new SqlOccurrenceStore(platform.database.db);
  const ownChannels = new SqlOwnChannelStore(platform.database.db);
  const claimOwner = `formation-${randomUUID()}`;
  const namesOf = (aadIds: readonly string[]) => platform.people.findNames(aadIds);
  const wait =
    options.wait ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  /** Whoever Graph could not add for a passing reason is tried again by the hourly catch-up. */
  /** Who is to be tried again is stored; a failure to store it is logged, never the turn's. */
  const rememberMembership = async (
    programme: Programme,
    people: readonly TeamPerson[],
    report: MembershipReport | undefined,
  ): Promise<void> => {
    if (report === undefined || programme.teamsGroupId === undefined) return;
    try {
      await deps.membershipCatchUp.remember(
        { programmeId: programme.id, teamGroupId: programme.teamsGroupId },
        people,
        report,
      );
    } catch (error) {
      deps.logger.error(
        { err: error, programmeId: programme.id },
        'membership catch-up not stored',
      );
    }
  };
  const pickProgramme = async (programmeId: string | undefined): Promise<Programme | undefined> => {
    if (programmeId !== undefined) return deps.programmes.get(programmeId);
    const all = await deps.programmes.list();
    const today = toLocalDay(deps.clock.now(), 'Europe/Paris');
    // The programme about to form its teams first; otherwise the most recent call.
    return (
      all.find((p) => ['selection', 'kick-off'].includes(getProgrammePhase(p.milestones, today))) ??
      all[0]
    );
  };

  /**
   * The programme "former les équipes" means: the one named; else the one about to form its
   * teams (selection or kick-off), asking when several are; else the most recent call.
   */
  const chooseProgramme = async (
    turn: Turn,
    programmeId: string | undefined,
  ): Promise<ProgrammePick> => {
    const choice = {
      choices: platform.programmeChoices,
      aadId: turn.sender.aadId,
      subject: 'formation',
    };
    if (programmeId !== undefined) {
      const named = await deps.programmes.get(programmeId);
      return named === undefined
        ? { kind: 'none' }
        : pickProgrammeFor({ ...choice, named, relevant: [], fallback: undefined });
    }
    const all = await deps.programmes.list();
    const today = toLocalDay(deps.clock.now(), 'Europe/Paris');
    return pickProgrammeFor({
      ...choice,
      named: undefined,
      relevant: all.filter((p) =>
        ['selection', 'kick-off'].includes(getProgrammePhase(p.milestones, today)),
      ),
      fallback: all[0],
    });
  };

  const preview = async (
    turn: Turn,
    programmeId: string | undefined,
    change: (
      programme: Programme,
      participants: FormationParticipant[],
      draft: FormationDraft | undefined,
    ) => Promise<PreviewChange> | PreviewChange,
    page?: number,
  ): Promise<AdaptiveCardJson> => {
    const cardContext = turn.card;
    const { t } = cardContext;
    const pick = await chooseProgramme(turn, programmeId);
    if (pick.kind === 'ask') {
      return buildProgrammeChoiceCard(cardContext, pick.programmes, FormationVerbs.regenerate);
    }
    if (pick.kind === 'none') return simpleCard(t('formation.noProgramme'));
    const programme = pick.programme;
    if (programme.intakeMode === 'team') {
      const teams = await teamModeTeams(programme);
      const organisationName = new Map(programme.organisations.map((o) => [o.id, o.name]));
      // A facilitator of the team's own organisation only when the others cannot cover every
      // team: the organiser is told which, and how to avoid it.
      const ownOrganisation = teams.flatMap((team) => {
        const organisations = new Set(team.members.map((m) => m.organisationId));
        return team.facilitators
          .filter((f) => organisations.has(f.organisationId))
          .map((f) =>
            t('formation.teamMode.ownOrganisation', {
              facilitator: f.name,
              organisation: organisationName.get(f.organisationId) ?? f.organisationId,
              team: team.name,
            }),
          );
      });
      return buildFormationCard(cardContext, {
        programme,
        participants: teams.flatMap((team) => team.members.map((m) => ({ ...m }))),
        teams: toPreviewTeams(teams),
        lines: [t('formation.teamMode', { teams: teams.length }), ...ownOrganisation],
        ...(page === undefined ? {} : { page }),
      });
    }
    const participants = await listParticipants(deps.candidacies, programme);
    if (participants.length === 0) {
      return simpleCard(t('formation.noParticipants', { programme: programme.name }));
    }
    const draft = await deps.drafts.get(programme.id);
    const { view, message, page: shownPage = page } = await change(programme, participants, draft);
    if (!view.ok) {
      // A refused edit keeps the stored draft; the card shows it again with the reason.
      const current =
        draft === undefined
          ? undefined
          : evaluateDraft(programme, participants, draft, {
              lockAll: true,
              language: cardContext.language,
            });
      const reason = [t('formation.infeasible'), ...view.explanation].join(' ');
      if (current?.ok === true) {
        return renderDraft(
          cardContext,
          programme,
          participants,
          current,
          { text: reason, tone: 'attention' },
          page,
        );
      }
      return simpleCard(reason);
    }
    await deps.drafts.save({
      ...view.draft,
      updatedAt: deps.clock.now(),
      updatedBy: turn.sender.aadId,
    });
    return renderDraft(cardContext, programme, participants, view, message, shownPage);
  };

  const teamModeTeams = async (programme: Programme): Promise<ProgrammeTeam[]> => {
    const applying = await listApplyingTeams(deps.candidacies, programme, namesOf);
    const facilitators = programme.facilitators ?? [];
    const assignment =
      facilitators.length >= 2 && applying.length > 0
        ? assignFacilitators(
            applying.map((team) => new Set(team.members.map((m) => m.organisationId))),
            facilitators.map((f) => ({ id: f.aadId, organisation: f.organisationId })),
          )
        : undefined;
    return applying.map((team, index) => ({
      ...team,
      facilitators: (assignment?.teams[index] ?? []).map((f) => ({
        aadId: facilitators[f]!.aadId,
        name: facilitators[f]!.name,
        organisationId: facilitators[f]!.organisationId,
      })),
    }));
  };

  const initial = (
    turn: Turn,
    programme: Programme,
    participants: FormationParticipant[],
    draft: FormationDraft | undefined,
  ): { view: FormationView } => {
    const language = turn.card.language;
    if (draft !== undefined)
      return { view: evaluateDraft(programme, participants, draft, { lockAll: true, language }) };
    return {
      view: proposeFormation(programme, participants, {
        seed: 1,
        userLocks: [],
        now: deps.clock.now(),
        by: turn.sender.aadId,
        language,
      }),
    };
  };

  const edit = (
    turn: Turn,
    data: ActionData,
    make: (draft: FormationDraft) => FormationEdit | undefined,
  ) =>
    preview(
      turn,
      data.programmeId,
      (programme, participants, draft) => {
        const { t, language } = turn.card;
        if (draft === undefined) return initial(turn, programme, participants, undefined);
        const wanted = make(draft);
        const applied =
          wanted === undefined
            ? { ok: false as const, refusal: 'unknown-person' as const }
            : applyFormationEdit(draft, wanted);
        if (!applied.ok) {
          const current = evaluateDraft(programme, participants, draft, {
            lockAll: true,
            language,
          });
          return {
            view: current,
            message: {
              text: t('formation.refused', { reason: t(`formation.refusal.${applied.refusal}`) }),
              tone: 'attention',
            },
          };
        }
        const view = evaluateDraft(programme, participants, applied.draft, {
          lockAll: true,
          language,
        });
        const name = (id: string | undefined): string =>
          participants.find((p) => p.aadId === id)?.name ?? '';
        let text = '';
        if (wanted?.kind === 'swap')
          text = t('formation.swapped', { a: name(wanted.a), b: name(wanted.b) });
        if (wanted?.kind === 'move')
          text = t('formation.moved', { name: name(wanted.person), team: wanted.team + 1 });
        if (wanted?.kind === 'lock') text = t('formation.lockedNow', { name: name(wanted.person) });
        if (wanted?.kind === 'unlock')
          text = t('formation.unlockedNow', { name: name(wanted.person) });
        return { view, message: { text, tone: 'good' } };
      },
      data.page,
    );

  /** Shows the page of the team of the first person whose name contains the search. */
  const find = (turn: Turn, data: ActionData & { search?: string | undefined }) =>
    preview(
      turn,
      data.programmeId,
      (programme, participants, draft): PreviewChange => {
        const { view } = initial(turn, programme, participants, draft);
        const { t } = turn.card;
        const search = (data.search ?? '').trim();
        if (!view.ok || search === '') return { view };
        const wanted = foldName(search);
        const matches = participants.filter((p) => foldName(p.name).includes(wanted));
        const first = matches[0];
        const index =
          first === undefined
            ? -1
            : view.result.teams.findIndex((team) => team.members.includes(first.aadId));
        const team = view.result.teams[index];
        if (first === undefined || team === undefined) {
          return {
            view,
            message: { text: t('formation.search.none', { search }), tone: 'attention' },
          };
        }
        const values = { name: first.name, team: teamName(programme, team, index) };
        return {
          view,
          message: {
            text:
              matches.length === 1
                ? t('formation.search.found', values)
                : t('formation.search.foundMore', { ...values, count: matches.length - 1 }),
            tone: 'good',
          },
          page: Math.floor(index / TEAMS_PER_PAGE),
        };
      },
      data.page,
    );

  const regenerate = (turn: Turn, data: ActionData) =>
    preview(
      turn,
      data.programmeId,
      (programme, participants, draft) => {
        const language = turn.card.language;
        const seed = (draft?.seed ?? 0) + 1;
        return {
          view: proposeFormation(programme, participants, {
            seed,
            userLocks: draft?.userLocks ?? [],
            now: deps.clock.now(),
            by: turn.sender.aadId,
            language,
          }),
        };
      },
      data.page,
    );

  const confirm = async (
    turn: Turn,
    data: ActionData,
    dryRun: boolean,
  ): Promise<AdaptiveCardJson> => {
    const cardContext = turn.card;
    const { t } = cardContext;
    const programme = await pickProgramme(data.programmeId);
    if (programme === undefined) return simpleCard(t('formation.noProgramme'));
    const confirmed = await deps.teams.listByProgramme(programme.id);
    if (confirmed.length > 0) {
      const draft = await deps.drafts.get(programme.id);
      if (draft?.changesConfirmed === true) {
        return confirmChange(turn, programme, confirmed, draft, dryRun);
      }
      // A second click, or a click on an old card: confirming again changes nothing, but adds
      // to the programme's Teams team whoever is still missing (a permission granted since, or
      // Graph failing the first time).
      if (dryRun) return alreadyConfirmed(turn, programme, confirmed.length);
      return completeMembership(turn, programme, confirmed);
    }
    const claimKey = `formation:confirm:${programme.id}`;
    if (!dryRun) {
      // One confirmation at a time, whichever instance the clicks reach.
      const claimedAt = deps.clock.now();
      const claim = await occurrences.claim(
        claimKey,
        claimOwner,
        claimedAt,
        new Date(claimedAt.getTime() + CONFIRM_LEASE_MS),
      );
      if (claim === 'done') return alreadyConfirmed(turn, programme, confirmed.length);
      if (claim === 'held')
        return simpleCard(t('formation.confirming', { programme: programme.name }));
    }
    let teams: ProgrammeTeam[];
    if (programme.intakeMode === 'team') {
      teams = await teamModeTeams(programme);
    } else {
      const participants = await listParticipants(deps.candidacies, programme);
      const draft = await deps.drafts.get(programme.id);
      const view =
        draft === undefined
          ? initial(turn, programme, participants, undefined).view
          : evaluateDraft(programme, participants, draft, {
              lockAll: true,
              language: cardContext.language,
            });
      if (!view.ok) {
        if (!dryRun) await occurrences.release(claimKey, claimOwner, 'infeasible');
        return simpleCard([t('formation.infeasible'), ...view.explanation].join(' '));
      }
      teams = toProgrammeTeams(programme, participants, view.result);
    }
    const work = confirmFormation(
      programme,
      teams,
      {
        teams: deps.teams,
        conversations: deps.conversations,
        notifier: deps.notifier,
        bulk: {
          notifier: deps.notifier,
          label: t('formation.progress', { programme: programme.name }),
          // The thread the organiser wrote in: the progress card goes there.
          shownTo: turn.context.activity.conversation?.id ?? turn.sender.conversationId,
        },
        provisioner: deps.provisioner,
        membership: deps.membership,
        channelMembership: deps.channelMembership,
        ownChannels,
        wait,
        now: deps.clock.now(),
      },
      { dryRun },
    ).then(
      async (outcome) => {
        if (!dryRun) {
          if (outcome.ok) {
            await rememberMembership(
              programme,
              outcome.report.teams.flatMap((team) => [...team.members, ...team.facilitators]),
              outcome.report.membership,
            );
            await deps.drafts.delete(programme.id);
            await occurrences.markDone(claimKey, claimOwner, deps.clock.now());
            // The teams are known now: their meetings go on calendars (nothing twice).
            const meetings = await deps.meetings.sync(programme);
            if (meetings !== undefined) outcome.report.meetings = meetings;
          } else {
            await occurrences.release(claimKey, claimOwner, outcome.refusal);
          }
        }
        return outcome;
      },
      async (error: unknown) => {
        if (!dryRun) await occurrences.release(claimKey, claimOwner, 'failed');
        throw error;
      },
    );
    const refusalSentence = (refusal: ConfirmationRefusal, of: Programme): string =>
      refusal === 'no-programme-team'
        ? t('formation.noProgrammeTeam', { programme: of.name })
        : t('formation.noTeamInstalled', { programme: of.name, team: of.teamsTeamId ?? '' });
    const quick = await Promise.race([work, wait(INVOKE_BUDGET_MS).then(() => undefined)]);
    const title = t(dryRun ? 'formation.dryRun.title' : 'formation.confirmed.title', {
      programme: programme.name,
    });
    const render = (outcome: Awaited<typeof work>): AdaptiveCardJson => {
      if (!outcome.ok) return simpleCard(refusalSentence(outcome.refusal, programme));
      const lines = summaryLines(cardContext, outcome.report, dryRun);
      return dryRun
        ? buildDryRunCard(cardContext, { title, lines, programmeId: programme.id, page: data.page })
        : simpleCard(title, lines);
    };
    if (quick !== undefined) return render(quick);
    // Slow (many channels through Graph): answer now, post the summary when done.
    const conversationId = turn.context.activity.conversation?.id ?? turn.sender.conversationId;
    const startedAt = deps.clock.now().toISOString();
    void work
      .then(async (outcome) => {
        if (conversationId === undefined) return;
        const lines = outcome.ok
          ? summaryLines(cardContext, outcome.report, dryRun)
          : [refusalSentence(outcome.refusal, programme)];
        await deps.notifier.notify(
          `formation:${programme.id}:result:${startedAt}`,
          { kind: 'conversation', conversationId },
          {
            kind: 'formation.result',
            // A dry run's result offers the confirmation, as the quick answer does.
            data:
              dryRun && outcome.ok ? { title, lines, programmeId: programme.id } : { title, lines },
          },
        );
      })
      .catch((error: unknown) =>
        deps.logger.error({ err: error }, 'team formation confirmation failed'),
      );
    return simpleCard(title);
  };

  /**
   * Confirming teams already confirmed: adds the people still missing from the programme's Teams
   * team (only them: running it again adds nobody twice), within the card's time budget, or
   * posts the outcome later in the organiser's conversation.
   */
  const completeMembership = async (
    turn: Turn,
    programme: Programme,
    confirmed: ProgrammeTeam[],
  ): Promise<AdaptiveCardJson> => {
    // Confirming again also catches the meetings up (a permission granted since, Graph back).
    void deps.meetings.sync(programme);
    if (deps.membership === undefined || programme.teamsGroupId === undefined) {
      return alreadyConfirmed(turn, programme, confirmed.length);
    }
    const groupId = programme.teamsGroupId;
    const people = confirmed.flatMap((team) => [...team.members, ...team.facilitators]);
    const guests = guestRuleOf(programme);
    const membership = deps.membership;
    // The Teams team first: a private channel takes only members of its team.
    const work = addTeamMembers(membership, groupId, people, { wait, guests }).then(
      async (report) => {
        await rememberMembership(programme, people, report);
        return { report, channels: await syncChannels(groupId, confirmed, people, guests) };
      },
    );
    const describe = (done: Awaited<typeof work>): string[] => [
      ...describeMembership(turn.card, done.report),
      ...(done.channels === undefined ? [] : describeChannelMembership(turn.card, done.channels)),
    ];
    const quick = await Promise.race([work, wait(INVOKE_BUDGET_MS).then(() => undefined)]);
    if (quick !== undefined) {
      return alreadyConfirmed(turn, programme, confirmed.length, describe(quick));
    }
    const conversationId = turn.context.activity.conversation?.id ?? turn.sender.conversationId;
    const startedAt = deps.clock.now().toISOString();
    const title = turn.card.t('formation.alreadyConfirmed.title', { programme: programme.name });
    void work
      .then(async (done) => {
        if (conversationId === undefined) return;
        await deps.notifier.notify(
          `formation:${programme.id}:members:${startedAt}`,
          { kind: 'conversation', conversationId },
          {
            kind: 'formation.result',
            data: { title, lines: describe(done) },
          },
        );
      })
      .catch((error: unknown) =>
        deps.logger.error({ err: error }, 'adding people to the programme team failed'),
      );
    return alreadyConfirmed(turn, programme, confirmed.length);
  };

  const alreadyConfirmed = (
    turn: Turn,
    programme: Programme,
    teams: number,
    more: string[] = [],
  ): AdaptiveCardJson => {
    // Team mode keeps each team as its organisation proposed it: there is nothing to change here.
    const teamMode = programme.intakeMode === 'team';
    return buildCard({
      title: turn.card.t('formation.alreadyConfirmed.title', { programme: programme.name }),
      lines: [
        turn.card.t(
          teamMode ? 'formation.alreadyConfirmed.teamMode' : 'formation.alreadyConfirmed.body',
          { teams },
        ),
        ...more,
      ],
      actions: teamMode
        ? []
        : [
            {
              title: turn.card.t('formation.action.change'),
              verb: FormationVerbs.change,
              data: { programmeId: programme.id },
            },
          ],
    });
  };

  /** "Modifier les équipes confirmées": a draft of the confirmed teams, to swap and move in. */
  const startChange = async (turn: Turn, data: ActionData): Promise<AdaptiveCardJson> => {
    const { t, language } = turn.card;
    const programme = await pickProgramme(data.programmeId);
    if (programme === undefined) return simpleCard(t('formation.noProgramme'));
    const confirmed = await deps.teams.listByProgramme(programme.id);
    if (confirmed.length > 0 && programme.intakeMode === 'team') {
      return simpleCard(t('formation.change.teamMode', { programme: programme.name }));
    }
    if (confirmed.length === 0 || programme.intakeMode === 'team') {
      return simpleCard(t('formation.notConfirmed', { programme: programme.name }));
    }
    const participants = await listParticipants(deps.candidacies, programme);
    const sizes = confirmed.map((team) => team.members.length);
    const draft = toChangeDraft(
      confirmed,
      participants,
      {
        minSize: Math.max(
          1,
          Math.min(...sizes, Math.floor(participants.length / confirmed.length)),
        ),
        maxSize: Math.max(...sizes, Math.ceil(participants.length / confirmed.length)),
      },
      { now: deps.clock.now(), by: turn.sender.aadId },
    );
    const view = evaluateDraft(programme, participants, draft, { lockAll: true, language });
    if (!view.ok) return simpleCard([t('formation.infeasible'), ...view.explanation].join(' '));
    await deps.drafts.save({ ...view.draft, changesConfirmed: true });
    return renderDraft(turn.card, programme, participants, view, {
      text: t('formation.change.started'),
      tone: 'good',
    });
  };

  /** Confirms (or dry-runs) a change of confirmed teams: only the people who move are told. */
  const confirmChange = async (
    turn: Turn,
    programme: Programme,
    confirmed: ProgrammeTeam[],
    draft: FormationDraft,
    dryRun: boolean,
  ): Promise<AdaptiveCardJson> => {
    const { t, language } = turn.card;
    const participants = await listParticipants(deps.candidacies, programme);
    const view = evaluateDraft(programme, participants, draft, { lockAll: true, language });
    if (!view.ok) return simpleCard([t('formation.infeasible'), ...view.explanation].join(' '));
    const change = applyTeamChanges(
      confirmed,
      toProgrammeTeams(programme, participants, view.result),
    );
    const lines = describeChange(turn.card, change);
    const title = t(dryRun ? 'formation.change.dryRunTitle' : 'formation.change.doneTitle', {
      programme: programme.name,
    });
    if (dryRun && change.moves.length > 0) {
      return buildDryRunCard(turn.card, { title, lines, programmeId: programme.id });
    }
    if (dryRun || change.moves.length === 0) {
      if (!dryRun) await deps.drafts.delete(programme.id);
      return simpleCard(title, lines);
    }
    await deps.teams.replaceAll(programme.id, change.teams);
    await deps.drafts.delete(programme.id);
    // Whoever moved leaves their old team's meetings and joins the new team's: in the background,
    // since many calendar calls would not fit Teams' five seconds (the hourly run catches up).
    void deps.meetings.sync(programme);
    // Someone who joins a team is added to the programme's Teams team (nobody twice).
    const guests = guestRuleOf(programme);
    const membership =
      deps.membership === undefined || programme.teamsGroupId === undefined
        ? undefined
        : await addTeamMembers(
            deps.membership,
            programme.teamsGroupId,
            change.moves.map((move) => move.person),
            { wait, guests },
          );
    // Whoever moved leaves the private or shared channel of their old team and joins the new
    // one's; they stay in the programme's Teams team (they are still in the programme).
    const touched = new Set(change.moves.flatMap((move) => [move.to.id, move.from?.id ?? '']));
    const kept = new Set(change.teams.map((team) => team.id));
    const channels =
      programme.teamsGroupId === undefined
        ? undefined
        : await syncChannels(
            programme.teamsGroupId,
            [
              ...change.teams.filter((team) => touched.has(team.id)),
              // A dissolved team's channel keeps none of the programme's people.
              ...confirmed
                .filter((team) => !kept.has(team.id))
                .map((team) => ({ ...team, members: [], facilitators: [] })),
            ],
            [...confirmed, ...change.teams].flatMap((team) => [
              ...team.members,
              ...team.facilitators,
            ]),
            guests,
          );
    await rememberMembership(
      programme,
      change.moves.map((move) => move.person),
      membership,
    );
    const stamp = deps.clock.now().toISOString();
    const undelivered = await notifyChange(programme, change, stamp);
    return simpleCard(title, [
      ...lines,
      ...(undelivered === 0 ? [] : [t('formation.change.undelivered', { count: undelivered })]),
      ...(membership === undefined ? [] : describeMembership(turn.card, membership)),
      ...(channels === undefined ? [] : describeChannelMembership(turn.card, channels)),
    ]);
  };

  /**
   * Brings the private and shared channels of these teams to their people (Graph); undefined
   * without Graph or when no team has such a channel.
   */
  const syncChannels = async (
    teamGroupId: string,
    teams: readonly ProgrammeTeam[],
    programmePeople: readonly ProgrammeTeam['members'][number][],
    guests: ReturnType<typeof guestRuleOf>,
  ): Promise<ChannelMembershipReport | undefined> => {
    const channels = memberChannelsOf(teams);
    if (deps.channelMembership === undefined || channels.length === 0) return undefined;
    return syncChannelMembers(deps.channelMembership, teamGroupId, channels, programmePeople, {
      wait,
      guests,
    });
  };

  /** Brings a programme's private or shared channels to its confirmed teams, after a catch-up. */
  const channelsAfterCatchUp = async (programmeId: string, teamGroupId: string): Promise<void> => {
    const programme = await deps.programmes.get(programmeId);
    if (programme === undefined || programme.teamsGroupId !== teamGroupId) return;
    const confirmed = await deps.teams.listByProgramme(programmeId);
    const people = confirmed.flatMap((team) => [...team.members, ...team.facilitators]);
    await syncChannels(teamGroupId, confirmed, people, guestRuleOf(programme));
  };

  /**
   * Tells the teams that changed and the people who moved, as one batch: someone the bot cannot
   * reach yet is counted, never a failure of the change already saved. Returns that count.
   */
  const notifyChange = async (
    programme: Programme,
    change: TeamChange,
    stamp: string,
  ): Promise<number> => {
    const touched = new Set(change.moves.flatMap((move) => [move.to.id, move.from?.id ?? '']));
    const notices: BulkNotice[] = [];
    for (const team of change.teams) {
      if (!touched.has(team.id) || team.workspace === undefined) continue;
      notices.push({
        idempotencyKey: `formation:${programme.id}:${team.id}:change:${stamp}`,
        recipient: { kind: 'conversation', conversationId: team.workspace.conversationId },
        notice: {
          kind: 'formation.changed',
          data: {
            programme: programme.name,
            team: team.name,
            arrivals: change.moves.filter((m) => m.to.id === team.id).map((m) => m.person.name),
            departures: change.moves
              .filter((m) => m.from?.id === team.id)
              .map((m) => m.person.name),
          },
        },
      });
    }
    for (const move of change.moves) {
      const team = change.teams.find((candidate) => candidate.id === move.to.id);
      if (team === undefined) continue;
      notices.push({
        idempotencyKey: `formation:${programme.id}:${team.id}:member:${move.person.aadId}:change:${stamp}`,
        recipient: { kind: 'user', aadId: move.person.aadId },
        notice: {
          kind: 'formation.member',
          data: { ...welcomeData(programme, team), aadId: move.person.aadId },
        },
      });
    }
    const { undelivered } = await deps.notifier.notifyBulk(
      { id: `formation:${programme.id}:change:${stamp}`, label: programme.name },
      notices,
    );
    return undelivered;
  };

  /**
   * Before "Confirmer les équipes": how many teams and people, and what each gets. A second
   * confirmation of formed teams goes straight to "déjà confirmées".
   */
  const askBeforeConfirming = async (
    turn: Turn,
    data: ActionData,
  ): Promise<Confirmation | undefined> => {
    const { t, language } = turn.card;
    const programme = await pickProgramme(data.programmeId);
    if (programme === undefined) return undefined;
    const cancel = {
      verb: FormationVerbs.page,
      data: { programmeId: programme.id, page: data.page ?? 0 },
    };
    const confirmed = await deps.teams.listByProgramme(programme.id);
    const draft = await deps.drafts.get(programme.id);
    if (confirmed.length > 0) {
      if (draft?.changesConfirmed !== true) return undefined;
      return {
        title: t('formation.ask.changeTitle', { programme: programme.name }),
        lines: [t('formation.ask.change')],
        cancel,
      };
    }
    let teams: number;
    let people: number;
    if (programme.intakeMode === 'team') {
      const applying = await listApplyingTeams(deps.candidacies, programme, namesOf);
      teams = applying.length;
      people = applying.reduce((sum, team) => sum + team.members.length, 0);
    } else {
      const participants = await listParticipants(deps.candidacies, programme);
      const view =
        draft === undefined
          ? initial(turn, programme, participants, undefined).view
          : evaluateDraft(programme, participants, draft, { lockAll: true, language });
      // An infeasible formation is refused by the handler, with its reasons.
      if (!view.ok) return undefined;
      teams = view.result.teams.length;
      people = participants.length;
    }
    return {
      title: t('formation.ask.title', { programme: programme.name }),
      lines: [t('formation.ask.body', { teams, people }), t('formation.ask.after')],
      cancel,
    };
  };

  /** Participants whose name holds the query, as the pickers show them, for the type-ahead. */
  const searchPeople = async (
    turn: Turn,
    programmeId: string,
    query: string,
  ): Promise<SearchResult[]> => {
    const programme = await deps.programmes.get(programmeId);
    if (programme === undefined) return [];
    const participants =
      programme.intakeMode === 'team'
        ? (await teamModeTeams(programme)).flatMap((team) => team.members)
        : await listParticipants(deps.candidacies, programme);
    const wanted = foldName(query);
    const organisation = new Map(programme.organisations.map((o) => [o.id, o.name]));
    return participants
      .filter((p) => foldName(p.name).includes(wanted))
      .slice(0, MAX_SEARCH_RESULTS)
      .map((p) => ({
        title: turn.card.t('formation.picker', {
          name: p.name,
          organisation: organisation.get(p.organisationId) ?? '',
        }),
        value: p.aadId,
      }));
  };

  const lab = { guard: Guards.lab, forbidden: 'formation.forbidden', scopes: ALL_SCOPES } as const;
  return {
    name: 'formation',
    tasks: [createMembershipCatchUpTask(platform, wait, channelsAfterCatchUp)],
    searches: [
      {
        dataset: PEOPLE_SEARCH,
        guard: Guards.lab,
        scopes: ALL_SCOPES,
        search: searchPeople,
      },
    ],
    verbs: [
      defineCardVerb({
        verb: FormationVerbs.regenerate,
        data: PROGRAMME_DATA,
        ...lab,
        handle: regenerate,
      }),
      defineCardVerb({
        verb: FormationVerbs.swap,
        data: SWAP_DATA,
        ...lab,
        handle: (turn, data) =>
          edit(turn, data, () =>
            data.person && data.other ? { kind: 'swap', a: data.person, b: data.other } : undefined,
          ),
      }),
      defineCardVerb({
        verb: FormationVerbs.move,
        data: MOVE_DATA,
        ...lab,
        handle: (turn, data) =>
          edit(turn, data, () =>
            data.person && data.team !== undefined && data.team !== ''
              ? { kind: 'move', person: data.person, team: Number(data.team) }
              : undefined,
          ),
      }),
      defineCardVerb({
        verb: FormationVerbs.lock,
        data: LOCK_DATA,
        ...lab,
        handle: (turn, data) =>
          edit(turn, data, (draft) => {
            const locked = draft.userLocks.some((l) => l.person === data.person);
            return { kind: locked ? 'unlock' : 'lock', person: data.person };
          }),
      }),
      defineCardVerb({
        verb: FormationVerbs.page,
        data: PROGRAMME_DATA,
        ...lab,
        handle: (turn, data) =>
          preview(
            turn,
            data.programmeId,
            (p, people, draft) => initial(turn, p, people, draft),
            data.page,
          ),
      }),
      defineCardVerb({
        verb: FormationVerbs.find,
        data: FIND_DATA,
        ...lab,
        handle: find,
      }),
      defineCardVerb({
        verb: FormationVerbs.dryRun,
        data: PROGRAMME_DATA,
        ...lab,
        handle: (turn, data) => confirm(turn, data, true),
      }),
      defineCardVerb({
        verb: FormationVerbs.change,
        data: PROGRAMME_DATA,
        ...lab,
        handle: startChange,
      }),
      defineCardVerb({
        verb: FormationVerbs.confirm,
        data: PROGRAMME_DATA,
        ...lab,
        confirmation: askBeforeConfirming,
        handle: (turn, data) => confirm(turn, data, false),
      }),
    ],
    commands: [
      defineTextCommand({
        id: 'formation.preview',
        pattern: /^\s*(former les équipes|former les equipes|form teams)\s*$/i,
        examples: { fr: 'former les équipes', en: 'form teams' },
        ...lab,
        handle: async (turn) =>
          turn.send(
            await preview(turn, undefined, (p, people, draft) => initial(turn, p, people, draft)),
          ),
      }),
    ],
    notices: createFormationRenderers(() => toLocalDay(platform.clock.now(), 'Europe/Paris')),
  };
}

function renderDraft(
  context: CardContext,
  programme: Programme,
  participants: readonly FormationParticipant[],
  view: Extract<FormationView, { ok: true }>,
  message: CardMessage | undefined,
  page?: number,
): AdaptiveCardJson {
  return buildFormationCard(context, {
    programme,
    participants,
    draft: view.draft,
    result: view.result,
    teams: view.result.teams.map((team, index) => ({
      name: teamName(programme, team, index),
      score: team.score,
      members: team.members,
      facilitators: team.facilitators,
      // The engine knows facilitators by id only; people read names.
      explanation: team.explanation.map((sentence) =>
        (programme.facilitators ?? []).reduce(
          (text, f) => text.split(f.aadId).join(f.name),
          sentence,
        ),
      ),
    })),
    ...(message === undefined || message.text === '' ? {} : { message }),
    ...(page === undefined ? {} : { page }),
  });
}

/** A formed team's name as its channel will be called: "Équipe 3 — Qualité de vie au travail". */
function teamName(programme: Programme, team: { theme?: string }, index: number): string {
  const theme =
    team.theme === undefined
      ? undefined
      : programme.themeOptions.find((option) => option.id === team.theme)?.label;
  return toChannelName(index + 1, theme);
}

/** A name as a search compares it: lower case, without accents. */
function foldName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

function summaryLines(context: CardContext, report: ConfirmationReport, dryRun: boolean): string[] {
  const lines = describeConfirmation(context, report);
  if (!dryRun)
    lines.unshift(context.t('formation.confirmed.summary', { teams: report.teams.length }));
  return lines;
}

/** A title and a few lines: refusals, confirmations and dry runs. */
export function simpleCard(title: string, lines: string[] = []): AdaptiveCardJson {
  return {
    type: 'AdaptiveCard',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: title, wrap: true, weight: 'Bolder', size: 'Medium' },
      ...lines.map((text) => ({ type: 'TextBlock', text, wrap: true, spacing: 'Small' })),
    ],
  };
}

/**
 * Every hour, the people Graph could not add to their programme's Teams team for a passing
 * reason (throttled, unavailable) are tried again, until they are in; nobody is added twice.
 * Nothing waiting costs nothing. The log says how many, never who.
 */
export function createMembershipCatchUpTask(
  platform: Pick<Platform, 'membership' | 'membershipCatchUp' | 'logger'>,
  wait: (ms: number) => Promise<void>,
  /**
   * After someone joined a programme's Teams team: their team's private or shared channel, which
   * takes only team members, can take them now.
   */
  afterAdded: (programmeId: string, teamGroupId: string) => Promise<void> = () => Promise.resolve(),
): Job {
  return {
    name: 'team-membership-catch-up',
    schedule: '23 * * * *',
    run: async () => {
      const { membership, membershipCatchUp, logger } = platform;
      if (membership === undefined || (await membershipCatchUp.pendingCount()) === 0) return;
      const reports = await membershipCatchUp.run(membership, { wait });
      for (const { programmeId, teamGroupId, report } of reports) {
        if (report.added === 0) continue;
        try {
          await afterAdded(programmeId, teamGroupId);
        } catch (error) {
          logger.warn({ err: error, programmeId }, 'channels not brought up to date');
        }
      }
      const failed = reports.flatMap(({ report }) => report.failed);
      logger.info(
        {
          teams: reports.length,
          added: reports.reduce((sum, { report }) => sum + report.added, 0),
          stillWaiting: failed.filter((f) => f.transient).length,
          refused: failed.filter((f) => !f.transient).length,
        },
        'programme team members caught up',
      );
    },
  };
}
