/**
 * The one export control every list uses: a button "Export" that opens CSV and XLSX. Exporting fetches every row
 * matching the page's filters (all pages, not only the one shown) through the gateway, then writes the file. Every
 * file is on the staff audit log before it exists: a list whose server records its own exports (the caseload's
 * `exportCaseload`) hands the rows and the line over in one request; the others ask `recordListExport` first.
 */
import { useState } from 'react';
import { useMutation } from 'urql';
import { graphql, type VariablesOf } from '@tandem/ui/graphql';
import type { AnyVariables, Client, DocumentInput } from '@urql/core';
import { saveBlob } from '@tandem/ui';
import { csvBlob, exportFileName, readerTimeZone, toCsv, toXlsx, type ExportColumn } from './table-export';
import { useT, type MessageId } from '../i18n/locale';

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
export type ExportFormat = VariablesOf<typeof RecordExportMutation>['input']['format'];

/** Where the rows come from, and who writes the export on the staff audit log. */
type ExportSource<Row> =
  | {
      /** Which list, for the staff audit log (the app records it). */
      list: ExportedList;
      /** The page's filters as applied, for the staff audit log. */
      filters?: Record<string, unknown>;
      /** Every row matching the page's filters. */
      rows: () => Promise<readonly Row[]>;
    }
  | {
      /** Every row, from a server field that records the export itself in the same request. */
      recordedRows: (format: ExportFormat) => Promise<readonly Row[]>;
    };

/** A connection's shape as the lists query it. */
interface Page<Node> {
  edges: readonly { node: Node }[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/** A failure worth telling the reader, in their language: a message id and its values. */
export class ExportProblem extends Error {
  constructor(
    readonly id: MessageId,
    readonly values?: Record<string, string | number>,
  ) {
    super(id);
  }
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
    if (res.error || !res.data) {
      const message = res.error?.graphQLErrors[0]?.message;
      throw message ? new Error(message) : new ExportProblem('export.unreadable');
    }
    const page = connection(res.data);
    nodes.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return nodes;
    if (nodes.length >= EXPORT_ROW_LIMIT) throw new ExportProblem('export.tooMany', { limit: EXPORT_ROW_LIMIT });
    after = page.pageInfo.endCursor;
  }
}

export function ExportMenu<Row>({
  name,
  what,
  columns,
  ...source
}: {
  /** File name part and sheet name, e.g. `relationships`. */
  name: string;
  /** What the rows are, for the accessible names ("relationships"), in the reader's language. */
  what: string;
  columns: readonly ExportColumn<Row>[];
} & ExportSource<Row>) {
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [, record] = useMutation(RecordExportMutation);
  const t = useT();

  async function run(format: 'csv' | 'xlsx') {
    setBusy(true);
    setDone(null);
    setFailed(null);
    try {
      const zone = readerTimeZone();
      const fileFormat: ExportFormat = format === 'csv' ? 'CSV' : 'XLSX';
      // every staff export is on the staff audit log before the file exists; no line, no file
      let all: readonly Row[];
      if ('recordedRows' in source) all = await source.recordedRows(fileFormat);
      else {
        all = await source.rows();
        const logged = await record({
          input: { list: source.list, format: fileFormat, rowCount: all.length, filters: source.filters ?? {} },
        });
        const out = logged.data?.recordListExport;
        if (!out?.recorded) {
          const message = out?.errors[0]?.message ?? logged.error?.graphQLErrors[0]?.message;
          throw message ? new Error(message) : new ExportProblem('export.notRecorded');
        }
      }
      const blob = format === 'csv' ? csvBlob(toCsv(columns, all, zone)) : await toXlsx(columns, all, name, zone);
      saveBlob(blob, exportFileName(name, format, zone));
      setDone(t('export.done', { count: all.length, format: format.toUpperCase(), zone }));
    } catch (e) {
      setFailed(e instanceof ExportProblem ? t(e.id, e.values) : e instanceof Error ? e.message : t('export.failed'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="export-menu">
      <details>
        <summary className="button">{t('export.export')}</summary>
        <div className="export-menu-items" role="group" aria-label={t('export.group', { what })}>
          <button
            type="button"
            disabled={busy}
            onClick={() => void run('csv')}
            aria-label={t('export.as', { what, format: 'CSV' })}
          >
            CSV
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() => void run('xlsx')}
            aria-label={t('export.as', { what, format: 'XLSX' })}
          >
            XLSX
          </button>
        </div>
      </details>
      {busy && (
        <p className="muted" role="status">
          {t('export.preparing')}
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
