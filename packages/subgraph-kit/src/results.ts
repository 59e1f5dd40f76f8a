/**
 * Result payloads: a mutation's expected refusals (duplicate request, capacity reached, meeting already confirmed)
 * are data, returned as `FieldError`s with the offending field, never thrown at the client. Services throw a
 * {@link Refusal} (or collect {@link FieldErrors}) wherever they find the problem; {@link outcome} turns it into
 * the payload `{ [key]: null, errors }`, and success into `{ [key]: value, errors: [] }`.
 */
import { fieldError, type FieldError } from './types';

/** A business outcome the user can fix: returned as data with the offending field, never thrown to the client. */
export class Refusal extends Error {
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '));
    this.name = 'Refusal';
  }
}

export const refuse = (field: string, code: string, message: string) => new Refusal([fieldError(field, code, message)]);

/** Collects field errors while validating an input; `throwIfAny` refuses with all of them at once. */
export class FieldErrors {
  readonly list: FieldError[] = [];
  add(field: string, code: string, message: string): this {
    this.list.push(fieldError(field, code, message));
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
