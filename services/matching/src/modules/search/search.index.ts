/**
 * The search's in-memory index of mentors (used by search.repository.ts): every mentor's indexed facts, read once
 * from the read model and then only the rows written since (`search_version`, one sequence bumped by every write),
 * so it answers "which mentors can reach the page" in a few milliseconds without asking Postgres to score them.
 *
 * It never decides the page: it computes each mentor's score as search.ranking.ts's SQL does (the same float
 * operations in the same order) except goals, which Postgres ranks with ts_rank and which it counts in full (an
 * upper bound), and hands the mentors whose bound can reach the page to Postgres with their scores without goals;
 * Postgres adds the goals term and filters them exactly (eligibility, training, exclusions, the cursor). It keeps
 * a superset: a mentor is left out only when their profile says they cannot be listed (not approved, no capacity,
 * paused past tomorrow).
 */
import { activeCriteria, family, FAMILY_SIMILARITY, LOCATION_LEVELS, type Criterion } from './score';
import type { RankQuery } from './search.ranking';

/** A mentor's facts as the index reads them. */
export interface IndexedMentorRow {
  userId: string;
  listed: boolean;
  pausedUntil: string | null;
  industryCode: string | null;
  industryFamily: string | null;
  occupationCode: string | null;
  occupationFamily: string | null;
  skills: string[];
  languages: string[];
  cityKey: string | null;
  timeZoneKey: string | null;
  countryKey: string | null;
  meetingPreferences: string[];
  livedExperience: string[];
  version: string;
}

/** What the index reads: at most `limit` rows written after a version, in the order of their versions. */
export type IndexSource = (afterVersion: number, limit: number) => Promise<IndexedMentorRow[]>;

/** The mentors that can reach a page, and the best score any other mentor could reach. */
export interface Candidates {
  ids: string[];
  /**
   * Each candidate's score without goals, in the order of `ids`: the SQL's sum of every other criterion's term, bit
   * for bit (the same float operations in the same order), from the facts read at the last refresh.
   */
  scores: number[];
  /** The highest upper bound among mentors left out (-Infinity when none is). */
  outsideBound: number;
  /** How many mentors the scan scored (all of them in a linear scan). */
  visited: number;
}

/** How `candidates` scans: every mentor, or blocks best bound first until none left can reach the page. */
export type IndexScan = 'early' | 'linear';

/** Float sums here and in SQL may differ in their last bits: bounds are raised by this. */
export const BOUND_EPSILON = 1e-9;
/** Rows written within this window are read again (a transaction may commit after a later version was read). */
const REREAD_MS = 2_000;
const DAY_MS = 86_400_000;
/** Rows per read: the first load reads the read model in pages, so the process never holds it all as rows. */
const PAGE = 5_000;
const NOT_PAUSED = -(2 ** 31);

/** A multi-valued column as bit sets: each distinct value is a bit, each mentor `words` 32-bit words. */
class BitColumn {
  readonly values = new Map<string, number>();
  words = 1;
  bits = new Uint32Array(0);

  constructor(capacity: number) {
    this.bits = new Uint32Array(capacity);
  }

  grow(capacity: number) {
    const bits = new Uint32Array(capacity * this.words);
    bits.set(this.bits);
    this.bits = bits;
  }

  set(slot: number, values: readonly string[], capacity: number) {
    for (const v of values) {
      if (this.values.has(v)) continue;
      this.values.set(v, this.values.size);
      if (this.values.size > this.words * 32) this.widen(capacity);
    }
    const base = slot * this.words;
    this.bits.fill(0, base, base + this.words);
    for (const v of values) {
      const bit = this.values.get(v)!;
      this.bits[base + (bit >>> 5)] |= 1 << (bit & 31);
    }
  }

  /** The query's words: the asked values as bits (values no mentor has are left out). */
  mask(values: readonly string[]): Uint32Array {
    const mask = new Uint32Array(this.words);
    for (const v of values) {
      const bit = this.values.get(v);
      if (bit !== undefined) mask[bit >>> 5] |= 1 << (bit & 31);
    }
    return mask;
  }

  private widen(capacity: number) {
    const words = this.words * 2;
    const bits = new Uint32Array(capacity * words);
    for (let i = 0; i < capacity; i++)
      for (let w = 0; w < this.words; w++) bits[i * words + w] = this.bits[i * this.words + w];
    this.words = words;
    this.bits = bits;
  }
}

const popcount = (v: number) => {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
};

const wordsOf = (mask: Uint32Array) => [...mask.keys()].filter((w) => mask[w] !== 0);

/**
 * How many of the query's values (`mask`) a row of bits has, `width` words per row: made once per query, so the scan
 * reads only the words where the query has any, one word inline (the common case).
 */
function counter(bits: Uint32Array, width: number, mask: Uint32Array): (row: number) => number {
  const words = wordsOf(mask).filter((w) => w < width);
  if (!words.length) return () => 0;
  if (words.length === 1) {
    const [w] = words;
    const m = mask[w];
    return (row) => popcount(bits[row * width + w] & m);
  }
  return (row) => {
    let n = 0;
    const base = row * width;
    for (let j = 0; j < words.length; j++) n += popcount(bits[base + words[j]] & mask[words[j]]);
    return n;
  };
}

export class MentorSearchIndex {
  /** Single-valued codes and keys: one id per distinct text, -1 for none. */
  private readonly dictionary = new Map<string, number>();
  private readonly slots = new Map<string, number>();
  private capacity = 0;
  private ids: string[] = [];
  private listed = new Uint8Array(0);
  private pausedDay = new Int32Array(0);
  private industry = new Int32Array(0);
  private industryFamily = new Int32Array(0);
  private occupation = new Int32Array(0);
  private occupationFamily = new Int32Array(0);
  private city = new Int32Array(0);
  private timeZone = new Int32Array(0);
  private country = new Int32Array(0);
  private skills = new BitColumn(0);
  private languages = new BitColumn(0);
  private meeting = new BitColumn(0);
  private lived = new BitColumn(0);
  /** Per slot, the score found by the last `candidates` (reused between calls). */
  private lows = new Float64Array(0);
  /** A buffer for the slots one `candidates` call scored and could list, kept between calls. */
  private scoredSlots = new Int32Array(1024);
  /** Slots left out of one `candidates` call (the mentee, those who declined them). */
  private excluded = new Uint8Array(0);
  /** [time, highest version read by then]: a read starts from the mark older than REREAD_MS. */
  private marks: Array<[number, number]> = [];
  private loaded = false;
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  /** The blocks of the early stop, built at the first search and again after many changes. */
  private built: Blocks | null = null;

  constructor(
    private readonly source: IndexSource,
    private readonly now: () => number = Date.now,
    private readonly page = PAGE,
    /** The scan `candidates` uses unless told (`linear`: the A/B of the probe and the tests). */
    public scan: IndexScan = 'early',
  ) {}

  /** The columns as they are now (growing replaces them). */
  private facts = (): MentorFacts => ({
    industry: this.industry,
    industryFamily: this.industryFamily,
    occupation: this.occupation,
    occupationFamily: this.occupationFamily,
    city: this.city,
    timeZone: this.timeZone,
    country: this.country,
    skills: this.skills,
    languages: this.languages,
    meeting: this.meeting,
    lived: this.lived,
  });

  get size(): number {
    return this.ids.length;
  }

  /**
   * Reads what was written since the last read (the whole read model the first time). A mentor erased from the
   * read model stays here until the process restarts: harmless, as Postgres lists only who is still there.
   * A call while a read runs waits for the next one, which starts after it: a search always sees writes committed
   * before it began.
   */
  refresh(): Promise<void> {
    if (!this.running) {
      this.running = this.read().finally(() => (this.running = null));
      return this.running;
    }
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.refresh();
      });
    return this.queued;
  }

  private async read(): Promise<void> {
    const started = this.now();
    const first = !this.loaded;
    let floor: number;
    if (first) {
      this.reset();
      floor = 0;
    } else {
      const old = this.marks.filter(([at]) => at <= started - REREAD_MS);
      floor = (old.length ? old[old.length - 1] : this.marks[0])?.[1] ?? 0;
      // keep the newest mark older than the window and those within it
      this.marks = this.marks.slice(Math.max(0, old.length - 1));
    }
    for (;;) {
      const rows = await this.source(floor, this.page);
      this.apply(rows, started);
      if (rows.length < this.page) break;
      floor = Number(rows[rows.length - 1].version);
    }
    // a first load that failed half-way starts again at the next search
    if (first) {
      this.loaded = true;
      // the early stop's blocks, built here rather than by the first search
      if (this.scan === 'early') this.built = Blocks.build(this.facts, this.ids.length);
    }
  }

  private reset() {
    this.slots.clear();
    this.ids = [];
    this.capacity = 0;
    this.listed = this.excluded = new Uint8Array(0);
    this.lows = new Float64Array(0);
    this.pausedDay = this.industry = this.industryFamily = this.occupation = this.occupationFamily = new Int32Array(0);
    this.city = this.timeZone = this.country = new Int32Array(0);
    this.skills = new BitColumn(0);
    this.languages = new BitColumn(0);
    this.meeting = new BitColumn(0);
    this.lived = new BitColumn(0);
    this.grow(1024);
    this.marks = [];
    this.built = null;
  }

  private grow(capacity: number) {
    const more = <T extends Uint8Array | Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(capacity);
      b.set(a);
      return b;
    };
    const int32 = (n: number) => new Int32Array(n);
    this.listed = more(this.listed, (n) => new Uint8Array(n));
    this.excluded = more(this.excluded, (n) => new Uint8Array(n));
    this.lows = more(this.lows, (n) => new Float64Array(n));
    this.pausedDay = more(this.pausedDay, int32);
    this.industry = more(this.industry, int32);
    this.industryFamily = more(this.industryFamily, int32);
    this.occupation = more(this.occupation, int32);
    this.occupationFamily = more(this.occupationFamily, int32);
    this.city = more(this.city, int32);
    this.timeZone = more(this.timeZone, int32);
    this.country = more(this.country, int32);
    for (const column of [this.skills, this.languages, this.meeting, this.lived]) column.grow(capacity);
    this.capacity = capacity;
  }

  private code(value: string | null): number {
    if (value === null) return -1;
    let id = this.dictionary.get(value);
    if (id === undefined) {
      id = this.dictionary.size;
      this.dictionary.set(value, id);
    }
    return id;
  }

  private apply(rows: IndexedMentorRow[], at: number) {
    let highest = this.marks.length ? this.marks[this.marks.length - 1][1] : 0;
    for (const r of rows) {
      let i = this.slots.get(r.userId);
      if (i === undefined) {
        i = this.ids.length;
        if (i >= this.capacity) this.grow(Math.max(1024, this.capacity * 2));
        this.slots.set(r.userId, i);
        this.ids.push(r.userId);
      }
      this.listed[i] = r.listed ? 1 : 0;
      this.pausedDay[i] = r.pausedUntil ? Math.floor(Date.parse(r.pausedUntil) / DAY_MS) : NOT_PAUSED;
      this.industry[i] = this.code(r.industryCode);
      this.industryFamily[i] = this.code(r.industryFamily);
      this.occupation[i] = this.code(r.occupationCode);
      this.occupationFamily[i] = this.code(r.occupationFamily);
      this.city[i] = this.code(r.cityKey);
      this.timeZone[i] = this.code(r.timeZoneKey);
      this.country[i] = this.code(r.countryKey);
      this.skills.set(i, r.skills, this.capacity);
      this.languages.set(i, r.languages, this.capacity);
      this.meeting.set(i, r.meetingPreferences, this.capacity);
      this.lived.set(i, r.livedExperience, this.capacity);
      this.built?.touch(i);
      highest = Math.max(highest, Number(r.version));
    }
    this.marks.push([at, highest]);
  }

  /**
   * The mentors who can reach the first `wanted` places of the ranking, or null when the index cannot help (no
   * criterion used, `exact` criteria: the caller ranks in SQL). A listed mentor's score without goals is a lower
   * bound of their score; the candidates are those whose upper bound (goals in full) reaches the `wanted`-th best
   * lower bound, so every other mentor scores below at least `wanted` candidates.
   *
   * The scan stops early (`scan: 'early'`, the default): mentors are kept in blocks of similar profiles (same
   * occupation and industry codes, similar skills), each block's facts merged (the union of its skills, its
   * codes, …), so a block's bound is at least every member's. Blocks are visited best bound first, and the scan
   * stops at the first block whose bound is below the `wanted`-th best lower bound found so far: no mentor left
   * can reach it, nor the heap. The candidates are then exactly those of the scan of every mentor (`'linear'`).
   */
  candidates(q: RankQuery, wanted: number, scan: IndexScan = this.scan): Candidates | null {
    const query = this.prepare(q);
    if (!query) return null;
    const { score, wGoals } = query;
    const heap = new MinHeap(wanted);
    const { lows } = this;
    const ids: string[] = [];
    const scores: number[] = [];
    let outsideBound = -Infinity;
    const excludedSlots = q.excludeIds.map((id) => this.slots.get(id)).filter((i) => i !== undefined);
    for (const i of excludedSlots) this.excluded[i] = 1;
    let visited = 0;
    try {
      if (scan === 'linear') {
        const n = this.ids.length;
        for (let i = 0; i < n; i++) {
          const s = score(i);
          lows[i] = s;
          if (s >= 0) heap.offer(s - BOUND_EPSILON);
        }
        visited = n;
        // a mentor can reach the page when their upper bound reaches the `wanted`-th best lower bound
        const reach = heap.full ? heap.min : -Infinity;
        for (let i = 0; i < n; i++) {
          if (lows[i] < 0) continue;
          const bound = lows[i] + wGoals + BOUND_EPSILON;
          if (bound >= reach) {
            ids.push(this.ids[i]);
            scores.push(lows[i]);
          } else if (bound > outsideBound) outsideBound = bound;
        }
        return { ids, scores, outsideBound, visited };
      }
      // how many slots of the buffer this call filled (a search scores up to some thousands)
      let scored = 0;
      // every mentor left has a lower bound and an upper bound at most the bound left: none can reach the heap
      const left = this.blocks().visit(
        query,
        () => (heap.full ? heap.min : -Infinity),
        (members, from, to) => {
          if (this.scoredSlots.length < scored + to - from)
            this.scoredSlots = widen(this.scoredSlots, scored + to - from);
          const slots = this.scoredSlots;
          for (let j = from; j < to; j++) {
            const i = members[j];
            const s = score(i);
            if (s < 0) continue;
            lows[i] = s;
            slots[scored++] = i;
            heap.offer(s - BOUND_EPSILON);
          }
          visited += to - from;
        },
      );
      const reach = heap.full ? heap.min : -Infinity;
      for (let j = 0; j < scored; j++) {
        const i = this.scoredSlots[j];
        const bound = lows[i] + wGoals + BOUND_EPSILON;
        if (bound >= reach) {
          ids.push(this.ids[i]);
          scores.push(lows[i]);
        } else if (bound > outsideBound) outsideBound = bound;
      }
      outsideBound = Math.max(outsideBound, left);
      return { ids, scores, outsideBound, visited };
    } finally {
      for (const i of excludedSlots) this.excluded[i] = 0;
    }
  }

  /** The query's asked values as the index's codes and bits, its weights, and the scorer of one mentor. */
  private prepare(q: RankQuery): PreparedQuery | null {
    const c = q.criteria;
    const active = activeCriteria(c).filter((k) => q.weights[k] > 0);
    if (!active.length || q.exact.length) return null;
    const total = active.reduce((sum, k) => sum + q.weights[k], 0);
    const w = (k: Criterion) => (active.includes(k) ? q.weights[k] / total : 0);
    const known = (v: string | null) => (v === null ? -2 : (this.dictionary.get(v) ?? -2));
    const lower = (v: string | null) => (v ? v.trim().toLowerCase() : null);
    // the asked values as the index's codes (-2: nothing has it; -3: not asked)
    const ind = known(c.industryCode);
    const indFam = known(family(c.industryCode));
    const occ = known(c.occupationCode);
    const occFam = known(family(c.occupationCode));
    const city = c.city ? known(lower(c.city)) : -3;
    const tz = c.timeZone ? known(lower(c.timeZone)) : -3;
    const country = c.country ? known(lower(c.country)) : -3;
    const skillMask = this.skills.mask(c.skills);
    const languageMask = this.languages.mask(c.languages);
    const meetingMask = this.meeting.mask(c.meetingPreferences);
    const livedMask = this.lived.mask(c.livedExperience);
    const locBest = Math.max(
      c.city ? LOCATION_LEVELS.city : 0,
      c.timeZone ? LOCATION_LEVELS.timeZone : 0,
      c.country ? LOCATION_LEVELS.country : 0,
    );
    const wInd = w('INDUSTRY');
    const wOcc = w('OCCUPATION');
    const wSkills = w('SKILLS');
    const wLanguages = w('LANGUAGES');
    const wLocation = w('LOCATION');
    const wMeeting = w('MEETING_PREFERENCE');
    const wLived = w('LIVED_EXPERIENCE');
    // goals are ranked by ts_rank in Postgres, capped at 1: counted in full in the upper bound
    const wGoals = w('GOALS');
    const nSkills = Math.max(1, c.skills.length);
    const nLived = Math.max(1, c.livedExperience.length);
    const cityLevel = wLocation ? LOCATION_LEVELS.city / locBest : 0;
    const tzLevel = wLocation ? LOCATION_LEVELS.timeZone / locBest : 0;
    const countryLevel = wLocation ? LOCATION_LEVELS.country / locBest : 0;
    const afterScore = q.after ? q.after.score : Infinity;
    const lastListedDay = Math.floor(this.now() / DAY_MS) + 1; // tomorrow anywhere: current_date is the database's

    const { listed, excluded, pausedDay } = this;
    const { industry, industryFamily, occupation, occupationFamily } = this;
    const { city: cities, timeZone: timeZones, country: countries } = this;
    // how many asked values a mentor has in each column
    const column = (bits: BitColumn, mask: Uint32Array) => counter(bits.bits, bits.words, mask);
    const skillCount = column(this.skills, skillMask);
    const languageCount = column(this.languages, languageMask);
    const meetingCount = column(this.meeting, meetingMask);
    const livedCount = column(this.lived, livedMask);
    /** A mentor's score without goals (the same float operations in the same order as the SQL), -1 when not listed. */
    const score = (i: number): number => {
      if (listed[i] === 0 || excluded[i] === 1 || pausedDay[i] > lastListedDay) return -1;
      let s = 0;
      if (wInd) s += wInd * (industry[i] === ind ? 1 : industryFamily[i] === indFam ? FAMILY_SIMILARITY : 0);
      if (wOcc) s += wOcc * (occupation[i] === occ ? 1 : occupationFamily[i] === occFam ? FAMILY_SIMILARITY : 0);
      if (wSkills) s += wSkills * (skillCount(i) / nSkills);
      if (wLanguages && languageCount(i) > 0) s += wLanguages;
      if (wLocation) {
        const level =
          cities[i] === city ? cityLevel : timeZones[i] === tz ? tzLevel : countries[i] === country ? countryLevel : 0;
        s += wLocation * level;
      }
      if (wMeeting && meetingCount(i) > 0) s += wMeeting;
      if (wLived) s += wLived * (livedCount(i) / nLived);
      // past a cursor: a mentor sure to score above it was on an earlier page
      if (s - BOUND_EPSILON > afterScore) return -1;
      return s;
    };
    return {
      score,
      wGoals,
      weights: { wInd, wOcc, wSkills, wLanguages, wLocation, wMeeting, wLived },
      codes: { ind, indFam, occ, occFam, city, tz, country },
      levels: { cityLevel, tzLevel, countryLevel },
      masks: { skills: skillMask, languages: languageMask, meeting: meetingMask, lived: livedMask },
      counts: { skills: nSkills, lived: nLived },
    };
  }

  /** The blocks of the early stop, built again when many mentors changed since (else each change widens its block). */
  private blocks(): Blocks {
    const widths = [this.skills, this.languages, this.meeting, this.lived].map((column) => column.words);
    if (
      !this.built ||
      this.built.changes > this.built.size / 8 + 64 ||
      this.built.widths.some((words, k) => words !== widths[k])
    )
      this.built = Blocks.build(this.facts, this.ids.length);
    else this.built.catchUp(this.ids.length);
    return this.built;
  }
}

const reverseBits = (v: number) => {
  v = ((v >>> 1) & 0x55555555) | ((v & 0x55555555) << 1);
  v = ((v >>> 2) & 0x33333333) | ((v & 0x33333333) << 2);
  v = ((v >>> 4) & 0x0f0f0f0f) | ((v & 0x0f0f0f0f) << 4);
  v = ((v >>> 8) & 0x00ff00ff) | ((v & 0x00ff00ff) << 8);
  return ((v >>> 16) | (v << 16)) >>> 0;
};

/** What `candidates` needs of a query, from `prepare`. */
interface PreparedQuery {
  /** A mentor's score without goals (a lower bound of the SQL score), -1 when they cannot be listed. */
  score: (slot: number) => number;
  wGoals: number;
  weights: Record<'wInd' | 'wOcc' | 'wSkills' | 'wLanguages' | 'wLocation' | 'wMeeting' | 'wLived', number>;
  codes: Record<'ind' | 'indFam' | 'occ' | 'occFam' | 'city' | 'tz' | 'country', number>;
  levels: Record<'cityLevel' | 'tzLevel' | 'countryLevel', number>;
  masks: Record<'skills' | 'languages' | 'meeting' | 'lived', Uint32Array>;
  counts: Record<'skills' | 'lived', number>;
}

/** The index's columns, as the blocks read them. */
export interface MentorFacts {
  industry: Int32Array;
  industryFamily: Int32Array;
  occupation: Int32Array;
  occupationFamily: Int32Array;
  city: Int32Array;
  timeZone: Int32Array;
  country: Int32Array;
  skills: BitColumn;
  languages: BitColumn;
  meeting: BitColumn;
  lived: BitColumn;
}

/** Mentors per block at most: smaller blocks bound closer, more blocks cost more to bound per search. */
export const BLOCK_SIZE = 16;
/**
 * How many skills a block's union may have beyond its members' most. On seed:large's mentors, 0 bounds ~7,800 nodes
 * and scores ~235 mentors per search (median), no limit ~1,300 nodes and ~5,500 mentors; 9 was the fastest measured.
 */
export const SKILLS_SLACK = 9;
/** Blocks per subgroup at most. */
export const SUBGROUP_SIZE = 16;
/** The order of mentors within a group (the first columns vary least within a block). */
const SORT_COLUMNS = ['lived', 'languages', 'meeting', 'skills'] as const;
const CODE_COLUMNS = [
  'industry',
  'industryFamily',
  'occupation',
  'occupationFamily',
  'city',
  'timeZone',
  'country',
] as const;
const BIT_COLUMNS = ['skills', 'languages', 'meeting', 'lived'] as const;

/** A code column's node without a code yet, and one whose members have several (listed in `lists`). */
const NO_CODE = -6;
const MANY_CODES = -5;

/** Merged facts of sets of mentors (the nodes of `Blocks`): the codes any member has, the union of their bits. */
class Merged {
  /** Per code column, the node's one code (or NO_CODE, MANY_CODES: then its codes are in `lists`). */
  private readonly one = {} as Record<(typeof CODE_COLUMNS)[number], Int32Array>;
  private readonly lists = {} as Record<(typeof CODE_COLUMNS)[number], number[][]>;
  private readonly unions = {} as Record<(typeof BIT_COLUMNS)[number], Uint32Array>;
  /** The most values one member has, per bit column (a member matches at most that many asked values). */
  private readonly most = {} as Record<(typeof BIT_COLUMNS)[number], Int32Array>;
  count = 0;
  private capacity = 64;

  constructor(private readonly widths: number[]) {
    for (const k of CODE_COLUMNS) {
      this.one[k] = new Int32Array(this.capacity).fill(NO_CODE);
      this.lists[k] = [];
    }
    for (const [n, k] of BIT_COLUMNS.entries()) {
      this.unions[k] = new Uint32Array(this.capacity * widths[n]);
      this.most[k] = new Int32Array(this.capacity);
    }
  }

  push(): number {
    if (this.count === this.capacity) {
      this.capacity *= 2;
      const more = <T extends Int32Array | Uint32Array>(a: T, make: (n: number) => T, per = 1): T => {
        const b = make(this.capacity * per);
        b.set(a);
        return b;
      };
      for (const k of CODE_COLUMNS) this.one[k] = more(this.one[k], (n) => new Int32Array(n).fill(NO_CODE));
      for (const [n, k] of BIT_COLUMNS.entries()) {
        this.unions[k] = more(this.unions[k], (m) => new Uint32Array(m), this.widths[n]);
        this.most[k] = more(this.most[k], (m) => new Int32Array(m));
      }
    }
    return this.count++;
  }

  /** Merges a mentor's facts into a node; whether the node widened (a mentor read again unchanged does not). */
  merge(node: number, f: MentorFacts, slot: number): boolean {
    let widened = false;
    for (const k of CODE_COLUMNS) {
      const v = f[k][slot];
      const one = this.one[k];
      if (one[node] === v) continue;
      if (one[node] === NO_CODE) one[node] = v;
      else if (one[node] === MANY_CODES) {
        if (this.lists[k][node].includes(v)) continue;
        this.lists[k][node].push(v);
      } else {
        this.lists[k][node] = [one[node], v];
        one[node] = MANY_CODES;
      }
      widened = true;
    }
    for (const [n, k] of BIT_COLUMNS.entries()) {
      const words = this.widths[n];
      const column = f[k];
      let has = 0;
      for (let w = 0; w < column.words; w++) has += popcount(column.bits[slot * column.words + w]);
      if (has > this.most[k][node]) {
        this.most[k][node] = has;
        widened = true;
      }
      const union = this.unions[k];
      for (let w = 0; w < words; w++) {
        const merged = union[node * words + w] | column.bits[slot * column.words + w];
        if (merged !== union[node * words + w]) {
          union[node * words + w] = merged;
          widened = true;
        }
      }
    }
    return widened;
  }

  /**
   * A query's bound of a node: the best score (goals in full) any member could have, from the same terms in the
   * same order as the mentor's score (search.index.ts's `prepare`), each at least the member's, so at least the
   * member's bound in floats too.
   */
  bounder(q: PreparedQuery): (node: number) => number {
    const { wInd, wOcc, wSkills, wLanguages, wLocation, wMeeting, wLived } = q.weights;
    const { ind, indFam, occ, occFam, city, tz, country } = q.codes;
    const { cityLevel, tzLevel, countryLevel } = q.levels;
    // per column, made once per query: whether a node's members have the asked code
    const has = (k: (typeof CODE_COLUMNS)[number], v: number): ((node: number) => boolean) => {
      const one = this.one[k];
      const lists = this.lists[k];
      if (v < -1) return () => false; // asked for a code no mentor has, or not asked
      return (node) => {
        const o = one[node];
        return o === v || (o === MANY_CODES && lists[node].includes(v));
      };
    };
    // the asked values in the union, and no more than one member has
    const shares = (k: (typeof BIT_COLUMNS)[number], mask: Uint32Array): ((node: number) => number) => {
      const inUnion = counter(this.unions[k], this.widths[BIT_COLUMNS.indexOf(k)], mask);
      const most = this.most[k];
      return (node) => {
        const n = inUnion(node);
        return n < most[node] ? n : most[node];
      };
    };
    const { skills: skillMask, languages: languageMask, meeting: meetingMask, lived: livedMask } = q.masks;
    const { skills: nSkills, lived: nLived } = q.counts;
    const { wGoals } = q;
    const hasInd = has('industry', ind);
    const hasIndFam = has('industryFamily', indFam);
    const hasOcc = has('occupation', occ);
    const hasOccFam = has('occupationFamily', occFam);
    const hasCity = has('city', city);
    const hasTimeZone = has('timeZone', tz);
    const hasCountry = has('country', country);
    const skills = shares('skills', skillMask);
    const languages = shares('languages', languageMask);
    const meeting = shares('meeting', meetingMask);
    const lived = shares('lived', livedMask);
    return (b: number) => {
      let s = 0;
      if (wInd) s += wInd * (hasInd(b) ? 1 : hasIndFam(b) ? FAMILY_SIMILARITY : 0);
      if (wOcc) s += wOcc * (hasOcc(b) ? 1 : hasOccFam(b) ? FAMILY_SIMILARITY : 0);
      if (wSkills) s += wSkills * (skills(b) / nSkills);
      if (wLanguages && languages(b) > 0) s += wLanguages;
      if (wLocation) {
        const level = hasCity(b) ? cityLevel : hasTimeZone(b) ? tzLevel : hasCountry(b) ? countryLevel : 0;
        s += wLocation * level;
      }
      if (wMeeting && meeting(b) > 0) s += wMeeting;
      if (wLived) s += wLived * (lived(b) / nLived);
      return s + wGoals + BOUND_EPSILON;
    };
  }
}

/**
 * The mentors in a tree of blocks of similar profiles: groups (one occupation and industry code each), in them
 * subgroups (at most SUBGROUP_SIZE blocks), in them blocks (at most BLOCK_SIZE mentors, few skills beyond their
 * members' most). Each node has its members' facts merged (`Merged`), so its bound for a query is at least each
 * member's. Built by sorting each group on lived experience, languages, meeting modes, then skills (common values
 * first), so a block mostly shares them; a mentor written since is merged into their block and its parents (which
 * only widens them), a new one into a block at the end (its own subgroup and group). Sizes chosen by measuring
 * (bench/matching/search-index.cpu.ts): finer blocks score fewer mentors but bound more nodes, which costs more.
 */
export class Blocks {
  /** Mentor slots, block after block; block `b` is members[start[b]] … members[start[b + 1] - 1]. */
  private members = new Int32Array(1024);
  private readonly start: number[] = [0];
  /** Per level (groups 0, subgroups 1, blocks 2): the merged facts of its nodes. */
  private readonly levels: Merged[];
  /** Per level above the blocks: node `n`'s children are children[l][n] … children[l][n + 1] - 1 of level l + 1. */
  private readonly children: number[][] = [[0], [0]];
  /** Per level below the groups: each node's parent. */
  private readonly parents: number[][] = [[], [], []];
  private blockOf = new Int32Array(1024);
  /** The queue of `visit`, kept between searches. */
  private readonly queue = new MaxQueue();
  /** The first group of those filled in arrival order (after the build). */
  private tail = 0;
  /** Mentors covered, mentors changed or added since the build, and the bit columns' widths at the build. */
  size = 0;
  changes = 0;
  readonly widths: number[];

  private constructor(private readonly facts: () => MentorFacts) {
    const f = facts();
    this.widths = BIT_COLUMNS.map((k) => f[k].words);
    this.levels = [0, 1, 2].map(() => new Merged(this.widths));
  }

  static build(facts: () => MentorFacts, n: number): Blocks {
    const blocks = new Blocks(facts);
    const f = facts();
    const order = Array.from({ length: n }, (_, i) => i);
    // bits are numbered in order of first appearance, so the common values have the low bits: compare the bits
    // reversed, so that mentors are split by the common values first and a block shares them
    const bits = (columns: BitColumn[]) => (a: number, b: number) => {
      for (const column of columns)
        for (let w = 0; w < column.words; w++) {
          const d = reverseBits(column.bits[a * column.words + w]) - reverseBits(column.bits[b * column.words + w]);
          if (d !== 0) return d;
        }
      return 0;
    };
    const codes = (a: number, b: number) => f.occupation[a] - f.occupation[b] || f.industry[a] - f.industry[b];
    const similar = bits(SORT_COLUMNS.map((k) => f[k]));
    order.sort((a, b) => codes(a, b) || similar(a, b) || f.city[a] - f.city[b]);
    // the block's skills so far: a block ends before a mentor who would widen its union past its members' most
    // skills by more than SKILLS_SLACK (the part of the bound that is loosest)
    const union = new Uint32Array(f.skills.words);
    let most = 0;
    const skillsOf = (i: number) => {
      let has = 0;
      for (let w = 0; w < union.length; w++) has += popcount(f.skills.bits[i * union.length + w]);
      return has;
    };
    const widened = (i: number) => {
      let has = 0;
      for (let w = 0; w < union.length; w++) has += popcount(union[w] | f.skills.bits[i * union.length + w]);
      return has;
    };
    for (let j = 0; j < n; j++) {
      const i = order[j];
      const b = blocks.levels[2].count - 1;
      const s = blocks.levels[1].count - 1;
      const mine = skillsOf(i);
      // a group per occupation and industry; a subgroup every SUBGROUP_SIZE blocks, a block every BLOCK_SIZE mentors
      const level =
        j === 0 || codes(i, order[j - 1]) !== 0
          ? 0
          : blocks.start[b + 1] - blocks.start[b] < BLOCK_SIZE && widened(i) <= Math.max(most, mine) + SKILLS_SLACK
            ? 3
            : blocks.children[1][s + 1] - blocks.children[1][s] < SUBGROUP_SIZE
              ? 2
              : 1;
      if (level < 3) {
        union.fill(0);
        most = 0;
      }
      for (let w = 0; w < union.length; w++) union[w] |= f.skills.bits[i * union.length + w];
      most = Math.max(most, mine);
      blocks.add(i, level);
    }
    blocks.tail = blocks.levels[0].count;
    blocks.changes = 0;
    return blocks;
  }

  /** Mentors added to the index since: into blocks at the end, in arrival order. */
  catchUp(n: number) {
    for (let i = this.size; i < n; i++) {
      const b = this.levels[2].count - 1;
      const fresh = this.levels[0].count <= this.tail || this.start[b + 1] - this.start[b] >= BLOCK_SIZE;
      this.add(i, fresh ? 0 : 3);
      this.changes++;
    }
  }

  /**
   * A mentor written since the build: their new facts merged into their block and its parents (a bound stays a
   * bound). Counted as a change when it widened the block, towards the next build.
   */
  touch(slot: number) {
    if (slot >= this.size) return;
    if (this.merge(this.blockOf[slot], slot)) this.changes++;
  }

  /** A mentor into new nodes from level `from` down (3: into the last block). */
  private add(slot: number, from: number) {
    for (let l = from; l < 3; l++) {
      const node = this.levels[l].push();
      if (l > 0) {
        this.parents[l].push(this.levels[l - 1].count - 1);
        this.children[l - 1][this.children[l - 1].length - 1]++;
      }
      if (l < 2) this.children[l].push(this.children[l][node]);
      else this.start.push(this.start[node]);
    }
    const b = this.levels[2].count - 1;
    const j = this.start[b + 1]++;
    if (j >= this.members.length) this.members = widen(this.members, j + 1);
    if (slot >= this.blockOf.length) this.blockOf = widen(this.blockOf, slot + 1);
    this.members[j] = slot;
    this.blockOf[slot] = b;
    this.size = Math.max(this.size, slot + 1);
    this.merge(b, slot);
  }

  private merge(block: number, slot: number): boolean {
    const f = this.facts();
    let node = block;
    let widened = false;
    for (let l = 2; l >= 0; l--) {
      // a node's parents hold at least what it holds
      if (!this.levels[l].merge(node, f, slot) && l === 2) return false;
      widened = true;
      if (l > 0) node = this.parents[l][node];
    }
    return widened;
  }

  /**
   * Scores the mentors best bound first (`scan` gets each block's slots) while a bound left reaches `floor()`:
   * groups, subgroups and blocks in one queue by bound, a node's children bounded when it comes out. Returns the
   * highest bound of what was left (-Infinity when nothing was).
   */
  visit(q: PreparedQuery, floor: () => number, scan: (members: Int32Array, from: number, to: number) => void): number {
    const { queue } = this;
    queue.clear();
    const bounds = this.levels.map((level) => level.bounder(q));
    // an entry is node * 4 + level
    for (let g = 0; g < this.levels[0].count; g++) queue.push(bounds[0](g), g * 4);
    while (queue.size) {
      const bound = queue.topBound;
      if (bound < floor()) return bound;
      const entry = queue.pop();
      const level = entry & 3;
      const node = entry >>> 2;
      if (level < 2) {
        const below = bounds[level + 1];
        for (let c = this.children[level][node]; c < this.children[level][node + 1]; c++)
          queue.push(below(c), c * 4 + level + 1);
      } else scan(this.members, this.start[node], this.start[node + 1]);
    }
    return -Infinity;
  }
}

const widen = (a: Int32Array, n: number) => {
  const more = new Int32Array(Math.max(n, a.length * 2));
  more.set(a);
  return more;
};

/** Entries by bound, highest on top; `clear` keeps its buffers for the next search. */
class MaxQueue {
  private bounds = new Float64Array(1024);
  private entries = new Int32Array(1024);
  private count = 0;
  get size() {
    return this.count;
  }
  get topBound() {
    return this.bounds[0];
  }
  clear() {
    this.count = 0;
  }
  push(bound: number, entry: number) {
    if (this.count === this.bounds.length) {
      const bounds = new Float64Array(this.count * 2);
      bounds.set(this.bounds);
      this.bounds = bounds;
      this.entries = widen(this.entries, this.count * 2);
    }
    const { bounds: h, entries: e } = this;
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (h[parent] >= bound) break;
      h[i] = h[parent];
      e[i] = e[parent];
      i = parent;
    }
    h[i] = bound;
    e[i] = entry;
  }
  pop(): number {
    const { bounds: h, entries: e } = this;
    const top = e[0];
    const n = --this.count;
    const lastBound = h[n];
    const lastEntry = e[n];
    if (n) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const m = l + 1 < n && h[l + 1] > h[l] ? l + 1 : l;
        if (h[m] <= lastBound) break;
        h[i] = h[m];
        e[i] = e[m];
        i = m;
      }
      h[i] = lastBound;
      e[i] = lastEntry;
    }
    return top;
  }
}

/** The `size` largest numbers offered, smallest on top. */
class MinHeap {
  private readonly values: number[] = [];
  constructor(private readonly size: number) {}
  get full() {
    return this.values.length >= this.size;
  }
  get min() {
    return this.values[0];
  }
  offer(v: number) {
    const h = this.values;
    if (h.length < this.size) {
      h.push(v);
      let i = h.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (h[parent] <= h[i]) break;
        [h[parent], h[i]] = [h[i], h[parent]];
        i = parent;
      }
      return;
    }
    if (v <= h[0]) return;
    h[0] = v;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && h[l] < h[m]) m = l;
      if (r < h.length && h[r] < h[m]) m = r;
      if (m === i) break;
      [h[m], h[i]] = [h[i], h[m]];
      i = m;
    }
  }
}
