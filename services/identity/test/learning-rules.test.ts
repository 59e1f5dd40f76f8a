import { describe, expect, it } from 'vitest';
import { FieldErrors } from '@tandem/subgraph-kit';
import { DEFAULT_LEARNING_RESOURCES } from '../src/modules/learning/learning.defaults';
import type { LearningResourceRow } from '../src/modules/learning/learning.repository';
import { LEARNING_STAGES, learningFields, type LearningInputLike } from '../src/modules/learning/learning.rules';
import { inLanguage, mayEditLearning } from '../src/modules/learning/learning.service';

const guide: LearningInputLike = {
  title: '  Preparing  ',
  kind: 'GUIDE',
  body: 'Line one\r\nLine two',
  url: null,
  language: 'en',
  stage: 'PREPARING_FIRST_MEETING',
};
const codes = (input: Partial<LearningInputLike>) => {
  const errors = new FieldErrors();
  learningFields({ ...guide, ...input }, errors);
  return errors.list.map((e) => `${e.field}:${e.code}`);
};

describe(learningFields.name, () => {
  it('should trim the title and normalise line ends when the input is valid', () => {
    const errors = new FieldErrors();
    expect(learningFields(guide, errors)).toMatchObject({ title: 'Preparing', body: 'Line one\nLine two', url: null });
    expect(errors.list).toEqual([]);
  });

  it('should refuse a missing or long title, a non-https link, and neither text nor link', () => {
    expect(codes({ title: ' ' })).toEqual(['input.title:REQUIRED']);
    expect(codes({ title: 'x'.repeat(201) })).toEqual(['input.title:TOO_LONG']);
    expect(codes({ url: 'http://example.org' })).toEqual(['input.url:INVALID_URL']);
    expect(codes({ url: 'https://exa mple.org' })).toEqual(['input.url:INVALID_URL']);
    expect(codes({ body: '  ', url: null })).toEqual(['input.body:REQUIRED']);
    expect(codes({ body: null, url: 'https://example.org/guide.pdf' })).toEqual([]);
  });

  it('should want a link for a video, and a known language', () => {
    expect(codes({ kind: 'VIDEO' })).toEqual(['input.url:REQUIRED']);
    expect(codes({ kind: 'VIDEO', url: 'https://videos.example.org/1' })).toEqual([]);
    expect(codes({ language: 'fr' })).toEqual(['input.language:UNSUPPORTED_LANGUAGE']);
  });
});

describe(inLanguage.name, () => {
  const row = (stage: string, language: string) => ({ stage, language }) as unknown as LearningResourceRow;
  const rows = [row('MID_WAY', 'en'), row('MID_WAY', 'fr-CA'), row('COMPLETING', 'en')];

  it("should keep the reader's language and fall back to English per stage", () => {
    expect(inLanguage(rows, 'fr-CA')).toEqual([rows[1], rows[2]]);
    expect(inLanguage(rows, 'en')).toEqual([rows[0], rows[2]]);
    expect(inLanguage(rows, null)).toEqual(rows);
  });
});

describe(mayEditLearning.name, () => {
  const p = (roles: string[], organizationId: string | null) =>
    ({ userId: 'u', roles, organizationId }) as unknown as Parameters<typeof mayEditLearning>[0];
  it("should let staff and the partner organisations' coaches edit, and nobody else", () => {
    const programme = { organizationIds: ['a'] };
    expect(mayEditLearning(p(['ADMIN'], null), programme)).toBe(true);
    expect(mayEditLearning(p(['PROGRAMME_ADMIN'], null), programme)).toBe(true);
    expect(mayEditLearning(p(['COACH'], 'a'), programme)).toBe(true);
    expect(mayEditLearning(p(['COACH'], 'b'), programme)).toBe(false);
    expect(mayEditLearning(p(['MENTOR'], 'a'), programme)).toBe(false);
  });
});

describe('the default learning resources', () => {
  it('should cover every stage in English and French, each valid', () => {
    for (const stage of LEARNING_STAGES)
      expect(DEFAULT_LEARNING_RESOURCES.filter((r) => r.stage === stage).map((r) => r.language)).toEqual([
        'en',
        'fr-CA',
      ]);
    for (const r of DEFAULT_LEARNING_RESOURCES) {
      const errors = new FieldErrors();
      learningFields(r, errors);
      expect(errors.list).toEqual([]);
    }
  });
});
