/** A new password typed twice, with the rule as a hint and errors next to each input. */
import { Field } from './states';

export const PASSWORD_HINT = 'At least 10 characters. Not a common password, and not your email address.';

/** The message for the confirmation input, or undefined when both match. */
export function confirmationError(password: string, confirmation: string): string | undefined {
  if (!confirmation) return 'Type the new password again.';
  return password === confirmation ? undefined : 'The two passwords do not match.';
}

export function NewPasswordFields({
  password,
  confirmation,
  onPassword,
  onConfirmation,
  passwordError,
  confirmationError: confirmError,
}: {
  password: string;
  confirmation: string;
  onPassword: (value: string) => void;
  onConfirmation: (value: string) => void;
  passwordError?: string;
  confirmationError?: string;
}) {
  const describedBy = (id: string, error?: string) =>
    [`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <>
      <Field id="newPassword" label="New password" error={passwordError}>
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
          {PASSWORD_HINT}
        </small>
      </Field>
      <Field id="confirmPassword" label="Confirm new password" error={confirmError}>
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
