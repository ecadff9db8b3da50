// Drug tracking end to end, as pharma partners use it from polkadot.js: plain JSON arguments,
// no custom types. A manufacturer makes and ships a batch, a wholesaler receives and passes it
// on, a pharmacy verifies a pack (Authentic), and after a recall the same pack is Recalled.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startNode, connect, sendAndWait, chainNow, DAY_MS } from './lib/node.js';
import { eventOf } from './lib/contracts.js';
import { batchHistory, walkPages, callsAtBest } from './lib/pages.js';
import { fileTimeout } from './lib/deadline.js';

// One time limit for the file (about 3× its 16 s run on a shared machine, and at least a minute):
// a hung step fails it instead of stalling the run.
const limit = fileTimeout(60_000);

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
}, limit);

after(async () => {
  await api?.disconnect();
  await node?.stop();
}, limit);

const verify = async (serial) =>
  (await api.call.drugTrackingApi.verifyPack(GTIN, serial, LOT, EXPIRY)).type;
const arrival = async () => (await chainNow(api)) + DAY_MS;

test('a batch goes from manufacturer to pharmacy, verifies Authentic, then Recalled', limit, async () => {
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
  const history = await batchHistory(api, batch);
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

test('a batch\'s history and holders come in bounded pages, and each cursor goes on where its page ended', limit, async () => {
  const tx = api.tx.drugTracking;
  const gtin = 4006381333962; // a GTIN-13 with its check digit, this test's own
  const lot = 'LOT-E2E-PAGES';
  await sendAndWait(api, tx.registerProduct(gtin, null, `0x${'02'.repeat(32)}`, 'Tablet', COLD), manufacturer);
  const made = await sendAndWait(api, tx.createBatch(gtin, lot, EXPIRY, 100), manufacturer);
  const batch = eventOf(made.events, api.events.drugTracking.BatchCreated).data.batch.toHex();
  for (const [from, to, quantity] of [[manufacturer, wholesaler, 40], [wholesaler, pharmacy, 10]]) {
    const { events } = await sendAndWait(
      api, tx.ship(to.address, null, [{ batch, quantity }], [], await arrival(), COLD), from);
    await sendAndWait(api, tx.receive(eventOf(events, api.events.drugTracking.Shipped).data.shipment, [quantity]), to);
  }
  const epcis = { subject: { Batch: batch }, bizStep: 'Inspecting', disposition: 'SellableAccessible', readPoint: null,
    when: await chainNow(api), sensor: null, epcisHash: `0x${'03'.repeat(32)}`, corrects: null };
  await sendAndWait(api, tx.recordEvent(epcis), pharmacy);

  // Everything in one page (6 steps, 3 holders: far below the maximum), at one block.
  const call = await callsAtBest(api);
  const whole = (await call.drugTrackingApi.batchHistory(batch, null, 100)).unwrap();
  assert.deepEqual(whole.trail.map((entry) => entry.type), ['Created', 'Shipped', 'Received', 'Shipped', 'Received', 'Event']);
  assert.equal(whole.steps.toNumber(), 6);
  assert.ok(whole.next.isNone);

  // Pages of two: each holds two steps, and its `next` is where the following page starts.
  const first = (await call.drugTrackingApi.batchHistory(batch, null, 2)).unwrap();
  assert.equal(first.trail.length, 2);
  assert.equal(first.next.unwrap().toNumber(), 2);
  const second = (await call.drugTrackingApi.batchHistory(batch, first.next, 2)).unwrap();
  assert.deepEqual(second.trail.map((e) => e.toJSON()), whole.trail.slice(2, 4).map((e) => e.toJSON()));
  assert.equal(second.next.unwrap().toNumber(), 4);
  const last = (await call.drugTrackingApi.batchHistory(batch, second.next, 2)).unwrap();
  assert.equal(last.trail.length, 2);
  assert.ok(last.next.isNone, 'the page that ends exactly at the end is the last');
  assert.deepEqual(last.events.map(([id]) => id.toNumber()), whole.events.map(([id]) => id.toNumber()),
    'the event comes with the page holding its step');
  // A limit of none is read as one, so a walk always moves on.
  assert.equal((await call.drugTrackingApi.batchHistory(batch, null, 0)).unwrap().trail.length, 1);

  // Holders in pages of one: three pages, each cursor the holder its page ended with.
  const holders = await walkPages(api, async (at, after, limit) => (await at.drugTrackingApi.batchHolders(batch, after, limit)).unwrap(),
    { limit: 1, call });
  assert.equal(holders.pages.length, 3);
  holders.pages.slice(0, 2).forEach((page) => assert.equal(page.next.unwrap().toString(), page.items[0][0].toString()));
  assert.deepEqual(Object.fromEntries(holders.items.map(([who, units]) => [who.toString(), units.toNumber()])),
    { [manufacturer.address]: 60, [wholesaler.address]: 30, [pharmacy.address]: 10 });
  const history = await batchHistory(api, batch, { limit: 1 });
  assert.deepEqual(history.trail.map((e) => e.toJSON()), whole.trail.map((e) => e.toJSON()));
  assert.equal(history.holders.length, 3);

  assert.ok((await call.drugTrackingApi.batchHistory(`0x${'07'.repeat(32)}`, null, 10)).isNone, 'no batch, no history');
});

test('bad input gets a named error', limit, async () => {
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
