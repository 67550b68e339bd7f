import assert from 'node:assert/strict';
import { planCheckinSends } from '../../../../src/core/follow-up/plan-checkin-sends';
import type { PlannedSend } from '../../../../src/core/follow-up/planned-send';
import { example2026Input, PEOPLE } from '../../../support/follow-up-fakes';

function describeSend(send: PlannedSend): string {
  const who = send.recipient.kind === 'channel' ? 'channel' : send.recipient.name;
  return `${send.localDay} ${send.localTime} ${send.timeZone} ${send.kind} ${send.teamId} ${who}`;
}

describe('planCheckinSends', () => {
  it('plans the card to the lead and the channel, two reminders and an escalation to both facilitators', () => {
    const input = example2026Input();
    input.teams = input.teams.filter((team) => team.id === 'team-2');
    const sends = planCheckinSends(input, ['2026-10']);
    assert.deepEqual(sends.map(describeSend), [
      '2026-10-01 09:30 Europe/Paris checkin.card team-2 Camille Martin',
      '2026-10-01 09:30 Europe/Paris checkin.card team-2 channel',
      '2026-10-06 09:30 Europe/Paris checkin.reminder team-2 Camille Martin',
      '2026-10-08 09:30 Europe/Paris checkin.reminder team-2 Camille Martin',
      '2026-10-09 09:30 Europe/Paris checkin.escalation team-2 Élodie Roux',
      '2026-10-09 09:30 Europe/Paris checkin.escalation team-2 Hugo Martin',
    ]);
    assert.deepEqual(
      sends.map((send) => send.key),
      [
        'checkin:2026-10:defi-du-lab-2026/team-2/lead',
        'checkin:2026-10:defi-du-lab-2026/team-2/channel',
        'checkin-reminder-d3:2026-10:defi-du-lab-2026/team-2/lead',
        'checkin-reminder-d5:2026-10:defi-du-lab-2026/team-2/lead',
        `checkin-escalation:2026-10:defi-du-lab-2026/team-2/facilitator-${PEOPLE.elodie}`,
        `checkin-escalation:2026-10:defi-du-lab-2026/team-2/facilitator-${PEOPLE.hugo}`,
      ],
    );
  });

  it('sends to the lead in French Guiana at 09:30 Cayenne time', () => {
    const sends = planCheckinSends(example2026Input(), ['2026-10']);
    const card = sends.find((s) => s.teamId === 'team-1' && s.kind === 'checkin.card');
    assert.equal(card?.timeZone, 'America/Cayenne');
    assert.equal(card?.dueAt.toISOString(), '2026-10-01T12:30:00.000Z');
  });

  it('follows the zone Teams last reported for a person over their organisation’s', () => {
    const sends = planCheckinSends(example2026Input({ [PEOPLE.camille]: 'America/Cayenne' }), [
      '2026-10',
    ]);
    const card = sends.find((s) => s.teamId === 'team-2' && s.kind === 'checkin.card');
    assert.equal(card?.dueAt.toISOString(), '2026-10-01T12:30:00.000Z');
  });

  it('keeps a reminder only for its local day and a card until the month closes', () => {
    const sends = planCheckinSends(example2026Input(), ['2026-10']);
    const reminder = sends.find((s) => s.teamId === 'team-1' && s.kind === 'checkin.reminder');
    assert.equal(reminder?.localDay, '2026-10-06');
    assert.equal(reminder?.expiresAt.toISOString(), '2026-10-07T03:00:00.000Z');
    const card = sends.find((s) => s.teamId === 'team-1' && s.kind === 'checkin.card');
    assert.equal(card?.expiresAt.toISOString(), '2026-11-02T12:29:59.999Z');
  });

  it('plans nothing for a skipped month and no channel card for a team without a channel', () => {
    const input = example2026Input();
    input.programme.followUp = { ...input.programme.followUp!, skippedMonths: ['2026-12'] };
    assert.deepEqual(planCheckinSends(input, ['2026-12']), []);
    input.teams = input.teams.map(({ workspace: _workspace, ...team }) => team);
    const sends = planCheckinSends(input, ['2026-11']);
    assert.ok(sends.length > 0);
    assert.ok(sends.every((s) => s.recipient.kind === 'person'));
  });
});
