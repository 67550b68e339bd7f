import { type Applicant, type Candidacy, JOB_ROLES } from '../../core/candidacies/candidacy';
import { FormFields } from '../../core/candidacies/form-fields';
import { getOrganisationName, type Programme } from '../../core/programmes/programme';
import {
  MOTIVATION_MAX_LENGTH,
  REGION_MAX_LENGTH,
} from '../../core/candidacies/validate-individual-form';
import {
  PROJECT_IDEA_MAX_LENGTH,
  SPONSOR_MAX_LENGTH,
  TEAM_NAME_MAX_LENGTH,
} from '../../core/candidacies/validate-team-form';
import { formatDay } from '../../i18n/translate';
import type { CardContext } from '../../adapters/teams/cards/card-context';
import {
  buildCard,
  type CardModel,
  type CardButton,
  type CardInput,
} from '../../adapters/teams/cards/card-kit';
import type { AdaptiveCardJson } from '../../adapters/teams/cards/render-card';
import { CandidacyVerbs } from './candidacy-verbs';

/** Longest email address (RFC 5321 path limit). */
const EMAIL_MAX_LENGTH = 254;
/** Room for a pasted list of member emails: a team of 60 at about 40 characters each. */
const MEMBER_EMAILS_MAX_LENGTH = 2_500;

/** A banner above a card: a result, a refusal or a reminder. */
import type { Banner } from '../../adapters/teams/cards/card-kit';
export type { Banner };

/** What the form card needs. */
export interface FormCardInput {
  programme: Programme;
  applicant: Applicant;
  /** The values to show: what was just sent, a draft, or the stored candidacy. */
  values: Record<string, string>;
  errors?: Record<string, string>;
  banner?: Banner;
  /** The live candidacy, if any (changes the buttons). */
  candidacy?: Candidacy;
  /** Why the form is read-only, as a sentence; undefined when editable. */
  readOnly?: string;
}

/** The candidacy form, individual or team, with each error under its field. */
export function buildCandidacyFormCard(
  context: CardContext,
  input: FormCardInput,
): AdaptiveCardJson {
  const { t, language } = context;
  const { programme, values, candidacy } = input;
  const closeDay = formatDay(programme.milestones.candidacyClose, language);
  const team = programme.intakeMode === 'team';
  const live =
    candidacy !== undefined && !['withdrawn', 'declined', 'lapsed'].includes(candidacy.status);
  const model: CardModel = {
    title: t('candidacy.form.title', { programme: programme.name }),
    subtitle: t(team ? 'candidacy.form.referent' : 'candidacy.form.applicant', {
      name: input.applicant.name,
    }),
    lines: [
      team
        ? t('candidacy.form.introTeam', {
            minTeamSize: programme.teamIntake?.minTeamSize ?? 6,
            closeDay,
          })
        : t('candidacy.form.intro', { theme: programme.theme, closeDay }),
    ],
  };
  if (input.banner !== undefined) model.banner = input.banner;
  const actions: CardButton[] = [];
  const data = { programmeId: programme.id };
  if (input.readOnly !== undefined) {
    model.banner = {
      text: t('candidacy.form.readOnly', { reason: input.readOnly }),
      style: 'warning',
    };
    if (candidacy !== undefined) model.sections = summariseCandidacy(context, programme, candidacy);
  } else {
    model.inputs = team
      ? teamInputs(context, programme, values, input.errors ?? {})
      : individualInputs(context, programme, values, input.errors ?? {});
    actions.push({
      kind: 'execute',
      title: t(live ? 'candidacy.action.update' : 'candidacy.action.submit'),
      verb: CandidacyVerbs.submit,
      data,
      style: 'positive',
    });
    if (!live) {
      actions.push({
        kind: 'execute',
        title: t('candidacy.action.saveDraft'),
        verb: CandidacyVerbs.saveDraft,
        data,
      });
    }
  }
  if (live) {
    actions.push({
      kind: 'execute',
      title: t('candidacy.action.withdraw'),
      verb: CandidacyVerbs.withdraw,
      data,
      style: 'destructive',
    });
  }
  if (programme.privacyNoticeUrl !== undefined) {
    actions.push({
      kind: 'url',
      title: t('candidacy.privacyNotice'),
      url: programme.privacyNoticeUrl,
    });
  }
  model.actions = actions;
  return buildCard(model);
}

/** A candidacy's state for its applicant: summary, then the buttons that still make sense. */
export function buildCandidacyStatusCard(
  context: CardContext,
  programme: Programme,
  candidacy: Candidacy,
  options: { banner?: Banner; title?: string; lines?: string[]; callOpen: boolean },
): AdaptiveCardJson {
  const { t } = context;
  const data = { programmeId: programme.id };
  const actions: CardButton[] = [];
  if (candidacy.status === 'submitted' && options.callOpen) {
    actions.push({
      kind: 'execute',
      title: t('candidacy.action.edit'),
      verb: CandidacyVerbs.open,
      data,
    });
  }
  if (candidacy.status === 'accepted') {
    actions.push(
      {
        kind: 'execute',
        title: t('decision.action.confirm'),
        verb: CandidacyVerbs.confirm,
        data,
        style: 'positive',
      },
      {
        kind: 'execute',
        title: t('decision.action.renounce'),
        verb: CandidacyVerbs.renounce,
        data,
      },
    );
  }
  if (['submitted', 'waitlisted', 'confirmed'].includes(candidacy.status)) {
    actions.push({
      kind: 'execute',
      title: t('candidacy.action.withdraw'),
      verb: CandidacyVerbs.withdraw,
      data,
      style: 'destructive',
    });
  }
  const model: CardModel = {
    title: options.title ?? t('candidacy.status.title', { programme: programme.name }),
    lines: options.lines ?? [],
    sections: summariseCandidacy(context, programme, candidacy),
    actions,
  };
  if (options.banner !== undefined) model.banner = options.banner;
  return buildCard(model);
}

/** The facts of a candidacy, as its applicant and the selection see them. */
export function summariseCandidacy(
  context: CardContext,
  programme: Programme,
  candidacy: Candidacy,
): NonNullable<CardModel['sections']> {
  const { t, language } = context;
  const yesNo = (value: boolean): string => t(value ? 'common.yes' : 'common.no');
  const facts = [
    { label: t('candidacy.summary.status'), value: t(`candidacyStatus.${candidacy.status}`) },
    {
      label: t('candidacy.summary.organisation'),
      value: getOrganisationName(programme, candidacy.organisationId),
    },
  ];
  if (candidacy.confirmBy !== null && candidacy.status === 'accepted') {
    facts.push({
      label: t('candidacy.summary.confirmBy'),
      value: formatDay(candidacy.confirmBy, language),
    });
  }
  const answers = candidacy.answers;
  const texts: string[] = [];
  if (answers.mode === 'individual') {
    const themes = answers.themeWishes
      .map((id) => programme.themeOptions.find((o) => o.id === id)?.label ?? id)
      .map((label, index) => `${index + 1}. ${label}`)
      .join(' ; ');
    facts.push(
      { label: t('candidacy.summary.jobRole'), value: t(`jobRole.${answers.jobRole}`) },
      { label: t('candidacy.summary.region'), value: answers.region },
      { label: t('candidacy.summary.themes'), value: themes },
    );
    if (candidacy.endorsement !== null) {
      const endorsement = candidacy.endorsement;
      const status = t(`endorsementStatus.${endorsement.status}`, {
        email: endorsement.managerEmail,
      });
      facts.push({
        label: t('candidacy.summary.endorsement'),
        value: endorsement.comment === '' ? status : `${status} — ${endorsement.comment}`,
      });
    }
    texts.push(`**${t('candidacy.summary.motivation')}**`, answers.motivation);
  } else {
    facts.push(
      {
        label: t('candidacy.summary.team'),
        value: t('candidacy.summary.teamValue', {
          name: answers.teamName,
          size: candidacy.seatCount,
        }),
      },
      { label: t('candidacy.summary.sponsor'), value: answers.sponsor },
    );
    texts.push(`**${t('candidacy.summary.projectIdea')}**`, answers.projectIdea);
  }
  facts.push({
    label: t('candidacy.summary.availability'),
    value: t('candidacy.summary.availabilityValue', {
      kickOff: yesNo(answers.availableForKickOff),
      hackathon: yesNo(answers.availableForHackathon),
    }),
  });
  return [{ facts, texts }];
}

/** The form's values from a stored candidacy, to reopen it for editing. */
export function toFormValues(candidacy: Candidacy): Record<string, string> {
  const answers = candidacy.answers;
  const common = {
    [FormFields.organisation]: candidacy.organisationId,
    [FormFields.availableForKickOff]: String(answers.availableForKickOff),
    [FormFields.availableForHackathon]: String(answers.availableForHackathon),
    [FormFields.consent]: 'true',
  };
  if (answers.mode === 'individual') {
    return {
      ...common,
      [FormFields.jobRole]: answers.jobRole,
      [FormFields.region]: answers.region,
      [FormFields.managerEmail]: answers.managerEmail ?? '',
      [FormFields.motivation]: answers.motivation,
      ...Object.fromEntries(
        FormFields.themeWishes.map((id, index) => [id, answers.themeWishes[index] ?? '']),
      ),
    };
  }
  return {
    ...common,
    [FormFields.teamName]: answers.teamName,
    [FormFields.members]: answers.members
      .flatMap((m) => (m.kind === 'user' ? [m.aadId] : []))
      .join(','),
    [FormFields.memberEmails]: answers.members
      .flatMap((m) => (m.kind === 'email' ? [m.email] : []))
      .join('\n'),
    [FormFields.projectIdea]: answers.projectIdea,
    [FormFields.sponsor]: answers.sponsor,
  };
}

function individualInputs(
  context: CardContext,
  programme: Programme,
  values: Record<string, string>,
  errors: Record<string, string>,
): CardInput[] {
  const { t, language } = context;
  const value = (id: string): string => values[id] ?? '';
  const themes = programme.themeOptions.map((o) => ({ title: o.label, value: o.id }));
  return [
    organisationInput(context, programme, value(FormFields.organisation), errors),
    {
      kind: 'choice',
      id: FormFields.jobRole,
      label: t('candidacy.field.jobRole'),
      value: value(FormFields.jobRole),
      placeholder: t('candidacy.field.choose'),
      choices: JOB_ROLES.map((role) => ({ title: t(`jobRole.${role}`), value: role })),
      error: errors[FormFields.jobRole] ?? '',
    },
    {
      kind: 'text',
      id: FormFields.region,
      label: t('candidacy.field.region'),
      value: value(FormFields.region),
      maxLength: REGION_MAX_LENGTH,
      error: errors[FormFields.region] ?? '',
    },
    {
      kind: 'text',
      id: FormFields.managerEmail,
      label: t(
        programme.endorsementRequired === true
          ? 'candidacy.field.managerEmailEndorsement'
          : 'candidacy.field.managerEmail',
      ),
      value: value(FormFields.managerEmail),
      maxLength: EMAIL_MAX_LENGTH,
      placeholder: 'prenom.nom@organisme.fr',
      error: errors[FormFields.managerEmail] ?? '',
    },
    {
      kind: 'text',
      id: FormFields.motivation,
      label: t('candidacy.field.motivation'),
      value: value(FormFields.motivation),
      // Twice the limit, so an over-long text reaches the server and gets a clear message.
      maxLength: MOTIVATION_MAX_LENGTH * 2,
      multiline: true,
      error: errors[FormFields.motivation] ?? '',
    },
    ...FormFields.themeWishes.map((id): CardInput => ({
      kind: 'choice',
      id,
      label: t(`candidacy.field.${id}`),
      value: value(id),
      placeholder: t('candidacy.field.choose'),
      choices: themes,
      error: errors[id] ?? '',
    })),
    ...availabilityInputs(context, programme, values, errors, language),
  ];
}

function teamInputs(
  context: CardContext,
  programme: Programme,
  values: Record<string, string>,
  errors: Record<string, string>,
): CardInput[] {
  const { t, language } = context;
  const value = (id: string): string => values[id] ?? '';
  return [
    organisationInput(context, programme, value(FormFields.organisation), errors),
    {
      kind: 'text',
      id: FormFields.teamName,
      label: t('candidacy.field.teamName'),
      value: value(FormFields.teamName),
      maxLength: TEAM_NAME_MAX_LENGTH,
      error: errors[FormFields.teamName] ?? '',
    },
    {
      kind: 'people',
      id: FormFields.members,
      label: t('candidacy.field.members'),
      value: value(FormFields.members),
      error: errors[FormFields.members] ?? '',
    },
    {
      kind: 'text',
      id: FormFields.memberEmails,
      label: t('candidacy.field.memberEmails'),
      value: value(FormFields.memberEmails),
      maxLength: MEMBER_EMAILS_MAX_LENGTH,
      multiline: true,
      error: errors[FormFields.memberEmails] ?? '',
    },
    {
      kind: 'text',
      id: FormFields.projectIdea,
      label: t('candidacy.field.projectIdea'),
      value: value(FormFields.projectIdea),
      maxLength: PROJECT_IDEA_MAX_LENGTH * 2,
      multiline: true,
      error: errors[FormFields.projectIdea] ?? '',
    },
    {
      kind: 'text',
      id: FormFields.sponsor,
      label: t('candidacy.field.sponsor'),
      value: value(FormFields.sponsor),
      maxLength: SPONSOR_MAX_LENGTH,
      error: errors[FormFields.sponsor] ?? '',
    },
    ...availabilityInputs(context, programme, values, errors, language),
  ];
}

function organisationInput(
  { t }: CardContext,
  programme: Programme,
  value: string,
  errors: Record<string, string>,
): CardInput {
  return {
    kind: 'choice',
    id: FormFields.organisation,
    label: t('candidacy.field.organisationId'),
    value,
    placeholder: t('candidacy.field.choose'),
    choices: programme.organisations.map((o) => ({ title: o.name, value: o.id })),
    error: errors[FormFields.organisation] ?? '',
  };
}

function availabilityInputs(
  { t }: CardContext,
  programme: Programme,
  values: Record<string, string>,
  errors: Record<string, string>,
  language: CardContext['language'],
): CardInput[] {
  const m = programme.milestones;
  return [
    {
      kind: 'toggle',
      id: FormFields.availableForKickOff,
      label: t('candidacy.field.availableForKickOff', { date: formatDay(m.kickOff, language) }),
      value: values[FormFields.availableForKickOff] === 'true',
    },
    {
      kind: 'toggle',
      id: FormFields.availableForHackathon,
      label: t('candidacy.field.availableForHackathon', {
        start: formatDay(m.hackathonStart, language),
        end: formatDay(m.hackathonEnd, language),
      }),
      value: values[FormFields.availableForHackathon] === 'true',
    },
    {
      kind: 'toggle',
      id: FormFields.consent,
      label: t('candidacy.field.consent'),
      value: values[FormFields.consent] === 'true',
      error: errors[FormFields.consent] ?? '',
    },
  ];
}
