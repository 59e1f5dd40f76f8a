/**
 * Switches the app between English and French (shared with the admin app: @tandem/ui's LanguageSwitch). Signed
 * in, the choice is saved on the account too, and the platform's notifications and emails follow it.
 */
import { LanguageSwitch as UiLanguageSwitch } from '@tandem/ui';
import { useT } from './i18n/locale';

export function LanguageSwitch() {
  const t = useT();
  return <UiLanguageSwitch label={t('nav.language')} />;
}
