import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { AppError, BadInput, createErrorFormatter, NotFound } from '../src';

const formatted = (e: GraphQLError) => ({ message: e.message, path: ['x'], extensions: e.extensions });

describe(createErrorFormatter.name, () => {
  it('should keep the code and message of our own errors', () => {
    const sut = createErrorFormatter({ production: true });
    const error = NotFound('Relationship');
    expect(sut(formatted(error), error)).toMatchObject({
      message: 'Relationship was not found.',
      extensions: { code: 'NOT_FOUND' },
    });
    const bad = BadInput([{ field: 'input.email', message: 'is not an email address' }]);
    expect(sut(formatted(bad), bad).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'input.email', message: 'is not an email address' }],
    });
  });

  it('should mask an unexpected error in production, with no internals and no stack', () => {
    const internals: unknown[] = [];
    const sut = createErrorFormatter({ production: true, onInternal: (e) => internals.push(e) });
    const boom = new GraphQLError('connect ECONNREFUSED 10.0.0.5:5432', {
      originalError: new Error('connect ECONNREFUSED 10.0.0.5:5432'),
      path: ['me'],
    });
    const out = sut(
      { message: boom.message, path: ['me'], extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] } },
      boom,
    );
    expect(out).toEqual({
      message: 'Something went wrong on our side.',
      locations: undefined,
      path: ['me'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(JSON.stringify(out)).not.toMatch(/ECONNREFUSED|stack/);
    expect(internals).toHaveLength(1);
  });

  it('should map GraphQL syntax and validation errors to BAD_USER_INPUT', () => {
    const sut = createErrorFormatter({ production: true });
    const e = new GraphQLError('Cannot query field "nope" on type "Query".');
    expect(sut({ message: e.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }, e).extensions).toEqual({
      code: 'BAD_USER_INPUT',
    });
  });

  it('should only use codes from the closed set', () => {
    expect(() => new AppError('NOT_FOUND')).not.toThrow();
    expect(new AppError('RATE_LIMITED', undefined, { retryAfterSeconds: 30 }).extensions).toEqual({
      code: 'RATE_LIMITED',
      retryAfterSeconds: 30,
    });
  });
});
