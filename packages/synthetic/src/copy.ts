/** Bulk loading with COPY FROM STDIN (text format) through pg-copy-streams. */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export type CopyValue =
  string | number | boolean | Date | null | undefined | readonly string[] | Record<string, unknown>;

const escapeText = (s: string) =>
  s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
const arrayLiteral = (items: readonly string[]) =>
  `{${items.map((i) => `"${i.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;

/** One value in COPY text format. */
export function copyValue(v: CopyValue): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'string') return escapeText(v);
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return escapeText(arrayLiteral(v as readonly string[]));
  return escapeText(JSON.stringify(v));
}

/**
 * COPYs the rows produced by `rows(i)` for i in [0, count) into `table(columns)`; `onProgress` gets the number
 * of rows written so far every few thousand rows. Rows may be null (skipped) or several (an array of rows).
 */
export async function copyInto(
  client: pg.PoolClient | pg.Client,
  table: string,
  columns: string[],
  count: number,
  rows: (i: number) => CopyValue[] | CopyValue[][] | null,
  onProgress?: (done: number) => void,
): Promise<number> {
  let i = 0;
  let written = 0;
  const batch = 2000;
  const source = new Readable({
    read() {
      let chunk = '';
      while (!chunk && i < count) {
        const end = Math.min(count, i + batch);
        for (; i < end; i++) {
          const r = rows(i);
          if (!r) continue;
          const list = Array.isArray(r[0]) ? (r as CopyValue[][]) : [r as CopyValue[]];
          for (const row of list) {
            chunk += row.map(copyValue).join('\t') + '\n';
            written++;
          }
        }
      }
      onProgress?.(i);
      if (chunk) this.push(chunk);
      if (i >= count) this.push(null);
    },
  });
  const sink = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  await pipeline(source, sink);
  return written;
}
