import assert from 'node:assert/strict';
import {
  addParticipants,
  listParticipants,
  removeParticipants,
} from '../../../../src/core/lab-sessions/manage-participants';
import {
  runSessionOccurrence,
  SESSION_JOBS,
} from '../../../../src/core/lab-sessions/plan-session-occurrences';
import { answerDebrief } from '../../../../src/core/lab-sessions/answer-debrief';
import { scheduleSession } from '../../../../src/core/lab-sessions/schedule-session';
import { withdrawRequest } from '../../../../src/core/lab-sessions/withdraw-request';
import {
  describeMix,
  MAX_LISTED_PARTICIPANTS,
  MAX_WAITLIST,
  parseParticipantLines,
  placeParticipants,
  toFirstName,
  type SessionParticipant,
} from '../../../../src/core/lab-sessions/session-participant';
import { MAX_SESSION_PARTICIPANTS } from '../../../../src/core/lab-sessions/session-request';
import {
  buildBadgeTable,
  buildSessionExportTables,
  createSessionExportLink,
} from '../../../../src/core/lab-sessions/export-sessions';
import {
  ACTORS,
  FACILITATOR_A,
  FACILITATOR_B,
  KNOWN_PARTICIPANTS,
  createLabSessionFakes,
  makeRequest,
} from '../../../support/lab-session-fixtures';

/** n external guests typed one a line, each with a distinct address. */
function guests(n: number, from = 1): string {
  return Array.from(
    { length: n },
    (_, i) => `Invité ${from + i} <invite${from + i}@partenaire.org>`,
  ).join('\n');
}

function participant(
  position: number,
  kind: 'internal' | 'external' = 'external',
): SessionParticipant {
  return {
    id: `p-${position}`,
    requestId: 'req-1',
    position,
    kind,
    aadId: null,
    email: `p${position}@exemple.fr`,
    name: `Personne ${position}`,
    addedBy: 'someone',
    addedAt: new Date('2026-11-20T09:00:00.000Z'),
  };
}

describe('Lab session participants', () => {
  let fakes: ReturnType<typeof createLabSessionFakes>;

  beforeEach(() => {
    fakes = createLabSessionFakes();
  });

  /** A request in preparation with its two facilitators, with or without its day. */
  async function inPreparation(sessionDay: string | null = null): Promise<string> {
    await fakes.sessions.insert(
      makeRequest({
        status: 'preparation',
        facilitators: [FACILITATOR_A, FACILITATOR_B],
        sessionDay,
        coldDebriefDay: sessionDay === null ? null : '2027-02-22',
      }),
    );
    return 'req-1';
  }

  describe('the cap and the waitlist', () => {
    it('seats the first 60 by position and puts everyone after on the waitlist, in order', () => {
      const list = Array.from({ length: 63 }, (_, i) => participant(63 - i));
      const { seated, waitlist } = placeParticipants(list);
      assert.equal(seated.length, MAX_SESSION_PARTICIPANTS);
      assert.deepEqual(
        waitlist.map((p) => p.position),
        [61, 62, 63],
      );
      assert.equal(seated[0]?.position, 1);
    });

    it('gives the 61st person a place on the waitlist, not a seat', async () => {
      const id = await inPreparation();
      const first = await addParticipants(fakes.deps, {
        actor: ACTORS.requester,
        requestId: id,
        raw: { participantsExternal: guests(60) },
      });
      assert.ok(first.ok);
      assert.equal(first.value.seatedNow, 60);
      const next = await addParticipants(fakes.deps, {
        actor: ACTORS.facilitatorA,
        requestId: id,
        raw: { participantsExternal: guests(1, 61) },
      });
      assert.ok(next.ok);
      assert.equal(next.value.seatedNow, 0);
      assert.equal(next.value.waitlistedNow, 1);
      assert.equal(next.value.seated.length, 60);
      assert.equal(next.value.waitlist[0]?.email, 'invite61@partenaire.org');
    });

    it('lists nobody when the requester withdraws between the add’s read and its write', async () => {
      const id = await inPreparation();
      const store = fakes.sessions;
      const write = store.addParticipants.bind(store);
      // The withdrawal lands after addParticipants read the request, before it writes.
      store.addParticipants = async (...args) => {
        const request = store.requests.get(id)!;
        store.requests.set(id, { ...request, status: 'withdrawn' });
        return write(...args);
      };
      const outcome = await addParticipants(fakes.deps, {
        actor: ACTORS.facilitatorA,
        requestId: id,
        raw: { participantsExternal: guests(2) },
      });
      assert.ok(!outcome.ok);
      assert.equal(outcome.refusal.code, 'wrongStatus');
      assert.equal(outcome.refusal.params.status, 'withdrawn');
      assert.deepEqual(await store.listParticipants(id), []);
      assert.equal(fakes.notifier.ofKind('labSession.invitation').length, 0);
    });

    it('promotes whoever waited longest when a seated person is removed', async () => {
      const id = await inPreparation();
      await addParticipants(fakes.deps, {
        actor: ACTORS.requester,
        requestId: id,
        raw: { participantsExternal: guests(62) },
      });
      const listed = await fakes.sessions.listParticipants(id);
      const gone = listed.find((p) => p.email === 'invite3@partenaire.org')!;
      const outcome = await removeParticipants(fakes.deps, {
        actor: ACTORS.lab,
        requestId: id,
        ids: gone.id,
      });
      assert.ok(outcome.ok);
      assert.equal(outcome.value.removed, 1);
      assert.equal(outcome.value.promoted, 1);
      assert.ok(outcome.value.seated.some((p) => p.email === 'invite61@partenaire.org'));
      assert.deepEqual(
        outcome.value.waitlist.map((p) => p.email),
        ['invite62@partenaire.org'],
      );
    });

    it('refuses a list longer than 60 seats and 60 waiting, writing nobody', async () => {
      const id = await inPreparation();
      await addParticipants(fakes.deps, {
        actor: ACTORS.requester,
        requestId: id,
        raw: { participantsExternal: guests(MAX_LISTED_PARTICIPANTS - 1) },
      });
      const outcome = await addParticipants(fakes.deps, {
        actor: ACTORS.requester,
        requestId: id,
        raw: { participantsExternal: guests(2, 500) },
      });
      assert.ok(!outcome.ok);
      assert.equal(outcome.refusal.code, 'invalid');
      assert.equal(outcome.refusal.issues?.[0]?.code, 'max');
      assert.equal(outcome.refusal.issues?.[0]?.params.free, 1);
      assert.equal((await fakes.sessions.listParticipants(id)).length, 60 + MAX_WAITLIST - 1);
    });

    it('adds a person named twice, or already listed, once', async () => {
      const id = await inPreparation();
      const outcome = await addParticipants(fakes.deps, {
        actor: ACTORS.requester,
        requestId: id,
        raw: {
          participantsPicked: KNOWN_PARTICIPANTS[0].aadId,
          participantsEmails: `${KNOWN_PARTICIPANTS[0].email}\nÉlodie <ELODIE.MARTIN@caf44.fr>`,
        },
      });
      assert.ok(outcome.ok);
      assert.equal(outcome.value.seated.length, 1);
      assert.equal(outcome.value.alreadyListed, 2);
      assert.equal(outcome.value.seated[0]?.name, 'MARTIN Élodie', 'the name Teams knows');
    });
  });

  describe('who may propose participants', () => {
    it('answers a stranger as if the request did not exist, and writes nothing', async () => {
      const id = await inPreparation();
      for (const raw of [{ participantsExternal: guests(1) }, {}]) {
        const outcome = await addParticipants(fakes.deps, {
          actor: ACTORS.stranger,
          requestId: id,
          raw,
        });
        assert.ok(!outcome.ok);
        assert.equal(outcome.refusal.code, 'notFound');
      }
      const listed = await listParticipants(fakes.deps, { actor: ACTORS.stranger, requestId: id });
      assert.ok(!listed.ok);
      assert.equal(listed.refusal.code, 'notFound');
      const removed = await removeParticipants(fakes.deps, {
        actor: ACTORS.stranger,
        requestId: id,
        ids: 'p-1',
      });
      assert.ok(!removed.ok);
      assert.equal(removed.refusal.code, 'notFound');
      assert.equal(fakes.sessions.participants.length, 0);
    });

    it('lets the requester, a facilitator and the Lab team add, each', async () => {
      const id = await inPreparation();
      for (const [n, actor] of [ACTORS.requester, ACTORS.facilitatorA, ACTORS.lab].entries()) {
        const outcome = await addParticipants(fakes.deps, {
          actor,
          requestId: id,
          raw: { participantsExternal: guests(1, n + 1) },
        });
        assert.ok(outcome.ok, actor.name);
      }
      assert.equal(fakes.sessions.participants.length, 3);
    });

    it('refuses after the session was held', async () => {
      await fakes.sessions.insert(
        makeRequest({ status: 'held', facilitators: [FACILITATOR_A, FACILITATOR_B] }),
      );
      const outcome = await addParticipants(fakes.deps, {
        actor: ACTORS.lab,
        requestId: 'req-1',
        raw: { participantsExternal: guests(1) },
      });
      assert.ok(!outcome.ok);
      assert.equal(outcome.refusal.code, 'wrongStatus');
    });

    it('refuses ids of another request and wrong types, removing nobody', async () => {
      const id = await inPreparation();
      await fakes.sessions.insert(
        makeRequest({ id: 'req-2', trackingNumber: 'LAB-2026-002', status: 'requested' }),
      );
      await addParticipants(fakes.deps, {
        actor: ACTORS.lab,
        requestId: 'req-2',
        raw: { participantsExternal: guests(1) },
      });
      await addParticipants(fakes.deps, {
        actor: ACTORS.lab,
        requestId: id,
        raw: { participantsExternal: guests(1, 9) },
      });
      const other = (await fakes.sessions.listParticipants('req-2'))[0]!;
      for (const ids of [other.id, 42, ['x'], '', undefined]) {
        const outcome = await removeParticipants(fakes.deps, {
          actor: ACTORS.lab,
          requestId: id,
          ids,
        });
        assert.ok(!outcome.ok);
        assert.equal(outcome.refusal.code, 'invalid');
      }
      assert.equal(fakes.sessions.participants.length, 2);
    });

    it('says which line is wrong, and adds nobody from a list with one wrong line', async () => {
      const id = await inPreparation();
      const outcome = await addParticipants(fakes.deps, {
        actor: ACTORS.requester,
        requestId: id,
        raw: {
          participantsExternal: 'Ana Lopez <ana@onem.be>\nsans adresse\n<nom.absent@onem.be>',
          participantsPicked: 'not-an-id',
        },
      });
      assert.ok(!outcome.ok);
      assert.deepEqual(
        outcome.refusal.issues?.map((issue) => [issue.path.join('.'), issue.code]),
        [
          ['participantsPicked', 'identifier'],
          ['participantsExternal.2', 'email'],
          ['participantsExternal.3', 'required'],
        ],
      );
      assert.equal(fakes.sessions.participants.length, 0);
    });

    it('refuses lists of the wrong type or too many lines', () => {
      assert.equal(
        parseParticipantLines('x', 12, { nameRequired: false, maxLines: 5 }).issues[0]?.code,
        'expectedText',
      );
      assert.equal(
        parseParticipantLines('x', guests(6), { nameRequired: false, maxLines: 5 }).issues[0]?.code,
        'max',
      );
    });
  });

  describe('invitations and the hot debrief', () => {
    it('invites nobody before the day is set, then every internal person with a seat, never an external guest', async () => {
      const id = await inPreparation();
      await addParticipants(fakes.deps, {
        actor: ACTORS.requester,
        requestId: id,
        raw: {
          participantsPicked: KNOWN_PARTICIPANTS[0].aadId,
          participantsEmails: `${KNOWN_PARTICIPANTS[1].email}\ninconnu@caf44.fr`,
          participantsExternal: guests(2),
        },
      });
      assert.equal(fakes.notifier.ofKind('labSession.invitation').length, 0);
      const scheduled = await scheduleSession(fakes.deps, {
        actor: ACTORS.lab,
        requestId: id,
        sessionDay: '2027-01-11',
        coldDebriefWeeks: '6',
        overrideMinimum: false,
      });
      assert.ok(scheduled.ok);
      const invited = fakes.notifier.ofKind('labSession.invitation');
      assert.deepEqual(
        invited.map((n) => n.key.split(':').slice(0, 5).join(':')).sort(),
        KNOWN_PARTICIPANTS.map((p) => `lab-session:req-1:invite:2027-01-11:${p.aadId}`).sort(),
      );
      // Setting the same day again invites nobody twice.
      await scheduleSession(fakes.deps, {
        actor: ACTORS.lab,
        requestId: id,
        sessionDay: '2027-01-11',
        coldDebriefWeeks: '6',
        overrideMinimum: false,
      });
      assert.equal(fakes.notifier.ofKind('labSession.invitation').length, 2);
      // Someone added afterwards is invited at once, on their own key.
      await addParticipants(fakes.deps, {
        actor: ACTORS.facilitatorA,
        requestId: id,
        raw: { participantsPicked: '22222222-0000-4000-8000-000000000003' },
      });
      assert.equal(fakes.notifier.ofKind('labSession.invitation').length, 3);
    });

    it('invites the person promoted from the waitlist once the day is set', async () => {
      const id = await inPreparation('2027-01-11');
      await addParticipants(fakes.deps, {
        actor: ACTORS.requester,
        requestId: id,
        raw: { participantsExternal: guests(60) },
      });
      await addParticipants(fakes.deps, {
        actor: ACTORS.requester,
        requestId: id,
        raw: { participantsPicked: KNOWN_PARTICIPANTS[1].aadId },
      });
      assert.equal(fakes.notifier.ofKind('labSession.invitation').length, 0, 'the 61st waits');
      const first = (await fakes.sessions.listParticipants(id))[0]!;
      await removeParticipants(fakes.deps, {
        actor: ACTORS.requester,
        requestId: id,
        ids: first.id,
      });
      assert.deepEqual(
        fakes.notifier.ofKind('labSession.invitation').map((n) => n.recipient),
        [{ kind: 'user', aadId: KNOWN_PARTICIPANTS[1].aadId }],
      );
    });

    it('tells a colleague removed from their seat, and invites them again when added back', async () => {
      const id = await inPreparation('2027-01-11');
      await addParticipants(fakes.deps, {
        actor: ACTORS.requester,
        requestId: id,
        raw: { participantsPicked: KNOWN_PARTICIPANTS[0].aadId, participantsExternal: guests(1) },
      });
      const listed = await fakes.sessions.listParticipants(id);
      await removeParticipants(fakes.deps, {
        actor: ACTORS.requester,
        requestId: id,
        ids: listed.map((p) => p.id).join(','),
      });
      assert.deepEqual(
        fakes.notifier.ofKind('labSession.uninvited').map((n) => n.recipient),
        [{ kind: 'user', aadId: KNOWN_PARTICIPANTS[0].aadId }],
        'the guest is never messaged',
      );
      await addParticipants(fakes.deps, {
        actor: ACTORS.requester,
        requestId: id,
        raw: { participantsPicked: KNOWN_PARTICIPANTS[0].aadId },
      });
      assert.equal(fakes.notifier.ofKind('labSession.invitation').length, 2);
    });

    it('tells invited colleagues when the requester withdraws a dated session', async () => {
      const id = await inPreparation('2027-01-11');
      await addParticipants(fakes.deps, {
        actor: ACTORS.requester,
        requestId: id,
        raw: { participantsPicked: KNOWN_PARTICIPANTS[0].aadId, participantsExternal: guests(1) },
      });
      const outcome = await withdrawRequest(fakes.deps, { actor: ACTORS.requester, requestId: id });
      assert.ok(outcome.ok);
      const told = fakes.notifier.ofKind('labSession.uninvited');
      assert.deepEqual(
        told.map((n) => [n.recipient, n.notice.data.cancelled]),
        [[{ kind: 'user', aadId: KNOWN_PARTICIPANTS[0].aadId }, true]],
      );
    });

    it('sends the hot debrief to every internal participant with a seat, who may answer it', async () => {
      const id = await inPreparation('2027-01-11');
      await addParticipants(fakes.deps, {
        actor: ACTORS.requester,
        requestId: id,
        raw: {
          participantsPicked: KNOWN_PARTICIPANTS[0].aadId,
          participantsEmails: KNOWN_PARTICIPANTS[1].email,
          participantsExternal: guests(1),
        },
      });
      await runSessionOccurrence(fakes.deps, {
        job: SESSION_JOBS.hot,
        period: '2027-01-11',
        target: id,
      });
      const sent = fakes.notifier
        .ofKind('labSession.hotDebrief')
        .map((n) => n.key)
        .sort();
      assert.deepEqual(
        sent,
        [
          ...KNOWN_PARTICIPANTS.map((p) => p.aadId),
          ACTORS.requester.aadId,
          FACILITATOR_A.aadId,
          FACILITATOR_B.aadId,
        ]
          .map((aadId) => `lab-session:req-1:hot:${aadId}`)
          .sort(),
      );
      const answer = await answerDebrief(fakes.deps, {
        actor: { ...KNOWN_PARTICIPANTS[1], isLab: false, timeZone: 'Europe/Paris' },
        requestId: id,
        kind: 'hot',
        raw: { satisfaction: '5', takeaway: 'Le prototype', comment: '' },
      });
      assert.ok(answer.ok);
    });
  });

  describe('badges and the mix', () => {
    it('keeps the first name only, whatever order the directory writes names in', () => {
      assert.equal(toFirstName('MARTIN Élodie'), 'Élodie');
      assert.equal(toFirstName('Élodie Martin'), 'Élodie');
      assert.equal(toFirstName('Martin, Élodie'), 'Élodie');
      assert.equal(toFirstName('Jean-Pierre DUPONT (CPAM 93 - Directeur)'), 'Jean-Pierre');
      assert.equal(toFirstName(''), '');
    });

    it('lists the badges of seated people only, alphabetically, first names only', async () => {
      const id = await inPreparation();
      await addParticipants(fakes.deps, {
        actor: ACTORS.requester,
        requestId: id,
        raw: {
          participantsExternal: `Zoé Durand <zoe@onem.be>\nAna Lopez <ana@onem.be>\n${guests(59)}`,
        },
      });
      const badges = await buildBadgeTable(fakes.deps, id);
      assert.equal(badges?.table.rows.length, 60);
      assert.deepEqual(badges?.table.rows[0], ['Ana']);
      assert.ok(!JSON.stringify(badges?.table).includes('Lopez'));
      assert.ok(!JSON.stringify(badges?.table).includes('Invité 59'), 'the 61st has no badge');
    });

    it('counts internal and external people and their organisations from the address', () => {
      const mix = describeMix(
        [
          { ...participant(1, 'internal'), email: 'a@caf44.fr' },
          { ...participant(2, 'internal'), email: 'b@caf44.fr' },
          { ...participant(3), email: 'c@onem.be' },
          { ...participant(4, 'internal'), email: null, aadId: 'x' },
        ],
        (email) => (email.endsWith('@caf44.fr') ? 'Caf de Loire-Atlantique' : undefined),
      );
      assert.equal(mix.internal, 3);
      assert.equal(mix.external, 1);
      assert.deepEqual(mix.organisations, [
        { label: 'Caf de Loire-Atlantique', count: 2 },
        { label: 'onem.be', count: 1 },
      ]);
      assert.equal(mix.unknownOrganisation, 1);
    });

    it('exports every request, oldest first, and each dated session with its seats and debriefs', async () => {
      const id = await inPreparation('2027-01-11');
      await fakes.sessions.insert(
        makeRequest({ id: 'req-2', trackingNumber: 'LAB-2026-002', status: 'requested' }),
      );
      await addParticipants(fakes.deps, {
        actor: ACTORS.requester,
        requestId: id,
        raw: { participantsPicked: KNOWN_PARTICIPANTS[0].aadId, participantsExternal: guests(61) },
      });
      for (const [aadId, satisfaction] of [
        [FACILITATOR_A.aadId, 5],
        [KNOWN_PARTICIPANTS[0].aadId, 4],
      ] as const) {
        await fakes.sessions.saveDebrief({
          requestId: id,
          kind: 'hot',
          aadId,
          answers: { satisfaction },
          answeredAt: new Date('2027-01-11T17:00:00.000Z'),
        });
      }
      const tables = await buildSessionExportTables(fakes.deps);
      assert.deepEqual(
        tables.requests.rows.map((row) => row[0]),
        ['LAB-2026-001', 'LAB-2026-002'],
      );
      const columns = tables.sessions.columns.map((c) => c.id);
      const [row] = tables.sessions.rows;
      const cell = (id: string) => row?.[columns.indexOf(id)];
      assert.equal(tables.sessions.rows.length, 1, 'only the dated session');
      assert.equal(cell('seated'), 60);
      assert.equal(cell('internal'), 1);
      assert.equal(cell('external'), 59);
      assert.equal(cell('waitlist'), 2);
      assert.equal(cell('hotAverage'), 4.5);
    });

    it('issues export links to the Lab team only', async () => {
      const deps = {
        ...fakes.deps,
        exportTokens: {
          create: () => Promise.resolve(),
          get: () => Promise.resolve(undefined),
          consume: () => Promise.resolve(false),
        },
      };
      const id = await inPreparation();
      for (const actor of [ACTORS.requester, ACTORS.facilitatorA, ACTORS.stranger]) {
        const outcome = await createSessionExportLink(deps, {
          actor,
          kind: 'badges',
          requestId: id,
        });
        assert.ok(!outcome.ok);
        assert.equal(outcome.refusal.code, 'labOnly');
      }
      const unknown = await createSessionExportLink(deps, {
        actor: ACTORS.lab,
        kind: 'badges',
        requestId: 'nope',
      });
      assert.ok(!unknown.ok);
      const badges = await createSessionExportLink(deps, {
        actor: ACTORS.lab,
        kind: 'badges',
        requestId: id,
      });
      assert.ok(badges.ok);
      assert.equal(badges.value.programmeId, id);
      assert.match(badges.value.id, /^labbadges-/);
    });
  });
});
