import type { CardVerb } from '../card-verbs';
import template from './candidacy-card.json';
import { renderCard, type AdaptiveCardJson } from './render-card';

/** A form input of a candidacy or selection card; `error` is shown right under it. */
export type CardInput =
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
  | { kind: 'people'; id: string; label: string; value: string; error?: string };

/** A card button: an Action.Execute (with its Action.Submit fallback) or a link. */
export type CardButton =
  | {
      kind: 'execute';
      title: string;
      verb: CardVerb;
      data?: Record<string, unknown>;
      style?: 'positive' | 'destructive' | 'default';
    }
  | { kind: 'url'; title: string; url: string };

/** Everything the candidacy card template can show; every part but the title is optional. */
export interface CandidacyCardModel {
  title: string;
  subtitle?: string;
  banner?: { text: string; style: 'attention' | 'good' | 'accent' | 'warning' | 'default' };
  lines?: string[];
  sections?: { title?: string; facts?: { label: string; value: string }[]; texts?: string[] }[];
  /** List rows, each with one button. */
  items?: {
    title: string;
    subtitle?: string;
    action: { title: string; verb: CardVerb; data?: Record<string, unknown> };
  }[];
  inputs?: CardInput[];
  actions?: CardButton[];
}

/**
 * Renders the shared candidacy/selection template. Action data always carries the verb, which the
 * Action.Submit fallback needs to reach the right handler.
 */
export function buildCandidacyCard(model: CandidacyCardModel): AdaptiveCardJson {
  return renderCard(template, {
    title: model.title,
    subtitle: model.subtitle ?? '',
    banner: model.banner ?? { text: '', style: 'default' },
    lines: model.lines ?? [],
    sections: (model.sections ?? []).map((section) => ({
      title: section.title ?? '',
      facts: section.facts ?? [],
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
      maxLength: 0,
      choices: [],
      ...input,
      value: input.kind === 'toggle' ? String(input.value) : input.value,
      error: input.error ?? '',
    })),
    actions: (model.actions ?? []).map((action) =>
      action.kind === 'execute'
        ? {
            style: 'default',
            ...action,
            data: { ...action.data, verb: action.verb },
          }
        : { ...action, verb: '', data: {} },
    ),
  });
}
