import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import {
  includesBot,
  mentionsBot,
  readScope,
  readTimezone,
  toConversationRecord,
} from '../../../../src/adapters/teams/read-activity';
import { loadActivity } from '../../../support/load-activity';

const activity = (name: string): Partial<Activity> => loadActivity(name);

describe('read-activity', () => {
  it('tells personal chats from team channels', () => {
    assert.equal(readScope(activity('personal-message-aide')), 'personal');
    assert.equal(readScope(activity('team-install')), 'channel');
    assert.equal(
      readScope({
        conversation: { id: 'g', isGroup: true, conversationType: 'groupChat', name: '' },
      }),
      'groupChat',
    );
  });

  it('reads the time zone from localTimezone, else from the clientInfo entity', () => {
    assert.equal(readTimezone(activity('personal-message-help-english')), 'America/Cayenne');
    const entityOnly = { ...activity('personal-message-unknown'), localTimezone: undefined };
    assert.equal(readTimezone(entityOnly), 'Europe/Paris');
    assert.equal(readTimezone({}), null);
  });

  it('recognises the bot among added members and in mentions', () => {
    const install = activity('team-install');
    assert.ok(includesBot(install.membersAdded, install));
    const other = activity('team-member-added-not-bot');
    assert.ok(!includesBot(other.membersAdded, other));
    assert.ok(mentionsBot(activity('channel-message-with-mention')));
    assert.ok(!mentionsBot(activity('channel-message-without-mention')));
  });

  it('builds a channel reference with its team, channel and tenant', () => {
    const record = toConversationRecord(activity('team-install'), new Date('2026-11-20T08:00:00Z'));
    assert.equal(record.scope, 'channel');
    assert.equal(record.teamId, '19:R7xW3kq8HnJd2VbYt5Lp@thread.tacv2');
    assert.equal(record.channelId, '19:R7xW3kq8HnJd2VbYt5Lp@thread.tacv2');
    assert.equal(record.tenantId, '72f988bf-86f1-41af-91ab-2d7cd011db47');
    assert.equal(record.userAadId, null, 'a channel belongs to no single user');
    assert.equal(record.botId, '28:00000000-0000-0000-0000-00000000b07a');
  });

  it('builds a personal reference with the user and their locale', () => {
    const record = toConversationRecord(
      activity('personal-install'),
      new Date('2026-11-20T08:00:00Z'),
    );
    assert.equal(record.scope, 'personal');
    assert.equal(record.userAadId, '6a1f0c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b');
    assert.equal(record.locale, 'fr-FR');
    assert.equal(record.timezone, 'Europe/Paris');
    assert.equal(record.teamId, null);
  });
});
