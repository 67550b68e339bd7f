import assert from 'node:assert/strict';
import type { CardContext } from '../../../../src/adapters/teams/cards/card-context';
import {
  measureMessageBytes,
  MAX_CARD_BYTES,
} from '../../../../src/adapters/teams/cards/card-size';
import type { AdaptiveCardJson } from '../../../../src/adapters/teams/cards/render-card';
import {
  buildCalendarCard,
  buildCheckinCard,
  buildHistoryCard,
} from '../../../../src/features/follow-up/follow-up-cards';
import { createFollowUpRenderers } from '../../../../src/features/follow-up/follow-up-notices';
import { planFollowUpSends } from '../../../../src/core/follow-up/plan-follow-up-sends';
import { SEND_KINDS } from '../../../../src/core/follow-up/planned-send';
import { createTranslator, type Language } from '../../../../src/i18n/translate';
import { followUpNoticesOfEveryKind } from '../../../support/follow-up-notices';
import { aCheckinAnswer, example2026Input } from '../../../support/follow-up-fakes';

const context = (language: Language): CardContext => ({ language, t: createTranslator(language) });

const noticesOfEveryKind = () => followUpNoticesOfEveryKind();

function assertTeamsCard(card: AdaptiveCardJson): void {
  const json = JSON.stringify(card);
  assert.equal(card.version, '1.5');
  assert.doesNotMatch(json, /\$\{|\$data|\$when/, 'unbound template expression');
  assert.doesNotMatch(json, /\{[a-zA-Z]+\}/, 'unfilled placeholder');
  assert.doesNotMatch(json, /null/, 'a property left null');
  assert.ok(measureMessageBytes(json) <= MAX_CARD_BYTES);
  for (const action of (card.actions ?? []) as {
    type: string;
    verb: string;
    data: { verb: string };
    fallback: { type: string; data: { verb: string } };
  }[]) {
    assert.equal(action.type, 'Action.Execute');
    assert.equal(action.data.verb, action.verb);
    assert.equal(action.fallback.type, 'Action.Submit');
    assert.equal(action.fallback.data.verb, action.verb);
  }
}

describe('follow-up cards', () => {
  for (const language of ['fr', 'en'] as const) {
    it(`renders a card for every notice kind in ${language}, as Adaptive Card 1.5 with fallbacks`, async () => {
      const renderers = createFollowUpRenderers();
      const notices = await noticesOfEveryKind();
      assert.deepEqual(
        notices.map((n) => n.kind),
        [...SEND_KINDS],
      );
      for (const notice of notices) {
        const { card, summary } = renderers[notice.kind as keyof typeof renderers](
          notice,
          context(language),
        );
        assertTeamsCard(card);
        assert.notEqual(summary, '');
      }
    });
  }

  it('asks every viewer’s client to refresh the check-in card, by their Teams user id', async () => {
    const [card] = await noticesOfEveryKind();
    const rendered = createFollowUpRenderers()['checkin.card'](card!, context('fr')).card;
    const refresh = rendered.refresh as { userIds: string[]; action: { type: string } };
    assert.equal(refresh.action.type, 'Action.Execute');
    assert.ok(refresh.userIds.length > 0);
    assert.ok(refresh.userIds.every((id) => /^8:orgid:[0-9a-f-]{36}$/.test(id)));
  });

  it('puts the pause date and button on a reminder only', async () => {
    const notices = await noticesOfEveryKind();
    const renderers = createFollowUpRenderers();
    const card = renderers['checkin.card'](notices[0]!, context('fr')).card;
    const reminder = renderers['checkin.reminder'](notices[1]!, context('fr')).card;
    assert.doesNotMatch(JSON.stringify(card), /checkin\.pause/);
    assert.match(JSON.stringify(reminder), /"id":"absentUntil"/);
    assert.match(JSON.stringify(reminder), /Rappel\u00a0: le point mensuel \(septembre 2026\)/);
  });

  it('says in their label which check-in answers are required, and only those', async () => {
    const [notice] = await noticesOfEveryKind();
    const card = JSON.stringify(
      createFollowUpRenderers()['checkin.card'](notice!, context('fr')).card,
    );
    for (const label of [
      'Statut',
      'Avancement de l’expérimentation \\(%\\)',
      'Ce qui a été fait',
      'Prochaines étapes',
    ]) {
      assert.match(card, new RegExp(`"label":"${label} \\(obligatoire\\)"`));
    }
    assert.match(card, /"label":"Besoin d’aide du Lab"/);
  });

  it('keeps a year of history and a month of calendar for a national programme under 80 KB of UTF-16', () => {
    const answers = Array.from({ length: 7 }, (_, i) =>
      aCheckinAnswer({
        month: `2026-${String(9 + i).padStart(2, '0')}`,
        help: { category: 'other', text: 'x'.repeat(1000) },
      }),
    );
    const histories = Array.from({ length: 40 }, (_, i) => ({
      heading: {
        programmeId: 'p',
        programmeName: 'Défi',
        teamId: `team-${i}`,
        teamNumber: i,
        teamName: `Équipe ${i}`,
      },
      answers,
      reviews: [],
    }));
    const history = buildHistoryCard(context('fr'), histories);
    assertTeamsCard(history);
    assert.match(JSON.stringify(history), /… et 30 autres équipes/);
    const sends = planFollowUpSends(example2026Input(), {
      from: new Date('2026-11-20T00:00:00Z'),
      to: new Date('2026-12-20T00:00:00Z'),
    });
    assertTeamsCard(buildCalendarCard(context('fr'), [...sends, ...sends, ...sends], new Map()));
  });

  it('shows the answer rather than the form to someone who may not answer', () => {
    const data = {
      programmeId: 'defi-du-lab-2026',
      programmeName: 'Défi du Lab 2026',
      teamId: 'team-2',
      teamNumber: 2,
      teamName: 'Kit à recruter',
      month: '2026-10',
      leadName: 'Camille Martin',
      answerByDay: '2026-10-08',
      indicators: [],
      viewerAadIds: [],
    };
    const card = buildCheckinCard(context('fr'), {
      data,
      answer: aCheckinAnswer(),
      window: 'open',
      canAnswer: false,
      timeZone: 'America/Cayenne',
    });
    assertTeamsCard(card);
    assert.match(
      JSON.stringify(card),
      /Réponse de Camille Martin, le vendredi 2 octobre 2026 à 05:00/,
    );
    assert.doesNotMatch(JSON.stringify(card), /Input\./);
  });
});
