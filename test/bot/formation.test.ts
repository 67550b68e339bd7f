import assert from 'node:assert/strict';
import { evaluateDraft, proposeFormation } from '../../src/core/formation/propose-formation';
import { applyFormationEdit } from '../../src/core/formation/edit-formation';
import { createDemoParticipants } from '../../src/demo/demo-people';
import { DEMO_PROGRAMME } from '../../src/demo/seed-demo-programme';
import { SqlFormationDraftStore } from '../../src/adapters/sql/sql-formation-draft-store';
import {
  BotHarness,
  adminClicks as clickAsAdmin,
  clickOn,
  findAction,
  loadActivity,
} from './support/bot-harness';

const TEAM = '19:R7xW3kq8HnJd2VbYt5Lp@thread.tacv2';
const participants = createDemoParticipants(
  DEMO_PROGRAMME.organisations,
  DEMO_PROGRAMME.themeOptions.map((t) => t.id),
);
const organisationOf = new Map(participants.map((p) => [p.aadId, p.organisationId]));

/** The admin's personal chat, saying `text`. */
function adminSays(text: string): Record<string, unknown> {
  return { ...loadActivity('personal-message-status-admin'), text };
}

/** The admin clicking an Action.Execute button of the formation card. */
function adminClicks(verb: string, data: Record<string, string> = {}): Record<string, unknown> {
  return clickAsAdmin(verb, { programmeId: DEMO_PROGRAMME.id, ...data });
}

function cardText(body: unknown): string {
  return JSON.stringify((body as { value: unknown }).value);
}

/** The formation the bot proposes first (seed 1), computed the same way to pick valid and invalid swaps. */
function firstProposal() {
  const view = proposeFormation(DEMO_PROGRAMME, participants, {
    seed: 1,
    userLocks: [],
    now: new Date(),
    by: '',
    language: 'fr',
  });
  assert.ok(view.ok);
  return view.draft;
}

async function waitFor<T>(
  probe: () => T | undefined,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('team formation in Teams ("former les équipes")', () => {
  let harness: BotHarness;

  beforeEach(async () => {
    harness = new BotHarness();
    await harness.start();
    // The programme names the Teams team the bot is installed in (the recorded install's).
    await harness.bot.programmes.save({ ...DEMO_PROGRAMME, teamsTeamId: TEAM });
    await harness.send(loadActivity('team-install'));
  });

  afterEach(async () => {
    await harness.stop();
  });

  it('refuses anyone outside the Lab team', async () => {
    await harness.send({ ...loadActivity('personal-message-aide'), text: 'former les équipes' });
    assert.match(
      JSON.stringify(harness.connector.sentActivities().at(-1)),
      /réservée à l’équipe du Lab/,
    );
  });

  it('previews seven mixed teams of the 39 demo participants with their scores', async () => {
    await harness.send(adminSays('former les équipes'));
    const card = JSON.stringify(harness.connector.sentActivities().at(-1));
    assert.match(card, /Formation des équipes — Défi du Lab 2026/);
    assert.match(card, /7 équipes de 5 à 6 personnes/);
    for (let n = 1; n <= 7; n += 1) assert.match(card, new RegExp(`Équipe ${n}`));
    assert.match(card, /Facilitateurs\u00a0: /);
    assert.doesNotMatch(card, /fa000000-/, 'facilitators are named, not given by id');
  });

  it('pages the preview: past the end shows the last page, anything but a page number is refused, and only the Lab team may page', async () => {
    await harness.send(adminSays('former les équipes'));
    const last = await harness.send(adminClicks('formation.page', { page: '40' }));
    assert.equal(last.status, 200);
    for (let n = 1; n <= 7; n += 1) assert.match(cardText(last.body), new RegExp(`Équipe ${n}`));
    // Seven teams fit on one page: no page label, no previous or next button.
    assert.doesNotMatch(cardText(last.body), /Équipes précédentes|Équipes suivantes|page 1 sur/);
    const odd = await harness.send(adminClicks('formation.page', { page: 'deux' }));
    assert.equal(odd.status, 200);
    assert.doesNotMatch(cardText(odd.body), /Équipe 1/);
    const stranger = await harness.send({
      ...loadActivity('invoke-action-execute-profile'),
      value: {
        action: {
          type: 'Action.Execute',
          verb: 'formation.page',
          data: { verb: 'formation.page', programmeId: DEMO_PROGRAMME.id, page: 1 },
        },
        trigger: 'manual',
      },
    });
    assert.match(cardText(stranger.body), /réservée à l’équipe du Lab/);
  });

  it('finds a person by part of their name, whatever the case and accents, and says which team', async () => {
    await harness.send(adminSays('former les équipes'));
    const draft = firstProposal();
    const someone = participants.find((p) => /[éèëç]/.test(p.name)) ?? participants[5]!;
    const team = draft.assignment.find((x) => x.person === someone.aadId)!.team;
    const part = someone.name
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .toUpperCase()
      .slice(0, 12);
    const found = await harness.send(adminClicks('formation.find', { search: part }));
    assert.match(
      cardText(found.body),
      new RegExp(`${someone.name} est dans l?’?Équipe ${team + 1}`),
    );
    const none = await harness.send(adminClicks('formation.find', { search: 'Zzyzx' }));
    assert.match(cardText(none.body), /Personne ne correspond à «\u202fZzyzx\u202f»/);
    const long = await harness.send(adminClicks('formation.find', { search: 'a'.repeat(101) }));
    assert.match(cardText(long.body), /search/);
    assert.doesNotMatch(cardText(long.body), /Formation des équipes/);
  });

  it('swaps two people when no hard rule breaks, and refuses colleagues together with the reason', async () => {
    await harness.send(adminSays('former les équipes'));
    const draft = firstProposal();
    const members = (team: number) =>
      draft.assignment.filter((x) => x.team === team).map((x) => x.person);
    const a = draft.assignment[0]!;
    const b = draft.assignment.find(
      (x) =>
        x.team !== a.team &&
        !members(a.team).some(
          (m) => m !== a.person && organisationOf.get(m) === organisationOf.get(x.person),
        ) &&
        !members(x.team).some(
          (m) => m !== x.person && organisationOf.get(m) === organisationOf.get(a.person),
        ),
    )!;
    const swapped = await harness.send(
      adminClicks('formation.swap', { person: a.person, other: b.person }),
    );
    assert.equal(swapped.status, 200);
    assert.match(cardText(swapped.body), /Échange fait/);
    // The stored draft now has them swapped: swapping back is accepted too.
    const edited = applyFormationEdit(draft, { kind: 'swap', a: a.person, b: b.person });
    assert.ok(
      edited.ok &&
        evaluateDraft(DEMO_PROGRAMME, participants, edited.draft, { lockAll: true, language: 'fr' })
          .ok,
    );

    const colleague = draft.assignment.find(
      (x) =>
        x.person !== a.person &&
        organisationOf.get(x.person) === organisationOf.get(a.person) &&
        x.team !== b.team,
    )!;
    const mate = draft.assignment.find(
      (x) =>
        x.team === b.team &&
        x.person !== a.person &&
        x.person !== b.person &&
        organisationOf.get(x.person) !== organisationOf.get(colleague.person),
    )!;
    // a is now in b's team; bringing a's colleague there breaks the rule.
    const refused = await harness.send(
      adminClicks('formation.swap', { person: mate.person, other: colleague.person }),
    );
    assert.match(cardText(refused.body), /Impossible de former les équipes avec ces règles/);
  });

  it('shows in a dry run that each team gets a thread in General without Graph, and creates nothing', async () => {
    await harness.send(adminSays('former les équipes'));
    // Confirming is offered once the organiser has seen what it creates, not on the preview.
    const preview = JSON.stringify(harness.connector.sentActivities().at(-1));
    assert.doesNotMatch(preview, /formation\.confirm/);
    assert.match(
      preview,
      /"title":"Voir ce qui sera créé","verb":"formation.dryRun","style":"positive"/,
    );
    const { body } = await harness.send(adminClicks('formation.dryRun'));
    assert.match(cardText(body), /fil dans le canal Général/);
    assert.match(cardText(body), /Fil «\u202fÉquipe 1/);
    assert.equal(findAction(body, 'Confirmer les équipes')?.verb, 'formation.confirm');
    assert.equal(findAction(body, 'Revenir à la proposition')?.verb, 'formation.page');
    assert.deepEqual(await harness.bot.teams.listByProgramme(DEMO_PROGRAMME.id), []);
  });

  it('asks before confirming the teams, and "Annuler" leaves everything as it was', async () => {
    await harness.send(adminSays('former les équipes'));
    const drafts = new SqlFormationDraftStore(harness.bot.database.db);
    const draftBefore = await drafts.get(DEMO_PROGRAMME.id);
    assert.ok(draftBefore);
    const postsBefore = harness.connector.calls.length;
    const asked = await harness.send(adminClicks('formation.confirm', { page: '0' }));
    const question = cardText(asked.body);
    assert.match(
      question,
      /Confirmer les équipes du programme «\u202fDéfi du Lab 2026\u202f»\u202f\?/,
    );
    assert.match(question, /7 équipes, 39 personnes\u00a0: chaque équipe aura son espace/);
    assert.match(question, /Cette action est définitive/);
    const confirm = findAction(asked.body, 'destructive');
    assert.equal(confirm?.title, 'Confirmer');
    assert.equal(confirm?.verb, 'formation.confirm');
    assert.equal(confirm?.data.confirmed, true);
    assert.deepEqual(await harness.bot.teams.listByProgramme(DEMO_PROGRAMME.id), []);

    const cancel = findAction(asked.body, 'Annuler');
    assert.ok(cancel);
    const back = await harness.send(clickOn(adminClicks('formation.confirm'), cancel));
    assert.match(cardText(back.body), /Formation des équipes — Défi du Lab 2026/);
    assert.match(cardText(back.body), /7 équipes de 5 à 6 personnes/);
    assert.deepEqual(await harness.bot.teams.listByProgramme(DEMO_PROGRAMME.id), []);
    assert.deepEqual((await drafts.get(DEMO_PROGRAMME.id))?.assignment, draftBefore.assignment);
    assert.equal(harness.connector.calls.length, postsBefore, 'nobody was told anything');
  });

  it('confirms: stores the teams and posts one welcome per team in General, once even if confirmed twice', async () => {
    await harness.send(adminSays('former les équipes'));
    const { body } = await harness.sendConfirmed(adminClicks('formation.confirm'));
    assert.match(cardText(body), /Équipes confirmées — Défi du Lab 2026/);
    const teams = await harness.bot.teams.listByProgramme(DEMO_PROGRAMME.id);
    assert.equal(teams.length, 7);
    assert.ok(
      teams.every((t) => t.workspace?.kind === 'thread' && t.workspace.conversationId === TEAM),
    );
    const welcomes = () =>
      harness.connector.calls.filter(
        (c) =>
          c.method === 'POST' &&
          c.conversationId === TEAM &&
          /Bienvenue dans l’équipe «\u202fÉquipe/.test(JSON.stringify(c.body)),
      );
    await waitFor(() => (welcomes().length === 7 ? true : undefined), 'seven welcome posts');
    await harness.send(adminClicks('formation.confirm'));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(welcomes().length, 7, 'confirming again sends nothing twice');
  });

  it('shows the organiser a progress card for the welcomes, updated in place until the summary', async () => {
    await harness.send(adminSays('former les équipes'));
    await harness.sendConfirmed(adminClicks('formation.confirm'));
    const adminChat = 'a:1personal-nadia-9Qr4';
    const progressPost = await waitFor(
      () =>
        harness.connector.calls.find(
          (c) =>
            c.method === 'POST' &&
            c.conversationId === adminChat &&
            /Messages de bienvenue — Défi du Lab 2026/.test(JSON.stringify(c.body)),
        ),
      'the progress card',
    );
    assert.match(JSON.stringify(progressPost.body), /Envoi\u00a0: 0 \/ 60/);
    // 7 welcome posts + 39 members + 14 facilitator places: 60 notices, one batch.
    const summary = await waitFor(
      () =>
        harness.connector.calls.find(
          (c) =>
            c.method === 'PUT' &&
            c.conversationId === adminChat &&
            /Envoi terminé\u00a0: \d+ \/ 60/.test(JSON.stringify(c.body)),
        ),
      'the final summary',
      20_000,
    );
    assert.ok(summary);
  });
});
