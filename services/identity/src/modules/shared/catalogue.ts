import {
  isTimeIdCursor,
  loadAll,
  NotFound,
  readPage,
  requirePrincipal,
  rowLoader,
  toConnection,
  uuids,
  type SubgraphContext,
} from '@tandem/subgraph-kit';
import { served, type ServedConnection } from './api';
import type { PageArgs } from './page.args';

/**
 * Where a catalogue's rows come from: ordered by name, then id. Names compare by ICU's root collation
 * ("und-x-icu"): case and accents count only after the letters, so "Éducation" comes between "Eau" and "Ezra"
 * (the database's C locale would put it after "Z").
 */
export interface CatalogueSource<R extends { id: string; sortName: string }> {
  all(): Promise<R[]>;
  page(after: [string, string] | null, limit: number): Promise<R[]>;
  count(): Promise<number>;
  byIds(ids: readonly string[]): Promise<R[]>;
}

/**
 * Reference data every signed-in person reads (organisations, programmes: not personal data), by name: the whole
 * list, a page with its cursor `[name, id]` (two strings, the shape of the kit's time-and-id cursor), one by
 * id (NOT_FOUND when unknown), and per-request batched loads.
 */
export class Catalogue<R extends { id: string; sortName: string }, N> {
  constructor(
    private readonly source: CatalogueSource<R>,
    /** Names the loader and the NOT_FOUND. */
    private readonly entity: string,
    private readonly toNode: (row: R) => N,
  ) {}

  async all(ctx: SubgraphContext): Promise<N[]> {
    requirePrincipal(ctx);
    return (await this.source.all()).map(this.toNode);
  }

  async page(ctx: SubgraphContext, args: PageArgs): Promise<ServedConnection<N>> {
    requirePrincipal(ctx);
    const page = readPage(args, isTimeIdCursor);
    const rows = await this.source.page(page.after, page.size + 1);
    return served(
      toConnection(
        rows,
        page,
        (r) => [r.sortName, r.id],
        this.toNode,
        () => this.source.count(),
      ),
    );
  }

  async one(ctx: SubgraphContext, id: string): Promise<N> {
    requirePrincipal(ctx);
    const [found] = await this.load(ctx, [id]);
    if (!found) throw NotFound(this.entity);
    return found;
  }

  async load(ctx: SubgraphContext, ids: readonly string[]): Promise<Array<N | null>> {
    const loader = rowLoader(
      ctx,
      `${this.entity}:byId`,
      (r: R) => r.id,
      (keys) => this.source.byIds(uuids(keys)),
    );
    return (await loadAll(loader, ids)).map((row) => (row ? this.toNode(row) : null));
  }
}
