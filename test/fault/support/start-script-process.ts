import { join } from 'node:path';
import { startProcessGroup, type ProcessGroup } from '../../e2e/support/process-group';

/** The project root, where node resolves tsx and the scripts' imports. */
const ROOT = join(__dirname, '..', '..', '..');

/** How long a script process may take to print its first line on a busy machine. */
export const SCRIPT_START_TIMEOUT_MS = 30_000;

/**
 * Runs a TypeScript script in a child node process of its own process group (so SIGKILL reaches
 * it and anything it started), with tsx as loader, and waits until it prints `"event":"started"`.
 */
export async function startScriptProcess(options: {
  name: string;
  script: string;
  env: Record<string, string>;
  logDirectory: string;
}): Promise<ProcessGroup> {
  const group = startProcessGroup({
    name: options.name,
    command: process.execPath,
    args: ['--import', 'tsx', options.script],
    cwd: ROOT,
    env: { ...process.env, ...options.env },
    logFile: join(options.logDirectory, `${options.name}.log`),
  });
  try {
    await group.waitForOutput(/"event":"started"/, SCRIPT_START_TIMEOUT_MS);
  } catch (error) {
    await group.stop();
    throw new Error(`${String(error)}\n${group.outputTail()}`);
  }
  return group;
}

/** Kills the whole process group at once, as a power cut would, and waits for the leader to go. */
export async function killProcess(group: ProcessGroup): Promise<void> {
  try {
    process.kill(-group.pid, 'SIGKILL');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
  await group.exited;
}
