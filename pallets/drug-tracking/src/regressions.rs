//! Regression tests for the holes found by reading the pallet as an attacker (issue 16,
//! items 1–5, and item 9's unpaid storage). Each uses only calls and errors the pallet had before the fix, so each was
//! run against the unfixed pallet and failed there; `tests.rs` checks the fixed behaviour
//! in detail (named errors, events, deposits).

use crate::{mock::*, *};
use frame_support::assert_ok;
use medchain_primitives::participants::{mock::MockParticipants, Role};
use sp_core::H256;
use sp_runtime::DispatchResult;

const GTIN: u64 = 10_614_141_000_415;
const EXPIRY: ExpiryDate = 271_231;
const COLD: TemperatureRange = TemperatureRange { min: 20, max: 80 };

fn text<const N: u32>(
	s: &str,
) -> frame_support::BoundedVec<u8, frame_support::traits::ConstU32<N>> {
	s.as_bytes().to_vec().try_into().expect("test text fits")
}

fn serial(n: u32) -> SerialNumber {
	text(&alloc::format!("SN{n:04}"))
}

fn signed(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn serials(range: core::ops::Range<u32>) -> SerialsOf<Test> {
	range.map(serial).collect::<Vec<_>>().try_into().unwrap()
}

/// A product stored at 2–8 °C and a batch of `quantity` units with the first `named`
/// serials commissioned.
fn batch(quantity: u32, named: u32) -> BatchId {
	assert_ok!(Tracking::register_product(
		signed(MANUFACTURER),
		GTIN,
		None,
		H256::repeat_byte(1),
		DosageForm::Injection,
		COLD
	));
	assert_ok!(Tracking::create_batch(
		signed(MANUFACTURER),
		GTIN,
		text("LOT-A1"),
		EXPIRY,
		quantity
	));
	let id = batch_id(Gtin::new(GTIN).unwrap(), &text("LOT-A1"));
	if named > 0 {
		assert_ok!(Tracking::commission_serials(signed(MANUFACTURER), id, serials(0..named)));
	}
	id
}

fn ship(
	from: u64,
	to: u64,
	id: BatchId,
	quantity: u32,
	arrival: Moment,
	range: TemperatureRange,
) -> DispatchResult {
	let lines = alloc::vec![ShipmentLine { batch: id, quantity }].try_into().unwrap();
	Tracking::ship(signed(from), to, None, lines, Default::default(), arrival, range)
}

fn storage_root() -> Vec<u8> {
	sp_io::storage::root(sp_runtime::StateVersion::V1)
}

/// Item 1: one registered handler with no custody of a batch scans packs it read from
/// storage. Nothing it does alone freezes them.
#[test]
fn a_stranger_alone_cannot_freeze_packs_by_scanning() {
	run(|| {
		// As many packs as the mock lets a batch have reported (MAX_REPORTED).
		batch(10, 4);
		for n in 0..4 {
			assert_ok!(Tracking::scan(signed(HOSPITAL), GTIN, serial(n), text("LOT-A1"), EXPIRY));
		}
		for n in 0..4 {
			let verdict = Tracking::verify_pack(GTIN, &serial(n), &text("LOT-A1"), EXPIRY, START);
			assert_eq!(verdict, Verdict::Authentic, "pack {n} was frozen by one stranger");
		}
		// The manufacturer still ships them by name.
		let lines = alloc::vec![ShipmentLine {
			batch: batch_id(Gtin::new(GTIN).unwrap(), &text("LOT-A1")),
			quantity: 4
		}];
		let packs: Vec<PackId> =
			(0..4).map(|n| PackId { gtin: Gtin::new(GTIN).unwrap(), serial: serial(n) }).collect();
		assert_ok!(Tracking::ship(
			signed(MANUFACTURER),
			WHOLESALER,
			None,
			lines.try_into().unwrap(),
			packs.try_into().unwrap(),
			START + DAY,
			COLD
		));
	});
}

/// Item 2: another hold authority cannot release a hold it did not place.
#[test]
fn another_hold_authority_cannot_release_a_hold() {
	run(|| {
		let subject = HoldSubject::Batch(batch(10, 0));
		MockParticipants::set(HOLD_AUTHORITY + 100, &[Role::HoldAuthority], None);
		assert_ok!(Tracking::place_hold(signed(HOLD_AUTHORITY), subject, H256::repeat_byte(1)));
		let other = Tracking::release_hold(signed(HOLD_AUTHORITY + 100), subject, H256::zero());
		assert!(other.is_err() && Tracking::is_held(subject), "another authority released it");
	});
}

/// Item 2: a regulator cannot lift a contract's hold with a plain release (bypassing the
/// contract's two-signer release).
#[test]
fn a_regulator_cannot_release_a_contracts_hold() {
	run(|| {
		let subject = HoldSubject::Batch(batch(10, 0));
		assert_ok!(Tracking::place_hold(signed(HOLD_AUTHORITY), subject, H256::repeat_byte(1)));
		let lifted = Tracking::release_hold(signed(REGULATOR), subject, H256::zero());
		assert!(lifted.is_err() && Tracking::is_held(subject), "a regulator lifted it");
	});
}

/// Item 2: a contract's release never lifts a hold someone else placed.
#[test]
fn a_contracts_release_never_lifts_a_regulators_hold() {
	run(|| {
		let subject = HoldSubject::Batch(batch(10, 0));
		assert_ok!(Tracking::place_hold(signed(REGULATOR), subject, H256::repeat_byte(2)));
		let lifted = Tracking::release_hold(signed(HOLD_AUTHORITY), subject, H256::zero());
		assert!(lifted.is_err() && Tracking::is_held(subject), "a contract lifted it");
	});
}

/// Item 3: a suspended manufacturer commissions nothing.
#[test]
fn a_suspended_manufacturer_commissions_no_serials() {
	run(|| {
		let id = batch(10, 0);
		MockParticipants::set_suspended(MANUFACTURER, true);
		let before = storage_root();
		assert!(Tracking::commission_serials(signed(MANUFACTURER), id, serials(0..2)).is_err());
		assert_eq!(storage_root(), before, "a suspended manufacturer minted serials");
	});
}

/// Item 3: serials name only units the manufacturer still holds without one (serials for
/// units shipped away broke the invariants).
#[test]
fn serials_are_commissioned_only_for_unnamed_units_in_hand() {
	run(|| {
		let id = batch(10, 0);
		// 8 of 10 units shipped away: only 2 may still get serial numbers.
		assert_ok!(ship(MANUFACTURER, WHOLESALER, id, 8, START + DAY, COLD));
		let before = storage_root();
		assert!(Tracking::commission_serials(signed(MANUFACTURER), id, serials(0..3)).is_err());
		assert_eq!(storage_root(), before, "serials were commissioned for units shipped away");
		assert_ok!(Tracking::commission_serials(signed(MANUFACTURER), id, serials(0..2)));
		// Both are named now: none is left for another serial.
		assert!(Tracking::commission_serials(signed(MANUFACTURER), id, serials(2..3)).is_err());
	});
}

/// Item 4: a shipment's temperature range lies inside its product's storage range.
#[test]
fn shipment_temperatures_stay_inside_the_storage_range() {
	run(|| {
		let id = batch(10, 0);
		let wide = TemperatureRange { min: -400, max: 700 };
		assert!(ship(MANUFACTURER, WHOLESALER, id, 1, START + DAY, wide).is_err());
		let warmer = TemperatureRange { min: 20, max: 81 };
		assert!(ship(MANUFACTURER, WHOLESALER, id, 1, START + DAY, warmer).is_err());
		let narrower = TemperatureRange { min: 30, max: 70 };
		assert_ok!(ship(MANUFACTURER, WHOLESALER, id, 1, START + DAY, narrower));
	});
}

/// Item 4: a shipment's expected arrival is within the longest transit.
#[test]
fn expected_arrivals_stay_within_the_longest_transit() {
	run(|| {
		let id = batch(10, 0);
		let century = START + 100 * 365 * DAY;
		assert!(ship(MANUFACTURER, WHOLESALER, id, 1, century, COLD).is_err());
		// Inside both bounds it ships.
		let narrower = TemperatureRange { min: 30, max: 70 };
		assert_ok!(ship(MANUFACTURER, WHOLESALER, id, 1, START + 7 * DAY, narrower));
	});
}

/// Item 5: a correction names only the corrector's own event.
#[test]
fn only_the_recorder_corrects_an_event() {
	run(|| {
		let id = batch(10, 0);
		let event = |corrects| NewEvent {
			subject: EventSubject::Batch(id),
			biz_step: BizStep::Inspecting,
			disposition: Disposition::Active,
			read_point: None,
			when: START,
			sensor: None,
			epcis_hash: H256::repeat_byte(3),
			corrects,
		};
		assert_ok!(Tracking::record_event(signed(MANUFACTURER), event(None)));
		assert!(Tracking::record_event(signed(REGULATOR), event(Some(0))).is_err());
		assert_ok!(Tracking::record_event(signed(MANUFACTURER), event(Some(0))));
	});
}

/// Item 5: a suspended receiver neither receives nor rejects.
#[test]
fn a_suspended_receiver_neither_receives_nor_rejects() {
	run(|| {
		let id = batch(10, 0);
		assert_ok!(ship(MANUFACTURER, WHOLESALER, id, 2, START + DAY, COLD));
		assert_ok!(ship(MANUFACTURER, WHOLESALER, id, 2, START + DAY, COLD));
		MockParticipants::set_suspended(WHOLESALER, true);
		assert!(
			Tracking::receive(signed(WHOLESALER), 0, alloc::vec![2].try_into().unwrap()).is_err()
		);
		assert!(Tracking::reject(signed(WHOLESALER), 1, H256::zero()).is_err());
		MockParticipants::set_suspended(WHOLESALER, false);
		assert_ok!(Tracking::receive(signed(WHOLESALER), 0, alloc::vec![2].try_into().unwrap()));
	});
}

fn held(who: u64) -> u64 {
	use frame_support::traits::fungible::InspectHold;
	Balances::balance_on_hold(&HoldReason::StorageDeposit.into(), &who)
}

/// Item 9: a receiver's new holding of a batch is stored for it, so it pays for it.
#[test]
fn a_receiver_pays_for_the_holding_it_gains() {
	run(|| {
		let id = batch(10, 0);
		assert_ok!(ship(MANUFACTURER, WHOLESALER, id, 4, START + DAY, COLD));
		assert_eq!(held(WHOLESALER), 0);
		let counted = alloc::vec![4].try_into().unwrap();
		assert_ok!(Tracking::receive(signed(WHOLESALER), 0, counted));
		assert!(held(WHOLESALER) > 0, "the wholesaler's new holding is not paid for");
	});
}

/// Item 9: a hold on a batch (its record and its trail step) is paid for by its placer,
/// and the trail steps of placing and releasing it stay paid for after the release.
#[test]
fn a_batch_hold_and_its_release_are_paid_for_by_the_placer() {
	run(|| {
		let id = batch(10, 0);
		let subject = HoldSubject::Batch(id);
		assert_ok!(Tracking::place_hold(signed(HOLD_AUTHORITY), subject, H256::zero()));
		let while_held = held(HOLD_AUTHORITY);
		assert!(while_held > 0, "a hold is stored for free");
		assert_ok!(Tracking::release_hold(signed(HOLD_AUTHORITY), subject, H256::zero()));
		let after = held(HOLD_AUTHORITY);
		assert!(after > 0, "the hold's trail steps are stored for free");
		assert!(after < while_held, "the released hold's record is still paid for");
	});
}

/// Item 9: a hold on a shipment is paid for while it stands, and only while it stands.
#[test]
fn a_shipment_hold_is_paid_for_while_it_stands() {
	run(|| {
		let id = batch(10, 0);
		assert_ok!(ship(MANUFACTURER, WHOLESALER, id, 4, START + DAY, COLD));
		let subject = HoldSubject::Shipment(0);
		assert_ok!(Tracking::place_hold(signed(HOLD_AUTHORITY), subject, H256::zero()));
		assert!(held(HOLD_AUTHORITY) > 0, "a shipment hold is stored for free");
		assert_ok!(Tracking::release_hold(signed(HOLD_AUTHORITY), subject, H256::zero()));
		assert_eq!(held(HOLD_AUTHORITY), 0);
	});
}

/// Item 9: a regulator's recall adds a step to the batch's trail: the regulator pays for it.
#[test]
fn a_regulators_recall_pays_for_its_trail_step() {
	run(|| {
		let id = batch(10, 0);
		assert_ok!(Tracking::recall(signed(REGULATOR), id, RecallClass::ClassII, H256::zero()));
		assert!(held(REGULATOR) > 0, "the recall's trail step is stored for free");
	});
}
