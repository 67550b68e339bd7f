import assert from 'node:assert/strict';
import { SqlLabSessionStore } from '../../src/adapters/sql/sql-lab-session-store';
import { BotHarness } from './support/bot-harness';
import {
  ADMIN,
  FACILITATOR_A,
  FACILITATOR_B,
  REQUESTER,
  VALID_FORM,
  type SessionUser,
} from './support/lab-session-people';
import { sessionTurns, startSessionBot } from './support/lab-session-turns';

const STRANGER: SessionUser = {
  id: '29:stranger',
  name: 'Sam Autre',
  aadObjectId: '99999999-0000-4000-8000-000000000099',
};

describe('prioritising Lab session requests in Teams (recorded activities)', () => {
  let harness: BotHarness;
  let store: SqlLabSessionStore;
  let turns: ReturnType<typeof sessionTurns>;

  beforeEach(async () => {
    harness = new BotHarness();
    // Facilitators come from the Lab team.
    store = await startSessionBot(
      harness,
      [ADMIN, REQUESTER, FACILITATOR_A, FACILITATOR_B, STRANGER],
      {
        LAB_SESSION_CAPACITY_DAYS: '10',
        LAB_SESSION_PRIORITY_WEIGHTS: 'urgency=4,impact=3,effort=2,fit=1',
      },
    );
    turns = sessionTurns(harness);
  });

  afterEach(async () => {
    await harness.stop();
  });

  /** A request sent, its facilitators named and its qualification recorded with this effort. */
  async function qualified(subject: string, effortDays: string): Promise<string> {
    await turns.click(REQUESTER, 'session.submit', { ...VALID_FORM, subject });
    // The newest request: the subject itself may have been cleaned of what it should not hold.
    const request = (await store.list()).sort((a, b) =>
      b.trackingNumber.localeCompare(a.trackingNumber),
    )[0]!;
    await turns.click(ADMIN, 'session.qualify', {
      requestId: request.id,
      facilitators: `${FACILITATOR_A.aadObjectId},${FACILITATOR_B.aadObjectId}`,
    });
    const card = await turns.click(ADMIN, 'session.qualification', {
      requestId: request.id,
      objectivesReachable: 'yes',
      intentionChecked: 'true',
      format: 'Une journée',
      effortDays,
      risks: '',
    });
    assert.match(card, /Qualification enregistrée/);
    return request.id;
  }

  it('ranks the qualified requests by their weighted score, the unrated ones last, with the committed effort', async () => {
    const light = await qualified('Accueil des allocataires', '2');
    const heavy = await qualified('Refonte des courriers', '25');
    await qualified('Simplifier les formulaires', '4');

    const view = await turns.click(ADMIN, 'session.view', { requestId: light });
    assert.match(view, /Urgence \(1 faible, 5 forte\)/);
    assert.match(view, /Enregistrer la priorité/);

    // (4×2 + 3×3 + 2×5 + 1×2) / 10 = 2.9 for the light one; (4×5 + 3×5 + 2×1 + 1×5) / 10 = 4.2.
    const rated = await turns.click(ADMIN, 'session.prioritise', {
      requestId: light,
      urgency: '2',
      impact: '3',
      fit: '2',
    });
    assert.match(rated, /Priorité enregistrée\u00a0: note 2,9 \/ 5/);
    await turns.click(ADMIN, 'session.prioritise', {
      requestId: heavy,
      urgency: '5',
      impact: '5',
      fit: '5',
    });
    const stored = await store.get(heavy);
    assert.deepEqual(
      {
        urgency: stored?.priority?.urgency,
        impact: stored?.priority?.impact,
        fit: stored?.priority?.fit,
      },
      { urgency: 5, impact: 5, fit: 5 },
    );

    const ranking = await turns.say(ADMIN, 'prioriser');
    assert.match(ranking, /Priorisation des demandes qualifiées/);
    assert.match(ranking, /urgence × 4, impact × 3, charge × 2, adéquation stratégique × 1/);
    const order = [
      'Refonte des courriers',
      'Accueil des allocataires',
      'Simplifier les formulaires',
    ];
    const positions = order.map((subject) => ranking.indexOf(subject));
    assert.ok(
      positions.every((p) => p >= 0),
      String(positions),
    );
    assert.deepEqual(
      [...positions].sort((a, b) => a - b),
      positions,
    );
    assert.match(ranking, /1\. LAB-2026-002 · Refonte des courriers/);
    assert.match(
      ranking,
      /note 4,2 \/ 5 \(urgence 5, impact 5, adéquation 5\) · charge 25\u00a0j \(note 1\)/,
    );
    assert.match(ranking, /3\. LAB-2026-003 · Simplifier les formulaires/);
    assert.match(ranking, /pas encore notée · charge 4\u00a0j \(note 4\)/);

    // The same card from the "demandes" list's button, and in English.
    const fromList = await turns.click(ADMIN, 'session.priorities', {}, 'en-US');
    assert.match(fromList, /Prioritising qualified requests/);
    assert.match(fromList, /score 4\.2 \/ 5 \(urgency 5, impact 5, fit 5\)/);
  });

  it('refuses anyone outside the Lab team, out-of-range or mistyped ratings and unknown requests, writing nothing', async () => {
    const id = await qualified('Accueil des allocataires', '6');
    const before = JSON.stringify(await store.get(id));

    for (const user of [REQUESTER, STRANGER]) {
      const card = await turns.click(user, 'session.prioritise', {
        requestId: id,
        urgency: '5',
        impact: '5',
        fit: '5',
      });
      assert.match(card, /Réservé à l’équipe du Lab/, user.name);
      const list = await turns.say(user, 'prioriser');
      assert.doesNotMatch(list, /Accueil des allocataires/, user.name);
    }
    const english = await turns.click(
      STRANGER,
      'session.prioritise',
      { requestId: id, urgency: '5', impact: '5', fit: '5' },
      'en-US',
    );
    assert.match(english, /Lab team only/);

    const outOfRange = await turns.click(ADMIN, 'session.prioritise', {
      requestId: id,
      urgency: '7',
      impact: 'beaucoup',
      fit: '',
    });
    assert.match(outOfRange, /Vérifiez les champs signalés/);
    assert.match(outOfRange, /1, 2, 3, 4, 5/);
    const mistyped = await turns.click(ADMIN, 'session.prioritise', {
      requestId: id,
      urgency: { $gt: 1 },
      impact: ['5'],
      fit: 3.5,
    });
    assert.doesNotMatch(mistyped, /Priorité enregistrée/);
    assert.equal(mistyped.match(/Valeur non reconnue/g)?.length, 3);
    const unknown = await turns.click(ADMIN, 'session.prioritise', {
      requestId: 'not-a-request',
      urgency: '5',
      impact: '5',
      fit: '5',
    });
    assert.match(unknown, /Je ne trouve pas cette demande de session/);
    assert.equal(JSON.stringify(await store.get(id)), before);
  });

  it('shows Markdown and bidi characters of a subject as text in the ranking', async () => {
    await qualified('[Cliquez](https://exemple.invalid) \u202Eevil **gras**', '3');
    const ranking = await turns.say(ADMIN, 'prioriser');
    assert.doesNotMatch(ranking, /\]\(https:\/\/exemple\.invalid\)/);
    assert.doesNotMatch(ranking, /\u202E/);
  });
});
