// Start and stop real medchain-node processes for the tests, on free loopback ports.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { onDeadline } from './deadline.js';

export const NODE_BINARY = process.env.MEDCHAIN_NODE;

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Poll `check` until it returns a truthy value or `timeoutMs` passes. */
export async function waitFor(what, check, timeoutMs = 60_000, everyMs = 250) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out waiting for ${what}${lastError ? `: ${lastError.message}` : ''}`);
}

/**
 * Start medchain-node with `args` plus its own base path and free ports. Returns the process,
 * its RPC URL and a `stop()` that ends it and removes its state.
 */
export async function startNode(args, { name = 'node' } = {}) {
  if (!NODE_BINARY) throw new Error('MEDCHAIN_NODE must name the medchain-node binary (scripts/test.sh sets it)');
  const rpcPort = await freePort();
  const p2pPort = await freePort();
  const basePath = mkdtempSync(join(tmpdir(), `medchain-${name}-`));
  const logPath = join(basePath, 'node.log');
  const log = createWriteStream(logPath);
  const child = spawn(
    NODE_BINARY,
    [
      ...args,
      '--base-path', basePath,
      '--rpc-port', String(rpcPort),
      '--port', String(p2pPort),
      '--no-telemetry',
      '--no-prometheus',
      '--no-mdns',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let exited = null;
  // A file that times out kills its nodes (lib/deadline.js).
  const forget = onDeadline(() => child.kill('SIGKILL'));
  child.on('exit', (code, signal) => { exited = { code, signal }; forget(); });

  const url = `ws://127.0.0.1:${rpcPort}`;
  await waitFor(`${name} to answer RPC on ${url} (log: ${logPath})`, async () => {
    if (exited) throw new Error(`${name} exited (${JSON.stringify(exited)}); log: ${logPath}`);
    const res = await fetch(`http://127.0.0.1:${rpcPort}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 1, jsonrpc: '2.0', method: 'system_health', params: [] }),
    });
    return res.ok && (await res.json()).result;
  });

  return {
    url,
    rpcPort,
    p2pPort,
    basePath,
    logPath,
    async stop() {
      if (!exited) {
        const done = new Promise((r) => child.once('exit', r));
        child.kill('SIGINT');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await done;
        clearTimeout(timer);
      }
      rmSync(basePath, { recursive: true, force: true });
    },
  };
}

/** Connect @polkadot/api to `url` with no custom types: the runtime metadata is enough. */
export async function connect(url) {
  const provider = new WsProvider(url, false);
  await provider.connect();
  return ApiPromise.create({ provider, throwOnConnect: true, noInitWarn: true });
}

/**
 * Sign and send `tx`, resolve once it is in a block with the events it caused; reject with
 * the decoded module error if it failed, or if no block took it within `timeoutMs` (a node
 * that went away does not end the status subscription by itself).
 */
export function sendAndWait(api, tx, signer, timeoutMs = 60_000) {
  return new Promise((resolve, reject) => {
    let unsubscribe;
    const settle = (outcome, value) => {
      clearTimeout(timer);
      unsubscribe?.();
      outcome(value);
    };
    const timer = setTimeout(
      () => settle(reject, new Error(`no block took the extrinsic within ${timeoutMs} ms`)), timeoutMs);
    tx.signAndSend(signer, (result) => {
      const { status, events, dispatchError } = result;
      if (status.isInBlock || status.isFinalized) {
        if (dispatchError) {
          const message = dispatchError.isModule
            ? (({ section, name }) => `${section}.${name}`)(api.registry.findMetaError(dispatchError.asModule))
            : dispatchError.type;
          settle(reject, new Error(`extrinsic failed: ${message}`));
        } else {
          settle(resolve, { blockHash: status.isInBlock ? status.asInBlock : status.asFinalized, events });
        }
      } else if (status.isInvalid || status.isDropped || status.isUsurped) {
        settle(reject, new Error(`extrinsic ${status.type}`));
      }
    }).then((u) => { unsubscribe = u; }, (error) => settle(reject, error));
  });
}

/** An hour and a day of chain time, in milliseconds. */
export const HOUR_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * HOUR_MS;

/** The chain's time at the best block, in milliseconds since the Unix epoch. */
export const chainNow = async (api) => (await api.query.timestamp.now()).toNumber();

/**
 * Listen to the events of every new best block, as a wallet would, from now on. Returns,
 * once listening, `event`: a promise of the first event that `matches` (rejected after
 * `timeoutMs`), and `stop()`, which ends the listening early. Either way it unsubscribes.
 */
export async function listenFor(api, what, matches, timeoutMs = 30_000) {
  let settle;
  const event = new Promise((resolve, reject) => { settle = { resolve, reject }; });
  // Nobody may be waiting for the promise when `stop()` ends it early.
  event.catch(() => {});
  const timer = setTimeout(() => settle.reject(new Error(`no ${what} within ${timeoutMs} ms`)), timeoutMs);
  // The subscription first delivers the current block's events, which are not news.
  let first = true;
  const unsubscribe = await api.query.system.events((records) => {
    const hit = !first && records.find(({ event: e }) => matches(e));
    first = false;
    if (hit) settle.resolve(hit.event);
  });
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    clearTimeout(timer);
    unsubscribe();
    settle.reject(new Error(`stopped listening for ${what}`));
  };
  event.then(stop, stop);
  return { event, stop };
}

/**
 * Let the dev chain's clock pass `until`: it moves only when a block is sealed (by at least
 * one six-second slot each), so `signer` seals blocks with remarks until it has. Returns the
 * number of blocks sealed.
 */
export async function passTime(api, signer, until, maxBlocks = 200) {
  let blocks = 0;
  while ((await chainNow(api)) < until) {
    if (blocks >= maxBlocks) throw new Error(`the chain's clock did not reach ${until} in ${maxBlocks} blocks`);
    await sendAndWait(api, api.tx.system.remark('0x'), signer);
    blocks += 1;
  }
  return blocks;
}
