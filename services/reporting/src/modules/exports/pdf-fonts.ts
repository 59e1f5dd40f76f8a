/**
 * The fonts every PDF embeds, from npm (no system font is used): Noto Sans for Latin, Greek, Cyrillic and
 * Devanagari, Noto Naskh Arabic, Noto Sans Hebrew, Noto Sans CJK SC (simplified and traditional Chinese,
 * Japanese kana) and Noto Sans KR (Hangul), tried in that order for each character. pdfkit embeds only the glyphs
 * a document uses.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';

export type Face = 'regular' | 'bold' | 'italic';

/** One font file of a face, loaded on first use (the CJK files are 8 MB: only documents that need them read them). */
export interface PdfFont {
  /** the name the font has in a document */
  name: string;
  buffer: Buffer;
  font: fontkit.Font;
}

const PACKAGES = {
  latin: '@embedpdf/fonts-latin',
  arabic: '@embedpdf/fonts-arabic',
  hebrew: '@embedpdf/fonts-hebrew',
  cjk: '@embedpdf/fonts-sc',
  korean: '@embedpdf/fonts-kr',
} as const;

// Each face lists one file per package, in fallback order; a face without its own weight in a script (italic
// Arabic, Hebrew and CJK do not exist) takes the regular one.
const FACES: Record<Face, Array<[keyof typeof PACKAGES, string]>> = {
  regular: [
    ['latin', 'NotoSans-Regular.ttf'],
    ['arabic', 'NotoNaskhArabic-Regular.ttf'],
    ['hebrew', 'NotoSansHebrew-Regular.ttf'],
    ['cjk', 'NotoSansHans-Regular.otf'],
    ['korean', 'NotoSansKR-Regular.otf'],
  ],
  bold: [
    ['latin', 'NotoSans-Bold.ttf'],
    ['arabic', 'NotoNaskhArabic-Bold.ttf'],
    ['hebrew', 'NotoSansHebrew-Bold.ttf'],
    ['cjk', 'NotoSansHans-Bold.otf'],
    ['korean', 'NotoSansKR-Bold.otf'],
  ],
  italic: [
    ['latin', 'NotoSans-Italic.ttf'],
    ['arabic', 'NotoNaskhArabic-Regular.ttf'],
    ['hebrew', 'NotoSansHebrew-Regular.ttf'],
    ['cjk', 'NotoSansHans-Regular.otf'],
    ['korean', 'NotoSansKR-Regular.otf'],
  ],
};

const require = createRequire(import.meta.url);
const loaded = new Map<string, PdfFont>();

/** The font files' folder of a package: the packages export only an index, the files sit in `fonts/` beside it. */
function fontPath(pkg: keyof typeof PACKAGES, file: string): string {
  return join(dirname(require.resolve(PACKAGES[pkg])), '..', 'fonts', file);
}

function load(pkg: keyof typeof PACKAGES, file: string): PdfFont {
  const name = file.replace(/\.(ttf|otf)$/, '');
  const known = loaded.get(name);
  if (known) return known;
  const buffer = readFileSync(fontPath(pkg, file));
  const font = fontkit.create(buffer);
  if (!('layout' in font)) throw new Error(`${file} is a font collection, not a font`);
  const entry = { name, buffer, font };
  loaded.set(name, entry);
  return entry;
}

/** The face's first font, which sets the line metrics and draws what no font covers. */
export function primaryFont(face: Face): PdfFont {
  const [pkg, file] = FACES[face][0];
  return load(pkg, file);
}

/** The first font of the face that has a glyph for every code point, else the first that has the first one. */
export function fontFor(face: Face, codePoints: number[]): PdfFont {
  let partial: PdfFont | null = null;
  for (const [pkg, file] of FACES[face]) {
    const candidate = load(pkg, file);
    if (codePoints.every((c) => candidate.font.hasGlyphForCodePoint(c))) return candidate;
    if (!partial && candidate.font.hasGlyphForCodePoint(codePoints[0])) partial = candidate;
  }
  return partial ?? primaryFont(face);
}

const registered = new WeakMap<PDFKit.PDFDocument, Set<string>>();

/** Selects a font in a document (registered on first use, parsed once per document, subset when it ends). */
export function useFont(doc: PDFKit.PDFDocument, font: PdfFont, size: number): PDFKit.PDFDocument {
  const names = registered.get(doc) ?? new Set<string>();
  registered.set(doc, names);
  if (names.has(font.name)) return doc.font(font.name, size);
  doc.registerFont(font.name, font.buffer);
  names.add(font.name);
  doc.font(font.name, size);
  // pdfkit parses the file again for each document, and shaping tables (Noto Sans carries Devanagari's) take
  // ~200 ms to parse: its embedded font shapes with the parsed font shared by every document instead (fontkit
  // fonts hold no per-document state; the subset, which does, stays the document's own)
  const embedded = (doc as unknown as { _font: { font?: unknown; subset?: unknown } })._font;
  if (embedded.font && embedded.subset) {
    embedded.font = font.font;
    embedded.subset = font.font.createSubset();
  }
  return doc;
}
