import assert from 'node:assert/strict';
import { buildProgressCard } from '../../../src/delivery/build-progress-card';

/** The narrow no-break space French puts between thousands. */
const NNBSP = '\u202f';

function texts(card: Record<string, unknown>): string[] {
  return (card.body as { text: string }[]).map((element) => element.text);
}

describe('buildProgressCard', () => {
  it('shows sent out of total and the failures while messages are pending', () => {
    const { card, summary } = buildProgressCard({
      label: 'Messages de bienvenue — Défi du Lab 2026',
      language: 'fr',
      counts: { sent: 1_240, failed: 2, unreachable: 1, pending: 1_758, total: 3_000 },
    });
    const expected = `Envoi\u00a0: 1${NNBSP}240 / 3${NNBSP}000 · 2 échecs`;
    assert.deepEqual(texts(card), ['Messages de bienvenue — Défi du Lab 2026', expected]);
    assert.equal(summary, expected);
    assert.equal(card.lang, 'fr');
    assert.equal(card.version, '1.5');
  });

  it('says it in English with English number formatting', () => {
    const { summary } = buildProgressCard({
      label: 'Welcome messages',
      language: 'en',
      counts: { sent: 1_240, failed: 2, unreachable: 0, pending: 1_758, total: 3_000 },
    });
    assert.equal(summary, 'Sending: 1,240 / 3,000 · 2 failed');
  });

  it('writes no failure and one failure in the singular in French', () => {
    const line = (failed: number) =>
      buildProgressCard({
        label: 'x',
        language: 'fr',
        counts: { sent: 5, failed, unreachable: 0, pending: 20, total: 30 },
      }).summary;
    assert.equal(line(0), 'Envoi\u00a0: 5 / 30 · 0 échec');
    assert.equal(line(1), 'Envoi\u00a0: 5 / 30 · 1 échec');
  });

  it('ends with a summary that counts unreachable recipients apart', () => {
    const { card, summary } = buildProgressCard({
      label: 'Bilans de décembre',
      language: 'fr',
      counts: { sent: 2_998, failed: 2, unreachable: 1, pending: 0, total: 3_000 },
    });
    assert.equal(summary, `Envoi terminé\u00a0: 2${NNBSP}998 / 3${NNBSP}000 envoyés · 2 échecs`);
    assert.deepEqual(texts(card).slice(1), [
      summary,
      'Dont 1 destinataire injoignable\u00a0: application retirée ou bot bloqué.',
    ]);
  });

  it('ends in English too', () => {
    const { card } = buildProgressCard({
      label: 'December reviews',
      language: 'en',
      counts: { sent: 25, failed: 0, unreachable: 0, pending: 0, total: 25 },
    });
    assert.deepEqual(texts(card), [
      'December reviews',
      'Sending finished: 25 / 25 sent · 0 failed',
    ]);
  });
});
