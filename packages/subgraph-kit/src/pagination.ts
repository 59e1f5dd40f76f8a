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

/** A page asked for: its size and the decoded cursor of the row it starts after. */
export interface PageRequest<C> {
  size: number;
  after: C | null;
}

/** Reads `first` and `after` of a connection field (BAD_USER_INPUT naming the argument when either is wrong). */
export function readPage<C>(
  args: { first?: number | null; after?: string | null },
  isCursor: (value: unknown) => value is C,
): PageRequest<C> {
  return { size: pageSize(args.first), after: decodeCursor(args.after, isCursor) };
}

export interface Edge<N> {
  cursor: string;
  node: N;
}

/**
 * A Relay connection as resolvers return it. `totalCount` is a getter: the count runs only when the client asks for
 * the field (type-graphql reads a plain field's property as it is, so a getter, not a function), and once.
 */
export interface Connection<N> {
  edges: Array<Edge<N>>;
  pageInfo: PageInfo;
  readonly totalCount: Promise<number>;
}

/**
 * The connection of a page fetched as `size + 1` rows in list order (the extra row says there is a next page).
 * `cursorOf` gives the values the list is ordered by, encoded as the row's cursor.
 */
export function toConnection<R, N>(
  rows: readonly R[],
  page: PageRequest<unknown>,
  cursorOf: (row: R) => unknown,
  toNode: (row: R) => N,
  count: () => Promise<number>,
): Connection<N> {
  const { nodes, pageInfo, cursors } = sliceAndPageInfo(
    [...rows],
    page.size,
    (r) => encodeCursor(cursorOf(r)),
    page.after !== null,
  );
  let counted: Promise<number> | undefined;
  return {
    edges: nodes.map((row, i) => ({ cursor: cursors[i], node: toNode(row) })),
    pageInfo,
    get totalCount() {
      return (counted ??= count());
    },
  };
}

/** A cursor of `[instant, id]`, the order of most lists (newest first, ties broken by id). */
export type TimeIdCursor = [string, string];
export const isTimeIdCursor = (v: unknown): v is TimeIdCursor =>
  Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string';
