import { describe, expect, it } from 'vitest';
import { AppError, BULK_LIMIT, Conflict, eachOutcome, NotFound, refuse } from '../src';

describe(eachOutcome.name, () => {
  it('should run every item on its own and list each refusal with its item, in the order given', async () => {
    const ran: string[] = [];
    const sut = await eachOutcome('thing', 'ids', ['a', 'b', 'c', 'a', 'd'], async (id) => {
      ran.push(id);
      if (id === 'b') throw refuse('reason', 'INVALID_STATE', 'Not now.');
      if (id === 'c') throw NotFound('Thing');
      return id.toUpperCase();
    });
    expect(ran).toEqual(['a', 'b', 'c', 'd']);
    expect(sut).toEqual([
      { id: 'a', thing: 'A', errors: [] },
      { id: 'b', thing: null, errors: [expect.objectContaining({ field: 'reason', code: 'INVALID_STATE' })] },
      { id: 'c', thing: null, errors: [expect.objectContaining({ field: 'ids.2', code: 'NOT_FOUND' })] },
      { id: 'a', thing: null, errors: [expect.objectContaining({ field: 'ids.3', code: 'DUPLICATE' })] },
      { id: 'd', thing: 'D', errors: [] },
    ]);
  });

  it('should refuse no items or more than the limit before running anything', async () => {
    let ran = 0;
    const work = async () => ++ran;
    await expect(eachOutcome('n', 'ids', [], work)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    const many = Array.from({ length: BULK_LIMIT + 1 }, (_, i) => String(i));
    await expect(eachOutcome('n', 'ids', many, work)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(ran).toBe(0);
  });

  it('should throw a failure that is not the item’s (a conflict, a bug) instead of hiding it', async () => {
    await expect(
      eachOutcome('n', 'ids', ['a'], async () => {
        throw Conflict();
      }),
    ).rejects.toBeInstanceOf(AppError);
    await expect(
      eachOutcome('n', 'ids', ['a'], async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
  });
});
