import assert from 'node:assert/strict';
import { listHelpTopics } from '../../../../src/core/help/list-help-topics';

describe('listHelpTopics', () => {
  it('shows staff the everyday commands only', () => {
    assert.deepEqual(
      listHelpTopics(new Set(['staff'])).map((t) => t.id),
      [
        'help',
        'profile',
        'programmes',
        'apply',
        'endorse',
        'history',
        'absence',
        'myData',
        'sessions',
      ],
    );
  });

  it('adds the Lab commands for the Lab team', () => {
    assert.deepEqual(
      listHelpTopics(new Set(['staff', 'lab'])).map((t) => t.id),
      [
        'help',
        'profile',
        'programmes',
        'apply',
        'endorse',
        'history',
        'absence',
        'myData',
        'sessions',
        'selection',
        'newProgramme',
        'formation',
        'calendar',
        'digest',
        'sessionRequests',
        'status',
      ],
    );
  });
});
