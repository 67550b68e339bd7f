import { z } from 'zod';
import type { Organisation } from '../../core/programmes/programme';
import {
  PROGRAMME_FORM_FIELDS,
  toFormField,
  toProgrammeInput,
} from '../../core/programmes/to-programme-input';
import { validateProgramme } from '../../core/programmes/validate-programme';
import { formatIssue } from '../../i18n/translate';
import { ALL_SCOPES, defineCardVerb } from '../../adapters/teams/verbs/card-verb';
import { Guards } from '../../adapters/teams/verbs/guard';
import { defineTextCommand } from '../../adapters/teams/verbs/text-command';
import type { Turn } from '../../adapters/teams/verbs/turn';
import { KNOWN_ORGANISATIONS } from '../../catalogue/known-organisations';
import type { FeatureModule } from '../feature-module';
import type { Platform } from '../platform';
import type { CardContext } from '../../adapters/teams/cards/card-context';
import { buildCard, type CardModel, type CardInput } from '../../adapters/teams/cards/card-kit';
import type { AdaptiveCardJson } from '../../adapters/teams/cards/render-card';
import { ProgrammeWizardVerbs } from './programme-wizard-verbs';

/** Lengths that keep a programme readable in cards and under the 80 KB card limit. */
const TEXT_MAX = 300;
const DESCRIPTION_MAX = 4_000;

/**
 * The form's inputs, all text as cards send them, each bounded; the programme's own validation
 * then says what is wrong with each, under its field.
 */
const FORM_DATA = z.record(
  z.string(),
  z.union([z.string().max(DESCRIPTION_MAX * 2), z.number(), z.boolean()]).transform(String),
);

type Values = Record<string, string>;

/** "nouveau programme": the Lab team creates a programme with a card form, checked like a programme file. */
export function createProgrammeWizardModule(
  platform: Pick<Platform, 'programmes' | 'logger'>,
  organisations: readonly Organisation[] = KNOWN_ORGANISATIONS,
): FeatureModule {
  const deps = { programmes: platform.programmes, organisations, logger: platform.logger };
  const form = (
    context: CardContext,
    values: Values,
    errors: Values,
    banner?: CardModel['banner'],
  ): AdaptiveCardJson => {
    const { t } = context;
    const label = (field: string): string =>
      field.startsWith('milestones.')
        ? t(`milestone.${field.slice('milestones.'.length)}` as Parameters<typeof t>[0])
        : t(`wizard.field.${field}` as Parameters<typeof t>[0]);
    const input = (field: (typeof PROGRAMME_FORM_FIELDS)[number]): CardInput => {
      const common = {
        id: field,
        label: label(field),
        value: values[field] ?? '',
        error: errors[field] ?? '',
      };
      if (field.startsWith('milestones.')) {
        return { ...common, kind: 'date' };
      }
      if (field === 'intake.mode') {
        return {
          ...common,
          kind: 'choice',
          value: values[field] ?? 'individual',
          choices: [
            { title: t('wizard.mode.individual'), value: 'individual' },
            { title: t('wizard.mode.team'), value: 'team' },
          ],
        };
      }
      if (field === 'organisations') {
        return {
          ...common,
          kind: 'choice',
          multiSelect: true,
          choices: deps.organisations.map((o) => ({ title: o.name, value: o.id })),
        };
      }
      return {
        ...common,
        kind: 'text',
        maxLength: field === 'description' || field === 'themes' ? DESCRIPTION_MAX : TEXT_MAX,
        multiline: field === 'description' || field === 'themes',
      };
    };
    return buildCard({
      title: t('wizard.title'),
      lines: [t('wizard.intro')],
      ...(banner === undefined ? {} : { banner }),
      inputs: PROGRAMME_FORM_FIELDS.map(input),
      actions: [
        {
          kind: 'execute',
          title: t('wizard.submit'),
          verb: ProgrammeWizardVerbs.create,
          style: 'positive',
        },
      ],
    });
  };

  const submit = async (turn: Turn, values: Values): Promise<AdaptiveCardJson> => {
    const cardContext = turn.card;
    const { t } = cardContext;
    const result = validateProgramme(toProgrammeInput(values), deps.organisations);
    if (!result.ok) {
      const errors: Values = {};
      for (const issue of result.issues) {
        const field = toFormField(issue.path);
        // The first reason per field is enough under an input; the rest follow once it is fixed.
        errors[field] ??= formatIssue({ ...issue, path: [] }, t);
      }
      return form(cardContext, values, errors, {
        text: t('wizard.errors', { count: Object.keys(errors).length }),
        style: 'attention',
      });
    }
    const { programme } = result;
    if ((await deps.programmes.get(programme.id)) !== undefined) {
      return form(
        cardContext,
        values,
        { id: t('wizard.exists', { id: programme.id }) },
        {
          text: t('wizard.errors', { count: 1 }),
          style: 'attention',
        },
      );
    }
    await deps.programmes.save(programme);
    deps.logger.info({ programme: programme.id }, 'programme created from the card form');
    return buildCard({
      title: t('wizard.created', {
        name: programme.name,
        seats: programme.seats,
        organisations: programme.organisations.length,
      }),
      banner: {
        text: t('wizard.created', {
          name: programme.name,
          seats: programme.seats,
          organisations: programme.organisations.length,
        }),
        style: 'good',
      },
    });
  };

  const lab = { guard: Guards.lab, forbidden: 'wizard.forbidden', scopes: ALL_SCOPES } as const;
  return {
    name: 'programme-wizard',
    verbs: [
      defineCardVerb({
        verb: ProgrammeWizardVerbs.create,
        data: FORM_DATA,
        ...lab,
        handle: (turn, values) => submit(turn, values),
      }),
    ],
    commands: [
      defineTextCommand({
        id: 'programme.new',
        pattern: /^\s*(nouveau programme|new programme|new program)\s*$/i,
        examples: { fr: 'nouveau programme', en: 'new programme' },
        ...lab,
        handle: async (turn) => turn.send(form(turn.card, {}, {})),
      }),
    ],
  };
}
