/**
 * A sender that keeps one send on the wire at a time, the latest value last: values given while a send is in
 * flight collapse into one send of the most recent. Two requests sent at once may be applied in either order, so
 * a setting switched back and forth quickly could otherwise end on an earlier choice.
 */
export function latestOnly<T>(): (value: T, send: (value: T) => Promise<unknown>) => void {
  let busy = false;
  type Pending = { value: T; send: (value: T) => Promise<unknown> };
  let next: Pending | null = null;
  return (value, send) => {
    next = { value, send };
    if (busy) return;
    busy = true;
    void (async () => {
      try {
        for (let item: Pending | null = next; item; item = next as Pending | null) {
          next = null;
          // a failed send does not stop a later choice from being sent
          await item.send(item.value).catch(() => undefined);
        }
      } finally {
        busy = false;
      }
    })();
  };
}
