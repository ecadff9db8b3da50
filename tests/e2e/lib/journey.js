// A journey is a user's path through MedChain as a list of steps. Each step acts as one of
// the users, checks the chain's state and events (throwing if anything is off) and says what
// happened in plain words. The end-to-end tests run the steps as subtests; scripts/demo.sh
// runs the very same steps against a running dev chain and narrates them.
import { formatBalance } from '@polkadot/util';

/** One step: what the user does (`title`), and `run`, which does it and returns what happened. */
export const step = (title, run) => ({ title, run });

/**
 * Run a journey's steps as subtests of `t`, in order; once one fails the rest are skipped.
 * A step gets `timeoutMs`, so a chain that stops answering fails the test, not CI's clock.
 */
export async function testJourney(t, journey, timeoutMs = 120_000) {
  let failed = null;
  for (const { title, run } of journey.steps) {
    await t.test(title, { skip: failed ? `step "${failed}" failed` : false, timeout: timeoutMs }, async (sub) => {
      try {
        sub.diagnostic(await run());
      } catch (error) {
        failed = title;
        throw error;
      }
    });
  }
}

/** A time on the chain, as a person reads it. */
export const chainTime = (ms) => new Date(ms).toISOString().replace('T', ' ').replace(/:\d\d\.\d+Z$/, ' UTC');

/** An amount of MED (12 decimals), as a person reads it. */
export const inMed = (planck) => formatBalance(planck, { decimals: 12, withUnit: 'MED', forceUnit: '-' });

/** A hash, shortened for reading. */
export const shortHash = (hex) => `${hex.slice(0, 10)}…${hex.slice(-4)}`;
