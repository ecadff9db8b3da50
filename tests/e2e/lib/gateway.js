// The record gateway from a client's side: start one (MEDCHAIN_GATEWAY names the binary),
// sign requests with a chain key as the gateway expects them (gateway/src/auth.rs), seal a
// patient's tag secret to the provider's key (gateway/src/crypto.rs), and name an on-chain
// access by its Accessed event.
import { spawn } from 'node:child_process';
import { createCipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { u8aConcat, u8aToHex, stringToU8a } from '@polkadot/util';
import { blake2AsU8a, decodeAddress, randomAsU8a, sr25519Agreement, sr25519PairFromSeed } from '@polkadot/util-crypto';
import { freePort, waitFor } from './node.js';
import { onDeadline } from './deadline.js';

export const GATEWAY_BINARY = process.env.MEDCHAIN_GATEWAY;

/**
 * Start medchain-gateway for the node at `url`, the access-grants contract at `contract`
 * (metadata: the ACCESS_GRANTS bundle), as the provider `providerSuri`, keeping records in
 * `store` (default: a SQLite file in its own temporary directory). Resolves once /health
 * says it follows the chain. Returns `{ base, dir, log, stop() }`.
 */
export async function startGateway({ url, contract, providerSuri, store, maxResourceBytes, extraArgs = [] }) {
  if (!GATEWAY_BINARY) throw new Error('MEDCHAIN_GATEWAY must name the medchain-gateway binary (scripts/test.sh sets it)');
  const dir = mkdtempSync(join(tmpdir(), 'medchain-gateway-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const log = join(dir, 'gateway.log');
  const out = createWriteStream(log);
  const args = [
    '--url', url,
    '--contract', contract,
    '--metadata', process.env.ACCESS_GRANTS,
    '--store', store ?? `sqlite://${join(dir, 'records.db')}`,
    '--master-key', join(dir, 'master.key'),
    '--create-master-key',
    '--listen', `127.0.0.1:${port}`,
    ...(maxResourceBytes ? ['--max-resource-bytes', String(maxResourceBytes)] : []),
    ...extraArgs,
  ];
  // The provider's key goes by the environment, as an operator should pass it.
  const child = spawn(GATEWAY_BINARY, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, MEDCHAIN_GATEWAY_PROVIDER_SURI: providerSuri },
  });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  let exited = null;
  const forget = onDeadline(() => child.kill('SIGKILL'));
  child.on('exit', (code, signal) => { exited = { code, signal }; forget(); });
  await waitFor(`the gateway to follow the chain (log: ${log})`, async () => {
    if (exited) throw new Error(`the gateway exited (${JSON.stringify(exited)}); log: ${log}`);
    const res = await fetch(`${base}/health`);
    return res.ok && (await res.json()).status === 'ok';
  }, 60_000);
  return {
    base,
    dir,
    log,
    child,
    exited: () => exited,
    async stop({ keep = false } = {}) {
      if (!exited) {
        const done = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await done;
      }
      if (!keep) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The message a request is signed over (gateway/src/auth.rs `canonical`). */
export function canonical({ method, path, time, nonce, access, patient, body }) {
  const bodyHash = Buffer.from(blake2AsU8a(body ?? new Uint8Array(), 256)).toString('hex');
  return stringToU8a([
    'medchain-gateway:v1', method.toUpperCase(), path, String(time), nonce,
    access ?? '-', patient ?? '-', bodyHash,
  ].join('\n'));
}

/** The Authorization header of a request signed by `pair` (a keyring pair). */
export function authorization(pair, { method, path, body, access, patient, time = Date.now(), nonce = randomBytes(12).toString('hex') }) {
  const signature = u8aToHex(pair.sign(canonical({ method, path, time, nonce, access, patient, body })));
  const fields = [`account="${pair.address}"`, `time="${time}"`, `nonce="${nonce}"`];
  if (access) fields.push(`access="${access}"`);
  if (patient) fields.push(`patient="${patient}"`);
  fields.push(`signature="${signature}"`);
  return `MedChain ${fields.join(', ')}`;
}

/**
 * Send a request signed by `pair` to the gateway at `base`. `body` is a string or bytes;
 * `headers` replaces the signed ones (a replay sends a stolen header). Resolves to
 * `{ status, text, json, headers, authorization }`.
 */
export async function signedFetch(base, pair, { method = 'GET', path, body, access, patient, headers, contentType = 'application/fhir+json' }) {
  const bytes = typeof body === 'string' ? stringToU8a(body) : body;
  const auth = headers?.authorization ?? authorization(pair, { method, path, body: bytes, access, patient });
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: auth, ...(bytes ? { 'content-type': contentType } : {}) },
    body: bytes,
  });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, text, json, headers: res.headers, authorization: auth };
}

/**
 * A patient's tag secret sealed to the provider whose public key is `providerPublic` (0x-hex),
 * for the patient account `patientAddress`: ECIES with an ephemeral sr25519 key, HKDF-SHA-256
 * and ChaCha20-Poly1305 (the patient's account as associated data). 0x-hex, 92 bytes.
 */
export function sealTagSecret(providerPublic, patientAddress, secret) {
  const provider = Buffer.from(providerPublic.slice(2), 'hex');
  const ephemeral = sr25519PairFromSeed(randomAsU8a(32));
  const shared = sr25519Agreement(ephemeral.secretKey, provider);
  const key = Buffer.from(hkdfSync('sha256', shared, u8aConcat(ephemeral.publicKey, provider), 'medchain:tag-secret-share:v1', 32));
  const nonce = randomBytes(12);
  const cipher = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 });
  cipher.setAAD(decodeAddress(patientAddress));
  const sealed = Buffer.concat([cipher.update(secret), cipher.final(), cipher.getAuthTag()]);
  return u8aToHex(u8aConcat(ephemeral.publicKey, nonce, sealed));
}

/** Share `patient`'s tag secret (`secret`, bytes) with the gateway at `base`. */
export async function shareTagSecret(base, patient, secret) {
  const { publicKey } = await (await fetch(`${base}/medchain/provider`)).json();
  const body = JSON.stringify({ envelope: sealTagSecret(publicKey, patient.address, secret) });
  return signedFetch(base, patient, { method: 'PUT', path: '/medchain/tag-secret', body, contentType: 'application/json' });
}

/** The index of the extrinsic whose `events` (one transaction's, from sendAndWait) these are. */
export const txIndexOf = (events) => events[0].phase.asApplyExtrinsic.toNumber();

/**
 * The access to name for the gateway: `0x<block hash>:<event index>` of the `name` event
 * (`Accessed` unless told) the extrinsic at `txIndex` of block `blockHash` emitted from
 * `contract` (an api-contract ContractPromise). Naming a refusal is how a test asks the
 * gateway to release against one.
 */
export async function accessRef(api, contract, blockHash, txIndex, name = 'Accessed') {
  const records = await (await api.at(blockHash)).query.system.events();
  const address = contract.address.toString();
  const index = records.findIndex((record) => {
    if (!record.phase.isApplyExtrinsic || record.phase.asApplyExtrinsic.toNumber() !== txIndex) return false;
    if (!api.events.contracts.ContractEmitted.is(record.event)) return false;
    if (record.event.data.contract.toString() !== address) return false;
    return contract.abi.decodeEvent(record).event.identifier.split('::').pop() === name;
  });
  if (index < 0) throw new Error(`no ${name} event of extrinsic ${txIndex} in ${blockHash}`);
  return `${blockHash.toString()}:${index}`;
}
