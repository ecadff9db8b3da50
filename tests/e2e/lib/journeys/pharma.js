// The pharma partner journey: a manufacturer registers a product and a batch, commissions
// serials and ships to a wholesaler through a carrier; the carrier's telemetry shows a long
// cold-chain excursion, and the shipment-holds contract holds the shipment in the same call;
// the wholesaler cannot receive it until an auditor and the regulator release it after an
// investigation; a pharmacy verifies a pack (Authentic), then, after a recall, Recalled; a
// scan by someone who never held the batch flags the pack as a clone. Every step checks the
// chain's state and events.
import assert from 'node:assert/strict';
import { blake2AsHex, blake2AsU8a } from '@polkadot/util-crypto';
import { u8aToBigInt } from '@polkadot/util';
import { sendAndWait, chainNow } from '../node.js';
import { eventOf, query, send } from '../contracts.js';
import { step, when, short } from '../journey.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const COLD = { min: 20, max: 80 }; // 2–8 °C, in tenths of a degree
const SHIPPED = 60;
const TO_PHARMACY = 20;

/** A GTIN-14 from its first 13 digits, with the GS1 check digit. */
export function gtin14(first13) {
  const sum = [...first13].reverse().reduce((acc, d, i) => acc + Number(d) * (i % 2 === 0 ? 3 : 1), 0);
  return Number(`${first13}${(10 - (sum % 10)) % 10}`);
}

/**
 * The pharma journey's steps, on the chain `api` reaches, with the dev `accounts` and the
 * deployed `shipmentHolds` contract. `runId` (a few letters and digits) names this run's
 * product, lot and serials, so the journey can run again on the same chain.
 */
export function pharmaJourney({ api, accounts, shipmentHolds, runId }) {
  const { manufacturer, wholesaler, carrier, pharmacy, regulator, auditor, hospital } = accounts;
  const tx = api.tx.drugTracking;
  const s = {}; // what earlier steps made: ids the later ones use
  const lot = `LOT-${runId}`.slice(0, 20);
  const serials = [1, 2, 3].map((n) => `SN-${runId}-${n}`.slice(0, 20));
  const [pack] = serials;

  const verify = async (serial = pack) => (await api.call.drugTrackingApi.verifyPack(s.gtin, serial, lot, s.expiry)).type;
  const shipmentView = async (id) => (await api.call.drugTrackingApi.shipment(id)).unwrap();
  const caseOf = (id) => query(shipmentHolds, regulator, 'case', id);
  /** Scan the pack as `who`: the Scanned verdict and any clone signal among the events. */
  const scan = async (who) => {
    const { events } = await sendAndWait(api, tx.scan(s.gtin, pack, lot, s.expiry), who);
    const scanned = eventOf(events, api.events.drugTracking.Scanned);
    assert.ok(scanned, 'DrugTracking.Scanned was emitted');
    assert.equal(scanned.data.by.toString(), who.address);
    return { verdict: scanned.data.verdict.type, clone: eventOf(events, api.events.drugTracking.CloneSuspected) };
  };
  /** Take the case a step further as `who`; checks the CaseUpdated event and returns it. */
  const advance = async (who, caseStep) => {
    const { emitted } = await send(shipmentHolds, who, 'advanceCase', s.case, caseStep);
    const updated = emitted.find((e) => e.name === 'CaseUpdated');
    assert.ok(updated, `CaseUpdated was emitted: ${JSON.stringify(emitted)}`);
    assert.equal(updated.case, s.case);
    assert.equal(updated.by, who.address);
    return updated;
  };

  return {
    title: 'Pharma partner journey',
    steps: [
      step(`The manufacturer (${manufacturer.label}) registers a cold-chain product and makes a batch of 100`, async () => {
        // A GTIN of GS1's example company prefix that this chain has not seen yet.
        let item = Number(u8aToBigInt(blake2AsU8a(runId, 64)) % 100_000n);
        do {
          s.gtin = gtin14(`10614141${String(item).padStart(5, '0')}`);
          item = (item + 1) % 100_000;
        } while ((await api.query.drugTracking.products(s.gtin)).isSome);
        const year = new Date(await chainNow(api)).getUTCFullYear() + 2;
        s.expiry = Number(`${String(year % 100).padStart(2, '0')}1231`);
        const registered = await sendAndWait(api,
          tx.registerProduct(s.gtin, null, blake2AsHex(`product name ${runId}`), 'Injection', COLD), manufacturer);
        assert.ok(eventOf(registered.events, api.events.drugTracking.ProductRegistered));
        const product = (await api.query.drugTracking.products(s.gtin)).unwrap();
        assert.equal(product.manufacturer.toString(), manufacturer.address);
        const made = await sendAndWait(api, tx.createBatch(s.gtin, lot, s.expiry, 100), manufacturer);
        const created = eventOf(made.events, api.events.drugTracking.BatchCreated);
        assert.ok(created, 'DrugTracking.BatchCreated was emitted');
        s.batch = created.data.batch.toHex();
        const holders = (await api.call.drugTrackingApi.batchHistory(s.batch)).unwrap().holders
          .map(([who, units]) => [who.toString(), units.toNumber()]);
        assert.deepEqual(holders, [[manufacturer.address, 100]]);
        return `Product GTIN ${s.gtin} (an injection kept at 2–8 °C); batch ${lot}, expiring 31 Dec ${year}, `
          + `100 units, all with the manufacturer (batch id ${short(s.batch)}).`;
      }),

      step('The manufacturer commissions serial numbers for three packs', async () => {
        assert.equal(await verify(), 'Unknown', 'not a pack before it is commissioned');
        const { events } = await sendAndWait(api, tx.commissionSerials(s.batch, serials), manufacturer);
        const commissioned = eventOf(events, api.events.drugTracking.SerialsCommissioned);
        assert.equal(commissioned.data.count.toNumber(), serials.length);
        for (const serial of serials) assert.equal(await verify(serial), 'Authentic');
        return `Packs ${serials.join(', ')} are on chain and verify Authentic.`;
      }),

      step(`The manufacturer ships ${SHIPPED} units to the wholesaler (${wholesaler.label}) through the carrier (${carrier.label}), naming pack ${pack}`, async () => {
        const arrival = (await chainNow(api)) + 2 * DAY_MS;
        const { events } = await sendAndWait(api, tx.ship(wholesaler.address, carrier.address,
          [{ batch: s.batch, quantity: SHIPPED }], [{ gtin: s.gtin, serial: pack }], arrival, COLD), manufacturer);
        const shipped = eventOf(events, api.events.drugTracking.Shipped);
        assert.ok(shipped, 'DrugTracking.Shipped was emitted');
        s.shipment = shipped.data.shipment.toNumber();
        const view = await shipmentView(s.shipment);
        assert.ok(view.shipment.status.isInTransit);
        assert.equal(view.shipment.carrier.unwrap().toString(), carrier.address);
        assert.ok(view.onHold.isFalse);
        const state = (await api.query.drugTracking.serials(s.gtin, pack)).unwrap().state;
        assert.equal(state.asInTransit.toNumber(), s.shipment);
        return `Shipment #${s.shipment} is in transit, expected by ${when(arrival)}, to be kept at 2–8 °C.`;
      }),

      step('The carrier reports its data logger: 4 hours at up to 12.6 °C. The shipment-holds contract holds the shipment', async () => {
        const before = await query(shipmentHolds, carrier, 'openCase', s.shipment);
        const telemetry = {
          minutesOutside: 240, minTemperature: 41, maxTemperature: 126, unitsCounted: SHIPPED,
          routeDeviationKm: 3, logHash: blake2AsHex(`logger file of shipment ${s.shipment}, ${runId}`),
        };
        const { value, events, emitted } = await send(shipmentHolds, carrier, 'reportTelemetry', s.shipment, telemetry);
        // A case the anomaly oracle (dev-chain.sh --with-oracle) may have opened already gets
        // the carrier's report as more evidence; otherwise this report opens one.
        if (before === null) {
          assert.ok('caseOpened' in value.ok, `a case was opened: ${JSON.stringify(value)}`);
          s.case = value.ok.caseOpened;
          const hold = eventOf(events, api.events.drugTracking.HoldPlaced);
          assert.ok(hold, 'HoldPlaced is among the same extrinsic\'s events');
          assert.deepEqual(hold.data.subject.toJSON(), { shipment: s.shipment });
          assert.equal(hold.data.by.toString(), shipmentHolds.address.toString());
          const notices = emitted.filter((e) => e.name === 'HoldNotice').map((e) => [e.to, e.role]);
          assert.deepEqual(notices, [[manufacturer.address, 'Sender'], [wholesaler.address, 'Receiver'],
            [regulator.address, 'Regulator'], [manufacturer.address, 'Manufacturer']]);
        } else {
          assert.deepEqual(value.ok, { evidenceAdded: before });
          s.case = before;
        }
        assert.ok((await shipmentView(s.shipment)).onHold.isTrue);
        assert.equal(await verify(), 'OnHold');
        const opened = await caseOf(s.case);
        assert.equal(opened.shipment, s.shipment);
        assert.equal(opened.status, 'Suspect');
        const mine = opened.evidence.find((e) => e.reporter === carrier.address);
        assert.deepEqual(mine.reasons, ['TemperatureExcursion']);
        assert.equal(mine.evidenceHash, telemetry.logHash);
        return `The 240 minutes outside 2–8 °C broke the 30-minute rule: case #${s.case} is open and the shipment is held, `
          + 'in the same extrinsic. Sender, receiver, manufacturer and regulator each got a HoldNotice on their own topic; '
          + `the pack now verifies OnHold. The case keeps the logger file's hash ${short(telemetry.logHash)}.`;
      }),

      step('The wholesaler tries to receive the shipment: refused', async () => {
        await assert.rejects(sendAndWait(api, tx.receive(s.shipment, [SHIPPED]), wholesaler), /drugTracking\.OnHold/);
        assert.ok((await shipmentView(s.shipment)).shipment.status.isInTransit, 'still in transit');
        return 'Refused with DrugTracking.OnHold: custody cannot pass while the hold stands.';
      }),

      step(`The investigation: the wholesaler quarantines the goods; an auditor (${auditor.label}) investigates and finds the product fine`, async () => {
        const quarantined = await advance(wholesaler, 'ConfirmQuarantine');
        assert.deepEqual(quarantined.step, { status: 'Quarantined' });
        const investigating = await advance(auditor, 'Investigate');
        assert.deepEqual(investigating.step, { status: 'Investigating' });
        s.finding = blake2AsHex(`stability data cover 4 h at 12.6 °C: case ${s.case}, ${runId}`);
        const concluded = await advance(auditor, { Conclude: { legitimate: true, finding: s.finding } });
        assert.deepEqual(concluded.step, { status: 'Cleared' });
        const cleared = await caseOf(s.case);
        assert.equal(cleared.status, 'Cleared');
        assert.equal(cleared.finding[1], s.finding);
        assert.ok((await shipmentView(s.shipment)).onHold.isTrue, 'a finding alone does not release');
        return 'Suspect → Quarantined → Investigating → Cleared: the stability data cover the excursion. '
          + `The finding's hash ${short(s.finding)} is on the case; the shipment stays held until two signers release it.`;
      }),

      step(`Two signers release the hold: the auditor, then the regulator (${regulator.label})`, async () => {
        const resolution = { ApproveRelease: blake2AsHex(`release of case ${s.case}, ${runId}`) };
        const first = await advance(auditor, resolution);
        assert.ok('releaseApproved' in first.step, JSON.stringify(first.step));
        assert.ok((await shipmentView(s.shipment)).onHold.isTrue, 'one signature does not release');
        await assert.rejects(send(shipmentHolds, auditor, 'advanceCase', s.case, resolution), /SameSigner/);
        const { events, emitted } = await send(shipmentHolds, regulator, 'advanceCase', s.case, resolution);
        assert.ok(emitted.some((e) => e.name === 'CaseUpdated' && 'released' in e.step));
        const released = eventOf(events, api.events.drugTracking.HoldReleased);
        assert.ok(released, 'HoldReleased is among the second signer\'s events');
        assert.deepEqual(released.data.subject.toJSON(), { shipment: s.shipment });
        assert.ok((await shipmentView(s.shipment)).onHold.isFalse);
        assert.equal(await query(shipmentHolds, regulator, 'openCase', s.shipment), null);
        return 'The auditor\'s approval alone left it held (and the same signer twice is refused, SameSigner); '
          + 'the regulator\'s second signature released the hold in the pallet.';
      }),

      step(`The wholesaler receives the shipment and sends ${TO_PHARMACY} units with pack ${pack} on to the pharmacy (${pharmacy.label})`, async () => {
        const received = await sendAndWait(api, tx.receive(s.shipment, [SHIPPED]), wholesaler);
        assert.ok(eventOf(received.events, api.events.drugTracking.Received));
        const { events } = await sendAndWait(api, tx.ship(pharmacy.address, null,
          [{ batch: s.batch, quantity: TO_PHARMACY }], [{ gtin: s.gtin, serial: pack }], (await chainNow(api)) + DAY_MS, COLD),
        wholesaler);
        const onward = eventOf(events, api.events.drugTracking.Shipped).data.shipment.toNumber();
        await sendAndWait(api, tx.receive(onward, [TO_PHARMACY]), pharmacy);
        const history = (await api.call.drugTrackingApi.batchHistory(s.batch)).unwrap();
        const holders = Object.fromEntries(history.holders.map(([who, units]) => [who.toString(), units.toNumber()]));
        assert.deepEqual(holders, {
          [manufacturer.address]: 100 - SHIPPED, [wholesaler.address]: SHIPPED - TO_PHARMACY, [pharmacy.address]: TO_PHARMACY,
        });
        assert.equal((await api.query.drugTracking.serials(s.gtin, pack)).unwrap().custodian.toString(), pharmacy.address);
        return `Custody moved twice more (shipment #${onward}); the batch's trail now shows ${history.trail.length} steps `
          + `and ${pack} is with the pharmacy.`;
      }),

      step(`The pharmacy verifies pack ${pack} before dispensing: Authentic`, async () => {
        assert.equal(await verify(), 'Authentic');
        const { verdict, clone } = await scan(pharmacy);
        assert.equal(verdict, 'Authentic');
        assert.equal(clone, undefined, 'the holder scanning its own pack raises no clone signal');
        return 'The printed GTIN, serial, lot and expiry match the chain, and the batch is neither recalled nor held.';
      }),

      step('The manufacturer recalls the batch: the same pack now verifies Recalled', async () => {
        const { events } = await sendAndWait(api, tx.recall(s.batch, 'ClassII', blake2AsHex(`recall notice ${runId}`)), manufacturer);
        const recalled = eventOf(events, api.events.drugTracking.BatchRecalled);
        assert.ok(recalled, 'DrugTracking.BatchRecalled was emitted');
        assert.equal(recalled.data.class.toString(), 'ClassII');
        assert.equal(await verify(), 'Recalled');
        assert.equal((await scan(pharmacy)).verdict, 'Recalled');
        await assert.rejects(sendAndWait(api, tx.decommission(s.gtin, pack, 'Dispensed'), pharmacy),
          /drugTracking\.BatchRecalled/);
        return 'Every pack of the batch answers Recalled, and the pharmacy\'s attempt to dispense it is refused (BatchRecalled).';
      }),

      step(`A copy of pack ${pack} turns up at ${hospital.label}'s hospital, which never held the batch: its scan flags the pack as a clone`, async () => {
        assert.equal((await api.query.drugTracking.serials(s.gtin, pack)).unwrap().suspect.isNone, true);
        const { verdict, clone } = await scan(hospital);
        assert.ok(clone, 'DrugTracking.CloneSuspected was emitted');
        assert.equal(clone.data.serial.toUtf8(), pack);
        assert.equal(clone.data.by.toString(), hospital.address);
        assert.equal(clone.data.signal.toString(), 'ScannedElsewhere');
        assert.equal(verdict, 'Recalled', 'a recall still outranks the hold');
        const flagged = (await api.query.drugTracking.serials(s.gtin, pack)).unwrap();
        assert.equal(flagged.suspect.unwrap().toString(), 'ScannedElsewhere');
        return 'The serial is with the pharmacy, so a scan elsewhere is a clone signal: the pack is now suspect '
          + '(CloneSuspected, ScannedElsewhere) and stays held until a regulator clears it.';
      }),
    ],
  };
}
