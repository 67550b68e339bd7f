import assert from 'node:assert/strict';
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
    assert.match(textOf(card), /c’est votre propre adresse : indiquez celle de votre responsable/i);
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
    assert.match(textOf(card), /votre adresse électronique est celle de Cnav : choisissez/i);
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
