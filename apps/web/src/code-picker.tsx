/**
 * A searchable list of coded values (industries, occupations) shown in words: the person types part of a
 * name and picks it from the list; the code is never shown. Typed text that is not an entry of the list is
 * an error next to the field. A native <datalist>: keyboard and screen-reader support come with the browser.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import { Field } from '@tandem/ui';
import { useT } from './i18n/locale';

export interface CodedEntry {
  code: string;
  label: string;
  familyLabel: string;
  isFamily: boolean;
}

export function CodePicker({
  id,
  label,
  entries,
  value,
  onChange,
  error,
}: {
  id: string;
  label: string;
  entries: readonly CodedEntry[];
  /** The chosen code, or null. */
  value: string | null;
  onChange: (code: string | null, valid: boolean) => void;
  error?: string;
}) {
  const t = useT();
  const listId = useId();
  const choices = useMemo(() => entries.filter((e) => !e.isFamily), [entries]);
  const labelOf = (code: string | null) => choices.find((e) => e.code === code)?.label ?? '';
  const [text, setText] = useState(() => labelOf(value));
  // a value set from outside (the profile once loaded) shows its words
  useEffect(() => setText(labelOf(value)), [value, choices]);
  const typed = text.trim().toLowerCase();
  const match = typed ? choices.find((e) => e.label.toLowerCase() === typed) : undefined;
  const invalid = !!typed && !match;
  const shownError = error ?? (invalid ? t('picker.notInList') : undefined);
  const chosen = match ? match : null;
  return (
    <Field id={id} label={label} error={shownError}>
      <input
        id={id}
        list={listId}
        value={text}
        autoComplete="off"
        onChange={(e) => {
          setText(e.target.value);
          const m = choices.find((c) => c.label.toLowerCase() === e.target.value.trim().toLowerCase());
          onChange(m?.code ?? null, !e.target.value.trim() || !!m);
        }}
        aria-invalid={!!shownError}
        aria-describedby={[`${id}-hint`, shownError ? `${id}-error` : null].filter(Boolean).join(' ')}
      />
      <small className="hint" id={`${id}-hint`}>
        {chosen ? t('picker.group', { group: chosen.familyLabel }) : t('picker.hint')}
      </small>
      <datalist id={listId}>
        {choices.map((e) => (
          <option key={e.code} value={e.label}>
            {e.familyLabel}
          </option>
        ))}
      </datalist>
    </Field>
  );
}
