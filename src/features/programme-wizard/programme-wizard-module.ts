import type { TurnContext } from 'botbuilder';
import type { ProgrammeStore } from '../../core/ports/programme-store';
import type { Organisation } from '../../core/programmes/programme';
import {
  PROGRAMME_FORM_FIELDS,
  toFormField,
  toProgrammeInput,
} from '../../core/programmes/to-programme-input';
import { validateProgramme } from '../../core/programmes/validate-programme';
import { formatIssue } from '../../i18n/translate';
import type { Logger } from '../../logger';
import type { BotFeature, TurnHelpers } from '../../adapters/teams/bot-feature';
import { CardVerbs } from '../../adapters/teams/card-verbs';
import type { CardContext } from '../../adapters/teams/cards/card-context';
import { buildCard, type CardModel, type CardInput } from '../../adapters/teams/cards/card-kit';
import type { AdaptiveCardJson } from '../../adapters/teams/cards/render-card';

/** Lengths that keep a programme readable in cards and under the 80 KB card limit. */
const TEXT_MAX = 300;
const DESCRIPTION_MAX = 4_000;

/** What the "nouveau programme" form needs. */
export interface ProgrammeWizardDeps {
  programmes: ProgrammeStore;
  /** Organisations offered in the form (the catalogue). */
  organisations: readonly Organisation[];
  logger: Logger;
}

type Values = Record<string, string>;

/** "nouveau programme": the Lab team creates a programme with a card form, checked like a programme file. */
export function createProgrammeWizardFeature(deps: ProgrammeWizardDeps): BotFeature {
  return (app, helpers: TurnHelpers) => {
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
            verb: CardVerbs.programmeCreate,
            style: 'positive',
          },
        ],
      });
    };

    const submit = async (context: TurnContext, values: Values): Promise<AdaptiveCardJson> => {
      const cardContext = helpers.cardContextOf(context);
      const { t } = cardContext;
      if (!helpers.rolesOf(context).has('lab'))
        return buildCard({ title: t('wizard.forbidden') });
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

    app.message(/^\s*(nouveau programme|new programme|new program)\s*$/i, async (context) => {
      const cardContext = helpers.cardContextOf(context);
      const card = helpers.rolesOf(context).has('lab')
        ? form(cardContext, {}, {})
        : buildCard({ title: cardContext.t('wizard.forbidden') });
      await helpers.sendCard(context, card);
    });
    app.adaptiveCards.actionExecute<Values>(
      CardVerbs.programmeCreate,
      async (context, _state, data) => submit(context, data),
    );
    app.adaptiveCards.actionSubmit<Values>(
      CardVerbs.programmeCreate,
      async (context, _state, data) => helpers.sendCard(context, await submit(context, data)),
    );
  };
}
