import { ERROR_CODES, type ErrorCode } from '@tandem/contracts';
import type { GraphQLFormattedError } from 'graphql';
import { withInputFields } from './input-errors';

const INPUT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
]);

/**
 * Clients see only codes from the closed set in @tandem/contracts: the gateway's own input errors become
 * BAD_USER_INPUT, an unreachable subgraph SERVICE_UNAVAILABLE, anything unknown INTERNAL_SERVER_ERROR
 * (masked in production). Stack traces never leave.
 */
export function closedErrorCode(formatted: GraphQLFormattedError, production: boolean): GraphQLFormattedError {
  const {
    stacktrace: _s,
    exception: _e,
    serviceName: _n,
    ...extensions
  } = (formatted.extensions ?? {}) as Record<string, unknown>;
  const raw = extensions.code as string | undefined;
  let code: ErrorCode;
  // a subgraph that cannot be reached: the gateway reports it as an internal error with the socket's words
  // (or one that dropped the connection in the middle of its answer: node says "aborted")
  // (a document the gateway could not read is the client's, whatever its message says: "Parsing aborted.")
  if (raw && INPUT_CODES.has(raw)) {
    code = 'BAD_USER_INPUT';
    // graphql-js gives up comparing a flood of overlapping fields with these two words
    if (formatted.message === 'Validation aborted.') {
      return {
        message: 'The query repeats its fields too often to be checked; select each field once.',
        extensions: { code, limit: 'repeatedField' },
      };
    }
  } else if (
    /^request to \S+ failed|ECONNREFUSED|ECONNRESET|ETIMEDOUT|socket hang up|fetch failed|\baborted\b/.test(
      formatted.message,
    )
  )
    code = 'SERVICE_UNAVAILABLE';
  else if (raw && (ERROR_CODES as readonly string[]).includes(raw)) code = raw as ErrorCode;
  else code = 'INTERNAL_SERVER_ERROR';
  if (code === 'SERVICE_UNAVAILABLE') {
    return {
      message: 'A part of the platform is unavailable; try again shortly.',
      path: formatted.path,
      extensions: { code },
    };
  }
  if (code === 'INTERNAL_SERVER_ERROR' && production) {
    return { message: 'Something went wrong on our side.', path: formatted.path, extensions: { code } };
  }
  return { ...formatted, extensions: withInputFields(formatted.message, { ...extensions, code }) };
}
