// Upgrading shipment-holds on a live node keeps its data (issue 17, item 11): deploy the
// first version, open a case with evidence, register a model; upload the second version (the
// same crate built with its `upgrade-fixture` feature: one more storage cell, layout 2); the
// admin proposes the code, the regulator accepts it, the admin migrates; everything reads
// back unchanged through the new code, which goes on working and uses its new cell.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { ContractPromise } from '@polkadot/api-contract';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startNode, connect, sendAndWait, chainNow, HOUR_MS } from './lib/node.js';
import { deployBundle, eventOf, execute, query, readBundle } from './lib/contracts.js';
import { makeHoldAuthority } from './lib/participants.js';
import { fileTimeout } from './lib/deadline.js';

// One time limit for the file (about 3× its 8 s run on a shared machine, and at least a
// minute): a hung step fails it instead of stalling the run.
const limit = fileTimeout(60_000);

const GTIN = 10614141000415;
const COLD = { min: 20, max: 80 };

let node;
let api;
let keyring;

before(async () => {
  await cryptoWaitReady();
  keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  node = await startNode(['--dev'], { name: 'holds-upgrade' });
  api = await connect(node.url);
}, limit);

after(async () => {
  await api?.disconnect();
  await node?.stop();
}, limit);

test('an upgrade to a second layout keeps every case, model and setting', limit, async () => {
  assert.ok(process.env.SHIPMENT_HOLDS_V2, 'SHIPMENT_HOLDS_V2 names the second version (scripts/test.sh sets it)');
  const [admin, regulator, auditor, manufacturer, oracle, wholesaler, carrier] =
    ['//Alice', '//Bob', '//Alice//stash', '//Charlie', '//Charlie//stash', '//Dave', '//Eve']
      .map((uri) => keyring.addFromUri(uri));
  const { contract } =
    await deployBundle(api, process.env.SHIPMENT_HOLDS, admin, admin.address, regulator.address);
  await makeHoldAuthority(api, admin, contract.address);
  const version = `0x${'33'.repeat(32)}`;
  await execute(contract, admin, 'administer',
    { Model: [7, { version, evaluation: `0x${'34'.repeat(32)}`, threshold: 8000 }] });
  await execute(contract, admin, 'administer', { Oracle: [oracle.address, true] });

  // A shipment in transit, held by a case with two pieces of evidence.
  const tx = api.tx.drugTracking;
  await sendAndWait(api, tx.registerProduct(GTIN, null, `0x${'01'.repeat(32)}`, 'Injection', COLD), manufacturer);
  const made = await sendAndWait(api, tx.createBatch(GTIN, 'LOT-UPGRADE', 301231, 100), manufacturer);
  const batch = eventOf(made.events, api.events.drugTracking.BatchCreated).data.batch.toHex();
  const shipped = await sendAndWait(api,
    tx.ship(wholesaler.address, carrier.address, [{ batch, quantity: 60 }], [], (await chainNow(api)) + 10 * HOUR_MS, COLD),
    manufacturer);
  const shipment = eventOf(shipped.events, api.events.drugTracking.Shipped).data.shipment.toNumber();
  const reported = await execute(contract, oracle, 'reportAnomaly', shipment, 9200, 7, version,
    `0x${'ee'.repeat(32)}`, ['CloneScan']);
  assert.deepEqual(reported.answer, { ok: { caseOpened: 0 } });
  await execute(contract, carrier, 'reportTelemetry', shipment, {
    minutesOutside: 45, minTemperature: 25, maxTemperature: 95, unitsCounted: 60,
    routeDeviationKm: 3, logHash: `0x${'10'.repeat(32)}`,
  });
  await execute(contract, wholesaler, 'advanceCase', 0, 'ConfirmQuarantine');

  const reads = async (on) => ({
    case: await query(on, admin, 'case', 0),
    openCase: await query(on, admin, 'openCase', shipment),
    model: await query(on, admin, 'model', 7),
    stats: await query(on, admin, 'modelStats', 7, version),
    config: await query(on, admin, 'config'),
  });
  const before = await reads(contract);
  assert.equal(before.case.evidence.length, 2);
  assert.equal(before.config[4], 1, 'the first version stores layout 1');

  // Upload the second version; the admin proposes it; only the regulator accepts it.
  const v2 = readBundle(process.env.SHIPMENT_HOLDS_V2);
  assert.notEqual(v2.source.hash, readBundle(process.env.SHIPMENT_HOLDS).source.hash);
  const uploaded = await sendAndWait(api, api.tx.contracts.uploadCode(v2.source.wasm, null, 'Enforced'), admin);
  const codeHash = eventOf(uploaded.events, api.events.contracts.CodeStored).data.codeHash.toHex();
  assert.equal(codeHash, v2.source.hash);
  await execute(contract, admin, 'administer', { ProposeCode: codeHash });
  assert.deepEqual((await query(contract, admin, 'accept', { Code: codeHash })), { err: 'NotTheRegulator' });
  assert.deepEqual((await query(contract, regulator, 'accept', { Code: `0x${'99'.repeat(32)}` })), { err: 'NotProposed' });
  const accepted = await execute(contract, regulator, 'accept', { Code: codeHash });
  assert.ok(eventOf(accepted.events, api.events.contracts.ContractCodeUpdated), 'the code was replaced in place');
  const info = (await api.query.contracts.contractInfoOf(contract.address)).unwrap();
  assert.equal(info.codeHash.toHex(), codeHash);

  // The same account, read through the second version's metadata: nothing was lost.
  const upgraded = new ContractPromise(api, v2, contract.address);
  const after = await reads(upgraded);
  assert.deepEqual(after.case, before.case);
  assert.deepEqual(after.openCase, before.openCase);
  assert.deepEqual(after.model, before.model);
  assert.deepEqual(after.stats, before.stats);
  assert.deepEqual(after.config.slice(0, 3), before.config.slice(0, 3));
  assert.equal(after.config[4], 1, 'layout 1 until migrated');
  assert.equal(await query(upgraded, admin, 'upgradeNote'), null, 'the new cell is empty before the migration');

  // Only the admin migrates; migrating twice does nothing more.
  assert.deepEqual(await query(upgraded, regulator, 'migrate'), { err: 'NotAdmin' });
  assert.deepEqual((await execute(upgraded, admin, 'migrate')).answer, { ok: 2 });
  const note = await query(upgraded, admin, 'upgradeNote');
  assert.equal(note, `0x01${'00'.repeat(31)}`, 'the migration recorded the case count it found');
  assert.deepEqual((await execute(upgraded, admin, 'migrate')).answer, { ok: 2 });
  assert.equal(await query(upgraded, admin, 'upgradeNote'), note);
  assert.equal((await query(upgraded, admin, 'config'))[4], 2);

  // The upgraded contract goes on with the first version's case: investigated, cleared and
  // released by two signers, it lifts the hold the first version placed.
  await execute(upgraded, auditor, 'advanceCase', 0, 'Investigate');
  await execute(upgraded, auditor, 'advanceCase', 0, { Conclude: { legitimate: true, finding: `0x${'04'.repeat(32)}` } });
  const release = { ApproveRelease: `0x${'05'.repeat(32)}` };
  await execute(upgraded, auditor, 'advanceCase', 0, release);
  const released = await execute(upgraded, admin, 'advanceCase', 0, release);
  assert.ok(eventOf(released.events, api.events.drugTracking.HoldReleased), 'the hold placed by the first version is released by the second');
  await sendAndWait(api, tx.receive(shipment, [60]), wholesaler);
});
