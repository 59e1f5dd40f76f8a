/**
 * Rows read with another table's row beside them (a LEFT JOIN that saves a second statement): the other table's
 * columns are named `<prefix><field>`, and `splitJoined` gives the two rows back.
 */

/** `expr AS "<prefix><field>"` for each [field, column] of the table aliased `t` (`m.due_on::text AS "m:dueOn"`). */
export function prefixedColumns(fields: ReadonlyArray<readonly [string, string]>, t: string, prefix: string): string {
  return fields.map(([field, column]) => `${t}.${column} AS "${prefix}${field}"`).join(', ');
}

/**
 * The row and the joined row out of one row read with {@link prefixedColumns}: the joined row is null when the join
 * found none (its `key` field is null).
 */
export function splitJoined<R, J>(joined: object, prefix: string, key: keyof J & string): [R, J | null] {
  const row: Record<string, unknown> = {};
  const other: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(joined)) {
    if (name.startsWith(prefix)) other[name.slice(prefix.length)] = value;
    else row[name] = value;
  }
  return [row as R, other[key] === null || other[key] === undefined ? null : (other as J)];
}
