import type { Notice } from '../../../core/ports/notifier';
import type { CardContext } from '../cards/card-context';
import type { AdaptiveCardJson } from '../cards/render-card';

/** Turns one kind of notice into a card in the recipient's language, with its notification text. */
export type NoticeRenderer = (
  notice: Notice,
  context: CardContext,
) => { card: AdaptiveCardJson; summary: string };

/** Renderers by notice kind; features add theirs. */
export type NoticeRenderers = Readonly<Record<string, NoticeRenderer>>;
