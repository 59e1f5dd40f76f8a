/**
 * The languages the platform speaks. The gateway negotiates one per request from `Accept-Language` and forwards it
 * to every subgraph (`HEADERS.locale`), so refusals returned as data and documents made on request speak it too.
 */
export const LOCALES = ['en', 'fr-CA'] as const;
export type Locale = (typeof LOCALES)[number];

export const isLocale = (value: unknown): value is Locale => (LOCALES as readonly unknown[]).includes(value);

/** The locale a subgraph reads from the gateway's header: English when absent or unknown. */
export const localeOf = (header: string | null | undefined): Locale => (isLocale(header) ? header : 'en');
