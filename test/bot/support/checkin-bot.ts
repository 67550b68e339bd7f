import type { FollowUpDeps } from '../../../src/core/follow-up/follow-up-deps';
import { loadExample2026 } from '../../support/follow-up-fakes';
import { BotHarness, loadActivity } from './bot-harness';

/** The bot on its own SQLite database, holding the 2026 example and its teams. */
export class CheckinBot {
  readonly harness = new BotHarness();
  followUp: FollowUpDeps | undefined;

  async start(): Promise<void> {
    await this.harness.start();
    this.followUp = this.harness.bot.platform.followUp;
    const { programme, teams } = loadExample2026();
    // The demo seed has a programme of the same id, without teams; the example replaces it.
    await this.harness.bot.programmes.save(programme);
    await this.harness.bot.teams.replaceAll(programme.id, teams);
  }

  async stop(): Promise<void> {
    await this.harness.stop();
  }

  /** Sets the clock (it then runs at real speed) and posts a recorded activity. */
  async send(
    fixture: string,
    at?: string,
  ): Promise<{ status: number; card: Record<string, unknown> | undefined }> {
    if (at !== undefined) this.harness.clock.set(new Date(at));
    const { status, body } = await this.harness.send(loadActivity(fixture));
    const response = body as { value?: Record<string, unknown> } | undefined;
    return { status, card: response?.value };
  }

  /** Cards the bot posted (replies and fallbacks), in order. */
  postedCards(): Record<string, unknown>[] {
    return this.harness.connector
      .sentActivities()
      .flatMap((activity) =>
        ((activity.attachments as { content: Record<string, unknown> }[] | undefined) ?? []).map(
          (attachment) => attachment.content,
        ),
      );
  }
}
