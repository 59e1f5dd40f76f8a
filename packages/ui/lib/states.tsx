/** Loading, error and empty states, field errors and pagination shared by every page. */
import { createContext, useContext, useState, type ReactNode } from 'react';
import type { CombinedError } from 'urql';
import type { NewPasswordLabels } from './new-password-fields';

/**
 * The words of the shared states, pager and password fields in the app's language: an app that translates
 * provides them once (UiLabelsProvider) instead of passing labels to each use; explicit props still win.
 */
export interface UiLabels {
  loading: string;
  waiting: string;
  retry: string;
  unreachable: string;
  pager: { pages: string; previous: string; next: string; page: (n: number) => string };
  password: NewPasswordLabels;
}
const UiLabelsContext = createContext<Partial<UiLabels>>({});
export const UiLabelsProvider = UiLabelsContext.Provider;
export function useUiLabels(): Partial<UiLabels> {
  return useContext(UiLabelsContext);
}

export function Loading({ what }: { what?: string }) {
  const words = useUiLabels();
  return (
    <p className="state state-loading" role="status" aria-live="polite">
      {what ?? words.loading ?? 'Loading…'}
    </p>
  );
}

export function ErrorState({
  error,
  retry,
  retryLabel,
  unreachable,
}: {
  error: CombinedError | Error | string;
  retry?: () => void;
  retryLabel?: string;
  unreachable?: string;
}) {
  const words = useUiLabels();
  const message =
    typeof error === 'string'
      ? error
      : 'graphQLErrors' in error && error.graphQLErrors.length
        ? error.graphQLErrors.map((e) => e.message).join(' ')
        : 'networkError' in error && error.networkError
          ? (unreachable ?? words.unreachable ?? 'The server could not be reached.')
          : error.message;
  return (
    <div className="state state-error" role="alert">
      <p>{message}</p>
      {retry && (
        <button type="button" onClick={retry}>
          {retryLabel ?? words.retry ?? 'Try again'}
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="state state-empty">{children}</p>;
}

/** Runs a query's three states: loading (no data yet), error, then the content. */
export function QueryState<T>({
  fetching,
  error,
  data,
  retry,
  children,
  labels,
}: {
  fetching: boolean;
  error?: CombinedError;
  data?: T;
  retry?: () => void;
  children: (data: T) => ReactNode;
  /** The words of the states, for apps that translate them. */
  labels?: { loading: string; waiting: string; retry: string; unreachable: string };
}) {
  const words = useUiLabels();
  if (error && !data)
    return <ErrorState error={error} retry={retry} retryLabel={labels?.retry} unreachable={labels?.unreachable} />;
  if (!data)
    return (
      <Loading
        what={
          fetching ? (labels?.loading ?? words.loading ?? 'Loading…') : (labels?.waiting ?? words.waiting ?? 'Waiting…')
        }
      />
    );
  return <>{children(data)}</>;
}

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

/** Maps `FieldError.field` (a dotted path such as `input.comment`) to form inputs by their last segment. */
export function fieldErrors(errors: readonly FieldError[] | undefined, fields: readonly string[]) {
  const byField: Record<string, string> = {};
  const other: string[] = [];
  for (const e of errors ?? []) {
    const name = fields.find((f) => e.field === f || e.field.endsWith(`.${f}`));
    if (name) byField[name] = byField[name] ? `${byField[name]} ${e.message}` : e.message;
    else other.push(e.message);
  }
  return { byField, other };
}

/** A labelled input with its validation message next to it. */
export function Field({
  id,
  label,
  error,
  children,
  hint,
}: {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && <small className="hint">{hint}</small>}
      {error && (
        <span className="field-error" id={`${id}-error`} role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

export function FormErrors({ messages }: { messages: string[] }) {
  if (!messages.length) return null;
  return (
    <div className="state state-error" role="alert">
      {messages.map((m) => (
        <p key={m}>{m}</p>
      ))}
    </div>
  );
}

/** Cursor pagination: a stack of `after` cursors, with previous and next. */
export function usePager() {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1];
  return {
    after,
    page: cursors.length,
    next: (endCursor: string | null | undefined) => endCursor && setCursors((c) => [...c, endCursor]),
    previous: () => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c)),
    reset: () => setCursors([null]),
  };
}

export function Pager({
  pager,
  hasNextPage,
  endCursor,
  labels: given,
}: {
  pager: ReturnType<typeof usePager>;
  hasNextPage: boolean;
  endCursor: string | null | undefined;
  labels?: { pages: string; previous: string; next: string; page: (n: number) => string };
}) {
  const words = useUiLabels();
  const labels = given ??
    words.pager ?? { pages: 'Pages', previous: '← Previous', next: 'Next →', page: (n: number) => `Page ${n}` };
  if (pager.page === 1 && !hasNextPage) return null;
  return (
    <nav className="pager" aria-label={labels.pages}>
      <button type="button" onClick={pager.previous} disabled={pager.page === 1}>
        {labels.previous}
      </button>
      <span>{labels.page(pager.page)}</span>
      <button type="button" onClick={() => pager.next(endCursor)} disabled={!hasNextPage}>
        {labels.next}
      </button>
    </nav>
  );
}

/** A date (`YYYY-MM-DD`, read as that calendar day) or an instant, as a short date in the locale. */
export function formatDate(value: string | null | undefined, locale = 'en-CA'): string {
  if (!value) return '—';
  const d = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  return d.toLocaleDateString(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
}

/** A status in a badge: its code in lower-case words, or `label` (an app's translation of the code). */
export function StatusBadge({ status, tone, label }: { status: string; tone?: 'good' | 'warn'; label?: string }) {
  return (
    <span className={`badge badge-${tone ?? status.toLowerCase()}`}>
      {label ?? status.replace(/_/g, ' ').toLowerCase()}
    </span>
  );
}

/** The nodes of a connection's edges, in order (null or undefined: none). */
export function nodesOf<N>(
  connection: { readonly edges: ReadonlyArray<{ readonly node: N }> } | null | undefined,
): N[] {
  return connection ? connection.edges.map((e) => e.node) : [];
}
