/** Floods of fields and piles of expensive fields get a clear limit error at the gateway, never a server error. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { principal, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { EXPENSIVE_FIELDS, LIMITS } from '../../apps/gateway/src/security';
import { probe } from '../support/probe-service';

let stack: Stack;
const caller = principal('MENTEE');

beforeAll(async () => {
  stack = await startStack({ databaseUrl: testDatabaseUrl(), services: [probe] });
});
afterAll(async () => {
  await stack?.stop();
});

const errorOf = (res: { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }) => res.errors?.[0];

describe('field limits at the gateway', () => {
  it('should allow a field repeated up to the limit and refuse one repeat more with a clear code', async () => {
    const repeated = (n: number) => `{ probe { ${'id '.repeat(n)} } }`;
    expect((await stack.gql(repeated(LIMITS.repeatedField), {}, { as: caller })).errors).toBeUndefined();
    const over = await stack.gql(repeated(LIMITS.repeatedField + 1), {}, { as: caller });
    expect(over.status).toBeLessThan(500);
    expect(errorOf(over)).toMatchObject({
      message: expect.stringMatching(/"id" is selected more than 10 times/),
      extensions: { code: 'BAD_USER_INPUT', limit: 'repeatedField' },
    });
  });

  it('should refuse a thousand duplicated fields (which graphql-js gives up comparing) as a limit, not an outage', async () => {
    const flood = await stack.gql(`{ probe { ${'id '.repeat(1000)} } }`, {}, { as: caller });
    expect(flood.status).toBeLessThan(500);
    expect(errorOf(flood)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'repeatedField' });
    // the same flood spread through fragments, where no selection set repeats a field by itself
    const fragments = Array.from({ length: 120 }, (_, i) => `fragment F${i} on ProbeNode { ${'id '.repeat(9)} }`);
    const spread = await stack.gql(
      `{ probe { ${fragments.map((_, i) => `...F${i}`).join(' ')} } } ${fragments.join(' ')}`,
      {},
      { as: caller },
    );
    expect(spread.status).toBeLessThan(500);
    expect(errorOf(spread)).toMatchObject({
      message: expect.stringMatching(/repeats its fields too often/),
      extensions: { code: 'BAD_USER_INPUT', limit: 'repeatedField' },
    });
  });

  it('should count expensive fields by name, aliases included, and refuse one more than the limit', async () => {
    expect(EXPENSIVE_FIELDS.has('searchMentors')).toBe(true);
    // the probe graph has no expensive field, so validation reports the unknown fields only below the limit
    const asking = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `s${i}: searchMentors { __typename }`).join(' ')} }`;
    const under = await stack.gql(asking(LIMITS.expensiveFields), {}, { as: caller });
    expect(under.errors?.some((e) => e.extensions?.limit === 'expensiveFields')).toBe(false);
    const over = await stack.gql(asking(LIMITS.expensiveFields + 1), {}, { as: caller });
    expect(over.errors?.find((e) => e.extensions?.limit === 'expensiveFields')).toMatchObject({
      message: expect.stringMatching(/5 expensive fields \(searchMentors\); at most 4 per request/),
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});
