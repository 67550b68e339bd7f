import assert from 'node:assert/strict';
import type { Programme } from '../../src/core/programmes/programme';
import type { ProgrammeTeam } from '../../src/core/programmes/programme-team';
import { loadExample2026 } from '../support/follow-up-fakes';
import { adminClicks, BotHarness, loadActivity } from './support/bot-harness';
import { BOT_PROGRAMME, TEST_SIGNING_KEY } from './support/candidacy-bot';

/** A second call open at the same time as the test programme's (the harness's day is 20 November 2026). */
const OTHER_CALL = {
  ...BOT_PROGRAMME,
  id: 'sessions-2027',
  name: 'Défi des sessions 2027',
};

function lastCard(harness: BotHarness): string {
  return JSON.stringify(harness.connector.sentActivities().at(-1));
}

describe('several programmes at once (recorded Teams activities)', () => {
  let harness: BotHarness;

  beforeEach(async () => {
    harness = new BotHarness();
    await harness.start();
    // The demo programme of the seed follows up its teams; the test programme's call is open.
    await harness.bot.programmes.save(BOT_PROGRAMME);
  });

  afterEach(async () => {
    await harness.stop();
  });

  it('acts on the only programme a command concerns, without asking', async () => {
    await harness.send(loadActivity('personal-message-candidater'));
    const card = lastCard(harness);
    assert.doesNotMatch(card, /Quel programme\u202f\?/);
    assert.match(card, /Défi du Lab \(essai\)/);
  });

  it('asks which programme when two calls are open, then remembers the choice for an hour', async () => {
    await harness.bot.programmes.save(OTHER_CALL);
    await harness.send(loadActivity('personal-message-candidater'));
    const question = lastCard(harness);
    assert.match(question, /Quel programme\u202f\?/);
    assert.match(question, /Choisir Défi du Lab \(essai\)/);
    assert.match(question, /Choisir Défi des sessions 2027/);

    // She chooses the second one: its form opens.
    const invoke = loadActivity('invoke-action-execute-profile');
    const { body } = await harness.send({
      ...invoke,
      value: {
        action: {
          type: 'Action.Execute',
          verb: 'candidacy.open',
          data: { verb: 'candidacy.open', programmeId: OTHER_CALL.id },
        },
        trigger: 'manual',
      },
    });
    assert.match(JSON.stringify(body), /Défi des sessions 2027/);

    // Typed again within the hour: no question, the chosen programme.
    await harness.send(loadActivity('personal-message-candidater'));
    assert.doesNotMatch(lastCard(harness), /Quel programme\u202f\?/);
    assert.match(lastCard(harness), /Défi des sessions 2027/);

    // An hour and a minute later, the bot asks again.
    harness.clock.set(new Date(harness.clock.now().getTime() + 61 * 60 * 1000));
    await harness.send(loadActivity('personal-message-candidater'));
    assert.match(lastCard(harness), /Quel programme\u202f\?/);
  });

  it('asks the Lab which programme’s candidacies to show when two calls are open', async () => {
    await harness.bot.programmes.save(OTHER_CALL);
    await harness.send(loadActivity('personal-message-candidatures-admin'));
    const question = lastCard(harness);
    assert.match(question, /Quel programme\u202f\?/);
    assert.match(question, /"verb":"selection.overview"/);
    assert.match(question, /"programmeId":"sessions-2027"/);
  });
});

/** Nadia Benali (Lab team) typing `text` in her personal chat. */
function adminSays(text: string): Record<string, unknown> {
  return { ...loadActivity('personal-message-status-admin'), text };
}

/** Camille Martin (lead of team 2 of the 2026 example) typing `text` in her personal chat. */
function camilleSays(text: string): Record<string, unknown> {
  return { ...loadActivity('personal-message-aide'), text };
}

/** Camille clicking an Action.Execute button in her personal chat. */
function camilleClicks(verb: string, data: Record<string, unknown>): Record<string, unknown> {
  return {
    ...loadActivity('invoke-action-execute-profile'),
    value: { action: { type: 'Action.Execute', verb, data: { verb, ...data } }, trigger: 'manual' },
  };
}

/** A second edition in its follow-up year at the same time, with its own teams (Camille leads one). */
function anotherFollowUp(): { programme: Programme; teams: ProgrammeTeam[] } {
  const { programme, teams } = loadExample2026();
  const id = 'defi-du-lab-2025-bis';
  return {
    programme: { ...programme, id, name: 'Le Défi des territoires' },
    teams: teams.map((team) => ({ ...team, programmeId: id, name: `Territoire ${team.number}` })),
  };
}

describe('several programmes in different phases: dashboard, calendar, history, export', () => {
  let harness: BotHarness;
  const replies = (): string[] =>
    harness.connector.sentActivities().map((activity) => JSON.stringify(activity));
  const last = (): string => replies().at(-1) ?? '';
  /** The body of an invoke's answer card. */
  const invoke = async (activity: Record<string, unknown>): Promise<string> =>
    JSON.stringify((await harness.send(activity)).body);

  beforeEach(async () => {
    harness = new BotHarness();
    await harness.start({ EXPORT_SIGNING_KEY: TEST_SIGNING_KEY });
    // The 2026 example follows up its teams (November 2026); the test programme's call is open.
    const { programme, teams } = loadExample2026();
    await harness.bot.programmes.save(programme);
    await harness.bot.teams.replaceAll(programme.id, teams);
    await harness.bot.programmes.save(BOT_PROGRAMME);
  });

  afterEach(async () => {
    await harness.stop();
  });

  it('acts on the only programme each command concerns, and names it', async () => {
    await harness.send(adminSays('calendrier'));
    assert.doesNotMatch(last(), /Quel programme\u202f\?/);
    assert.match(last(), /Programme «\u202fDéfi du Lab 2026\u202f»/);
    assert.match(last(), /Caf'enir/);

    await harness.send(adminSays('historique'));
    assert.doesNotMatch(last(), /Quel programme\u202f\?/);
    assert.match(last(), /Équipe 2 · Kit à recruter — Défi du Lab 2026/);

    // Only the test programme's candidacies are being examined: its export, no question.
    await harness.send(adminSays('exporter'));
    assert.doesNotMatch(last(), /Quel programme\u202f\?/);
    assert.match(last(), /Export des candidatures\u00a0: Défi du Lab \(essai\)/);

    // Camille leads a team of the 2026 edition only: its history.
    await harness.send(camilleSays('historique'));
    assert.doesNotMatch(last(), /Quel programme\u202f\?/);
    assert.match(last(), /Kit à recruter/);
  });

  it('asks the Lab team which dashboard when a call is open beside a follow-up, and remembers', async () => {
    await harness.send(adminSays('tableau de bord'));
    const question = last();
    assert.match(question, /Quel programme\u202f\?/);
    assert.match(question, /"verb":"digest.show"/);
    assert.match(question, /Choisir Défi du Lab 2026/);
    assert.match(question, /Choisir Défi du Lab \(essai\)/);
    assert.doesNotMatch(question, /Tableau de bord —/);

    const chosen = await invoke(adminClicks('digest.show', { programmeId: BOT_PROGRAMME.id }));
    assert.match(chosen, /Tableau de bord — Défi du Lab \(essai\)/);

    await harness.send(adminSays('tableau de bord'));
    assert.match(last(), /Tableau de bord — Défi du Lab \(essai\)/);
    assert.doesNotMatch(last(), /Quel programme\u202f\?/);

    // "tous" still gives one card per programme under way.
    const before = replies().length;
    await harness.send(adminSays('tableau de bord tous'));
    const cards = replies().slice(before).join('\n');
    assert.match(cards, /Tableau de bord — Défi du Lab 2026/);
    assert.match(cards, /Tableau de bord — Défi du Lab \(essai\)/);

    // The help card says which programmes are under way.
    await harness.send(adminSays('aide'));
    assert.match(last(), /Programmes en cours\u00a0: «\u202fDéfi du Lab/);
    assert.match(last(), /«\u202fDéfi du Lab 2026\u202f» \(suivi des expérimentations\)/);
    assert.match(last(), /«\u202fDéfi du Lab \(essai\)\u202f» \(appel à candidatures ouvert\)/);
  });

  it('asks which candidacies to export when two calls are open, in personal chat only', async () => {
    await harness.bot.programmes.save({ ...OTHER_CALL, committee: BOT_PROGRAMME.committee });
    await harness.send(adminSays('exporter'));
    assert.match(last(), /Quel programme\u202f\?/);
    assert.match(last(), /"verb":"selection.export"/);
    assert.doesNotMatch(last(), /Export des candidatures/);
    const exported = await invoke(adminClicks('selection.export', { programmeId: OTHER_CALL.id }));
    assert.match(exported, /Export des candidatures\u00a0: Défi des sessions 2027/);

    // Typed in a channel, the question would show buttons that work in personal chat only.
    const channel = loadActivity('channel-message-with-mention');
    harness.clock.set(new Date(harness.clock.now().getTime() + 61 * 60 * 1000));
    const before = harness.connector.sentActivities().length;
    await harness.send({
      ...channel,
      from: loadActivity('personal-message-status-admin').from,
      text: `${String(channel.text).replace(/\s*aide\s*$/i, '')} exporter`,
    });
    const answer = replies().slice(before).join('\n');
    assert.match(answer, /tapez «\u202fexporter\u202f» dans votre conversation personnelle/);
    assert.doesNotMatch(answer, /"verb":"selection.export"|\/exports\//);
  });

  it('asks which calendar and which history when two programmes follow up teams', async () => {
    const other = anotherFollowUp();
    await harness.bot.programmes.save(other.programme);
    await harness.bot.teams.replaceAll(other.programme.id, other.teams);

    await harness.send(adminSays('calendrier'));
    assert.match(last(), /Quel programme\u202f\?/);
    assert.match(last(), /"verb":"checkin.calendar"/);
    assert.doesNotMatch(last(), /Caf'enir|Territoire 1/);
    const calendar = await invoke(
      adminClicks('checkin.calendar', { programmeId: other.programme.id }),
    );
    assert.match(calendar, /Programme «\u202fLe Défi des territoires\u202f»/);
    assert.match(calendar, /Territoire 1/);
    assert.doesNotMatch(calendar, /Caf'enir/);
    // Remembered for the hour.
    await harness.send(adminSays('calendrier'));
    assert.match(last(), /Programme «\u202fLe Défi des territoires\u202f»/);

    // Camille leads a team in each: she is asked, and the team number is kept.
    await harness.send(camilleSays('historique 2'));
    const question = last();
    assert.match(question, /Quel programme\u202f\?/);
    assert.match(question, /"verb":"checkin.history"/);
    assert.match(question, /"teamNumber":2/);
    const history = await invoke(
      camilleClicks('checkin.history', { programmeId: other.programme.id, teamNumber: 2 }),
    );
    assert.match(history, /Territoire 2 — Le Défi des territoires/);
    assert.doesNotMatch(history, /Kit à recruter/);
    await harness.send(camilleSays('historique'));
    assert.match(last(), /Territoire 2/);
    assert.doesNotMatch(last(), /Kit à recruter|Quel programme/);
  });

  it('shows nothing of a programme a choice button names when the sender may not act on it', async () => {
    const other = anotherFollowUp();
    await harness.bot.programmes.save(other.programme);
    await harness.bot.teams.replaceAll(
      other.programme.id,
      // Camille is not in this edition's teams.
      other.teams.filter((team) => team.number !== 2),
    );
    const refusedWith: [Record<string, unknown>, RegExp][] = [
      // Someone outside the Lab team asking for a calendar, naming a programme.
      [
        camilleClicks('checkin.calendar', { programmeId: other.programme.id }),
        /Le calendrier des envois est réservé à l’équipe du Lab/,
      ],
      // A history of a programme she has no team in.
      [
        camilleClicks('checkin.history', { programmeId: other.programme.id }),
        /Vous ne faites partie d’aucune équipe suivie/,
      ],
      // A dashboard of a programme whose teams she does not facilitate.
      [
        camilleClicks('digest.show', { programmeId: other.programme.id }),
        /Le tableau de bord est réservé à l’équipe du Lab/,
      ],
      // A programme that does not exist.
      [
        adminClicks('checkin.calendar', { programmeId: 'nowhere-2099' }),
        /Ce programme n’existe pas, n’est pas en phase de suivi/,
      ],
      [adminClicks('digest.show', { programmeId: 'nowhere-2099' }), /Aucun programme en cours/],
      // The programme whose call is open is not in its follow-up: no calendar for it.
      [
        adminClicks('checkin.calendar', { programmeId: BOT_PROGRAMME.id }),
        /Ce programme n’existe pas, n’est pas en phase de suivi/,
      ],
    ];
    for (const [activity, refusal] of refusedWith) {
      const { status, body } = await harness.send(activity);
      assert.equal(status, 200);
      const card = JSON.stringify(body);
      assert.match(card, refusal);
      assert.doesNotMatch(card, /Territoire \d|Caf'enir|Kit à recruter/, card);
      assert.doesNotMatch(card, /Tableau de bord —|Programme «\u202f/, card);
    }
    // Data of the wrong type: a number for an id, an id of 5,000 characters.
    for (const programmeId of [42, 'x'.repeat(5000)]) {
      const card = await invoke(
        adminClicks('checkin.calendar', { programmeId } as unknown as Record<string, string>),
      );
      assert.match(card, /ne sont pas valides/);
      assert.doesNotMatch(card, /Territoire \d|Caf'enir/);
    }
  });
});
