/**
 * The participant app's message catalogues and its plain-word explanations, without a browser: every
 * French message parses as ICU and takes the same arguments as its English one (the type check already
 * fails on a missing key), plurals and numbers follow each locale, and a match's codes become names.
 */
import { describe, expect, it } from 'vitest';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';
import { en } from '../../apps/web/src/i18n/en';
import { frCA } from '../../apps/web/src/i18n/fr-CA';
import { explain } from '../../apps/web/src/explain';
import { en as adminEn } from '../../apps/admin/src/i18n/en';
import { frCA as adminFrCA } from '../../apps/admin/src/i18n/fr-CA';
import {
  en as emailEn,
  frCA as emailFrCA,
  message as emailMessage,
} from '../../services/identity/src/modules/notifications/notification.messages';

function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const e of elements) {
    if (e.type === TYPE.argument || e.type === TYPE.number || e.type === TYPE.date) into.add(e.value);
    if (e.type === TYPE.plural || e.type === TYPE.select) {
      into.add(e.value);
      for (const option of Object.values(e.options)) argumentsOf(option.value, into);
    }
  }
  return into;
}

describe('message catalogues', () => {
  it('should have the same keys in en and fr-CA, each parsing as ICU with the same arguments', () => {
    expect(Object.keys(frCA).sort()).toEqual(Object.keys(en).sort());
    for (const [key, message] of Object.entries(en)) {
      const english = [...argumentsOf(parse(message))].sort();
      const french = [...argumentsOf(parse(frCA[key as keyof typeof en]))].sort();
      expect(french, key).toEqual(english);
    }
  });

  it("should give identity's notification and email catalogue the same keys and arguments in en and fr-CA", () => {
    expect(Object.keys(emailFrCA).sort()).toEqual(Object.keys(emailEn).sort());
    for (const [key, message] of Object.entries(emailEn)) {
      const english = [...argumentsOf(parse(message))].sort();
      const french = [...argumentsOf(parse(emailFrCA[key as keyof typeof emailEn]))].sort();
      expect(french, key).toEqual(english);
    }
    const due = new Date('2026-12-15T00:00:00Z');
    expect(emailMessage('fr-CA', 'auditVerification.title', { count: 1, subject: 'Ana' })).toBe(
      'Veuillez vérifier 1 rencontre avec Ana',
    );
    expect(emailMessage('en', 'auditVerification.body', { count: 3, subject: 'Ana', due })).toContain(
      'confirm 3 meetings you had with Ana. Please answer by December 15, 2026.',
    );
  });

  it('should write plurals and percentages as each language does', () => {
    const format = (locale: string, message: string, values: Record<string, unknown>) =>
      new IntlMessageFormat(message, locale).format(values) as string;
    expect(format('en', en['home.pending'], { count: 1 })).toBe('1 request is waiting');
    expect(format('fr-CA', frCA['home.pending'], { count: 2 })).toBe('2 demandes en attente');
    expect(format('fr-CA', frCA['search.match'], { score: 0.82 })).toMatch(/^Correspondance : 82\s%$/);
    expect(format('en', en['programmes.termsOr'], { hours: 3, meetings: 3, weeks: 26 })).toBe(
      '3 hours or 3 meetings over 26 weeks.',
    );
  });
});

describe("the admin app's message catalogues", () => {
  const catalogues = { en: adminEn as Record<string, string>, 'fr-CA': adminFrCA as Record<string, string> };

  it('should have the same keys in every catalogue, none empty', () => {
    const keys = Object.keys(adminEn).sort();
    expect(keys.length).toBeGreaterThan(500);
    for (const [locale, catalogue] of Object.entries(catalogues)) {
      expect(Object.keys(catalogue).sort(), locale).toEqual(keys);
      for (const [key, message] of Object.entries(catalogue)) expect(message.trim(), `${locale} ${key}`).not.toBe('');
    }
  });

  it('should parse every message as ICU, with the same placeholders in French as in English', () => {
    for (const [key, message] of Object.entries(adminFrCA))
      // numbers are formatted in code (Intl), not by ICU skeletons (which the parser here does not apply)
      expect(message, key).not.toContain('::');
    for (const [key, message] of Object.entries(adminEn)) {
      const english = [...argumentsOf(parse(message))].sort();
      const french = [...argumentsOf(parse(adminFrCA[key as keyof typeof adminEn]))].sort();
      expect(french, key).toEqual(english);
    }
  });

  it('should write French as Canadian French: « » with non-breaking spaces, a non-breaking space before : ? !', () => {
    for (const [key, message] of Object.entries(adminFrCA)) {
      expect(message, key).not.toMatch(/«(?!\u00a0)|(?<!\u00a0)»/);
      expect(message, key).not.toMatch(/ [:?!]|\S[?!]/);
    }
  });

  it('should format plurals, percentages and decimals as each language does', () => {
    const format = (locale: string, message: string, values: Record<string, unknown>) =>
      new IntlMessageFormat(message, locale).format(values) as string;
    expect(format('en', adminEn['cohort.publish'], { count: 1 })).toBe('Publish 1 proposal');
    expect(format('fr-CA', adminFrCA['cohort.publish'], { count: 3 })).toBe('Publier 3 propositions');
    expect(format('fr-CA', adminFrCA['audit.sample'], { rate: 0.1, strategy: 'uniforme', population: 40 })).toMatch(
      /^10\s%\suniforme sur 40$/,
    );
    expect(format('fr-CA', adminFrCA['rel.hours'], { hours: 3.5 })).toBe('3,5 h');
    expect(format('en', adminEn['caseload.overdue'], { days: 0 })).toBe('today:');
    expect(format('fr-CA', adminFrCA['caseload.overdue'], { days: 2 })).toBe('en retard de 2 jours\u00a0:');
  });
});

describe('explain', () => {
  const names = {
    industry: (c: string) => ({ '541330': 'Engineering services' })[c],
    occupation: (c: string) => ({ '21300': 'Civil engineers' })[c],
    industryFamily: (f: string) => ({ '54': 'Professional, scientific and technical services' })[f],
    occupationFamily: (f: string) => ({ '21': 'Professional occupations in natural and applied sciences' })[f],
  };
  const words = { mode: (m: string) => ({ VIDEO: 'video call' })[m] ?? m, list: (items: string[]) => items.join(', ') };

  it('should name codes and code families in words, strongest first, leaving out what did not match', () => {
    expect(
      explain(
        [
          { criterion: 'INDUSTRY', similarity: 0.5, matched: ['54 (family)'] },
          { criterion: 'OCCUPATION', similarity: 1, matched: ['21300'] },
          { criterion: 'SKILLS', similarity: 0, matched: [] },
          { criterion: 'MEETING_PREFERENCE', similarity: 1, matched: ['VIDEO'] },
          { criterion: 'LANGUAGES', similarity: 1, matched: ['French', 'Arabic'] },
        ],
        names,
        words,
      ),
    ).toEqual([
      { id: 'explain.occupation', what: 'Civil engineers', similarity: 1 },
      { id: 'explain.modes', what: 'video call', similarity: 1 },
      { id: 'explain.languages', what: 'French, Arabic', similarity: 1 },
      { id: 'explain.industryFamily', what: 'Professional, scientific and technical services', similarity: 0.5 },
    ]);
  });
});
