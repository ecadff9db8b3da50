// Drug tracking end to end, as pharma partners use it from polkadot.js: plain JSON arguments,
// no custom types. A manufacturer makes and ships a batch, a wholesaler receives and passes it
// on, a pharmacy verifies a pack (Authentic), and after a recall the same pack is Recalled.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startNode, connect, sendAndWait, chainNow, DAY_MS } from './lib/node.js';
import { eventOf } from './lib/contracts.js';

const GTIN = 10614141000415; // GS1's example GTIN-14
const LOT = 'LOT-E2E-1';
const EXPIRY = 271231; // 31 Dec 2027, as printed (YYMMDD)
const COLD = { min: 20, max: 80 }; // 2–8 °C, in tenths

let node;
let api;
let manufacturer; // Charlie
let wholesaler; // Dave
let pharmacy; // Ferdie
let regulator; // Alice
let carrier; // Eve

before(async () => {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  manufacturer = keyring.addFromUri('//Charlie');
  wholesaler = keyring.addFromUri('//Dave');
  pharmacy = keyring.addFromUri('//Ferdie');
  regulator = keyring.addFromUri('//Alice');
  carrier = keyring.addFromUri('//Eve');
  node = await startNode(['--dev'], { name: 'tracking' });
  api = await connect(node.url);
});

after(async () => {
  await api?.disconnect();
  await node?.stop();
});

const verify = async (serial) =>
  (await api.call.drugTrackingApi.verifyPack(GTIN, serial, LOT, EXPIRY)).type;
const arrival = async () => (await chainNow(api)) + DAY_MS;

test('a batch goes from manufacturer to pharmacy, verifies Authentic, then Recalled', async () => {
  const tx = api.tx.drugTracking;
  await sendAndWait(api, tx.registerProduct(GTIN, '0002-3227-30', `0x${'01'.repeat(32)}`, 'Injection', COLD), manufacturer);
  const made = await sendAndWait(api, tx.createBatch(GTIN, LOT, EXPIRY, 100), manufacturer);
  const batch = eventOf(made.events, api.events.drugTracking.BatchCreated).data.batch.toHex();
  await sendAndWait(api, tx.commissionSerials(batch, ['SN0001', 'SN0002', 'SN0003']), manufacturer);
  assert.equal(await verify('SN0001'), 'Authentic');
  assert.equal(await verify('SN9999'), 'Unknown');

  // Manufacturer -> wholesaler through a carrier, naming one pack.
  const pack = { gtin: GTIN, serial: 'SN0001' };
  const shipped = await sendAndWait(
    api, tx.ship(wholesaler.address, carrier.address, [{ batch, quantity: 50 }], [pack], await arrival(), COLD), manufacturer);
  const first = eventOf(shipped.events, api.events.drugTracking.Shipped).data.shipment.toNumber();
  const inTransit = (await api.call.drugTrackingApi.shipment(first)).unwrap();
  assert.ok(inTransit.shipment.status.isInTransit);
  await sendAndWait(api, tx.receive(first, [50]), wholesaler);

  // Wholesaler -> pharmacy.
  const passed = await sendAndWait(
    api, tx.ship(pharmacy.address, null, [{ batch, quantity: 20 }], [pack], await arrival(), COLD), wholesaler);
  const second = eventOf(passed.events, api.events.drugTracking.Shipped).data.shipment.toNumber();
  // Only the receiver may receive it.
  await assert.rejects(sendAndWait(api, tx.receive(second, [20]), manufacturer), /drugTracking\.NotTheReceiver/);
  await sendAndWait(api, tx.receive(second, [20]), pharmacy);

  // The pharmacy verifies the pack.
  assert.equal(await verify('SN0001'), 'Authentic');
  const history = (await api.call.drugTrackingApi.batchHistory(batch)).unwrap();
  const steps = history.trail.map((entry) => entry.type);
  assert.deepEqual(steps, ['Created', 'Shipped', 'Received', 'Shipped', 'Received']);
  const holders = Object.fromEntries(history.holders.map(([who, units]) => [who.toString(), units.toNumber()]));
  assert.deepEqual(holders, { [manufacturer.address]: 50, [wholesaler.address]: 30, [pharmacy.address]: 20 });

  // A recall: every pack of the batch verifies Recalled.
  const recalled = await sendAndWait(api, tx.recall(batch, 'ClassI', `0x${'05'.repeat(32)}`), regulator);
  assert.ok(eventOf(recalled.events, api.events.drugTracking.BatchRecalled));
  assert.equal(await verify('SN0001'), 'Recalled');
  assert.equal(await verify('SN0002'), 'Recalled');
  await assert.rejects(
    sendAndWait(api, tx.decommission(GTIN, 'SN0001', 'Dispensed'), pharmacy),
    /drugTracking\.BatchRecalled/,
  );
});

test('bad input gets a named error', async () => {
  const tx = api.tx.drugTracking;
  await assert.rejects(
    sendAndWait(api, tx.registerProduct(GTIN + 1, null, `0x${'01'.repeat(32)}`, 'Tablet', COLD), manufacturer),
    /drugTracking\.InvalidGtin/,
  );
  await assert.rejects(
    sendAndWait(api, tx.registerProduct(4006381333931, null, `0x${'01'.repeat(32)}`, 'Tablet', COLD), pharmacy),
    /drugTracking\.NotAManufacturer/,
  );
});
