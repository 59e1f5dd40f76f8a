/**
 * The language of an app, shared by the participant and admin apps: the person's choice (kept on this device,
 * and on their account once signed in: see SavedLanguage), else the browser's first language we have (French
 * for any `fr`, English otherwise). Messages are ICU (react-intl): plurals, dates and numbers follow the locale.
 * The <html lang> follows the choice, so screen readers read in the right language. Each app passes its own
 * catalogues (typed by its English one) and wraps `useMessages` with its message ids.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { IntlProvider, useIntl } from 'react-intl';
import { useMutation, useQuery } from 'urql';
import { graphql } from './graphql';
import { useAuth } from './auth';
import type { SessionMessages } from './session';
import { latestOnly } from './latest-only';

export const LOCALES = ['en', 'fr-CA'] as const;
export type Locale = (typeof LOCALES)[number];

/** Each option of a language switch is written in its own language. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', 'fr-CA': 'Français' };

/** The saved choice if it is one we have, else the first of the browser's languages we have a catalogue for. */
export function pickLocale(saved: string | null, browser: readonly string[]): Locale {
  if (saved && (LOCALES as readonly string[]).includes(saved)) return saved as Locale;
  for (const tag of browser) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('fr')) return 'fr-CA';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

export interface LocaleValue {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  /** Whether the person chose the language on this device (else it came from the browser's languages). */
  chosen: boolean;
  /**
   * Whether the person chose the language since this page loaded (on the sign-in page, say), or chose it before a
   * reload that came before their account had saved it: the device's choice is then the newer one.
   */
  chosenNow: boolean;
  /** The account saved this language: a choice waiting for that is settled. */
  saved: (locale: Locale) => void;
  /** Takes a language that the person did not choose here (their account's), keeping it on this device. */
  adopt: (locale: Locale) => void;
}
const LocaleContext = createContext<LocaleValue | null>(null);

/** How long a language chosen on this device but not yet saved on the account outranks the account's (a reload). */
const UNSAVED_CHOICE_MS = 60_000;

export function LocaleProvider<Id extends string>({
  catalogs,
  storageKey,
  onCatalog,
  children,
}: {
  catalogs: Record<Locale, Record<Id, string>>;
  /** Where this app keeps the person's choice on the device. */
  storageKey: string;
  /** Told the catalogue in use on each render (for code outside React, such as the session store's messages). */
  onCatalog?: (catalog: Record<Id, string>, locale: Locale) => void;
  children: ReactNode;
}) {
  const [locale, setLocaleState] = useState<Locale>(() =>
    pickLocale(window.localStorage.getItem(storageKey), navigator.languages ?? [navigator.language]),
  );
  const [chosen, setChosen] = useState(() => window.localStorage.getItem(storageKey) !== null);
  // a choice not yet saved on the account when the page was left a moment ago (a reload right after switching) stays
  // the newer one; an old unsaved choice (made signed out, days ago, on a shared computer) does not override anyone
  const unsavedKey = `${storageKey}:unsaved`;
  const [chosenNow, setChosenNow] = useState(() => {
    const [choice, at] = (window.localStorage.getItem(unsavedKey) ?? '').split('@');
    return choice === window.localStorage.getItem(storageKey) && Date.now() - Number(at) < UNSAVED_CHOICE_MS;
  });
  const setLocale = useCallback(
    (next: Locale) => {
      window.localStorage.setItem(storageKey, next);
      window.localStorage.setItem(unsavedKey, `${next}@${Date.now()}`);
      setChosen(true);
      setChosenNow(true);
      setLocaleState(next);
    },
    [storageKey, unsavedKey],
  );
  const saved = useCallback(
    (locale: Locale) => {
      if (window.localStorage.getItem(unsavedKey)?.split('@')[0] === locale) window.localStorage.removeItem(unsavedKey);
    },
    [unsavedKey],
  );
  const adopt = useCallback(
    (next: Locale) => {
      window.localStorage.setItem(storageKey, next);
      setLocaleState(next);
    },
    [storageKey],
  );
  onCatalog?.(catalogs[locale], locale);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const value = useMemo(
    () => ({ locale, setLocale, chosen, chosenNow, adopt, saved }),
    [locale, setLocale, chosen, chosenNow, adopt, saved],
  );
  return (
    <LocaleContext.Provider value={value}>
      <IntlProvider locale={locale} messages={catalogs[locale]} defaultLocale="en">
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

export type MessageValues = Record<string, string | number | Date | null | undefined>;

/** `t('key', values)`: a message of the app's catalogue by its id (each app fixes `Id` to its own ids). */
export function useMessages<Id extends string>(): (id: Id, values?: MessageValues) => string {
  const intl = useIntl();
  return useCallback(
    (id: Id, values?: MessageValues) => intl.formatMessage({ id }, values as Record<string, string>),
    [intl],
  );
}

/** Dates in the locale: `YYYY-MM-DD` as that calendar day, instants in the reader's time zone (24 h in French). */
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

const MyLanguage = graphql(`
  query UiMyLanguage {
    me {
      id
      language
    }
  }
`);

const SetLanguage = graphql(`
  mutation UiSetLanguage($language: Language!) {
    setLanguage(language: $language) {
      errors {
        code
      }
    }
  }
`);

const TO_API = { en: 'EN', 'fr-CA': 'FR_CA' } as const;
const FROM_API: Record<'EN' | 'FR_CA', Locale> = { EN: 'en', FR_CA: 'fr-CA' };

// switching en → fr-CA → en quickly must end with English saved, not whichever save the server applied last
const sendLanguage = latestOnly<Locale>();

/**
 * Saves the app's language on the account (the same setting in both apps), which the platform's notifications
 * and emails follow; returns the function the language switch calls. Signed out it saves nothing. Choices made
 * while a save is in flight collapse into one save of the latest.
 */
export function useSaveLanguage(): (locale: Locale) => void {
  const { session } = useAuth();
  const { saved } = useLocale();
  const [, save] = useMutation(SetLanguage);
  return useCallback(
    (locale: Locale) => {
      if (!session) return;
      sendLanguage(locale, async (l) => {
        const res = await save({ language: TO_API[l] });
        if (!res.error && !res.data?.setLanguage.errors.length) saved(l);
      });
    },
    [session, save, saved],
  );
}

/**
 * Mounted in the signed-in frame: reconciles the device and the account once per session. An account without
 * a saved language takes the one the app speaks. Without `follow` (the participant app), a choice made on this
 * device replaces the saved one. With `follow` (the admin app, often a shared office computer), the account's
 * saved language wins, unless the person switched language on this page just before signing in.
 */
export function SavedLanguage({ follow = false }: { follow?: boolean }) {
  const { session } = useAuth();
  const { locale, chosen, chosenNow, adopt } = useLocale();
  const save = useSaveLanguage();
  const [mine] = useQuery({ query: MyLanguage, pause: !session });
  const done = useRef<string | null>(null);
  const saved = mine.data?.me.language ?? null;
  const userId = mine.data?.me.id ?? null;
  useEffect(() => {
    if (!userId || done.current === userId) return;
    done.current = userId;
    if (!saved) save(locale);
    else if (FROM_API[saved] === locale) return;
    else if (follow ? chosenNow : chosen) save(locale);
    else if (follow) adopt(FROM_API[saved]);
  }, [userId, saved, chosen, chosenNow, locale, save, follow, adopt]);
  return null;
}

/** Switches the app between English and French; signed in, the choice is saved on the account too. */
export function LanguageSwitch({ label }: { label: string }) {
  const { locale, setLocale } = useLocale();
  const save = useSaveLanguage();
  return (
    <label className="language">
      <span className="visually-hidden">{label}</span>
      <select
        value={locale}
        onChange={(e) => {
          const next = e.target.value as Locale;
          setLocale(next);
          save(next);
        }}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The ids of the session store's own messages, which each app's catalogue has. */
export type SessionMessageId =
  | 'session.rateLimited'
  | 'session.ended'
  | 'session.signInFailed'
  | 'session.registerFailed'
  | 'session.registeredSignInFailed'
  | 'session.passwordNotChanged'
  | 'session.resetNotSent'
  | 'session.passwordNotSet'
  | 'session.serverAnswered';

/**
 * The session store's own messages (a refused sign-in, a rate limit) in the current language: the store is
 * made once, so it reads these through getters that follow the catalogue the app last set (LocaleProvider's
 * `onCatalog`).
 */
export function catalogSessionMessages(english: Record<SessionMessageId, string>): {
  messages: SessionMessages;
  setCatalog: (catalog: Record<SessionMessageId, string>) => void;
} {
  let catalog = english;
  return {
    setCatalog: (next) => {
      catalog = next;
    },
    messages: {
      get rateLimited() {
        return catalog['session.rateLimited'];
      },
      get sessionEnded() {
        return catalog['session.ended'];
      },
      get signInFailed() {
        return catalog['session.signInFailed'];
      },
      get registerFailed() {
        return catalog['session.registerFailed'];
      },
      get registeredSignInFailed() {
        return catalog['session.registeredSignInFailed'];
      },
      get passwordNotChanged() {
        return catalog['session.passwordNotChanged'];
      },
      get resetNotSent() {
        return catalog['session.resetNotSent'];
      },
      get passwordNotSet() {
        return catalog['session.passwordNotSet'];
      },
      serverAnswered: (status: number) => catalog['session.serverAnswered'].replace('{status}', String(status)),
    },
  };
}
