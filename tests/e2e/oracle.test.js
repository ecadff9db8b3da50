// The anomaly oracle on a live node: the real `oracle run` binary follows the chain, scores
// shipments with a model trained by `oracle train`, and reports to the shipment-holds
// contract. A shipment whose carrier records a long cold-chain excursion is held because of
// the oracle's report (no telemetry is sent to the contract: only the oracle can hold it); a
// normal shipment beside it is scored and left alone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { blake2AsHex, cryptoWaitReady } from '@polkadot/util-crypto';
import { startNode, connect, sendAndWait, waitFor, freePort, chainNow, HOUR_MS } from './lib/node.js';
import { deployBundle, eventOf } from './lib/contracts.js';
import { makeHoldAuthority } from './lib/participants.js';
import { fileTimeout, onDeadline } from './lib/deadline.js';

// One time limit for the file (about 3× its 19 s run on a shared machine): a hung step fails it
// instead of stalling the run.
const limit = fileTimeout(60_000);

const ORACLE = process.env.MEDCHAIN_ORACLE;
const GTIN = 10614141000422;
const COLD = { min: 20, max: 80 };

let node;
let api;
let oracle;
let work;

/** The oracle process, with its output as lines and a way to wait for one. */
function startOracle(args) {
  const child = spawn(ORACLE, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  // A file that times out kills its oracles (lib/deadline.js).
  const forget = onDeadline(() => child.kill('SIGKILL'));
  const lines = [];
  let rest = '';
  const take = (chunk) => {
    rest += chunk.toString();
    const parts = rest.split('\n');
    rest = parts.pop();
    lines.push(...parts);
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  let exited = null;
  child.on('exit', (code) => { exited = code; forget(); });
  return {
    lines,
    /** The first line from index `from` on that matches `pattern`, waiting for it. */
    async line(what, pattern, { from = 0, timeoutMs = 60_000 } = {}) {
      const found = () => lines.slice(from).map((l) => l.match(pattern)).find(Boolean);
      return waitFor(`the oracle to print ${what}`, () => {
        if (found()) return found();
        if (exited !== null) throw new Error(`the oracle exited (${exited}): ${lines.join('\n')}`);
        return null;
      }, timeoutMs);
    },
    exitCode() {
      return exited !== null ? exited : new Promise((r) => child.once('exit', r));
    },
    async stop() {
      if (exited === null) {
        const done = new Promise((r) => child.once('exit', r));
        child.kill('SIGINT');
        await done;
      }
    },
  };
}

before(async () => {
  assert.ok(ORACLE, 'MEDCHAIN_ORACLE must name the oracle binary (scripts/test.sh sets it)');
  await cryptoWaitReady();
  work = mkdtempSync(join(tmpdir(), 'medchain-oracle-'));
  node = await startNode(['--dev'], { name: 'oracle' });
  api = await connect(node.url);
}, limit);

after(async () => {
  await oracle?.stop();
  await api?.disconnect();
  await node?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
}, limit);

test('the oracle holds a shipment with a cold-chain breach and leaves a normal one alone', limit, async () => {
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const [regulator, manufacturer, oracleKey, wholesaler, carrier] =
    ['//Alice', '//Charlie', '//Charlie//stash', '//Dave', '//Eve'].map((uri) => keyring.addFromUri(uri));
  const { contract, options } =
    await deployBundle(api, process.env.SHIPMENT_HOLDS, regulator, regulator.address, regulator.address);
  await makeHoldAuthority(api, regulator, contract.address);

  // A model file, as a partner trains it.
  const model = join(work, 'model.json');
  const trained = execFileSync(ORACLE, ['train', '--out', model]).toString();
  const [, modelId, version] = trained.match(/model (\d+) version ([0-9a-f]{8})/);
  const args = [
    'run', '--url', node.url, '--contract', contract.address.toString(),
    '--metadata', process.env.SHIPMENT_HOLDS, '--model', model, '--suri', '//Charlie//stash',
    '--state', join(work, 'state.json'), '--evidence-dir', join(work, 'evidence'),
    '--rescore-secs', '2',
  ];

  // No node there: the oracle says so and keeps trying, with back-off.
  const nowhere = `ws://127.0.0.1:${await freePort()}`;
  const away = startOracle(args.map((a) => (a === node.url ? nowhere : a)));
  await away.line('that the node is unreachable', /^node at ws:\/\/127\.0\.0\.1:\d+ unreachable or lost .*; retrying in 1s/);
  await away.line('a second attempt', /retrying in 2s/);
  await away.stop();

  // Not yet authorised: the oracle says so and stops.
  const refused = startOracle(args);
  await refused.line('that its key is not an oracle',
    new RegExp(`^oracle: ${oracleKey.address} is not an oracle of the shipment-holds contract`));
  assert.equal(await refused.exitCode(), 1);

  const administer = contract.tx.administer(options, { Oracle: [oracleKey.address, true] });
  await sendAndWait(api, administer, regulator);
  oracle = startOracle(args);
  await oracle.line('that it is connected', /^connected to .* with model \d+ version/);

  // Charlie ships two cold-chain shipments to Dave through Eve, expected in 10 hours.
  const tx = api.tx.drugTracking;
  await sendAndWait(api, tx.registerProduct(GTIN, null, `0x${'02'.repeat(32)}`, 'Injection', COLD), manufacturer);
  // Expiry two years out (YYMMDD), a shelf life like the traffic the model learned from.
  const expires = new Date(Date.now() + 2 * 365 * 24 * HOUR_MS);
  const yymmdd = (expires.getUTCFullYear() % 100) * 10000 + (expires.getUTCMonth() + 1) * 100 + 28;
  const made = await sendAndWait(api, tx.createBatch(GTIN, 'LOT-ORACLE', yymmdd, 200), manufacturer);
  const batch = eventOf(made.events, api.events.drugTracking.BatchCreated).data.batch.toHex();
  const ship = async () => {
    const now = await chainNow(api);
    const { events } = await sendAndWait(api,
      tx.ship(wholesaler.address, carrier.address, [{ batch, quantity: 40 }], [], now + 10 * HOUR_MS, COLD),
      manufacturer);
    return eventOf(events, api.events.drugTracking.Shipped).data.shipment.toNumber();
  };
  const normal = await ship();
  const breached = await ship();

  // Eve records an EPCIS transport event on each: one kept cold, one 4 hours at up to 25 °C.
  const record = async (shipment, sensor) => {
    const when = await chainNow(api);
    const event = {
      subject: { Shipment: shipment }, bizStep: 'Transporting', disposition: 'InTransit',
      readPoint: null, when, sensor, epcisHash: blake2AsHex(`epcis ${shipment}`), corrects: null,
    };
    await sendAndWait(api, tx.recordEvent(event), carrier);
  };
  await record(normal, { min: 41, max: 63, minutesOutside: 0 });
  await record(breached, { min: 45, max: 250, minutesOutside: 240 });

  // The oracle reports the breach and the contract holds the shipment.
  const reported = await oracle.line(`a report on shipment ${breached}`,
    new RegExp(`^shipment ${breached}: reported score (\\d+) \\(([^)]*)\\), evidence (0x[0-9a-f]{64}): CaseOpened\\((\\d+)\\), shipment held in block 0x[0-9a-f]{64}, (\\d+) ms after the news`));
  const [, score, reasons, evidenceHash, caseId, latency] = reported;
  assert.ok(Number(score) >= 5000, `score ${score}`);
  assert.match(reasons, /^TemperatureExcursion/, 'the leading reason is the excursion');
  const view = (await api.call.drugTrackingApi.shipment(breached)).unwrap();
  assert.ok(view.onHold.isTrue, 'the breached shipment is on hold');
  const holds = await api.query.drugTracking.holds.entries();
  const held = holds.map(([key]) => key.args[0].toJSON());
  assert.deepEqual(held, [{ shipment: breached }], 'only the breached shipment is held');
  await assert.rejects(sendAndWait(api, tx.receive(breached, [40]), wholesaler), /OnHold/);

  // The case names the oracle's model, and its evidence hash is the hash of the evidence file.
  const { output } = await contract.query.case(regulator.address, options, Number(caseId));
  const opened = output.asOk.toJSON();
  assert.deepEqual(opened.raisedBy.model.modelId, Number(modelId));
  assert.equal(opened.raisedBy.model.modelVersion, parseInt(version, 16));
  assert.equal(opened.raisedBy.model.score, Number(score));
  assert.equal(opened.evidence[0].reporter, oracleKey.address);
  assert.equal(opened.evidence[0].evidenceHash, evidenceHash);
  const file = join(work, 'evidence', `${evidenceHash}.json`);
  assert.ok(existsSync(file), 'the evidence file is written');
  assert.equal(blake2AsHex(readFileSync(file)), evidenceHash);

  // From the block with the carrier's event reaching the oracle to the hold in a block.
  console.log(`event to hold: ${latency} ms, score ${score}, reasons ${reasons}`);

  // The normal shipment is scored after its event (both events are in before the report),
  // as normal, and never reported.
  const afterReport = oracle.lines.findIndex((l) => l.startsWith(`shipment ${breached}: reported`));
  await oracle.line(`a score for shipment ${normal}`,
    new RegExp(`^shipment ${normal} at #\\d+: score \\d+ \\(Normal`), { from: afterReport });
  assert.ok(!oracle.lines.some((l) => l.startsWith(`shipment ${normal}: reported`)));
  assert.ok((await api.call.drugTrackingApi.shipment(normal)).unwrap().onHold.isFalse);
  await sendAndWait(api, tx.receive(normal, [40]), wholesaler);

  // Scored again (it is still in transit, held), the same finding is not reported twice.
  const seen = oracle.lines.length;
  await oracle.line('a later score of the held shipment',
    new RegExp(`^shipment ${breached} at #\\d+: score \\d+ \\(ColdChainBreach`), { from: seen });
  assert.ok(!oracle.lines.slice(seen).some((l) => l.startsWith(`shipment ${breached}: reported`)),
    'no second report of the same finding');
});
