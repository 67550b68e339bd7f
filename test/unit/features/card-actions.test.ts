import assert from 'node:assert/strict';
import type { AdaptiveCardJson } from '../../../src/adapters/teams/cards/render-card';
import type { NoticeRenderers } from '../../../src/adapters/teams/notices/notice-renderer';
import { listHelpTopics } from '../../../src/core/help/list-help-topics';
import type { Role } from '../../../src/core/people/role';
import type { Notice } from '../../../src/core/ports/notifier';
import { welcomeData } from '../../../src/core/formation/confirm-formation';
import { createCandidacyRenderers } from '../../../src/features/candidacies/candidacy-notices';
import { buildDigestCard } from '../../../src/features/digests/build-digest-card';
import { createFollowUpRenderers } from '../../../src/features/follow-up/follow-up-notices';
import { createFormationRenderers } from '../../../src/features/formation/formation-cards';
import {
  buildHelpCard,
  buildProfileCard,
  buildProgrammesCard,
  buildStatusCard,
} from '../../../src/features/help/help-cards';
import { buildRequestListCard } from '../../../src/features/lab-sessions/lab-sessions-cards';
import { createSelectionRenderers } from '../../../src/features/selection/selection-notices';
import type { Language } from '../../../src/i18n/translate';
import { example2026Input } from '../../support/follow-up-fakes';
import { followUpNoticesOfEveryKind } from '../../support/follow-up-notices';
import { makeRequest } from '../../support/lab-session-fixtures';
import { createTestProgramme } from '../../support/candidacy-programme';
import { context, nationalCards, nationalProgramme } from '../../support/national-scale';
import { CANDIDACY_NOTICES } from '../../support/notice-samples';

interface Action {
  type: string;
  title?: string;
  mode?: string;
  associatedInputs?: string;
}

interface Input {
  type: string;
  id?: string;
  label?: string;
  isRequired?: boolean;
  errorMessage?: string;
}

/** Every input of a card. */
function inputsOf(node: unknown, into: Input[] = []): Input[] {
  if (Array.isArray(node)) {
    for (const item of node) inputsOf(item, into);
  } else if (typeof node === 'object' && node !== null) {
    const record = node as Record<string, unknown>;
    if (typeof record.type === 'string' && record.type.startsWith('Input.')) {
      into.push(record as unknown as Input);
    }
    for (const [key, value] of Object.entries(record)) {
      if (key !== 'data') inputsOf(value, into);
    }
  }
  return into;
}

/**
 * Every action a person can press on a card, in the body or at its foot: not the fallbacks, nor
 * the refresh Teams runs by itself.
 */
function actionsOf(node: unknown, into: Action[] = []): Action[] {
  if (Array.isArray(node)) {
    for (const item of node) actionsOf(item, into);
  } else if (typeof node === 'object' && node !== null) {
    const record = node as Record<string, unknown>;
    if (typeof record.type === 'string' && record.type.startsWith('Action.')) {
      into.push(record as unknown as Action);
    }
    for (const [key, value] of Object.entries(record)) {
      if (key !== 'fallback' && key !== 'data' && key !== 'refresh') actionsOf(value, into);
    }
  }
  return into;
}

/** The card's own buttons, at its foot. */
function footActions(card: AdaptiveCardJson): Action[] {
  return (card.actions as Action[] | undefined) ?? [];
}

/** Titles used by several buttons of one card. */
function repeatedTitles(card: AdaptiveCardJson): string[] {
  const seen = new Map<string, number>();
  for (const action of actionsOf(card)) {
    const title = action.title ?? '';
    seen.set(title, (seen.get(title) ?? 0) + 1);
  }
  return [...seen].filter(([, count]) => count > 1).map(([title]) => title);
}

async function noticeCards(language: Language): Promise<[string, AdaptiveCardJson][]> {
  const renderers: NoticeRenderers = {
    ...createCandidacyRenderers(),
    ...createSelectionRenderers(),
    ...createFormationRenderers(() => '2026-06-01'),
    ...createFollowUpRenderers(),
  };
  const { programme, teams } = example2026Input();
  const team = teams[1]!;
  const notices: Notice[] = [
    ...Object.entries(CANDIDACY_NOTICES).map(([kind, data]) => ({ kind, data })),
    { kind: 'formation.welcome', data: welcomeData(programme, team) },
    { kind: 'formation.member', data: { ...welcomeData(programme, team), aadId: team.leadAadId } },
    ...(await followUpNoticesOfEveryKind()),
  ];
  return notices.map((notice) => [
    notice.kind,
    renderers[notice.kind]!(notice, context(language)).card,
  ]);
}

/** Cards with lists and several buttons: the national ones, the notices, help and the Lab's lists. */
export async function cardsWithButtons(language: Language): Promise<[string, AdaptiveCardJson][]> {
  const roles = new Set<Role>(['staff', 'lab']);
  return [
    ...nationalCards(language),
    ...(await noticeCards(language)),
    [
      'programmes, two calls open',
      buildProgrammesCard(
        context(language),
        [nationalProgramme(), createTestProgramme({ id: 'defi-2', name: 'Défi du Lab 2027' })],
        '2026-03-10',
      ),
    ],
    [
      'digest',
      buildDigestCard(context(language), {
        programmeId: 'defi',
        programmeName: 'Défi du Lab',
        phase: 'call-open',
        today: '2026-03-30',
        sections: [],
        milestones: [],
      }),
    ],
    ['help', buildHelpCard(context(language), listHelpTopics(roles), roles)],
    ['profile', buildProfileCard(context(language), { roles, timezone: 'Europe/Paris' })],
    [
      'status',
      buildStatusCard(context(language), {
        dialect: 'sqlite',
        databaseUp: true,
        installations: { personal: 3, channel: 1, groupChat: 0 },
        version: '0.1.0',
        graph: { configured: true, installs: true },
      }),
    ],
    [
      'session requests',
      buildRequestListCard(
        context(language),
        'Demandes',
        [
          makeRequest({ id: 'req-1' }),
          makeRequest({ id: 'req-2', trackingNumber: 'LAB-2026-002' }),
          makeRequest({ id: 'req-3', trackingNumber: 'LAB-2026-003', status: 'preparation' }),
        ],
        { today: '2026-11-25' },
      ),
    ],
  ];
}

describe('card buttons', () => {
  for (const language of ['fr', 'en'] as const) {
    it(`never gives two buttons of one card the same title (${language})`, async () => {
      const repeated: Record<string, string[]> = {};
      const cards = await cardsWithButtons(language);
      for (const [name, card] of cards) {
        const titles = repeatedTitles(card);
        if (titles.length > 0) repeated[name] = titles;
      }
      assert.deepEqual(repeated, {});
      // Not vacuous: the cards do list several things with a button each.
      const programmes = cards.find(([name]) => name === 'programmes, two calls open')![1];
      assert.equal(actionsOf(programmes).length, 3);
    });
  }

  for (const language of ['fr', 'en'] as const) {
    it(`shows at most two buttons at a card's foot, the others in its "…" menu (${language})`, async () => {
      const crowded: Record<string, string[]> = {};
      for (const [name, card] of await cardsWithButtons(language)) {
        const primary = footActions(card).filter((action) => action.mode !== 'secondary');
        if (primary.length > 2) crowded[name] = primary.map((action) => action.title ?? '');
      }
      assert.deepEqual(crowded, {});
    });
  }

  it('puts drafts, withdrawals, pauses, refreshes and exports in the "…" menu', async () => {
    const t = context('fr').t;
    const secondary = [
      t('candidacy.action.saveDraft'),
      t('checkin.action.pause'),
      t('digest.action.refresh'),
      t('selection.action.exportXlsx'),
      t('selection.action.exportCsv'),
      t('selection.action.overview'),
      t('formation.action.move'),
      t('formation.action.regenerate'),
    ];
    const found = new Map<string, string[]>();
    for (const [, card] of await cardsWithButtons('fr')) {
      for (const action of footActions(card)) {
        const title = action.title ?? '';
        if (secondary.includes(title))
          found.set(title, [...(found.get(title) ?? []), action.mode ?? '']);
      }
    }
    assert.deepEqual([...found.keys()].sort(), [...secondary].sort(), 'every one is on a card');
    for (const [title, modes] of found) {
      assert.ok(
        modes.every((mode) => mode === 'secondary'),
        `${title}: ${modes.join(', ')}`,
      );
    }
    // What each card is for stays in sight.
    const form = (await cardsWithButtons('fr')).find(([name]) => name === 'candidacy form')![1];
    const submit = footActions(form).find((a) => a.title === t('candidacy.action.submit'));
    assert.equal(submit?.mode, undefined);
  });

  it('lets Teams hold a form with an empty required field only where one button sends it', async () => {
    const checked: string[] = [];
    for (const [name, card] of await cardsWithButtons('fr')) {
      const inputs = inputsOf(card);
      const required = inputs.filter((input) => input.isRequired === true);
      if (required.length === 0) continue;
      checked.push(name);
      for (const input of required) {
        assert.ok(
          (input.errorMessage ?? '').length > 0,
          `${name}: ${input.id} has no errorMessage`,
        );
        assert.match(input.label ?? '', /\(obligatoire\)$/, `${name}: ${input.id}`);
      }
      // Teams checks isRequired on every button that sends the inputs: one such button only.
      const sending = actionsOf(card).filter(
        (action) => action.type !== 'Action.OpenUrl' && action.associatedInputs !== 'none',
      );
      assert.equal(sending.length, 1, `${name}: ${sending.map((a) => a.title).join(', ')}`);
    }
    assert.ok(checked.includes('review.preparation'), checked.join(', '));
    assert.ok(checked.includes('review.outcome'), checked.join(', '));
    // A draft or a pause sends the same inputs: those forms say "(obligatoire)" without isRequired.
    assert.ok(!checked.includes('candidacy form'));
    assert.ok(!checked.includes('checkin.card'));
  });

  it('catches a repeated title (the check itself)', () => {
    const card = {
      type: 'AdaptiveCard',
      body: [{ type: 'ActionSet', actions: [{ type: 'Action.Execute', title: 'Ouvrir' }] }],
      actions: [
        {
          type: 'Action.Execute',
          title: 'Ouvrir',
          fallback: { type: 'Action.Submit', title: 'Ouvrir' },
        },
      ],
    } as AdaptiveCardJson;
    assert.deepEqual(repeatedTitles(card), ['Ouvrir']);
    assert.equal(footActions(card).length, 1);
  });
});
