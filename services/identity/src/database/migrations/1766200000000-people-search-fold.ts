import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `search_fold(text)`: a name as people search it, without accents or case, in every script (issue 22). The text
 * is decomposed (NFKD, so "ﬁ" is "fi" and "é" is "e" + accent), stripped of combining accents (Latin, Greek and
 * Cyrillic diacritics, Hebrew points, Arabic vowel marks and tatweel: marks people leave out when they type a
 * name; Devanagari vowel signs and the like are letters, and stay), lowercased by ICU (the database's own locale
 * may be C, which lowercases ASCII only), and the letters that do not decompose are spelled out (ß ss, æ ae,
 * œ oe, ø o, ł l, đ d, ı i). The people search compares folded name and folded query, so "eloise" finds "Éloïse"
 * and "ДМИТРИЙ" finds "Дмитрий". Needs PostgreSQL built with ICU (the embedded one and the usual packages are).
 */
export class PeopleSearchFold1766200000000 implements MigrationInterface {
  name = 'PeopleSearchFold1766200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION search_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
      SELECT replace(replace(replace(translate(
        lower(regexp_replace(normalize(t, NFKD),
          '[\\u0300-\\u036f\\u1ab0-\\u1aff\\u1dc0-\\u1dff\\u20d0-\\u20ff\\ufe20-\\ufe2f\\u0591-\\u05c7\\u0610-\\u061a\\u064b-\\u065f\\u0670\\u0640]',
          '', 'g') COLLATE "und-x-icu"),
        'øłđħı', 'oldhi'), 'ß', 'ss'), 'æ', 'ae'), 'œ', 'oe')
    $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION search_fold(text)`);
  }
}
