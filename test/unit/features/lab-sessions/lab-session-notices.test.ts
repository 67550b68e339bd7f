import assert from 'node:assert/strict';
import {
  LAB_SESSION_NOTICES,
  toNoticeData,
} from '../../../../src/core/lab-sessions/lab-session-notices';
import { createLabSessionRenderers } from '../../../../src/features/lab-sessions/lab-sessions-notices';
import { createTranslator, type Language } from '../../../../src/i18n/translate';
import { FACILITATOR_A, FACILITATOR_B, makeRequest } from '../../../support/lab-session-fixtures';

const request = makeRequest({
  status: 'preparation',
  facilitators: [FACILITATOR_A, FACILITATOR_B],
  decision: { kind: 'go', reason: 'Prioritaire', by: 'lab', at: new Date('2026-11-25T10:00:00Z') },
  sessionDay: '2027-01-14',
  coldDebriefDay: '2027-02-25',
});

describe('Lab session notices', () => {
  const renderers = createLabSessionRenderers();

  for (const language of ['fr', 'en'] as Language[]) {
    it(`renders every kind in ${language}, with no placeholder left unfilled`, () => {
      const context = { language, t: createTranslator(language) };
      const extras: Record<string, Record<string, unknown>[]> = {
        [LAB_SESSION_NOTICES.update]: ['qualification', 'go', 'noGo', 'notNow', 'scheduled'].map(
          (step) => ({ step }),
        ),
        [LAB_SESSION_NOTICES.milestone]: ['scenario', 'invitations', 'logistics', 'finalBrief'].map(
          (milestone) => ({ milestone }),
        ),
        [LAB_SESSION_NOTICES.requested]: [{}, { back: true }],
        [LAB_SESSION_NOTICES.coldDebrief]: [{}, { reminder: true }],
      };
      for (const kind of Object.values(LAB_SESSION_NOTICES)) {
        const render = renderers[kind];
        assert.ok(render, `no renderer for ${kind}`);
        for (const extra of extras[kind] ?? [{}]) {
          const { card, summary } = render(
            { kind, data: { ...toNoticeData(request), revisitOn: '2027-03-01', ...extra } },
            context,
          );
          const text = JSON.stringify(card);
          assert.doesNotMatch(text, /\{[a-zA-Z]+\}/, `${kind} ${JSON.stringify(extra)}`);
          assert.ok(summary.length > 0);
          assert.match(text, /Accueil des nouveaux allocataires|LAB-2026-001/);
        }
      }
    });
  }

  it('writes the qualification meeting on the facilitator’s card, with its zone', () => {
    const context = { language: 'fr' as const, t: createTranslator('fr') };
    const { card } = renderers[LAB_SESSION_NOTICES.assigned]!(
      {
        kind: LAB_SESSION_NOTICES.assigned,
        data: {
          ...toNoticeData({
            ...request,
            qualificationMeeting: {
              day: '2026-11-26',
              time: '10:00',
              timeZone: 'Europe/Paris',
              durationMinutes: 60,
            },
          }),
        },
      },
      context,
    );
    assert.match(
      JSON.stringify(card),
      /Réunion de qualification\u00a0: jeudi 26 novembre 2026 de 10:00 à 11:00 \(Europe\/Paris\)/,
    );
    // The meeting is set: nobody is asked to plan it.
    assert.doesNotMatch(JSON.stringify(card), /Prévoyez la réunion de qualification/);
    const unset = renderers[LAB_SESSION_NOTICES.assigned]!(
      { kind: LAB_SESSION_NOTICES.assigned, data: toNoticeData(request) },
      context,
    );
    assert.match(JSON.stringify(unset.card), /Prévoyez la réunion de qualification/);
  });

  it('names the step and the local date on the requester’s card', () => {
    const context = { language: 'fr' as const, t: createTranslator('fr') };
    const { card } = renderers[LAB_SESSION_NOTICES.update]!(
      { kind: LAB_SESSION_NOTICES.update, data: { ...toNoticeData(request), step: 'scheduled' } },
      context,
    );
    assert.match(JSON.stringify(card), /Session LAB-2026-001 fixée au jeudi 14 janvier 2027/);
    assert.match(JSON.stringify(card), /débriefing à froid est prévu le jeudi 25 février 2027/);
  });
});
