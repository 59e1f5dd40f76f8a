/** Relay-style cursor pagination: opaque cursors, page sizes capped at 100. */
import { BadInput } from './errors';
import { PageInfo } from './types';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export function pageSize(first: number | null | undefined, field = 'first'): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw BadInput([{ field, message: `must be between 1 and ${MAX_PAGE_SIZE}` }]);
  }
  return first;
}

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export function decodeCursor<T>(
  cursor: string | null | undefined,
  isValid: (v: unknown) => v is T,
  field = 'after',
): T | null {
  if (!cursor) return null;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (isValid(value)) return value;
  } catch {
    // fall through
  }
  throw BadInput([{ field, message: 'is not a cursor from this list' }]);
}

/** Builds page info from a fetch of `size + 1` rows. */
export function sliceAndPageInfo<T>(
  rows: T[],
  size: number,
  cursorOf: (row: T) => string,
  hadCursor: boolean,
): { nodes: T[]; pageInfo: PageInfo; cursors: string[] } {
  const nodes = rows.slice(0, size);
  const cursors = nodes.map(cursorOf);
  const pageInfo = Object.assign(new PageInfo(), {
    hasNextPage: rows.length > size,
    hasPreviousPage: hadCursor,
    startCursor: cursors[0] ?? null,
    endCursor: cursors[cursors.length - 1] ?? null,
  });
  return { nodes, pageInfo, cursors };
}
