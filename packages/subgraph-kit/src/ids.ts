/** Ids are UUIDs: checked once here, before a malformed one reaches SQL (where it would be a cast error). */
import { BadInput } from './errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** The well-formed ids among `values` (a malformed id can name nothing, so lookups skip it). */
export const uuids = (values: readonly unknown[]): string[] => values.filter(isUuid);

/** The id, or BAD_USER_INPUT naming the field. */
export function requireUuid(value: unknown, field: string): string {
  if (!isUuid(value)) throw BadInput([{ field, message: 'is not an id', code: 'INVALID_ID' }]);
  return value;
}
