/** A channel of a Teams team. */
export interface TeamChannel {
  id: string;
  displayName: string;
  webUrl?: string;
  /** standard, private or shared, as Graph says. */
  membershipType?: string;
}

/** A private or shared channel to create, and its first owner (Graph wants one from an app). */
export interface ChannelKind {
  membershipType: 'private' | 'shared';
  /** Entra id of the person made its owner. */
  ownerAadId: string;
}

/** Why creating or listing channels failed, and whether trying again may help. */
export class ChannelProvisioningError extends Error {
  constructor(
    message: string,
    /** True for throttling (429) and server errors; false for refusals such as a bad name or consent. */
    readonly retryable: boolean,
    readonly status?: number,
    /** Seconds the service asked to wait (Retry-After), when it said. */
    readonly retryAfterSeconds?: number,
    /**
     * For a refusal (403): the least-privileged permission the call needs, which the app was not
     * granted in this team (resource-specific consent given when the app is installed).
     */
    readonly missingPermission?: string,
  ) {
    super(message);
    this.name = 'ChannelProvisioningError';
  }
}

/**
 * Creates channels in the programme's Teams team (Microsoft Graph in production). The team is
 * named by its group id (a GUID), which is what Graph's /teams/{team-id} takes.
 */
export interface ChannelProvisioner {
  listChannels(teamGroupId: string): Promise<TeamChannel[]>;
  /**
   * Creates a standard channel, or a private or shared one with its owner (`kind`); a name
   * already taken fails with status 409.
   */
  createChannel(
    teamGroupId: string,
    displayName: string,
    description: string,
    kind?: ChannelKind,
  ): Promise<TeamChannel>;
}

/** The channels the bot created for each programme: the only ones it reuses. */
export interface OwnChannelStore {
  list(programmeId: string): Promise<TeamChannel[]>;
  /** Records a channel just created; recording it twice changes nothing. */
  record(programmeId: string, channel: TeamChannel, at: Date): Promise<void>;
}
