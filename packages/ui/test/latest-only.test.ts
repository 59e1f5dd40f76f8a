import { describe, expect, it } from 'vitest';
import { latestOnly } from '../lib/latest-only.js';

/** A send whose answers the test releases one by one, recording what was sent and how many were in flight. */
function controlledSend() {
  const sent: string[] = [];
  const pending: (() => void)[] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  const send = (value: string) => {
    sent.push(value);
    inFlight += 1;
    mostInFlight = Math.max(mostInFlight, inFlight);
    return new Promise<void>((resolve) =>
      pending.push(() => {
        inFlight -= 1;
        resolve();
      }),
    );
  };
  const answerNext = async () => {
    pending.shift()?.();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { send, sent, answerNext, mostInFlight: () => mostInFlight };
}

describe(latestOnly.name, () => {
  it('should send one value at a time and the latest last when choices come faster than answers', async () => {
    const sut = latestOnly<string>();
    const wire = controlledSend();
    sut('fr-CA', wire.send);
    sut('en', wire.send);
    sut('fr-CA', wire.send);
    sut('en', wire.send);
    expect(wire.sent).toEqual(['fr-CA']);
    await wire.answerNext();
    expect(wire.sent).toEqual(['fr-CA', 'en']);
    await wire.answerNext();
    expect(wire.sent).toEqual(['fr-CA', 'en']);
    expect(wire.mostInFlight()).toBe(1);
  });

  it('should go on sending a later choice after a send fails', async () => {
    const sut = latestOnly<string>();
    const sent: string[] = [];
    let fail = true;
    const send = (value: string) => {
      sent.push(value);
      if (fail) {
        fail = false;
        return Promise.reject(new Error('offline'));
      }
      return Promise.resolve();
    };
    sut('fr-CA', send);
    sut('en', send);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(sent).toEqual(['fr-CA', 'en']);
    sut('fr-CA', send);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(sent).toEqual(['fr-CA', 'en', 'fr-CA']);
  });
});
