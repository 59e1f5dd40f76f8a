/** A new password typed twice, with the rule as a hint and errors next to each input. */
import { Field, useUiLabels } from './states';

export const PASSWORD_HINT = 'At least 10 characters. Not a common password, and not your email address.';

/** The words of the two fields (each app passes its own, translated). */
export interface NewPasswordLabels {
  password: string;
  confirmation: string;
  hint: string;
  typeAgain: string;
  mismatch: string;
}

export const ENGLISH_PASSWORD_LABELS: NewPasswordLabels = {
  password: 'New password',
  confirmation: 'Confirm new password',
  hint: PASSWORD_HINT,
  typeAgain: 'Type the new password again.',
  mismatch: 'The two passwords do not match.',
};

/** The message for the confirmation input, or undefined when both match. */
export function confirmationError(
  password: string,
  confirmation: string,
  labels: Pick<NewPasswordLabels, 'typeAgain' | 'mismatch'> = ENGLISH_PASSWORD_LABELS,
): string | undefined {
  if (!confirmation) return labels.typeAgain;
  return password === confirmation ? undefined : labels.mismatch;
}

export function NewPasswordFields({
  password,
  confirmation,
  onPassword,
  onConfirmation,
  passwordError,
  confirmationError: confirmError,
  labels: given,
}: {
  password: string;
  confirmation: string;
  onPassword: (value: string) => void;
  onConfirmation: (value: string) => void;
  passwordError?: string;
  confirmationError?: string;
  labels?: NewPasswordLabels;
}) {
  const words = useUiLabels();
  const labels = given ?? words.password ?? ENGLISH_PASSWORD_LABELS;
  const describedBy = (id: string, error?: string) =>
    [`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <>
      <Field id="newPassword" label={labels.password} error={passwordError}>
        <input
          id="newPassword"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => onPassword(e.target.value)}
          aria-invalid={!!passwordError}
          aria-describedby={describedBy('newPassword', passwordError)}
          required
        />
        <small className="hint" id="newPassword-hint">
          {labels.hint}
        </small>
      </Field>
      <Field id="confirmPassword" label={labels.confirmation} error={confirmError}>
        <input
          id="confirmPassword"
          type="password"
          autoComplete="new-password"
          value={confirmation}
          onChange={(e) => onConfirmation(e.target.value)}
          aria-invalid={!!confirmError}
          aria-describedby={confirmError ? 'confirmPassword-error' : undefined}
          required
        />
      </Field>
    </>
  );
}
