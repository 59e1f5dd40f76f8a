import { buildSchema, graphql } from 'graphql';
import { describe, expect, it } from 'vitest';
import { controlCharacterPath, guardRootArguments } from '../src/input-guard';

describe('controlCharacterPath', () => {
  it('should name the first string holding a control character, through objects and lists', () => {
    expect(controlCharacterPath({ name: 'Ana', skills: ['sql', 'a\u0000b'] }, 'input')).toBe('input.skills.1');
    expect(controlCharacterPath('bell\u0007', 'message')).toBe('message');
    expect(controlCharacterPath({ note: 'x\u001b[31mred' }, 'input')).toBe('input.note');
    expect(controlCharacterPath({ note: 'next\u0085line' }, 'input')).toBe('input.note');
    expect(controlCharacterPath({ note: 'del\u007f' }, 'input')).toBe('input.note');
  });

  it('should leave passwords alone (opaque secrets, never shown)', () => {
    expect(
      controlCharacterPath({ email: 'a@b.c', password: 'bell\u0007pass', newPassword: 'x\u0000y' }, 'input'),
    ).toBeNull();
    expect(controlCharacterPath({ email: 'a@b.c\u0000', password: 'fine' }, 'input')).toBe('input.email');
  });

  it('should let tabs, line breaks and any printable text through', () => {
    const fine = {
      note: 'Line one\r\nLine two\tindented',
      name: 'Zoë 👩🏽‍💻 عربى \u202e',
      list: [1, true, null],
      nested: { empty: '' },
    };
    expect(controlCharacterPath(fine, 'input')).toBeNull();
  });
});

describe('guardRootArguments', () => {
  const schema = buildSchema(
    `type Query { echo(text: String, tags: [String!]): String } type Mutation { save(input: SaveInput!): String } input SaveInput { title: String! notes: [String!] }`,
  );
  const resolvers = guardRootArguments({
    Query: { echo: (_: unknown, args: { text?: string }) => args.text ?? 'none' },
    Mutation: { save: (_: unknown, args: { input: { title: string } }) => args.input.title },
  });
  const run = (source: string, variableValues?: Record<string, unknown>) =>
    graphql({
      schema,
      source,
      variableValues,
      rootValue: undefined,
      fieldResolver: (src, args, ctx, info) =>
        (resolvers as Record<string, Record<string, (...a: unknown[]) => unknown>>)[info.parentType.name][
          info.fieldName
        ](src, args, ctx, info),
    });

  it('should refuse a control character before the resolver runs, naming the argument path and a stable code', async () => {
    const res = await run('mutation ($i: SaveInput!) { save(input: $i) }', {
      i: { title: 'ok', notes: ['fine', 'not\u0000fine'] },
    });
    expect(res.errors?.[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'input.notes.1', code: 'CONTROL_CHARACTER', message: expect.any(String) }],
    });
    expect(res.data?.save).toBeNull();
  });

  it('should answer as usual otherwise', async () => {
    expect((await run('{ echo(text: "hello\\nworld") }')).data).toEqual({ echo: 'hello\nworld' });
    expect((await run('mutation { save(input: { title: "Plan" }) }')).data).toEqual({ save: 'Plan' });
  });
});
