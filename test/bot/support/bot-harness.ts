import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../../src/config';
import type { Clock } from '../../../src/core/ports/clock';
import { createLogger } from '../../../src/logger';
import { startBot, type RunningBot, type StartOptions } from '../../../src/main';
import { loadActivity } from '../../support/load-activity';
import { RecordingConnector } from './recording-connector';

/** Entra object id of the Lab team member in the fixtures (Nadia Benali). */
export const FIXTURE_ADMIN_AAD_ID = '0b7e8f9a-1c2d-4e3f-9a8b-7c6d5e4f3a2b';

/**
 * A clock the test sets by hand, which then runs at real speed from there: dates are the test's,
 * while the delivery worker's pacing (sends per second) still sees time pass.
 */
export class FakeClock implements Clock {
  private setAt = Date.now();
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current.getTime() + (Date.now() - this.setAt));
  }
  set(instant: Date): void {
    this.current = instant;
    this.setAt = Date.now();
  }
}

export { loadActivity };

/** The Lab admin of the fixtures clicking an Action.Execute button with `verb` in their personal chat. */
export function adminClicks(
  verb: string,
  data: Record<string, string> = {},
): Record<string, unknown> {
  const admin = loadActivity('personal-message-status-admin');
  return {
    ...loadActivity('invoke-action-execute-profile'),
    from: admin.from,
    conversation: admin.conversation,
    value: {
      action: { type: 'Action.Execute', verb, data: { verb, ...data } },
      trigger: 'manual',
    },
  };
}

/** The real bot (HTTP server, TeamsAdapter, SQLite) with its replies going to a recording connector. */
export class BotHarness {
  readonly connector = new RecordingConnector();
  readonly clock = new FakeClock(new Date('2026-11-20T08:15:00.000Z'));
  private running: RunningBot | undefined;
  private directory: string | undefined;
  config: Config | undefined;
  /** Extra start options (features mounted on the bot's database), set before start(). */
  options: Omit<StartOptions, 'clock'> = {};

  async start(env: Record<string, string> = {}): Promise<void> {
    await this.connector.start();
    this.directory = mkdtempSync(join(tmpdir(), 'labbot-bot-test-'));
    this.config = loadConfig({
      PORT: '0',
      SQLITE_PATH: join(this.directory, 'bot.sqlite'),
      LAB_ADMIN_IDS: FIXTURE_ADMIN_AAD_ID,
      SEED_DEMO: 'true',
      LOG_LEVEL: 'silent',
      ...env,
    });
    this.running = await startBot(this.config, createLogger(this.config.logLevel), {
      ...this.options,
      clock: this.clock,
    });
  }

  get bot(): RunningBot {
    if (this.running === undefined) throw new Error('bot not started');
    return this.running;
  }

  get url(): string {
    return this.bot.url;
  }

  /** Closes the bot's database under its feet, as when the database server goes away. */
  async closeDatabase(): Promise<void> {
    await this.bot.database.close();
  }

  /** Posts an activity as Teams would, pointing its serviceUrl at the recording connector. */
  async send(
    activity: Record<string, unknown>,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${this.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ ...activity, serviceUrl: this.connector.url }),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text === '' ? undefined : (JSON.parse(text) as unknown),
    };
  }

  /**
   * Clicks an irreversible action through its confirmation step: sends the click, checks the
   * answer asks first (a destructive "Confirmer"), then clicks that button as the same person,
   * with the data the card carries. Returns the answers to both clicks.
   */
  async sendConfirmed(
    activity: Record<string, unknown>,
  ): Promise<{ status: number; body: unknown; question: unknown }> {
    const asked = await this.send(activity);
    const confirm = findAction(asked.body, 'destructive');
    if (confirm === undefined) {
      throw new Error(`no confirmation step: ${JSON.stringify(asked.body).slice(0, 300)}`);
    }
    const answer = await this.send(clickOn(activity, confirm));
    return { ...answer, question: asked.body };
  }

  async stop(): Promise<void> {
    await this.running?.stop();
    await this.connector.stop();
    if (this.directory !== undefined) rmSync(this.directory, { recursive: true, force: true });
  }
}

/** An Action.Execute of an invoke's answer card: the destructive one, or the one with that title. */
export function findAction(
  body: unknown,
  styleOrTitle: string,
): { title: string; verb: string; data: Record<string, unknown>; style?: string } | undefined {
  const card = (body as { value?: { actions?: unknown } } | undefined)?.value;
  const actions = (card?.actions ?? []) as {
    title: string;
    verb: string;
    data: Record<string, unknown>;
    style?: string;
  }[];
  return actions.find((action) => action.style === styleOrTitle || action.title === styleOrTitle);
}

/** The click `activity` (an invoke) turned into a click on `action`: same person, same conversation. */
export function clickOn(
  activity: Record<string, unknown>,
  action: { verb: string; data: Record<string, unknown> },
): Record<string, unknown> {
  return {
    ...activity,
    value: {
      action: { type: 'Action.Execute', verb: action.verb, data: action.data },
      trigger: 'manual',
    },
  };
}
