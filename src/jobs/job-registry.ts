import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../logger';

/** Every minute: jobs compute what is due from stored dates, so a fine tick costs little and loses nothing. */
export const DEFAULT_TICK = '* * * * *';

/** A scheduled job: `run` is called on each tick and must be safe to call again (occurrences are keyed). */
export interface Job {
  name: string;
  run: () => Promise<void>;
  /** Cron expression; every minute by default. */
  schedule?: string;
  /** Explicit time zone of the cron expression; Europe/Paris by default. */
  timezone?: string;
}

/** The one place every cron task is registered, so shutdown can stop them all. */
export class JobRegistry {
  private readonly tasks: ScheduledTask[] = [];
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  /** Schedules a job; a tick that comes while the previous run is still going is skipped. */
  register(job: Job): void {
    const task = cron.schedule(
      job.schedule ?? DEFAULT_TICK,
      () => {
        const run = job
          .run()
          .catch((error: unknown) => this.logger.error({ err: error, job: job.name }, 'job failed'))
          .finally(() => this.running.delete(run));
        this.running.add(run);
        return run;
      },
      { name: job.name, timezone: job.timezone ?? 'Europe/Paris', noOverlap: true },
    );
    this.tasks.push(task);
  }

  /** Names of the registered jobs, in registration order. */
  names(): string[] {
    return this.tasks.map((task) => task.name ?? task.id);
  }

  /** Stops every task and waits for runs in progress to finish. */
  async stopAll(): Promise<void> {
    await Promise.all(this.tasks.map(async (task) => task.destroy()));
    this.tasks.length = 0;
    await Promise.allSettled([...this.running]);
  }
}
