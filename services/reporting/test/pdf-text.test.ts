import { describe, expect, it } from 'vitest';
import { layoutText, visualLines } from '../src/modules/exports/pdf-text';

const graphemeBoundaries = (text: string) =>
  new Set([
    0,
    ...[...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(text)].map((g) => g.index + g.segment.length),
  ]);

describe('PDF text layout', () => {
  it('should draw each character with the first font that has it', () => {
    const runs = visualLines(layoutText('Дмитрий 王小明 प्रिया Αλέξανδρος', { size: 10, width: 500 }))[0];
    const fontOf = (text: string) => runs.find((r) => r.text.includes(text))?.font;
    expect(fontOf('Дмитрий')).toBe('NotoSans-Regular');
    expect(fontOf('王小明')).toBe('NotoSansHans-Regular');
    expect(fontOf('प्रिया')).toBe('NotoSans-Regular');
    expect(fontOf('Αλέξανδρος')).toBe('NotoSans-Regular');
    const more = visualLines(layoutText('김민준 · דוד כהן', { size: 10, width: 500 }))[0];
    expect(more.find((r) => r.text.includes('김민준'))?.font).toBe('NotoSansKR-Regular');
    expect(more.find((r) => r.text.includes('דוד כהן'))?.font).toBe('NotoSansHebrew-Regular');
    const bold = visualLines(layoutText('فاطمة', { size: 10, width: 500, face: 'bold' }))[0];
    expect(bold).toEqual([{ text: 'فاطمة', font: 'NotoNaskhArabic-Bold' }]);
  });

  it('should put right-to-left names in visual order inside a left-to-right line, and the reverse', () => {
    const ltr = visualLines(layoutText('Mentor: فاطمة الزهراء, Toronto', { size: 10, width: 500 }))[0];
    expect(ltr[1].text).toBe('فاطمة الزهراء');
    expect(ltr.map((r) => r.text).join('')).toBe('Mentor: فاطمة الزهراء, Toronto');
    // a number after Arabic letters belongs to the Arabic (UAX #9): "(2026)" is drawn left of the name, mirrored
    const year = visualLines(layoutText('Mentor: فاطمة (2026)', { size: 10, width: 500 }))[0].map((r) => r.text);
    expect(year.join('|')).toBe('Mentor: |)|2026|(|فاطمة ');
    // a right-to-left paragraph starts at the right: its first word is drawn last, the Latin word between
    const rtl = visualLines(layoutText('مرحبا Tandem بكم', { size: 10, width: 500 }))[0].map((r) => r.text);
    expect(rtl[0]).toBe('بكم');
    expect(rtl.at(-1)).toContain('مرحبا');
    expect(rtl).toContain('Tandem');
  });

  it('should break lines between graphemes, never inside a character', () => {
    const text = 'e\u0301'.repeat(30) + '👩‍👩‍👧'.repeat(6) + 'क्षि'.repeat(12) + '王'.repeat(20);
    const layout = layoutText(text, { size: 10, width: 28 });
    expect(layout.lines.length).toBeGreaterThan(5);
    const boundaries = graphemeBoundaries(text);
    for (const line of layout.lines) {
      expect(boundaries.has(line.start)).toBe(true);
      expect(boundaries.has(line.end)).toBe(true);
      expect(line.end).toBeGreaterThan(line.start);
    }
    expect(layout.lines.map((l) => text.slice(l.start, l.end)).join('')).toBe(text);
  });

  it('should end text cut at its height with an ellipsis after a whole grapheme', () => {
    const text = 'Shanmugasundaram Éloïse-Brûlé क्षत्रिय Venkataraghavan and many more words that cannot fit';
    const one = layoutText(text, { size: 10, width: 120 }).lines[0].height;
    const layout = layoutText(text, { size: 10, width: 120, maxHeight: one });
    expect(layout.truncated).toBe(true);
    expect(layout.lines).toHaveLength(1);
    expect(graphemeBoundaries(text).has(layout.lines[0].end)).toBe(true);
    expect(visualLines(layout)[0].at(-1)).toEqual({ text: '…', font: 'NotoSans-Regular' });
    expect(layoutText('Short', { size: 10, width: 120, maxHeight: one }).truncated).toBe(false);
  });
});
