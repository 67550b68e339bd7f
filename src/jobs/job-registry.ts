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

  /**
   * Schedules a job; a tick that comes while the previous run is still going is skipped. Ticks
   * missed while the process was paused (or its clock moved) are said once, by the next tick,
   * which catches up since jobs work from stored dates: node-cron itself would write a plain
   * console line per missed minute, 1,440 per job for a day's pause.
   */
  register(job: Job): void {
    let missed = 0;
    const task = cron.schedule(
      job.schedule ?? DEFAULT_TICK,
      () => {
        if (missed > 0) {
          this.logger.warn(
            { job: job.name, missed },
            'job ticks missed while the process was paused or its clock moved; this tick catches up',
          );
          missed = 0;
        }
        const run = job
          .run()
          .catch((error: unknown) => this.logger.error({ err: error, job: job.name }, 'job failed'))
          .finally(() => this.running.delete(run));
        this.running.add(run);
        return run;
      },
      { name: job.name, timezone: job.timezone ?? 'Europe/Paris', noOverlap: true },
    );
    task.on('execution:missed', () => {
      missed += 1;
    });
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
