/**
 * Text arguments may not hold control characters: C0 controls other than tab, line feed and carriage
 * return, DEL, and the C1 controls. They have no place in names, notes or messages, some (NUL) cannot be
 * stored at all, and others hide text in exports and logs. Checked once, on the arguments of every root
 * field, so each service refuses them the same way, naming the offending argument.
 */
import type { GraphQLFieldResolver } from 'graphql';
import { BadInput } from './errors';

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/** Secrets are opaque (hashed, never shown): whatever characters someone chose, they are theirs. */
const OPAQUE = /password$/i;

/** The path of the first string under `value` holding a control character (`input.skills.2`), or null. */
export function controlCharacterPath(value: unknown, path: string): string | null {
  if (typeof value === 'string') return CONTROL.test(value) ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = controlCharacterPath(value[i], `${path}.${i}`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (OPAQUE.test(key)) continue;
      const found = controlCharacterPath(inner, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

/** Wraps the resolvers of Query and Mutation fields so their arguments are checked before they run. */
export function guardRootArguments<T extends object>(map: T): T {
  const resolvers = map as Record<string, Record<string, unknown>>;
  for (const root of ['Query', 'Mutation']) {
    for (const [field, resolver] of Object.entries(resolvers[root] ?? {})) {
      if (typeof resolver !== 'function') continue;
      const resolve = resolver as GraphQLFieldResolver<unknown, unknown>;
      resolvers[root][field] = (
        source: unknown,
        args: Record<string, unknown>,
        context: unknown,
        info: Parameters<GraphQLFieldResolver<unknown, unknown>>[3],
      ) => {
        for (const [name, value] of Object.entries(args)) {
          if (OPAQUE.test(name)) continue;
          const path = controlCharacterPath(value, name);
          if (path)
            throw BadInput([
              {
                field: path,
                code: 'CONTROL_CHARACTER',
                message: 'Remove control characters: only tabs and line breaks are allowed in text.',
              },
            ]);
        }
        return resolve(source, args, context, info);
      };
    }
  }
  return map;
}
