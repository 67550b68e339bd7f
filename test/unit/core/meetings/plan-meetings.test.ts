import assert from 'node:assert/strict';
import { planMeetings } from '../../../../src/core/meetings/plan-meetings';
import { toLocalDay } from '../../../../src/core/scheduling/local-days';
import { createTestProgramme } from '../../../support/candidacy-programme';
import { allMeetings, twoTeams } from '../../../support/meeting-fakes';

const paris = (instant: Date): string =>
  `${toLocalDay(instant, 'Europe/Paris')} ${instant.toLocaleTimeString('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' })}`;

describe('planMeetings', () => {
  it('wants no meeting when the programme file has no meetings block', () => {
    assert.deepEqual(planMeetings(createTestProgramme(), twoTeams()), []);
  });

  it('puts the briefing on the working day before the kick-off, and the kick-off for every participant and facilitator', () => {
    // Kick-off on Wednesday 13 May 2026; Thursday 14 May is Ascension, irrelevant here.
    const programme = createTestProgramme({ meetings: allMeetings() });
    const meetings = planMeetings(programme, twoTeams());
    const briefing = meetings.find((m) => m.kind === 'facilitatorsBriefing')!;
    const kickOff = meetings.find((m) => m.kind === 'kickOff')!;
    assert.equal(paris(briefing.startsAt), '2026-05-12 16:00');
    assert.equal(paris(kickOff.startsAt), '2026-05-13 10:00');
    assert.equal(kickOff.endsAt.getTime() - kickOff.startsAt.getTime(), 120 * 60_000);
    assert.deepEqual(
      briefing.attendees.map((a) => a.name),
      ['Claire Dubois', 'Denis Morel'],
    );
    assert.equal(kickOff.attendees.length, 6);
    assert.equal(kickOff.subject, 'Défi du Lab (test) — Lancement');
  });

  it('never falls on a weekend or a public holiday: a kick-off on the Sunday before Whit Monday moves to Tuesday, its briefing to Friday', () => {
    const programme = createTestProgramme({ meetings: allMeetings() });
    // Monday 25 May 2026 is Whit Monday, so a kick-off on Sunday 24 May goes to Tuesday 26.
    programme.milestones = { ...programme.milestones, kickOff: '2026-05-24' };
    const meetings = planMeetings(programme, twoTeams());
    assert.equal(paris(meetings.find((m) => m.kind === 'kickOff')!.startsAt), '2026-05-26 10:00');
    assert.equal(
      paris(meetings.find((m) => m.kind === 'facilitatorsBriefing')!.startsAt),
      '2026-05-22 16:00',
    );
  });

  it('holds each team’s exchange a week after each check-in, at the team’s own time when set', () => {
    const programme = createTestProgramme({
      meetings: allMeetings({
        monthlyExchange: {
          time: '14:00',
          durationMinutes: 60,
          daysAfterCheckIn: 7,
          teamTimes: { 'team-2': '11:30' },
        },
      }),
    });
    const exchanges = planMeetings(programme, twoTeams()).filter(
      (m) => m.kind === 'monthlyExchange',
    );
    // September 2026 to March 2027: seven months, two teams.
    assert.equal(exchanges.length, 14);
    const september = exchanges.filter((m) => m.period === '2026-09');
    // Check-in on Tuesday 1 September; a week later is Tuesday 8 September.
    assert.deepEqual(
      september.map((m) => [m.teamId, paris(m.startsAt)]),
      [
        ['team-1', '2026-09-08 14:00'],
        ['team-2', '2026-09-08 11:30'],
      ],
    );
    // January: the check-in is on Monday 4 January 2027 (New Year's Day is a Friday), the exchange on Monday 11.
    assert.equal(
      paris(exchanges.find((m) => m.period === '2027-01')!.startsAt),
      '2027-01-11 14:00',
    );
    assert.deepEqual(september[0]!.attendees.map((a) => a.name).sort(), [
      'Awa Diallo',
      'Bruno Petit',
      'Claire Dubois',
    ]);
  });

  it('leaves out a kind set to false, and meetings with nobody to invite', () => {
    const settings = allMeetings();
    delete settings.monthlyExchange;
    const programme = createTestProgramme({ meetings: settings });
    const kinds = planMeetings(programme, []).map((m) => m.kind);
    // No teams and no programme facilitators yet: nobody to invite to anything.
    assert.deepEqual(kinds, []);
    assert.deepEqual(
      planMeetings(programme, twoTeams()).map((m) => m.kind),
      ['facilitatorsBriefing', 'kickOff', 'decemberReview', 'marchReview'],
    );
  });
});
