import assert from 'node:assert/strict';
import {
  measureMessageBytes,
  MAX_CARD_BYTES,
  TEAMS_MESSAGE_LIMIT_BYTES,
} from '../../../src/adapters/teams/cards/card-size';
import { buildCalendarCard } from '../../../src/features/follow-up/follow-up-cards';
import {
  buildFormationCard,
  TEAMS_PER_PAGE,
} from '../../../src/features/formation/formation-cards';
import {
  context,
  nationalCards,
  nationalFormation,
  nationalProgramme,
  nationalSends,
  SCALE,
} from '../../support/national-scale';

describe('cards at national scale', () => {
  it('measures a message as Teams does, in UTF-16 code units of two bytes', () => {
    assert.equal(measureMessageBytes('abc'), 6);
    assert.equal(measureMessageBytes('é'), 2);
    assert.equal(measureMessageBytes({ a: 1 }), JSON.stringify({ a: 1 }).length * 2);
    assert.ok(MAX_CARD_BYTES < TEAMS_MESSAGE_LIMIT_BYTES);
  });

  for (const language of ['fr', 'en'] as const) {
    it(`keeps every card under 80 KB of UTF-16 with ${SCALE.teams} teams, ${SCALE.organisations} organisations and ${SCALE.candidacies} candidacies (${language})`, () => {
      for (const [name, card] of nationalCards(language)) {
        const bytes = measureMessageBytes(card);
        assert.ok(bytes <= MAX_CARD_BYTES, `${name}: ${bytes} bytes`);
      }
    });
  }

  it('pages the formation preview eight teams at a time, with pickers for those teams only', () => {
    const programme = nationalProgramme();
    const input = nationalFormation(programme, 1);
    const json = JSON.stringify(buildFormationCard(context('fr'), input));
    assert.match(json, /Équipes 9 à 16 sur 800 \(page 2 sur 100\)/);
    assert.match(json, /Équipe 9 · /);
    assert.doesNotMatch(json, /"text":"Équipe 8 · [^"]*— \d+\/100"/);
    assert.match(json, /Règles strictes respectées dans toutes les équipes/);
    assert.match(json, /"id":"search","label":"Trouver une personne \(nom ou partie du nom\)"/);
    assert.match(json, /"title":"Trouver la personne","verb":"formation.find"/);
    // Figures in the reader's language: a decimal comma in French.
    assert.match(json, /moyenne\u00a0: 74,5\/100/);
    assert.match(json, /Équipes à regarder d’abord\u00a0: Équipe \d+ · [^;]+ — 50\/100/);
    const previous =
      /"title":"Équipes précédentes","verb":"formation.page","data":\{"verb":"formation.page","programmeId":"defi-national","page":0\}/;
    assert.match(json, previous);
    assert.match(
      json,
      /"title":"Équipes suivantes","verb":"formation.page","data":\{[^}]*"page":2\}/,
    );
    const people = input.teams.slice(8, 16).flatMap((team) => team.members);
    const pickable = [...json.matchAll(/"value":"(00000000-0000-4000-9000-\d{12})"/g)].map(
      (m) => m[1],
    );
    assert.equal(new Set(pickable).size, people.length);
    assert.ok(pickable.every((id) => people.includes(id!)));
    assert.match(json, /"title":"Équipe 9 · [^"]*","value":"8"/);
    assert.equal(TEAMS_PER_PAGE, 8);
  });

  it('shows the last page for a page past the end, with no next button', () => {
    const json = JSON.stringify(
      buildFormationCard(context('en'), nationalFormation(nationalProgramme(), 5_000)),
    );
    assert.match(json, /Teams 793 to 800 of 800 \(page 100 of 100\)/);
    assert.match(json, /mean: 74\.5\/100/);
    assert.match(json, /Previous teams/);
    assert.doesNotMatch(json, /Next teams/);
  });

  it('pages the calendar sixty sends at a time, with the verb and page to reach the others', () => {
    const programme = nationalProgramme();
    const sends = nationalSends(programme);
    const json = JSON.stringify(buildCalendarCard(context('fr'), sends, new Map(), 1));
    assert.match(json, /Envois 61 à 120 sur 1600 \(page 2 sur 27\)/);
    assert.match(json, /Lefebvre-Marchand 60\b/);
    assert.doesNotMatch(json, /Lefebvre-Marchand 59\b/);
    assert.match(
      json,
      /"title":"Envois précédents","verb":"checkin.calendar","style":"default","data":\{"page":0,/,
    );
    assert.match(
      json,
      /"title":"Envois suivants","verb":"checkin.calendar","style":"default","data":\{"page":2,/,
    );
    const last = JSON.stringify(buildCalendarCard(context('en'), sends, new Map(), 99));
    assert.match(last, /Sends 1561 to 1600 of 1600 \(page 27 of 27\)/);
    assert.doesNotMatch(last, /Next sends/);
  });

  it('lets a person type to find one of the 300 organisations, and keeps short lists plain', () => {
    for (const name of ['candidacy form', 'selection list', 'selection overview']) {
      const card = nationalCards('fr').find(([cardName]) => cardName === name)![1];
      const choiceSets =
        JSON.stringify(card).match(/"type":"Input\.ChoiceSet"[^\]]*?"style":"\w+"/g) ?? [];
      const long = choiceSets.filter((set) => set.includes('"id":"organisationId"'));
      if (name === 'selection overview') {
        assert.equal(long.length, 0, 'the overview has no dropdown');
        continue;
      }
      assert.equal(long.length, 1, name);
      assert.match(long[0]!, /"style":"filtered"/, name);
    }
    const list = JSON.stringify(nationalCards('fr').find(([n]) => n === 'selection list')![1]);
    assert.match(list, /"id":"status"[^\]]*?"style":"compact"/);
  });

  it('lets the pickers search everyone past one page (type-ahead), and keeps one page plain', () => {
    const programme = nationalProgramme();
    const paged = JSON.stringify(
      buildFormationCard(context('fr'), nationalFormation(programme, 3)),
    );
    const query = `"choices.data":{"type":"Data.Query","dataset":"formation.people/${programme.id}"}`;
    assert.equal(paged.split(query).length - 1, 2, 'both people pickers search');
    assert.match(paged, /"id":"person","label":"[^"]+","style":"filtered"/);
    const small = nationalFormation(programme);
    const onePage = JSON.stringify(
      buildFormationCard(context('fr'), { ...small, teams: small.teams.slice(0, TEAMS_PER_PAGE) }),
    );
    assert.doesNotMatch(onePage, /Data\.Query/);
    assert.match(onePage, /"id":"person","label":"[^"]+","style":"compact"/);
  });
});
