/**
 * A calendar day a person types, in both apps. A browser draws `<input type="date">` in its own language and
 * format: Chrome and Edge follow the browser's interface language whatever the page's or the input's `lang`, so an
 * app in French on an English browser shows 03/05/2026, which reads as the 3rd of May or March 5th. Rather than
 * rebuild a date picker, the input stays the browser's (keyboard, screen reader and phone pickers intact) and the
 * chosen day is written out beside it in the app's language ("jeudi 5 mars 2026", "Thursday, March 5, 2026"), tied
 * to the input by `aria-describedby` and announced as it changes; the input carries the app's `lang` for the
 * browsers that follow it (Firefox, Safari).
 */
import type { InputHTMLAttributes } from 'react';
import { dayInWords } from './day-in-words';
import { useLocale } from './i18n';

/** `<input type="date">` with the chosen day written out in the app's language below it (`${id}-day`). */
export function DateInput(props: Omit<InputHTMLAttributes<HTMLInputElement>, 'type'> & { id: string; value: string }) {
  const { locale } = useLocale();
  const words = dayInWords(props.value, locale);
  const dayId = `${props.id}-day`;
  const describedBy = [props['aria-describedby'], words ? dayId : null].filter(Boolean).join(' ') || undefined;
  return (
    <>
      <input {...props} type="date" lang={locale} aria-describedby={describedBy} />
      <small className="hint" id={dayId} aria-live="polite">
        {words}
      </small>
    </>
  );
}
