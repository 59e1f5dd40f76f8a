/**
 * Column lists for SELECTs: each snake_case column aliased to its camelCase row field (`t.user_id AS "userId"`),
 * so repositories return the row interfaces they export and no statement spells an alias by hand.
 * KIT-CANDIDATE: every subgraph's repositories write these lists; the kit could own this helper.
 */
const camel = (column: string) => column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** Lists already written, by table and columns: a search's statements ask for the same few on every request. */
const written = new Map<string, string>();

export function columns(table: string, names: readonly string[]): string {
  const key = `${table}:${names.join()}`;
  let list = written.get(key);
  if (list === undefined) {
    list = names
      .map((name) => (camel(name) === name ? `${table}.${name}` : `${table}.${name} AS "${camel(name)}"`))
      .join(', ');
    written.set(key, list);
  }
  return list;
}
