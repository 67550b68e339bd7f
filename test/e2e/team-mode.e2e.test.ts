import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { PlaygroundChat, UI_TIMEOUT_MS } from './support/playground-chat';
import { PlaygroundTeam, pickChoice } from './support/playground-team';
import { runLabbot } from './support/run-labbot';
import { screenshotWholeCard } from './support/screenshot-whole-card';
import { seedAcceptedTeams, type AcceptedTeam } from './support/seed-accepted-teams';
import type { E2eStack } from './support/start-e2e-stack';
import { usePlaygroundSession } from './support/use-playground-session';
import {
  writeTeamModeProgramme,
  type TeamModeProgramme,
  type TeamModeStep,
} from './support/write-team-mode-programme';

/** The README shows the team-mode cards next to the others. */
const README_SCREENSHOTS = join(__dirname, '..', '..', 'docs', 'screenshots');

/** The texts a person reads and the labels they look for; copied from the catalogues on purpose. */
const FR = {
  helpTitle: 'Lab Innovation\u00a0: ce que je peux faire pour vous',
  formTitle: (programme: string) => `Candidature\u00a0: ${programme}`,
  referent: (name: string) => `Équipe présentée par ${name} (référent)`,
  organisation: 'Organisme (obligatoire)',
  teamName: 'Nom de l’équipe (obligatoire)',
  memberEmails: 'Autres membres\u00a0: adresses électroniques, une par ligne',
  projectIdea: 'Idée de projet (2 000 caractères au plus) (obligatoire)',
  sponsor: 'Commanditaire (nom et fonction) (obligatoire)',
  submit: 'Envoyer ma candidature',
  sent: 'Candidature envoyée',
  overviewTitle: (programme: string) => `Candidatures\u00a0: ${programme}`,
  list: 'Liste des candidatures',
  listPage: '6 candidature(s)\u202f; page 1 sur 1',
  open: (name: string) => `Ouvrir la candidature de ${name}`,
  accept: 'Retenir',
  decided:
    'Décision enregistrée\u00a0: retenue, participation à confirmer. La personne est prévenue.',
  decisionTitle: (programme: string) =>
    `Votre candidature est retenue pour le programme «\u202f${programme}\u202f»\u202f!`,
  formationTitle: (programme: string) => `Formation des équipes — ${programme}`,
  teamMode:
    'Programme en mode équipe\u00a0: chaque équipe candidate devient une équipe du programme (6 équipes).',
  member: (name: string, organisation: string, branch: string) =>
    `${name} — ${organisation} (${branch})`,
  facilitator: (name: string, organisation: string) => `${name} (${organisation})`,
  dryRun: 'Voir ce qui sera créé',
  dryRunTitle: (programme: string) =>
    `Ce qui sera créé pour le programme «\u202f${programme}\u202f»`,
  thread: (team: string) => `Fil «\u202f${team}\u202f» dans le canal Général de l’équipe Teams`,
  back: 'Revenir à la proposition',
  confirm: 'Confirmer les équipes',
  confirmQuestion: (programme: string) =>
    `Confirmer les équipes du programme «\u202f${programme}\u202f»\u202f?`,
  confirmBody: '6 équipes, 36 personnes\u00a0: chaque équipe aura son espace',
  confirmedTitle: (programme: string) => `Équipes confirmées — ${programme}`,
  confirmedSummary: '6 équipes enregistrées\u202f; messages de bienvenue en cours d’envoi.',
  memberTitle: (team: string) => `Vous êtes dans l’équipe «\u202f${team}\u202f»`,
  yourFacilitators: (names: string) => `Vos facilitateurs\u00a0: ${names}.`,
  welcomeTitle: (team: string) => `Bienvenue dans l’équipe «\u202f${team}\u202f»\u202f!`,
  facilitators: (names: string) => `Facilitateurs\u00a0: ${names}`,
  lead: (name: string) => `Référent ou référente\u00a0: ${name}`,
  checkinTitle: /^Point mensuel · /,
  status: 'Statut (obligatoire)',
  progress: 'Avancement de l’expérimentation (%) (obligatoire)',
  done: 'Ce qui a été fait (obligatoire)',
  nextSteps: 'Prochaines étapes (obligatoire)',
  onTrack: 'En bonne voie',
  send: 'Envoyer',
  // "merci !" or, after the escalation day (the run's day may be late in the month), "en retard".
  saved: /^Réponse enregistrée/,
  answeredBy: (name: string) => new RegExp(`Réponse de ${name}, le .+ à \\d{2}:\\d{2}`),
};

/** The Cnaf's team, which the Playground's current user presents as its referent. */
const CNAF_TEAM = {
  organisationId: 'cnaf',
  organisation: 'Caisse nationale des allocations familiales',
  branch: 'famille',
  name: 'Les Fidèles',
  memberEmails: [
    'ines.garnier@cnaf.example',
    'marc.olivier@cnaf.example',
    'lina.said@cnaf.example',
    'paul.henry@cnaf.example',
    'zoe.martin@cnaf.example',
  ],
  projectIdea:
    'Un parcours d’accueil des nouveaux agents conçu avec eux, pour qu’ils restent plus de deux ans.',
  sponsor: 'Anne Vidal, directrice des ressources humaines',
};

/** The five other organisations' teams, accepted before the run (the Playground has one user). */
const OTHER_TEAMS: AcceptedTeam[] = [
  ['carsat-normandie', 'Cap Retraite', 'Yves Lebrun', 'yves.lebrun'],
  ['urssaf-npdc', 'Recrut’Nord', 'Sarah Dupuis', 'sarah.dupuis'],
  ['cpam-isere', 'Isère Accueil', 'Julie Fabre', 'julie.fabre'],
  ['caf-deux-sevres', 'Talents 79', 'Omar Benhamou', 'omar.benhamou'],
  ['onem', 'Onem Demain', 'Lieve Peeters', 'lieve.peeters'],
].map(([organisationId, teamName, name, login], index) => ({
  organisationId: organisationId!,
  teamName: teamName!,
  referent: { aadId: `e2e00000-0000-4000-8000-00000000000${index + 1}`, name: name! },
  memberEmails: [1, 2, 3, 4, 5].map((n) => `${login}.${n}@${organisationId}.example`),
}));

/** Team names in the order the bot numbers them: by submission, the Cnaf's last. */
const TEAM_ORDER = [...OTHER_TEAMS.map((team) => team.teamName), CNAF_TEAM.name];
const ORGANISATION_OF = new Map([
  ...OTHER_TEAMS.map((team): [string, string] => [team.teamName, team.organisationId]),
  [CNAF_TEAM.name, CNAF_TEAM.organisationId],
]);

/** The programme's Teams team in .m365agentsplayground.yml, and its General channel. */
const TEAMS_TEAM = 'Défi du Lab 2026';
const GENERAL = 'General';

/**
 * The point mensuel comes from the follow-up job's catch-up (a tick every minute) through the
 * outbox: up to a minute for the tick, then the delivery.
 */
const CHECKIN_TIMEOUT_MS = 120_000;

/** The text of one team on the formation card, from its name to the next team's name. */
function teamSection(cardText: string, team: string): string {
  const index = TEAM_ORDER.indexOf(team);
  const start = cardText.indexOf(`${team}\n`);
  const next = TEAM_ORDER[index + 1];
  const end = next === undefined ? cardText.length : cardText.indexOf(`${next}\n`, start);
  return start === -1 ? '' : cardText.slice(start, end === -1 ? undefined : end);
}

// One Lab organiser, who is also the Cnaf's referent (the Playground has a single user), walks a
// team-mode edition: the Cnaf's team applies, the Lab accepts it, the six accepted teams are
// confirmed with their facilitators, and the referent answers the first point mensuel. Each test
// continues the previous one in the same Playground page; the edition's calendar moves on by
// importing its file again, as the Lab would after editing its dates.
describe('Agents Playground, a team-mode programme from candidacy to the first point mensuel (end to end)', function () {
  this.timeout(240_000);
  let stack: E2eStack | undefined;
  let chat: PlaygroundChat;
  let team: PlaygroundTeam;
  let workDir: string;
  let programme: TeamModeProgramme;

  usePlaygroundSession({
    // The team-mode edition is the only programme: every command is about it.
    seedDemo: false,
    openPersonalChat: false,
    programmeFile: (dir) => {
      workDir = dir;
      programme = writeTeamModeProgramme(dir, 'call');
      return programme;
    },
    seed: ({ env }) => seedAcceptedTeams(env, programme.id, OTHER_TEAMS),
    onReady: (started, opened) => {
      stack = started;
      chat = opened;
      team = new PlaygroundTeam(started.page, TEAMS_TEAM);
    },
  });

  /** Moves the edition on: its file written for `step` and imported again with the CLI. */
  async function moveTo(step: TeamModeStep): Promise<void> {
    const file = writeTeamModeProgramme(workDir, step);
    const output = await runLabbot(['programme', 'import', file.path], stack!.botEnv);
    assert.match(output, /Programme mis à jour/);
  }

  /** Goes back to the personal chat with the bot from another conversation, without reloading. */
  async function openPersonalChatPane(): Promise<void> {
    await chat.page
      .getByRole('treeitem', { name: 'Personal Chat', exact: true })
      .click({ timeout: UI_TIMEOUT_MS });
    await chat.messageBox.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  }

  /** Waits until `input` shows `expected` (a value is written in after a render). */
  async function assertValue(input: Locator, expected: string): Promise<void> {
    const deadline = Date.now() + UI_TIMEOUT_MS;
    let value = await input.inputValue();
    while (value !== expected && Date.now() < deadline) {
      await chat.page.waitForTimeout(50);
      value = await input.inputValue();
    }
    assert.equal(value, expected);
  }

  /** The name and organisation of each facilitator the text names, in the programme's list. */
  function facilitatorsNamedIn(text: string): { name: string; organisation: string }[] {
    return programme.facilitators
      .map((f) => ({ name: f.name, organisation: programme.organisations.get(f.organisation)! }))
      .filter((f) => text.includes(FR.facilitator(f.name, f.organisation)));
  }

  it('adds the bot to the programme team when the organiser opens its General channel', async function () {
    await chat.openPersonalChat(stack!.playgroundUrl);
    await chat.waitForNewCard(FR.helpTitle, 0);
    // Opening a channel for the first time is the Playground's "bot added to the team" event.
    await team.openChannel(GENERAL);
    await team.waitForPost(FR.helpTitle);
    await openPersonalChatPane();
  });

  it('sends the Cnaf’s team candidacy, the Playground user being its referent', async function () {
    await chat.send('candidater');
    const form = await chat.waitForNewCard(FR.formTitle(programme.name), 0);
    assert.ok((await form.innerText()).includes(FR.referent(stack!.currentUser.name)));
    await pickChoice(chat.page, form, FR.organisation, CNAF_TEAM.organisation);
    await form.getByLabel(FR.teamName, { exact: true }).fill(CNAF_TEAM.name);
    // The Playground has no people picker: the other members are given by e-mail.
    await form.getByLabel(FR.memberEmails, { exact: true }).fill(CNAF_TEAM.memberEmails.join('\n'));
    await form.getByLabel(FR.projectIdea, { exact: true }).fill(CNAF_TEAM.projectIdea);
    await form.getByLabel(FR.sponsor, { exact: true }).fill(CNAF_TEAM.sponsor);
    await assertValue(form.getByLabel(FR.teamName, { exact: true }), CNAF_TEAM.name);
    await screenshotWholeCard(chat.page, form, 'team-mode-candidacy-form', [
      join(README_SCREENSHOTS, 'team-mode-candidacy-form.png'),
    ]);
    await form.getByRole('button', { name: FR.submit, exact: true }).click();

    const sent = await chat.waitForNewCard(FR.sent, 0);
    const text = await sent.innerText();
    assert.ok(
      text.includes(
        `Votre candidature au programme «\u202f${programme.name}\u202f» est enregistrée`,
      ),
      text,
    );
    assert.ok(text.includes(CNAF_TEAM.name), text);
    assert.ok(text.includes('6 personnes'), `the referent and five members: ${text}`);
  });

  it('lets the Lab open the team’s candidacy among the six and accept it', async function () {
    await chat.send('candidatures');
    const overview = await chat.waitForNewCard(FR.overviewTitle(programme.name), 0);
    await overview.getByRole('button', { name: FR.list, exact: true }).click();
    const list = chat.cards(FR.overviewTitle(programme.name)).last();
    await list.getByText(FR.listPage, { exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
    const row = `${CNAF_TEAM.name} (${stack!.currentUser.name})`;
    // The row's "Ouvrir": the button in the nearest block around the team's name that has one.
    await list
      .getByText(row, { exact: true })
      .locator('xpath=ancestor::*[.//button or .//*[@role="button"]][1]')
      .getByRole('button', { name: FR.open(row), exact: true })
      .click();

    const detail = await chat.waitForNewCard(row, 0);
    assert.ok((await detail.innerText()).includes(CNAF_TEAM.projectIdea));
    await detail.getByRole('button', { name: FR.accept, exact: true }).click();
    await chat
      .cards(row)
      .last()
      .getByText(FR.decided, { exact: true })
      .waitFor({ timeout: UI_TIMEOUT_MS });

    // The referent is told, on their own, by the delivery worker.
    const decision = chat.cards(FR.decisionTitle(programme.name)).first();
    await decision.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await chat.screenshot('team-mode-decision', decision);
  });

  it('previews the six accepted teams as proposed, each with two facilitators of other organisations', async function () {
    // Kick-off: the call is closed, the committee has sat.
    await moveTo('kickOff');
    await chat.send('former les équipes');
    const card = await chat.waitForNewCard(FR.formationTitle(programme.name), 0);
    const text = await card.innerText();
    assert.ok(text.includes(FR.teamMode), text);

    const cnaf = teamSection(text, CNAF_TEAM.name);
    for (const member of [stack!.currentUser.name, ...CNAF_TEAM.memberEmails]) {
      assert.ok(
        cnaf.includes(FR.member(member, CNAF_TEAM.organisation, CNAF_TEAM.branch)),
        `${member} in the Cnaf's team:\n${cnaf}`,
      );
    }
    for (const name of TEAM_ORDER) {
      const section = teamSection(text, name);
      const own = programme.organisations.get(ORGANISATION_OF.get(name)!)!;
      // Kept as proposed: only the team's own organisation in it.
      const others = [...programme.organisations.values()].filter((o) => o !== own);
      assert.ok(
        others.every((o) => !section.includes(` — ${o} (`)),
        `${name} is not mixed:\n${section}`,
      );
      const facilitators = facilitatorsNamedIn(section);
      assert.equal(facilitators.length, 2, `two facilitators for ${name}:\n${section}`);
      assert.ok(
        facilitators.every((f) => f.organisation !== own),
        `${name}: no facilitator from ${own}`,
      );
    }
    // No swapping in team mode; confirming comes after the dry run.
    assert.equal(await card.getByRole('button', { name: 'Échanger', exact: true }).count(), 0);
    assert.equal(await card.getByRole('button', { name: FR.confirm, exact: true }).count(), 0);
    await screenshotWholeCard(chat.page, card, 'team-mode-formation-card', [
      join(README_SCREENSHOTS, 'team-mode-formation-card.png'),
    ]);
  });

  it('shows the dry run, and "Revenir à la proposition" brings the preview back unchanged', async function () {
    const card = chat.cards(FR.formationTitle(programme.name)).last();
    const before = await card.innerText();
    await card.getByRole('button', { name: FR.dryRun, exact: true }).click();
    const dryRun = chat.cards(FR.dryRunTitle(programme.name)).last();
    await dryRun.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    const text = await dryRun.innerText();
    for (const name of TEAM_ORDER) assert.ok(text.includes(FR.thread(name)), `${name}:\n${text}`);
    await screenshotWholeCard(chat.page, dryRun, 'team-mode-dry-run', [
      join(README_SCREENSHOTS, 'team-mode-dry-run.png'),
    ]);

    await dryRun.getByRole('button', { name: FR.back, exact: true }).click();
    await chat.waitForCardCount(FR.dryRunTitle(programme.name), 0);
    const back = chat.cards(FR.formationTitle(programme.name)).last();
    await back.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    assert.equal(await back.innerText(), before);
  });

  it('confirms the teams after the dry run, once asked', async function () {
    const card = chat.cards(FR.formationTitle(programme.name)).last();
    await card.getByRole('button', { name: FR.dryRun, exact: true }).click();
    const dryRun = chat.cards(FR.dryRunTitle(programme.name)).last();
    await dryRun.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await dryRun.getByRole('button', { name: FR.confirm, exact: true }).click();
    const question = chat.cards(FR.confirmQuestion(programme.name)).last();
    await question.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    assert.ok((await question.innerText()).includes(FR.confirmBody));
    await question.getByRole('button', { name: 'Confirmer', exact: true }).click();

    // The summary card has no heading: it is found by its first line.
    const confirmed = chat.page
      .locator('.ac-adaptiveCard')
      .filter({ has: chat.page.getByText(FR.confirmedTitle(programme.name), { exact: true }) });
    await confirmed.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    const text = await confirmed.innerText();
    assert.ok(text.includes(FR.confirmedSummary), text);
    for (const name of TEAM_ORDER) {
      assert.ok(
        text.includes(`Fil «\u202f${name}\u202f» dans le canal Général`),
        `${name}:\n${text}`,
      );
    }
    await chat.screenshot('team-mode-confirmed', confirmed);
  });

  it('tells the referent their team and its facilitators, with their organisation', async function () {
    const card = chat.cards(FR.memberTitle(CNAF_TEAM.name)).first();
    await card.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    const text = await card.innerText();
    const facilitators = facilitatorsNamedIn(text);
    assert.equal(facilitators.length, 2, text);
    assert.ok(
      text.includes(
        FR.yourFacilitators(
          facilitators.map((f) => FR.facilitator(f.name, f.organisation)).join(', '),
        ),
      ) ||
        text.includes(
          FR.yourFacilitators(
            [...facilitators]
              .reverse()
              .map((f) => FR.facilitator(f.name, f.organisation))
              .join(', '),
          ),
        ),
      text,
    );
    assert.ok(facilitators.every((f) => f.organisation !== CNAF_TEAM.organisation));
    assert.ok(text.includes(FR.lead(stack!.currentUser.name)), text);
    await screenshotWholeCard(chat.page, card, 'team-mode-member-card');
  });

  it('posts the team’s welcome in General, with its facilitators and its lead', async function () {
    await team.openChannel(GENERAL);
    const post = await team.waitForPost(FR.welcomeTitle(CNAF_TEAM.name));
    const text = await post.innerText();
    assert.ok(text.includes(FR.lead(stack!.currentUser.name)), text);
    for (const email of CNAF_TEAM.memberEmails) {
      assert.ok(text.includes(`${email} — ${CNAF_TEAM.organisation}`), `${email}:\n${text}`);
    }
    const facilitators = facilitatorsNamedIn(text);
    assert.equal(facilitators.length, 2, text);
    assert.ok(text.includes(FR.facilitators('')), text);
    await screenshotWholeCard(
      chat.page,
      team.posts(FR.welcomeTitle(CNAF_TEAM.name)).locator('.ac-adaptiveCard'),
      'team-mode-welcome-post',
      [join(README_SCREENSHOTS, 'team-mode-welcome-post.png')],
    );
    await openPersonalChatPane();
  });

  it('brings the lead the first point mensuel once the follow-up has begun, and records the answer', async function () {
    // September came: the follow-up job's next tick sends this month's point mensuel.
    await moveTo('followUp');
    const checkinCard = (): Locator =>
      chat.page
        .locator('.ac-adaptiveCard')
        .filter({ has: chat.page.getByRole('heading', { name: FR.checkinTitle }) })
        .last();
    const card = checkinCard();
    await card.waitFor({ state: 'visible', timeout: CHECKIN_TIMEOUT_MS });
    const text = await card.innerText();
    assert.ok(
      text.includes(`${programme.name} · référent\u00a0: ${stack!.currentUser.name}`),
      text,
    );
    assert.match(text, new RegExp(`Équipe \\d+ · ${CNAF_TEAM.name}`));

    await card.getByRole('combobox', { name: FR.status, exact: true }).click();
    await chat.page.getByRole('option', { name: FR.onTrack, exact: true }).click();
    await card.getByLabel(FR.progress, { exact: true }).fill('25');
    await card
      .getByLabel(FR.done, { exact: true })
      .fill('Deux ateliers avec les agents arrivés cette année ; le parcours est esquissé.');
    await card
      .getByLabel(FR.nextSteps, { exact: true })
      .fill('Tester le parcours avec les recrues de janvier.');
    await card.getByRole('button', { name: FR.send, exact: true }).click();

    const answered = checkinCard();
    await answered.getByText(FR.saved).waitFor({ timeout: UI_TIMEOUT_MS });
    const answer = await answered.innerText();
    assert.match(answer, FR.answeredBy(stack!.currentUser.name));
    assert.match(answer, /Avancement de l’expérimentation \(%\)\s+25\u00a0%/);
    assert.ok(answer.includes('Tester le parcours avec les recrues de janvier.'), answer);
    await screenshotWholeCard(chat.page, answered, 'team-mode-checkin-answered', [
      join(README_SCREENSHOTS, 'team-mode-checkin-answered.png'),
    ]);
  });
});
