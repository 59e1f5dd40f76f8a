/**
 * The gateway coerces variables against the supergraph before any subgraph sees them; graphql-js names the
 * offending value only in its message ("Variable "$input" got invalid value "X" at "input.roles[0]"; …").
 * Clients get it as `extensions.fields`, like every other BAD_USER_INPUT, so a form can show it by the field.
 */

/** The input path a variable coercion message names (`input.roles.0`, `input.email`), or null. */
export function coercionField(message: string): string | null {
  const variable = /^Variable "\$([^"]+)"/.exec(message);
  if (!variable) return null;
  const at = /^Variable "\$[^"]+" got invalid value [\s\S]*? at "([^"]+)"; /.exec(message);
  let path = at ? at[1] : variable[1];
  // a required field left out, or one the type does not have: name that field under the path
  const missing = /; Field "([^"]+)" (?:of required type|is not defined by type)/.exec(message);
  if (missing) path = `${path}.${missing[1]}`;
  return path.replace(/\[(\d+)\]/g, '.$1');
}

/** Adds `fields` to a BAD_USER_INPUT that has none, when its message names the offending input. */
export function withInputFields(message: string, extensions: Record<string, unknown>): Record<string, unknown> {
  if (extensions.code !== 'BAD_USER_INPUT' || Array.isArray(extensions.fields)) return extensions;
  const field = coercionField(message);
  return field ? { ...extensions, fields: [{ field, message }] } : extensions;
}
