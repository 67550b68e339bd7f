import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { JobRegistry } from '../../../src/jobs/job-registry';
import { createLogger } from '../../../src/logger';

/** The process's time as the real time plus `offset`, as after a pause or a clock correction. */
function moveTheClock(): { forward(ms: number): void; restore(): void } {
  const RealDate = Date;
  let offset = 0;
  class MovedDate extends RealDate {
    constructor(...args: ConstructorParameters<DateConstructor> | []) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...args);
    }

    static override now(): number {
      return RealDate.now() + offset;
    }
  }
  globalThis.Date = MovedDate as DateConstructor;
  return {
    forward: (ms) => {
      offset += ms;
    },
    restore: () => {
      globalThis.Date = RealDate;
    },
  };
}

describe('JobRegistry', () => {
  it('says once, in the structured log, how many ticks a paused process missed, then catches up', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger(
      'info',
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
          done();
        },
      }),
    );
    const consoleLines: unknown[] = [];
    const consoleWarn = console.warn;
    console.warn = (...args: unknown[]) => {
      consoleLines.push(args);
    };
    const clock = moveTheClock();
    const registry = new JobRegistry(logger);
    try {
      let runs = 0;
      let next: (() => void) | undefined;
      const ran = () => new Promise<void>((resolve) => (next = resolve));
      registry.register({
        name: 'every-second',
        // Every second, so that the test takes seconds (the bot's jobs tick every minute).
        schedule: '* * * * * *',
        run: () => {
          runs += 1;
          next?.();
          return Promise.resolve();
        },
      });
      await ran();
      // An hour passes at once: 3,600 ticks missed.
      clock.forward(60 * 60 * 1000);
      await ran();
      assert.ok(runs >= 2);
      const missed = lines.filter((line) => line.job === 'every-second' && 'missed' in line);
      assert.equal(missed.length, 1, JSON.stringify(lines));
      assert.equal(missed[0]!.level, 40);
      // The hour's 3,600 seconds, and any a slow machine adds.
      assert.ok((missed[0]!.missed as number) >= 3_590, String(missed[0]!.missed));
      assert.deepEqual(consoleLines, [], 'nothing on the console');
    } finally {
      await registry.stopAll();
      clock.restore();
      console.warn = consoleWarn;
    }
  });
});
