import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, pageSize, sliceAndPageInfo } from '../src';

const isPair = (v: unknown): v is [number, string] =>
  Array.isArray(v) && typeof v[0] === 'number' && typeof v[1] === 'string';

describe('pagination', () => {
  it('should round-trip a cursor and refuse a forged one with the field named', () => {
    expect(decodeCursor(encodeCursor([0.5, 'abc']), isPair)).toEqual([0.5, 'abc']);
    expect(() => decodeCursor('bm90LWEtY3Vyc29y', isPair)).toThrow(/after: is not a cursor/);
  });

  it('should cap page sizes at 100 and default to 20', () => {
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(100)).toBe(100);
    expect(() => pageSize(101)).toThrow(/between 1 and 100/);
    expect(() => pageSize(0)).toThrow(/between 1 and 100/);
  });

  it('should say whether there is a next page from a fetch of size + 1', () => {
    const page = sliceAndPageInfo([1, 2, 3], 2, (n) => `c${n}`, false);
    expect(page.nodes).toEqual([1, 2]);
    expect(page.pageInfo).toMatchObject({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: 'c1',
      endCursor: 'c2',
    });
    expect(sliceAndPageInfo([1], 2, (n) => `c${n}`, true).pageInfo).toMatchObject({
      hasNextPage: false,
      hasPreviousPage: true,
    });
  });
});
