// The README's first command and the demo, as an operator runs them: scripts/dev-chain.sh
// --with-oracle starts a dev chain with the contracts deployed and the oracle beside it, and
// scripts/demo.sh runs both journeys on it, twice (a demo must run again on the same chain),
// the patient journey through the dev hospital's record gateway that dev-chain.sh starts.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePort, waitFor } from './lib/node.js';
import { fileTimeout, onDeadline } from './lib/deadline.js';

// One time limit for the file (its test takes about 50 s, much of it dev-chain.sh re-checking the
// warm build; 6× that): a hung step fails it instead of stalling the run.
const limit = fileTimeout(300_000);

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const run = promisify(execFile);

let chain;
let work;

after(async () => {
  await chain?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
}, limit);

/**
 * Start scripts/dev-chain.sh with `args` on free ports, in a process group of its own so
 * that nothing it started outlives the test. Sets `chain` at once, so that `after` stops it
 * whatever happens next.
 */
function startDevChain(args) {
  work = mkdtempSync(join(tmpdir(), 'medchain-demo-'));
  return (async () => {
    const rpcPort = await freePort();
    const env = {
      ...process.env,
      RPC_PORT: String(rpcPort),
      P2P_PORT: String(await freePort()),
      LOG_FILE: join(work, 'node.log'),
      ORACLE_DIR: join(work, 'oracle'),
      GATEWAY_PORT: String(await freePort()),
      GATEWAY_DIR: join(work, 'gateway'),
    };
    const child = spawn(join(ROOT, 'scripts', 'dev-chain.sh'), args,
      { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    child.stdout.on('data', (chunk) => { output += chunk; });
    child.stderr.on('data', (chunk) => { output += chunk; });
    let exited = null;
    // 'close', not 'exit': the script's last words are read by then.
    const closed = new Promise((resolve) => child.on('close', (code, signal) => {
      exited = { code, signal };
      resolve();
    }));
    const group = (signal) => { try { process.kill(-child.pid, signal); } catch { /* gone already */ } };
    // A file that times out kills the script and all it started (lib/deadline.js).
    onDeadline(() => group('SIGKILL'));
    chain = {
      rpcPort,
      gatewayPort: env.GATEWAY_PORT,
      output: () => output,
      exited: () => exited,
      /** TERM to the script, which stops the oracle and the node; KILL to all if it hangs. */
      async stop() {
        if (!exited) {
          child.kill('SIGTERM');
          const timer = setTimeout(() => group('SIGKILL'), 20_000);
          await closed;
          clearTimeout(timer);
        }
        group('SIGKILL');
      },
    };
    // A warm build: the node is built already, cargo-contract re-checks each contract.
    // Waiting ends as soon as the script is ready or has ended.
    await waitFor('dev-chain.sh to be ready', () => exited || output.includes('Press Ctrl-C to stop.'), 600_000, 500);
    if (exited) throw new Error(`dev-chain.sh exited (${JSON.stringify(exited)}):\n${output}`);
  })();
}

/** scripts/demo.sh against the chain; its output, or the failure with it. */
async function demo(...args) {
  const env = { ...process.env, RPC_PORT: String(chain.rpcPort), GATEWAY_PORT: chain.gatewayPort };
  try {
    const { stdout } = await run(join(ROOT, 'scripts', 'demo.sh'), args, { env, timeout: 300_000 });
    return stdout;
  } catch (error) {
    throw new Error(`demo.sh failed (${error.code}):\n${error.stdout}\n${error.stderr}`);
  }
}

test('dev-chain.sh starts a chain with the contracts and the oracle; demo.sh narrates both journeys on it, twice', limit, async () => {
  await startDevChain(['--with-oracle']);
  const address = (name) => chain.output().match(new RegExp(`^\\s+${name}\\s+(5\\w{47})$`, 'm'))?.[1];
  const [accessGrants, shipmentHolds] = [address('access-grants'), address('shipment-holds')];
  assert.ok(accessGrants && shipmentHolds, `dev-chain.sh printed both contracts:\n${chain.output()}`);
  assert.match(chain.output(), /Oracle:\s+\/\/Charlie\/\/stash reporting to shipment-holds/);
  // The dev hospital's record gateway follows the chain, for Bob, on access-grants.
  assert.match(chain.output(), new RegExp(`Record gateway: http://127.0.0.1:${chain.gatewayPort} `));
  const health = await (await fetch(`http://127.0.0.1:${chain.gatewayPort}/health`)).json();
  assert.equal(health.status, 'ok', JSON.stringify(health));
  const provider = await (await fetch(`http://127.0.0.1:${chain.gatewayPort}/medchain/provider`)).json();
  assert.equal(provider.accessGrants, accessGrants);

  // The second run meets everything the first left on the chain.
  for (let i = 0; i < 2; i += 1) {
    const out = await demo('--pace', '0');
    // It found the contracts dev-chain.sh deployed, by their code hash.
    assert.ok(out.includes(`access-grants ${accessGrants}, shipment-holds ${shipmentHolds}`), out);
    const done = out.split('\n').filter((line) => line.startsWith('✓ '));
    assert.equal(done.length, 24, `24 steps done:\n${out}`);
    assert.match(done.at(-1), /████████████████████████ 24\/24 /, 'the progress bar is full at the end');
    assert.match(out, /Patient journey[\s\S]*Pharma partner journey/);
    assert.match(out, /Done\. 24 steps in [\d.]+ s; every step checked the chain's state and events\./);
  }

  // One journey, and a named error for what is not a journey.
  const pharma = await demo('--pace', '0', 'pharma');
  assert.equal(pharma.split('\n').filter((l) => l.startsWith('✓ ')).length, 11, pharma);
  assert.doesNotMatch(pharma, /Patient journey/);
  await assert.rejects(demo('checkout'), /no journey "checkout"/);
  // Each patient journey uploaded its lab result to the dev hospital's gateway.
  const after = await (await fetch(`http://127.0.0.1:${chain.gatewayPort}/health`)).json();
  assert.equal(after.store.resources, 2, JSON.stringify(after));

  assert.equal(chain.exited(), null, 'the chain kept running through the demos');
  await chain.stop();
  assert.match(chain.output(), /stopping the record gateway[\s\S]*stopping the oracle[\s\S]*stopping the node/);
});
