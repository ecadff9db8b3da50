//! Tests of what storage costs and what calls charge: holdings paid by their holders, the
//! reserve that lets a receiver always refuse a shipment, retirement after the retention
//! period with the history's hash, and calls that charge for the shipment they handle.

use crate::{mock::*, tests::*, *};
use codec::Encode;
use frame_support::{
	assert_noop, assert_ok,
	dispatch::{GetDispatchInfo, Pays},
	traits::{fungible::Mutate, Get},
};
use sp_core::H256;
use sp_io::hashing::blake2_256;

type Weights = <Test as Config>::WeightInfo;

/// When a batch of `EXPIRY` may first be retired: the end of its expiry date plus a year.
fn retirable_from() -> Moment {
	expiry_end(EXPIRY).unwrap() + RETENTION
}

/// A second lot of the same product, with serials SN1000.. for its first `serials` units.
fn other_batch(quantity: u32, serials: u32) -> BatchId {
	let other: Lot = text("LOT-B2");
	assert_ok!(Tracking::create_batch(signed(MANUFACTURER), GTIN, other.clone(), EXPIRY, quantity));
	let id = batch_id(Gtin::new(GTIN).unwrap(), &other);
	let numbers: Vec<SerialNumber> = (1000..1000 + serials).map(serial).collect();
	assert_ok!(Tracking::commission_serials(signed(MANUFACTURER), id, numbers.try_into().unwrap()));
	id
}

/// A batch's record, its trail and the events the trail names, as an archive keeps them.
type Archive = (BatchOf<Test>, Vec<TrailEntryOf<Test>>, Vec<(EventId, EventOf<Test>)>);

/// A batch's whole history as an archiver reads it before retirement: `batch_history`
/// page by page (three steps a page), the batch record, every trail step and their events.
fn archive(id: BatchId) -> Archive {
	let first = Tracking::batch_history(id, None, 3).expect("the batch is on record");
	let (batch, mut trail, mut events, mut next) =
		(first.batch, first.trail, first.events, first.next);
	while let Some(from) = next {
		let page = Tracking::batch_history(id, Some(from), 3).expect("still on record");
		trail.extend(page.trail);
		events.extend(page.events);
		next = page.next;
	}
	(batch, trail, events)
}

/// The history hash as `RetiredBatch` documents it, computed from the archive alone.
fn history_hash((batch, trail, events): &Archive) -> H256 {
	let mut hash = blake2_256(&batch.encode());
	for entry in trail {
		let event = match entry {
			TrailEntry::Event { event } => {
				events.iter().find(|(id, _)| id == event).map(|(_, e)| e.clone())
			}
			_ => None,
		};
		let mut input = hash.to_vec();
		input.extend(entry.encode());
		input.extend(event.encode());
		hash = blake2_256(&input);
	}
	H256(hash)
}

/// Retire `id` call by call, as `who`, checking the invariants between calls; returns the
/// number of calls it took.
fn retire(who: u64, id: BatchId) -> u32 {
	let mut calls = 0;
	loop {
		let call = Call::<Test>::retire_batch { batch: id };
		let declared = call.get_dispatch_info().weight;
		let info = Tracking::retire_batch(signed(who), id).expect("retirement goes on");
		// You pay for what the call did, never more than it declared.
		let used = info.actual_weight.expect("the call reports its weight");
		assert!(used.all_lte(declared));
		assert_eq!(info.pays_fee, Pays::Yes);
		calls += 1;
		Tracking::do_try_state().expect("invariants hold while retiring");
		if matches!(
			RetiredBatches::<Test>::get(id).map(|r| r.state),
			Some(RetirementState::Done { .. })
		) {
			return calls;
		}
		assert!(calls < 100, "retirement never ends");
	}
}

#[test]
fn holdings_are_paid_by_their_holders_and_returned_when_emptied() {
	run(|| {
		let id = batch(10, 2);
		let holding = Stock::<Test>::get(id, MANUFACTURER).expect("the maker holds it all");
		assert_eq!((holding.units, holding.named), (10, 2));
		let manufacturer = held(MANUFACTURER);

		// The wholesaler receives: its new holding is its own to pay for.
		let first = ship(MANUFACTURER, WHOLESALER, &[(id, 4)], &[0]);
		assert_ok!(Tracking::receive(signed(WHOLESALER), first, counts(&[4])));
		let wholesaler = Stock::<Test>::get(id, WHOLESALER).expect("received");
		assert_eq!((wholesaler.units, wholesaler.named), (4, 1));
		assert_eq!(held(WHOLESALER), wholesaler.deposit);
		// A second receipt adds to the holding and costs nothing more.
		let second = ship(MANUFACTURER, WHOLESALER, &[(id, 1)], &[]);
		assert_ok!(Tracking::receive(signed(WHOLESALER), second, counts(&[1])));
		assert_eq!(held(WHOLESALER), wholesaler.deposit);

		// The wholesaler ships everything on: its holding goes, and so does the deposit
		// (what it holds now is its shipment's).
		let onward = ship(WHOLESALER, PHARMACY, &[(id, 5)], &[0]);
		assert_eq!(Stock::<Test>::get(id, WHOLESALER), None);
		let shipment = Shipments::<Test>::get(onward).unwrap();
		assert_eq!(held(WHOLESALER), shipment.deposit + shipment.reserve);
		// Receiving gives the sender its reserve back.
		assert_ok!(Tracking::receive(signed(PHARMACY), onward, counts(&[5])));
		assert_eq!(held(WHOLESALER), shipment.deposit);
		assert_eq!(Shipments::<Test>::get(onward).unwrap().reserve, 0);

		// The manufacturer paid for its holding once; its shipments' deposits are apart.
		let shipments: u64 =
			[first, second].iter().map(|s| Shipments::<Test>::get(s).unwrap().deposit).sum();
		assert_eq!(held(MANUFACTURER), manufacturer + shipments);
	});
}

#[test]
fn a_receiver_that_cannot_pay_for_a_holding_can_still_refuse_the_shipment() {
	run(|| {
		let id = batch(10, 1);
		// The manufacturer ships everything it has: its holding and its deposit go.
		let all = ship(MANUFACTURER, WHOLESALER, &[(id, 10)], &[0]);
		assert_eq!(Stock::<Test>::get(id, MANUFACTURER), None);
		// The wholesaler has nothing to spare for a deposit.
		Balances::set_balance(&WHOLESALER, 1);
		assert_noop!(
			Tracking::receive(signed(WHOLESALER), all, counts(&[10])),
			Error::<Test>::CannotHoldDeposit
		);
		// It refuses instead: the manufacturer's holding comes back, paid for by the reserve
		// it set aside when shipping, and nothing more is taken from it.
		let before = held(MANUFACTURER);
		assert_ok!(Tracking::reject(signed(WHOLESALER), all, H256::zero()));
		let back = Stock::<Test>::get(id, MANUFACTURER).expect("the units came back");
		assert_eq!((back.units, back.named), (10, 1));
		assert_eq!(held(MANUFACTURER), before);
		assert_eq!(Shipments::<Test>::get(all).unwrap().reserve, 0);
		assert_eq!(Batches::<Test>::get(id).unwrap().in_transit, 0);
	});
}

#[test]
fn a_batch_is_retired_only_after_its_retention_period_and_when_nothing_is_moving() {
	run(|| {
		let id = batch(10, 2);
		assert_noop!(Tracking::retire_batch(signed(PHARMACY), id), Error::<Test>::RetentionNotOver);
		// Expired, but the law still wants the records: a year after expiry is not over.
		set_time(retirable_from() - 1);
		assert_noop!(Tracking::retire_batch(signed(PHARMACY), id), Error::<Test>::RetentionNotOver);
		set_time(retirable_from());
		// Units on their way must arrive (or be refused) first.
		let moving = NextShipmentId::<Test>::get();
		assert_ok!(Tracking::ship(
			signed(MANUFACTURER),
			WHOLESALER,
			None,
			lines(&[(id, 3)]),
			Default::default(),
			retirable_from() + DAY,
			COLD
		));
		assert_noop!(Tracking::retire_batch(signed(PHARMACY), id), Error::<Test>::StillInTransit);
		assert_ok!(Tracking::reject(signed(WHOLESALER), moving, H256::zero()));
		// A batch on hold is under investigation.
		let subject = HoldSubject::Batch(id);
		assert_ok!(Tracking::place_hold(signed(REGULATOR), subject, H256::zero()));
		assert_noop!(Tracking::retire_batch(signed(PHARMACY), id), Error::<Test>::OnHold);
		assert_ok!(Tracking::release_hold(signed(REGULATOR), subject, H256::zero()));
		assert_noop!(
			Tracking::retire_batch(signed(PHARMACY), [9; 32]),
			Error::<Test>::UnknownBatch
		);

		retire(PHARMACY, id);
		assert_noop!(Tracking::retire_batch(signed(PHARMACY), id), Error::<Test>::AlreadyRetired);
		// The lot is never made again.
		assert_noop!(
			Tracking::create_batch(signed(MANUFACTURER), GTIN, lot(), 301_231, 5),
			Error::<Test>::LotRetired
		);
	});
}

#[test]
fn retirement_removes_the_records_returns_every_deposit_and_keeps_the_history_hash() {
	run(|| {
		let id = batch(10, 6);
		let other = other_batch(4, 2);
		let product = Products::<Test>::get(Gtin::new(GTIN).unwrap()).unwrap().deposit;
		let other_deposits = Batches::<Test>::get(other).unwrap().deposit
			+ Stock::<Test>::get(other, MANUFACTURER).unwrap().deposit
			+ 2 * Serials::<Test>::get(Gtin::new(GTIN).unwrap(), serial(1000)).unwrap().deposit;

		// A life: shipped by name, received short, an event on the batch and one on the
		// shipment, a hold placed and released, a rejected shipment, a recall, a clone report
		// on a pack, and a shipment carrying both batches.
		let first = ship(MANUFACTURER, WHOLESALER, &[(id, 5)], &[0, 1]);
		assert_ok!(anchor(
			signed(CARRIER),
			EventSubject::Shipment(first),
			BizStep::Shipping,
			Disposition::InTransit,
			None,
			START,
			None,
			H256::repeat_byte(7),
			None
		));
		assert_ok!(Tracking::receive(signed(WHOLESALER), first, counts(&[4])));
		assert_ok!(anchor(
			signed(WHOLESALER),
			EventSubject::Batch(id),
			BizStep::Storing,
			Disposition::Active,
			None,
			START,
			None,
			H256::repeat_byte(8),
			None
		));
		let subject = HoldSubject::Batch(id);
		assert_ok!(Tracking::place_hold(signed(HOLD_AUTHORITY), subject, H256::zero()));
		assert_ok!(Tracking::release_hold(signed(HOLD_AUTHORITY), subject, H256::zero()));
		let refused = ship(MANUFACTURER, PHARMACY, &[(id, 1)], &[]);
		assert_ok!(Tracking::reject(signed(PHARMACY), refused, H256::zero()));
		let both = ship(MANUFACTURER, HOSPITAL, &[(id, 1), (other, 1)], &[]);
		assert_ok!(Tracking::receive(signed(HOSPITAL), both, counts(&[1, 1])));
		assert_ok!(Tracking::recall(signed(REGULATOR), id, RecallClass::ClassIII, H256::zero()));
		// The pharmacy holds none of the batch: a faithful copy of a pack the wholesaler
		// holds, in its hands, is a report.
		assert_ok!(Tracking::scan(signed(PHARMACY), GTIN, serial(0), lot(), EXPIRY));
		assert_eq!(OpenReports::<Test>::get(PHARMACY), 1);
		assert!(held(REGULATOR) > 0 && held(HOLD_AUTHORITY) > 0 && held(PHARMACY) > 0);

		let history = archive(id);
		assert!(history.1.len() > 6, "the archive takes several pages");
		let expected = history_hash(&history);
		set_time(retirable_from());
		let calls = retire(NOBODY, id);
		// Eight records a call in the mock: the trail alone takes more than one.
		assert!(calls > 2, "took {calls} calls");
		assert!(events().contains(&Event::BatchRetirementStarted { batch: id, by: NOBODY }));
		assert_eq!(last_event(), Event::BatchRetired { batch: id, history_hash: expected });
		let retired = RetiredBatches::<Test>::get(id).unwrap();
		assert_eq!(retired.state, RetirementState::Done { history_hash: expected });
		assert_eq!((retired.lot, retired.trail_steps), (lot(), history.1.len() as u32));

		// Nothing of the batch is left but that record.
		assert!(Batches::<Test>::get(id).is_none() && TrailLength::<Test>::get(id) == 0);
		assert!(Trail::<Test>::iter_prefix(id).next().is_none());
		assert!(Stock::<Test>::iter_prefix(id).next().is_none());
		assert!(TrailDeposits::<Test>::iter_prefix(id).next().is_none());
		assert!(CloneReports::<Test>::iter_prefix(id).next().is_none());
		assert_eq!(OpenReports::<Test>::get(PHARMACY), 0);
		assert!((0..6).all(|n| verify(n) == Verdict::Unknown));
		assert!(
			Shipments::<Test>::get(first).is_none() && Shipments::<Test>::get(refused).is_none()
		);
		assert!(ShipmentEvents::<Test>::get(first).is_empty());
		assert_eq!(Events::<Test>::iter().count(), 0);

		// Every deposit went back: the wholesaler, the pharmacy, the carrier, the hold
		// authority and the regulator hold nothing; the manufacturer keeps its product, the
		// other batch and the retired record's share, and pays for the shipment that still
		// carries the other batch.
		for who in [WHOLESALER, PHARMACY, CARRIER, HOLD_AUTHORITY, REGULATOR] {
			assert_eq!(held(who), 0, "{who} still pays");
		}
		let kept = Shipments::<Test>::get(both).expect("the other batch is still on it");
		assert_eq!(kept.retired_lines, 1);
		assert_eq!(held(MANUFACTURER), product + other_deposits + retired.deposit + kept.deposit);
		// The hospital keeps its holding of the other batch only.
		assert_eq!(held(HOSPITAL), Stock::<Test>::get(other, HOSPITAL).unwrap().deposit);

		// The other batch of the same product is untouched, and the shared shipment's events
		// now join its trail alone.
		let other_lot: Lot = text("LOT-B2");
		let check = |n| Tracking::verify_pack(GTIN, &serial(n), &other_lot, EXPIRY, START);
		assert_eq!((check(1000), check(1001)), (Verdict::Authentic, Verdict::Authentic));
		let steps = TrailLength::<Test>::get(other);
		assert_ok!(anchor(
			signed(HOSPITAL),
			EventSubject::Shipment(both),
			BizStep::Receiving,
			Disposition::Active,
			None,
			START,
			None,
			H256::repeat_byte(9),
			None
		));
		assert_eq!(TrailLength::<Test>::get(other), steps + 1);

		// When the other batch retires too, the shared shipment goes with it.
		retire(NOBODY, other);
		assert!(Shipments::<Test>::get(both).is_none());
		assert_eq!(held(HOSPITAL), 0);
		assert_eq!(held(MANUFACTURER), product + 2 * retired.deposit);
	});
}

#[test]
fn nothing_touches_a_batch_once_its_retirement_began() {
	run(|| {
		let id = batch(10, 8);
		let first = ship(MANUFACTURER, PHARMACY, &[(id, 3)], &[0, 1]);
		assert_ok!(Tracking::receive(signed(PHARMACY), first, counts(&[3])));
		assert_ok!(Tracking::decommission(
			signed(PHARMACY),
			GTIN,
			serial(0),
			DecommissionReason::Destroyed
		));
		set_time(retirable_from());
		// One call begins it and does a few records' work.
		assert_ok!(Tracking::retire_batch(signed(NOBODY), id));
		assert!(!matches!(
			RetiredBatches::<Test>::get(id).unwrap().state,
			RetirementState::Done { .. }
		));
		let unknown: sp_runtime::DispatchResult = Err(Error::<Test>::UnknownBatch.into());
		assert_eq!(
			Tracking::ship(
				signed(MANUFACTURER),
				WHOLESALER,
				None,
				lines(&[(id, 1)]),
				Default::default(),
				retirable_from() + DAY,
				COLD
			),
			unknown
		);
		let subject = HoldSubject::Batch(id);
		assert_eq!(Tracking::place_hold(signed(REGULATOR), subject, H256::zero()), unknown);
		assert_eq!(
			Tracking::recall(signed(REGULATOR), id, RecallClass::ClassI, H256::zero()),
			unknown
		);
		assert_eq!(
			Tracking::commission_serials(signed(MANUFACTURER), id, Default::default()),
			unknown
		);
		assert_eq!(
			Tracking::decommission(
				signed(PHARMACY),
				GTIN,
				serial(1),
				DecommissionReason::Destroyed
			),
			unknown
		);
		// A pack of a retiring batch verifies as unknown; a scan of it reports nothing.
		assert_eq!(verify(1), Verdict::Unknown);
		assert_ok!(Tracking::scan(signed(WHOLESALER), GTIN, serial(2), lot(), EXPIRY));
		assert!(CloneReports::<Test>::iter_prefix(id).next().is_none());
		// Anyone may finish it, and pays nothing but the fees.
		retire(NOBODY, id);
		assert_eq!(held(NOBODY), 0);
	});
}

#[test]
fn receiving_rejecting_and_recording_charge_for_the_shipment_at_hand() {
	run(|| {
		let id = batch(10, 2);
		let other = other_batch(4, 0);
		let actual = |result: frame_support::dispatch::DispatchResultWithPostInfo| {
			result.expect("the call succeeds").actual_weight.expect("it reports its weight")
		};
		let small = ship(MANUFACTURER, WHOLESALER, &[(id, 2)], &[0]);
		let received = actual(Tracking::receive(signed(WHOLESALER), small, counts(&[2])));
		assert_eq!(received, Weights::receive(1, 1));
		let two = ship(MANUFACTURER, PHARMACY, &[(id, 1), (other, 1)], &[]);
		let rejected = actual(Tracking::reject(signed(PHARMACY), two, H256::zero()));
		assert_eq!(rejected, Weights::reject(2, 0));
		let event = |subject| NewEvent {
			subject,
			biz_step: BizStep::Storing,
			disposition: Disposition::Active,
			read_point: None,
			when: START,
			sensor: None,
			epcis_hash: H256::repeat_byte(4),
			corrects: None,
		};
		let on_batch = Tracking::record_event(signed(MANUFACTURER), event(EventSubject::Batch(id)));
		assert_eq!(actual(on_batch), Weights::record_event(1));
		let on_two =
			Tracking::record_event(signed(MANUFACTURER), event(EventSubject::Shipment(two)));
		assert_eq!(actual(on_two), Weights::record_event(2));
		// What they declare up front is the largest shipment's.
		let lines = <Test as Config>::MaxShipmentLines::get();
		let packs = <Test as Config>::MaxShipmentSerials::get();
		let declared = Call::<Test>::receive { shipment: small, counted: counts(&[2]) };
		assert_eq!(declared.get_dispatch_info().weight, Weights::receive(lines, packs));
		let declared = Call::<Test>::record_event { event: event(EventSubject::Batch(id)) };
		assert_eq!(declared.get_dispatch_info().weight, Weights::record_event(lines));
	});
}
