import assert from 'node:assert/strict';
import type { CardContext } from '../../../src/adapters/teams/cards/card-context';
import { sanitiseCard } from '../../../src/adapters/teams/cards/sanitise-card';
import type { NoticeRenderers } from '../../../src/adapters/teams/notices/notice-renderer';
import { welcomeData } from '../../../src/core/formation/confirm-formation';
import type { Notice } from '../../../src/core/ports/notifier';
import { buildCandidacyFormCard } from '../../../src/features/candidacies/candidacy-cards';
import { createCandidacyRenderers } from '../../../src/features/candidacies/candidacy-notices';
import { createFormationRenderers } from '../../../src/features/formation/formation-cards';
import { createFollowUpRenderers } from '../../../src/features/follow-up/follow-up-notices';
import { createSelectionRenderers } from '../../../src/features/selection/selection-notices';
import { en } from '../../../src/i18n/en';
import { fr } from '../../../src/i18n/fr';
import { asSentence, createTranslator, type Language } from '../../../src/i18n/translate';
import { example2026Input } from '../../support/follow-up-fakes';
import { createTestProgramme } from '../../support/candidacy-programme';
import { followUpNoticesOfEveryKind } from '../../support/follow-up-notices';
import { CANDIDACY_NOTICES } from '../../support/notice-samples';

/** Names people really give: with an article, a question, an exclamation, long, with emoji. */
const NAMES = [
  'Les Petits Pas',
  'L’Atelier des possibles',
  'Qui paie ?',
  'Enfin !',
  `🚀 ${'Équipe au nom très long pour voir comment la carte se comporte '.repeat(2).trim()}`.slice(
    0,
    120,
  ),
];

const context = (language: Language): CardContext => ({ language, t: createTranslator(language) });

/** Every text a person sees on a card: text blocks, titles, labels, facts, placeholders. */
function visibleTexts(node: unknown, into: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const item of node) visibleTexts(item, into);
  } else if (typeof node === 'object' && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'data' || key === 'url' || key === 'verb' || key === 'id') continue;
      if (
        typeof value === 'string' &&
        [
          'text',
          'title',
          'label',
          'value',
          'placeholder',
          'altText',
          'fallbackText',
          'errorMessage',
        ].includes(key)
      ) {
        into.push(value);
      } else {
        visibleTexts(value, into);
      }
    }
  }
  return into;
}

/** Message keys of both languages, which must never show as such. */
const KEYS = new Set([...Object.keys(fr), ...Object.keys(en)]);

function assertReadable(where: string, card: unknown, language?: Language): void {
  for (const text of visibleTexts(card)) {
    if (language === 'fr') {
      assert.doesNotMatch(
        text,
        / [;:!?»]/,
        `${where}: plain space before punctuation in "${text}"`,
      );
      assert.doesNotMatch(text, /« /, `${where}: plain space after « in "${text}"`);
    }
    if (language === 'en') {
      assert.doesNotMatch(
        text,
        /[\u00a0\u202f][;:!?%»]/,
        `${where}: French spacing in English in "${text}"`,
      );
      assert.doesNotMatch(text, /\d %/, `${where}: space before % in English in "${text}"`);
    }
    assert.doesNotMatch(
      text,
      /\bl[’']\s*(Les|La|Le|L[’'])/i,
      `${where}: elision before an article in "${text}"`,
    );
    assert.doesNotMatch(text, /[?!]\s*\./, `${where}: "?." or "!." in "${text}"`);
    assert.doesNotMatch(text, /\S {2,}\S/, `${where}: doubled space in "${text}"`);
    assert.ok(!KEYS.has(text.trim()), `${where}: raw message key "${text}"`);
    assert.doesNotMatch(text, /\{[a-zA-Z]+\}/, `${where}: unfilled placeholder in "${text}"`);
  }
}

/** The follow-up year's notices (check-ins, reminders, alerts, reviews) for teams named `name`. */
function followUpNotices(name: string): Promise<Notice[]> {
  const input = example2026Input();
  input.programme = { ...input.programme, name: `Les Défis ${name}` };
  input.teams = input.teams.map((team) => ({ ...team, name }));
  return followUpNoticesOfEveryKind(input, name);
}

/** The formation notices for a team named `name`. */
function formationNotices(name: string): Notice[] {
  const { programme, teams } = example2026Input();
  const team = { ...teams[1]!, name };
  return [
    { kind: 'formation.welcome', data: welcomeData(programme, team) },
    { kind: 'formation.member', data: { ...welcomeData(programme, team), aadId: team.leadAadId } },
    {
      kind: 'formation.changed',
      data: { programme: programme.name, team: name, arrivals: [name], departures: [] },
    },
  ];
}

/** The candidacy and selection notices, every name in them replaced by `name`. */
function candidacyNotices(name: string): Notice[] {
  return Object.entries(CANDIDACY_NOTICES).map(([kind, data]) => ({
    kind,
    data: Object.fromEntries(
      Object.entries(data).map(([key, value]) => [
        key,
        /Name$|comment|motivation/.test(key) ? name : value,
      ]),
    ),
  }));
}

/** Programme names as Labs write them: with an article, elided or not, singular or plural. */
const PROGRAMME_NAMES = [
  'Le Défi du Lab',
  'La Fabrique à idées',
  'Les Rencontres du Lab',
  'L’Atelier des possibles',
  "L'Incubateur",
];

/**
 * A preposition or an article glued to a name's own article: "au Le Défi", "à La Fabrique" read
 * as a mistake next to "au Défi"; "de Les", "du L’Atelier", "pour le Les"…
 */
const ARTICLE_CLASH =
  /(?:^|[\s(«“'’])(?:au|aux|du|des|à|de|dans|le|la|les|pour)\s+(?:(?:Le|La|Les)\s|L[’']\S)/;

function assertNoArticleClash(where: string, card: unknown): void {
  for (const text of visibleTexts(card)) {
    assert.doesNotMatch(text, ARTICLE_CLASH, `${where}: article after a preposition in "${text}"`);
  }
}

describe('words on every card, whatever the names (adversarial data)', () => {
  const renderers: NoticeRenderers = {
    ...createCandidacyRenderers(),
    ...createSelectionRenderers(),
    ...createFormationRenderers(() => '2026-06-01'),
    ...createFollowUpRenderers(),
  };

  for (const language of ['fr', 'en'] as const) {
    for (const name of NAMES) {
      it(`reads right in ${language} with "${name.slice(0, 24)}"`, async () => {
        const notices = [
          ...candidacyNotices(name),
          ...formationNotices(name),
          ...(await followUpNotices(name)),
        ];
        const kinds = new Set(notices.map((notice) => notice.kind));
        // Every kind these renderers know is exercised (the digests have their own tests).
        for (const kind of Object.keys(renderers)) {
          if (kind !== 'formation.result') assert.ok(kinds.has(kind), `no sample of ${kind}`);
        }
        for (const notice of notices) {
          const { card } = renderers[notice.kind]!(notice, context(language));
          // What is sent: the notifier sanitises every card in its reader's language.
          assertReadable(`${notice.kind} (${language})`, sanitiseCard(card, language), language);
        }
      });
    }
  }

  it('ends a theme taken from the programme file as one sentence, whatever its punctuation', () => {
    assert.equal(asSentence('Comment mieux recruter ?'), 'Comment mieux recruter ?');
    assert.equal(asSentence('Recruter autrement'), 'Recruter autrement.');
    assert.equal(asSentence('Enfin !  '), 'Enfin !');
    const programme = createTestProgramme({ theme: 'Comment mieux recruter ?' });
    for (const language of ['fr', 'en'] as const) {
      const card = buildCandidacyFormCard(context(language), {
        programme,
        applicant: { aadId: 'a', name: 'Les Petits Pas', email: 'les.petits.pas@example.org' },
        values: {},
      });
      assertReadable(`candidacy form (${language})`, sanitiseCard(card, language), language);
    }
  });

  for (const language of ['fr', 'en'] as const) {
    it(`names a programme whose name starts with an article so it reads right (${language})`, async () => {
      for (const programmeName of PROGRAMME_NAMES) {
        const notices = [
          ...candidacyNotices('Camille Martin').map((notice) => ({
            ...notice,
            data: { ...notice.data, programmeName },
          })),
          ...formationNotices('Kit à recruter').map((notice) => ({
            ...notice,
            data: {
              ...notice.data,
              ...('programme' in notice.data ? { programme: programmeName } : {}),
              ...('programmeName' in notice.data ? { programmeName } : {}),
            },
          })),
          ...(await followUpNotices('Kit à recruter')).map((notice) => ({
            ...notice,
            data: {
              ...notice.data,
              ...('programmeName' in notice.data ? { programmeName } : {}),
            },
          })),
        ];
        for (const notice of notices) {
          const { card } = renderers[notice.kind]!(notice, context(language));
          assertReadable(`${notice.kind} (${language}, ${programmeName})`, card);
          assertNoArticleClash(`${notice.kind} (${language}, ${programmeName})`, card);
        }
      }
    });

    it(`builds every sentence of the catalogue around a programme's name without an article clash (${language})`, () => {
      const t = createTranslator(language);
      const catalogue = language === 'fr' ? fr : en;
      const keys = (Object.keys(catalogue) as (keyof typeof fr)[]).filter((key) =>
        catalogue[key].includes('{programme}'),
      );
      assert.ok(keys.length > 30, `only ${keys.length} sentences name a programme`);
      for (const programme of PROGRAMME_NAMES) {
        for (const key of keys) {
          // Every other placeholder gets a neutral value; the programme's name is the one tested.
          const params = Object.fromEntries(
            [...catalogue[key].matchAll(/\{(\w+)\}/g)].map(([, name]) => [name!, 'x']),
          );
          const text = t(key, { ...params, programme });
          assert.doesNotMatch(text, ARTICLE_CLASH, `${key}: "${text}"`);
          assertReadable(key, { text });
        }
      }
    });
  }

  it('catches what it looks for (the checks themselves)', () => {
    assert.throws(() => assertNoArticleClash('x', { text: 'Votre candidature au Le Défi du Lab' }));
    assert.throws(() => assertNoArticleClash('x', { text: 'Bienvenue à La Fabrique' }));
    assert.throws(() => assertNoArticleClash('x', { text: 'Les équipes de L’Atelier' }));
    assert.doesNotMatch('Votre candidature au programme « Le Défi du Lab »', ARTICLE_CLASH);
    assert.throws(() => assertReadable('x', { text: 'Bienvenue dans l’Les Petits Pas' }));
    assert.throws(() => assertReadable('x', { text: 'Qui paie ?. Oui' }));
    assert.throws(() => assertReadable('x', { text: 'deux  espaces' }));
    assert.throws(() => assertReadable('x', { text: 'checkin.title' }));
    assert.throws(() => assertReadable('x', { text: 'Statut : prêt' }, 'fr'));
    assert.throws(() => assertReadable('x', { text: '« mes données »' }, 'fr'));
    assert.throws(() => assertReadable('x', { text: 'Status\u00a0: ready' }, 'en'));
    assert.throws(() => assertReadable('x', { text: 'Progress 40 %' }, 'en'));
    assertReadable(
      'x',
      { text: 'Statut\u00a0: prêt, 40\u00a0%, «\u202fmes données\u202f» ?' },
      'x' as Language,
    );
  });
});
