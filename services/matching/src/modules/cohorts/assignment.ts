/**
 * Optimal mentee-to-mentor assignment under mentor capacities, as a min-cost flow: source → mentee
 * (capacity 1) → mentor (capacity 1, cost from the score) → sink (capacity = the mentor's free places),
 * solved by successive shortest paths with Johnson potentials (Dijkstra on reduced costs), augmenting
 * every shortest path of a round along zero-reduced-cost arcs (primal-dual). Pure: no I/O.
 *
 * Costs are integers: a score s in [0, 1] becomes S = round(s · 10⁶).
 * - MAX_TOTAL_SCORE: cost −(S · (n + 1) + 1), the total score first, then (as a tie-break only) more pairs;
 *   augmentation stops once the cheapest path no longer lowers the cost.
 * - MAX_MATCHED: cost −(B + S) with B = (n + 1) · 10⁶ > any total score, so the number of pairs comes
 *   first and the score second.
 */
export type CohortObjective = 'MAX_TOTAL_SCORE' | 'MAX_MATCHED';

export interface AssignmentProblem {
  menteeCount: number;
  /** Free places per mentor. */
  capacities: number[];
  /** The allowed pairs and their scores in [0, 1]. */
  edges: Array<{ mentee: number; mentor: number; score: number }>;
}

export interface Assignment {
  /** mentor index per mentee, or -1. */
  mentorOf: number[];
  matched: number;
  /** Sum of the scores of the pairs, from the integer-scaled scores (so exact and comparable). */
  totalScaled: number;
}

export const SCALE = 1_000_000;
export const scaled = (score: number) => Math.round(Math.min(1, Math.max(0, score)) * SCALE);

export function solveAssignment(problem: AssignmentProblem, objective: CohortObjective): Assignment {
  const n = problem.menteeCount;
  const m = problem.capacities.length;
  const N = n + m + 2;
  const S = 0;
  const T = N - 1;
  const mentee = (i: number) => 1 + i;
  const mentorNode = (j: number) => 1 + n + j;
  const arcCount = 2 * (n + m + problem.edges.length);
  const to = new Int32Array(arcCount);
  const cap = new Int32Array(arcCount);
  const cost = new Float64Array(arcCount);
  const next = new Int32Array(arcCount);
  const head = new Int32Array(N).fill(-1);
  let arcs = 0;
  const add = (u: number, v: number, c: number, w: number) => {
    to[arcs] = v; cap[arcs] = c; cost[arcs] = w; next[arcs] = head[u]; head[u] = arcs++;
    to[arcs] = u; cap[arcs] = 0; cost[arcs] = -w; next[arcs] = head[v]; head[v] = arcs++;
  };
  const big = (n + 1) * SCALE;
  const edgeCost = (score: number) => (objective === 'MAX_MATCHED' ? -(big + scaled(score)) : -(scaled(score) * (n + 1) + 1));
  for (let i = 0; i < n; i++) add(S, mentee(i), 1, 0);
  // pair arcs first per mentee, in the order given (deterministic results)
  for (const e of problem.edges) add(mentee(e.mentee), mentorNode(e.mentor), 1, edgeCost(e.score));
  for (let j = 0; j < m; j++) if (problem.capacities[j] > 0) add(mentorNode(j), T, problem.capacities[j], 0);

  // initial potentials: shortest distances in the (acyclic) initial residual graph
  const h = new Float64Array(N);
  for (let a = 0; a < arcs; a += 2) {
    const v = to[a];
    if (v > n && v <= n + m && cost[a] < h[v]) h[v] = cost[a];
  }
  for (let j = 0; j < m; j++) if (h[mentorNode(j)] < h[T] && problem.capacities[j] > 0) h[T] = h[mentorNode(j)];

  const dist = new Float64Array(N);
  const done = new Uint8Array(N);
  const heapNode = new Int32Array(arcCount + N);
  const heapKey = new Float64Array(arcCount + N);
  const iter = new Int32Array(N);
  const onPath = new Uint8Array(N);

  const dijkstra = (): boolean => {
    dist.fill(Infinity);
    done.fill(0);
    dist[S] = 0;
    let size = 0;
    const push = (v: number, k: number) => {
      let i = size++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (heapKey[p] <= k) break;
        heapNode[i] = heapNode[p]; heapKey[i] = heapKey[p]; i = p;
      }
      heapNode[i] = v; heapKey[i] = k;
    };
    const pop = (): number => {
      const top = heapNode[0];
      const lastNode = heapNode[--size];
      const lastKey = heapKey[size];
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= size) break;
        if (c + 1 < size && heapKey[c + 1] < heapKey[c]) c++;
        if (heapKey[c] >= lastKey) break;
        heapNode[i] = heapNode[c]; heapKey[i] = heapKey[c]; i = c;
      }
      heapNode[i] = lastNode; heapKey[i] = lastKey;
      return top;
    };
    push(S, 0);
    while (size > 0) {
      const k = heapKey[0];
      const u = pop();
      if (done[u] || k > dist[u]) continue;
      done[u] = 1;
      if (u === T) break; // early exit: potentials below are capped at dist[T]
      for (let a = head[u]; a !== -1; a = next[a]) {
        if (cap[a] <= 0) continue;
        const v = to[a];
        const nd = dist[u] + cost[a] + h[u] - h[v];
        if (nd < dist[v]) {
          dist[v] = nd;
          push(v, nd);
        }
      }
    }
    if (!done[T]) return false;
    const dT = dist[T];
    for (let v = 0; v < N; v++) h[v] += Math.min(dist[v], dT);
    return true;
  };

  // one augmenting path along zero-reduced-cost residual arcs (depth-first, current-arc pointers)
  const augment = (u: number): boolean => {
    if (u === T) return true;
    onPath[u] = 1;
    for (let a = iter[u]; a !== -1; a = next[a], iter[u] = a) {
      const v = to[a];
      if (cap[a] <= 0 || onPath[v] || cost[a] + h[u] - h[v] !== 0) continue;
      if (augment(v)) {
        cap[a] -= 1;
        cap[a ^ 1] += 1;
        onPath[u] = 0;
        return true;
      }
    }
    onPath[u] = 0;
    return false;
  };

  for (;;) {
    if (!dijkstra()) break;
    // the real cost of the shortest path: stop once it no longer improves the objective
    if (h[T] - h[S] >= 0) break;
    iter.set(head);
    let found = 0;
    while (augment(S)) found++;
    if (found === 0) break; // cannot happen with exact integer costs; guards against a loop
  }

  const mentorOf = new Array<number>(n).fill(-1);
  let matched = 0;
  let totalScaled = 0;
  const scoreOf = new Map<number, number>();
  for (const e of problem.edges) scoreOf.set(e.mentee * m + e.mentor, scaled(e.score));
  for (let i = 0; i < n; i++) {
    for (let a = head[mentee(i)]; a !== -1; a = next[a]) {
      const v = to[a];
      // a used forward pair arc: even index (forward), capacity spent
      if ((a & 1) === 0 && v > n && v <= n + m && cap[a] === 0) {
        mentorOf[i] = v - n - 1;
        matched++;
        totalScaled += scoreOf.get(i * m + mentorOf[i])!;
      }
    }
  }
  return { mentorOf, matched, totalScaled };
}

/** Exhaustive search (tests only, tiny instances): the best (matched, total) by the objective. */
export function bruteForce(problem: AssignmentProblem, objective: CohortObjective): { matched: number; totalScaled: number } {
  const allowed = new Map<number, Array<{ mentor: number; s: number }>>();
  for (const e of problem.edges) {
    const list = allowed.get(e.mentee) ?? [];
    list.push({ mentor: e.mentor, s: scaled(e.score) });
    allowed.set(e.mentee, list);
  }
  const left = [...problem.capacities];
  let best = { matched: 0, totalScaled: 0 };
  const better = (a: { matched: number; totalScaled: number }, b: { matched: number; totalScaled: number }) =>
    objective === 'MAX_MATCHED' ? a.matched > b.matched || (a.matched === b.matched && a.totalScaled > b.totalScaled) : a.totalScaled > b.totalScaled || (a.totalScaled === b.totalScaled && a.matched > b.matched);
  const visit = (i: number, matched: number, total: number) => {
    if (i === problem.menteeCount) {
      if (better({ matched, totalScaled: total }, best)) best = { matched, totalScaled: total };
      return;
    }
    visit(i + 1, matched, total);
    for (const { mentor, s } of allowed.get(i) ?? []) {
      if (left[mentor] <= 0) continue;
      left[mentor]--;
      visit(i + 1, matched + 1, total + s);
      left[mentor]++;
    }
  };
  visit(0, 0, 0);
  return best;
}
