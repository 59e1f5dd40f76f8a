/**
 * TypeORM's `query()` answers an UPDATE or DELETE with `[rows, rowCount]` rather than the rows
 * (INSERT and SELECT give the rows): this returns the RETURNING rows either way.
 */
export function returnedRows<T = Record<string, unknown>>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number')
    return result[0] as T[];
  return result as T[];
}
