/**
 * Text in any script in a PDF. Each paragraph gets a font per character (the first of the face's fonts that has
 * its glyphs: fallback per grapheme, see pdf-fonts.ts), is broken into lines at the Unicode line-break
 * opportunities (UAX #14, `linebreak`, pdfkit's own line breaker) and, in a word wider than the line, between
 * graphemes, never inside a character; then each line is put in visual order by the Unicode bidirectional
 * algorithm (UAX #9, `bidi-js`). Runs are drawn in logical order and shaped by fontkit (Arabic joining and
 * right-to-left glyph order, Devanagari conjuncts and vowel signs); those outside Latin carry their text as
 * `ActualText`, so what a reader copies or a tool extracts is the name as it was written.
 */
import bidiFactory, { type EmbeddingLevels } from 'bidi-js';
import LineBreaker from 'linebreak';
import { fontFor, primaryFont, useFont, type Face, type PdfFont } from './pdf-fonts';

const bidi = bidiFactory();
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

export interface Span {
  text: string;
  face?: Face;
}
export type RichText = string | Span[];

export interface TextStyle {
  size: number;
  width: number;
  face?: Face;
  /** extra space under each line, in points */
  lineGap?: number;
  /** lines that do not fit are left out and the last one kept ends with "…" */
  maxHeight?: number;
  /** `start` is left in a left-to-right paragraph and right in a right-to-left one */
  align?: 'start' | 'left' | 'center' | 'right' | 'justify';
}

interface Paragraph {
  text: string;
  /** the font of each UTF-16 unit */
  fonts: PdfFont[];
  embedding: EmbeddingLevels;
  rtl: boolean;
}

interface Line {
  paragraph: Paragraph;
  start: number;
  end: number;
  width: number;
  ascent: number;
  height: number;
  last: boolean;
  ellipsis: boolean;
}

export interface TextLayout {
  lines: Line[];
  height: number;
  truncated: boolean;
  style: TextStyle;
}

interface Run {
  font: PdfFont;
  /** logical text, as written */
  text: string;
  /** what is handed to fontkit: the logical text, mirrored and reversed when no script reverses it itself */
  draw: string;
  width: number;
  rtl: boolean;
}

const ELLIPSIS = '…';
const LATIN_ONLY = /^[\u0000-\u024f\u2000-\u206f\u20ac]*$/;

// Shaping is the costly part of a layout, and exports repeat the same words (labels, dates, names): widths are
// kept per font, in em, for a bounded number of strings.
const widths = new Map<PdfFont, Map<string, number>>();

function advance(font: PdfFont, text: string, size: number): number {
  const known = widths.get(font) ?? new Map<string, number>();
  widths.set(font, known);
  let em = known.get(text);
  if (em === undefined) {
    em = font.font.layout(text).advanceWidth / font.font.unitsPerEm;
    if (known.size >= 20_000) known.clear();
    known.set(text, em);
  }
  return em * size;
}

function rangeWidth(p: Paragraph, start: number, end: number, size: number): number {
  let width = 0;
  for (let i = start; i < end;) {
    let j = i + 1;
    while (j < end && p.fonts[j] === p.fonts[i]) j++;
    width += advance(p.fonts[i], p.text.slice(i, j), size);
    i = j;
  }
  return width;
}

function trimEnd(text: string, start: number, end: number): number {
  while (end > start && /\s/.test(text[end - 1])) end--;
  return end;
}

function graphemeEnds(text: string, start: number, end: number): number[] {
  return [...graphemes.segment(text.slice(start, end))].map((g) => start + g.index + g.segment.length);
}

/** Punctuation, spaces and digits stay in the font of what precedes them when it has them (fewer runs). */
const NEUTRAL = /^[\p{Zs}\p{P}\p{S}\p{N}]+$/u;

function toParagraph(text: string, faces: Face[]): Paragraph {
  const fonts: PdfFont[] = new Array<PdfFont>(text.length);
  let previous: { font: PdfFont; face: Face } | null = null;
  for (const { segment, index } of graphemes.segment(text)) {
    const face = faces[index];
    const codePoints = [...segment].map((c) => c.codePointAt(0) ?? 0);
    const font: PdfFont =
      previous &&
      previous.face === face &&
      NEUTRAL.test(segment) &&
      codePoints.every((c) => previous!.font.font.hasGlyphForCodePoint(c))
        ? previous.font
        : fontFor(face, codePoints);
    fonts.fill(font, index, index + segment.length);
    previous = { font, face };
  }
  const embedding = bidi.getEmbeddingLevels(text);
  return { text, fonts, embedding, rtl: (embedding.paragraphs[0]?.level ?? 0) % 2 === 1 };
}

function paragraphs(content: RichText, face: Face): Paragraph[] {
  const spans = typeof content === 'string' ? [{ text: content, face }] : content;
  const out: Paragraph[] = [];
  let text = '';
  let faces: Face[] = [];
  for (const span of spans) {
    const parts = span.text.replace(/\r\n?/g, '\n').split('\n');
    parts.forEach((part, i) => {
      if (i > 0) {
        out.push(toParagraph(text, faces));
        text = '';
        faces = [];
      }
      text += part;
      faces = faces.concat(new Array<Face>(part.length).fill(span.face ?? face));
    });
  }
  out.push(toParagraph(text, faces));
  return out;
}

function lineOf(p: Paragraph, start: number, end: number, style: TextStyle, last: boolean): Line {
  const used = new Set(p.fonts.slice(start, end));
  if (!used.size) used.add(p.fonts[start] ?? primaryFont(style.face ?? 'regular'));
  let ascent = 0;
  let descent = 0;
  for (const f of used) {
    ascent = Math.max(ascent, (f.font.ascent / f.font.unitsPerEm) * style.size);
    descent = Math.max(descent, (-f.font.descent / f.font.unitsPerEm) * style.size);
  }
  return {
    paragraph: p,
    start,
    end,
    width: rangeWidth(p, start, end, style.size),
    ascent,
    height: ascent + descent + (style.lineGap ?? 0),
    last,
    ellipsis: false,
  };
}

/**
 * Greedy line filling at the break opportunities, each word measured once; a word wider than the line is broken
 * between graphemes.
 */
function breakLines(p: Paragraph, style: TextStyle): Line[] {
  const lines: Line[] = [];
  const breaker = new LineBreaker(p.text);
  let start = 0; // of the current line
  let fit = 0; // where the words that fit on it end
  let width = 0; // of those words and the spaces after them
  let previous = 0;
  for (let b = breaker.nextBreak(); b; b = breaker.nextBreak()) {
    const wordEnd = trimEnd(p.text, previous, b.position);
    const word = rangeWidth(p, previous, wordEnd, style.size);
    const space = rangeWidth(p, wordEnd, b.position, style.size);
    if (fit > start && width + word > style.width) {
      lines.push(lineOf(p, start, trimEnd(p.text, start, fit), style, false));
      start = fit;
      width = 0;
    }
    if (fit === start && word > style.width) {
      // alone on its line and still too wide: as many whole graphemes per line as fit (at least one each)
      let from = previous;
      let used = 0;
      for (const end of graphemeEnds(p.text, previous, wordEnd)) {
        const w = rangeWidth(p, from, end, style.size);
        if (end > from && used + w > style.width && from > start) {
          lines.push(lineOf(p, start, from, style, false));
          start = from;
          used = 0;
        }
        used += w;
        from = end;
      }
      width = used + space;
    } else width += word + space;
    fit = b.position;
    previous = b.position;
  }
  lines.push(lineOf(p, start, trimEnd(p.text, start, p.text.length), style, true));
  return lines;
}

/** Lays out text in a box of the style's width: the lines and the height they take. */
export function layoutText(content: RichText, style: TextStyle): TextLayout {
  const all = paragraphs(content, style.face ?? 'regular').flatMap((p) => breakLines(p, style));
  let lines = all;
  let truncated = false;
  if (style.maxHeight !== undefined) {
    let height = 0;
    const kept: Line[] = [];
    for (const line of all) {
      if (kept.length && height + line.height > style.maxHeight + 0.01) break;
      kept.push(line);
      height += line.height;
    }
    truncated = kept.length < all.length;
    if (truncated) {
      const last = kept[kept.length - 1];
      const p = last.paragraph;
      const room = style.width - advance(primaryFont(style.face ?? 'regular'), ELLIPSIS, style.size);
      let end = last.start;
      for (const e of graphemeEnds(p.text, last.start, last.end)) {
        if (rangeWidth(p, last.start, e, style.size) > room) break;
        end = e;
      }
      end = trimEnd(p.text, last.start, end);
      kept[kept.length - 1] = { ...lineOf(p, last.start, end, style, true), ellipsis: true };
    }
    lines = kept;
  }
  return { lines, height: lines.reduce((a, l) => a + l.height, 0), truncated, style };
}

/** The height text takes in a box of the style's width. */
export function heightOfText(content: RichText, style: TextStyle): number {
  return layoutText(content, style).height;
}

function spacesIn(text: string): number {
  return (text.match(/ /g) ?? []).length;
}

function isStrongRtl(text: string): boolean {
  return [...text].some((c) => {
    const type = bidi.getBidiCharTypeName(c);
    return type === 'R' || type === 'AL';
  });
}

/** The line's runs in visual order, left to right, with the ellipsis of a cut text at the line's end. */
function visualRuns(line: Line, style: TextStyle): Run[] {
  const runs = orderedRuns(line, style.size);
  if (line.ellipsis) {
    const font = primaryFont(style.face ?? 'regular');
    const ellipsis = { font, text: ELLIPSIS, draw: ELLIPSIS, width: advance(font, ELLIPSIS, style.size), rtl: false };
    if (line.paragraph.rtl) runs.unshift(ellipsis);
    else runs.push(ellipsis);
  }
  return runs;
}

function orderedRuns(line: Line, size: number): Run[] {
  const { paragraph: p, start, end } = line;
  if (end <= start) return [];
  const order = Array.from({ length: end - start }, (_, k) => start + k);
  for (const [s, e] of bidi.getReorderSegments(p.text, p.embedding, start, end - 1)) {
    const reversed = order.slice(s - start, e - start + 1).reverse();
    order.splice(s - start, reversed.length, ...reversed);
  }
  const groups: Array<{ lo: number; hi: number; font: PdfFont; rtl: boolean; last: number }> = [];
  for (const i of order) {
    const rtl = p.embedding.levels[i] % 2 === 1;
    const g = groups[groups.length - 1];
    if (g && g.font === p.fonts[i] && g.rtl === rtl && i === g.last + (rtl ? -1 : 1)) {
      g.lo = Math.min(g.lo, i);
      g.hi = Math.max(g.hi, i);
      g.last = i;
    } else groups.push({ lo: i, hi: i, font: p.fonts[i], rtl, last: i });
  }
  return groups.map(({ lo, hi, font, rtl }) => {
    const text = p.text.slice(lo, hi + 1);
    let draw = text;
    if (rtl) {
      draw = [...text].map((c) => bidi.getMirroredCharacter(c) ?? c).join('');
      // fontkit reverses a run whose script is right-to-left; neutrals alone it leaves in logical order
      if (!isStrongRtl(text))
        draw = [...graphemes.segment(draw)]
          .map((g) => g.segment)
          .reverse()
          .join('');
    }
    return { font, text, draw, width: advance(font, draw, size), rtl };
  });
}

/**
 * Draws text inside a span whose ActualText is what extraction gives (shaping reorders glyphs: a Devanagari
 * vowel sign drawn before its consonant, ligatures). pdfkit draws text under a flip of the page (`q F cm … Q`);
 * readers place the ActualText with the transformation in force at the span's end, so the span is opened under
 * the same flip, and the flip undone inside it (F is its own inverse).
 */
function withActualText(doc: PDFKit.PDFDocument, size: number, actual: string, draw: () => void) {
  const flip = [1, 0, 0, -1, 0, doc.page.height] as const;
  doc.save().transform(...flip);
  // the text's font and size in force at the span's end too (a reader sizes the replacement text by them)
  doc.addContent(`/${(doc as unknown as { _font: { id: string } })._font.id} ${size} Tf`);
  doc.markContent('Span', { actual });
  doc.save().transform(...flip);
  draw();
  doc.restore();
  doc.endMarkedContent();
  doc.restore();
}

/** Draws laid-out text with its top-left corner at (x, y). */
export function drawText(doc: PDFKit.PDFDocument, layout: TextLayout, x: number, y: number, color = 'black') {
  const { size, width } = layout.style;
  let top = y;
  for (const line of layout.lines) {
    const runs = visualRuns(line, layout.style);
    const used = runs.reduce((a, r) => a + r.width, 0);
    const align =
      !layout.style.align || layout.style.align === 'start'
        ? line.paragraph.rtl
          ? 'right'
          : 'left'
        : layout.style.align;
    // justified lines stretch the spaces of left-to-right runs (pdfkit lays out stretched text word by word)
    const spaces = runs.reduce((a, r) => a + (r.rtl ? 0 : spacesIn(r.draw)), 0);
    const wordSpacing = align === 'justify' && !line.last && spaces ? (width - used) / spaces : 0;
    let cx = x + (align === 'right' ? width - used : align === 'center' ? (width - used) / 2 : 0);
    for (const run of runs) {
      useFont(doc, run.font, size).fillColor(color);
      // `features` makes pdfkit shape the run as a whole (without it, it shapes word by word, which reverses
      // each right-to-left word on its own)
      const draw = () =>
        doc.text(run.draw, cx, top + line.ascent, {
          lineBreak: false,
          baseline: 'alphabetic',
          features: [],
          wordSpacing: run.rtl ? 0 : wordSpacing,
        });
      // right-to-left runs go without: their glyphs map to their letters and readers reorder them
      if (LATIN_ONLY.test(run.text) || run.rtl) draw();
      else withActualText(doc, size, run.text, draw);
      cx += run.width + (run.rtl ? 0 : wordSpacing * spacesIn(run.draw));
    }
    top += line.height;
  }
}

/**
 * Writes text at (x, y), or where the document's cursor is, and leaves the cursor under it at x (like pdfkit's
 * `text`, so `moveDown` goes on from there in the face's primary font). Returns the height taken.
 */
export function writeText(
  doc: PDFKit.PDFDocument,
  content: RichText,
  style: TextStyle & { x?: number; y?: number; color?: string },
): number {
  const x = style.x ?? doc.x;
  const y = style.y ?? doc.y;
  const layout = layoutText(content, style);
  drawText(doc, layout, x, y, style.color);
  useFont(doc, primaryFont(style.face ?? 'regular'), style.size).fillColor('black');
  doc.x = x;
  doc.y = y + layout.height;
  return layout.height;
}

/** The lines' runs in visual order, left to right: each one's text as written and the font that draws it. */
export function visualLines(layout: TextLayout): Array<Array<{ text: string; font: string }>> {
  return layout.lines.map((line) =>
    visualRuns(line, layout.style).map((run) => ({ text: run.text, font: run.font.name })),
  );
}
