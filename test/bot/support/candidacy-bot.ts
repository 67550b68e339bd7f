import type { SqlPeopleDirectory } from '../../../src/adapters/sql/sql-people-directory';
import type { CandidacyDeps } from '../../../src/core/candidacies/candidacy-deps';
import type { Programme } from '../../../src/core/programmes/programme';
import { RecordingNotifier, SequentialIds } from '../../support/candidacy-fakes';
import { COMMITTEE_CNAV, createTestProgramme } from '../../support/candidacy-programme';
import { BotHarness, loadActivity } from './bot-harness';

/** Signing key of export links in bot tests. */
export const TEST_SIGNING_KEY = 'bot-test-export-signing-key-0123456789';

/** The programme of the bot tests: its call is open on the harness's day (2026-11-20, Paris). */
export const BOT_PROGRAMME: Programme = createTestProgramme({
  id: 'defi-bot-test',
  name: 'Défi du Lab (essai)',
  milestones: {
    candidacyOpen: '2026-11-02',
    candidacyClose: '2026-11-27',
    selectionCommittee: '2026-12-04',
    kickOff: '2027-01-14',
    hackathonStart: '2027-02-10',
    hackathonEnd: '2027-02-11',
    followUpStart: '2027-03-01',
    decemberReview: '2027-12-09',
    marchReview: '2028-03-09',
    end: '2028-03-31',
  },
  committee: [COMMITTEE_CNAV],
});

/** A Teams user of the fixtures: Camille (the recorded candidate) or a stand-in. */
export interface FixtureUser {
  id: string;
  name: string;
  aadObjectId: string;
}

/** Camille Martin, the candidate of the recorded activities. */
export const CAMILLE: FixtureUser = {
  id: '29:1Z8mN2r7cYQ-user-camille',
  name: 'Camille Martin',
  aadObjectId: '6a1f0c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b',
};

/** Another candidate, numbered, for tests that need several. */
export function candidate(n: number): FixtureUser {
  return {
    id: `29:candidate-${n}`,
    name: `Candidat ${n}`,
    aadObjectId: `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`,
  };
}

/** The bot with a recording notifier for the candidacy and selection use cases. */
export class CandidacyBot {
  readonly harness = new BotHarness();
  readonly notifier = new RecordingNotifier();
  core: CandidacyDeps | undefined;
  people: SqlPeopleDirectory | undefined;

  async start(
    programme: Programme = BOT_PROGRAMME,
    env: Record<string, string> = {},
  ): Promise<void> {
    this.harness.options = {
      candidacies: {
        notifier: this.notifier,
        // Predictable ids (cand-1, cand-2…) so recorded actions can name a candidacy.
        ids: new SequentialIds('cand'),
      },
    };
    await this.harness.start({ EXPORT_SIGNING_KEY: TEST_SIGNING_KEY, ...env });
    this.core = this.harness.bot.platform.candidacyCore;
    this.people = this.harness.bot.platform.people;
    await this.harness.bot.programmes.save(programme);
  }

  async stop(): Promise<void> {
    await this.harness.stop();
  }

  /** Posts a recorded activity, as another user and with changed action data if asked. */
  async send(
    fixture: string,
    changes: { as?: FixtureUser; data?: Record<string, unknown> } = {},
  ): Promise<{ status: number; card: Record<string, unknown> | undefined }> {
    const activity = loadActivity(fixture);
    if (changes.as !== undefined) {
      activity.from = { ...changes.as };
      activity.conversation = {
        ...(activity.conversation as Record<string, unknown>),
        id: `a:1personal-${changes.as.aadObjectId}`,
      };
    }
    if (changes.data !== undefined) {
      const value = activity.value as { action?: { data: Record<string, unknown> } } & Record<
        string,
        unknown
      >;
      if (value.action !== undefined) value.action.data = { ...value.action.data, ...changes.data };
      else activity.value = { ...value, ...changes.data };
    }
    const { status, body } = await this.harness.send(activity);
    const response = body as { value?: Record<string, unknown> } | undefined;
    return { status, card: response?.value };
  }

  /**
   * Clicks an irreversible action through its confirmation step: the recorded click must be
   * answered by a question with a destructive "Confirmer", which is then clicked as the same
   * person with the data it carries.
   */
  async sendConfirmed(
    fixture: string,
    changes: { as?: FixtureUser; data?: Record<string, unknown> } = {},
  ): Promise<{ status: number; card: Record<string, unknown> | undefined; question: unknown }> {
    const asked = await this.send(fixture, changes);
    const confirm = actionOf(asked.card, 'destructive');
    if (confirm === undefined) {
      throw new Error(`no confirmation step: ${JSON.stringify(asked.card).slice(0, 300)}`);
    }
    const answer = await this.send(fixture, { ...changes, data: confirm.data });
    return { ...answer, question: asked.card };
  }

  /**
   * Clicks a button of an answered card (verb and data as the card carries them), from the
   * person and conversation of a recorded click.
   */
  async click(
    fixture: string,
    action: { verb: string; data: Record<string, unknown> },
    as?: FixtureUser,
  ): Promise<{ status: number; card: Record<string, unknown> | undefined }> {
    const activity = loadActivity(fixture);
    if (as !== undefined) {
      activity.from = { ...as };
      activity.conversation = {
        ...(activity.conversation as Record<string, unknown>),
        id: `a:1personal-${as.aadObjectId}`,
      };
    }
    activity.value = {
      action: {
        type: 'Action.Execute',
        verb: action.verb,
        data: { ...action.data, verb: action.verb },
      },
      trigger: 'manual',
    };
    const { status, body } = await this.harness.send(activity);
    return { status, card: (body as { value?: Record<string, unknown> } | undefined)?.value };
  }

  /** Submits the recorded valid form as a user, for an organisation. */
  async apply(user: FixtureUser, organisationId: string): Promise<void> {
    const { card } = await this.send('invoke-candidacy-submit', {
      as: user,
      data: { organisationId },
    });
    if (!JSON.stringify(card).includes('Candidature envoyée')) {
      throw new Error(`submission refused: ${JSON.stringify(card)}`);
    }
  }

  /** The Lab admin's decision on a candidacy, through the recorded action. */
  decide(candidacyId: string, decision: 'accept' | 'waitlist' | 'decline') {
    const changes = { data: { candidacyId, decision } };
    return decision === 'decline'
      ? this.sendConfirmed('invoke-selection-decide-accept', changes)
      : this.send('invoke-selection-decide-accept', changes);
  }
}

/** The card as text, to look for sentences. */
export function textOf(card: unknown): string {
  return JSON.stringify(card);
}

/** A button of a card: the destructive one, or the one with that title. */
export function actionOf(
  card: unknown,
  styleOrTitle: string,
): { title: string; verb: string; data: Record<string, unknown>; style?: string } | undefined {
  const actions = ((card as { actions?: unknown } | undefined)?.actions ?? []) as {
    title: string;
    verb: string;
    data: Record<string, unknown>;
    style?: string;
  }[];
  return actions.find((action) => action.style === styleOrTitle || action.title === styleOrTitle);
}
