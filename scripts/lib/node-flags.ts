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
 * - `--max-semi-space-size=32`: a young generation of 2 x 32 MB instead of 2 x 16 MB, so fewer short-lived
 *   request objects survive into the old generation: 5-9 % less CPU per dashboard request for about 35 MB
 *   more RSS (peaks of 220-240 MB over every scenario).
 *
 * Not in NODE_OPTIONS: Node accepts only a few V8 flags there, and `--heap-growing-percent` is not one of them.
 */
export const NODE_RUNTIME_FLAGS: readonly string[] = ['--max-semi-space-size=32', '--heap-growing-percent=100'];
