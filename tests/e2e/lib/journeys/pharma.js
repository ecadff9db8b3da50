// The pharma partner journey: a manufacturer registers a product and a batch, commissions
// serials and ships to a wholesaler through a carrier; the carrier's telemetry shows a long
// cold-chain excursion, and the shipment-holds contract holds the shipment in the same call;
// the wholesaler cannot receive it until an auditor and the regulator release it after an
// investigation; a pharmacy verifies a pack (Authentic), then, after a recall, Recalled; a
// scan by someone who never held the batch reports the pack as a clone, and the regulator's
// confirmation freezes it. Every step checks the chain's state and events.
import assert from 'node:assert/strict';
import { blake2AsHex, blake2AsU8a } from '@polkadot/util-crypto';
import { u8aToBigInt } from '@polkadot/util';
import { sendAndWait, chainNow, DAY_MS } from '../node.js';
import { eventOf, query, execute, topicOf } from '../contracts.js';
import { step, chainTime, shortHash } from '../journey.js';
import { batchHistory, batchHolders } from '../pages.js';

const COLD = { min: 20, max: 80 }; // 2–8 °C, in tenths of a degree
const SHIPPED = 60;
const TO_PHARMACY = 20;

/** A GTIN-14 from its first 13 digits, with the GS1 check digit. */
function gtin14(first13) {
  const sum = [...first13].reverse().reduce((acc, d, i) => acc + Number(d) * (i % 2 === 0 ? 3 : 1), 0);
  return Number(`${first13}${(10 - (sum % 10)) % 10}`);
}

/**
 * The pharma journey's steps, on the chain `api` reaches, with the dev `accounts` and the
 * deployed `contracts`. `runId` names this run's product, lot and serials, so the journey
 * can run again on the same chain. With `oracleMayReport` (a chain where the anomaly oracle
 * runs), the carrier's report may find the shipment's case already opened by the oracle.
 */
export function pharmaJourney({ api, accounts, contracts, runId, oracleMayReport = false }) {
  const { manufacturer, wholesaler, carrier, pharmacy, regulator, auditor, hospital } = accounts;
  const { shipmentHolds } = contracts;
  const tx = api.tx.drugTracking;
  const made = {}; // what earlier steps made, for the later ones
  // Lots and serials are at most 20 characters: the run id gives way, not the pack number.
  const run = runId.slice(0, 12);
  const lot = `LOT-${run}`;
  const serials = [1, 2, 3].map((n) => `SN-${run}-${n}`);
  const [pack] = serials;

  const verify = async (serial = pack) => (await api.call.drugTrackingApi.verifyPack(made.gtin, serial, lot, made.expiry)).type;
  const shipmentView = async (id) => (await api.call.drugTrackingApi.shipment(id)).unwrap();
  const caseOf = (id) => query(shipmentHolds, regulator, 'case', id);
  /** Who holds how many units of the batch, from its history. */
  const holdersOf = async () => Object.fromEntries((await batchHolders(api, made.batch))
    .map(([who, units]) => [who.toString(), units.toNumber()]));
  /** Scan the pack as `who`: the Scanned verdict and any clone signal among the events. */
  const scan = async (who) => {
    const { events } = await sendAndWait(api, tx.scan(made.gtin, pack, lot, made.expiry), who);
    const scanned = eventOf(events, api.events.drugTracking.Scanned);
    assert.ok(scanned, 'DrugTracking.Scanned was emitted');
    assert.equal(scanned.data.by.toString(), who.address);
    return { verdict: scanned.data.verdict.type, clone: eventOf(events, api.events.drugTracking.CloneSuspected) };
  };
  /** Take the case a step further as `who`; checks the CaseUpdated event and returns it. */
  const advance = async (who, caseStep) => {
    const { emitted } = await execute(shipmentHolds, who, 'advanceCase', made.case, caseStep);
    const updated = emitted.find((e) => e.name === 'CaseUpdated');
    assert.ok(updated, `CaseUpdated was emitted: ${JSON.stringify(emitted)}`);
    assert.equal(updated.case, made.case);
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
          made.gtin = gtin14(`10614141${String(item).padStart(5, '0')}`);
          item = (item + 1) % 100_000;
        } while ((await api.query.drugTracking.products(made.gtin)).isSome);
        const year = new Date(await chainNow(api)).getUTCFullYear() + 2;
        made.expiry = Number(`${String(year % 100).padStart(2, '0')}1231`);
        const registered = await sendAndWait(api,
          tx.registerProduct(made.gtin, null, blake2AsHex(`product name ${runId}`), 'Injection', COLD), manufacturer);
        assert.ok(eventOf(registered.events, api.events.drugTracking.ProductRegistered));
        const product = (await api.query.drugTracking.products(made.gtin)).unwrap();
        assert.equal(product.manufacturer.toString(), manufacturer.address);
        const batched = await sendAndWait(api, tx.createBatch(made.gtin, lot, made.expiry, 100), manufacturer);
        const created = eventOf(batched.events, api.events.drugTracking.BatchCreated);
        assert.ok(created, 'DrugTracking.BatchCreated was emitted');
        made.batch = created.data.batch.toHex();
        assert.deepEqual(await holdersOf(), { [manufacturer.address]: 100 });
        return `Product GTIN ${made.gtin} (an injection kept at 2–8 °C); batch ${lot}, expiring 31 Dec ${year}, `
          + `100 units, all with the manufacturer (batch id ${shortHash(made.batch)}).`;
      }),

      step('The manufacturer commissions serial numbers for three packs', async () => {
        assert.equal(await verify(), 'Unknown', 'not a pack before it is commissioned');
        const { events } = await sendAndWait(api, tx.commissionSerials(made.batch, serials), manufacturer);
        const commissioned = eventOf(events, api.events.drugTracking.SerialsCommissioned);
        assert.equal(commissioned.data.count.toNumber(), serials.length);
        for (const serial of serials) assert.equal(await verify(serial), 'Authentic');
        return `Packs ${serials.join(', ')} are on chain and verify Authentic.`;
      }),

      step(`The manufacturer ships ${SHIPPED} units to the wholesaler (${wholesaler.label}) through the carrier (${carrier.label}), naming pack ${pack}`, async () => {
        const arrival = (await chainNow(api)) + 2 * DAY_MS;
        const { events } = await sendAndWait(api, tx.ship(wholesaler.address, carrier.address,
          [{ batch: made.batch, quantity: SHIPPED }], [{ gtin: made.gtin, serial: pack }], arrival, COLD), manufacturer);
        const shipped = eventOf(events, api.events.drugTracking.Shipped);
        assert.ok(shipped, 'DrugTracking.Shipped was emitted');
        made.shipment = shipped.data.shipment.toNumber();
        const view = await shipmentView(made.shipment);
        assert.ok(view.shipment.status.isInTransit);
        assert.equal(view.shipment.carrier.unwrap().toString(), carrier.address);
        assert.ok(view.onHold.isFalse);
        const state = (await api.query.drugTracking.serials(made.gtin, pack)).unwrap().state;
        assert.equal(state.asInTransit.toNumber(), made.shipment);
        return `Shipment #${made.shipment} is in transit, expected by ${chainTime(arrival)}, to be kept at 2–8 °C.`;
      }),

      step('The carrier reports its data logger: 4 hours at up to 12.6 °C. The shipment-holds contract holds the shipment', async () => {
        const before = await query(shipmentHolds, carrier, 'openCase', made.shipment);
        assert.ok(before === null || oracleMayReport, `no case before the carrier's report: case ${before}`);
        const telemetry = {
          minutesOutside: 240, minTemperature: 41, maxTemperature: 126, unitsCounted: SHIPPED,
          routeDeviationKm: 3, logHash: blake2AsHex(`logger file of shipment ${made.shipment}, ${runId}`),
        };
        const { events, emitted } = await execute(shipmentHolds, carrier, 'reportTelemetry', made.shipment, telemetry);
        const updated = emitted.find((e) => e.name === 'CaseUpdated');
        assert.ok(updated, `CaseUpdated was emitted: ${JSON.stringify(emitted)}`);
        assert.equal(updated.shipment, made.shipment);
        made.case = updated.case;
        const opened = await caseOf(made.case);
        const mine = opened.evidence.find((e) => e.reporter === carrier.address);
        assert.deepEqual(mine.reasons, ['TemperatureExcursion'], 'the 30-minute excursion rule fired');
        assert.equal(mine.evidenceHash, telemetry.logHash);
        let said;
        if ('opened' in updated.step) {
          // The carrier's report opened the case: the hold and the notices are in its extrinsic.
          assert.deepEqual(opened.evidence[0].source, { rules: null });
          assert.deepEqual(opened.hold, { placed: null });
          const hold = eventOf(events, api.events.drugTracking.HoldPlaced);
          assert.ok(hold, 'HoldPlaced is among the same extrinsic\'s events');
          assert.deepEqual(hold.data.subject.toJSON(), { shipment: made.shipment });
          assert.equal(hold.data.by.toString(), shipmentHolds.address.toString());
          assert.equal(hold.data.reasonHash.toHex(), telemetry.logHash, 'the hold\'s reason is the logger file');
          const notices = emitted.filter((e) => e.name === 'HoldNotice');
          assert.deepEqual(notices.map((e) => [e.to, e.role, e.case]), [
            [manufacturer.address, 'Sender', made.case], [wholesaler.address, 'Receiver', made.case],
            [regulator.address, 'Regulator', made.case], [manufacturer.address, 'Manufacturer', made.case]]);
          for (const notice of notices) {
            assert.ok(notice.topics.includes(topicOf(api, notice.to)), `${notice.role}'s notice is under its own topic`);
          }
          said = `The 240 minutes outside 2–8 °C broke the 30-minute rule: case #${made.case} is open and the shipment `
            + 'is held, in the same extrinsic. Sender, receiver, manufacturer and regulator each got a HoldNotice '
            + 'under their own topic.';
        } else {
          // The anomaly oracle saw it first: the carrier's report joins the oracle's case.
          assert.deepEqual(updated.step, { evidenceAdded: null });
          assert.equal(made.case, before);
          assert.ok('model' in opened.evidence[0].source, JSON.stringify(opened.evidence[0].source));
          said = `The anomaly oracle had held the shipment already (case #${made.case}); the carrier's report, which `
            + 'broke the 30-minute rule, was added to that case as evidence.';
        }
        assert.equal(opened.shipment, made.shipment);
        assert.equal(opened.status, 'Suspect');
        assert.ok((await shipmentView(made.shipment)).onHold.isTrue);
        assert.equal(await verify(), 'OnHold');
        return `${said} The pack now verifies OnHold; the case keeps the logger file's hash ${shortHash(telemetry.logHash)}.`;
      }),

      step('The wholesaler tries to receive the shipment: refused', async () => {
        await assert.rejects(sendAndWait(api, tx.receive(made.shipment, [SHIPPED]), wholesaler), /drugTracking\.OnHold/);
        assert.ok((await shipmentView(made.shipment)).shipment.status.isInTransit, 'still in transit');
        return 'Refused with DrugTracking.OnHold: custody cannot pass while the hold stands.';
      }),

      step(`The investigation: the wholesaler quarantines the goods; an auditor (${auditor.label}) investigates and finds the product fine`, async () => {
        const quarantined = await advance(wholesaler, 'ConfirmQuarantine');
        assert.deepEqual(quarantined.step, { status: 'Quarantined' });
        const investigating = await advance(auditor, 'Investigate');
        assert.deepEqual(investigating.step, { status: 'Investigating' });
        const finding = blake2AsHex(`stability data cover 4 h at 12.6 °C: case ${made.case}, ${runId}`);
        const concluded = await advance(auditor, { Conclude: { legitimate: true, finding } });
        assert.deepEqual(concluded.step, { status: 'Cleared' });
        const cleared = await caseOf(made.case);
        assert.equal(cleared.status, 'Cleared');
        assert.equal(cleared.finding.finding, finding);
        assert.ok((await shipmentView(made.shipment)).onHold.isTrue, 'a finding alone does not release');
        return 'Suspect → Quarantined → Investigating → Cleared: the stability data cover the excursion. '
          + `The finding's hash ${shortHash(finding)} is on the case; the shipment stays held until two signers release it.`;
      }),

      step(`Two signers release the hold: the auditor, then the regulator (${regulator.label})`, async () => {
        const resolution = { ApproveRelease: blake2AsHex(`release of case ${made.case}, ${runId}`) };
        const first = await advance(auditor, resolution);
        assert.deepEqual(first.step, { releaseApproved: resolution.ApproveRelease });
        assert.ok((await shipmentView(made.shipment)).onHold.isTrue, 'one signature does not release');
        await assert.rejects(execute(shipmentHolds, auditor, 'advanceCase', made.case, resolution), /SameSigner/);
        const { events, emitted } = await execute(shipmentHolds, regulator, 'advanceCase', made.case, resolution);
        assert.ok(emitted.some((e) => e.name === 'CaseUpdated' && e.step.released === resolution.ApproveRelease),
          `the case was released: ${JSON.stringify(emitted)}`);
        const released = eventOf(events, api.events.drugTracking.HoldReleased);
        assert.ok(released, 'HoldReleased is among the second signer\'s events');
        assert.deepEqual(released.data.subject.toJSON(), { shipment: made.shipment });
        assert.ok((await shipmentView(made.shipment)).onHold.isFalse);
        assert.equal(await query(shipmentHolds, regulator, 'openCase', made.shipment), null);
        return 'The auditor\'s approval alone left it held (and the same signer twice is refused, SameSigner); '
          + 'the regulator\'s second signature released the hold in the pallet.';
      }),

      step(`The wholesaler receives the shipment and sends ${TO_PHARMACY} units with pack ${pack} on to the pharmacy (${pharmacy.label})`, async () => {
        const received = await sendAndWait(api, tx.receive(made.shipment, [SHIPPED]), wholesaler);
        assert.ok(eventOf(received.events, api.events.drugTracking.Received));
        const { events } = await sendAndWait(api, tx.ship(pharmacy.address, null,
          [{ batch: made.batch, quantity: TO_PHARMACY }], [{ gtin: made.gtin, serial: pack }], (await chainNow(api)) + DAY_MS, COLD),
        wholesaler);
        const onward = eventOf(events, api.events.drugTracking.Shipped).data.shipment.toNumber();
        await sendAndWait(api, tx.receive(onward, [TO_PHARMACY]), pharmacy);
        const history = await batchHistory(api, made.batch);
        assert.deepEqual(await holdersOf(), {
          [manufacturer.address]: 100 - SHIPPED, [wholesaler.address]: SHIPPED - TO_PHARMACY, [pharmacy.address]: TO_PHARMACY,
        });
        assert.equal((await api.query.drugTracking.serials(made.gtin, pack)).unwrap().custodian.toString(), pharmacy.address);
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
        const { events } = await sendAndWait(api, tx.recall(made.batch, 'ClassII', blake2AsHex(`recall notice ${runId}`)), manufacturer);
        const recalled = eventOf(events, api.events.drugTracking.BatchRecalled);
        assert.ok(recalled, 'DrugTracking.BatchRecalled was emitted');
        assert.equal(recalled.data.class.toString(), 'ClassII');
        assert.equal(await verify(), 'Recalled');
        assert.equal((await scan(pharmacy)).verdict, 'Recalled');
        await assert.rejects(sendAndWait(api, tx.decommission(made.gtin, pack, 'Dispensed'), pharmacy),
          /drugTracking\.BatchRecalled/);
        return 'Every pack of the batch answers Recalled, and the pharmacy\'s attempt to dispense it is refused (BatchRecalled).';
      }),

      step(`A copy of pack ${pack} turns up at ${hospital.label}'s hospital, which never held the batch: its scan reports a clone, and the regulator's confirmation freezes the pack`, async () => {
        assert.equal((await api.query.drugTracking.serials(made.gtin, pack)).unwrap().suspect.isNone, true);
        const { events } = await sendAndWait(api, tx.scan(made.gtin, pack, lot, made.expiry), hospital);
        const reported = eventOf(events, api.events.drugTracking.CloneReported);
        assert.ok(reported, 'DrugTracking.CloneReported was emitted');
        assert.equal(reported.data.serial.toUtf8(), pack);
        assert.equal(reported.data.by.toString(), hospital.address);
        assert.equal(reported.data.signal.toString(), 'ScannedElsewhere');
        assert.equal(reported.data.custodian.toString(), pharmacy.address, 'the holder is told');
        assert.equal(reported.data.manufacturer.toString(), manufacturer.address, 'the manufacturer is told');
        assert.equal(reported.data.reports.toNumber(), 1);
        assert.equal(eventOf(events, api.events.drugTracking.CloneSuspected), undefined,
          'one party that does not hold the batch cannot freeze the pack alone');
        assert.equal((await api.query.drugTracking.serials(made.gtin, pack)).unwrap().suspect.isNone, true);
        assert.equal((await api.query.drugTracking.openReports(hospital.address)).toNumber() >= 1, true);

        const confirmed = await sendAndWait(api, tx.confirmCloneReport(made.gtin, pack), regulator);
        const clone = eventOf(confirmed.events, api.events.drugTracking.CloneSuspected);
        assert.ok(clone, 'DrugTracking.CloneSuspected was emitted');
        assert.equal(clone.data.by.toString(), regulator.address);
        assert.equal(clone.data.signal.toString(), 'ScannedElsewhere');
        const flagged = (await api.query.drugTracking.serials(made.gtin, pack)).unwrap();
        assert.equal(flagged.suspect.unwrap().toString(), 'ScannedElsewhere');
        assert.equal(await verify(), 'Recalled', 'a recall still outranks the hold');
        return 'The serial is with the pharmacy, so a scan elsewhere is a clone signal: the report is recorded and the '
          + 'pharmacy and manufacturer are told (CloneReported). One stranger cannot freeze goods it does not hold; '
          + 'the regulator confirmed the report, and the pack is now suspect (CloneSuspected) until a regulator clears it.';
      }),
    ],
  };
}
