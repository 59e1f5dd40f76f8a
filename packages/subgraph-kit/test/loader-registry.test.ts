import { describe, expect, it } from 'vitest';
import { LoaderRegistry } from '../src/context';

describe(LoaderRegistry.name, () => {
  const counting = () => {
    const asked: string[][] = [];
    const batch = async (keys: readonly string[]) => {
      asked.push([...keys]);
      return keys.map((k) => `fetched ${k}`);
    };
    return { asked, batch };
  };

  it('should give a loader the values primed before its first use, and fetch only the others', async () => {
    const sut = new LoaderRegistry();
    const { asked, batch } = counting();
    sut.prime('people', 'a', 'read with me');
    sut.prime('people', 'a', 'read again');
    const loader = sut.get('people', batch);
    expect(await Promise.all([loader.load('a'), loader.load('b')])).toEqual(['read with me', 'fetched b']);
    expect(asked).toEqual([['b']]);
  });

  it('should prime a loader in use, keeping what it already holds', async () => {
    const sut = new LoaderRegistry();
    const { asked, batch } = counting();
    const loader = sut.get('people', batch);
    expect(await loader.load('a')).toBe('fetched a');
    sut.prime('people', 'a', 'newer');
    sut.prime('people', 'c', 'primed');
    expect(await Promise.all([loader.load('a'), loader.load('c')])).toEqual(['fetched a', 'primed']);
    expect(asked).toEqual([['a']]);
  });

  it('should say which keys a loader was asked for or primed with, and forget everything when cleared', async () => {
    const sut = new LoaderRegistry();
    const { asked, batch } = counting();
    expect(sut.holds('people', 'a')).toBe(false);
    await sut.get('people', batch).load('a');
    sut.prime('people', 'b', 'primed');
    expect([sut.holds('people', 'a'), sut.holds('people', 'b'), sut.holds('people', 'c')]).toEqual([true, true, false]);
    sut.clear();
    expect(sut.peek('people')).toBeUndefined();
    expect(sut.holds('people', 'a')).toBe(false);
    expect(await sut.get('people', batch).load('a')).toBe('fetched a');
    expect(asked).toEqual([['a'], ['a']]);
  });

  it('should show a loader to peek only once the request has used it', () => {
    const sut = new LoaderRegistry();
    expect(sut.peek('people')).toBeUndefined();
    const loader = sut.get('people', counting().batch);
    expect(sut.peek('people')).toBe(loader);
  });
});
