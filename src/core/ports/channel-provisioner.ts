/** A channel of a Teams team. */
export interface TeamChannel {
  id: string;
  displayName: string;
  webUrl?: string;
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
  ) {
    super(message);
    this.name = 'ChannelProvisioningError';
  }
}

/** Creates channels in the programme's Teams team (Microsoft Graph in production). */
export interface ChannelProvisioner {
  listChannels(teamsTeamId: string): Promise<TeamChannel[]>;
  /** Creates a standard channel; a name already taken fails with status 409. */
  createChannel(
    teamsTeamId: string,
    displayName: string,
    description: string,
  ): Promise<TeamChannel>;
}
