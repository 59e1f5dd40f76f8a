/** The app's small building blocks over @tandem/ui: translated states, field errors, plain-word enums. */
import type { ReactNode } from 'react';
import type { CombinedError } from 'urql';
import { QueryState, type FieldError } from '@tandem/ui';
import { useT } from './i18n/locale';
import type { MessageId } from './i18n/en';

/** QueryState with the state messages in the reader's language. */
export function Query<T>(props: {
  fetching: boolean;
  error?: CombinedError;
  data?: T;
  retry?: () => void;
  children: (data: T) => ReactNode;
}) {
  const t = useT();
  return (
    <QueryState
      {...props}
      labels={{
        loading: t('state.loading'),
        waiting: t('state.waiting'),
        retry: t('state.retry'),
        unreachable: t('state.unreachable'),
      }}
    />
  );
}

/** A mutation's outcome as field errors: its payload's errors, or the request's own error as one message. */
export function outcomeErrors(
  result: { error?: CombinedError; data?: unknown },
  payloadErrors: readonly FieldError[] | undefined,
  unreachable: string,
): FieldError[] {
  if (result.error) {
    const message = result.error.graphQLErrors.length
      ? result.error.graphQLErrors.map((e) => e.message).join(' ')
      : unreachable;
    return [{ field: '', code: 'REQUEST_FAILED', message }];
  }
  return [...(payloadErrors ?? [])];
}

/** The id of a value's words in the catalogue (`mode.VIDEO`), for enums shown to people. */
export function enumKey(prefix: string, value: string): MessageId {
  return `${prefix}.${value}` as MessageId;
}

/** A page's heading and its main content; the heading is what the page is called for screen readers. */
export function Page({ title, lead, children }: { title: string; lead?: ReactNode; children: ReactNode }) {
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">{title}</h1>
      {lead && <p className="lead-text">{lead}</p>}
      {children}
    </section>
  );
}

export function Badge({ tone, children }: { tone: string; children: ReactNode }) {
  return <span className={`badge badge-${tone.toLowerCase()}`}>{children}</span>;
}

/** Comma- or line-separated words as a list, without empties. */
export function splitList(value: string): string[] {
  return value
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Saves a file the app holds (shared with the admin app's exports). */
export { saveBlob } from '@tandem/ui';
