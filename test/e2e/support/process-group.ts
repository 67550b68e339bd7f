import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';

/** How long a process group gets to stop after SIGTERM before it is killed. */
const STOP_GRACE_MS = 12_000; // the bot itself waits up to 10 s for turns in progress
/** How much of a process's output is kept in memory to explain a failure. */
const OUTPUT_TAIL_CHARS = 8_000;

/** A child process started in its own process group, so that stopping it also stops its children. */
export interface ProcessGroup {
  name: string;
  pid: number;
  /** Resolves with the exit code (or the signal's name) when the group leader exits. */
  exited: Promise<number | string>;
  /** Whether the group leader is still running. */
  isRunning(): boolean;
  /** The last few thousand characters the process wrote (stdout and stderr). */
  outputTail(): string;
  /** Resolves once the process wrote a line matching `pattern`; rejects if it exits first. */
  waitForOutput(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
  /** SIGTERM to the group, then SIGKILL after a grace period. */
  stop(): Promise<void>;
}

/** Groups still running: killed synchronously if the test process exits or is interrupted. */
const runningGroups = new Set<ProcessGroup>();

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    // ESRCH: the whole group is already gone.
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

process.on('exit', () => {
  for (const group of runningGroups) killGroup(group.pid, 'SIGKILL');
});

/** Starts `command` in a new process group (detached), writing its output to `logFile`. */
export function startProcessGroup(options: {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  logFile: string;
}): ProcessGroup {
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined)
    throw new Error(`${options.name}: could not start ${options.command}`);
  const pid = child.pid;
  const log = createWriteStream(options.logFile);
  let tail = '';
  let exitedWith: number | string | undefined;
  const listeners = new Set<() => void>();
  const onOutput = (chunk: Buffer): void => {
    log.write(chunk);
    tail = (tail + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
    for (const listener of listeners) listener();
  };
  child.stdout.on('data', onOutput);
  child.stderr.on('data', onOutput);

  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => {
      exitedWith = code ?? signal ?? 'unknown';
      runningGroups.delete(group);
      for (const listener of listeners) listener();
      log.end();
      resolve(exitedWith);
    });
  });

  let stopping: Promise<void> | undefined;
  const group: ProcessGroup = {
    name: options.name,
    pid,
    exited,
    isRunning: () => exitedWith === undefined,
    outputTail: () => tail,
    waitForOutput: (pattern, timeoutMs) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          const match = tail.match(pattern);
          if (match !== null) {
            done();
            resolve(match);
          } else if (exitedWith !== undefined) {
            done();
            reject(new Error(`${options.name} exited (${exitedWith}) before printing ${pattern}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`${options.name} did not print ${pattern} within ${timeoutMs} ms`));
        }, timeoutMs);
        const done = (): void => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      }),
    stop: () => {
      stopping ??= (async () => {
        if (exitedWith === undefined) {
          killGroup(pid, 'SIGTERM');
          const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), STOP_GRACE_MS);
          await exited;
          clearTimeout(timer);
        }
        // The leader is gone; children it may have left behind in its group go too.
        killGroup(pid, 'SIGKILL');
      })();
      return stopping;
    },
  };
  runningGroups.add(group);
  return group;
}
