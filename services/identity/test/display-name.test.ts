import { describe, expect, it } from 'vitest';
import { validateDisplayName } from '../src/modules/auth/password-policy';

const codes = (name: string) => validateDisplayName(name).map((e) => e.code);

describe(validateDisplayName.name, () => {
  it('should accept names in any script, with the joiners those scripts need', () => {
    for (const name of [
      'Amara Okafor',
      'Zoë Tremblay-Côté',
      'Nguyễn Thị Minh Khai',
      'محمد رضا',
      'می\u200Cخواهم', // Persian with a zero-width non-joiner between letters
      'श्री\u200Dमती', // Devanagari with a zero-width joiner
      '王小明',
      'Ἀλέξανδρος',
      "O'Brien",
    ]) {
      expect(codes(name), name).toEqual([]);
    }
  });

  it('should refuse direction overrides, isolates, zero-width and other invisible characters with a stable code', () => {
    for (const name of [
      'Amara\u202Egnp.exe',
      'Admin\u2066istrator\u2069',
      'Pat\u200BProgramme',
      'Pat\u2060Lee',
      '\uFEFFPat',
      'Pa\u00ADt',
      'Pat\u200F',
      'Pat\u3164Lee',
      'Pat \u200DLee',
      '\u200DPat',
      'Pat\u0007',
      'Pat\u{E0041}',
    ]) {
      expect(codes(name), JSON.stringify(name)).toEqual(['INVISIBLE_CHARACTERS']);
    }
  });

  it('should count a name in characters as people see them, not in code units', () => {
    // 120 Devanagari syllables of two code points each, and 120 ideographs outside the BMP (two units each)
    expect(codes('कि'.repeat(120))).toEqual([]);
    expect(codes('𠀀'.repeat(120))).toEqual([]);
    expect(codes('Nguyễn'.padEnd(120, 'x'))).toEqual([]);
    expect(codes('a'.repeat(121))).toEqual(['TOO_LONG']);
    expect(codes('कि'.repeat(121))).toEqual(['TOO_LONG']);
    // a stack of combining marks is one character, but not an unbounded one
    expect(codes(`A${'\u0301'.repeat(700)}`)).toEqual(['TOO_LONG']);
  });
});
