import type { LabSessionDeps, SessionActor } from '../../src/core/lab-sessions/lab-session-deps';
import {
  isFacilitatorOf,
  isRequesterOf,
  type SessionRequest,
  type SessionRequestFields,
  type SessionStatus,
} from '../../src/core/lab-sessions/session-request';
import {
  isSamePerson,
  type NewParticipant,
  type SessionParticipant,
} from '../../src/core/lab-sessions/session-participant';
import type {
  LabSessionStore,
  SessionDebriefAnswer,
  SessionRequestDraft,
} from '../../src/core/ports/lab-session-store';
import {
  createHolidayCalendar,
  toHolidayCalendarId,
  type HolidayCalendar,
} from '../../src/core/scheduling/holiday-calendars';
import type { Clock } from '../../src/core/ports/clock';
import type { Notice, NoticeRecipient, Notifier } from '../../src/core/ports/notifier';
import { ManualClock, SequentialIds, type RecordedNotice } from './candidacy-fakes';

/** A director who asks the Lab for a session. */
export const REQUESTER = { aadId: 'aaaaaaaa-0000-4000-8000-000000000001', name: 'Dominique Roy' };
/** Two members of the Lab's extended team. */
export const FACILITATOR_A = { aadId: 'ffffffff-0000-4000-8000-00000000000a', name: 'Aline Facil' };
export const FACILITATOR_B = { aadId: 'ffffffff-0000-4000-8000-00000000000b', name: 'Bruno Facil' };

/** A complete, valid request form. */
export const VALID_FIELDS: SessionRequestFields = {
  subject: 'Accueil des nouveaux allocataires',
  problem: 'Les nouveaux allocataires attendent trop longtemps un premier rendez-vous.',
  intendedResult: 'Trois prototypes de parcours d’accueil à tester en agence.',
  sponsor: '',
  sponsorEmail: '',
  internalParticipants: 30,
  externalParticipants: 12,
  desiredPeriod: 'mars 2027',
  constraints: 'Pas le lundi.',
};

/** A request as stored just after it was sent. */
export function makeRequest(overrides: Partial<SessionRequest> = {}): SessionRequest {
  return {
    id: 'req-1',
    trackingNumber: 'LAB-2026-001',
    status: 'requested',
    requester: REQUESTER,
    requesterTimeZone: 'Europe/Paris',
    fields: VALID_FIELDS,
    facilitators: [],
    qualificationMeeting: null,
    sequencing: null,
    priority: null,
    qualification: null,
    decision: null,
    sessionDay: null,
    coldDebriefDay: null,
    createdAt: new Date('2026-11-20T09:00:00.000Z'),
    updatedAt: new Date('2026-11-20T09:00:00.000Z'),
    ...overrides,
  };
}

/** A director who sponsors a request, known to the bot by e-mail. */
export const SPONSOR = { aadId: 'dddddddd-0000-4000-8000-00000000000d', name: 'Claude Directeur' };
export const SPONSOR_EMAIL = 'claude.directeur@caf.fr';

/** Internal people the bot has met (their names and addresses are in its people directory). */
export const KNOWN_PARTICIPANTS = [
  {
    aadId: '11111111-0000-4000-8000-000000000001',
    name: 'MARTIN Élodie',
    email: 'elodie.martin@caf44.fr',
  },
  {
    aadId: '11111111-0000-4000-8000-000000000002',
    name: 'Paul Nguyen',
    email: 'paul.nguyen@cpam.fr',
  },
] as const;

/** The Lab team member of the tests. */
export const LAB_MEMBER = { aadId: 'labbbbbb-0000-4000-8000-00000000000c', name: 'Nadia Lab' };

/** The Lab session store in memory, with the SQL store's compare-and-set on status. */
export class InMemoryLabSessionStore implements LabSessionStore {
  readonly requests = new Map<string, SessionRequest>();
  readonly drafts = new Map<string, SessionRequestDraft>();
  readonly debriefs: SessionDebriefAnswer[] = [];
  readonly participants: SessionParticipant[] = [];
  private readonly sequences = new Map<number, number>();
  private readonly positions = new Map<string, number>();

  nextSequence(year: number): Promise<number> {
    const next = (this.sequences.get(year) ?? 0) + 1;
    this.sequences.set(year, next);
    return Promise.resolve(next);
  }
  insert(request: SessionRequest): Promise<void> {
    this.requests.set(request.id, structuredClone(request));
    return Promise.resolve();
  }
  update(request: SessionRequest, expected: SessionStatus): Promise<boolean> {
    if (this.requests.get(request.id)?.status !== expected) return Promise.resolve(false);
    this.requests.set(request.id, structuredClone(request));
    return Promise.resolve(true);
  }
  get(id: string): Promise<SessionRequest | undefined> {
    const request = this.requests.get(id);
    return Promise.resolve(request === undefined ? undefined : structuredClone(request));
  }
  list(statuses?: readonly SessionStatus[]): Promise<SessionRequest[]> {
    return Promise.resolve(
      [...this.requests.values()]
        .filter((r) => statuses === undefined || statuses.includes(r.status))
        .reverse()
        .map((r) => structuredClone(r)),
    );
  }
  listForPerson(aadId: string): Promise<SessionRequest[]> {
    return Promise.resolve(
      [...this.requests.values()]
        .filter((r) => isRequesterOf(r, aadId) || isFacilitatorOf(r, aadId))
        .reverse()
        .map((r) => structuredClone(r)),
    );
  }
  saveDraft(draft: SessionRequestDraft): Promise<void> {
    this.drafts.set(draft.aadId.toLowerCase(), structuredClone(draft));
    return Promise.resolve();
  }
  getDraft(aadId: string): Promise<SessionRequestDraft | undefined> {
    return Promise.resolve(this.drafts.get(aadId.toLowerCase()));
  }
  deleteDraft(aadId: string): Promise<void> {
    this.drafts.delete(aadId.toLowerCase());
    return Promise.resolve();
  }
  saveDebrief(answer: SessionDebriefAnswer): Promise<void> {
    const index = this.debriefs.findIndex(
      (a) => a.requestId === answer.requestId && a.kind === answer.kind && a.aadId === answer.aadId,
    );
    if (index >= 0) this.debriefs.splice(index, 1);
    this.debriefs.push(structuredClone(answer));
    return Promise.resolve();
  }
  listDebriefs(requestId: string): Promise<SessionDebriefAnswer[]> {
    return Promise.resolve(this.debriefs.filter((a) => a.requestId === requestId));
  }
  listAllDebriefs(kind: 'hot' | 'cold'): Promise<SessionDebriefAnswer[]> {
    return Promise.resolve(this.debriefs.filter((a) => a.kind === kind));
  }
  listParticipants(requestId: string): Promise<SessionParticipant[]> {
    return Promise.resolve(
      this.participants
        .filter((p) => p.requestId === requestId)
        .sort((a, b) => a.position - b.position)
        .map((p) => structuredClone(p)),
    );
  }
  addParticipants(
    requestId: string,
    people: readonly NewParticipant[],
    maxListed: number,
    options: { openStatuses?: readonly SessionStatus[] } = {},
  ): Promise<SessionParticipant[] | undefined | 'closed'> {
    const status = this.requests.get(requestId)?.status;
    if (
      options.openStatuses !== undefined &&
      (status === undefined || !options.openStatuses.includes(status))
    ) {
      return Promise.resolve('closed');
    }
    const listed = this.participants.filter((p) => p.requestId === requestId);
    const added: SessionParticipant[] = [];
    let last = this.positions.get(requestId) ?? 0;
    for (const person of people) {
      last += 1;
      if ([...listed, ...added].some((other) => isSamePerson(other, person))) continue;
      added.push({ ...structuredClone(person), requestId, position: last });
    }
    if (listed.length + added.length > maxListed) return Promise.resolve(undefined);
    this.positions.set(requestId, last);
    this.participants.push(...added);
    return Promise.resolve(added.map((p) => structuredClone(p)));
  }
  removeParticipants(requestId: string, ids: readonly string[]): Promise<number> {
    let removed = 0;
    for (let i = this.participants.length - 1; i >= 0; i -= 1) {
      const p = this.participants[i]!;
      if (p.requestId === requestId && ids.includes(p.id)) {
        this.participants.splice(i, 1);
        removed += 1;
      }
    }
    return Promise.resolve(removed);
  }
}

/** A notice the fake notifier recorded, with the instant it may be delivered from. */
export interface TimedNotice extends RecordedNotice {
  notBefore: Date | undefined;
  /** When it was queued, by the test's clock. */
  queuedAt: Date;
}

/** Records notices once per key, with their notBefore (local times are what these tests check). */
export class TimedRecordingNotifier implements Notifier {
  readonly notices: TimedNotice[] = [];
  constructor(private readonly clock: Clock) {}
  notify(key: string, recipient: NoticeRecipient, notice: Notice, notBefore?: Date): Promise<void> {
    if (!this.notices.some((n) => n.key === key)) {
      this.notices.push({ key, recipient, notice, notBefore, queuedAt: this.clock.now() });
    }
    return Promise.resolve();
  }
  ofKind(kind: string): TimedNotice[] {
    return this.notices.filter((n) => n.notice.kind === kind);
  }
}

/** Lab session deps on fakes: a manual clock, sequential ids, a recording notifier. */
export function createLabSessionFakes(now = new Date('2026-11-20T09:00:00.000Z')) {
  const sessions = new InMemoryLabSessionStore();
  const clock = new ManualClock(now);
  const notifier = new TimedRecordingNotifier(clock);
  const calendars = new Map<string, HolidayCalendar>();
  const deps: LabSessionDeps = {
    sessions,
    notifier,
    clock,
    ids: new SequentialIds('req'),
    facilitatorPool: () => [
      LAB_MEMBER.aadId,
      FACILITATOR_A.aadId,
      FACILITATOR_B.aadId,
      REQUESTER.aadId,
    ],
    labRecipients: () => Promise.resolve([{ kind: 'user', aadId: LAB_MEMBER.aadId }]),
    namesOf: (ids) =>
      Promise.resolve(
        new Map(
          [LAB_MEMBER, FACILITATOR_A, FACILITATOR_B, REQUESTER]
            .filter((p) => ids.some((id) => id.toLowerCase() === p.aadId))
            .map((p) => [p.aadId, p.name]),
        ),
      ),
    peopleOf: (ids) =>
      Promise.resolve(
        new Map(
          [...KNOWN_PARTICIPANTS]
            .filter((p) => ids.some((id) => id.toLowerCase() === p.aadId))
            .map((p) => [p.aadId, { name: p.name, email: p.email }]),
        ),
      ),
    directory: {
      findByEmail: (email) =>
        Promise.resolve(
          email === SPONSOR_EMAIL
            ? SPONSOR
            : KNOWN_PARTICIPANTS.find((p) => p.email === email.toLowerCase()),
        ),
    },
    zoneOf: (aadId) =>
      Promise.resolve(aadId === FACILITATOR_B.aadId ? 'America/Cayenne' : 'Europe/Paris'),
    calendarFor: (timeZone) => {
      const id = toHolidayCalendarId(timeZone);
      let calendar = calendars.get(id);
      if (calendar === undefined) calendars.set(id, (calendar = createHolidayCalendar(id)));
      return calendar;
    },
  };
  return { deps, sessions, notifier, clock };
}

/** The authenticated senders of the tests. */
export const ACTORS = {
  requester: { ...REQUESTER, isLab: false, timeZone: 'Europe/Paris' },
  lab: { ...LAB_MEMBER, isLab: true, timeZone: 'Europe/Paris' },
  facilitatorA: { ...FACILITATOR_A, isLab: false, timeZone: 'Europe/Paris' },
  stranger: {
    aadId: '99999999-0000-4000-8000-000000000099',
    name: 'Inconnu',
    isLab: false,
    timeZone: 'Europe/Paris',
  },
} satisfies Record<string, SessionActor>;
