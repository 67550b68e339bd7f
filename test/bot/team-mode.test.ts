import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { Programme } from '../../src/core/programmes/programme';
import { createTestProgramme } from '../support/candidacy-programme';
import { BOT_PROGRAMME, CAMILLE, CandidacyBot, candidate, textOf } from './support/candidacy-bot';
import { adminClicks, clickOn, findAction, loadActivity } from './support/bot-harness';

/** The Teams team of the recorded install, which the programme names. */
const TEAMS_TEAM = '19:R7xW3kq8HnJd2VbYt5Lp@thread.tacv2';

/**
 * One facilitator from each applying organisation: each may follow the two other teams, never
 * its own organisation's, so a wrong assignment shows.
 */
const FACILITATORS = [
  { aadId: 'fa000000-0000-4000-8000-000000000001', name: 'Claire Dubois', organisationId: 'cnav' },
  {
    aadId: 'fa000000-0000-4000-8000-000000000002',
    name: 'Hugo Martin',
    organisationId: 'cpam-sarthe',
  },
  {
    aadId: 'fa000000-0000-4000-8000-000000000003',
    name: 'Élodie Roux',
    organisationId: 'caf-guyane',
  },
];

/** A team-mode edition (as in 2023) whose call is open on the harness's day, 2026-11-20. */
const TEAM_PROGRAMME: Programme = createTestProgramme({
  id: 'defi-equipes-test',
  name: 'Défi du Lab (équipes)',
  intakeMode: 'team',
  teamIntake: { minTeamSize: 3, teamsPerOrganisation: 1 },
  // Seats count people: three teams of three or four.
  seats: 10,
  maxPerOrganisation: 4,
  milestones: BOT_PROGRAMME.milestones,
  facilitators: FACILITATORS,
  teamsTeamId: TEAMS_TEAM,
});

/** A colleague picked in Teams whom the bot knows (they used it), and one it has never met. */
const KNOWN_MEMBER = candidate(4);
const UNKNOWN_MEMBER = candidate(5);

/** The three referents, their organisation and the team they propose. */
const TEAMS = [
  {
    referent: CAMILLE,
    organisationId: 'caf-guyane',
    teamName: 'Les Cafistes',
    picked: [],
    emails: ['ana.lopes@caf-guyane.fr', 'yann.marie@caf-guyane.fr'],
  },
  {
    referent: candidate(1),
    organisationId: 'cpam-sarthe',
    teamName: 'Santé Sarthe',
    picked: [KNOWN_MEMBER.aadObjectId, UNKNOWN_MEMBER.aadObjectId],
    emails: ['luc.petit@cpam-sarthe.fr'],
  },
  {
    referent: candidate(2),
    organisationId: 'cnav',
    teamName: 'Retraite +',
    picked: [],
    emails: ['paul.fort@cnav.fr', 'lea.blanc@cnav.fr'],
  },
];

/** The team form as the card sends it. */
function teamForm(team: (typeof TEAMS)[number]): Record<string, unknown> {
  return {
    programmeId: TEAM_PROGRAMME.id,
    organisationId: team.organisationId,
    teamName: team.teamName,
    members: team.picked.join(','),
    memberEmails: team.emails.join('\n'),
    projectIdea: 'Un parcours d’accueil des nouveaux agents construit avec eux.',
    sponsor: 'La directrice des ressources humaines',
    availableForKickOff: 'true',
    availableForHackathon: 'true',
  };
}

/** The card of a message the bot posted (not an invoke's answer). */
function lastPostedCard(bot: CandidacyBot): string {
  const sent = bot.harness.connector.sentActivities().at(-1);
  return textOf((sent?.attachments as { content: unknown }[] | undefined)?.[0]?.content);
}

/** The Lab admin of the fixtures typing in their personal chat. */
function adminSays(text: string): Record<string, unknown> {
  return { ...loadActivity('personal-message-status-admin'), text };
}

function clickAsAdmin(verb: string, data: Record<string, string> = {}) {
  return adminClicks(verb, { programmeId: TEAM_PROGRAMME.id, ...data });
}

/** Polls until `probe` finds something (the outbox worker delivers within a second or two). */
async function waitFor<T>(probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) assert.fail('timed out waiting for the welcome post');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('team mode from candidacy to the first check-in (recorded Teams activities)', () => {
  let bot: CandidacyBot;

  beforeEach(async () => {
    bot = new CandidacyBot();
    // Only the team-mode programme: "former les équipes" has no other one to pick.
    await bot.start(TEAM_PROGRAMME, { SEED_DEMO: 'false' });
    for (const team of TEAMS) {
      const { card } = await bot.send('invoke-candidacy-submit', {
        as: team.referent,
        data: teamForm(team),
      });
      assert.match(textOf(card), /Candidature envoyée/, textOf(card));
    }
    for (const id of ['cand-1', 'cand-2', 'cand-3']) {
      const { card } = await bot.send('invoke-selection-decide-accept', {
        data: { programmeId: TEAM_PROGRAMME.id, candidacyId: id, decision: 'accept' },
      });
      assert.match(textOf(card), /Décision enregistrée\u00a0: retenue/, textOf(card));
    }
    await bot.harness.send(loadActivity('team-install'));
    // The bot learned this colleague's name when they used it.
    await bot.people!.record(
      { aadId: KNOWN_MEMBER.aadObjectId, name: KNOWN_MEMBER.name, email: null },
      new Date('2026-11-10T09:00:00Z'),
    );
  });

  afterEach(async () => {
    await bot.stop();
  });

  it('previews each accepted team as its organisation proposed it, with two facilitators from other organisations', async () => {
    await bot.harness.send(adminSays('former les équipes'));
    const card = lastPostedCard(bot);
    assert.match(card, /Formation des équipes — Défi du Lab \(équipes\)/);
    assert.match(
      card,
      /Programme en mode équipe\u00a0: chaque équipe candidate devient une équipe/,
    );
    for (const team of TEAMS) {
      assert.match(card, new RegExp(team.teamName.replace('+', '\\+')));
    }
    // Colleagues picked in Teams are named as the bot knows them; never by their Entra id.
    assert.match(card, /Candidat 4 — Cpam de la Sarthe \(maladie\)/);
    assert.match(card, /personne sans nom connu — Cpam de la Sarthe \(maladie\)/);
    assert.doesNotMatch(card, new RegExp(UNKNOWN_MEMBER.aadObjectId));
    assert.doesNotMatch(card, /de son propre organisme/);
    // No editing in team mode: the teams stay as proposed; the dry run comes first.
    assert.doesNotMatch(card, /formation\.swap|formation\.confirm"/);
    assert.match(card, /"verb":"formation.dryRun"/);
    // The facilitators are named with their organisation, never one of the team's own.
    assert.match(
      card,
      /Facilitateurs\u00a0: (Claire Dubois \(Cnav\), Hugo Martin \(Cpam de la Sarthe\)|Hugo Martin \(Cpam de la Sarthe\), Claire Dubois \(Cnav\))/,
    );
  });

  it('says which facilitator follows a team of their own organisation when the others cannot cover every team', async () => {
    // Two facilitators, both from the Cnav: the Cnav's team can only have them.
    await bot.harness.bot.programmes.save({
      ...TEAM_PROGRAMME,
      facilitators: [
        FACILITATORS[0]!,
        { aadId: 'fa000000-0000-4000-8000-000000000004', name: 'Paul Roy', organisationId: 'cnav' },
      ],
    });
    await bot.harness.send(adminSays('former les équipes'));
    const card = lastPostedCard(bot);
    for (const name of ['Claire Dubois', 'Paul Roy']) {
      assert.match(
        card,
        new RegExp(
          `${name} \\(Cnav\\) suit l’équipe «\u202fRetraite \\+\u202f», de son propre organisme`,
        ),
      );
    }
    assert.doesNotMatch(card, /suit l’équipe «\u202f(Les Cafistes|Santé Sarthe)\u202f»/);
  });

  it('confirms after the dry run and keeps each team whole, led by its referent, with two facilitators from other organisations', async () => {
    await bot.harness.send(adminSays('former les équipes'));
    const dryRun = await bot.harness.send(clickAsAdmin('formation.dryRun'));
    const dryText = textOf(dryRun.body);
    assert.match(
      dryText,
      /Ce qui sera créé pour le programme «\u202fDéfi du Lab \(équipes\)\u202f»/,
    );
    for (const team of TEAMS)
      assert.match(dryText, new RegExp(`Fil «\u202f${team.teamName.replace('+', '\\+')}\u202f»`));
    assert.deepEqual(await bot.harness.bot.teams.listByProgramme(TEAM_PROGRAMME.id), []);

    // "Revenir à la proposition" shows the preview again, unchanged.
    const back = findAction(dryRun.body, 'Revenir à la proposition');
    assert.ok(back);
    const preview = await bot.harness.send(clickOn(clickAsAdmin('formation.dryRun'), back));
    assert.match(textOf(preview.body), /Formation des équipes — Défi du Lab \(équipes\)/);

    const confirm = findAction(dryRun.body, 'Confirmer les équipes');
    assert.ok(confirm);
    const { body, question } = await bot.harness.sendConfirmed(
      clickOn(clickAsAdmin('formation.dryRun'), confirm),
    );
    assert.match(
      textOf(question),
      /Confirmer les équipes du programme «\u202fDéfi du Lab \(équipes\)\u202f»\u202f\?/,
    );
    assert.match(textOf(question), /3 équipes, 10 personnes/);
    assert.match(textOf(body), /Équipes confirmées — Défi du Lab \(équipes\)/);

    const stored = await bot.harness.bot.teams.listByProgramme(TEAM_PROGRAMME.id);
    assert.deepEqual(
      stored.map((team) => team.name),
      TEAMS.map((team) => team.teamName),
    );
    for (const [index, team] of TEAMS.entries()) {
      const formed = stored[index]!;
      assert.equal(formed.leadAadId, team.referent.aadObjectId, 'the referent leads');
      assert.deepEqual(
        formed.members.map((m) => m.aadId),
        [team.referent.aadObjectId, ...team.picked, ...team.emails],
        'the team as proposed: nobody added, nobody mixed in',
      );
      assert.ok(formed.members.every((m) => m.organisationId === team.organisationId));
      assert.equal(formed.members[0]!.name, team.referent.name);
      assert.equal(formed.facilitators.length, 2);
      assert.notEqual(formed.facilitators[0]!.aadId, formed.facilitators[1]!.aadId);
      assert.ok(
        formed.facilitators.every((f) => f.organisationId !== team.organisationId),
        `${team.teamName}: no facilitator of its own organisation`,
      );
      assert.equal(formed.workspace?.kind, 'thread');
    }

    // Each team's welcome in General names its facilitators with their organisation.
    const welcome = await waitFor(() =>
      bot.harness.connector.calls.find(
        (c) =>
          c.method === 'POST' &&
          c.conversationId === TEAMS_TEAM &&
          JSON.stringify(c.body).includes('Bienvenue dans l’équipe «\u202fLes Cafistes\u202f»'),
      ),
    );
    const facilitators = stored[0]!.facilitators.map(
      (f) =>
        `${f.name} (${TEAM_PROGRAMME.organisations.find((o) => o.id === f.organisationId)!.name})`,
    );
    assert.ok(
      JSON.stringify(welcome.body).includes(`Facilitateurs\u00a0: ${facilitators.join(', ')}`),
      JSON.stringify(welcome.body),
    );
  });

  it('says the teams are already confirmed when confirmed again, with nothing to change in team mode', async () => {
    await bot.harness.send(adminSays('former les équipes'));
    await bot.harness.sendConfirmed(clickAsAdmin('formation.confirm'));
    const again = await bot.harness.send(clickAsAdmin('formation.dryRun'));
    assert.match(textOf(again.body), /Équipes déjà confirmées — Défi du Lab \(équipes\)/);
    assert.match(textOf(again.body), /chaque équipe reste telle que son organisme l’a proposée/);
    assert.equal(findAction(again.body, 'Modifier les équipes confirmées'), undefined);
    const change = await bot.harness.send(clickAsAdmin('formation.change'));
    assert.match(textOf(change.body), /en mode équipe, le bot ne déplace personne/);
    assert.doesNotMatch(textOf(change.body), /pas encore confirmées/);
  });

  it('sends the lead the first check-in of the follow-up and records their answer', async () => {
    await bot.harness.send(adminSays('former les équipes'));
    await bot.harness.sendConfirmed(clickAsAdmin('formation.confirm'));
    const camilleTeam = (await bot.harness.bot.teams.listByProgramme(TEAM_PROGRAMME.id)).find(
      (team) => team.leadAadId === CAMILLE.aadObjectId,
    );
    assert.ok(camilleTeam);

    // Monday 1 March 2027, the follow-up's first working day, after 09:30 in Paris.
    const now = new Date('2027-03-01T10:00:00.000Z');
    bot.harness.clock.set(now);
    const job = bot.harness.bot.modules.find((m) => m.name === 'follow-up')!.scheduledJobs![0]!;
    const due = await job.listOccurrences(now);
    const leadCard = due.find(
      (o) => o.key === `checkin:2027-03:${TEAM_PROGRAMME.id}/${camilleTeam.id}/lead`,
    );
    assert.ok(leadCard, due.map((o) => o.key).join(', '));
    await job.execute(leadCard);
    const rows = await sql<{
      key: string;
      payload: string;
    }>`select key, payload from outbox`.execute(bot.harness.bot.database.db);
    const queued = rows.rows.find((row) => row.key === leadCard.key);
    assert.ok(queued, 'the check-in card is queued for the lead');
    assert.match(queued.payload, new RegExp(CAMILLE.aadObjectId));

    const answer = loadActivity('invoke-checkin-answer');
    answer.from = { id: CAMILLE.id, name: CAMILLE.name, aadObjectId: CAMILLE.aadObjectId };
    const value = answer.value as { action: { data: Record<string, unknown> } };
    value.action.data = {
      verb: 'checkin.answer',
      programmeId: TEAM_PROGRAMME.id,
      teamId: camilleTeam.id,
      month: '2027-03',
      status: 'on-track',
      progress: '20',
      done: 'Premier atelier avec les nouveaux agents.',
      nextSteps: 'Tester le parcours à Cayenne.',
      helpCategory: '',
      helpText: '',
      absentUntil: '',
    };
    const { body } = await bot.harness.send(answer);
    assert.match(textOf(body), /Réponse enregistrée/, textOf(body));
    assert.match(textOf(body), /Réponse de Camille Martin/);
    const stored = await bot.harness.bot.platform.followUp.checkins.get(
      TEAM_PROGRAMME.id,
      camilleTeam.id,
      '2027-03',
    );
    assert.equal(stored?.progress, 20);
    assert.equal(stored?.done, 'Premier atelier avec les nouveaux agents.');
  });
});
