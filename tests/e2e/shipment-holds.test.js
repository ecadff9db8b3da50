// The shipment-holds contract on a live node, as a pharma partner's oracle calls it: one
// report_anomaly extrinsic holds the shipment in the drug-tracking pallet (through the chain
// extension, because governance registered the contract as a HoldAuthority), opens a case and
// notifies each stakeholder on its own topic; the receiver then cannot receive it, and two
// investigators release it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startNode, connect, sendAndWait, chainNow, HOUR_MS } from './lib/node.js';
import { deployBundle, eventOf, execute, query, topicOf } from './lib/contracts.js';
import { makeHoldAuthority } from './lib/participants.js';
import { fileTimeout } from './lib/deadline.js';

// One time limit for the file (about 3× its 11 s run on a shared machine, and at least a minute):
// a hung step fails it instead of stalling the run.
const limit = fileTimeout(60_000);

const GTIN = 10614141000415;
const COLD = { min: 20, max: 80 };

let node;
let api;
let keyring;

before(async () => {
  await cryptoWaitReady();
  keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  node = await startNode(['--dev'], { name: 'holds' });
  api = await connect(node.url);
}, limit);

after(async () => {
  await api?.disconnect();
  await node?.stop();
}, limit);

test('one report_anomaly extrinsic holds the shipment, opens a case and notifies', limit, async () => {
  const [regulator, auditor, manufacturer, oracle, wholesaler, carrier] =
    ['//Alice', '//Alice//stash', '//Charlie', '//Charlie//stash', '//Dave', '//Eve']
      .map((uri) => keyring.addFromUri(uri));
  const { contract } =
    await deployBundle(api, process.env.SHIPMENT_HOLDS, regulator, regulator.address, regulator.address);
  const send = (who, message, ...args) => execute(contract, who, message, ...args);

  // Governance registers the contract's account as a hold authority; the admin registers the
  // oracle's model (its version is the hash of the model file) and authorises the oracle.
  await makeHoldAuthority(api, regulator, contract.address);
  const version = `0x${'33'.repeat(32)}`;
  const model = { version, evaluation: `0x${'34'.repeat(32)}`, threshold: 8000 };
  await send(regulator, 'administer', { Model: [7, model] });
  await send(regulator, 'administer', { Oracle: [oracle.address, true] });

  // Charlie ships 60 units to Dave through Eve.
  const tx = api.tx.drugTracking;
  await sendAndWait(api, tx.registerProduct(GTIN, null, `0x${'01'.repeat(32)}`, 'Injection', COLD), manufacturer);
  const made = await sendAndWait(api, tx.createBatch(GTIN, 'LOT-HOLD', 301231, 100), manufacturer);
  const batch = eventOf(made.events, api.events.drugTracking.BatchCreated).data.batch.toHex();
  const now = await chainNow(api);
  const shipped = await sendAndWait(api,
    tx.ship(wholesaler.address, carrier.address, [{ batch, quantity: 60 }], [], now + 10 * HOUR_MS, COLD), manufacturer);
  const shipment = eventOf(shipped.events, api.events.drugTracking.Shipped).data.shipment.toNumber();

  // The oracle reports above the threshold: the hold is in the same extrinsic's events.
  const evidence = `0x${'ee'.repeat(32)}`;
  const { answer, events, emitted, gasRequired } =
    await send(oracle, 'reportAnomaly', shipment, 9200, 7, version, evidence, ['CloneScan', 'QuantityGap']);
  console.log(`reportAnomaly with the hold: ref_time ${gasRequired.refTime.toBigInt()}, proof_size ${gasRequired.proofSize.toBigInt()}`);
  assert.deepEqual(answer, { ok: { caseOpened: 0 } });
  const hold = eventOf(events, api.events.drugTracking.HoldPlaced);
  assert.ok(hold, 'HoldPlaced is among the report extrinsic\'s events');
  assert.deepEqual(hold.data.subject.toJSON(), { shipment });
  assert.equal(hold.data.by.toString(), contract.address.toString());
  const notices = emitted.filter((e) => e.name === 'HoldNotice');
  assert.deepEqual(notices.map((e) => [e.to, e.role]), [
    [manufacturer.address, 'Sender'], [wholesaler.address, 'Receiver'],
    [regulator.address, 'Regulator'], [manufacturer.address, 'Manufacturer']]);
  // Each stakeholder finds its own notice by topic: each notice is under its own addressee.
  for (const notice of notices) {
    assert.ok(notice.topics.includes(topicOf(api, notice.to)), `${notice.role}'s notice is under its own topic`);
  }

  // Held in the pallet: the receiver cannot receive it.
  assert.ok((await api.call.drugTrackingApi.shipment(shipment)).unwrap().onHold.isTrue);
  await assert.rejects(sendAndWait(api, tx.receive(shipment, [60]), wholesaler), /OnHold/);

  // The case explains itself.
  const opened = await query(contract, regulator, 'case', 0);
  assert.deepEqual(opened.evidence[0].source,
    { model: { modelId: 7, version, score: 9200, threshold: 8000 } });
  assert.deepEqual(opened.hold, { placed: null });
  assert.deepEqual(opened.evidence[0].reasons, ['CloneScan', 'QuantityGap']);

  // Investigated, cleared, released by an auditor and the regulator: it moves again.
  await send(wholesaler, 'advanceCase', 0, 'ConfirmQuarantine');
  await send(auditor, 'advanceCase', 0, 'Investigate');
  await send(auditor, 'advanceCase', 0, { Conclude: { legitimate: true, finding: `0x${'04'.repeat(32)}` } });
  const release = { ApproveRelease: `0x${'05'.repeat(32)}` };
  await send(auditor, 'advanceCase', 0, release);
  const released = await send(regulator, 'advanceCase', 0, release);
  assert.ok(eventOf(released.events, api.events.drugTracking.HoldReleased));
  await sendAndWait(api, tx.receive(shipment, [60]), wholesaler);
  assert.deepEqual(await query(contract, regulator, 'modelStats', 7, version), { raised: 1, cleared: 1, confirmed: 0 });
});
