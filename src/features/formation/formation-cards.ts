import type { MeetingSyncReport } from '../../core/meetings/sync-meetings';
import type { FormationDraft, FormationParticipant } from '../../core/formation/formation-draft';
import type { ConfirmationReport } from '../../core/formation/confirm-formation';
import type { MembershipReport } from '../../core/team-spaces/add-team-members';
import { getNextMilestone } from '../../core/programmes/get-programme-phase';
import type { Milestones, Programme } from '../../core/programmes/programme';
import type { TeamChange } from '../../core/formation/change-formation';
import { buildCard, buildMessageCard } from '../../adapters/teams/cards/card-kit';
import type { ProgrammeTeam } from '../../core/programmes/programme-team';
import type { TeamFormationResult } from '../../core/team-formation/team-formation';
import { formatDay, formatNumber } from '../../i18n/translate';
import type { CardContext } from '../../adapters/teams/cards/card-context';
import formationTemplate from './formation-card.json';
import { KNOWN_ORGANISATIONS } from '../../catalogue/known-organisations';
import { renderCard, type AdaptiveCardJson } from '../../adapters/teams/cards/render-card';
import welcomeTemplate from './welcome-card.json';
import type { NoticeRenderers } from '../../adapters/teams/notices/notice-renderer';
import { FormationVerbs } from './formation-verbs';

/** An extra line at the top of the card: what just happened, or why a change was refused. */
export interface CardMessage {
  text: string;
  tone: 'good' | 'attention';
}

interface PreviewInput {
  programme: Programme;
  participants: readonly FormationParticipant[];
  /** Present for individual intake (editable); absent in team mode. */
  draft?: FormationDraft;
  result?: TeamFormationResult;
  teams: {
    name: string;
    score?: number;
    members: string[];
    facilitators: string[];
    explanation: string[];
  }[];
  message?: CardMessage;
  lines?: string[];
  /** The page of teams to show (0-based); past the last page shows the last. */
  page?: number;
}

const EMPTY = '';

/**
 * Teams shown per page of the preview. A team of six to seven with its explanation and its people
 * in the two pickers weighs up to 9 KB in UTF-16 with very long names and organisation names
 * (measured at national scale in test/unit/features/national-scale-cards.test.ts): eight make a
 * page of at most about 76 KB, under the 80 KB a card may weigh; ten would not fit.
 */
export const TEAMS_PER_PAGE = 8;

/** Longest text the person search takes: a name, or part of one. */
export const MAX_SEARCH_LENGTH = 100;

/** The lowest-scored teams the summary names, so an organiser looks at those first. */
const OUTLIERS = 3;

/** The preview an organiser edits before confirming: each team, its score and the editing controls. */
export function buildFormationCard(context: CardContext, input: PreviewInput): AdaptiveCardJson {
  const { t } = context;
  const { programme, participants, draft, result } = input;
  const organisation = new Map(programme.organisations.map((o) => [o.id, o]));
  const person = new Map(participants.map((p) => [p.aadId, p]));
  const facilitator = new Map((programme.facilitators ?? []).map((f) => [f.aadId, f]));
  const locked = new Set(draft?.userLocks.map((l) => l.person) ?? []);
  const describe = (id: string): string => {
    const p = person.get(id);
    const org = p === undefined ? undefined : organisation.get(p.organisationId);
    const line = t('formation.member', {
      // Never an Entra id: people read names.
      name: p === undefined || p.name === '' ? t('formation.unnamed') : p.name,
      organisation: org?.name ?? p?.organisationId ?? '',
      branch: org?.branch ?? '',
    });
    return locked.has(id) ? t('formation.locked', { name: line }) : line;
  };
  const editable = draft !== undefined;
  const pageCount = Math.max(1, Math.ceil(input.teams.length / TEAMS_PER_PAGE));
  const page = Math.min(Math.max(0, input.page ?? 0), pageCount - 1);
  const first = page * TEAMS_PER_PAGE;
  const shown = input.teams.slice(first, first + TEAMS_PER_PAGE);
  // Pickers list the people of the teams on this page only: the whole list is 5,000 names at
  // national scale, twice, far over what a card may weigh.
  const onPage = new Set(shown.flatMap((team) => team.members));
  const pickable = participants.filter((p) => onPage.has(p.aadId));
  const pager = [
    ...(page > 0
      ? [{ verb: FormationVerbs.page, title: t('formation.page.previous'), page: page - 1 }]
      : []),
    ...(page < pageCount - 1
      ? [{ verb: FormationVerbs.page, title: t('formation.page.next'), page: page + 1 }]
      : []),
  ].map((action) => ({ ...action, programmeId: programme.id }));
  // What the card is for comes first; confirming is offered on the dry run's card, once the
  // organiser has seen what it creates. Of the changes, a swap stays in sight and the others wait
  // in the "…" menu, so the card shows two buttons, not five.
  const actions = [
    {
      verb: FormationVerbs.dryRun,
      title: t('formation.action.dryRun'),
      style: 'positive',
      mode: 'primary',
    },
    ...(editable
      ? [
          {
            verb: FormationVerbs.swap,
            title: t('formation.action.swap'),
            style: 'default',
            mode: 'primary',
          },
          {
            verb: FormationVerbs.move,
            title: t('formation.action.move'),
            style: 'default',
            mode: 'secondary',
          },
          {
            verb: FormationVerbs.lock,
            title: t('formation.action.lock'),
            style: 'default',
            mode: 'secondary',
          },
          {
            verb: FormationVerbs.regenerate,
            title: t('formation.action.regenerate'),
            style: 'default',
            mode: 'secondary',
          },
        ]
      : []),
  ].map((action) => ({ ...action, programmeId: programme.id, page }));
  return renderCard(formationTemplate, {
    title: t('formation.title', { programme: programme.name }),
    summary:
      result === undefined || draft === undefined
        ? EMPTY
        : t('formation.summary', {
            teams: result.teams.length,
            min: draft.minSize,
            max: draft.maxSize,
            worst: formatNumber(result.worstScore, context.language),
            mean: formatNumber(result.meanScore, context.language),
            seed: draft.seed,
          }),
    message: input.message?.text ?? EMPTY,
    messageColor: input.message?.tone ?? 'default',
    lines: (input.lines ?? []).map((text) => ({ text })),
    overview: describeOverview(context, input).map((text) => ({ text })),
    pageLabel:
      pageCount === 1
        ? EMPTY
        : t('formation.page.label', {
            from: first + 1,
            to: first + shown.length,
            total: input.teams.length,
            page: page + 1,
            pages: pageCount,
          }),
    hasPager: pager.length > 0,
    pager,
    programmeId: programme.id,
    page,
    // Past one page, finding someone by name beats paging through a hundred pages.
    // Past one page the pickers also search everyone as the organiser types (Teams' dynamic
    // type-ahead, answered by the formation.people search); on one page the list holds everyone.
    peopleDataset: editable && pageCount > 1 ? toPeopleDataset(programme.id) : '',
    search: {
      shown: editable && pageCount > 1,
      label: t('formation.search.label'),
      title: t('formation.search.action'),
      verb: FormationVerbs.find,
      maxLength: MAX_SEARCH_LENGTH,
    },
    teams: shown.map((team) => ({
      header:
        team.score === undefined
          ? team.name
          : t('formation.teamHeader', {
              name: team.name,
              score: formatNumber(team.score, context.language),
            }),
      members: team.members.map((id) => ({ text: describe(id) })),
      facilitators:
        team.facilitators.length === 0
          ? t('formation.noFacilitators')
          : t('formation.facilitators', {
              names: team.facilitators
                .map((id) => {
                  const f = facilitator.get(id);
                  return f === undefined
                    ? t('formation.unnamed')
                    : t('formation.facilitator', {
                        name: f.name,
                        organisation: toOrganisationName(programme, f.organisationId),
                      });
                })
                .join(', '),
            }),
      explanation: team.explanation.map((text) => ({ text })),
    })),
    editable,
    labels: {
      edit: t('formation.edit'),
      person: t('formation.person'),
      other: t('formation.other'),
      team: t('formation.team'),
    },
    // Name and organisation tell homonyms apart; the branch is on the team's list above.
    people: pickable.map((p) => ({
      title: t('formation.picker', {
        name: p.name,
        organisation: organisation.get(p.organisationId)?.name ?? '',
      }),
      value: p.aadId,
    })),
    teamChoices: shown.map((team, index) => ({ title: team.name, value: String(first + index) })),
    actions,
  });
}

/** The search that finds a programme's participants for the pickers' type-ahead. */
export const PEOPLE_SEARCH = 'formation.people';

/** The Data.Query dataset of a programme's pickers: the search, then the programme it looks in. */
export function toPeopleDataset(programmeId: string): string {
  return `${PEOPLE_SEARCH}/${programmeId}`;
}

/**
 * An organisation's name: the programme's own list first, then the catalogue (a facilitator of the
 * Lab's wider team may work for an organisation that is not taking part), else its id.
 */
function toOrganisationName(programme: Programme, id: string): string {
  return (
    programme.organisations.find((o) => o.id === id)?.name ??
    KNOWN_ORGANISATIONS.find((o) => o.id === id)?.name ??
    id
  );
}

/** A member as the welcome cards list them; someone picked in Teams whose name is not known yet is unnamed. */
function describeMember(
  { t }: CardContext,
  member: { name: string; organisation: string },
): string {
  const name = member.name === '' ? t('formation.unnamed') : member.name;
  return `${name} — ${member.organisation}`;
}

/** A facilitator as the welcome cards list them (older notices carry the name alone). */
function describeFacilitator(
  { t }: CardContext,
  facilitator: string | { name: string; organisation: string },
): string {
  return typeof facilitator === 'string' ? facilitator : t('formation.facilitator', facilitator);
}

/**
 * What a dry run would create (or change), with "Confirmer les équipes" (which asks once more) and
 * the way back to the preview: confirming is offered only after a dry run.
 */
export function buildDryRunCard(
  { t }: CardContext,
  input: { title: string; lines: string[]; programmeId: string; page?: number | undefined },
): AdaptiveCardJson {
  const data = { programmeId: input.programmeId, page: input.page ?? 0 };
  return buildCard({
    title: input.title,
    lines: input.lines,
    actions: [
      {
        title: t('formation.action.confirm'),
        verb: FormationVerbs.confirm,
        data,
        style: 'positive',
      },
      { title: t('formation.action.back'), verb: FormationVerbs.page, data },
    ],
  });
}

/** The figures over every team: the hard rules held and the lowest-scored teams, by name. */
function describeOverview(context: CardContext, input: PreviewInput): string[] {
  const { t } = context;
  const { result } = input;
  if (result === undefined) return [];
  const scored = input.teams
    .filter((team): team is typeof team & { score: number } => team.score !== undefined)
    .sort((a, b) => a.score - b.score)
    .slice(0, OUTLIERS);
  return [
    result.hardViolations === 0
      ? t('formation.overview.rulesHeld')
      : t('formation.overview.rulesBroken', { count: result.hardViolations }),
    ...(scored.length === 0 || input.teams.length <= TEAMS_PER_PAGE
      ? []
      : [
          t('formation.overview.lowest', {
            teams: scored
              .map((team) =>
                t('formation.teamHeader', {
                  name: team.name,
                  score: formatNumber(team.score, context.language),
                }),
              )
              .join(' ; '),
          }),
        ]),
  ];
}

/**
 * The organiser's summary after confirming or for a dry run: one line per team and where it
 * lives, after a line saying why teams get threads (no Graph, or Graph refused for lack of consent).
 */
export function describeConfirmation(context: CardContext, report: ConfirmationReport): string[] {
  return [
    ...describeChannels(context, report),
    ...(report.membership === undefined ? [] : describeMembership(context, report.membership)),
    ...(report.meetings === undefined ? [] : describeMeetings(context, report.meetings)),
  ];
}

/** What happened to the programme's meetings: on calendars, or why not. */
export function describeMeetings(context: CardContext, report: MeetingSyncReport): string[] {
  const { t } = context;
  if (report.route === null) return [t('meetings.off')];
  const lines = [
    t(report.route === 'ics' ? 'meetings.summary.ics' : 'meetings.summary', {
      created: report.created,
      updated: report.updated,
      cancelled: report.cancelled,
      unchanged: report.unchanged,
    }),
  ];
  const refused = report.failed.find((f) => f.reason === 'permission');
  if (refused !== undefined) {
    lines.push(t('meetings.refused', { permission: refused.detail, count: report.failed.length }));
  } else if (report.failed.length > 0) {
    lines.push(t('meetings.failed', { count: report.failed.length }));
  }
  return lines;
}

/** Most people named one by one when they could not be added to the team; the rest are counted. */
const MAX_NAMED_FAILURES = 8;

/** Who was added to the programme's Teams team, and who could not be, with why. */
export function describeMembership(context: CardContext, membership: MembershipReport): string[] {
  const { t } = context;
  const lines = [t('teamSpaces.members', { added: membership.added, already: membership.already })];
  const refused = membership.failed.filter((f) => f.reason === 'permission');
  if (refused.length > 0) {
    lines.push(t('teamSpaces.refused', { permission: refused[0]!.detail, count: refused.length }));
  }
  // Graph busy or unavailable: tried again every hour (MembershipCatchUp), counted, not named.
  const retrying = membership.failed.filter((f) => f.transient && f.reason !== 'permission');
  if (retrying.length > 0) lines.push(t('teamSpaces.retrying', { count: retrying.length }));
  const failed = membership.failed.filter((f) => f.reason !== 'permission' && !f.transient);
  for (const failure of failed.slice(0, MAX_NAMED_FAILURES)) {
    const reason =
      failure.reason === 'not-found'
        ? t('teamSpaces.reason.not-found')
        : t('teamSpaces.reason.error', { detail: failure.detail });
    lines.push(t('teamSpaces.failed', { name: failure.name, reason }));
  }
  if (failed.length > MAX_NAMED_FAILURES) {
    lines.push(t('teamSpaces.failedMore', { count: failed.length - MAX_NAMED_FAILURES }));
  }
  return lines;
}

function describeChannels(context: CardContext, report: ConfirmationReport): string[] {
  const { t } = context;
  const lines = report.outcomes.map((outcome) =>
    report.mode === 'threads' || outcome.status === 'refused'
      ? t('formation.dryRun.thread', { name: outcome.displayName })
      : t('formation.dryRun.channel', {
          name: outcome.displayName,
          status: t(`formation.status.${outcome.status}`, {
            error: outcome.status === 'failed' ? outcome.error : '',
          }),
        }),
  );
  const refusal = report.refusal;
  if (refusal !== undefined) {
    const why =
      refusal.permission === undefined
        ? t('formation.graphRefusedOther', { error: refusal.error })
        : t('formation.graphRefused', { permission: refusal.permission });
    return [why, ...lines];
  }
  return report.mode === 'threads' ? [t('formation.noGraph'), ...lines] : lines;
}

function nextMilestoneLine(context: CardContext, milestones: Milestones, today: string): string {
  const next = getNextMilestone(milestones, today);
  return next === undefined
    ? EMPTY
    : context.t('formation.welcome.next', {
        milestone: context.t(`milestone.${next.name}`),
        date: formatDay(next.date, context.language),
      });
}

interface WelcomeData {
  programme: string;
  team: string;
  members: { name: string; organisation: string }[];
  lead: string;
  facilitators: (string | { name: string; organisation: string })[];
  url: string;
  milestones: Milestones;
  today?: string;
}

/** Cards for the notices team formation sends: the welcome post in the team's space and the personal card. */
export function createFormationRenderers(today: () => string): NoticeRenderers {
  return {
    'formation.result': (notice, context) => {
      const data = notice.data as { title: string; lines: string[]; programmeId?: string };
      if (data.programmeId !== undefined) {
        return {
          card: buildDryRunCard(context, { ...data, programmeId: data.programmeId }),
          summary: data.title,
        };
      }
      return {
        card: renderCard(
          {
            type: 'AdaptiveCard',
            version: '1.5',
            body: [
              { type: 'TextBlock', text: '${title}', wrap: true, weight: 'Bolder', size: 'Medium' },
              {
                type: 'TextBlock',
                $data: '${lines}',
                text: '${$data}',
                wrap: true,
                spacing: 'Small',
              },
            ],
          },
          data,
        ),
        summary: data.title,
      };
    },
    'formation.welcome': (notice, context) => {
      const data = notice.data as unknown as WelcomeData;
      const { t } = context;
      return {
        card: renderCard(welcomeTemplate, {
          title: t('formation.welcome.title', { team: data.team }),
          intro: t('formation.welcome.intro', { programme: data.programme }),
          members: data.members.map((m) => ({ text: describeMember(context, m) })),
          lead: data.lead === '' ? EMPTY : t('formation.welcome.lead', { name: data.lead }),
          facilitators: t('formation.facilitators', {
            names: data.facilitators.map((f) => describeFacilitator(context, f)).join(', '),
          }),
          next: nextMilestoneLine(context, data.milestones, today()),
          openLabel: t('formation.member.open'),
          url: EMPTY,
        }),
        summary: t('formation.welcome.title', { team: data.team }),
      };
    },
    'formation.changed': (notice, context) => {
      const data = notice.data as {
        programme: string;
        team: string;
        arrivals: string[];
        departures: string[];
      };
      const { t } = context;
      const lines = [
        ...(data.arrivals.length === 0
          ? []
          : [t('formation.changed.arrivals', { names: data.arrivals.join(', ') })]),
        ...(data.departures.length === 0
          ? []
          : [t('formation.changed.departures', { names: data.departures.join(', ') })]),
      ];
      const title = t('formation.changed.title', { team: data.team });
      return { card: buildMessageCard(title, lines), summary: title };
    },
    'formation.member': (notice, context) => {
      const data = notice.data as unknown as WelcomeData;
      const { t } = context;
      return {
        card: renderCard(welcomeTemplate, {
          title: t('formation.member.title', { team: data.team }),
          intro: t('formation.member.body', {
            programme: data.programme,
            facilitators: data.facilitators.map((f) => describeFacilitator(context, f)).join(', '),
          }),
          members: data.members.map((m) => ({ text: describeMember(context, m) })),
          lead: data.lead === '' ? EMPTY : t('formation.welcome.lead', { name: data.lead }),
          facilitators: EMPTY,
          next: nextMilestoneLine(context, data.milestones, today()),
          openLabel: t('formation.member.open'),
          url: data.url,
        }),
        summary: t('formation.member.title', { team: data.team }),
      };
    },
  };
}

/** The teams of a team-mode programme, in the preview's shape. */
export function toPreviewTeams(teams: readonly ProgrammeTeam[]): PreviewInput['teams'] {
  return teams.map((team) => ({
    name: team.name,
    members: team.members.map((m) => m.aadId),
    facilitators: team.facilitators.map((f) => f.aadId),
    explanation: [],
  }));
}

/** The moves a change of confirmed teams makes, person by person, and who is told. */
export function describeChange(context: CardContext, change: TeamChange): string[] {
  const { t } = context;
  if (change.moves.length === 0) return [t('formation.change.none')];
  return [
    ...change.moves.map((move) =>
      move.from === undefined
        ? t('formation.change.joins', { name: move.person.name, to: move.to.name })
        : t('formation.change.moves', {
            name: move.person.name,
            from: move.from.name,
            to: move.to.name,
          }),
    ),
    t('formation.change.told', { people: change.moves.length }),
  ];
}
