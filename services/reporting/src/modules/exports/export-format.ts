/**
 * Human formats shared by the CSV and PDF exports, per language: English as in seed 002's sample ("May 18, 2016",
 * "6:00 pm – 7:00 pm", "1.50"), Canadian French as the OQLF writes them ("18 mai 2016", "18 h – 19 h", "1,50").
 * Dates come from the platform's ICU (Intl), not from tables of our own.
 */
export const EXPORT_LANGUAGES = ['en', 'fr-CA'] as const;
export type ExportLanguage = (typeof EXPORT_LANGUAGES)[number];

export const isExportLanguage = (value: unknown): value is ExportLanguage =>
  (EXPORT_LANGUAGES as readonly unknown[]).includes(value);

const DAY = {
  en: new Intl.DateTimeFormat('en-US', { month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' }),
  'fr-CA': new Intl.DateTimeFormat('fr-CA', { month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' }),
} satisfies Record<ExportLanguage, Intl.DateTimeFormat>;

/** A calendar day (YYYY-MM-DD) in words. */
export function formatDay(day: string, language: ExportLanguage = 'en'): string {
  const words = DAY[language].format(new Date(`${day}T00:00:00Z`));
  // French writes the first of the month as an ordinal: « 1er mai 2026 »
  return language === 'fr-CA' ? words.replace(/^1 /, '1er ') : words;
}

function clock(totalMinutes: number, language: ExportLanguage): string {
  const minutes = ((totalMinutes % 1440) + 1440) % 1440;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (language === 'fr-CA') return m ? `${h} h ${String(m).padStart(2, '0')}` : `${h} h`;
  return `${h % 12 === 0 ? 12 : h % 12}:${String(m).padStart(2, '0')} ${h < 12 ? 'am' : 'pm'}`;
}

/** "6:00 pm – 7:00 pm" from a start time (HH:MM) and a duration; the duration alone when the start is unknown. */
export function timeRange(
  startTime: string | null,
  durationMinutes: number | null,
  language: ExportLanguage = 'en',
): string {
  const match = startTime ? /^(\d{1,2}):(\d{2})/.exec(startTime) : null;
  if (!match || durationMinutes === null) return durationMinutes === null ? '' : `${durationMinutes} min`;
  const start = Number(match[1]) * 60 + Number(match[2]);
  return `${clock(start, language)} – ${clock(start + durationMinutes, language)}`;
}

/** Hours with two decimals, in the language's decimal sign. */
export function formatHours(hours: number, language: ExportLanguage = 'en'): string {
  const fixed = (Math.round(hours * 100) / 100).toFixed(2);
  return language === 'fr-CA' ? fixed.replace('.', ',') : fixed;
}

/** An instant as its UTC day and time, "May 18, 2016 18:00 UTC" / "18 mai 2016 18 h 00 UTC". */
export function formatInstant(value: Date | string | null, language: ExportLanguage = 'en'): string {
  if (!value) return '';
  const iso = new Date(value).toISOString();
  const time = language === 'fr-CA' ? iso.slice(11, 16).replace(':', ' h ') : iso.slice(11, 16);
  return `${formatDay(iso.slice(0, 10), language)} ${time} UTC`;
}
