/** Rules on what an account may be called, through the gateway (issue 17). */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { identity } from '@tandem/identity';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ databaseUrl: testDatabaseUrl(), services: [identity] });
});
afterAll(async () => {
  await stack?.stop();
});

const REGISTER = `mutation ($input: RegisterInput!) { register(input: $input) { errors { field code } session { user { id } } } }`;

describe('display names', () => {
  it('should refuse a name with a direction override at registration, writing nothing', async () => {
    const email = `spoof.${randomUUID().slice(0, 8)}@example.org`;
    const res = await stack.gql<{ register: { errors: Array<{ field: string; code: string }>; session: unknown } }>(
      REGISTER,
      {
        input: { email, password: 'a long and unusual pass', displayName: 'Amara\u202Egnp.exe', roles: ['MENTEE'] },
      },
    );
    expect(res.data?.register).toEqual({
      errors: [{ field: 'input.displayName', code: 'INVISIBLE_CHARACTERS' }],
      session: null,
    });
    expect(await stack.sql(`SELECT 1 FROM identity."user" WHERE email = $1`, [email])).toHaveLength(0);
  });

  it('should register a name in another script with the joiner it needs', async () => {
    const email = `fa.${randomUUID().slice(0, 8)}@example.org`;
    const res = await stack.gql<{ register: { errors: unknown[]; session: { user: { id: string } } | null } }>(
      REGISTER,
      {
        input: {
          email,
          password: 'a long and unusual pass',
          displayName: 'می\u200Cخواهم رضایی',
          roles: ['MENTEE'],
        },
      },
    );
    expect(res.data?.register.errors).toEqual([]);
    // register answers without a session (alike for a new and a taken address): the account is there
    expect(await stack.sql(`SELECT display_name FROM identity."user" WHERE email = $1`, [email])).toEqual([
      { display_name: 'می\u200Cخواهم رضایی' },
    ]);
  });
});
