import { execFile } from 'node:child_process';
import { join } from 'node:path';

const LABBOT_ENTRY = join(__dirname, '..', '..', '..', 'dist', 'src', 'cli', 'labbot.js');
/** The command line opens the database, migrates it and exits: well under a second here. */
const LABBOT_TIMEOUT_MS = 30_000;

/**
 * Runs the built admin command line (`node dist/src/cli/labbot.js …`) with `env` (the bot's own,
 * so that it works on the same database) and resolves with its output; rejects on a non-zero exit.
 */
export function runLabbot(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [LABBOT_ENTRY, ...args],
      { env, timeout: LABBOT_TIMEOUT_MS },
      (error, stdout, stderr) => {
        if (error !== null) {
          reject(new Error(`labbot ${args.join(' ')} failed (${error.message}):\n${stderr}`));
        } else {
          resolve(stdout);
        }
      },
    );
  });
}
