import type { ConnectorFailure } from './decide-retry';

/** A Bot Connector activity, as JSON (Bot Framework REST API v3). */
export type Activity = Record<string, unknown>;

/** What opening a 1:1 chat with a user needs. */
export interface CreateConversationRequest {
  serviceUrl: string;
  tenantId: string;
  /** The bot's id in the channel (`28:<app id>` in Teams). */
  botId: string;
  /** Entra object id of the user. */
  userAadId: string;
}

/**
 * The few Bot Connector calls the delivery worker makes, kept small so any client fits behind
 * it: plain fetch today, botbuilder's connector or the Teams SDK later. Failures are thrown as
 * ConnectorError.
 */
export interface ConnectorClient {
  /** Opens (or finds: Teams answers the same id again) a 1:1 chat and returns its conversation id. */
  createConversation(request: CreateConversationRequest): Promise<string>;
  /** Posts an activity and returns the id Teams gave it. */
  sendActivity(serviceUrl: string, conversationId: string, activity: Activity): Promise<string>;
  /** Replaces an activity posted earlier, e.g. a progress card. */
  updateActivity(
    serviceUrl: string,
    conversationId: string,
    activityId: string,
    activity: Activity,
  ): Promise<void>;
}

/** Supplies the bearer token for Bot Connector calls; undefined when none is needed (local fakes). */
export interface TokenProvider {
  getToken(serviceUrl: string): Promise<string | undefined>;
}

/** A failed Bot Connector call: the HTTP status and error code, or no status for a network failure. */
export class ConnectorError extends Error implements ConnectorFailure {
  override name = 'ConnectorError';
  readonly status?: number;
  readonly code?: string;
  readonly retryAfterMs?: number;

  constructor(message: string, failure: ConnectorFailure, options?: { cause?: unknown }) {
    super(message, options);
    if (failure.status !== undefined) this.status = failure.status;
    if (failure.code !== undefined) this.code = failure.code;
    if (failure.retryAfterMs !== undefined) this.retryAfterMs = failure.retryAfterMs;
  }
}
