import type { ReachCounts } from '../../core/ports/reach-log';
import type {
  CallSection,
  Digest,
  FollowUpSection,
  OrganisationCount,
  SelectionSection,
  SessionsSection,
} from '../../core/digests/digest';
import type { ReachSection } from '../../core/digests/build-reach-section';
import type { RetentionSection } from '../../core/digests/build-retention-section';
import type { Shortlist, TeamAlert, TeamRef } from '../../core/digests/digest-figures';
import { DIGEST_LIST_LIMIT } from '../../core/digests/get-programme-digest';
import { SESSION_STATUSES } from '../../core/lab-sessions/session-request';
import { formatDay, type Language } from '../../i18n/translate';
import type { CardContext } from '../../adapters/teams/cards/card-context';
import type { AdaptiveCardJson } from '../../adapters/teams/cards/render-card';
import { DigestVerbs } from './digest-verbs';
import { dateTimeFormat } from '../../core/scheduling/date-time-format';

/**
 * Bars in a "by organisation" chart: the ten largest and one bar for the rest. A national call
 * has ~300 organisations; more than a dozen bars no longer fit a Teams card's width.
 */
export const MAX_BARS = 10;

/** Organisations named in a line ("A, B, C and 12 more"), as many as the digest's team lists. */
export const MAX_NAMES = DIGEST_LIST_LIMIT;

/** A help request is quoted up to this many characters: one line in the card, the rest is in the export. */
export const MAX_HELP_TEXT = 140;

type Element = Record<string, unknown>;

/** Chart colours Teams knows, by meaning. */
const CHECKIN_COLOURS = {
  'on-track': 'good',
  'at-risk': 'warning',
  blocked: 'attention',
  none: 'neutral',
} as const;

const DECISION_COLOURS = {
  awaiting: 'neutral',
  accepted: 'categoricalBlue',
  confirmed: 'good',
  waitlisted: 'warning',
  declined: 'categoricalPurple',
  lapsed: 'attention',
} as const;

/**
 * The digest as an Adaptive Card 1.5: facts, a donut and a bar chart per section (each with a
 * text fallback for clients that cannot draw charts), short lists of teams, next milestones.
 * The review export button shows with the follow-up unless `exportReviews` is false.
 */
export function buildDigestCard(
  context: CardContext,
  digest: Digest,
  options: { exportReviews?: boolean } = {},
): AdaptiveCardJson {
  const { t, language } = context;
  const body: Element[] = [
    {
      type: 'TextBlock',
      text: t(digest.facilitatorAadId === undefined ? 'digest.title' : 'digest.facilitatorTitle', {
        programme: digest.programmeName,
      }),
      size: 'Large',
      weight: 'Bolder',
      wrap: true,
      style: 'heading',
    },
    {
      type: 'TextBlock',
      text: t('digest.subtitle', {
        phase: capitalise(t(`phase.${digest.phase}`)),
        date: formatDay(digest.today, language),
      }),
      isSubtle: true,
      spacing: 'None',
      wrap: true,
    },
  ];
  for (const section of digest.sections) {
    if (section.kind === 'call') body.push(...callElements(context, section));
    if (section.kind === 'selection') body.push(...selectionElements(context, section));
    if (section.kind === 'follow-up') body.push(...followUpElements(context, section));
    if (section.kind === 'sessions') body.push(...sessionsElements(context, section));
  }
  if (digest.sections.length === 0) {
    body.push({ type: 'TextBlock', text: t('digest.nothingYet'), wrap: true });
  }
  if (digest.reach !== undefined || digest.emailReach !== undefined) {
    body.push(...reachElements(context, digest.reach, digest.emailReach));
  }
  if (digest.retention !== undefined) body.push(...retentionElements(context, digest.retention));
  if (digest.milestones.length > 0) {
    body.push(heading(t('digest.milestones')), {
      type: 'FactSet',
      facts: digest.milestones.map((m) => ({
        title: capitalise(t(`milestone.${m.name}`)),
        value: t('digest.milestoneValue', {
          date: formatDay(m.date, language),
          when: describeWhen(context, m.daysAway),
        }),
      })),
    });
  }
  // Refreshing is a convenience: it waits in the "…" menu, the export is what the card offers.
  // The weekly digest's refresh keeps its e-mail lines, which the dashboard leaves out.
  const actions = [
    action(t('digest.action.refresh'), DigestVerbs.refresh, digest, 'secondary', {
      ...(digest.emailReach === undefined ? {} : { weekly: true }),
    }),
  ];
  if (
    options.exportReviews !== false &&
    digest.facilitatorAadId === undefined &&
    digest.sections.some((s) => s.kind === 'follow-up')
  ) {
    actions.push(action(t('digest.action.exportReviews'), DigestVerbs.export, digest));
  }
  return { type: 'AdaptiveCard', version: '1.5', body, actions };
}

function callElements(context: CardContext, section: CallSection): Element[] {
  const { t, language } = context;
  const organisations = section.byOrganisation.length + section.organisationsWithout;
  return [
    heading(t('digest.call.heading')),
    {
      type: 'FactSet',
      facts: [
        fact(
          t('digest.call.candidacies'),
          section.people === section.candidacies
            ? String(section.candidacies)
            : t('digest.call.candidaciesValue', {
                candidacies: section.candidacies,
                people: section.people,
              }),
        ),
        fact(t('digest.call.newThisWeek'), String(section.newThisWeek)),
        fact(t('digest.call.drafts'), String(section.drafts)),
        fact(t('digest.call.withdrawn'), String(section.withdrawn)),
        fact(
          t('digest.call.closes'),
          t('digest.call.closesValue', {
            date: formatDay(section.closesOn, language),
            when: describeWhen(context, section.daysLeft),
          }),
        ),
        fact(
          t('digest.call.organisationsWithout'),
          t('digest.call.organisationsWithoutValue', {
            count: section.organisationsWithout,
            total: organisations,
          }),
        ),
      ],
    },
    donut(
      context,
      t('digest.call.byBranch'),
      section.byBranch
        .filter((b) => b.count > 0)
        .map((b) => ({ legend: t(`branch.${b.branch}`), value: b.count })),
    ),
    bars(context, t('digest.call.byOrganisation'), section.byOrganisation),
  ].filter((element) => element !== undefined);
}

function selectionElements(context: CardContext, section: SelectionSection): Element[] {
  const { t, language } = context;
  const { decisions } = section;
  const rate =
    section.candidacies === 0 ? 0 : Math.round((section.scored * 100) / section.candidacies);
  const facts = [
    fact(
      t('digest.selection.scored'),
      t('digest.selection.scoredValue', {
        scored: section.scored,
        candidacies: section.candidacies,
        rate,
        notScored: section.notScored,
      }),
    ),
    fact(t('digest.selection.awaiting'), String(decisions.awaiting)),
    fact(
      t('digest.selection.seats'),
      t('digest.selection.seatsValue', {
        taken: section.seatsTaken,
        seats: section.seats,
        left: section.seatsLeft,
      }),
    ),
    fact(
      t('digest.selection.full', { max: section.maxPerOrganisation }),
      section.organisationsFull.length === 0
        ? section.seatsLeft === 0
          ? t('digest.none')
          : t('digest.selection.fullNone', { withRoom: section.organisationsWithRoom })
        : listNames(
            context,
            section.organisationsFull.slice(0, MAX_NAMES).map((o) => o.name),
            section.organisationsFull.length,
          ),
    ),
    fact(
      t('digest.selection.waitlist'),
      section.waitlist.people === section.waitlist.candidacies
        ? String(section.waitlist.candidacies)
        : t('digest.selection.waitlistValue', section.waitlist),
    ),
    fact(
      t('digest.selection.confirmations'),
      section.confirmations.overdue === 0
        ? String(section.confirmations.pending)
        : t('digest.selection.confirmationsValue', {
            pending: section.confirmations.pending,
            overdue: section.confirmations.overdue,
          }),
    ),
  ];
  if (section.confirmations.nextDeadline !== null) {
    facts.push(
      fact(
        t('digest.selection.nextDeadline'),
        formatDay(section.confirmations.nextDeadline, language),
      ),
    );
  }
  return [
    heading(t('digest.selection.heading')),
    { type: 'FactSet', facts },
    donut(
      context,
      t('digest.selection.decisions'),
      (Object.keys(DECISION_COLOURS) as (keyof typeof DECISION_COLOURS)[])
        .filter((key) => decisions[key] > 0)
        .map((key) => ({
          legend: t(`digest.decision.${key}`),
          value: decisions[key],
          color: DECISION_COLOURS[key],
        })),
    ),
    bars(context, t('digest.selection.seatsByOrganisation'), section.seatsByOrganisation),
  ].filter((element) => element !== undefined);
}

function followUpElements(context: CardContext, section: FollowUpSection): Element[] {
  const { t, language } = context;
  const facts = [
    fact(
      t('digest.followUp.responses'),
      t('digest.followUp.responsesValue', {
        answered: section.answered,
        teams: section.teams,
        rate: section.responseRate ?? 0,
        late: section.late,
      }),
    ),
  ];
  if (section.averageProgress !== null) {
    facts.push(
      fact(
        t('digest.followUp.progress'),
        t('digest.followUp.progressValue', { progress: section.averageProgress }),
      ),
    );
  }
  facts.push(
    fact(t('digest.followUp.reminders'), String(section.remindersSent)),
    fact(
      t('digest.followUp.unreachable'),
      section.unreachable.recipients === 0
        ? '0'
        : t('digest.followUp.unreachableValue', {
            count: section.unreachable.recipients,
            blocked: section.unreachable.blocked,
            gone: section.unreachable.gone,
          }),
    ),
  );
  if (section.nextReview !== null) {
    facts.push(
      fact(
        t('digest.followUp.review'),
        t('digest.followUp.reviewValue', {
          review: capitalise(t(`digest.review.${section.nextReview.review}`)),
          date: formatDay(section.nextReview.day, language),
          when: describeWhen(context, section.nextReview.daysAway),
          prepared: section.nextReview.prepared,
          teams: section.nextReview.teams,
        }),
      ),
    );
  }
  const elements: (Element | undefined)[] = [
    heading(t('digest.followUp.heading', { month: formatMonth(section.month, language) })),
    { type: 'FactSet', facts },
    donut(
      context,
      t('digest.followUp.byStatus'),
      (Object.keys(CHECKIN_COLOURS) as (keyof typeof CHECKIN_COLOURS)[])
        .filter((status) => section.byStatus[status] > 0)
        .map((status) => ({
          legend: t(`digest.checkinStatus.${status}`),
          value: section.byStatus[status],
          color: CHECKIN_COLOURS[status],
        })),
    ),
    teamList(
      t('digest.followUp.needingHelp', { count: section.needingHelp.total }),
      section.needingHelp.items.map((alert) => describeAlert(context, alert)),
      section.needingHelp,
      context,
      'attention',
    ),
    section.silent === null
      ? undefined
      : teamList(
          t('digest.followUp.silent', {
            count: section.silent.total,
            month: formatMonth(section.silent.previousMonth, language),
          }),
          [listTeams(context, section.silent)],
          undefined,
          context,
          'warning',
        ),
    teamList(
      t('digest.followUp.unanswered', { count: section.unanswered.total }),
      [listTeams(context, section.unanswered)],
      undefined,
      context,
      'default',
    ),
    teamList(
      t('digest.followUp.unreachableTeams', { count: section.unreachable.teams.total }),
      [listTeams(context, section.unreachable.teams)],
      undefined,
      context,
      'default',
    ),
  ];
  return elements.filter((element) => element !== undefined);
}

/** A titled list of lines, or nothing when the list is empty. */
function teamList(
  title: string,
  lines: string[],
  more: Shortlist<unknown> | undefined,
  context: CardContext,
  colour: 'attention' | 'warning' | 'default',
): Element | undefined {
  const shown = lines.filter((line) => line !== '');
  if (shown.length === 0) return undefined;
  const rest = more === undefined ? 0 : more.total - more.items.length;
  return {
    type: 'Container',
    spacing: 'Medium',
    items: [
      { type: 'TextBlock', text: title, weight: 'Bolder', color: colour, wrap: true },
      ...shown.map((text) => ({ type: 'TextBlock', text, wrap: true, spacing: 'Small' })),
      ...(rest > 0
        ? [
            {
              type: 'TextBlock',
              text: context.t('digest.more', { count: rest }),
              isSubtle: true,
              spacing: 'Small',
              wrap: true,
            },
          ]
        : []),
    ],
  };
}

function describeAlert(context: CardContext, alert: TeamAlert): string {
  const { t } = context;
  const params = {
    status: t(`digest.checkinStatus.${alert.status}`),
    team: alert.name,
    progress: alert.progress,
    category: t(`digest.help.${alert.helpCategory}`),
  };
  const text = shorten(alert.helpText.replace(/\s+/g, ' ').trim(), MAX_HELP_TEXT);
  if (alert.helpCategory === 'none' && text === '')
    return `- ${t('digest.followUp.alert', params)}`;
  if (text === '') return `- ${t('digest.followUp.alertCategory', params)}`;
  return `- ${t('digest.followUp.alertHelp', { ...params, text })}`;
}

function listTeams(context: CardContext, teams: Shortlist<TeamRef>): string {
  return teams.items.length === 0
    ? ''
    : listNames(
        context,
        teams.items.map((team) => team.name),
        teams.total,
      );
}

/** "A, B, C and 4 more". */
function listNames(context: CardContext, names: string[], total: number): string {
  const rest = total - names.length;
  return rest > 0
    ? `${names.join(', ')}, ${context.t('digest.more', { count: rest })}`
    : names.join(', ');
}

/**
 * Lab session requests by status (the statuses with none left out), delays and debriefs, then
 * charts: requests by status, effort committed per month against the Lab's capacity (months over
 * it in the "attention" colour) and the hot debriefs' scores, each with its figures in words.
 */
function sessionsElements(context: CardContext, section: SessionsSection): Element[] {
  const { t } = context;
  const days = (value: number | null): string =>
    value === null ? t('labSession.digest.none') : t('labSession.list.days', { days: value });
  const statuses = SESSION_STATUSES.filter((status) => section.byStatus[status] > 0);
  const elements: (Element | undefined)[] = [
    heading(t('labSession.digest.heading')),
    {
      type: 'FactSet',
      facts: [
        ...statuses.map((status) =>
          fact(capitalise(t(`labSession.status.${status}`)), String(section.byStatus[status])),
        ),
        fact(t('labSession.digest.toGo'), days(section.medianDaysToGo)),
        fact(t('labSession.digest.goToSession'), days(section.medianDaysGoToSession)),
        fact(t('labSession.digest.heldThisYear'), String(section.heldThisYear)),
        fact(
          t('labSession.digest.hot'),
          section.hotAverage === null
            ? t('labSession.digest.none')
            : t('labSession.digest.hotValue', {
                average: section.hotAverage,
                answers: section.hotAnswers,
              }),
        ),
        fact(
          t('labSession.digest.cold'),
          t('labSession.digest.coldValue', {
            answers: section.coldAnswers,
            followUps: section.followUpsWanted,
          }),
        ),
      ],
    },
    donut(
      context,
      t('labSession.digest.byStatusChart'),
      statuses.map((status) => ({
        legend: capitalise(t(`labSession.status.${status}`)),
        value: section.byStatus[status],
      })),
    ),
    effortBars(context, section),
    section.hotAnswers === 0
      ? undefined
      : barChart(
          t('labSession.digest.hotChart'),
          section.hotScores.map((count, index) => {
            const x = t('labSession.digest.score', { score: index + 1 });
            return { x, y: count, figure: t('digest.figure', { label: x, value: count }) };
          }),
        ),
  ];
  return elements.filter((element): element is Element => element !== undefined);
}

/**
 * The months ahead (at most {@link MAX_BARS}) with the facilitator days committed to their
 * sessions, against the capacity when it is configured: a month over it is drawn in the
 * "attention" colour and said so in words.
 */
function effortBars(context: CardContext, section: SessionsSection): Element | undefined {
  const { t, language } = context;
  const months = section.effort.byMonth.slice(0, MAX_BARS);
  if (months.length === 0 && section.effort.awaitingGo === 0) return undefined;
  const capacity = section.capacityDays;
  const monthName = (month: string): string =>
    capitalise(
      new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'fr-FR', {
        month: 'short',
        year: 'numeric',
        timeZone: 'UTC',
      }).format(new Date(`${month}-01T12:00:00.000Z`)),
    );
  const load = (days: number): string => {
    if (capacity === null) return t('labSession.list.days', { days });
    if (days <= capacity) return t('labSession.list.daysOfCapacity', { days, capacity });
    return t('labSession.list.overCapacity', {
      days,
      capacity,
      over: Math.round((days - capacity) * 10) / 10,
    });
  };
  const bars = months.map(({ month, days }) => ({
    x: monthName(month),
    y: days,
    figure: t('digest.figure', { label: monthName(month), value: load(days) }),
    ...(capacity === null ? {} : { color: days > capacity ? 'attention' : 'good' }),
  }));
  if (section.effort.awaitingGo > 0) {
    const x = t('labSession.list.awaitingGo');
    const days = section.effort.awaitingGo;
    bars.push({
      x,
      y: days,
      figure: t('digest.figure', { label: x, value: t('labSession.list.days', { days }) }),
      ...(capacity === null ? {} : { color: 'neutral' }),
    });
  }
  return barChart(t('labSession.list.effortHeading'), bars);
}

/**
 * Reaching everyone this week, in one section: how the programme's notices reached people in
 * Teams (a chat they had, a chat the bot got by installing itself, a 1:1 opened through a team)
 * and why some could not go (managers asked for an endorsement counted apart); then every message
 * of the week delivered in Teams, by e-mail and to nobody, naming who got theirs by e-mail and who
 * by no route, with why.
 */
function reachElements(
  context: CardContext,
  reach: ReachCounts | undefined,
  email: ReachSection | undefined,
): Element[] {
  const { t } = context;
  const elements: Element[] = [heading(t('digest.reach.heading'))];
  if (reach !== undefined) {
    const facts = (['conversation', 'install', 'team'] as const).map((route) =>
      fact(t(`digest.reach.${route}`), String(reach.byRoute[route])),
    );
    facts.push(fact(t('digest.reach.unreachable'), String(reach.byRoute.unreachable)));
    for (const failure of reach.failures) {
      facts.push(
        fact(
          t(`digest.reach.failure.${failure.failure}`),
          failure.endorsements > 0
            ? t('digest.reach.countWithManagers', {
                count: failure.count,
                managers: failure.endorsements,
              })
            : String(failure.count),
        ),
      );
    }
    elements.push({ type: 'FactSet', facts });
  }
  if (email !== undefined) elements.push(...emailReachElements(context, email));
  return elements;
}

/** Messages of the week by route, then who got theirs by e-mail and who by no route, with why. */
function emailReachElements({ t }: CardContext, section: ReachSection): Element[] {
  const facts = [
    ...section.byEmail.items.map((person) =>
      fact(
        person.name,
        t('digest.reach.byEmail', { cause: t(`digest.reach.cause.${person.cause}`) }),
      ),
    ),
    ...section.unreached.items.map((person) =>
      fact(
        person.name,
        t('digest.reach.unreached', {
          reason: t(`digest.reach.reason.${person.reason}`),
          cause: t(`digest.reach.cause.${person.cause}`),
        }),
      ),
    ),
  ];
  const rest =
    section.byEmail.total -
    section.byEmail.items.length +
    section.unreached.total -
    section.unreached.items.length;
  return [
    {
      type: 'TextBlock',
      text: t('digest.reach.summary', {
        teams: section.teams,
        email: section.email,
        none: section.none,
      }),
      wrap: true,
      spacing: 'Medium',
    },
    ...(facts.length === 0 ? [] : [{ type: 'FactSet', facts }]),
    ...(rest > 0
      ? [{ type: 'TextBlock', text: t('digest.reach.more', { count: rest }), wrap: true }]
      : []),
  ];
}

/** Personal data: rows the retention job removed this week, and what goes within a month. */
function retentionElements(context: CardContext, section: RetentionSection): Element[] {
  const { t, language } = context;
  const facts = [];
  const purged = Object.values(section.purged).reduce((sum, n) => sum + n, 0);
  if (purged > 0) {
    facts.push(
      fact(t('personalData.digest.purged'), t('personalData.digest.rows', { count: purged })),
    );
  }
  for (const due of section.due) {
    facts.push(fact(t(`personalData.digest.due.${due.rule}`), formatDay(due.day, language)));
  }
  return [heading(t('personalData.digest.heading')), { type: 'FactSet', facts }];
}

function heading(text: string): Element {
  return {
    type: 'TextBlock',
    // A heading a screen reader lists, so people jump from section to section.
    style: 'heading',
    text,
    size: 'Medium',
    weight: 'Bolder',
    wrap: true,
    separator: true,
    spacing: 'Large',
  };
}

function fact(title: string, value: string): { title: string; value: string } {
  return { title, value };
}

/**
 * A donut under its caption, its figures written out under it: a chart says nothing to a screen
 * reader, and colours nothing to some. The legends carry the values too. The caption is a
 * TextBlock rather than the chart's `title`, which not every host draws.
 */
function donut(
  context: CardContext,
  title: string,
  data: { legend: string; value: number; color?: string }[],
): Element | undefined {
  if (data.length === 0) return undefined;
  const figures = data
    .map((d) => context.t('digest.figure', { label: d.legend, value: d.value }))
    .join(' · ');
  return captioned(
    title,
    {
      type: 'Chart.Donut',
      colorSet: 'categorical',
      data: data.map((d) => ({
        ...d,
        legend: context.t('digest.figure', { label: d.legend, value: d.value }),
      })),
      fallback: { type: 'TextBlock', text: figures, wrap: true },
    },
    figures,
  );
}

/** Bars for the largest organisations and one for the rest, under a caption, with a text fallback. */
function bars(
  context: CardContext,
  title: string,
  organisations: readonly OrganisationCount[],
): Element | undefined {
  if (organisations.length === 0) return undefined;
  const top = organisations.slice(0, MAX_BARS);
  const rest = organisations.slice(MAX_BARS).reduce((sum, o) => sum + o.count, 0);
  const data = [
    ...top.map((o) => ({ x: o.name, y: o.count })),
    ...(rest > 0 ? [{ x: context.t('digest.others'), y: rest }] : []),
  ];
  return barChart(
    title,
    data.map((d) => ({ ...d, figure: context.t('digest.figure', { label: d.x, value: d.y }) })),
  );
}

/** A bar, and its figure in words for the text under the chart (bar labels are cut short). */
interface Bar {
  x: string;
  y: number;
  color?: string;
  figure: string;
}

/** Vertical bars under a caption, with their figures in words below and as the fallback. */
function barChart(title: string, bars: readonly Bar[]): Element {
  const figures = bars.map((bar) => bar.figure).join(' · ');
  const coloured = bars.some((bar) => bar.color !== undefined);
  return captioned(
    title,
    {
      type: 'Chart.VerticalBar',
      ...(coloured ? {} : { colorSet: 'categorical' }),
      showBarValues: true,
      data: bars.map(({ x, y, color }) => ({ x, y, ...(color === undefined ? {} : { color }) })),
      fallback: { type: 'TextBlock', text: figures, wrap: true },
    },
    figures,
  );
}

/** A chart under its caption, with its figures as text under it for everyone. */
function captioned(caption: string, chart: Element, figures: string): Element {
  return {
    type: 'Container',
    spacing: 'Medium',
    items: [
      { type: 'TextBlock', text: caption, weight: 'Bolder', wrap: true },
      chart,
      { type: 'TextBlock', text: figures, wrap: true, size: 'Small', spacing: 'Small' },
    ],
  };
}

function action(
  title: string,
  verb: string,
  digest: Digest,
  mode: 'primary' | 'secondary' = 'primary',
  extra: Record<string, unknown> = {},
): Element {
  const data = { verb, programmeId: digest.programmeId, ...extra };
  return {
    type: 'Action.Execute',
    title,
    verb,
    data,
    mode,
    fallback: { type: 'Action.Submit', title, data, mode },
  };
}

function describeWhen(context: CardContext, days: number): string {
  if (days <= 0) return context.t('digest.today');
  if (days === 1) return context.t('digest.tomorrow');
  return context.t('digest.inDays', { days });
}

/** "novembre 2026", "November 2026". */
function formatMonth(month: string, language: Language): string {
  const [year, monthOfYear] = month.split('-').map(Number);
  return dateTimeFormat(language === 'en' ? 'en-GB' : 'fr-FR', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year ?? 1970, (monthOfYear ?? 1) - 1, 15)));
}

function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

function shorten(text: string, max: number): string {
  const characters = [...text];
  return characters.length <= max ? text : `${characters.slice(0, max - 1).join('')}…`;
}
