import type { CardVerb } from '../card-verbs';
import template from './follow-up-card.json';
import { renderCard, type AdaptiveCardJson } from './render-card';

/**
 * Teams refreshes a card automatically for at most 60 listed users ("userIds … maximum 60 user
 * MRIs", Universal Actions documentation); in a conversation of 60 people or fewer it refreshes
 * for everyone anyway.
 */
export const MAX_REFRESH_USER_IDS = 60;

/** A form input of a follow-up card; `error` is shown right under it. */
export type FollowUpInput =
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
      error?: string;
    }
  | { kind: 'date'; id: string; label: string; value: string; error?: string };

/** Everything the follow-up card template can show; every part but the title is optional. */
export interface FollowUpCardModel {
  title: string;
  subtitle?: string;
  banner?: { text: string; style: 'attention' | 'good' | 'accent' | 'warning' | 'default' };
  lines?: string[];
  facts?: { label: string; value: string }[];
  sections?: { title?: string; facts?: { label: string; value: string }[]; texts?: string[] }[];
  inputs?: FollowUpInput[];
  note?: string;
  actions?: {
    title: string;
    verb: CardVerb;
    data?: Record<string, unknown>;
    style?: 'positive' | 'destructive' | 'default';
  }[];
  /** Refreshes the card for each of these people when they look at it (Universal Actions). */
  refresh?: { verb: CardVerb; data: Record<string, unknown>; aadIds: readonly string[] };
}

/**
 * Renders the follow-up template (check-ins, reviews, history, calendar). Action data always
 * carries the verb, which the Action.Submit fallback needs to reach the right handler.
 */
export function buildFollowUpCard(model: FollowUpCardModel): AdaptiveCardJson {
  const card = renderCard(template, {
    title: model.title,
    subtitle: model.subtitle ?? '',
    banner: model.banner ?? { text: '', style: 'default' },
    lines: model.lines ?? [],
    facts: model.facts ?? [],
    sections: (model.sections ?? []).map((section) => ({
      title: section.title ?? '',
      facts: section.facts ?? [],
      texts: section.texts ?? [],
    })),
    inputs: (model.inputs ?? []).map((input) => ({
      placeholder: '',
      multiline: false,
      min: null,
      max: null,
      choices: [],
      maxLength: null,
      ...input,
      error: input.error ?? '',
    })),
    note: model.note ?? '',
    actions: (model.actions ?? []).map((action) => ({
      title: action.title,
      verb: action.verb,
      style: action.style ?? 'default',
      data: { ...action.data, verb: action.verb },
    })),
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

// Optional numbers are bound as null so no template expression is left unbound; Adaptive Card
// schemas want such properties absent rather than null.
function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, entry]) => entry !== null)
      .map(([key, entry]) => [key, dropNulls(entry)]),
  );
}
