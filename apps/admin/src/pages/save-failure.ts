import type { FieldError } from '@tandem/ui';

/** A save that failed without field errors (the network, a refusal): one message for the form's top. */
export const failure = (res: { error?: { graphQLErrors: Array<{ message: string }> } }, what: string): FieldError[] => [
  { field: '', code: 'ERROR', message: res.error?.graphQLErrors[0]?.message ?? `${what} failed.` },
];
