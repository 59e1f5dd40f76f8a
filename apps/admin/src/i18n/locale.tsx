/**
 * The admin app's language (the machinery is shared with the participant app in @tandem/ui: see its i18n.tsx):
 * the signed-in person's saved language (the same setting the participant app uses), else the browser's; the
 * switch in the header (and on the signed-out pages) saves it. Dates and numbers follow it: `formatDate` here
 * and luxon's default locale read the language in use.
 */
import type { ReactNode } from 'react';
import { Settings } from 'luxon';
import {
  LanguageSwitch as UiLanguageSwitch,
  LocaleProvider as UiLocaleProvider,
  catalogSessionMessages,
  formatDate as uiFormatDate,
  useMessages,
  type Locale,
} from '@tandem/ui';
import { en, type MessageId } from './en';
import { frCA } from './fr-CA';

export { useLocale, useFormatDate, type Locale } from '@tandem/ui';
export type { MessageId } from './en';

const CATALOGS: Record<Locale, Record<MessageId, string>> = { en, 'fr-CA': frCA };
const session = catalogSessionMessages(en);
/** The session store's own messages (a refused sign-in…) in the language in use. */
export const sessionMessages = session.messages;

let current: Locale = 'en';
/** The language in use, for formatting outside components (dates, numbers). */
export function currentLocale(): Locale {
  return current;
}

function follow(catalog: Record<MessageId, string>, locale: Locale) {
  session.setCatalog(catalog);
  current = locale;
  Settings.defaultLocale = locale;
}

export function LocaleProvider({ children }: { children: ReactNode }) {
  return (
    <UiLocaleProvider catalogs={CATALOGS} storageKey="tandem.admin.locale" onCatalog={follow}>
      {children}
    </UiLocaleProvider>
  );
}

/** `t('key', values)`: a message of the catalogue by its (type-checked) id. */
export const useT = () => useMessages<MessageId>();

/** A date (`YYYY-MM-DD`, that calendar day) or an instant as a short date in the language in use. */
export function formatDate(value: string | null | undefined): string {
  return uiFormatDate(value, current === 'fr-CA' ? 'fr-CA' : 'en-CA');
}

/** An instant as date and time in the language in use (24 h in French), in the reader's time zone unless given. */
export function formatDateTime(value: string | Date, options: Intl.DateTimeFormatOptions = {}): string {
  return new Date(value).toLocaleString(current === 'fr-CA' ? 'fr-CA' : 'en-CA', {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...options,
  });
}

/** A number in the language in use (decimal comma in French). */
export function formatNumber(value: number, options: Intl.NumberFormatOptions = {}): string {
  return new Intl.NumberFormat(current, options).format(value);
}

/** The header's (and signed-out pages') language switch; signed in, it saves the choice on the account. */
export function LanguageSwitch() {
  const t = useT();
  return <UiLanguageSwitch label={t('nav.language')} />;
}
