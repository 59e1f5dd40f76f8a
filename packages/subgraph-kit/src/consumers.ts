/**
 * Event consumers owned by modules. A module declares what it does with each event it listens to, beside its
 * service, and says which of the subgraph's parts it needs (`deps`); the subgraph's composition root lists the
 * modules' consumer sets once, and the kit derives from them which events the subgraph subscribes to and runs,
 * for each event, every module's handler in list order, in one transaction with the event's dedup record.
 */
import type { EventEnvelope, EventName } from '@tandem/contracts';
import type { Tx } from './database';

export type Consumer<N extends EventName, D> = (event: EventEnvelope<N>, tx: Tx, deps: D) => Promise<void>;
export type ConsumerMap<D> = { [N in EventName]?: Consumer<N, D> };

/** A module's consumers: the events are known without a database (migrations subscribe to them). */
export interface ConsumerSet<D> {
  readonly events: readonly EventName[];
  readonly handlers: ConsumerMap<D>;
}

export function consumers<D>(handlers: ConsumerMap<D>): ConsumerSet<D> {
  return { events: Object.keys(handlers) as EventName[], handlers };
}

/** Every event the sets consume, each once, sorted. */
export function consumedEvents(sets: ReadonlyArray<ConsumerSet<never>>): EventName[] {
  return [...new Set(sets.flatMap((s) => s.events))].sort();
}

/** One handler per event that runs each set's handler in turn, with the subgraph's parts. */
export function bindConsumers<D>(
  sets: ReadonlyArray<ConsumerSet<D>>,
  deps: D,
): Map<EventName, (event: EventEnvelope, tx: Tx) => Promise<void>> {
  const bound = new Map<EventName, (event: EventEnvelope, tx: Tx) => Promise<void>>();
  for (const name of consumedEvents(sets as ReadonlyArray<ConsumerSet<never>>)) {
    const handlers = sets
      .map((s) => s.handlers[name] as Consumer<EventName, D> | undefined)
      .filter((h): h is Consumer<EventName, D> => !!h);
    bound.set(name, async (event, tx) => {
      for (const handler of handlers) await handler(event as EventEnvelope<EventName>, tx, deps);
    });
  }
  return bound;
}
