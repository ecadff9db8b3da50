// One time limit per test file, so that a hung query or process fails the file instead of
// stalling the run.
//
// `fileTimeout(ms)` returns the node:test option `{ timeout: ms }` that the file passes to
// each of its tests and hooks, so a step that hangs fails by name and the file's `after`
// hooks still clean up. node:test does not end the process, though: a hook that never
// returns, or a handle a hung step left open, would keep the file running for ever. So it
// also starts a watchdog: if the file is still running GRACE_MS after its limit, it kills
// every process the file started (each registered with `onDeadline`) and exits non-zero,
// which the runner reports as a failed file. The watchdog does not keep a finished file
// alive.

/** How long after its limit a file that has not ended is stopped. */
export const GRACE_MS = 30_000;

const cleanups = new Set();

/**
 * Run `kill` (synchronous: it must only signal) if the file times out. Returns a function
 * that forgets it, for a process that ended by itself.
 */
export function onDeadline(kill) {
  cleanups.add(kill);
  return () => cleanups.delete(kill);
}

/** The file's limit: `{ timeout: ms }` for its tests and hooks, and the watchdog. */
export function fileTimeout(ms) {
  const watchdog = setTimeout(() => {
    console.error(
      `${process.argv[1]}: still running ${ms + GRACE_MS} ms after it started (its limit is ${ms} ms): ` +
        `stopping the ${cleanups.size} processes it started and failing the file`,
    );
    for (const kill of cleanups) {
      try {
        kill();
      } catch {
        // Gone already.
      }
    }
    process.exit(1);
  }, ms + GRACE_MS);
  watchdog.unref();
  return { timeout: ms };
}
