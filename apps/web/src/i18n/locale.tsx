/**
 * The language of the app: the person's choice (kept on this device, and on their account once signed in: see
 * saved-language.ts), else the browser's first language we have (French for any `fr`, English otherwise). Messages are ICU (react-intl): plurals, dates and numbers
 * follow the locale. The <html lang> follows the choice, so screen readers read in the right language.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { IntlProvider, useIntl } from 'react-intl';
import { en, type MessageId } from './en';
import { frCA } from './fr-CA';
import { setSessionCatalog } from '../session-messages';

export const LOCALES = ['en', 'fr-CA'] as const;
export type Locale = (typeof LOCALES)[number];
const CATALOGS: Record<Locale, Record<MessageId, string>> = { en, 'fr-CA': frCA };
const STORAGE_KEY = 'tandem.web.locale';

/** The first of the browser's languages we have a catalogue for. */
export function pickLocale(saved: string | null, browser: readonly string[]): Locale {
  if (saved && (LOCALES as readonly string[]).includes(saved)) return saved as Locale;
  for (const tag of browser) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('fr')) return 'fr-CA';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

interface LocaleValue {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  /** Whether the person chose the language on this device (else it came from the browser's languages). */
  chosen: boolean;
}
const LocaleContext = createContext<LocaleValue | null>(null);

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() =>
    pickLocale(window.localStorage.getItem(STORAGE_KEY), navigator.languages ?? [navigator.language]),
  );
  const [chosen, setChosen] = useState(() => window.localStorage.getItem(STORAGE_KEY) !== null);
  const setLocale = useCallback((next: Locale) => {
    window.localStorage.setItem(STORAGE_KEY, next);
    setChosen(true);
    setLocaleState(next);
  }, []);
  setSessionCatalog(CATALOGS[locale]);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const value = useMemo(() => ({ locale, setLocale, chosen }), [locale, setLocale, chosen]);
  return (
    <LocaleContext.Provider value={value}>
      <IntlProvider locale={locale} messages={CATALOGS[locale]} defaultLocale="en">
        {children}
      </IntlProvider>
    </LocaleContext.Provider>
  );
}

export function useLocale(): LocaleValue {
  const value = useContext(LocaleContext);
  if (!value) throw new Error('useLocale outside LocaleProvider');
  return value;
}

type Values = Record<string, string | number | Date | null | undefined>;

/** `t('key', values)`: a message of the catalogue by its (type-checked) id. */
export function useT() {
  const intl = useIntl();
  return useCallback(
    (id: MessageId, values?: Values) => intl.formatMessage({ id }, values as Record<string, string>),
    [intl],
  );
}

/** Dates in the locale: `YYYY-MM-DD` as that calendar day, instants in the reader's time zone. */
export function useFormatDate() {
  const intl = useIntl();
  return useCallback(
    (value: string | null | undefined, withTime = false) => {
      if (!value) return '—';
      if (value.length === 10)
        return intl.formatDate(`${value}T12:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' } as never);
      return intl.formatDate(
        value,
        withTime ? ({ dateStyle: 'medium', timeStyle: 'short' } as never) : ({ dateStyle: 'medium' } as never),
      );
    },
    [intl],
  );
}
