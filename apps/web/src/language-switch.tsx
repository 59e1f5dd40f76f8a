/** Switches the app between English and French; each option is written in its own language. */
import { LOCALES, useLocale, useT, type Locale } from './i18n/locale';

const NAMES: Record<Locale, string> = { en: 'English', 'fr-CA': 'Français' };

export function LanguageSwitch() {
  const { locale, setLocale } = useLocale();
  const t = useT();
  return (
    <label className="language">
      <span className="visually-hidden">{t('nav.language')}</span>
      <select value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
