import assert from 'node:assert/strict';

/**
 * Polls `probe` every 50 ms until it gives a value (work the bot does after answering: the
 * outbox, a job), and fails naming `what` after `timeoutMs`.
 */
export async function waitFor<T>(
  probe: () => T | undefined,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
