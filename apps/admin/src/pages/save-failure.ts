import type { FieldError } from '@tandem/ui';

/**
 * A save that failed without field errors (the network, a refusal): one message for the form's top, the API's
 * own words when it gave some, else `fallback` (the app's translated "Saving failed.").
 */
export const failure = (
  res: { error?: { graphQLErrors: Array<{ message: string }> } },
  fallback: string,
): FieldError[] => [{ field: '', code: 'ERROR', message: res.error?.graphQLErrors[0]?.message ?? fallback }];
