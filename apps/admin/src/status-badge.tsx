/** A status badge whose code is put into words in the language in use (status.* of the catalogues). */
import { StatusBadge } from '@tandem/ui';
import { useT, type MessageId } from './i18n/locale';
import { en } from './i18n/en';

/** The words of a status code: its catalogue entry, else the code in lower-case words (a code the app does not know yet). */
/** A status code in words with `t` (the catalogue's `status.*`; a code the app does not know yet in lower-case words). */
export function statusWord(t: (id: MessageId) => string, code: string | null | undefined): string {
  if (code == null || code === '') return '';
  const key = `status.${code}`;
  return key in en ? t(key as MessageId) : code.replace(/_/g, ' ').toLowerCase();
}

export function useStatusLabel(): (code: string) => string {
  const t = useT();
  return (code) => statusWord(t, code);
}

export function Badge({ status, tone, label }: { status: string; tone?: 'good' | 'warn'; label?: string }) {
  const words = useStatusLabel();
  return <StatusBadge status={status} tone={tone} label={label ?? words(status)} />;
}
