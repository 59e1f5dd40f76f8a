import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

const KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** SHA-256 of bytes in lowercase hex. */
export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * The audit documents' bytes on disk, outside the database: one file per document in one directory (created
 * owner-only), named by a random UUID the service draws, never by anything a user sent. A file is written under a
 * temporary name, then renamed, so a half-written file never carries a document's name.
 */
export class AuditDocumentStore {
  private readonly dir: string;
  private ready: Promise<void> | null = null;

  constructor(dir: string) {
    this.dir = resolve(dir);
  }

  /** A fresh storage key. */
  newKey(): string {
    return randomUUID();
  }

  async write(key: string, bytes: Uint8Array): Promise<void> {
    const path = this.pathOf(key);
    await this.ensureDir();
    const part = `${path}.part`;
    // 'wx': never over an existing file (a key is drawn fresh, so one existing means something is wrong)
    await writeFile(part, bytes, { flag: 'wx', mode: 0o600 });
    try {
      await rename(part, path);
    } catch (error) {
      await rm(part, { force: true });
      throw error;
    }
  }

  /** The bytes, or null when the file is gone. */
  async read(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  /** Where a key's file is (tests change a stored file through it). */
  pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error('Not a storage key.');
    return join(this.dir, key);
  }

  private ensureDir(): Promise<void> {
    this.ready ??= mkdir(this.dir, { recursive: true, mode: 0o700 }).then(() => undefined);
    return this.ready;
  }
}
