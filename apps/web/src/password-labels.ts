import type { NewPasswordLabels } from '@tandem/ui';
import { useT } from './i18n/locale';

/** The new-password fields' words in the reader's language. */
export function usePasswordLabels(): NewPasswordLabels {
  const t = useT();
  return {
    password: t('password.new'),
    confirmation: t('password.confirm'),
    hint: t('password.hint'),
    typeAgain: t('password.typeAgain'),
    mismatch: t('password.mismatch'),
  };
}
