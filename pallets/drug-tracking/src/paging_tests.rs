//! Issue 16, item 12: `batch_history` and `batch_holders` come a page at a time. A page holds
//! at most `limit` items (clamped to `1..=MAX_PAGE`), its `next` takes the walk on without
//! skipping or repeating anything, and is none exactly when nothing is left.
//!
//! What the pages should hold is read from storage directly (`Trail`, `Stock`), never
//! written out here, so the tests check the paging and not a copy of the chain's history.

use crate::{mock::*, *};
use frame_support::{assert_ok, traits::fungible::Mutate};
use medchain_primitives::{
	paging::MAX_PAGE,
	participants::{mock::MockParticipants, Role},
};
use sp_core::H256;

const GTIN: u64 = 10_614_141_000_415;
const EXPIRY: ExpiryDate = 271_231;
const COLD: TemperatureRange = TemperatureRange { min: 20, max: 80 };
/// The first of the pharmacies a test ships to.
const FIRST_PHARMACY: u64 = 1_000;

fn signed(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

/// A batch the manufacturer sends one unit of to each of `pharmacies` new pharmacies (each
/// shipment received), anchoring an EPCIS event on the batch after every third, so that its
/// trail has `1 + 2 * pharmacies + pharmacies / 3` steps and it has `pharmacies + 1` holders.
fn batch_sent_to(pharmacies: u32) -> BatchId {
	let lot: Lot = b"LOT-PAGES".to_vec().try_into().expect("short");
	assert_ok!(Tracking::register_product(
		signed(MANUFACTURER),
		GTIN,
		None,
		H256::repeat_byte(1),
		DosageForm::Tablet,
		COLD
	));
	assert_ok!(Tracking::create_batch(
		signed(MANUFACTURER),
		GTIN,
		lot.clone(),
		EXPIRY,
		pharmacies + 10
	));
	let id = batch_id(Gtin::new(GTIN).expect("a GTIN"), &lot);
	for n in 0..pharmacies {
		let pharmacy = FIRST_PHARMACY + u64::from(n);
		MockParticipants::set(pharmacy, &[Role::Pharmacy], None);
		// Funds for whatever receiving costs the pharmacy (deposits for its stock).
		assert_ok!(Balances::mint_into(&pharmacy, FUNDS));
		let shipment = NextShipmentId::<Test>::get();
		let lines: LinesOf<Test> =
			vec![ShipmentLine { batch: id, quantity: 1 }].try_into().expect("one line");
		assert_ok!(Tracking::ship(
			signed(MANUFACTURER),
			pharmacy,
			None,
			lines,
			Default::default(),
			START + DAY,
			COLD
		));
		assert_ok!(Tracking::receive(signed(pharmacy), shipment, vec![1].try_into().unwrap()));
		if n % 3 == 2 {
			let event = NewEvent {
				subject: EventSubject::Batch(id),
				biz_step: BizStep::Inspecting,
				disposition: Disposition::SellableAccessible,
				read_point: None,
				when: START,
				sensor: None,
				epcis_hash: H256::repeat_byte(n as u8),
				corrects: None,
			};
			assert_ok!(Tracking::record_event(signed(MANUFACTURER), event));
		}
	}
	id
}

/// The whole trail, as stored.
fn stored_trail(id: BatchId) -> Vec<TrailEntryOf<Test>> {
	(0..TrailLength::<Test>::get(id)).filter_map(|step| Trail::<Test>::get(id, step)).collect()
}

/// Every holder, as stored, in storage order.
fn stored_holders(id: BatchId) -> Vec<(u64, u32)> {
	Stock::<Test>::iter_prefix(id).map(|(who, holding)| (who, holding.units)).collect()
}

fn history(id: BatchId, from: Option<u32>, limit: u32) -> BatchHistoryPageOf<Test> {
	Tracking::batch_history(id, from, limit).expect("a batch")
}

fn holders(id: BatchId, after: Option<u64>, limit: u32) -> HoldersPageOf<Test> {
	Tracking::batch_holders(id, after, limit).expect("a batch")
}

/// The events a trail's steps name, in the steps' order, as stored.
fn events_named(trail: &[TrailEntryOf<Test>]) -> Vec<(EventId, EventOf<Test>)> {
	trail
		.iter()
		.filter_map(|entry| match entry {
			TrailEntry::Event { event } => Some((*event, Events::<Test>::get(event)?)),
			_ => None,
		})
		.collect()
}

#[test]
fn history_pages_walk_the_trail_in_order_without_gaps_or_repeats() {
	run(|| {
		let id = batch_sent_to(12);
		let trail = stored_trail(id);
		// 1 + 2 × 12 + 4: not a multiple of the page size, so the last page is short.
		assert_eq!(trail.len(), 29);

		let first = history(id, None, 5);
		assert_eq!(first.trail, trail[..5]);
		assert_eq!(first.next, Some(5));
		assert_eq!(first.steps, 29);
		assert_eq!(first.batch, Batches::<Test>::get(id).expect("stored"));
		assert!(!first.on_hold);

		// A page in the middle starts where it is asked to, with the events of its steps only.
		let middle = history(id, Some(10), 5);
		assert_eq!(middle.trail, trail[10..15]);
		assert_eq!(middle.events, events_named(&middle.trail));
		assert!(!middle.events.is_empty(), "steps 10..15 include an event (after the 3rd sale)");
		assert_eq!(middle.next, Some(15));

		// Walking from the start with each page's `next` gives the trail once, in order.
		let (mut walked, mut events, mut from, mut pages) = (Vec::new(), Vec::new(), None, 0);
		loop {
			let page = history(id, from, 5);
			assert!(page.trail.len() <= 5, "a page holds at most its limit");
			assert_eq!(page.events, events_named(&page.trail));
			walked.extend(page.trail);
			events.extend(page.events);
			pages += 1;
			// A cursor that does not move on fails here instead of looping.
			assert!(pages <= trail.len(), "the walk ends");
			match page.next {
				Some(next) => from = Some(next),
				None => break,
			}
		}
		assert_eq!(pages, 6);
		assert_eq!(walked, trail);
		assert_eq!(events, events_named(&trail));
		assert_eq!(events.len(), 4);

		// The last page is the short one, and says so.
		let last = history(id, Some(25), 5);
		assert_eq!((last.trail.len(), last.next), (4, None));
	});
}

#[test]
fn a_history_page_ending_exactly_at_the_trail_end_is_the_last() {
	run(|| {
		let id = batch_sent_to(3);
		let trail = stored_trail(id);
		// 1 + 2 × 3 + 1 steps.
		assert_eq!(trail.len(), 8);
		let page = history(id, Some(4), 4);
		assert_eq!((page.trail.as_slice(), page.next), (&trail[4..], None));
		let whole = history(id, None, 8);
		assert_eq!((whole.trail, whole.next), (trail.clone(), None));
		// One short of the end leaves one more page, of one step.
		let short = history(id, None, 7);
		assert_eq!(short.next, Some(7));
		assert_eq!(history(id, short.next, 7).trail, trail[7..]);
	});
}

#[test]
fn a_history_limit_is_clamped_to_one_and_the_maximum() {
	run(|| {
		// 1 + 2 × 55 + 18 = 129 steps: more than one page of the maximum.
		let id = batch_sent_to(55);
		let trail = stored_trail(id);
		assert!(trail.len() > MAX_PAGE as usize);

		let most = history(id, None, u32::MAX);
		assert_eq!(most.trail, trail[..MAX_PAGE as usize]);
		assert_eq!(most.next, Some(MAX_PAGE));
		assert_eq!(history(id, None, MAX_PAGE + 1).trail.len(), MAX_PAGE as usize);
		let rest = history(id, most.next, u32::MAX);
		assert_eq!((rest.trail.as_slice(), rest.next), (&trail[MAX_PAGE as usize..], None));

		// A limit of none gets one step, so a walk always moves on.
		let one = history(id, None, 0);
		assert_eq!((one.trail.as_slice(), one.next), (&trail[..1], Some(1)));
	});
}

#[test]
fn a_history_cursor_past_the_end_gives_an_empty_last_page() {
	run(|| {
		let id = batch_sent_to(2);
		let steps = TrailLength::<Test>::get(id);
		for from in [steps, steps + 1, u32::MAX] {
			let page = history(id, Some(from), 10);
			assert!(page.trail.is_empty() && page.events.is_empty(), "from {from}");
			assert_eq!((page.next, page.steps), (None, steps));
		}
		// No batch, no history.
		assert_eq!(Tracking::batch_history([7; 32], None, 10), None);
		assert_eq!(Tracking::batch_holders([7; 32], None, 10), None);
	});
}

#[test]
fn every_history_page_tells_whether_the_batch_is_held() {
	run(|| {
		let id = batch_sent_to(3);
		assert_ok!(Tracking::place_hold(signed(REGULATOR), HoldSubject::Batch(id), H256::zero()));
		let steps = TrailLength::<Test>::get(id);
		// The hold is the trail's last step; a page before it knows of the hold all the same.
		assert!(matches!(
			Trail::<Test>::get(id, steps - 1),
			Some(TrailEntry::HoldPlaced { by: REGULATOR, .. })
		));
		assert!(history(id, None, 1).on_hold);
		assert!(history(id, Some(steps), 1).on_hold);
	});
}

#[test]
fn holder_pages_list_every_holder_once() {
	run(|| {
		let id = batch_sent_to(12);
		let all = stored_holders(id);
		assert_eq!(all.len(), 13);

		let first = holders(id, None, 5);
		assert_eq!(first.items, all[..5]);
		// The cursor is the last holder listed.
		assert_eq!(first.next, Some(all[4].0));
		let middle = holders(id, first.next, 5);
		assert_eq!(middle.items, all[5..10]);
		assert_eq!(middle.next, Some(all[9].0));
		let last = holders(id, middle.next, 5);
		assert_eq!((last.items.as_slice(), last.next), (&all[10..], None));

		// Exactly at the end: the page that takes the last holder is the last.
		let boundary = holders(id, Some(all[7].0), 5);
		assert_eq!((boundary.items.as_slice(), boundary.next), (&all[8..], None));
		let whole = holders(id, None, 13);
		assert_eq!((whole.items, whole.next), (all.clone(), None));
		// Past the end: after the last holder there is nothing.
		let after_last = holders(id, Some(all[12].0), 5);
		assert_eq!((after_last.items, after_last.next), (vec![], None));
	});
}

#[test]
fn a_holder_cursor_goes_on_after_its_holder_has_sold_out() {
	run(|| {
		let id = batch_sent_to(6);
		let all = stored_holders(id);
		// A pharmacy in the middle of the listing (at most one holder is the manufacturer).
		let k = (1..all.len() - 1).find(|k| all[*k].0 != MANUFACTURER).expect("a pharmacy");
		let first = holders(id, None, k as u32 + 1);
		let cursor = first.next.expect("more holders");
		assert_eq!(cursor, all[k].0);

		// The pharmacy sends its one unit back and holds none: its stock entry is gone.
		let shipment = NextShipmentId::<Test>::get();
		let lines: LinesOf<Test> =
			vec![ShipmentLine { batch: id, quantity: 1 }].try_into().expect("one line");
		assert_ok!(Tracking::ship(
			signed(cursor),
			MANUFACTURER,
			None,
			lines,
			Default::default(),
			START + DAY,
			COLD
		));
		assert_ok!(Tracking::receive(signed(MANUFACTURER), shipment, vec![1].try_into().unwrap()));
		assert!(!Stock::<Test>::contains_key(id, cursor));

		// Its cursor still takes the walk on after where it was listed.
		let rest = holders(id, Some(cursor), 10);
		assert_eq!(rest.items, stored_holders(id)[k..]);
		assert_eq!(rest.items.first(), all.get(k + 1));
		assert_eq!(rest.next, None);
	});
}

#[test]
fn a_holder_limit_is_clamped_to_one_and_the_maximum() {
	run(|| {
		let id = batch_sent_to(MAX_PAGE + 5);
		let all = stored_holders(id);
		assert_eq!(all.len(), MAX_PAGE as usize + 6);

		let most = holders(id, None, u32::MAX);
		assert_eq!(most.items, all[..MAX_PAGE as usize]);
		assert_eq!(most.next, Some(all[MAX_PAGE as usize - 1].0));
		let rest = holders(id, most.next, u32::MAX);
		assert_eq!((rest.items.as_slice(), rest.next), (&all[MAX_PAGE as usize..], None));

		let one = holders(id, None, 0);
		assert_eq!((one.items.as_slice(), one.next), (&all[..1], Some(all[0].0)));
	});
}
