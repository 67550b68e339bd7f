import type { Kysely } from 'kysely';
import type { OwnChannelStore, TeamChannel } from '../../core/ports/channel-provisioner';
import type { Database } from './schema';

/** The channels the bot created, per programme, in SQL. */
export class SqlOwnChannelStore implements OwnChannelStore {
  constructor(private readonly db: Kysely<Database>) {}

  async list(programmeId: string): Promise<TeamChannel[]> {
    const rows = await this.db
      .selectFrom('programme_channels')
      .select(['channel_id', 'display_name'])
      .where('programme_id', '=', programmeId)
      .orderBy('created_at')
      .execute();
    return rows.map((row) => ({ id: row.channel_id, displayName: row.display_name }));
  }

  async record(programmeId: string, channel: TeamChannel, at: Date): Promise<void> {
    await this.db
      .insertInto('programme_channels')
      .values({
        programme_id: programmeId,
        channel_id: channel.id,
        display_name: channel.displayName,
        created_at: at.toISOString(),
      })
      .onConflict((oc) => oc.columns(['programme_id', 'channel_id']).doNothing())
      .execute();
  }
}
