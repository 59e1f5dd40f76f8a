/**
 * Trusted documents (issue 23): the documents the first-party apps may send, known before they are sent. The
 * apps' build writes each app's manifest (`scripts/persisted-documents.ts`: `{ "<sha256 of the text>": "<text>" }`)
 * and the apps send a document by its hash only (the automatic persisted query protocol). The gateway loads the
 * manifests at start and serves those hashes from them; with `TRUSTED_DOCUMENTS`:
 *
 * - `off`: no manifest; any client may send any document (automatic persisted queries still work);
 * - `allow` (the default): the manifests serve their hashes, and any document is still accepted, so `npm start`
 *   with an app being edited (whose new documents are not in the manifest yet) and ad hoc tools keep working;
 * - `require` (production): a caller without an API key (the first-party apps, anonymous or signed in) may only
 *   send a document of the manifests, by its hash or by its text; anything else is refused before it is parsed
 *   (403, `FORBIDDEN` with `extensions.reason: TRUSTED_DOCUMENT_REQUIRED`). A caller with an organisation's API
 *   key may send any query within the limits (its mutations are refused whatever the mode, see api-keys.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const TRUSTED_DOCUMENTS_MODES = ['off', 'allow', 'require'] as const;
export type TrustedDocumentsMode = (typeof TRUSTED_DOCUMENTS_MODES)[number];

/** The reason a document was refused in `require` mode, in `extensions.reason`. */
export const UNTRUSTED_DOCUMENT_REASON = 'TRUSTED_DOCUMENT_REQUIRED';

/** The committed manifests of the two first-party apps (in the repository; an image sets TRUSTED_DOCUMENTS_MANIFESTS). */
export const DEFAULT_MANIFESTS = ['admin', 'web'].map((app) =>
  fileURLToPath(new URL(`../../${app}/persisted-documents.json`, import.meta.url)),
);

export const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

/** The documents of the loaded manifests, by hash. */
export class TrustedDocuments {
  private constructor(private readonly byHash: ReadonlyMap<string, string>) {}

  static of(entries: Iterable<[string, string]>): TrustedDocuments {
    return new TrustedDocuments(new Map(entries));
  }

  /**
   * Reads the manifests. A manifest that cannot be read or whose entry's hash is not its text's throws (the
   * gateway does not start with a wrong list); a missing one throws only when `required`.
   */
  static load(paths: readonly string[], required: boolean): TrustedDocuments {
    const byHash = new Map<string, string>();
    for (const path of paths) {
      if (!existsSync(path)) {
        if (required) throw new Error(`trusted documents: the manifest ${path} does not exist`);
        continue;
      }
      const manifest = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
      for (const [hash, text] of Object.entries(manifest)) {
        if (typeof text !== 'string' || sha256Hex(text) !== hash)
          throw new Error(`trusted documents: the entry ${hash} of ${path} is not the sha256 of its document`);
        byHash.set(hash, text);
      }
    }
    return new TrustedDocuments(byHash);
  }

  get size(): number {
    return this.byHash.size;
  }

  text(hash: string): string | undefined {
    return this.byHash.get(hash);
  }

  has(hash: string): boolean {
    return this.byHash.has(hash);
  }
}

/** What a request asks to run: its text and/or its persisted hash (POST body or GET parameters). */
export interface RequestedDocument {
  query?: unknown;
  hash?: unknown;
}

/** The document a POST body or a GET query string names. */
export function requestedDocument(body: unknown, search: string): RequestedDocument {
  if (body && typeof body === 'object') {
    const b = body as { query?: unknown; extensions?: { persistedQuery?: { sha256Hash?: unknown } } };
    return { query: b.query, hash: b.extensions?.persistedQuery?.sha256Hash };
  }
  const params = new URLSearchParams(search);
  let hash: unknown;
  try {
    hash = (JSON.parse(params.get('extensions') ?? '{}') as { persistedQuery?: { sha256Hash?: unknown } })
      .persistedQuery?.sha256Hash;
  } catch {
    hash = undefined; // Apollo Server answers the malformed parameter itself
  }
  return { query: params.get('query') ?? undefined, hash };
}

/**
 * Whether `require` mode lets a first-party request run: its text is a trusted document, or (without a text)
 * its hash is. A request with neither is left to Apollo Server, which answers 400.
 */
export function isTrustedRequest(documents: TrustedDocuments, requested: RequestedDocument): boolean {
  if (typeof requested.query === 'string' && requested.query !== '') return documents.has(sha256Hex(requested.query));
  if (typeof requested.hash === 'string') return documents.has(requested.hash);
  return requested.query === undefined && requested.hash === undefined;
}
