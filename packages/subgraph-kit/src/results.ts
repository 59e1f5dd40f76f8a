/**
 * Result payloads: a mutation's expected refusals (duplicate request, capacity reached, meeting already confirmed)
 * are data, returned as `FieldError`s with the offending field, never thrown at the client. Services throw a
 * {@link Refusal} (or collect {@link FieldErrors}) wherever they find the problem; {@link outcome} turns it into
 * the payload `{ [key]: null, errors }`, and success into `{ [key]: value, errors: [] }`.
 */
import { AppError, BadInput } from './errors';
import { fieldError, type FieldError } from './types';

/** A business outcome the user can fix: returned as data with the offending field, never thrown to the client. */
export class Refusal extends Error {
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '));
    this.name = 'Refusal';
  }
}

export const refuse = (field: string, code: string, message: string, params?: Record<string, string | number>) =>
  new Refusal([fieldError(field, code, message, params)]);

/** Collects field errors while validating an input; `throwIfAny` refuses with all of them at once. */
export class FieldErrors {
  readonly list: FieldError[] = [];
  add(field: string, code: string, message: string, params?: Record<string, string | number>): this {
    this.list.push(fieldError(field, code, message, params));
    return this;
  }
  /** The trimmed value, or a REQUIRED error when it is empty. */
  required(field: string, value: string | null | undefined, label = 'This field'): string {
    const v = (value ?? '').trim();
    if (!v) this.add(field, 'REQUIRED', `${label} is required.`);
    return v;
  }
  get any(): boolean {
    return this.list.length > 0;
  }
  throwIfAny(): void {
    if (this.list.length) throw new Refusal(this.list);
  }
}

export type Outcome<K extends string, T> = { errors: FieldError[] } & { [P in K]: T | null };

/** Runs a mutation: a {@link Refusal} becomes `{ [key]: null, errors }`, success `{ [key]: value, errors: [] }`. */
export async function outcome<K extends string, T>(key: K, work: () => Promise<T>): Promise<Outcome<K, T>> {
  try {
    const value = await work();
    return { [key]: value, errors: [] } as unknown as Outcome<K, T>;
  } catch (error) {
    if (error instanceof Refusal) return { [key]: null, errors: error.errors } as unknown as Outcome<K, T>;
    throw error;
  }
}

/** A refused payload without running anything (validation done before any work). */
export const refused = <K extends string, T = never>(key: K, errors: FieldError[]): Outcome<K, T> =>
  ({ [key]: null, errors }) as unknown as Outcome<K, T>;

/** The most items one bulk mutation takes (a page of a list at most). */
export const BULK_LIMIT = 100;

/** One item of a bulk mutation: its id, the object as changed (null when refused), and what refused it. */
export type BulkItem<K extends string, T> = { id: string; errors: FieldError[] } & { [P in K]: T | null };

/**
 * A bulk mutation: the same single-item rules run for each id on its own (its own transaction), so one refused
 * item changes nothing and does not stop the others. A {@link Refusal}, NOT_FOUND or FORBIDDEN of an item becomes
 * that item's errors (the `field` of an access error is `<field>.<index>`); a repeated id is refused as DUPLICATE.
 * Items run one after another, in the order given. Anything else (a failure on our side) is thrown as usual.
 * The ids must be 1 to {@link BULK_LIMIT}: otherwise BAD_USER_INPUT before anything runs.
 */
export async function eachOutcome<K extends string, T>(
  key: K,
  field: string,
  ids: readonly string[],
  work: (id: string, index: number) => Promise<T>,
): Promise<Array<BulkItem<K, T>>> {
  if (ids.length === 0) throw BadInput([{ field, message: 'Choose at least one.' }]);
  if (ids.length > BULK_LIMIT) throw BadInput([{ field, message: `At most ${BULK_LIMIT} at once.` }]);
  const seen = new Set<string>();
  const items: Array<BulkItem<K, T>> = [];
  for (const [index, id] of ids.entries()) {
    const item = (errors: FieldError[], value: T | null) => ({ id, errors, [key]: value }) as unknown as BulkItem<K, T>;
    if (seen.has(id)) {
      items.push(item([fieldError(`${field}.${index}`, 'DUPLICATE', 'Listed twice: done once.')], null));
      continue;
    }
    seen.add(id);
    try {
      items.push(item([], await work(id, index)));
    } catch (error) {
      if (error instanceof Refusal) items.push(item(error.errors, null));
      else if (error instanceof AppError && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN'))
        items.push(item([fieldError(`${field}.${index}`, error.code, error.message)], null));
      else throw error;
    }
  }
  return items;
}
