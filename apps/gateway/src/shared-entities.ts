/**
 * Entity answers shared between callers (issue 24). Identity names, in an `_entities` answer, the people whose
 * answer is the same for every participant (an APPROVED mentor's name and headline: identity's
 * `modules/access/shared-answers.ts` decides, with the rules it owns). The gateway keeps those, per person and
 * fetch (the planner writes the same query text for the same step), and answers the same fetch for another
 * participant from them; the people it does not hold are fetched as before, for the caller.
 *
 * - Only for participants (`participates`: an analyst's or an API key's answers differ, so they always fetch).
 * - Kept only while this replica hears identity's signals (the LISTEN connection of live.ts is up): a PERSON
 *   signal forgets that person at once (Postgres delivers it when the change commits), a lost connection forgets
 *   everything and shares nothing until it is back. A fetch under way when any person changed keeps nothing.
 * - A caller who just changed something reads everything fresh for `writeWindowMs` (their own write is seen even
 *   while its signal is on its way; others see it when the signal comes, within milliseconds of the commit).
 * - At most `maxPeople` people (20,000: a few MB), the least recently kept first out, none older than `maxAgeMs`
 *   (a minute: the bound on anything a signal could not tell, such as identity's rules changing in a deploy).
 * - Kept as JSON text: each answer is a fresh object (the gateway merges answers into its result tree).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { participates, type Principal } from '@tandem/contracts';
import type { GatewayContext } from './context';

interface Kept {
  json: string;
  at: number;
}

export interface SharedEntitiesOptions {
  /** People kept at most (each with an answer per fetch text that asked for them: a few). */
  maxPeople?: number;
  maxAgeMs?: number;
  writeWindowMs?: number;
  now?: () => number;
}

/** Callers remembered as having just written; beyond it the oldest are forgotten. */
const WRITERS_KEPT = 10_000;

export class SharedEntities {
  /** Person → fetch text → answer; people in the order they were last kept (the first is the oldest). */
  private readonly byPerson = new Map<string, Map<string, Kept>>();
  private listening = false;
  /** Moves on every forget: a fetch that started before keeps nothing. */
  private generation = 0;
  private readonly maxPeople: number;
  private readonly maxAgeMs: number;
  private readonly writeWindowMs: number;
  private readonly now: () => number;
  /** Callers who sent a mutation, and until when their reads fetch everything. */
  private readonly writers = new Map<string, number>();
  /** Since start: people answered from here, people asked of identity, PERSON signals heard (`/metrics`). */
  readonly counts = { hits: 0, misses: 0, forgotten: 0 };

  constructor(options: SharedEntitiesOptions = {}) {
    this.maxPeople = options.maxPeople ?? 20_000;
    this.maxAgeMs = options.maxAgeMs ?? 60_000;
    this.writeWindowMs = options.writeWindowMs ?? 2_000;
    this.now = options.now ?? Date.now;
  }

  /** Whether shared answers may be used for this caller now. */
  serves(principal: Principal | null | undefined): boolean {
    if (!this.listening || !participates(principal)) return false;
    const until = this.writers.get(principal.userId);
    if (until === undefined) return true;
    if (until > this.now()) return false;
    this.writers.delete(principal.userId);
    return true;
  }

  /** The caller sent a mutation: for a moment, what they read is fetched for them. */
  wrote(principal: Principal | null | undefined): void {
    if (!principal) return;
    this.writers.delete(principal.userId);
    this.writers.set(principal.userId, this.now() + this.writeWindowMs);
    if (this.writers.size > WRITERS_KEPT) this.writers.delete(this.writers.keys().next().value!);
  }

  /** The LISTEN connection came up or went down: either way, what was kept may have missed a signal. */
  setListening(listening: boolean): void {
    this.forgetAll();
    this.listening = listening;
  }

  /** A PERSON signal: that person's answers are forgotten, in every fetch. */
  forget(personId: string): void {
    this.generation++;
    this.counts.forgotten++;
    this.byPerson.delete(personId);
  }

  forgetAll(): void {
    this.generation++;
    this.byPerson.clear();
  }

  /** Where the next fetch starts from (pass it to `keep`). */
  get mark(): number {
    return this.generation;
  }

  /** The kept answer (a fresh object), or undefined. */
  get(fetch: string, personId: string): Record<string, unknown> | undefined {
    const answers = this.byPerson.get(personId);
    const kept = answers?.get(fetch);
    if (kept && this.now() - kept.at > this.maxAgeMs) answers!.delete(fetch);
    else if (kept) {
      this.counts.hits++;
      return JSON.parse(kept.json) as Record<string, unknown>;
    }
    this.counts.misses++;
    return undefined;
  }

  /** Keeps an answer identity declared shared, unless a person changed since the fetch started (`mark`). */
  keep(fetch: string, personId: string, answer: unknown, mark: number): void {
    if (!this.listening || mark !== this.generation) return;
    let answers = this.byPerson.get(personId);
    this.byPerson.delete(personId); // kept last: the oldest go first
    if (!answers) {
      answers = new Map();
      if (this.byPerson.size >= this.maxPeople) this.byPerson.delete(this.byPerson.keys().next().value!);
    }
    this.byPerson.set(personId, answers);
    answers.set(fetch, { json: JSON.stringify(answer), at: this.now() });
  }

  /** Answers kept, over every person and fetch (metrics and tests). */
  get size(): number {
    let n = 0;
    for (const answers of this.byPerson.values()) n += answers.size;
    return n;
  }
}

/** Tells the shared answers who just sent a mutation (see `wrote`). */
export function sharedEntitiesPlugin(shared: SharedEntities): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        // from its start (a read sent meanwhile) to its end (a long mutation's commit comes last)
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation === 'mutation') shared.wrote(contextValue.principal);
        },
        async willSendResponse({ operation, contextValue }) {
          if (operation?.operation === 'mutation') shared.wrote(contextValue.principal);
        },
      };
    },
  };
}
