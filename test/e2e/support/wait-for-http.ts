/** Pause between two readiness probes: short, since both servers start in a few seconds. */
const POLL_INTERVAL_MS = 200;
/** A probe that hangs (server half started) is abandoned after this long. */
const PROBE_TIMEOUT_MS = 2_000;

/**
 * Polls `url` with GET until it answers `expectedStatus`. Rejects after `timeoutMs`, or as soon
 * as `stillStarting()` returns false (the process died: no point waiting for it).
 */
export async function waitForHttp(
  url: string,
  options: {
    expectedStatus?: number;
    timeoutMs: number;
    stillStarting: () => boolean;
    name: string;
  },
): Promise<void> {
  const expected = options.expectedStatus ?? 200;
  const deadline = Date.now() + options.timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (!options.stillStarting()) throw new Error(`${options.name} stopped while starting`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
      await response.arrayBuffer();
      if (response.status === expected) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
  throw new Error(
    `${options.name} did not answer ${expected} on ${url} within ${options.timeoutMs} ms (${last})`,
  );
}
