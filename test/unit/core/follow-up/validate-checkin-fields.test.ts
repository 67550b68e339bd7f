import assert from 'node:assert/strict';
import { validateCheckinFields } from '../../../../src/core/follow-up/validate-checkin-fields';
import type { IndicatorDefinition } from '../../../../src/core/programmes/follow-up-settings';

const indicators: IndicatorDefinition[] = [
  { id: 'agents', label: 'Agents', type: 'number', unit: 'agents' },
  { id: 'etape', label: 'Étape', type: 'text' },
];

const form = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  status: 'at-risk',
  progress: '35',
  done: 'Deux ateliers',
  nextSteps: 'Un pilote',
  helpCategory: 'data',
  helpText: 'Chiffres RH',
  'indicator.agents': '12',
  'indicator.etape': 'Pilote',
  ...overrides,
});

const issuesOf = (input: Record<string, unknown>) => {
  const result = validateCheckinFields(input, indicators);
  assert.equal(result.ok, false);
  return result.ok ? [] : result.issues.map((i) => [i.path.join('.'), i.code, i.params]);
};

describe('validateCheckinFields', () => {
  it('accepts a complete form as the card sends it, text inputs included', () => {
    const result = validateCheckinFields(form(), indicators);
    assert.deepEqual(result, {
      ok: true,
      fields: {
        status: 'at-risk',
        progress: 35,
        done: 'Deux ateliers',
        nextSteps: 'Un pilote',
        help: { category: 'data', text: 'Chiffres RH' },
        indicators: { agents: 12, etape: 'Pilote' },
      },
    });
  });

  it('needs no help and no indicator', () => {
    const result = validateCheckinFields(
      form({ helpCategory: '', helpText: '', 'indicator.agents': '', 'indicator.etape': ' ' }),
      indicators,
    );
    assert.ok(result.ok);
    assert.deepEqual(result.fields.help, { category: 'none', text: '' });
    assert.deepEqual(result.fields.indicators, {});
  });

  it('reports every missing field at once, keyed by its input', () => {
    assert.deepEqual(issuesOf({}), [
      ['status', 'required', {}],
      ['progress', 'required', {}],
      ['done', 'required', {}],
      ['nextSteps', 'required', {}],
    ]);
  });

  it('refuses a progress outside 0–100 %, a decimal one and text', () => {
    assert.deepEqual(issuesOf(form({ progress: '120' })), [['progress', 'max', { max: 100 }]]);
    assert.deepEqual(issuesOf(form({ progress: '-5' })), [['progress', 'min', { min: 0 }]]);
    assert.deepEqual(issuesOf(form({ progress: '12.5' })), [['progress', 'integer', {}]]);
    assert.deepEqual(issuesOf(form({ progress: 'beaucoup' })), [
      ['progress', 'expectedNumber', {}],
    ]);
  });

  it('refuses an unknown status, a help request without its text or its category, and a non-number indicator', () => {
    assert.deepEqual(
      issuesOf(
        form({ status: 'done', helpCategory: 'method', helpText: '', 'indicator.agents': 'douze' }),
      ).map(([path, code]) => [path, code]),
      [
        ['status', 'choice'],
        ['helpText', 'required'],
        ['indicator.agents', 'expectedNumber'],
      ],
    );
    assert.deepEqual(issuesOf(form({ helpCategory: 'none', helpText: 'Besoin d’aide' })), [
      ['helpCategory', 'required', {}],
    ]);
  });

  it('refuses texts longer than a monthly card is for', () => {
    assert.deepEqual(issuesOf(form({ done: 'x'.repeat(2001) })), [
      ['done', 'tooLong', { max: 2000 }],
    ]);
  });
});
