import assert from 'node:assert/strict';
import {
  buildHelpCard,
  buildProfileCard,
  buildProgrammesCard,
  buildStatusCard,
} from '../../../../src/features/help/help-cards';
import type { CardContext } from '../../../../src/adapters/teams/cards/card-context';
import {
  measureMessageBytes,
  MAX_CARD_BYTES,
} from '../../../../src/adapters/teams/cards/card-size';
import type { AdaptiveCardJson } from '../../../../src/adapters/teams/cards/render-card';
import { listHelpTopics } from '../../../../src/core/help/list-help-topics';
import type { Role } from '../../../../src/core/people/role';
import { DEMO_PROGRAMME } from '../../../../src/demo/seed-demo-programme';
import { createTranslator, type Language } from '../../../../src/i18n/translate';

const context = (language: Language): CardContext => ({ language, t: createTranslator(language) });

function allCards(language: Language): AdaptiveCardJson[] {
  const roles = new Set<Role>(['staff', 'lab']);
  return [
    buildHelpCard(context(language), listHelpTopics(roles), roles),
    buildProfileCard(context(language), { roles, timezone: 'America/Cayenne' }),
    buildProgrammesCard(context(language), [DEMO_PROGRAMME], '2026-11-20'),
    buildStatusCard(context(language), {
      dialect: 'sqlite',
      databaseUp: true,
      installations: { personal: 3, channel: 1, groupChat: 0 },
      version: '0.1.0',
      graph: { configured: true, installs: false },
      email: { sender: 'lab-innovation@cnaf.fr' },
    }),
  ];
}

describe('cards', () => {
  for (const language of ['fr', 'en'] as const) {
    it(`renders every card in ${language} as Adaptive Card 1.5 with no template left unbound`, () => {
      for (const card of allCards(language)) {
        const json = JSON.stringify(card);
        assert.equal(card.version, '1.5');
        assert.doesNotMatch(json, /\$\{|\$data|\$when/, 'unbound template expression');
        assert.doesNotMatch(json, /\{[a-zA-Z]+\}/, 'unfilled placeholder');
        assert.ok(measureMessageBytes(json) <= MAX_CARD_BYTES);
      }
    });
  }

  it('says in the status card whether messages Teams cannot deliver go by e-mail, and why not', () => {
    const status = (email: Parameters<typeof buildStatusCard>[1]['email']): string =>
      JSON.stringify(
        buildStatusCard(context('fr'), {
          dialect: 'sqlite',
          databaseUp: true,
          installations: { personal: 0, channel: 0, groupChat: 0 },
          version: '0.1.0',
          graph: { configured: true, installs: true },
          email,
        }),
      );
    assert.match(
      status({ sender: 'lab-innovation@cnaf.fr' }),
      /Relais par courriel.*actif\u00a0: .*depuis lab-innovation@cnaf\.fr/,
    );
    assert.match(
      status({ off: 'no-sender' }),
      /Relais par courriel.*inactif\u00a0: .*GRAPH_MAIL_SENDER/,
    );
    assert.match(status({ off: 'no-graph' }), /inactif\u00a0: Microsoft Graph n’est pas configuré/);
  });

  it('says in the status card what Microsoft Graph is configured for', () => {
    const status = (graph: { configured: boolean; installs: boolean }): string =>
      JSON.stringify(
        buildStatusCard(context('fr'), {
          dialect: 'sqlite',
          databaseUp: true,
          installations: { personal: 0, channel: 0, groupChat: 0 },
          version: '0.1.0',
          graph,
        }),
      );
    assert.match(status({ configured: false, installs: false }), /Microsoft Graph.*non configuré/);
    assert.match(
      status({ configured: true, installs: false }),
      /configuré\u00a0: canaux d’équipe.*GRAPH_TEAMS_APP_ID absent/,
    );
    assert.match(
      status({ configured: true, installs: true }),
      /installation du bot pour qui ne l’a jamais ouvert/,
    );
  });

  it('gives every Action.Execute an Action.Submit fallback carrying the same verb', () => {
    for (const card of allCards('fr')) {
      const actions = (card.actions ?? []) as {
        type: string;
        verb: string;
        fallback: { type: string; data: { verb: string } };
      }[];
      assert.ok(actions.length > 0);
      for (const action of actions) {
        assert.equal(action.type, 'Action.Execute');
        assert.equal(action.fallback.type, 'Action.Submit');
        assert.equal(action.fallback.data.verb, action.verb);
      }
    }
  });

  it('shows the Lab introduction only to the Lab team', () => {
    const staff = new Set<Role>(['staff']);
    const staffCard = JSON.stringify(buildHelpCard(context('fr'), listHelpTopics(staff), staff));
    assert.doesNotMatch(staffCard, /équipe du Lab\u00a0: vous avez aussi accès/);
    const lab = new Set<Role>(['staff', 'lab']);
    const labCard = JSON.stringify(buildHelpCard(context('fr'), listHelpTopics(lab), lab));
    assert.match(labCard, /équipe du Lab\u00a0: vous avez aussi accès/);
  });

  it('says when there is no programme yet', () => {
    const card = JSON.stringify(buildProgrammesCard(context('fr'), [], '2026-11-20'));
    assert.match(card, /Aucun programme/);
  });

  it('tells a person whose time zone is unknown that Paris time will be used', () => {
    const card = JSON.stringify(
      buildProfileCard(context('fr'), { roles: new Set(['staff']), timezone: null }),
    );
    assert.match(card, /Europe\/Paris sera utilisé/);
  });
});

describe('help card at phone width', () => {
  it('writes each command above its description, full width, with no columns to squeeze', () => {
    const roles = new Set<Role>(['staff', 'lab']);
    const topics = listHelpTopics(roles);
    const card = buildHelpCard(context('fr'), topics, roles);
    const json = JSON.stringify(card);
    assert.doesNotMatch(json, /ColumnSet/);
    const body = card.body as { type: string; items?: { type: string; items?: unknown[] }[] }[];
    const list = body.find((element) => element.type === 'Container')!;
    assert.equal(list.items?.length, topics.length);
    for (const topic of list.items ?? []) {
      const [command, description] = topic.items as { text: string; wrap: boolean }[];
      assert.match(command!.text, /^\*\*.+\*\*$/);
      assert.equal(command!.wrap, true);
      assert.equal(description!.wrap, true);
    }
  });
});

describe('programmes card', () => {
  it('offers "Candidater au …" on a programme whose call is open, and only then', () => {
    const open = JSON.stringify(buildProgrammesCard(context('fr'), [DEMO_PROGRAMME], '2026-03-10'));
    assert.match(open, /"verb":"candidacy.open"/);
    assert.match(open, /"programmeId":"defi-du-lab-2026"/);
    assert.match(open, /"title":"Candidater au programme «\u202fDéfi du Lab 2026\u202f»"/);
    const closed = JSON.stringify(
      buildProgrammesCard(context('fr'), [DEMO_PROGRAMME], '2026-11-20'),
    );
    assert.doesNotMatch(closed, /candidacy.open/);
  });
});
