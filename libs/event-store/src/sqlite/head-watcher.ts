export interface Wait {
  readonly woken: Promise<void>;
  /** Ends the wait now (the subscription is closing). */
  cancel(): void;
}

interface Waiter {
  readonly after: bigint;
  readonly wake: () => void;
}

/**
 * Tells waiting subscriptions when the log may have grown. Appends in this process wake them at
 * once; appends by other processes sharing the file are noticed by polling the head position,
 * which runs only while someone is waiting. A waiter is woken when the head is beyond the
 * position it read up to, so an append landing between its last read and its wait is not missed.
 */
export function headWatcher(readHead: () => bigint, pollIntervalMs: number) {
  const waiters = new Set<Waiter>();
  let timer: NodeJS.Timeout | undefined;

  function wakeAll(): void {
    for (const waiter of waiters) waiter.wake();
  }

  function poll(): void {
    let head: bigint;
    try {
      head = readHead();
    } catch {
      return wakeAll(); // let each subscription meet the error on its own read
    }
    for (const waiter of waiters) if (head > waiter.after) waiter.wake();
  }

  return {
    /** Waits until the head may be beyond `after`. */
    waitBeyond(after: bigint): Wait {
      let waiter!: Waiter;
      const woken = new Promise<void>((resolve) => {
        waiter = {
          after,
          wake: () => {
            waiters.delete(waiter);
            if (waiters.size === 0 && timer) {
              clearInterval(timer);
              timer = undefined;
            }
            resolve();
          },
        };
      });
      waiters.add(waiter);
      timer ??= setInterval(poll, pollIntervalMs);
      return { woken, cancel: waiter.wake };
    },
    /** Something was committed through this process's connection. */
    notify: wakeAll,
    close: wakeAll,
  };
}
