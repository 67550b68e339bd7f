import { type Applicant, type Candidacy } from '../../core/candidacies/candidacy';
import {
  CANDIDACY_FORM,
  listFormFields,
  readAnswer,
  toInputIds,
  type FormField,
} from '../../core/candidacies/candidacy-form';
import { RETENTION_DEFAULTS } from '../../core/personal-data/personal-data-register';
import { getOrganisationName, type Programme } from '../../core/programmes/programme';
import { asSentence, formatDay, isMessageKey } from '../../i18n/translate';
import type { CardContext } from '../../adapters/teams/cards/card-context';
import {
  buildCard,
  type Banner,
  type CardModel,
  type CardButton,
  type CardInput,
} from '../../adapters/teams/cards/card-kit';
import type { AdaptiveCardJson } from '../../adapters/teams/cards/render-card';
import { CandidacyVerbs } from './candidacy-verbs';

/** A banner above a card: a result, a refusal or a reminder. */
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
  /** The form's fields; CANDIDACY_FORM unless a test brings its own. */
  form?: readonly FormField[];
  /** The DPO's contact (configuration), named in the information notice. */
  dpoContact?: string;
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
        : t('candidacy.form.intro', { theme: asSentence(programme.theme), closeDay }),
    ],
  };
  if (input.banner !== undefined) model.banner = input.banner;
  if (
    input.readOnly === undefined &&
    listFormFields(programme.intakeMode, input.form).some((f) => f.kind === 'notice')
  ) {
    // Shown with the form, before anything is sent: what the law requires (RGPD art. 13).
    model.note = t('candidacy.notice', {
      dpo: input.dpoContact ?? t('candidacy.notice.defaultDpo'),
      unselectedMonths: RETENTION_DEFAULTS.unselectedMonthsAfterCommittee,
      participantMonths: RETENTION_DEFAULTS.participantMonthsAfterEnd,
    });
  }
  const actions: CardButton[] = [];
  const data = { programmeId: programme.id };
  if (input.readOnly !== undefined) {
    model.banner = {
      text: t('candidacy.form.readOnly', { reason: input.readOnly }),
      style: 'warning',
    };
    if (candidacy !== undefined) {
      model.sections = summariseCandidacy(context, programme, candidacy, input.form);
    }
  } else {
    model.inputs = formInputs(context, programme, values, input.errors ?? {}, input.form);
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
        secondary: true,
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
      secondary: true,
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
      secondary: true,
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
  form: readonly FormField[] = CANDIDACY_FORM,
): NonNullable<CardModel['sections']> {
  const { t, language } = context;
  const facts = [
    { label: t('candidacy.summary.status'), value: t(`candidacyStatus.${candidacy.status}`) },
    {
      label: t('candidacy.summary.organisation'),
      // Whether the address confirmed it: the committee's conflict of interest rests on it.
      value: t(
        candidacy.answers.organisationCheckedBy === 'emailDomain'
          ? 'candidacy.summary.organisationChecked'
          : 'candidacy.summary.organisationDeclared',
        { name: getOrganisationName(programme, candidacy.organisationId) },
      ),
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
  if (answers.mode === 'team') {
    facts.push({
      label: t('candidacy.summary.team'),
      value: t('candidacy.summary.teamValue', {
        name: answers.teamName,
        size: candidacy.seatCount,
      }),
    });
  }
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
  for (const field of listFormFields(answers.mode, form)) {
    if (field.summary === undefined) continue;
    const value = showAnswer(context, programme, field, readAnswer(answers, field.id));
    if (value === '') continue;
    const label = shortLabel(context, field);
    if (field.summary === 'paragraph') texts.push(`**${label}**`, value);
    else facts.push({ label, value });
  }
  return [{ facts, texts }];
}

/** The form's values from a stored candidacy, to reopen it for editing. */
export function toFormValues(
  candidacy: Candidacy,
  form: readonly FormField[] = CANDIDACY_FORM,
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of listFormFields(candidacy.answers.mode, form)) {
    const answer = readAnswer(candidacy.answers, field.id);
    switch (field.kind) {
      case 'organisation':
        values[field.id] = candidacy.organisationId;
        break;
      case 'notice':
        break;
      case 'themeWishes':
        toInputIds(field).forEach((id, index) => {
          values[id] = (answer as readonly string[] | undefined)?.[index] ?? '';
        });
        break;
      case 'members':
      case 'memberEmails': {
        const members = candidacy.answers.mode === 'team' ? candidacy.answers.members : [];
        values[field.id] =
          field.kind === 'members'
            ? members.flatMap((m) => (m.kind === 'user' ? [m.aadId] : [])).join(',')
            : members.flatMap((m) => (m.kind === 'email' ? [m.email] : [])).join('\n');
        break;
      }
      default:
        values[field.id] =
          typeof answer === 'boolean' ? String(answer) : ((answer as string) ?? '');
    }
  }
  return values;
}

/** The form's inputs for the programme's intake mode, each with its error under it. */
function formInputs(
  context: CardContext,
  programme: Programme,
  values: Record<string, string>,
  errors: Record<string, string>,
  form: readonly FormField[] = CANDIDACY_FORM,
): CardInput[] {
  const { t } = context;
  const value = (id: string): string => values[id] ?? '';
  return listFormFields(programme.intakeMode, form).flatMap((field): CardInput[] => {
    // A required field says so in its label, which is what a screen reader announces.
    const label = (id: string): string => {
      const text = formFieldLabel(context, programme, id);
      // As validateCandidacyForm decides: a first theme wish is always needed.
      const required =
        field.required === true ||
        (field.required === 'whenEndorsementRequired' && programme.endorsementRequired === true) ||
        field.kind === 'themeWishes';
      // Of ranked wishes only the first is required.
      const first = toInputIds(field).indexOf(id) <= 0;
      return required && first ? t('candidacy.field.required', { label: text }) : text;
    };
    const common = { id: field.id, value: value(field.id), error: errors[field.id] ?? '' };
    switch (field.kind) {
      case 'organisation':
        return [
          {
            kind: 'choice',
            ...common,
            label: label(field.id),
            placeholder: t('candidacy.field.choose'),
            choices: programme.organisations.map((o) => ({ title: o.name, value: o.id })),
          },
        ];
      case 'choice':
        return [
          {
            kind: 'choice',
            ...common,
            label: label(field.id),
            placeholder: t('candidacy.field.choose'),
            choices: (field.choices ?? []).map((choice) => ({
              title: choiceLabel(context, field, choice),
              value: choice,
            })),
          },
        ];
      case 'themeWishes':
        return toInputIds(field).map((id) => ({
          kind: 'choice',
          id,
          label: label(id),
          value: value(id),
          placeholder: t('candidacy.field.choose'),
          choices: programme.themeOptions.map((o) => ({ title: o.label, value: o.id })),
          error: errors[id] ?? '',
        }));
      case 'members':
        return [{ kind: 'people', ...common, label: label(field.id) }];
      case 'notice':
        return [];
      case 'toggle':
        return [
          { kind: 'toggle', ...common, label: label(field.id), value: value(field.id) === 'true' },
        ];
      case 'email': {
        const conditional =
          field.required === 'whenEndorsementRequired' && programme.endorsementRequired === true;
        return [
          {
            kind: 'text',
            ...common,
            label: label(conditional ? `${field.id}Endorsement` : field.id),
            maxLength: field.maxLength ?? 0,
            placeholder: 'prenom.nom@organisme.fr',
          },
        ];
      }
      case 'text':
      case 'longText':
      case 'memberEmails': {
        const long = field.kind !== 'text';
        return [
          {
            kind: 'text',
            ...common,
            label: label(field.id),
            // A long text may reach the server over its limit, and get a clear message there.
            maxLength: (field.maxLength ?? 0) * (field.kind === 'longText' ? 2 : 1),
            ...(long ? { multiline: true } : {}),
          },
        ];
      }
    }
  });
}

/** A form input's label, with the programme's dates it may name (the kick-off, the hackathon). */
export function formFieldLabel(
  { t, language }: CardContext,
  programme: Programme,
  id: string,
): string {
  const m = programme.milestones;
  const dates = {
    date: formatDay(m.kickOff, language),
    start: formatDay(m.hackathonStart, language),
    end: formatDay(m.hackathonEnd, language),
  };
  const key = `candidacy.field.${id}`;
  return isMessageKey(key) ? t(key, dates) : id;
}

/** The short label of a field (summary, export), else its form label. */
export function shortLabel(context: CardContext, field: FormField): string {
  for (const key of [`candidacy.short.${field.id}`, `candidacy.field.${field.id}`]) {
    if (isMessageKey(key)) return context.t(key);
  }
  return field.id;
}

function choiceLabel(context: CardContext, field: FormField, choice: string): string {
  const key = `${field.choiceLabels ?? `candidacy.choice.${field.id}`}.${choice}`;
  return isMessageKey(key) ? context.t(key) : choice;
}

/** A stored answer as the summary shows it. */
function showAnswer(
  context: CardContext,
  programme: Programme,
  field: FormField,
  answer: ReturnType<typeof readAnswer>,
): string {
  if (answer === undefined || answer === null) return '';
  if (typeof answer === 'boolean') return context.t(answer ? 'common.yes' : 'common.no');
  if (typeof answer === 'string') {
    return field.kind === 'choice' ? choiceLabel(context, field, answer) : answer;
  }
  if (field.kind === 'themeWishes') {
    return (answer as readonly string[])
      .map((id) => programme.themeOptions.find((o) => o.id === id)?.label ?? id)
      .map((label, index) => `${index + 1}. ${label}`)
      .join(' ; ');
  }
  return '';
}

/**
 * The messages a form needs in every catalogue: each input's label, and each choice's label.
 * The catalogue test checks them, so a field added without its translations fails the tests.
 */
export function listFormMessageKeys(form: readonly FormField[] = CANDIDACY_FORM): string[] {
  return form.flatMap((field) => [
    ...toInputIds(field).map((id) => `candidacy.field.${id}`),
    ...(field.required === 'whenEndorsementRequired'
      ? [`candidacy.field.${field.id}Endorsement`]
      : []),
    ...(field.choices ?? []).map(
      (choice) => `${field.choiceLabels ?? `candidacy.choice.${field.id}`}.${choice}`,
    ),
  ]);
}
