import assert from 'node:assert/strict';
import { SqlCheckinStore } from '../../src/adapters/sql/sql-checkin-store';
import { SqlDigestSource } from '../../src/adapters/sql/sql-digest-source';
import { SqlOccurrenceStore } from '../../src/adapters/sql/sql-occurrence-store';
import { SqlReviewStore } from '../../src/adapters/sql/sql-review-store';
import ExcelJS from 'exceljs';
import { createLabChannelResolver } from '../../src/adapters/teams/create-lab-channel-resolver';
import { createDigestRenderers } from '../../src/features/digests/digest-notices';
import { OutboxNotifier } from '../../src/adapters/teams/notices/outbox-notifier';
import { DEFAULT_WEEKLY_SCHEDULE } from '../../src/core/digests/get-weekly-digest-due';
import type { ProgrammeTeam } from '../../src/core/programmes/programme-team';
import { DEMO_PROGRAMME } from '../../src/demo/seed-demo-programme';
import { createDigestJob } from '../../src/jobs/create-digest-job';
import { createScheduledJob } from '../../src/jobs/create-scheduled-job';
import { createLogger } from '../../src/logger';
import { aDigestCheckin, DIGEST_REVIEWS } from '../support/digest-fixtures';
import { BotHarness, FIXTURE_ADMIN_AAD_ID, loadActivity } from './support/bot-harness';
import { waitFor } from '../support/wait-for';

/** The programme team's General channel, where the bot is installed (team-install fixture). */
const TEAM_CHANNEL = '19:R7xW3kq8HnJd2VbYt5Lp@thread.tacv2';
/** Camille Martin (personal-message-aide fixture): staff, and facilitator of team 2 below. */
const CAMILLE = '6a1f0c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b';

function adminSays(text: string): Record<string, unknown> {
  return { ...loadActivity('personal-message-status-admin'), text };
}

function camilleSays(text: string): Record<string, unknown> {
  return { ...loadActivity('personal-message-aide'), text };
}

/** The admin clicking an Action.Execute button of the digest card, in personal chat or elsewhere. */
function adminClicks(
  verb: string,
  where = 'personal-message-status-admin',
): Record<string, unknown> {
  const admin = loadActivity('personal-message-status-admin');
  const place = loadActivity(where);
  return {
    ...loadActivity('invoke-action-execute-profile'),
    from: admin.from,
    conversation: place.conversation,
    channelData: place.channelData,
    value: {
      action: {
        type: 'Action.Execute',
        verb,
        data: { verb, programmeId: DEMO_PROGRAMME.id },
      },
      trigger: 'manual',
    },
  };
}

function demoTeam(number: number, facilitators: string[]): ProgrammeTeam {
  return {
    id: `team-${number}`,
    programmeId: DEMO_PROGRAMME.id,
    number,
    name: `Équipe ${number}`,
    leadAadId: `lead-${number}`,
    members: [{ aadId: `lead-${number}`, name: `Référent ${number}`, organisationId: 'caf-75' }],
    facilitators: facilitators.map((aadId) => ({ aadId, name: aadId, organisationId: 'lab' })),
  };
}

describe('digests in Teams ("tableau de bord")', () => {
  let harness: BotHarness;
  const lastReply = (): string => JSON.stringify(harness.connector.sentActivities().at(-1));

  beforeEach(async () => {
    harness = new BotHarness();
    await harness.start();
    await harness.send(loadActivity('team-install'));
  });

  afterEach(async () => {
    await harness.stop();
  });

  /** Three teams of the demo programme and November's check-ins of two of them. */
  async function startFollowUp(): Promise<void> {
    harness.clock.set(new Date('2026-11-23T08:30:00.000Z'));
    await harness.bot.teams.replaceAll(DEMO_PROGRAMME.id, [
      demoTeam(1, ['fac-a', 'fac-b']),
      demoTeam(2, [CAMILLE, 'fac-b']),
      demoTeam(3, ['fac-a', 'fac-b']),
    ]);
    const checkins = new SqlCheckinStore(harness.bot.database.db);
    const programmeId = DEMO_PROGRAMME.id;
    await checkins.save(aDigestCheckin('team-1', '2026-11', { programmeId, progress: 50 }));
    await checkins.save(
      aDigestCheckin('team-2', '2026-11', {
        programmeId,
        status: 'blocked',
        progress: 20,
        help: { category: 'data', text: 'Accès aux données' },
      }),
    );
  }

  it('shows the Lab team the selection of the demo programme, with its numbers', async () => {
    harness.clock.set(new Date('2026-04-20T08:00:00.000Z'));
    await harness.send(adminSays('tableau de bord'));
    const card = lastReply();
    assert.match(card, /Tableau de bord — Défi du Lab 2026/);
    assert.match(card, /"Places","value":"39 prises sur 39, 0 restantes"/);
    // The demo committee scored every selected person before it met.
    assert.match(card, /"Évaluées par le comité","value":"39 sur 39 \(100\u00a0%\), 0 à évaluer"/);
    // Every seat is taken: no organisation can be given one, whatever its own maximum.
    assert.match(card, /"Organismes au maximum \(5\)","value":"aucun"/);
    assert.match(card, /"type":"Chart.Donut"/);
    assert.match(card, /"legend":"Confirmées\u00a0: 39","value":39/);
    assert.match(card, /"type":"Chart.VerticalBar"/);
  });

  it('finds a programme by name, and says so when it knows none by that name', async () => {
    harness.clock.set(new Date('2026-04-20T08:00:00.000Z'));
    await harness.send(adminSays('digest défi du lab 2026'));
    assert.match(lastReply(), /Tableau de bord — Défi du Lab 2026/);
    await harness.send(adminSays('digest hackathon 1999'));
    assert.match(lastReply(), /Je ne connais pas le programme «\u202fhackathon 1999\u202f»/);
  });

  it('reports the month’s check-ins during the follow-up, in English when asked in English', async () => {
    await startFollowUp();
    await harness.send(adminSays('tableau de bord'));
    const card = lastReply();
    assert.match(card, /Points mensuels — novembre 2026/);
    assert.match(card, /"value":"2 sur 3 \(67\u00a0%\), dont 0 en retard"/);
    assert.match(
      card,
      /Bloqué — Équipe 2 · 20\u00a0% · aide\u00a0: données — «\u202fAccès aux données\u202f»/,
    );
    assert.match(card, /Pas encore de réponse ce mois \(1\)/);
    assert.match(card, /"verb":"digest.export"/);

    await harness.send({ ...adminSays('dashboard'), locale: 'en-US' });
    assert.match(lastReply(), /Monthly follow-up — November 2026/);
  });

  it('refreshes the card in place when the Lab team clicks', async () => {
    await startFollowUp();
    const { status, body } = await harness.send(adminClicks('digest.refresh'));
    assert.equal(status, 200);
    assert.match(JSON.stringify(body), /Tableau de bord — Défi du Lab 2026/);
  });

  it('gives a facilitator the digest of their own teams, and refuses other staff', async () => {
    await startFollowUp();
    await harness.send(camilleSays('tableau de bord'));
    const card = lastReply();
    assert.match(card, /Vos équipes — Défi du Lab 2026/);
    assert.match(card, /"value":"1 sur 1 \(100\u00a0%\), dont 0 en retard"/);
    assert.doesNotMatch(card, /digest.export/);

    await harness.bot.teams.replaceAll(DEMO_PROGRAMME.id, [demoTeam(1, ['fac-a', 'fac-b'])]);
    await harness.send(camilleSays('digest'));
    assert.match(lastReply(), /réservé à l’équipe du Lab/);
  });

  it('posts the weekly digest in the Lab channel and each facilitator’s, once a week', async () => {
    await startFollowUp();
    const db = harness.bot.database.db;
    const logger = createLogger('silent');
    const job = createScheduledJob(
      createDigestJob({
        source: new SqlDigestSource(db),
        clock: harness.clock,
        programmes: harness.bot.programmes,
        teams: harness.bot.teams,
        notifier: new OutboxNotifier(
          harness.bot.outbox,
          harness.bot.conversations,
          createDigestRenderers({ exportReviews: true }),
          harness.clock,
        ),
        labChannelId: TEAM_CHANNEL,
        labAdminIds: [FIXTURE_ADMIN_AAD_ID],
        schedule: DEFAULT_WEEKLY_SCHEDULE,
        logger,
      }),
      { occurrences: new SqlOccurrenceStore(db), clock: harness.clock, owner: 'test', logger },
    );
    // The bot's own registry may claim the occurrence first: either way it runs once.
    await job.tick();
    const posted = await waitFor(
      () =>
        harness.connector.calls.find(
          (c) =>
            c.method === 'POST' &&
            c.conversationId === TEAM_CHANNEL &&
            /Tableau de bord — Défi du Lab 2026/.test(JSON.stringify(c.body)),
        ),
      'the digest in the Lab channel',
    );
    const card = JSON.stringify(posted.body);
    assert.match(card, /"value":"2 sur 3 \(67\u00a0%\), dont 0 en retard"/);
    assert.doesNotMatch(card, /digest.export/, 'no personal link in a shared channel');
    const lab = await harness.bot.outbox.get(`digest:2026-11-23:${DEMO_PROGRAMME.id}/lab`);
    assert.equal(lab?.payload.kind, 'card');
    for (const facilitator of ['fac-a', 'fac-b', CAMILLE.toLowerCase()]) {
      const row = await harness.bot.outbox.get(
        `digest:2026-11-23:${DEMO_PROGRAMME.id}/facilitator-${facilitator}`,
      );
      assert.ok(row, `digest for ${facilitator}`);
    }
    assert.deepEqual((await job.tick()).ran, []);
    const counts = await harness.bot.outbox.countByState();
    assert.equal(
      Object.values(counts).reduce((a, b) => a + b, 0),
      4,
      'one Lab digest and three facilitators’, nothing twice',
    );
  });

  it('hands the Lab team a single-use .xlsx of the check-ins and review answers', async () => {
    await startFollowUp();
    await new SqlReviewStore(harness.bot.database.db).save({
      ...DIGEST_REVIEWS[0]!,
      programmeId: DEMO_PROGRAMME.id,
    });
    const { body } = await harness.send(adminClicks('digest.export'));
    const text = JSON.stringify(body);
    assert.match(text, /Export pour les bilans — Défi du Lab 2026/);
    // The link is a button (Action.OpenUrl): no Markdown link is ever put on a card.
    const url = /"url":"(http[^"]+\/exports\/reviews\/[^"]+)"/.exec(text)?.[1];
    assert.ok(url, 'a download link');

    // The candidacy download route does not serve a review token, even signed.
    const asCandidacyExport = url.replace('/exports/reviews/', '/exports/');
    assert.equal((await fetch(asCandidacyExport)).status, 403);

    const response = await fetch(url);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /spreadsheetml/);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const checkins = workbook.getWorksheet('Points mensuels');
    assert.deepEqual((checkins?.getRow(3).values as unknown[]).slice(1, 5), [
      2,
      'Équipe 2',
      '2026-11',
      'Bloqué',
    ]);
    assert.equal(checkins?.rowCount, 3);
    const reviews = workbook.getWorksheet('Bilans');
    assert.deepEqual((reviews?.getRow(2).values as unknown[]).slice(1, 5), [
      1,
      'Équipe 1',
      'bilan de décembre',
      'préparation',
    ]);

    assert.equal((await fetch(url)).status, 410, 'the link works once');
    const tampered = url.replace(/sig=[^&]+/, 'sig=forged');
    assert.equal((await fetch(tampered)).status, 403);
  });

  it('never shows the download link in a channel', async () => {
    await startFollowUp();
    const { body } = await harness.send(
      adminClicks('digest.export', 'channel-message-with-mention'),
    );
    assert.match(JSON.stringify(body), /conversation personnelle/);
    assert.doesNotMatch(JSON.stringify(body), /exports\/reviews/);
  });

  it('learns a Lab channel other than General from a mention, so the weekly digest can go there', async () => {
    const labChannel = '19:lab-channel-0001@thread.tacv2';
    const resolve = createLabChannelResolver({
      conversations: harness.bot.conversations,
      channelId: labChannel,
      clock: harness.clock,
      logger: createLogger('silent'),
    });
    assert.equal(await resolve(), undefined, 'unknown until the bot hears from it');
    const mention = loadActivity('channel-message-with-mention');
    await harness.send({
      ...mention,
      from: loadActivity('personal-message-status-admin').from,
      conversation: {
        ...(mention.conversation as Record<string, unknown>),
        id: `${labChannel};messageid=1732170000099`,
      },
      channelData: {
        ...(mention.channelData as Record<string, unknown>),
        channel: { id: labChannel },
      },
    });
    assert.equal(await resolve(), labChannel);
    const stored = await harness.bot.conversations.get(labChannel);
    assert.equal(stored?.scope, 'channel');
    assert.equal(stored?.serviceUrl, harness.connector.url);
  });
});
