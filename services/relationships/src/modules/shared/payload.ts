import { fieldError, type FieldError } from '@tandem/subgraph-kit';

/** A business outcome the user can fix: returned as data with the offending field, never thrown. */
export class Refusal extends Error {
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '));
  }
}

export const refuse = (field: string, code: string, message: string) => new Refusal([fieldError(field, code, message)]);

/** Collects field errors while validating an input. */
export class FieldErrors {
  readonly list: FieldError[] = [];
  add(field: string, code: string, message: string): this {
    this.list.push(fieldError(field, code, message));
    return this;
  }
  required(field: string, value: string | null | undefined, label = 'This field'): string {
    const v = (value ?? '').trim();
    if (!v) this.add(field, 'REQUIRED', `${label} is required.`);
    return v;
  }
  throwIfAny(): void {
    if (this.list.length) throw new Refusal(this.list);
  }
}

/** Runs a mutation, turning a Refusal into `{ errors }` and success into `{ [key]: value, errors: [] }`. */
export async function outcome<K extends string, T>(
  key: K,
  work: () => Promise<T>,
): Promise<{ errors: FieldError[] } & { [P in K]: T | null }> {
  try {
    const value = await work();
    return { [key]: value, errors: [] } as { errors: FieldError[] } & { [P in K]: T | null };
  } catch (error) {
    if (error instanceof Refusal)
      return { [key]: null, errors: error.errors } as { errors: FieldError[] } & { [P in K]: T | null };
    throw error;
  }
}
