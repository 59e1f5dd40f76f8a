/**
 * The supergraph comes from a file composed by `npm run compose` (or published by a subgraph's pipeline).
 * The gateway polls it and swaps in a changed one without a restart, but only if it is a valid
 * supergraph whose subgraphs answer; otherwise it keeps serving the previous one and logs why.
 */
import { readFile } from 'node:fs/promises';
import { Supergraph } from '@apollo/federation-internals';
import type { SupergraphSdlHook } from '@apollo/gateway';
import type { Logger } from 'pino';

export function fileSupergraph(path: string, log: Logger, pollMs: number): SupergraphSdlHook {
  return async ({ update, healthCheck }) => {
    let current = await readFile(path, 'utf8');
    Supergraph.build(current); // a bad file at start is fatal: there is nothing to fall back to
    let polling = false;
    const timer = setInterval(async () => {
      if (polling) return;
      polling = true;
      try {
        const next = await readFile(path, 'utf8').catch(() => null);
        if (next === null || next === current) return;
        const previous = current;
        current = next; // a rejected file is not retried until it changes again
        try {
          Supergraph.build(next);
          await healthCheck(next);
          update(next);
          log.info({ path }, 'supergraph reloaded');
        } catch (error) {
          log.error({ err: error, path }, 'new supergraph rejected; still serving the previous one');
          void previous;
        }
      } finally {
        polling = false;
      }
    }, pollMs);
    timer.unref();
    return { supergraphSdl: current, cleanup: async () => clearInterval(timer) };
  };
}
