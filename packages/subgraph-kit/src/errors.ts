/** One error class toward clients, with a stable `extensions.code` from a closed set, mapped in one place. */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { ErrorCode } from '@tandem/contracts';

/** What a client is told for each code when the thrower gave no message; exhaustive over ErrorCode. */
const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  UNAUTHENTICATED: 'Sign in to do this.',
  FORBIDDEN: 'You are not allowed to do this.',
  NOT_FOUND: 'Not found.',
  BAD_USER_INPUT: 'The input is not valid.',
  CONFLICT: 'This conflicts with the current state; reload and try again.',
  RATE_LIMITED: 'Too many requests; try again later.',
  SERVICE_UNAVAILABLE: 'A part of the platform is unavailable; try again shortly.',
  INTERNAL_SERVER_ERROR: 'Something went wrong on our side.',
};

export interface FieldProblem {
  field: string;
  message: string;
  /** A stable code when the problem has one (CONTROL_CHARACTER). */
  code?: string;
}

export class AppError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    /** `reason`: a stable word naming the rule that said no (FORBIDDEN: API_KEY_READ_ONLY). */
    extra: { fields?: FieldProblem[]; retryAfterSeconds?: number; reason?: string } = {},
  ) {
    super(message ?? DEFAULT_MESSAGES[code], { extensions: { code, ...extra } });
    this.name = 'AppError';
  }
}

export const Unauthenticated = (message?: string) => new AppError('UNAUTHENTICATED', message);
export const Forbidden = (message?: string) => new AppError('FORBIDDEN', message);
/** Unknown and forbidden ids answer alike, so existence does not leak. */
export const NotFound = (what = 'It') => new AppError('NOT_FOUND', `${what} was not found.`);
export const BadInput = (fields: FieldProblem[], message?: string) =>
  new AppError('BAD_USER_INPUT', message ?? fields.map((f) => `${f.field}: ${f.message}`).join('; '), { fields });
export const Conflict = (message?: string) => new AppError('CONFLICT', message);

const APOLLO_INPUT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
]);

/**
 * Apollo's formatError: our own errors pass through; argument validation becomes BAD_USER_INPUT with
 * the offending fields; GraphQL syntax and validation errors become BAD_USER_INPUT; anything else is
 * masked as INTERNAL_SERVER_ERROR (its message only outside production, never a stack).
 */
export function createErrorFormatter(options: { production: boolean; onInternal?: (error: unknown) => void }) {
  return (formatted: GraphQLFormattedError, raw: unknown): GraphQLFormattedError => {
    const error = unwrapResolverError(raw);
    const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
    if (error instanceof AppError) {
      // `http` (a status Apollo answers with) is for the server, not the client
      const { http: _status, ...extensions } = error.extensions;
      return { ...base, message: error.message, extensions };
    }
    if (error instanceof ArgumentValidationError) {
      const fields = flattenValidation(error.extensions.validationErrors as ValidationLike[] | undefined);
      return {
        ...base,
        message: fields.map((f) => `${f.field}: ${f.message}`).join('; ') || DEFAULT_MESSAGES.BAD_USER_INPUT,
        extensions: { code: 'BAD_USER_INPUT', fields },
      };
    }
    if (isDatabaseUnavailable(error)) {
      return { ...base, message: DEFAULT_MESSAGES.SERVICE_UNAVAILABLE, extensions: { code: 'SERVICE_UNAVAILABLE' } };
    }
    if (isMalformedValue(error)) {
      // a value the database cannot read as its type (an id that is not a UUID): the caller's input, not our fault
      return {
        ...base,
        message: 'A value is malformed (ids are UUIDs; text may not hold NUL characters).',
        extensions: { code: 'BAD_USER_INPUT' },
      };
    }
    const apolloCode = formatted.extensions?.code;
    if (typeof apolloCode === 'string' && APOLLO_INPUT_CODES.has(apolloCode)) {
      return { ...base, extensions: { code: 'BAD_USER_INPUT' } };
    }
    if (raw instanceof GraphQLError && !raw.originalError && !raw.path) {
      // a validation error raised by graphql-js itself (unknown field, wrong variable type)
      return { ...base, extensions: { code: 'BAD_USER_INPUT' } };
    }
    options.onInternal?.(error);
    return {
      ...base,
      message: options.production
        ? DEFAULT_MESSAGES.INTERNAL_SERVER_ERROR
        : `${DEFAULT_MESSAGES.INTERNAL_SERVER_ERROR} (${(error as Error)?.message ?? String(error)})`,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

interface ValidationLike {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationLike[];
}

function flattenValidation(errors: ValidationLike[] = [], prefix = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flattenValidation(e.children, field)];
  });
}

/** The database is down or restarting: the request can be retried, nothing is wrong with it. */
/** PostgreSQL could not read a value as its type (22P02 invalid_text_representation, 22007/22008 bad date, 22003 out of range, 22021/22P05 a NUL or untranslatable character). */
export function isMalformedValue(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } } | undefined;
  return ['22P02', '22007', '22008', '22003', '22021', '22P05'].includes(e?.code ?? e?.driverError?.code ?? '');
}

export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: string; message?: string; driverError?: { code?: string; message?: string } } | undefined;
  const code = e?.code ?? e?.driverError?.code;
  const message = `${e?.message ?? ''} ${e?.driverError?.message ?? ''}`;
  return (
    ['ECONNREFUSED', 'ECONNRESET', '57P01', '57P02', '57P03', '08000', '08003', '08006', '53300'].includes(
      code ?? '',
    ) ||
    /Connection terminated|connection timeout|timeout exceeded when trying to connect|the database system is (starting up|shutting down)/i.test(
      message,
    )
  );
}
