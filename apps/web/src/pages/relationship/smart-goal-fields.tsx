/** The parts of a SMART goal as form fields, each with its error: setting a goal, and continuing with a new one. */
import { Field, DateInput } from '@tandem/ui';
import { useT } from '../../i18n/locale';
import { enumKey } from '../../ui';

export const NO_GOAL = { title: '', specific: '', measure: '', target: '', attainable: '', relevant: '', dueOn: '' };
export type SmartGoalDraft = typeof NO_GOAL;
const PARTS = ['title', 'specific', 'measure', 'target', 'attainable', 'relevant'] as const;

export function SmartGoalFields({
  idPrefix,
  goal,
  onChange,
  errors,
}: {
  idPrefix: string;
  goal: SmartGoalDraft;
  onChange: (next: SmartGoalDraft) => void;
  /** The message of each part's error, by part (`title` … `dueOn`). */
  errors: Partial<Record<keyof SmartGoalDraft, string>>;
}) {
  const t = useT();
  return (
    <>
      <p className="muted">{t('goal.smartHint')}</p>
      {PARTS.map((part) => (
        <Field key={part} id={`${idPrefix}-${part}`} label={t(enumKey('goal.field', part))} error={errors[part]}>
          <input
            id={`${idPrefix}-${part}`}
            value={goal[part]}
            onChange={(e) => onChange({ ...goal, [part]: e.target.value })}
            aria-invalid={!!errors[part]}
            aria-describedby={errors[part] ? `${idPrefix}-${part}-error` : undefined}
          />
        </Field>
      ))}
      <Field id={`${idPrefix}-dueOn`} label={t('goal.field.dueOn')} error={errors.dueOn}>
        <DateInput
          id={`${idPrefix}-dueOn`}
          value={goal.dueOn}
          onChange={(e) => onChange({ ...goal, dueOn: e.target.value })}
        />
      </Field>
    </>
  );
}

/** The parts a goal's field errors name (`title`, `input.title`, `goals.0.title` alike), and the errors of none. */
export function goalErrors(errors: ReadonlyArray<{ field: string; message: string }>) {
  const partOf = (field: string) => field.split('.').pop() ?? '';
  const byPart: Partial<Record<keyof SmartGoalDraft, string>> = {};
  const other: string[] = [];
  for (const e of errors) {
    const part = partOf(e.field);
    if (part in NO_GOAL) byPart[part as keyof SmartGoalDraft] ??= e.message;
    else other.push(e.message);
  }
  return { byPart, other };
}
