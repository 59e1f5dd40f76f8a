/**
 * The V8 heap settings every Tandem server process (the gateway and the four subgraphs) runs with, wherever
 * it is launched: `npm start`, `npm run bench`, `npm run soak` and the container images' CMD (which
 * tests/infra/dockerfiles.test.ts holds to this list, and whose bundles it starts with it).
 *
 * Measured under the benchmark's 50 connections (bench/results/): the live heap of each process stays
 * around 40-60 MB, but with V8's defaults on a machine with plenty of memory the old generation may grow to
 * four times the live size before a full collection, so the garbage of requests promoted while they waited
 * (queued behind 49 others) pushed the gateway, identity and relationships past 300 MB RSS.
 *
 * - `--heap-growing-percent=100`: the next full collection once the old generation has doubled since the
 *   last one (instead of up to 4x): peaks of about 200 MB instead of 310-365 MB, for a few percent of CPU.
 *   (Bounding the old space instead, with `--max-old-space-size=160` or `256`, made V8 collect so often that
 *   the subgraphs spent 25-40 % more CPU per request.)
 * - `--max-semi-space-size=16`: a young generation of 2 x 16 MB. On Node 20, 32 MB had meant 5-9 % less CPU per
 *   dashboard for about 35 MB more RSS; on Node 24 (2026-12-07, `npm run bench -- --only dashboard,coach`, one
 *   round each, quiet machine) 32 and 16 MB gave the same dashboard throughput (232 and 233 req/s) while 32 MB
 *   peaked 25-45 MB higher in every process (gateway 311-357 MB against 287-301); 8 MB cost 10 % of it (209).
 *
 * Not in NODE_OPTIONS: Node accepts only a few V8 flags there, and `--heap-growing-percent` is not one of them.
 */
export const NODE_RUNTIME_FLAGS: readonly string[] = ['--max-semi-space-size=16', '--heap-growing-percent=100'];
