import type { TurnContext } from 'botbuilder';
import type { ConversationScope } from '../../../core/conversations/conversation';
import type { Role } from '../../../core/people/role';
import type { CardContext } from '../cards/card-context';
import type { AdaptiveCardJson } from '../cards/render-card';

/**
 * The authenticated sender of a turn, as Teams (and, with credentials, the Bot Framework token)
 * says: never taken from card data.
 */
export interface Sender {
  /** Entra object id (`from.aadObjectId`); turns without one are refused before any verb runs. */
  aadId: string;
  name: string;
  tenantId: string | null;
  /** The conversation without a channel thread's `;messageid=…` suffix. */
  conversationId: string;
  scope: ConversationScope;
  /** IANA time zone the Teams client reports, when it does. */
  timeZone: string | null;
  /** The Lab team of the configuration and of the Lab channel's roster. */
  isLab: boolean;
  /** Every role, programme roles included (read once per turn, when first asked). */
  roles(): Promise<ReadonlySet<Role>>;
}

/** What a verb or command handler works with. */
export interface Turn {
  context: TurnContext;
  sender: Sender;
  /** The sender's language and its translator. */
  card: CardContext;
  /** Sends a card as a new message in the conversation. */
  send(card: AdaptiveCardJson): Promise<void>;
}
