import { ManualClock } from './test-doubles';
export { ManualClock, RecordingNotifier, type NotifiedCall } from './test-doubles';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readProgrammeYaml } from '../../src/adapters/files/read-programme-yaml';
import { KNOWN_ORGANISATIONS } from '../../src/catalogue/known-organisations';
import type { Absence } from '../../src/core/follow-up/absences';
import type { CheckinAnswer } from '../../src/core/follow-up/checkin-answer';
import type { FollowUpActor, FollowUpPlanInput } from '../../src/core/follow-up/team-context';
import type { ReviewId } from '../../src/core/follow-up/planned-send';
import type { ConversationRecord, UserContext } from '../../src/core/conversations/conversation';
import type { AbsenceStore } from '../../src/core/ports/absence-store';
import type { ConversationStore } from '../../src/core/ports/conversation-store';
import type { ClaimResult, OccurrenceStore } from '../../src/core/ports/occurrence-store';
import type { ProgrammeStore } from '../../src/core/ports/programme-store';
import type { ProgrammeTeamStore } from '../../src/core/ports/programme-team-store';
import type { CheckinStore } from '../../src/core/ports/checkin-store';
import type { ReviewStore } from '../../src/core/ports/review-store';
import type { ProgrammeTeam } from '../../src/core/programmes/programme-team';
import type { Programme } from '../../src/core/programmes/programme';
import type { ReviewAnswer } from '../../src/core/follow-up/review-answer';

/** The 2026 example programme file with its four teams (lead of team-1 in French Guiana). */
export function loadExample2026(): { programme: Programme; teams: ProgrammeTeam[] } {
  const text = readFileSync(join(__dirname, '../../examples/defi-du-lab-2026.yml'), 'utf8');
  const result = readProgrammeYaml(text, KNOWN_ORGANISATIONS);
  if (!result.ok || result.teams === undefined) throw new Error('the 2026 example is invalid');
  return { programme: result.programme, teams: result.teams };
}

/** A plan input for the 2026 example, with zones reported by Teams for some people. */
export function example2026Input(zones: Record<string, string> = {}): FollowUpPlanInput {
  const { programme, teams } = loadExample2026();
  return { programme, teams, zoneOf: (aadId) => zones[aadId] };
}

export class InMemoryCheckinStore implements CheckinStore {
  readonly answers = new Map<string, CheckinAnswer>();
  save(answer: CheckinAnswer): Promise<boolean> {
    const key = `${answer.programmeId}|${answer.teamId}|${answer.month}`;
    if ((this.answers.get(key)?.revision ?? 0) !== answer.revision - 1) {
      return Promise.resolve(false);
    }
    this.answers.set(key, structuredClone(answer));
    return Promise.resolve(true);
  }
  get(programmeId: string, teamId: string, month: string): Promise<CheckinAnswer | undefined> {
    const answer = this.answers.get(`${programmeId}|${teamId}|${month}`);
    return Promise.resolve(answer && structuredClone(answer));
  }
  listByTeam(programmeId: string, teamId: string): Promise<CheckinAnswer[]> {
    return Promise.resolve(
      [...this.answers.values()]
        .filter((a) => a.programmeId === programmeId && a.teamId === teamId)
        .sort((a, b) => a.month.localeCompare(b.month))
        .map((a) => structuredClone(a)),
    );
  }
}

export class InMemoryAbsenceStore implements AbsenceStore {
  readonly absences = new Map<string, Absence>();
  set(absence: Absence): Promise<void> {
    this.absences.set(absence.aadId.toLowerCase(), { ...absence });
    return Promise.resolve();
  }
  clear(aadId: string): Promise<void> {
    this.absences.delete(aadId.toLowerCase());
    return Promise.resolve();
  }
  get(aadId: string): Promise<Absence | undefined> {
    return Promise.resolve(this.absences.get(aadId.toLowerCase()));
  }
}

export class InMemoryReviewStore implements ReviewStore {
  readonly answers = new Map<string, ReviewAnswer>();
  save(answer: ReviewAnswer): Promise<boolean> {
    const key = `${answer.programmeId}|${answer.teamId}|${answer.review}|${answer.kind}`;
    if ((this.answers.get(key)?.revision ?? 0) !== answer.revision - 1) {
      return Promise.resolve(false);
    }
    this.answers.set(key, structuredClone(answer));
    return Promise.resolve(true);
  }
  get(
    programmeId: string,
    teamId: string,
    review: ReviewId,
    kind: ReviewAnswer['kind'],
  ): Promise<ReviewAnswer | undefined> {
    const answer = this.answers.get(`${programmeId}|${teamId}|${review}|${kind}`);
    return Promise.resolve(answer && structuredClone(answer));
  }
  listByTeam(programmeId: string, teamId: string): Promise<ReviewAnswer[]> {
    const order = (a: ReviewAnswer): string =>
      `${a.review === 'december' ? 0 : 1}${a.kind === 'preparation' ? 0 : 1}`;
    return Promise.resolve(
      [...this.answers.values()]
        .filter((a) => a.programmeId === programmeId && a.teamId === teamId)
        .sort((a, b) => order(a).localeCompare(order(b)))
        .map((a) => structuredClone(a)),
    );
  }
}

/** A valid check-in answer for tests; override what matters. */
export function aCheckinAnswer(overrides: Partial<CheckinAnswer> = {}): CheckinAnswer {
  const at = new Date('2026-10-02T08:00:00.000Z');
  return {
    programmeId: 'defi-du-lab-2026',
    teamId: 'team-2',
    month: '2026-10',
    status: 'on-track',
    progress: 40,
    done: 'Premier atelier avec les managers',
    nextSteps: 'Tester le kit dans deux services',
    help: { category: 'none', text: '' },
    indicators: {},
    answeredBy: { aadId: '6a1f0c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b', name: 'Camille Martin' },
    answeredAt: at,
    firstAnsweredAt: at,
    late: false,
    revision: 1,
    ...overrides,
  };
}

/** Entra ids of the example's people, by first name. */
export const PEOPLE = {
  maelys: '1c9e4a27-3f5b-4d81-9a6c-7e2f0b8d5a31',
  thomas: '2d8f5b38-4a6c-4e92-8b7d-8f3a1c9e6b42',
  camille: '6a1f0c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b',
  karim: '4f6b7d5a-6c8e-4ab4-8d9f-0b5c3e1a8d64',
  nathalie: '7b4d9f7c-8e0a-4cd6-8f1b-2d7e5a3c0f86',
  pieter: '0e1a2c0f-1b3d-4f09-9c4e-5a0b8d6f3c19',
  claire: 'a1b2c3d4-0001-4a00-8000-00000000f001',
  hugo: 'a1b2c3d4-0002-4a00-8000-00000000f002',
  elodie: 'a1b2c3d4-0003-4a00-8000-00000000f003',
  samuel: 'a1b2c3d4-0004-4a00-8000-00000000f004',
  nadia: '0b7e8f9a-1c2d-4e3f-9a8b-7c6d5e4f3a2b',
  olivier: '5d2c8e41-7a3b-4c9d-8e1f-2a3b4c5d6e7f',
} as const;

export class InMemoryProgrammeStore implements ProgrammeStore {
  readonly programmes = new Map<string, Programme>();
  save(programme: Programme): Promise<void> {
    this.programmes.set(programme.id, structuredClone(programme));
    return Promise.resolve();
  }
  get(id: string): Promise<Programme | undefined> {
    const programme = this.programmes.get(id);
    return Promise.resolve(programme && structuredClone(programme));
  }
  list(): Promise<Programme[]> {
    return Promise.resolve([...this.programmes.values()].map((p) => structuredClone(p)));
  }
}

export class InMemoryProgrammeTeamStore implements ProgrammeTeamStore {
  teams: ProgrammeTeam[] = [];
  replaceAll(programmeId: string, teams: readonly ProgrammeTeam[]): Promise<void> {
    this.teams = [
      ...this.teams.filter((t) => t.programmeId !== programmeId),
      ...teams.map((t) => structuredClone(t)),
    ];
    return Promise.resolve();
  }
  save(team: ProgrammeTeam): Promise<void> {
    this.teams = [
      ...this.teams.filter((t) => !(t.programmeId === team.programmeId && t.id === team.id)),
      structuredClone(team),
    ];
    return Promise.resolve();
  }
  get(programmeId: string, teamId: string): Promise<ProgrammeTeam | undefined> {
    const team = this.teams.find((t) => t.programmeId === programmeId && t.id === teamId);
    return Promise.resolve(team && structuredClone(team));
  }
  listByProgramme(programmeId: string): Promise<ProgrammeTeam[]> {
    return Promise.resolve(
      this.teams
        .filter((t) => t.programmeId === programmeId)
        .sort((a, b) => a.number - b.number)
        .map((t) => structuredClone(t)),
    );
  }
  listForPerson(aadId: string): Promise<ProgrammeTeam[]> {
    const id = aadId.toLowerCase();
    return Promise.resolve(
      this.teams
        .filter((t) =>
          [t.leadAadId, ...t.members.map((m) => m.aadId), ...t.facilitators.map((f) => f.aadId)]
            .map((x) => x.toLowerCase())
            .includes(id),
        )
        .map((t) => structuredClone(t)),
    );
  }
}

/** Only what the follow-up reads: people's last reported locale and zone. */
export class InMemoryConversationStore implements ConversationStore {
  readonly contexts = new Map<string, UserContext>();
  readonly records = new Map<string, ConversationRecord>();
  upsert(record: ConversationRecord): Promise<void> {
    this.records.set(record.conversationId, record);
    return Promise.resolve();
  }
  get(conversationId: string): Promise<ConversationRecord | undefined> {
    return Promise.resolve(this.records.get(conversationId));
  }
  findPersonal(userAadId: string): Promise<ConversationRecord | undefined> {
    return Promise.resolve(
      [...this.records.values()].find((r) => r.scope === 'personal' && r.userAadId === userAadId),
    );
  }
  listActive(): Promise<ConversationRecord[]> {
    return Promise.resolve([...this.records.values()].filter((r) => r.uninstalledAt === null));
  }
  removedByUser(userAadId: string): Promise<boolean> {
    const personal = [...this.records.values()].filter(
      (r) => r.scope === 'personal' && r.userAadId === userAadId,
    );
    return Promise.resolve(personal.length > 0 && personal.every((r) => r.uninstalledAt !== null));
  }
  refresh(): Promise<void> {
    return Promise.resolve();
  }
  markUninstalled(): Promise<void> {
    return Promise.resolve();
  }
  markTeamUninstalled(): Promise<void> {
    return Promise.resolve();
  }
  recordUserContext(context: UserContext): Promise<void> {
    this.contexts.set(context.aadId.toLowerCase(), context);
    return Promise.resolve();
  }
  getUserContext(aadId: string): Promise<UserContext | undefined> {
    return Promise.resolve(this.contexts.get(aadId.toLowerCase()));
  }
  listUserContexts(aadIds: readonly string[]): Promise<UserContext[]> {
    return Promise.resolve(aadIds.flatMap((aadId) => this.contexts.get(aadId.toLowerCase()) ?? []));
  }
}

/** Occurrences claimed and done in memory, with the same answers as the SQL store. */
export class InMemoryOccurrenceStore implements OccurrenceStore {
  readonly rows = new Map<string, { owner: string; leaseUntil: number; done: boolean }>();
  claim(key: string, owner: string, now: Date, leaseUntil: Date): Promise<ClaimResult> {
    const row = this.rows.get(key);
    if (row?.done) return Promise.resolve('done');
    if (row !== undefined && row.leaseUntil >= now.getTime()) return Promise.resolve('held');
    this.rows.set(key, { owner, leaseUntil: leaseUntil.getTime(), done: false });
    return Promise.resolve('claimed');
  }
  markDone(key: string, owner: string): Promise<void> {
    const row = this.rows.get(key);
    if (row?.owner === owner) row.done = true;
    return Promise.resolve();
  }
  release(key: string, owner: string): Promise<void> {
    const row = this.rows.get(key);
    if (row?.owner === owner && !row.done) row.leaseUntil = 0;
    return Promise.resolve();
  }
  listDone(keys: readonly string[]): Promise<Set<string>> {
    return Promise.resolve(new Set(keys.filter((key) => this.rows.get(key)?.done === true)));
  }
}

/** Everything the follow-up use cases need, in memory, with the 2026 example stored. */
export interface FollowUpTestKit {
  clock: ManualClock;
  programmes: InMemoryProgrammeStore;
  teams: InMemoryProgrammeTeamStore;
  conversations: InMemoryConversationStore;
  checkins: InMemoryCheckinStore;
  reviews: InMemoryReviewStore;
  absences: InMemoryAbsenceStore;
  labAdminIds: string[];
}

/** A kit whose clock stands at `now`, with the 2026 example programme and its teams stored. */
export async function createFollowUpTestKit(now: string): Promise<FollowUpTestKit> {
  const { programme, teams } = loadExample2026();
  const kit: FollowUpTestKit = {
    clock: new ManualClock(new Date(now)),
    programmes: new InMemoryProgrammeStore(),
    teams: new InMemoryProgrammeTeamStore(),
    conversations: new InMemoryConversationStore(),
    checkins: new InMemoryCheckinStore(),
    reviews: new InMemoryReviewStore(),
    absences: new InMemoryAbsenceStore(),
    labAdminIds: [],
  };
  await kit.programmes.save(programme);
  await kit.teams.replaceAll(programme.id, teams);
  return kit;
}

/** A person acting on a card. */
export function actor(aadId: string, name = 'Personne', isLab = false): FollowUpActor {
  return { aadId, name, isLab };
}
