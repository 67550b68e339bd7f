import type { ConversationScope } from '../../../core/conversations/conversation';
import type { Guard } from './guard';
import type { Turn } from './turn';

/**
 * Teams asks for at most this many results a page (`queryOptions.top`, 15 by default) while a
 * person types in a dynamic type-ahead; more would not show.
 */
export const MAX_SEARCH_RESULTS = 15;
/** Longer than any name: a longer query is refused, never searched. */
export const MAX_SEARCH_QUERY_LENGTH = 100;

/** One choice of a type-ahead: what the person sees and what the input sends. */
export interface SearchResult {
  title: string;
  value: string;
}

/**
 * A dynamic type-ahead a card's Input.ChoiceSet asks for (`choices.data` of type `Data.Query`,
 * answered by the `application/search` invoke), declared like a verb: its dataset, who may search
 * it and where. A card names the dataset followed by "/" and what it looks in (a programme id);
 * the search decides from the sender what they may find there. Reading is guarded like writing.
 */
export interface SearchDataset {
  dataset: string;
  guard: Guard;
  scopes: readonly ConversationScope[];
  /** At most `MAX_SEARCH_RESULTS` results for a query already cleaned and bounded. */
  search(turn: Turn, within: string, query: string): Promise<SearchResult[]>;
}
