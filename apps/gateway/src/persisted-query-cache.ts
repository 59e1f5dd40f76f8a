/**
 * The automatic persisted query (APQ) store Apollo Server reads and writes (keys `apq:<sha256>`): the trusted
 * documents of the apps' manifests first (always there, never written), then the shared store where other
 * clients' registered documents live (see apq-store.ts: PostgreSQL or Redis through Keyv, so every gateway
 * replica serves a hash any of them registered).
 */
import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import type { TrustedDocuments } from './trusted-documents';

const APQ_PREFIX = 'apq:';

export class PersistedQueryCache implements KeyValueCache<string> {
  constructor(
    private readonly documents: TrustedDocuments,
    private readonly store: KeyValueCache<string>,
  ) {}

  private hashOf(key: string): string {
    return key.startsWith(APQ_PREFIX) ? key.slice(APQ_PREFIX.length) : key;
  }

  async get(key: string): Promise<string | undefined> {
    return this.documents.text(this.hashOf(key)) ?? (await this.store.get(key));
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    if (this.documents.has(this.hashOf(key))) return; // the manifest has it for good
    await this.store.set(key, value, options);
  }

  async delete(key: string): Promise<boolean | void> {
    return this.store.delete(key);
  }
}
