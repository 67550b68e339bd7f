import assert from 'node:assert/strict';
import { loadActivity } from '../support/load-activity';
import { BOT_PROGRAMME, CAMILLE, CandidacyBot, textOf } from './support/candidacy-bot';

/** Camille's own address, as Teams' member API gives it. */
const CAMILLE_EMAIL = 'camille.martin@caf-guyane.fr';

describe('a candidate named as their own manager (hostile activities)', () => {
  let bot: CandidacyBot;

  beforeEach(async () => {
    bot = new CandidacyBot();
    await bot.start({ ...BOT_PROGRAMME, endorsementRequired: true });
    bot.harness.connector.members.set(CAMILLE.aadObjectId, {
      email: CAMILLE_EMAIL,
      name: CAMILLE.name,
    });
  });

  afterEach(async () => {
    await bot.stop();
  });

  it('refuses their own address under the manager field, and stores and sends nothing', async () => {
    const { status, card } = await bot.send('invoke-candidacy-submit', {
      data: { managerEmail: CAMILLE_EMAIL.toUpperCase() },
    });
    assert.equal(status, 200);
    assert.match(
      textOf(card),
      /c’est votre propre adresse\u00a0: indiquez celle de votre responsable/i,
    );
    assert.deepEqual(await bot.core!.candidacies.list(BOT_PROGRAMME.id), []);
    assert.deepEqual(bot.notifier.ofKind('candidacy.endorsementRequest'), []);
  });

  it('refuses an address the directory knows as theirs', async () => {
    // Camille wrote to the bot before with another address of hers (an alias).
    await bot.people!.record(
      { aadId: CAMILLE.aadObjectId, name: CAMILLE.name, email: 'c.martin@caf-guyane.fr' },
      new Date('2026-11-19T10:00:00.000Z'),
    );
    const { card } = await bot.send('invoke-candidacy-submit', {
      data: { managerEmail: 'c.martin@caf-guyane.fr' },
    });
    assert.match(textOf(card), /c’est votre propre adresse/i);
    assert.deepEqual(await bot.core!.candidacies.list(BOT_PROGRAMME.id), []);
  });

  it('refuses an endorsement given by the candidate, whatever the address recorded', async () => {
    // The manager named is real, but the candidate answers the request card from their account,
    // after the directory had (wrongly) mapped the manager's address to them.
    await bot.send('invoke-candidacy-submit');
    const stored = await bot.core!.candidacies.get('cand-1');
    assert.ok(stored?.endorsement !== null && stored?.endorsement !== undefined);
    await bot.core!.candidacies.transact(BOT_PROGRAMME.id, () => ({
      save: [
        { ...stored, endorsement: { ...stored.endorsement!, managerAadId: CAMILLE.aadObjectId } },
      ],
      result: undefined,
    }));
    const { card } = await bot.send('invoke-candidacy-endorse', { as: CAMILLE });
    assert.match(textOf(card), /personne ne peut donner son avis sur sa propre candidature/);
    assert.equal((await bot.core!.candidacies.get('cand-1'))?.endorsement?.status, 'pending');
  });
});

describe('the organisation a candidate declares (hostile activities)', () => {
  let bot: CandidacyBot;
  /** Cnav's staff write from cnav.fr, a domain that is Cnav's alone in this programme. */
  const programme = {
    ...BOT_PROGRAMME,
    organisations: BOT_PROGRAMME.organisations.map((o) =>
      o.id === 'cnav' ? { ...o, emailDomains: ['cnav.fr'] } : o,
    ),
  };

  beforeEach(async () => {
    bot = new CandidacyBot();
    await bot.start(programme);
  });

  afterEach(async () => {
    await bot.stop();
  });

  it('refuses another organisation than the one the candidate’s address says, naming it', async () => {
    bot.harness.connector.members.set(CAMILLE.aadObjectId, {
      email: 'camille.martin@cnav.fr',
      name: CAMILLE.name,
    });
    const { card } = await bot.send('invoke-candidacy-submit', {
      data: { organisationId: 'caf-guyane' },
    });
    assert.match(textOf(card), /votre adresse électronique est celle de Cnav\u00a0: choisissez/i);
    assert.deepEqual(await bot.core!.candidacies.list(programme.id), []);
  });

  it('keeps the candidacy with its organisation marked as confirmed by the address', async () => {
    bot.harness.connector.members.set(CAMILLE.aadObjectId, {
      email: 'camille.martin@cnav.fr',
      name: CAMILLE.name,
    });
    const { card } = await bot.send('invoke-candidacy-submit', {
      data: { organisationId: 'cnav' },
    });
    assert.match(textOf(card), /Cnav \(confirmé par l’adresse électronique\)/);
    const [stored] = await bot.core!.candidacies.list(programme.id);
    assert.equal(stored?.answers.organisationCheckedBy, 'emailDomain');
  });
});

describe('export links (hostile activities)', () => {
  let bot: CandidacyBot;

  beforeEach(async () => {
    bot = new CandidacyBot();
    await bot.start();
    await bot.apply(CAMILLE, 'caf-guyane');
  });

  afterEach(async () => {
    await bot.stop();
  });

  it('answers "exporter" in a team channel in private: no link in the channel', async () => {
    const { status } = await bot.send('hostile/channel-exporter-admin');
    assert.equal(status, 200);
    const reply = JSON.stringify(bot.harness.connector.sentActivities().at(-1));
    assert.match(reply, /Je vous envoie le lien de l’export en message privé/);
    assert.doesNotMatch(reply, /\/exports\//);
    const [privately] = bot.notifier.ofKind('selection.exportLink');
    assert.deepEqual(privately?.recipient, {
      kind: 'user',
      aadId: '0b7e8f9a-1c2d-4e3f-9a8b-7c6d5e4f3a2b',
    });
    assert.match(String(privately?.notice.data.url), /\/exports\//);
  });

  it('refuses a download once its holder has left the Lab team, even within the 15 minutes', async () => {
    await bot.stop();
    bot = new CandidacyBot();
    const team = '19:R7xW3kq8HnJd2VbYt5Lp@thread.tacv2';
    await bot.start(BOT_PROGRAMME, { LAB_CHANNEL_ID: team });
    await bot.harness.send(loadActivity('team-install'));
    // Camille is in the Lab channel's team, hence in the Lab team: she gets a link.
    bot.harness.connector.pagedMembers = [
      { id: '29:camille', aadObjectId: CAMILLE.aadObjectId, name: CAMILLE.name },
    ];
    await bot.harness.bot.refreshLabMembers();
    const { card } = await bot.send('invoke-selection-export-csv', { as: CAMILLE });
    const link = /"url":"([^"]+\/exports\/[^"]+)"/.exec(JSON.stringify(card))?.[1];
    assert.ok(link !== undefined, JSON.stringify(card));
    // She leaves that team before using it.
    bot.harness.connector.pagedMembers = [];
    await bot.harness.bot.refreshLabMembers();
    const refused = await fetch(link);
    assert.equal(refused.status, 403);
    assert.match(await refused.text(), /vous ne faites plus partie de l’équipe du Lab/);
  });
});
