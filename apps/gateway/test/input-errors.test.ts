import { buildSchema, graphql } from 'graphql';
import { describe, expect, it } from 'vitest';
import { coercionField, withInputFields } from '../src/input-errors';

// the messages graphql-js itself writes when variables do not fit the schema, so a change in its wording fails here
const schema = buildSchema(`
  enum Role { MENTEE MENTOR }
  scalar LocalDate
  input Terms { hours: Int! }
  input RegisterInput { email: String! roles: [Role!]! terms: Terms }
  type Query { ok: Boolean }
  type Mutation { register(input: RegisterInput!, note: Int): Boolean }
`);
async function messageFor(variableValues: Record<string, unknown>): Promise<string> {
  const res = await graphql({
    schema,
    source: 'mutation ($input: RegisterInput!, $note: Int) { register(input: $input, note: $note) }',
    variableValues,
  });
  return res.errors![0].message;
}

describe('coercionField', () => {
  it('should name the input path graphql-js reports, with list indexes as path segments', async () => {
    expect(coercionField(await messageFor({ input: { email: 'a@b.c', roles: ['MENTEE', 'ADMIN'] } }))).toBe(
      'input.roles.1',
    );
    expect(coercionField(await messageFor({ input: { email: 'a@b.c', roles: [], terms: { hours: 3e10 } } }))).toBe(
      'input.terms.hours',
    );
    expect(coercionField(await messageFor({ input: { roles: [] } }))).toBe('input.email');
    expect(coercionField(await messageFor({ input: { email: 'a@b.c', roles: [], nope: 1 } }))).toBe('input.nope');
    expect(coercionField(await messageFor({ input: { email: 'a@b.c', roles: [] }, note: 'x' }))).toBe('note');
    expect(coercionField(await messageFor({}))).toBe('input');
    expect(coercionField('Cannot query field "x" on type "Query".')).toBeNull();
  });

  it('should add fields to a BAD_USER_INPUT without them, and leave other errors alone', () => {
    const message =
      'Variable "$input" got invalid value "X" at "input.roles[0]"; Value "X" does not exist in "Role" enum.';
    expect(withInputFields(message, { code: 'BAD_USER_INPUT' })).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'input.roles.0', message }],
    });
    expect(withInputFields(message, { code: 'NOT_FOUND' })).toEqual({ code: 'NOT_FOUND' });
    const own = { code: 'BAD_USER_INPUT', fields: [{ field: 'input.email', message: 'taken' }] };
    expect(withInputFields(message, own)).toBe(own);
  });
});
