import assert from 'node:assert/strict';
import type { CardContext } from '../../../../src/adapters/teams/cards/card-context';
import {
  measureMessageBytes,
  MAX_CARD_BYTES,
} from '../../../../src/adapters/teams/cards/card-size';
import { buildDigestCard, MAX_BARS } from '../../../../src/features/digests/build-digest-card';
import { buildCallSection } from '../../../../src/core/digests/build-call-section';
import { buildFollowUpSection } from '../../../../src/core/digests/build-follow-up-section';
import { buildSelectionSection } from '../../../../src/core/digests/build-selection-section';
import type { Digest } from '../../../../src/core/digests/digest';
import type { TeamRef } from '../../../../src/core/digests/digest-figures';
import { listUpcomingMilestones } from '../../../../src/core/digests/list-upcoming-milestones';
import type { Organisation, Programme } from '../../../../src/core/programmes/programme';
import { BRANCHES } from '../../../../src/core/programmes/programme';
import { createTranslator, type Language } from '../../../../src/i18n/translate';
import {
  createDigestProgramme,
  emptyFollowUpFigures,
  statusCounts,
} from '../../../support/digest-fixtures';

const context = (language: Language): CardContext => ({ language, t: createTranslator(language) });

type Element = Record<string, unknown> & { type: string };

/** Every element of the card body, containers opened. */
function elements(card: Record<string, unknown>): Element[] {
  const found: Element[] = [];
  const walk = (items: unknown): void => {
    for (const item of (items ?? []) as Element[]) {
      found.push(item);
      walk(item.items);
    }
  };
  walk(card.body);
  return found;
}

function chart(card: Record<string, unknown>, type: string, index = 0): Element {
  const charts = elements(card).filter((e) => e.type === type);
  const found = charts[index];
  assert.ok(found, `no ${type} #${index}`);
  return found;
}

function text(card: Record<string, unknown>): string {
  return JSON.stringify(card);
}

const programme = createDigestProgramme();

function callDigest(source: Programme = programme): Digest {
  return {
    programmeId: source.id,
    programmeName: source.name,
    phase: 'call-open',
    today: '2026-03-30',
    sections: [
      buildCallSection(
        source,
        {
          candidacies: 12,
          people: 12,
          newSince: 5,
          withdrawn: 2,
          byOrganisation: [
            { organisationId: 'caf-guyane', candidacies: 3 },
            { organisationId: 'cpam-sarthe', candidacies: 5 },
            { organisationId: 'caf-paris', candidacies: 4 },
          ],
          drafts: 4,
        },
        '2026-03-30',
      ),
    ],
    milestones: listUpcomingMilestones(source.milestones, '2026-03-30', 3),
  };
}

const team = (number: number, name = `Équipe ${number}`): TeamRef => ({
  teamId: `team-${number}`,
  number,
  name,
});

function followUpDigest(): Digest {
  return {
    programmeId: programme.id,
    programmeName: programme.name,
    phase: 'follow-up',
    today: '2026-11-23',
    sections: [
      buildFollowUpSection(
        emptyFollowUpFigures({
          teams: 10,
          answered: 7,
          late: 2,
          byStatus: { 'on-track': 4, 'at-risk': 2, blocked: 1 },
          averageProgress: 43.6,
          needingHelp: {
            total: 11,
            items: [
              {
                ...team(4),
                status: 'blocked',
                progress: 10,
                helpCategory: 'data',
                helpText: 'Accès aux données de la Caf',
              },
              {
                ...team(2),
                status: 'at-risk',
                progress: 30,
                helpCategory: 'none',
                helpText: '',
              },
            ],
          },
          unanswered: { total: 3, items: [team(1), team(5), team(8)] },
          silent: { total: 1, items: [team(8)] },
          unreachable: {
            recipients: 2,
            blocked: 1,
            gone: 1,
            teams: { total: 1, items: [team(5)] },
          },
          remindersSent: 6,
          reviewPrepared: 3,
        }),
        {
          month: '2026-11',
          previousMonth: '2026-10',
          today: '2026-11-23',
          nextReview: { review: 'december', day: '2026-12-10' },
        },
      ),
    ],
    milestones: listUpcomingMilestones(programme.milestones, '2026-11-23', 3),
  };
}

describe('buildDigestCard', () => {
  for (const language of ['fr', 'en'] as const) {
    it(`renders each phase in ${language} as an Adaptive Card 1.5 with every placeholder filled`, () => {
      for (const digest of [callDigest(), followUpDigest()]) {
        const card = buildDigestCard(context(language), digest);
        assert.equal(card.version, '1.5');
        assert.doesNotMatch(text(card), /\{[a-zA-Z]+\}/, 'unfilled placeholder');
      }
    });
  }

  it('draws the call’s branches as a donut and its organisations as bars, each with a text fallback', () => {
    const card = buildDigestCard(context('fr'), callDigest());
    const donut = chart(card, 'Chart.Donut');
    assert.deepEqual(donut.data, [
      { legend: 'Famille\u00a0: 7', value: 7 },
      { legend: 'Maladie\u00a0: 5', value: 5 },
    ]);
    assert.deepEqual(donut.fallback, {
      type: 'TextBlock',
      text: 'Famille\u00a0: 7 · Maladie\u00a0: 5',
      wrap: true,
    });
    // The figures are written out next to the chart for everyone, not only in the fallback.
    const shown = elements(card)
      .filter((e) => e.type === 'TextBlock')
      .map((e) => e.text as string);
    assert.ok(shown.includes('Famille\u00a0: 7 · Maladie\u00a0: 5'));
    const captions = elements(card)
      .filter((e) => e.type === 'Container')
      .map((e) => ((e.items as Element[])[0]?.text as string | undefined) ?? '');
    assert.ok(captions.includes('Candidatures par branche'));
    assert.ok(captions.includes('Candidatures par organisme'));
    const bars = chart(card, 'Chart.VerticalBar');
    assert.deepEqual(bars.data, [
      { x: 'Cpam de la Sarthe', y: 5 },
      { x: 'Caf de Paris', y: 4 },
      { x: 'Caf de Guyane', y: 3 },
    ]);
    assert.equal(
      (bars.fallback as { text: string }).text,
      'Cpam de la Sarthe\u00a0: 5 · Caf de Paris\u00a0: 4 · Caf de Guyane\u00a0: 3',
    );
    assert.ok(
      shown.includes('Cpam de la Sarthe\u00a0: 5 · Caf de Paris\u00a0: 4 · Caf de Guyane\u00a0: 3'),
    );
  });

  it('states the call’s figures and the days left', () => {
    const card = buildDigestCard(context('en'), callDigest());
    const facts = elements(card)
      .filter((e) => e.type === 'FactSet')
      .flatMap((e) => e.facts as { title: string; value: string }[]);
    const value = (title: string): string | undefined =>
      facts.find((f) => f.title === title)?.value;
    assert.equal(value('Candidacies'), '12');
    assert.equal(value('New this week'), '5');
    assert.equal(value('Drafts not submitted'), '4');
    assert.equal(value('Withdrawn'), '2');
    assert.equal(value('Closes'), 'Friday, 3 April 2026 (in 4 days)');
    assert.equal(value('Organisations without a candidacy'), '2 of 5');
    assert.equal(value('Selection committee'), 'Friday, 24 April 2026 (in 25 days)');
  });

  it('keeps the ten largest organisations as bars and adds up the rest', () => {
    const many = nationalProgramme(30);
    const digest: Digest = {
      ...callDigest(many),
      sections: [
        buildCallSection(
          many,
          {
            candidacies: 465,
            people: 465,
            newSince: 0,
            withdrawn: 0,
            byOrganisation: many.organisations.map((o, index) => ({
              organisationId: o.id,
              candidacies: index + 1,
            })),
            drafts: 0,
          },
          '2026-03-30',
        ),
      ],
    };
    const data = chart(buildDigestCard(context('en'), digest), 'Chart.VerticalBar').data as {
      x: string;
      y: number;
    }[];
    assert.equal(data.length, MAX_BARS + 1);
    assert.deepEqual(data[0], { x: many.organisations[29]?.name, y: 30 });
    // 1 + 2 + … + 20 = 210: the twenty smallest, in one bar.
    assert.deepEqual(data[MAX_BARS], { x: 'Others', y: 210 });
  });

  it('shows the selection’s decisions as a coloured donut and the organisations at their maximum', () => {
    const card = buildDigestCard(context('fr'), {
      ...callDigest(),
      phase: 'selection',
      today: '2026-04-27',
      sections: [
        buildSelectionSection(programme, {
          byStatus: statusCounts({ submitted: 4, accepted: 3, confirmed: 4, waitlisted: 2 }),
          scored: 10,
          seatsByOrganisation: [{ organisationId: 'cpam-sarthe', people: 3 }],
          confirmationsOverdue: 1,
          nextConfirmBy: '2026-05-02',
        }),
      ],
    });
    assert.deepEqual(chart(card, 'Chart.Donut').data, [
      { legend: 'À décider\u00a0: 4', value: 4, color: 'neutral' },
      { legend: 'Retenues\u00a0: 3', value: 3, color: 'categoricalBlue' },
      { legend: 'Confirmées\u00a0: 4', value: 4, color: 'good' },
      { legend: 'En liste d’attente\u00a0: 2', value: 2, color: 'warning' },
    ]);
    const json = text(card);
    assert.match(json, /Organismes au maximum \(3\)","value":"Cpam de la Sarthe"/);
    assert.match(json, /"Places","value":"7 prises sur 10, 3 restantes"/);
    assert.match(json, /"Évaluées par le comité","value":"10 sur 13 \(77\u00a0%\), 3 à évaluer"/);
    assert.match(json, /"Confirmations attendues","value":"3, dont 1 en retard"/);
  });

  it('lists the teams needing help with their requests, the silent and the unreachable ones', () => {
    const card = buildDigestCard(context('fr'), followUpDigest());
    const lines = elements(card)
      .filter((e) => e.type === 'TextBlock')
      .map((e) => e.text as string);
    assert.ok(lines.includes('En difficulté (11)'));
    assert.ok(
      lines.includes(
        '- Bloqué — Équipe 4 · 10\u00a0% · aide\u00a0: données — «\u202fAccès aux données de la Caf\u202f»',
      ),
    );
    assert.ok(lines.includes('- À risque — Équipe 2 · 30\u00a0%'));
    assert.ok(lines.includes('et 9 de plus'));
    assert.ok(lines.includes('Sans réponse depuis deux mois (1, depuis octobre 2026)'));
    assert.ok(lines.includes('Équipe 8'));
    assert.ok(lines.includes('Équipe 1, Équipe 5, Équipe 8'));
    assert.deepEqual(chart(card, 'Chart.Donut').data, [
      { legend: 'En bonne voie\u00a0: 4', value: 4, color: 'good' },
      { legend: 'À risque\u00a0: 2', value: 2, color: 'warning' },
      { legend: 'Bloqué\u00a0: 1', value: 1, color: 'attention' },
      { legend: 'Pas de réponse\u00a0: 3', value: 3, color: 'neutral' },
    ]);
    const json = text(card);
    assert.match(
      json,
      /"Réponses au point mensuel","value":"7 sur 10 \(70\u00a0%\), dont 2 en retard"/,
    );
    assert.match(
      json,
      /"Prochain bilan","value":"Bilan de décembre, jeudi 10 décembre 2026 \(dans 17 jours\)\u00a0: 3 équipes préparées sur 10"/,
    );
  });

  it('offers refresh, and the review export with the follow-up, as Action.Execute with a Submit fallback', () => {
    const verbs = (digest: Digest): string[] =>
      (
        buildDigestCard(context('fr'), digest).actions as {
          verb: string;
          fallback: { type: string; data: { verb: string; programmeId: string } };
        }[]
      ).map((action) => {
        assert.equal(action.fallback.type, 'Action.Submit');
        assert.equal(action.fallback.data.verb, action.verb);
        assert.equal(action.fallback.data.programmeId, programme.id);
        return action.verb;
      });
    assert.deepEqual(verbs(callDigest()), ['digest.refresh']);
    assert.deepEqual(verbs(followUpDigest()), ['digest.refresh', 'digest.export']);
    assert.deepEqual(verbs({ ...followUpDigest(), facilitatorAadId: 'f-1' }), ['digest.refresh']);
  });

  it('says what personal data was purged this week and what goes within a month, in both languages', () => {
    const digest: Digest = {
      ...callDigest(),
      retention: {
        purged: { candidacies: 3, candidacy_scores: 5 },
        due: [{ rule: 'drafts', day: '2026-04-04' }],
      },
    };
    const fr = text(buildDigestCard(context('fr'), digest));
    assert.match(fr, /Données personnelles/);
    assert.match(fr, /8 ligne\(s\) supprimée\(s\) ou pseudonymisée\(s\)/);
    assert.match(fr, /Brouillons supprimés le/);
    const en = text(buildDigestCard(context('en'), digest));
    assert.match(en, /Personal data/);
    assert.match(en, /8 row\(s\) deleted or pseudonymised/);
    assert.doesNotMatch(text(buildDigestCard(context('fr'), callDigest())), /Données personnelles/);
  });

  it('counts who was reached by which route and who could not be, with why, managers apart', () => {
    const digest: Digest = {
      ...callDigest(),
      reach: {
        byRoute: { conversation: 12, install: 3, team: 1, unreachable: 4 },
        failures: [
          { failure: 'permission', count: 3, endorsements: 2 },
          { failure: 'no-chat', count: 1, endorsements: 0 },
        ],
      },
    };
    const fr = text(buildDigestCard(context('fr'), digest));
    assert.match(fr, /Joindre chacun \(7 derniers jours\)/);
    assert.match(fr, /Par l’installation du bot pour la personne.{0,40}3/);
    assert.match(fr, /Injoignables.{0,40}4/);
    assert.match(
      fr,
      /autorisation non accordée.{0,40}3, dont 2 demande\(s\) d’avis à un responsable/,
    );
    const en = text(buildDigestCard(context('en'), digest));
    assert.match(en, /Reaching everyone \(last 7 days\)/);
    assert.match(en, /No chat with the bot, and no team where it is installed.{0,40}1/);
    assert.doesNotMatch(text(buildDigestCard(context('fr'), callDigest())), /Joindre chacun/);
  });

  it('shows the Teams routes and the e-mail fallback under one heading, and its refresh keeps them', () => {
    const digest: Digest = {
      ...callDigest(),
      reach: {
        byRoute: { conversation: 5, install: 1, team: 0, unreachable: 2 },
        failures: [{ failure: 'removed-bot', count: 2, endorsements: 0 }],
      },
      emailReach: {
        teams: 6,
        email: 1,
        none: 1,
        byEmail: { total: 1, items: [{ name: 'Hugo Martin', cause: 'teams-unreachable' }] },
        unreached: {
          total: 1,
          items: [{ name: 'Léa Roux', cause: 'not-on-teams', reason: 'no-address' }],
        },
      },
    };
    const card = buildDigestCard(context('fr'), digest);
    const fr = text(card);
    assert.equal(fr.match(/Joindre chacun/g)?.length, 1);
    const routes = fr.indexOf('Par une conversation existante');
    const summary = fr.indexOf('Messages de la semaine');
    assert.ok(routes > 0 && summary > routes, 'the Teams routes, then the week by route');
    assert.match(fr, /Hugo Martin","value":"par courriel/);
    assert.match(fr, /Léa Roux","value":"non joint\u00a0: adresse électronique inconnue/);
    const refresh = (card.actions as { verb?: string; data?: Record<string, unknown> }[]).find(
      (a) => a.verb === 'digest.refresh',
    );
    assert.equal(refresh?.data?.weekly, true);
    const dashboard = buildDigestCard(context('fr'), { ...digest, emailReach: undefined });
    const plain = (dashboard.actions as { verb?: string; data?: Record<string, unknown> }[]).find(
      (a) => a.verb === 'digest.refresh',
    );
    assert.equal(plain?.data?.weekly, undefined);
  });

  it('stays under 80 KB of UTF-16 for a national programme with long names and long help requests', () => {
    const national = nationalProgramme(300);
    const longText = 'Nous avons besoin d’un accès aux données anonymisées. '.repeat(40);
    const teams = (count: number) =>
      Array.from({ length: count }, (_, index) =>
        team(
          index + 1,
          `Équipe ${index + 1} · ${'Transformation numérique et inclusion '.repeat(2)}`,
        ),
      );
    const digest: Digest = {
      programmeId: national.id,
      programmeName: national.name,
      phase: 'follow-up',
      today: '2026-11-23',
      sections: [
        buildCallSection(
          national,
          {
            candidacies: 20_000,
            people: 20_000,
            newSince: 1_200,
            withdrawn: 300,
            byOrganisation: national.organisations.map((o) => ({
              organisationId: o.id,
              candidacies: 66,
            })),
            drafts: 900,
          },
          '2026-03-30',
        ),
        buildSelectionSection(national, {
          byStatus: statusCounts({ submitted: 15_000, accepted: 1_000, confirmed: 3_000 }),
          scored: 12_000,
          seatsByOrganisation: national.organisations.map((o) => ({
            organisationId: o.id,
            people: 13,
          })),
          confirmationsOverdue: 20,
          nextConfirmBy: '2026-05-02',
        }),
        buildFollowUpSection(
          emptyFollowUpFigures({
            teams: 2_000,
            answered: 1_500,
            byStatus: { 'on-track': 900, 'at-risk': 400, blocked: 200 },
            needingHelp: {
              total: 600,
              items: teams(8).map((t) => ({
                ...t,
                status: 'blocked' as const,
                progress: 20,
                helpCategory: 'data' as const,
                helpText: longText,
              })),
            },
            unanswered: { total: 500, items: teams(8) },
            silent: { total: 120, items: teams(8) },
            unreachable: {
              recipients: 90,
              blocked: 50,
              gone: 40,
              teams: { total: 80, items: teams(8) },
            },
          }),
          {
            month: '2026-11',
            previousMonth: '2026-10',
            today: '2026-11-23',
            nextReview: { review: 'december', day: '2026-12-10' },
          },
        ),
      ],
      milestones: listUpcomingMilestones(national.milestones, '2026-11-23', 3),
    };
    for (const language of ['fr', 'en'] as const) {
      const json = JSON.stringify(buildDigestCard(context(language), digest));
      const bytes = measureMessageBytes(json);
      assert.ok(bytes <= MAX_CARD_BYTES, `${bytes} bytes in ${language}`);
    }
    const french = JSON.stringify(buildDigestCard(context('fr'), digest));
    assert.match(french, /circonscription numéro 8, et 292 de plus/);
  });
});

/** A programme with `count` organisations named at length, across every branch. */
function nationalProgramme(count: number): Programme {
  const organisations: Organisation[] = Array.from({ length: count }, (_, index) => ({
    id: `org-${String(index + 1).padStart(3, '0')}`,
    name: `Caisse d’allocations familiales de la circonscription numéro ${index + 1}`,
    branch: BRANCHES[index % BRANCHES.length] ?? 'famille',
    region: 'Région',
    timezone: 'Europe/Paris',
    holidays: 'FR',
  }));
  return createDigestProgramme({ id: 'defi-national', organisations, seats: 4_000 });
}
