/**
 * The search's in-memory index of mentors (used by search.repository.ts): every mentor's indexed facts, read once
 * from the read model and then only the rows written since (`search_version`, one sequence bumped by every write),
 * so it answers "which mentors can reach the page" in a few milliseconds without asking Postgres to score them.
 *
 * It never decides the page: it computes each mentor's score as search.ranking.ts's SQL does (the same float
 * operations in the same order) except goals, which Postgres ranks with ts_rank and which it counts in full (an
 * upper bound), and hands the mentors whose bound can reach the page to Postgres, which scores and filters them
 * exactly (eligibility, training, exclusions, the cursor). It keeps a superset: a mentor is left out only when
 * their profile says they cannot be listed (not approved, no capacity, paused past tomorrow).
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
  /** The highest upper bound among mentors left out (-Infinity when none is). */
  outsideBound: number;
}

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

/** How many of the query's bits a mentor has, over the words where the query has any. */
function shared(column: BitColumn, slot: number, mask: Uint32Array, words: number[]): number {
  let n = 0;
  const base = slot * column.words;
  for (let j = 0; j < words.length; j++) n += popcount(column.bits[base + words[j]] & mask[words[j]]);
  return n;
}
const wordsOf = (mask: Uint32Array) => [...mask.keys()].filter((w) => mask[w] !== 0);

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
  /** Slots left out of one `candidates` call (the mentee, those who declined them). */
  private excluded = new Uint8Array(0);
  /** [time, highest version read by then]: a read starts from the mark older than REREAD_MS. */
  private marks: Array<[number, number]> = [];
  private loaded = false;
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;

  constructor(
    private readonly source: IndexSource,
    private readonly now: () => number = Date.now,
    private readonly page = PAGE,
  ) {}

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
    if (first) this.loaded = true;
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
      highest = Math.max(highest, Number(r.version));
    }
    this.marks.push([at, highest]);
  }

  /**
   * The mentors who can reach the first `wanted` places of the ranking, or null when the index cannot help (no
   * criterion used, `exact` criteria: the caller ranks in SQL). Every listed mentor is scored here without goals
   * (a lower bound of their score); the candidates are those whose upper bound (goals in full) reaches the
   * `wanted`-th best lower bound, so every other mentor scores below at least `wanted` candidates.
   */
  candidates(q: RankQuery, wanted: number): Candidates | null {
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
    const [skillWords, languageWords, meetingWords, livedWords] = [skillMask, languageMask, meetingMask, livedMask].map(
      wordsOf,
    );
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
    const excludedSlots = q.excludeIds.map((id) => this.slots.get(id)).filter((i) => i !== undefined);
    for (const i of excludedSlots) this.excluded[i] = 1;

    // the `wanted` best lower bounds (a min-heap); every listed mentor's lower bound in `lows` (-1: not listed)
    const heap = new MinHeap(wanted);
    const n = this.ids.length;
    const { lows, listed, excluded, pausedDay } = this;
    const { industry, industryFamily, occupation, occupationFamily } = this;
    const { city: cities, timeZone: timeZones, country: countries } = this;
    // how many asked values a mentor has in a column: one word of bits read inline, more through `shared`
    const one = (words: number[]) => (words.length === 1 ? words[0] : -1);
    const [skillWord, languageWord, meetingWord, livedWord] = [skillWords, languageWords, meetingWords, livedWords].map(
      one,
    );
    const skillBits = this.skills.bits;
    const skillWidth = this.skills.words;
    const skillM = skillWord >= 0 ? skillMask[skillWord] : 0;
    const livedBits = this.lived.bits;
    const livedWidth = this.lived.words;
    const livedM = livedWord >= 0 ? livedMask[livedWord] : 0;
    const count = (column: BitColumn, i: number, mask: Uint32Array, words: number[], word: number) =>
      word >= 0 ? popcount(column.bits[i * column.words + word] & mask[word]) : shared(column, i, mask, words);
    for (let i = 0; i < n; i++) {
      lows[i] = -1;
      if (listed[i] === 0 || excluded[i] === 1 || pausedDay[i] > lastListedDay) continue;
      let s = 0;
      if (wInd) s += wInd * (industry[i] === ind ? 1 : industryFamily[i] === indFam ? FAMILY_SIMILARITY : 0);
      if (wOcc) s += wOcc * (occupation[i] === occ ? 1 : occupationFamily[i] === occFam ? FAMILY_SIMILARITY : 0);
      if (wSkills)
        s +=
          wSkills *
          ((skillWord >= 0
            ? popcount(skillBits[i * skillWidth + skillWord] & skillM)
            : shared(this.skills, i, skillMask, skillWords)) /
            nSkills);
      if (wLanguages && count(this.languages, i, languageMask, languageWords, languageWord) > 0) s += wLanguages;
      if (wLocation) {
        const level =
          cities[i] === city ? cityLevel : timeZones[i] === tz ? tzLevel : countries[i] === country ? countryLevel : 0;
        s += wLocation * level;
      }
      if (wMeeting && count(this.meeting, i, meetingMask, meetingWords, meetingWord) > 0) s += wMeeting;
      if (wLived)
        s +=
          wLived *
          ((livedWord >= 0
            ? popcount(livedBits[i * livedWidth + livedWord] & livedM)
            : shared(this.lived, i, livedMask, livedWords)) /
            nLived);
      // past a cursor: a mentor sure to score above it was on an earlier page
      if (s - BOUND_EPSILON > afterScore) continue;
      lows[i] = s;
      heap.offer(s - BOUND_EPSILON);
    }
    for (const i of excludedSlots) this.excluded[i] = 0;
    // a mentor can reach the page when their upper bound reaches the `wanted`-th best lower bound
    const reach = heap.full ? heap.min : -Infinity;
    const ids: string[] = [];
    let outsideBound = -Infinity;
    for (let i = 0; i < n; i++) {
      if (lows[i] < 0) continue;
      const bound = lows[i] + wGoals + BOUND_EPSILON;
      if (bound >= reach) ids.push(this.ids[i]);
      else if (bound > outsideBound) outsideBound = bound;
    }
    return { ids, outsideBound };
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
