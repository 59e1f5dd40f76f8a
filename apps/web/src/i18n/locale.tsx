/**
 * The participant app's language (the machinery is shared with the admin app in @tandem/ui: see its i18n.tsx):
 * the person's choice, else the browser's. This file gives it the app's catalogues and typed message ids.
 */
import type { ReactNode } from 'react';
import { LocaleProvider as UiLocaleProvider, useMessages, type Locale } from '@tandem/ui';
import { en, type MessageId } from './en';
import { frCA } from './fr-CA';
import { setSessionCatalog } from '../session-messages';

export { LOCALES, pickLocale, useLocale, useFormatDate, type Locale } from '@tandem/ui';
const CATALOGS: Record<Locale, Record<MessageId, string>> = { en, 'fr-CA': frCA };

export function LocaleProvider({ children }: { children: ReactNode }) {
  return (
    <UiLocaleProvider catalogs={CATALOGS} storageKey="tandem.web.locale" onCatalog={setSessionCatalog}>
      {children}
    </UiLocaleProvider>
  );
}

/** `t('key', values)`: a message of the catalogue by its (type-checked) id. */
export const useT = () => useMessages<MessageId>();
