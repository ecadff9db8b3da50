// The record gateway's speed on this machine (scripts/bench-gateway.sh): releases per second
// and the p50/p99 latency of a release with N concurrent grantees, and the same for uploads.
//
// Everything is real: a dev node, access-grants, the gateway on SQLite (or the PostgreSQL
// server MEDCHAIN_TEST_POSTGRES names, with --postgres), signed requests. The wait for
// finality is not in a release's latency: the accesses are made and finalised first, then
// fetched; the requests are signed before the clock starts (the signing is measured apart).
// An upload waits for its registration to be finalised (the dev chain finalises a second
// after sealing). The gateway-side times come from the responses' Server-Timing headers.
//
//   node bench/gateway.js [--grantees N] [--releases R] [--uploads U] [--postgres]
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startNode, connect, sendAndWait, chainNow, waitFor, DAY_MS } from '../lib/node.js';
import { deployBundle, callOptions } from '../lib/contracts.js';
import { relationshipAccount, devAccounts } from '../lib/accounts.js';
import { tagSecret, dataTag } from '../lib/keys.js';
import { startGateway, signedFetch, shareTagSecret, authorization } from '../lib/gateway.js';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const GRANTEES = arg('grantees', 8);
const RELEASES = arg('releases', 2000);
const UPLOADS = arg('uploads', 20);
const POSTGRES = process.argv.includes('--postgres');
// Accesses per batch: each access proves about 430 kB, so a block takes about ten.
const BATCH = 10;

const FHIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'gateway', 'tests', 'data', 'fhir');
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const summary = (label, times, seconds) => {
  const sorted = [...times].sort((a, b) => a - b);
  return { label, count: times.length, perSecond: (times.length / seconds).toFixed(1), p50: percentile(sorted, 50).toFixed(2), p99: percentile(sorted, 99).toFixed(2), max: sorted.at(-1).toFixed(2) };
};

// Releases go over node:http with kept-alive connections, one per grantee: fetch() costs this
// process about twice the CPU per request, which the gateway and the node on the same two
// cores would then lack.
const agent = new http.Agent({ keepAlive: true, maxSockets: GRANTEES });
/** GET `url` with the Authorization `header`: `{ status, headers }`, the body read. */
const get = (url, header) => new Promise((resolve, reject) => {
  http.get(url, { agent, headers: { authorization: header } }, (res) => {
    res.on('data', () => {});
    res.on('end', () => resolve({ status: res.statusCode, headers: res.headers }));
    res.on('error', reject);
  }).on('error', reject);
});

await cryptoWaitReady();
const accounts = devAccounts();
const bob = accounts.hospital;
const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
const grantees = Array.from({ length: GRANTEES }, (_, i) => keyring.addFromUri(`//Bench//grantee//${i}`));
const node = await startNode(['--dev'], { name: 'bench-gateway' });
const api = await connect(node.url);
let gateway;
try {
  let store;
  if (POSTGRES) {
    const name = `gateway_bench_${process.pid}`;
    const made = spawnSync('psql', [process.env.MEDCHAIN_TEST_POSTGRES, '-c', `CREATE DATABASE ${name}`], { encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`psql: ${made.stderr}`);
    store = process.env.MEDCHAIN_TEST_POSTGRES.replace(/\/[^/]*$/, `/${name}`);
  }
  const { contract } = await deployBundle(api, process.env.ACCESS_GRANTS, accounts.regulator, accounts.regulator.address);
  gateway = await startGateway({ url: node.url, contract: contract.address.toString(), providerSuri: '//Bob', store });
  const patient = await relationshipAccount(api, accounts.patient, bob);
  const secret = tagSecret(patient.suri);
  if ((await shareTagSecret(gateway.base, patient, secret)).status !== 200) throw new Error('sharing the tag secret failed');
  const resource = JSON.parse(readFileSync(join(FHIR, 'Observation-example.json'), 'utf8'));
  resource.subject = { reference: `Patient/${patient.address}` };
  const body = JSON.stringify(resource);

  // Uploads, one after another (each waits for its registration's finality).
  const uploads = [];
  const gatewaySide = [];
  let location;
  let record;
  const uploadStart = performance.now();
  for (let i = 0; i < UPLOADS; i += 1) {
    const t0 = performance.now();
    const res = await signedFetch(gateway.base, bob, { method: 'POST', path: '/fhir/Observation', body, patient: patient.address });
    uploads.push(performance.now() - t0);
    if (res.status !== 201) throw new Error(`upload: ${res.status} ${res.text}`);
    gatewaySide.push(Number(/gateway;dur=([\d.]+)/.exec(res.headers.get('server-timing'))[1]));
    location = res.headers.get('location');
    record = Number(res.headers.get('x-medchain-record'));
  }
  const uploadSeconds = (performance.now() - uploadStart) / 1000;

  // Consent and a grant for each grantee, then their accesses, finalised before the fetches.
  const OBSERVATION = dataTag(secret, 'Observation');
  const perGrantee = Math.ceil(RELEASES / GRANTEES);
  const expiresAt = (await chainNow(api)) + 7 * DAY_MS;
  const grants = [];
  for (const grantee of grantees) {
    await sendAndWait(api, api.tx.balances.transferKeepAlive(grantee.address, 10n ** 15n), accounts.regulator);
    await sendAndWait(api, api.tx.consent.grantConsent(patient.address, { Account: grantee.address },
      [{ kind: 'Permit', rule: { purposes: ['TREAT'], dataTags: [OBSERVATION], actions: ['Access'], dataPeriod: null }, exceptions: [] }],
      null, { AfterDays: 7 }, null), patient);
    const terms = { expiresAt, maxUses: perGrantee, reshareDepth: 0, envelope: null };
    const { output } = await contract.query.grant(patient.address, callOptions(api), grantee.address, [record], 'TREAT', terms);
    await sendAndWait(api, contract.tx.grant(callOptions(api), grantee.address, [record], 'TREAT', terms), patient);
    grants.push(output.toJSON().ok.ok);
  }
  const accessesOf = new Map(grantees.map((g) => [g.address, []]));
  const setupStart = performance.now();
  await Promise.all(grantees.map(async (grantee, i) => {
    const { gasRequired } = await contract.query.access(grantee.address, callOptions(api), grants[i], record, 'TREAT');
    const gas = { gasLimit: api.registry.createType('WeightV2', { refTime: gasRequired.refTime.toBigInt() * 12n / 10n, proofSize: gasRequired.proofSize.toBigInt() * 12n / 10n }), storageDepositLimit: null };
    for (let done = 0; done < perGrantee; done += BATCH) {
      const calls = Array.from({ length: Math.min(BATCH, perGrantee - done) }, () => contract.tx.access(gas, grants[i], record, 'TREAT'));
      const { blockHash, events } = await sendAndWait(api, api.tx.utility.batchAll(calls), grantee, 120_000);
      const all = await (await api.at(blockHash)).query.system.events();
      const mine = events[0].phase.asApplyExtrinsic.toNumber();
      all.forEach((r, index) => {
        if (r.phase.isApplyExtrinsic && r.phase.asApplyExtrinsic.toNumber() === mine
          && api.events.contracts.ContractEmitted.is(r.event)) accessesOf.get(grantee.address).push(`${blockHash.toHex()}:${index}`);
      });
    }
  }));
  const head = (await api.rpc.chain.getHeader()).number.toNumber();
  await waitFor('the gateway to follow every access', async () => (await (await fetch(`${gateway.base}/health`)).json()).chain.finalised >= head, 120_000);
  const setupSeconds = (performance.now() - setupStart) / 1000;

  // The client's signing, measured apart: every request is signed before the clock starts
  // (a signature stays fresh for 60 s), so the releases measure the gateway, not this
  // process's sr25519 in WebAssembly on the same two cores.
  const signing = [];
  const signStart = performance.now();
  const requestsOf = new Map(grantees.map((grantee) => [grantee.address, accessesOf.get(grantee.address).map((access) => {
    const t0 = performance.now();
    const header = authorization(grantee, { method: 'GET', path: location, access });
    signing.push(performance.now() - t0);
    return header;
  })]));
  const signSeconds = (performance.now() - signStart) / 1000;

  // The releases: each grantee fetches its accesses one after another, all grantees at once.
  const releases = [];
  const releaseSide = [];
  const consentSide = [];
  let failures = 0;
  const releaseStart = performance.now();
  await Promise.all(grantees.map(async (grantee) => {
    for (const header of requestsOf.get(grantee.address)) {
      const t0 = performance.now();
      const res = await get(`${gateway.base}${location}`, header);
      releases.push(performance.now() - t0);
      if (res.status !== 200) {
        failures += 1;
        continue;
      }
      const timing = res.headers['server-timing'];
      releaseSide.push(Number(/gateway;dur=([\d.]+)/.exec(timing)[1]));
      consentSide.push(Number(/consent;dur=([\d.]+)/.exec(timing)[1]));
    }
  }));
  const releaseSeconds = (performance.now() - releaseStart) / 1000;

  console.log(`medchain-gateway on ${POSTGRES ? 'PostgreSQL' : 'SQLite'}, ${GRANTEES} concurrent grantees, dev node on the same machine (${(await import('node:os')).cpus().length} cores)`);
  console.log(`setup: ${releases.length} accesses made and finalised in ${setupSeconds.toFixed(1)} s (batches of ${BATCH})`);
  console.table([
    summary('release (ms)', releases, releaseSeconds),
    summary('release, gateway side (ms)', releaseSide, releaseSeconds),
    summary('release, of it the consent check (ms)', consentSide, releaseSeconds),
    summary('client: signing a request (ms)', signing, signSeconds),
    summary('upload, end to end (ms)', uploads, uploadSeconds),
    summary('upload, gateway side (ms)', gatewaySide, uploadSeconds),
  ]);
  if (failures > 0) throw new Error(`${failures} releases were refused`);
} finally {
  agent.destroy();
  await gateway?.stop();
  await api.disconnect();
  await node.stop();
}
