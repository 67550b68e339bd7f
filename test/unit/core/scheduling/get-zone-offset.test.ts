import assert from 'node:assert/strict';
import { getZoneOffset } from '../../../../src/core/scheduling/get-zone-offset';

describe('getZoneOffset', () => {
  it('gives +60 minutes for Paris in winter and +120 in summer', () => {
    assert.equal(getZoneOffset(new Date('2026-01-15T12:00:00Z'), 'Europe/Paris'), 60);
    assert.equal(getZoneOffset(new Date('2026-07-15T12:00:00Z'), 'Europe/Paris'), 120);
  });

  it('switches exactly at 01:00 UTC on the last Sunday of March and of October', () => {
    assert.equal(getZoneOffset(new Date('2026-03-29T00:59:59Z'), 'Europe/Paris'), 60);
    assert.equal(getZoneOffset(new Date('2026-03-29T01:00:00Z'), 'Europe/Paris'), 120);
    assert.equal(getZoneOffset(new Date('2026-10-25T00:59:59Z'), 'Europe/Paris'), 120);
    assert.equal(getZoneOffset(new Date('2026-10-25T01:00:00Z'), 'Europe/Paris'), 60);
  });

  it('gives -180 minutes for Cayenne', () => {
    assert.equal(getZoneOffset(new Date('2026-06-10T12:00:00Z'), 'America/Cayenne'), -180);
  });

  it('handles zones with quarter-hour offsets', () => {
    assert.equal(getZoneOffset(new Date('2026-01-15T12:00:00Z'), 'Asia/Kathmandu'), 345);
  });
});
