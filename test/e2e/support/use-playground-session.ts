import assert from 'node:assert/strict';
import { basename } from 'node:path';
import { PlaygroundChat } from './playground-chat';
import { runLabbot } from './run-labbot';
import { startE2eStack, type E2eStack } from './start-e2e-stack';

/**
 * Registers the suite's hooks for one person's session in the Agents Playground: before it, an
 * optional programme file imported with `labbot programme import` (as a Lab organiser would, into
 * the bot's database before it starts), the stack started and the personal chat opened; a
 * screenshot of the page when a test fails; everything stopped after the suite.
 */
export function usePlaygroundSession(options: {
  /** Writes the programme file in the stack's work folder and returns its path. */
  programmeFile?: (workDir: string) => { path: string };
  /** Runs after the import, before the bot starts: e.g. other people's candidacies written in. */
  seed?: (bot: { env: NodeJS.ProcessEnv; workDir: string }) => Promise<void>;
  /** false: no demo programme besides the suite's own. */
  seedDemo?: boolean;
  /** The bot's time at start, which the suite then moves (see `E2eStackOptions.clock`). */
  clock?: Date;
  /** More of the bot's configuration (see `E2eStackOptions.botEnv`). */
  botEnv?: Record<string, string>;
  /** false: the suite opens the Playground itself (its first test watches the install). */
  openPersonalChat?: boolean;
  onReady: (stack: E2eStack, chat: PlaygroundChat) => void;
}): void {
  let stack: E2eStack | undefined;
  let chat: PlaygroundChat | undefined;

  before(async function () {
    const write = options.programmeFile;
    // Each suite's logs under its own name: the file's, e.g. "checkin" for checkin.e2e.test.ts.
    const name = basename(this.test?.file ?? 'e2e').replace(/\.e2e\.test\.ts$/, '');
    stack = await startE2eStack({
      name,
      ...(options.seedDemo === undefined ? {} : { seedDemo: options.seedDemo }),
      ...(options.clock === undefined ? {} : { clock: options.clock }),
      ...(options.botEnv === undefined ? {} : { botEnv: options.botEnv }),
      beforeBotStart: async (bot) => {
        if (write !== undefined) {
          const output = await runLabbot(['programme', 'import', write(bot.workDir).path], bot.env);
          assert.match(output, /Programme importé/);
        }
        await options.seed?.(bot);
      },
    });
    chat = new PlaygroundChat(stack.page);
    if (options.openPersonalChat !== false) await chat.openPersonalChat(stack.playgroundUrl);
    options.onReady(stack, chat);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && chat !== undefined) {
      const name = `failure-${(this.currentTest.title ?? 'test').replace(/\W+/g, '-')}`;
      await chat.screenshot(name).catch(() => undefined);
    }
  });

  after(async function () {
    await stack?.stop();
  });
}
