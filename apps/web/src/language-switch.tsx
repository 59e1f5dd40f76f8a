/**
 * Switches the app between English and French; each option is written in its own language. Signed in, the
 * choice is saved on the account too, and the platform's notifications and emails follow it.
 */
import { LOCALES, useLocale, useT, type Locale } from './i18n/locale';
import { useSaveLanguage } from './saved-language';

const NAMES: Record<Locale, string> = { en: 'English', 'fr-CA': 'Français' };

export function LanguageSwitch() {
  const { locale, setLocale } = useLocale();
  const save = useSaveLanguage();
  const t = useT();
  return (
    <label className="language">
      <span className="visually-hidden">{t('nav.language')}</span>
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
            {NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
