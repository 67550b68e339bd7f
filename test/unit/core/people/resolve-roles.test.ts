import assert from 'node:assert/strict';
import { resolveRoles } from '../../../../src/core/people/resolve-roles';

const ADMIN = '0b7e8f9a-1c2d-4e3f-9a8b-7c6d5e4f3a2b';

describe('resolveRoles', () => {
  it('makes everybody staff', () => {
    assert.deepEqual([...resolveRoles({ aadId: 'someone', labAdminIds: [ADMIN] })], ['staff']);
  });

  it('adds the Lab role for a configured admin, whatever the case of the id', () => {
    const roles = resolveRoles({ aadId: ADMIN.toUpperCase(), labAdminIds: [ADMIN] });
    assert.ok(roles.has('lab'));
    assert.ok(roles.has('staff'));
  });

  it('gives no Lab role to an anonymous sender', () => {
    assert.ok(!resolveRoles({ aadId: undefined, labAdminIds: [ADMIN] }).has('lab'));
  });
});
