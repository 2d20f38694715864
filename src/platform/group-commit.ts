// Group commit: calls that arrive while the database is busy with earlier ones are written
// together by the next statement instead of one statement (and one commit) each. A call never
// waits for a timer: with a free slot it is written at once, alone, so at low load nothing
// changes; under load the batches grow by themselves, and so does what each statement carries.

export type GroupCommit<T, R> = (item: T) => Promise<R>;

/**
 * `write` takes the items of several calls and returns one result per item, in order. If a
 * batch of several calls fails, each call is written again on its own, so one bad item fails
 * only its own call. At most `maxInFlight` writes run at once.
 */
export function createGroupCommit<T, R>(write: (items: T[]) => Promise<R[]>, maxInFlight: number): GroupCommit<T, R> {
  type Waiter = { item: T; resolve: (r: R) => void; reject: (e: unknown) => void };
  let queued: Waiter[] = [];
  let inFlight = 0;

  async function writeAlone(w: Waiter) {
    try {
      const [r] = await write([w.item]);
      w.resolve(r as R);
    } catch (err) {
      w.reject(err);
    }
  }

  async function flush() {
    if (inFlight >= maxInFlight || queued.length === 0) return;
    const batch = queued;
    queued = [];
    inFlight++;
    try {
      const results = await write(batch.map((w) => w.item));
      batch.forEach((w, i) => w.resolve(results[i] as R));
    } catch (err) {
      if (batch.length === 1) batch[0]!.reject(err);
      else await Promise.all(batch.map(writeAlone));
    } finally {
      inFlight--;
      void flush();
    }
  }

  return (item) =>
    new Promise<R>((resolve, reject) => {
      queued.push({ item, resolve, reject });
      void flush();
    });
}
