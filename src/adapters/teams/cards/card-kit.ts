import template from './card.json';
import { renderCard, type AdaptiveCardJson } from './render-card';
import { setOwn } from './sanitise-card';

/**
 * Teams refreshes a card automatically for at most 60 listed users ("userIds … maximum 60 user
 * MRIs", Universal Actions documentation); in a conversation of 60 people or fewer it refreshes
 * for everyone anyway.
 */
export const MAX_REFRESH_USER_IDS = 60;

/**
 * Marks an input required for Teams itself (`isRequired`): the client refuses to send the card
 * while it is empty, and says `errorMessage` under it, programmatically tied to the input. Only
 * for cards whose every button that sends the inputs needs them filled: Teams checks it on each
 * such button, so a "save draft" or "pause" button beside it would be blocked too.
 */
export interface RequiredInput {
  errorMessage: string;
}

/**
 * Past this many choices a dropdown becomes a type-ahead (`style: "filtered"`, which Teams
 * supports on Input.ChoiceSet): nobody scrolls 300 organisations, and typing "Guyane" finds
 * the Caf de Guyane. Under it, a plain list is quicker. Multi-select lists stay compact, since
 * Teams filters single choices only.
 */
export const FILTERED_CHOICES_FROM = 20;

/** A form input; `error` is shown right under it. */
export type CardInput = (
  | {
      kind: 'text';
      id: string;
      label: string;
      value: string;
      maxLength: number;
      multiline?: boolean;
      placeholder?: string;
      error?: string;
    }
  | {
      kind: 'number';
      id: string;
      label: string;
      value: number | null;
      min?: number;
      max?: number;
      placeholder?: string;
      error?: string;
    }
  | {
      kind: 'choice';
      id: string;
      label: string;
      value: string;
      choices: { title: string; value: string }[];
      placeholder?: string;
      /** Several values, comma-separated in `value`. */
      multiSelect?: boolean;
      error?: string;
    }
  /** A calendar day, YYYY-MM-DD. */
  | { kind: 'date'; id: string; label: string; value: string; error?: string }
  | { kind: 'toggle'; id: string; label: string; value: boolean; error?: string }
  /** The Teams people picker (a Graph typeahead); the value is comma-separated Entra ids. */
  | { kind: 'people'; id: string; label: string; value: string; error?: string }
) & { required?: RequiredInput };

/**
 * A card button: an Action.Execute (with its Action.Submit fallback) or a link. A `secondary`
 * one goes in the card's overflow menu ("…" in Teams, `mode` of Adaptive Cards 1.5), so the card
 * shows one or two buttons for what it is for, not a row of six.
 */
export type CardButton =
  | {
      kind?: 'execute';
      title: string;
      verb: string;
      data?: Record<string, unknown>;
      style?: 'positive' | 'destructive' | 'default';
      secondary?: boolean;
    }
  | { kind: 'url'; title: string; url: string; secondary?: boolean };

/** A coloured line above the content: what just happened, or what went wrong. */
export interface Banner {
  text: string;
  style: 'attention' | 'good' | 'accent' | 'warning' | 'default';
}

/** Everything the shared card template can show; every part but the title is optional. */
export interface CardModel {
  title: string;
  subtitle?: string;
  banner?: Banner;
  lines?: string[];
  facts?: { label: string; value: string }[];
  sections?: { title?: string; facts?: { label: string; value: string }[]; texts?: string[] }[];
  /** List rows, each with one button. */
  items?: {
    title: string;
    subtitle?: string;
    action: { title: string; verb: string; data?: Record<string, unknown> };
  }[];
  inputs?: CardInput[];
  note?: string;
  actions?: CardButton[];
  /** Refreshes the card for each of these people when they look at it (Universal Actions). */
  refresh?: { verb: string; data: Record<string, unknown>; aadIds: readonly string[] };
}

/**
 * Renders the shared template (forms, lists, check-ins, notices). Action data always carries the
 * verb, which the Action.Submit fallback needs to reach the right handler.
 */
export function buildCard(model: CardModel): AdaptiveCardJson {
  const card = renderCard(template, {
    title: model.title,
    subtitle: model.subtitle ?? '',
    banner: model.banner ?? { text: '', style: 'default' },
    lines: model.lines ?? [],
    ...splitFacts(model.facts ?? []),
    sections: (model.sections ?? []).map((section) => ({
      title: section.title ?? '',
      ...splitFacts(section.facts ?? []),
      texts: section.texts ?? [],
    })),
    items: (model.items ?? []).map((item) => ({
      title: item.title,
      subtitle: item.subtitle ?? '',
      action: { ...item.action, data: { ...item.action.data, verb: item.action.verb } },
    })),
    inputs: (model.inputs ?? []).map((input) => ({
      placeholder: '',
      multiline: false,
      multiSelect: false,
      min: null,
      max: null,
      choices: [],
      maxLength: null,
      ...input,
      value: input.kind === 'toggle' ? String(input.value) : input.value,
      error: input.error ?? '',
      choiceStyle:
        input.kind === 'choice' &&
        input.multiSelect !== true &&
        input.choices.length > FILTERED_CHOICES_FROM
          ? 'filtered'
          : 'compact',
      required: input.required === undefined ? null : true,
      errorMessage: input.required?.errorMessage ?? null,
    })),
    note: model.note ?? '',
    actions: (model.actions ?? []).map((action) =>
      action.kind === 'url'
        ? {
            kind: 'url',
            title: action.title,
            url: action.url,
            verb: '',
            data: {},
            style: 'default',
            mode: action.secondary === true ? 'secondary' : null,
          }
        : {
            kind: 'execute',
            title: action.title,
            verb: action.verb,
            style: action.style ?? 'default',
            data: { ...action.data, verb: action.verb },
            mode: action.secondary === true ? 'secondary' : null,
          },
    ),
  });
  const cleaned = dropNulls(card) as AdaptiveCardJson;
  if (model.refresh !== undefined) {
    const data = { ...model.refresh.data, verb: model.refresh.verb };
    cleaned.refresh = {
      action: { type: 'Action.Execute', verb: model.refresh.verb, data },
      // Teams identifies people in userIds by their MRI, 8:orgid: followed by the Entra object id.
      userIds: model.refresh.aadIds
        .slice(0, MAX_REFRESH_USER_IDS)
        .map((aadId) => `8:orgid:${aadId}`),
    };
  }
  return cleaned;
}

/** A title, a few lines and an optional banner: refusals, confirmations, short answers. */
export function buildMessageCard(
  title: string,
  lines: string[] = [],
  banner?: Banner,
): AdaptiveCardJson {
  return buildCard(banner === undefined ? { title, lines } : { title, lines, banner });
}

/**
 * A word longer than this does not fit a FactSet's value column at phone width (about 20
 * characters beside its label) and cannot wrap: an e-mail address, a long id.
 */
const UNBREAKABLE_WORD = 24;

/**
 * Facts whose value holds an e-mail address or an unbreakable long word leave the FactSet,
 * whose value column is narrow on a phone, for a label above its value across the whole card.
 */
function splitFacts(facts: { label: string; value: string }[]): {
  facts: { label: string; value: string }[];
  wideFacts: { label: string; value: string }[];
} {
  const isWide = (value: string) =>
    value.includes('@') || value.split(/\s+/).some((word) => word.length > UNBREAKABLE_WORD);
  return {
    facts: facts.filter((fact) => !isWide(fact.value)),
    wideFacts: facts.filter((fact) => isWide(fact.value)),
  };
}

// Optional numbers are bound as null so no template expression is left unbound; Adaptive Card
// schemas want such properties absent rather than null.
function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  const kept: Record<string, unknown> = {};
  for (const key of Object.keys(record)) {
    const entry = record[key];
    if (entry !== null) setOwn(kept, key, dropNulls(entry));
  }
  return kept;
}
