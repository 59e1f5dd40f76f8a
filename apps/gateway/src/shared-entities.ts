/**
 * Entity answers shared between callers (issue 24). Identity names, in an `_entities` answer, the people whose
 * answer is the same for every participant (an APPROVED mentor's name and headline: identity's
 * `modules/access/shared-answers.ts` decides, with the rules it owns). The gateway keeps those, per fetch (the
 * planner writes the same query text for the same step) and person, and answers the same fetch for another
 * participant from them; the people it does not hold are fetched as before, for the caller.
 *
 * - Only for participants (`participates`: an analyst's or an API key's answers differ, so they always fetch).
 * - Kept only while this replica hears identity's signals (the LISTEN connection of live.ts is up): a PERSON
 *   signal forgets that person at once (Postgres delivers it when the change commits), a lost connection forgets
 *   everything and shares nothing until it is back. A fetch under way when any person changed keeps nothing.
 * - At most `maxPerFetch` people per fetch text, the oldest first out, and none older than `maxAgeMs`.
 * - Kept as JSON text: each answer is a fresh object (the gateway merges answers into its result tree).
 */
import { participates, type Principal } from '@tandem/contracts';

interface Kept {
  json: string;
  at: number;
}

export interface SharedEntitiesOptions {
  maxPerFetch?: number;
  maxAgeMs?: number;
  now?: () => number;
}

export class SharedEntities {
  private readonly byFetch = new Map<string, Map<string, Kept>>();
  private listening = false;
  /** Moves on every forget: a fetch that started before keeps nothing. */
  private generation = 0;
  private readonly maxPerFetch: number;
  private readonly maxAgeMs: number;
  private readonly now: () => number;

  constructor(options: SharedEntitiesOptions = {}) {
    this.maxPerFetch = options.maxPerFetch ?? 10_000;
    this.maxAgeMs = options.maxAgeMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /** Whether shared answers may be used for this caller now. */
  serves(principal: Principal | null | undefined): boolean {
    return this.listening && participates(principal);
  }

  /** The LISTEN connection came up or went down: either way, what was kept may have missed a signal. */
  setListening(listening: boolean): void {
    this.forgetAll();
    this.listening = listening;
  }

  /** A PERSON signal: that person's answers are forgotten, in every fetch. */
  forget(personId: string): void {
    this.generation++;
    for (const people of this.byFetch.values()) people.delete(personId);
  }

  forgetAll(): void {
    this.generation++;
    this.byFetch.clear();
  }

  /** Where the next fetch starts from (pass it to `keep`). */
  get mark(): number {
    return this.generation;
  }

  /** The kept answer (a fresh object), or undefined. */
  get(fetch: string, personId: string): Record<string, unknown> | undefined {
    const people = this.byFetch.get(fetch);
    const kept = people?.get(personId);
    if (!kept) return undefined;
    if (this.now() - kept.at > this.maxAgeMs) {
      people!.delete(personId);
      return undefined;
    }
    return JSON.parse(kept.json) as Record<string, unknown>;
  }

  /** Keeps an answer identity declared shared, unless a person changed since the fetch started (`mark`). */
  keep(fetch: string, personId: string, answer: unknown, mark: number): void {
    if (!this.listening || mark !== this.generation) return;
    let people = this.byFetch.get(fetch);
    if (!people) this.byFetch.set(fetch, (people = new Map()));
    people.delete(personId); // re-inserted last: the oldest go first
    if (people.size >= this.maxPerFetch) people.delete(people.keys().next().value!);
    people.set(personId, { json: JSON.stringify(answer), at: this.now() });
  }

  /** People kept, over every fetch (metrics and tests). */
  get size(): number {
    let n = 0;
    for (const people of this.byFetch.values()) n += people.size;
    return n;
  }
}
