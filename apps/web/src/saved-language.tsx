/**
 * Saves the app's language on the account, which the platform's notifications and emails follow. When the
 * session starts, an account without a saved language takes the one the app speaks, and a choice made on this
 * device (before signing in) replaces the saved one; switching the language while signed in saves it. A device
 * whose language came from the browser keeps showing it: the account keeps the person's last choice.
 */
import { useEffect, useRef } from 'react';
import { useMutation, useQuery } from 'urql';
import { useAuth } from '@tandem/ui';
import { graphql } from '@tandem/ui/graphql';
import { useLocale, type Locale } from './i18n/locale';

const MyLanguage = graphql(`
  query WebMyLanguage {
    me {
      id
      language
    }
  }
`);

const SetLanguage = graphql(`
  mutation WebSetLanguage($language: Language!) {
    setLanguage(language: $language) {
      errors {
        code
      }
    }
  }
`);

const TO_API = { en: 'EN', 'fr-CA': 'FR_CA' } as const;
const FROM_API: Record<'EN' | 'FR_CA', Locale> = { EN: 'en', FR_CA: 'fr-CA' };

/** Saves the language on the account when signed in; returns the function the language switch calls. */
export function useSaveLanguage(): (locale: Locale) => void {
  const { session } = useAuth();
  const [, save] = useMutation(SetLanguage);
  return (locale) => {
    if (session) void save({ language: TO_API[locale] });
  };
}

/** Mounted in the signed-in frame: reconciles the two once per session. */
export function SavedLanguage() {
  const { session } = useAuth();
  const { locale, chosen } = useLocale();
  const save = useSaveLanguage();
  const [mine] = useQuery({ query: MyLanguage, pause: !session });
  const done = useRef<string | null>(null);
  const saved = mine.data?.me.language ?? null;
  const userId = mine.data?.me.id ?? null;
  useEffect(() => {
    if (!userId || done.current === userId) return;
    done.current = userId;
    if (!saved || (chosen && FROM_API[saved] !== locale)) save(locale);
  }, [userId, saved, chosen, locale, save]);
  return null;
}
