import assert from 'node:assert/strict';
import { BotHarness, adminClicks, loadActivity } from './support/bot-harness';

function adminSays(text: string): Record<string, unknown> {
  return { ...loadActivity('personal-message-status-admin'), text };
}

function adminSubmits(data: Record<string, string>): Record<string, unknown> {
  return adminClicks('programme.create', data);
}

const VALID: Record<string, string> = {
  id: 'defi-du-lab-2027',
  name: 'Défi du Lab 2027',
  theme: 'Le numérique au service des assurés',
  description: 'Édition 2027.',
  'intake.mode': 'individual',
  'capacity.seats': '40',
  'capacity.maxPerOrganisation': '5',
  organisations: 'caf-loire,cpam-sarthe,carsat-hdf,urssaf-lorraine',
  themes: 'Accueil des assurés\nSimplification des démarches',
  'milestones.candidacyOpen': '2027-03-01',
  'milestones.candidacyClose': '2027-04-02',
  'milestones.selectionCommittee': '2027-04-23',
  'milestones.kickOff': '2027-05-20',
  'milestones.hackathonStart': '2027-06-24',
  'milestones.hackathonEnd': '2027-06-25',
  'milestones.followUpStart': '2027-09-01',
  'milestones.decemberReview': '2027-12-09',
  'milestones.marchReview': '2028-03-09',
  'milestones.end': '2028-03-31',
};

interface Item {
  id?: string;
  text?: string;
  color?: string;
  items?: Item[];
}

/** The error shown under an input of the returned card, if any. */
function errorUnder(card: unknown, id: string): string | undefined {
  for (const container of (card as { body: Item[] }).body) {
    const items = container.items ?? [];
    const index = items.findIndex((item) => item.id === id);
    if (index >= 0) {
      const next = items[index + 1];
      return next?.color === 'Attention' ? next.text : undefined;
    }
  }
  return undefined;
}

describe('new programme form ("nouveau programme")', () => {
  let harness: BotHarness;

  beforeEach(async () => {
    harness = new BotHarness();
    await harness.start();
  });

  afterEach(async () => {
    await harness.stop();
  });

  it('shows the Lab team a form with every field of a programme file', async () => {
    await harness.send(adminSays('nouveau programme'));
    const card = JSON.stringify(harness.connector.sentActivities().at(-1));
    assert.match(card, /Nouveau programme/);
    for (const id of ['id', 'capacity.seats', 'organisations', 'milestones.kickOff']) {
      assert.match(card, new RegExp(`"id":"${id.replace('.', '\\.')}"`));
    }
    assert.match(card, /"isMultiSelect":true/);
  });

  it('refuses anyone outside the Lab team', async () => {
    await harness.send({ ...loadActivity('personal-message-aide'), text: 'nouveau programme' });
    assert.match(
      JSON.stringify(harness.connector.sentActivities().at(-1)),
      /réservée à l’équipe du Lab/,
    );
  });

  it('shows each error under its field and saves nothing', async () => {
    const { body } = await harness.send(
      adminSubmits({
        ...VALID,
        'capacity.seats': '-3',
        'milestones.kickOff': '2027-04-01',
        organisations: '',
      }),
    );
    const card = (body as { value: unknown }).value;
    assert.match(JSON.stringify(card), /3 champ\(s\) à corriger/);
    assert.equal(errorUnder(card, 'capacity.seats'), 'doit valoir au moins 0');
    assert.match(
      errorUnder(card, 'milestones.kickOff') ?? '',
      /doit tomber le 2027-04-23 ou après/,
    );
    assert.match(errorUnder(card, 'organisations') ?? '', /trop court/);
    assert.equal(errorUnder(card, 'name'), undefined);
    assert.equal(await harness.bot.programmes.get('defi-du-lab-2027'), undefined);
  });

  it('creates a valid programme, and refuses the same identifier twice', async () => {
    const { body } = await harness.send(adminSubmits(VALID));
    assert.match(
      JSON.stringify(body),
      /Programme «\u202fDéfi du Lab 2027\u202f» créé\u00a0: 40 places, 4 organismes/,
    );
    const saved = await harness.bot.programmes.get('defi-du-lab-2027');
    assert.deepEqual(saved?.themeOptions, [
      { id: 'accueil-des-assures', label: 'Accueil des assurés' },
      { id: 'simplification-des-demarches', label: 'Simplification des démarches' },
    ]);
    assert.equal(saved?.organisations.find((o) => o.id === 'cpam-sarthe')?.branch, 'maladie');
    const again = await harness.send(adminSubmits(VALID));
    assert.match(
      JSON.stringify(again.body),
      /porte déjà l’identifiant «\u202fdefi-du-lab-2027\u202f»/,
    );
  });
});
