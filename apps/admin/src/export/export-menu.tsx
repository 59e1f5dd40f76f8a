/**
 * The one export control every list uses: a button "Export" that opens CSV and XLSX. Exporting fetches every row
 * matching the page's filters (all pages, not only the one shown) through the gateway, then writes the file.
 */
import { useState } from 'react';
import { useMutation } from 'urql';
import { graphql, type VariablesOf } from '@tandem/ui/graphql';
import type { AnyVariables, Client, DocumentInput } from '@urql/core';
import { saveBlob } from '@tandem/ui';
import { csvBlob, exportFileName, readerTimeZone, toCsv, toXlsx, type ExportColumn } from './table-export';

const RecordExportMutation = graphql(`
  mutation RecordListExport($input: RecordListExportInput!) {
    recordListExport(input: $input) {
      recorded
      errors {
        field
        code
        message
      }
    }
  }
`);

export type ExportedList = VariablesOf<typeof RecordExportMutation>['input']['list'];

/** A connection's shape as the lists query it. */
interface Page<Node> {
  edges: readonly { node: Node }[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/** The most rows one export fetches (100 pages of 100); past it the export says so rather than cut silently. */
export const EXPORT_ROW_LIMIT = 10_000;

/**
 * Every node of a paged list with the page's own variables: pages of 100 (the API's most) followed by cursor,
 * fresh from the network so the file is what the server holds now.
 */
export async function fetchAllPages<Data, Variables extends AnyVariables, Node>(
  client: Client,
  query: DocumentInput<Data, Variables>,
  variables: Variables,
  connection: (data: Data) => Page<Node>,
): Promise<Node[]> {
  const nodes: Node[] = [];
  let after: string | null = null;
  for (;;) {
    const res = await client
      .query(query, { ...variables, first: 100, after } as Variables, { requestPolicy: 'network-only' })
      .toPromise();
    if (res.error || !res.data) throw new Error(res.error?.graphQLErrors[0]?.message ?? 'The list could not be read.');
    const page = connection(res.data);
    nodes.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return nodes;
    if (nodes.length >= EXPORT_ROW_LIMIT)
      throw new Error(`More than ${EXPORT_ROW_LIMIT} rows match: narrow the filters to export them.`);
    after = page.pageInfo.endCursor;
  }
}

export function ExportMenu<Row>({
  list,
  filters,
  name,
  what,
  columns,
  rows,
}: {
  /** Which list, for the staff audit log. */
  list: ExportedList;
  /** The page's filters as applied, for the staff audit log. */
  filters?: Record<string, unknown>;
  /** File name part and sheet name, e.g. `relationships`. */
  name: string;
  /** What the rows are, for the accessible names ("relationships"). */
  what: string;
  columns: readonly ExportColumn<Row>[];
  /** Every row matching the page's filters. */
  rows: () => Promise<readonly Row[]>;
}) {
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [, record] = useMutation(RecordExportMutation);

  async function run(format: 'csv' | 'xlsx') {
    setBusy(true);
    setDone(null);
    setFailed(null);
    try {
      const zone = readerTimeZone();
      const all = await rows();
      // every staff export is on the staff audit log before the file exists; no line, no file
      const logged = await record({
        input: { list, format: format === 'csv' ? 'CSV' : 'XLSX', rowCount: all.length, filters: filters ?? {} },
      });
      const out = logged.data?.recordListExport;
      if (!out?.recorded)
        throw new Error(
          out?.errors[0]?.message ?? logged.error?.graphQLErrors[0]?.message ?? 'The export could not be recorded.',
        );
      const blob = format === 'csv' ? csvBlob(toCsv(columns, all, zone)) : await toXlsx(columns, all, name, zone);
      saveBlob(blob, exportFileName(name, format, zone));
      setDone(
        `Exported ${all.length} ${all.length === 1 ? 'row' : 'rows'} as ${format.toUpperCase()} (times in ${zone}).`,
      );
    } catch (e) {
      setFailed(e instanceof Error ? e.message : 'The export failed.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="export-menu">
      <details>
        <summary className="button">Export</summary>
        <div className="export-menu-items" role="group" aria-label={`Export ${what}`}>
          <button type="button" disabled={busy} onClick={() => void run('csv')} aria-label={`Export ${what} as CSV`}>
            CSV
          </button>
          <button type="button" disabled={busy} onClick={() => void run('xlsx')} aria-label={`Export ${what} as XLSX`}>
            XLSX
          </button>
        </div>
      </details>
      {busy && (
        <p className="muted" role="status">
          Preparing the file…
        </p>
      )}
      {done && (
        <p className="state state-success" role="status">
          {done}
        </p>
      )}
      {failed && (
        <p className="state state-error" role="alert">
          {failed}
        </p>
      )}
    </div>
  );
}
