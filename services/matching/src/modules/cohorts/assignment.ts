/**
 * Optimal mentee-to-mentor assignment under mentor capacities, as a min-cost flow: source → mentee
 * (capacity 1) → mentor (capacity 1, cost from the score) → sink (capacity = the mentor's free places),
 * solved by successive shortest paths with Johnson potentials, one mentee at a time (the Hungarian
 * method's order): Dijkstra on reduced costs from the new mentee to the cheapest exit, either a mentor
 * with a free place (the sink) or a matched mentee given up (back to the source: a better pair takes its
 * place). The previous flow is optimal, so its residual graph has no negative cycle and the new optimum
 * differs by that one path; it is taken only when its real cost is negative. Pure: no I/O.
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
  const big = (n + 1) * SCALE;
  const edgeCost = (score: number) =>
    objective === 'MAX_MATCHED' ? -(big + scaled(score)) : -(scaled(score) * (n + 1) + 1);
  // dense costs of allowed pairs (NaN: not allowed)
  const cost = new Float64Array(n * m).fill(NaN);
  const score = new Float64Array(n * m);
  for (const e of problem.edges) {
    cost[e.mentee * m + e.mentor] = edgeCost(e.score);
    score[e.mentee * m + e.mentor] = scaled(e.score);
  }
  // nodes: mentees 0..n-1, mentors n..n+m-1; h: potentials keeping every residual arc's reduced cost >= 0
  const V = n + m;
  const h = new Float64Array(V);
  const mentorOf = new Int32Array(n).fill(-1);
  const load = new Int32Array(m);
  const assigned: number[][] = Array.from({ length: m }, () => []);
  const dist = new Float64Array(V);
  const done = new Uint8Array(V);
  const parent = new Int32Array(V);
  const heapNode: number[] = [];
  const heapKey: number[] = [];
  const push = (v: number, k: number) => {
    let i = heapNode.length;
    heapNode.push(v);
    heapKey.push(k);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (heapKey[p] <= k) break;
      heapNode[i] = heapNode[p];
      heapKey[i] = heapKey[p];
      i = p;
    }
    heapNode[i] = v;
    heapKey[i] = k;
  };
  const pop = (): number => {
    const top = heapNode[0];
    const lastNode = heapNode.pop()!;
    const lastKey = heapKey.pop()!;
    const size = heapNode.length;
    if (size > 0) {
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= size) break;
        if (c + 1 < size && heapKey[c + 1] < heapKey[c]) c++;
        if (heapKey[c] >= lastKey) break;
        heapNode[i] = heapNode[c];
        heapKey[i] = heapKey[c];
        i = c;
      }
      heapNode[i] = lastNode;
      heapKey[i] = lastKey;
    }
    return top;
  };

  for (let k = 0; k < n; k++) {
    // the new mentee's potential makes its arcs' reduced costs non-negative
    let hk = -Infinity;
    let any = false;
    for (let j = 0; j < m; j++) {
      const c = cost[k * m + j];
      if (c === c) {
        any = true;
        if (h[n + j] - c > hk) hk = h[n + j] - c;
      }
    }
    if (!any) continue;
    h[k] = hk;
    // the exits: a mentor with a free place (to the sink) or a matched mentee given up (back to the source);
    // the virtual terminal's potential is the lowest exit potential, so exit arcs have reduced cost >= 0
    let hExit = Infinity;
    for (let j = 0; j < m; j++) if (load[j] < problem.capacities[j] && h[n + j] < hExit) hExit = h[n + j];
    for (let i = 0; i < k; i++) if (mentorOf[i] >= 0 && h[i] < hExit) hExit = h[i];
    if (hExit === Infinity) break; // no place left and nobody to give up: nobody else can be matched
    dist.fill(Infinity);
    done.fill(0);
    heapNode.length = 0;
    heapKey.length = 0;
    dist[k] = 0;
    parent[k] = -1;
    push(k, 0);
    let exitNode = -1;
    let exitDist = Infinity;
    while (heapNode.length > 0) {
      const key = heapKey[0];
      const u = pop();
      if (done[u] || key > dist[u]) continue;
      if (key >= exitDist) break; // the best exit is final
      done[u] = 1;
      if (u < n) {
        // a mentee: to any allowed mentor other than its own; or give it up (if it is not the new one)
        if (u !== k) {
          const viaExit = dist[u] + h[u] - hExit;
          if (viaExit < exitDist) {
            exitDist = viaExit;
            exitNode = u;
          }
        }
        const own = mentorOf[u];
        for (let j = 0; j < m; j++) {
          const c = cost[u * m + j];
          if (c !== c || j === own) continue;
          const v = n + j;
          const nd = dist[u] + c + h[u] - h[v];
          if (nd < dist[v]) {
            dist[v] = nd;
            parent[v] = u;
            push(v, nd);
          }
        }
      } else {
        const j = u - n;
        if (load[j] < problem.capacities[j]) {
          const viaExit = dist[u] + h[u] - hExit;
          if (viaExit < exitDist) {
            exitDist = viaExit;
            exitNode = u;
          }
        }
        // back along a current pair to the mentee holding it
        for (const i of assigned[j]) {
          const nd = dist[u] - cost[i * m + j] + h[u] - h[i];
          if (nd < dist[i]) {
            dist[i] = nd;
            parent[i] = u;
            push(i, nd);
          }
        }
      }
    }
    if (exitNode < 0) continue;
    // the real cost of the path: augment only when it improves the objective
    const real = exitDist + hExit - h[k];
    for (let v = 0; v < V; v++) h[v] += Math.min(dist[v], exitDist);
    if (real >= 0) {
      continue;
    }
    // walk back from the exit, shifting each mentee on the path to the mentor before it
    let v = exitNode;
    if (v < n) {
      // the given-up mentee leaves its mentor
      const j = mentorOf[v];
      assigned[j].splice(assigned[j].indexOf(v), 1);
      load[j]--;
      mentorOf[v] = -1;
      v = parent[v];
    }
    for (;;) {
      const j = v - n;
      const i = parent[v];
      const previous = mentorOf[i];
      if (previous >= 0) {
        assigned[previous].splice(assigned[previous].indexOf(i), 1);
        load[previous]--;
      }
      mentorOf[i] = j;
      assigned[j].push(i);
      load[j]++;
      if (i === k) break;
      v = parent[i];
    }
  }

  let matched = 0;
  let totalScaled = 0;
  for (let i = 0; i < n; i++) {
    if (mentorOf[i] < 0) continue;
    matched++;
    totalScaled += score[i * m + mentorOf[i]];
  }
  return { mentorOf: Array.from(mentorOf), matched, totalScaled };
}

/** Exhaustive search (tests only, tiny instances): the best (matched, total) by the objective. */
export function bruteForce(
  problem: AssignmentProblem,
  objective: CohortObjective,
): { matched: number; totalScaled: number } {
  const allowed = new Map<number, Array<{ mentor: number; s: number }>>();
  for (const e of problem.edges) {
    const list = allowed.get(e.mentee) ?? [];
    list.push({ mentor: e.mentor, s: scaled(e.score) });
    allowed.set(e.mentee, list);
  }
  const left = [...problem.capacities];
  let best = { matched: 0, totalScaled: 0 };
  const better = (a: { matched: number; totalScaled: number }, b: { matched: number; totalScaled: number }) =>
    objective === 'MAX_MATCHED'
      ? a.matched > b.matched || (a.matched === b.matched && a.totalScaled > b.totalScaled)
      : a.totalScaled > b.totalScaled || (a.totalScaled === b.totalScaled && a.matched > b.matched);
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
