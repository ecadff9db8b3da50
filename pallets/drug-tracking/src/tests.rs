//! Unit tests: every call's success path and errors, the verdicts, clone detection, recalls,
//! holds and the reversal window. Each test runs the pallet's invariants when it ends.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold};
use medchain_primitives::paging::MAX_PAGE;
use medchain_primitives::participants::{mock::MockParticipants, Role};
use sp_core::H256;
use sp_runtime::{DispatchError, DispatchResult};

/// GS1's example GTIN-14.
pub(crate) const GTIN: u64 = 10_614_141_000_415;
/// A GTIN-13 with a valid check digit.
pub(crate) const OTHER_GTIN: u64 = 4_006_381_333_931;
/// 31 December 2027.
pub(crate) const EXPIRY: ExpiryDate = 271_231;
pub(crate) const COLD: TemperatureRange = TemperatureRange { min: 20, max: 80 };

pub(crate) fn text<const N: u32>(
	s: &str,
) -> frame_support::BoundedVec<u8, frame_support::traits::ConstU32<N>> {
	s.as_bytes().to_vec().try_into().expect("test text fits")
}

pub(crate) fn lot() -> Lot {
	text("LOT-A1")
}

pub(crate) fn serial(n: u32) -> SerialNumber {
	text(&alloc::format!("SN{n:04}"))
}

pub(crate) fn pack(n: u32) -> PackId {
	PackId { gtin: Gtin::new(GTIN).unwrap(), serial: serial(n) }
}

pub(crate) fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::Tracking(event) => Some(event),
			_ => None,
		})
		.collect()
}

pub(crate) fn last_event() -> Event<Test> {
	events().pop().expect("an event was emitted")
}

pub(crate) fn signed(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

pub(crate) fn register() {
	assert_ok!(Tracking::register_product(
		signed(MANUFACTURER),
		GTIN,
		Some(text("0002-3227-30")),
		H256::repeat_byte(1),
		DosageForm::Injection,
		COLD
	));
}

/// A product and a batch of `quantity` units with serials SN0000.. for the first `serials`.
pub(crate) fn batch(quantity: u32, serials: u32) -> BatchId {
	register();
	assert_ok!(Tracking::create_batch(signed(MANUFACTURER), GTIN, lot(), EXPIRY, quantity));
	let id = batch_id(Gtin::new(GTIN).unwrap(), &lot());
	if serials > 0 {
		let numbers: Vec<SerialNumber> = (0..serials).map(serial).collect();
		assert_ok!(Tracking::commission_serials(
			signed(MANUFACTURER),
			id,
			numbers.try_into().unwrap()
		));
	}
	id
}

pub(crate) fn lines(items: &[(BatchId, u32)]) -> LinesOf<Test> {
	items
		.iter()
		.map(|(batch, quantity)| ShipmentLine { batch: *batch, quantity: *quantity })
		.collect::<Vec<_>>()
		.try_into()
		.unwrap()
}

pub(crate) fn packs(numbers: &[u32]) -> PacksOf<Test> {
	numbers.iter().map(|n| pack(*n)).collect::<Vec<_>>().try_into().unwrap()
}

/// Ship and return the shipment's number.
pub(crate) fn ship(from: u64, to: u64, items: &[(BatchId, u32)], named: &[u32]) -> ShipmentId {
	let id = NextShipmentId::<Test>::get();
	assert_ok!(Tracking::ship(
		signed(from),
		to,
		Some(CARRIER),
		lines(items),
		packs(named),
		START + DAY,
		COLD
	));
	id
}

pub(crate) fn counts(items: &[u32]) -> CountsOf<Test> {
	items.to_vec().try_into().unwrap()
}

pub(crate) fn verify(n: u32) -> Verdict {
	Tracking::verify_pack(GTIN, &serial(n), &lot(), EXPIRY, Timestamp::now())
}

/// `record_event` with its fields spelled out.
#[allow(clippy::too_many_arguments)]
pub(crate) fn anchor(
	origin: RuntimeOrigin,
	subject: EventSubject,
	biz_step: BizStep,
	disposition: Disposition,
	read_point: Option<u64>,
	when: Moment,
	sensor: Option<SensorSummary>,
	epcis_hash: H256,
	corrects: Option<EventId>,
) -> sp_runtime::DispatchResult {
	let event =
		NewEvent { subject, biz_step, disposition, read_point, when, sensor, epcis_hash, corrects };
	Tracking::record_event(origin, event).map(|_| ()).map_err(|e| e.error)
}

pub(crate) fn held(who: u64) -> u64 {
	Balances::balance_on_hold(&HoldReason::StorageDeposit.into(), &who)
}

#[test]
fn expiry_dates_read_as_gs1_writes_them() {
	// The first moment after 31 Dec 2027 is 1 Jan 2028 00:00 UTC.
	assert_eq!(expiry_end(271_231), Some(1_830_297_600_000));
	// Day 00 is the month's last day; 2028 is a leap year.
	assert_eq!(expiry_end(280_200), expiry_end(280_229));
	assert_eq!(expiry_end(270_200), expiry_end(270_228));
	assert_eq!(expiry_end(270_229), None);
	assert_eq!(expiry_end(271_301), None);
	assert_eq!(expiry_end(1_271_231), None);
	assert!(is_ndc(b"0002-3227-30") && is_ndc(b"12345-678-90") && is_ndc(b"0002322730"));
	assert!(!is_ndc(b"0002-3227-3") && !is_ndc(b"00a2-3227-30"));
	assert!(is_gs1_text(b"LOT-A1/2") && !is_gs1_text(b"") && !is_gs1_text(b"LOT A1"));
}

#[test]
fn the_full_journey_from_manufacturer_to_patient() {
	run(|| {
		let id = batch(10, 4);
		assert_eq!(Tracking::units_held(&id, &MANUFACTURER), 10);
		assert_eq!(Batches::<Test>::get(id).map(|b| b.commissioned), Some(4));
		assert!(held(MANUFACTURER) > 0);

		// Manufacturer -> wholesaler: six units, two of them named.
		let first = ship(MANUFACTURER, WHOLESALER, &[(id, 6)], &[0, 1]);
		assert_eq!(
			last_event(),
			Event::Shipped {
				shipment: first,
				sender: MANUFACTURER,
				receiver: WHOLESALER,
				carrier: Some(CARRIER),
				expected_arrival: START + DAY
			}
		);
		assert_eq!(Tracking::units_held(&id, &MANUFACTURER), 4);
		assert_eq!(
			Serials::<Test>::get(pack(0).gtin, serial(0)).map(|s| s.state),
			Some(SerialState::InTransit(first))
		);
		// A carrier reports on it in transit.
		assert_ok!(anchor(
			signed(CARRIER),
			EventSubject::Shipment(first),
			BizStep::Transporting,
			Disposition::InTransit,
			Some(4_006_381_000_017),
			START + 1,
			Some(SensorSummary { min: 30, max: 75, minutes_outside: 0 }),
			H256::repeat_byte(9),
			None
		));
		assert_ok!(Tracking::receive(signed(WHOLESALER), first, counts(&[6])));
		assert_eq!(last_event(), Event::Received { shipment: first, receiver: WHOLESALER });
		assert_eq!(Tracking::units_held(&id, &WHOLESALER), 6);
		let named = Serials::<Test>::get(pack(0).gtin, serial(0)).unwrap();
		assert_eq!((named.state, named.custodian), (SerialState::Active, WHOLESALER));

		// Wholesaler -> pharmacy: four units.
		let second = ship(WHOLESALER, PHARMACY, &[(id, 4)], &[0]);
		assert_ok!(Tracking::receive(signed(PHARMACY), second, counts(&[4])));

		// The pharmacy verifies and dispenses a pack.
		assert_eq!(verify(0), Verdict::Authentic);
		assert_ok!(Tracking::decommission(
			signed(PHARMACY),
			GTIN,
			serial(0),
			DecommissionReason::Dispensed
		));
		assert_eq!(verify(0), Verdict::Decommissioned(DecommissionReason::Dispensed));
		assert_eq!(Tracking::units_held(&id, &PHARMACY), 3);

		// The trail tells who held it and when.
		let history = Tracking::batch_history(id, None, MAX_PAGE).expect("a batch");
		let steps: Vec<&str> = history
			.trail
			.iter()
			.map(|entry| match entry {
				TrailEntry::Created { .. } => "created",
				TrailEntry::Shipped { .. } => "shipped",
				TrailEntry::Received { .. } => "received",
				TrailEntry::Event { .. } => "event",
				_ => "other",
			})
			.collect();
		assert_eq!(steps, ["created", "shipped", "event", "received", "shipped", "received"]);
		assert_eq!(history.events.len(), 1);
		let mut holders = Tracking::batch_holders(id, None, MAX_PAGE).expect("a batch").items;
		holders.sort();
		assert_eq!(holders, vec![(MANUFACTURER, 4), (WHOLESALER, 2), (PHARMACY, 3)]);
		assert_eq!(Tracking::shipment_view(first).map(|v| v.events.len()), Some(1));
	});
}

#[test]
fn register_product_rejects_bad_input() {
	run(|| {
		let reg = |who, gtin, ndc: Option<Ndc>, storage| {
			Tracking::register_product(
				signed(who),
				gtin,
				ndc,
				H256::zero(),
				DosageForm::Tablet,
				storage,
			)
		};
		assert_noop!(reg(WHOLESALER, GTIN, None, COLD), Error::<Test>::NotAManufacturer);
		assert_noop!(reg(MANUFACTURER, GTIN + 1, None, COLD), Error::<Test>::InvalidGtin);
		assert_noop!(
			reg(MANUFACTURER, 100_000_000_000_000, None, COLD),
			Error::<Test>::InvalidGtin
		);
		assert_noop!(reg(MANUFACTURER, GTIN, Some(text("12-34")), COLD), Error::<Test>::InvalidNdc);
		assert_noop!(
			reg(MANUFACTURER, GTIN, None, TemperatureRange { min: 80, max: 20 }),
			Error::<Test>::InvalidTemperatureRange
		);
		assert_ok!(reg(MANUFACTURER, GTIN, None, COLD));
		assert_eq!(
			last_event(),
			Event::ProductRegistered { gtin: Gtin::new(GTIN).unwrap(), manufacturer: MANUFACTURER }
		);
		assert_noop!(reg(OTHER_MANUFACTURER, GTIN, None, COLD), Error::<Test>::ProductExists);
		MockParticipants::set(NOBODY, &[Role::Manufacturer], None);
		assert_noop!(reg(NOBODY, OTHER_GTIN, None, COLD), Error::<Test>::CannotHoldDeposit);
		assert_noop!(
			Tracking::register_product(
				RuntimeOrigin::none(),
				GTIN,
				None,
				H256::zero(),
				DosageForm::Tablet,
				COLD
			),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn batches_and_serials_reject_bad_input() {
	run(|| {
		register();
		let create = |who, gtin, lot: Lot, expiry, quantity| {
			Tracking::create_batch(signed(who), gtin, lot, expiry, quantity)
		};
		assert_noop!(
			create(MANUFACTURER, OTHER_GTIN, lot(), EXPIRY, 5),
			Error::<Test>::UnknownProduct
		);
		assert_noop!(
			create(OTHER_MANUFACTURER, GTIN, lot(), EXPIRY, 5),
			Error::<Test>::NotTheManufacturer
		);
		assert_noop!(create(WHOLESALER, GTIN, lot(), EXPIRY, 5), Error::<Test>::NotAManufacturer);
		assert_noop!(create(MANUFACTURER, GTIN, text(""), EXPIRY, 5), Error::<Test>::InvalidLot);
		assert_noop!(
			create(MANUFACTURER, GTIN, text("LOT A"), EXPIRY, 5),
			Error::<Test>::InvalidLot
		);
		assert_noop!(create(MANUFACTURER, GTIN, lot(), 271_232, 5), Error::<Test>::InvalidExpiry);
		assert_noop!(create(MANUFACTURER, GTIN, lot(), EXPIRY, 0), Error::<Test>::ZeroQuantity);
		assert_ok!(create(MANUFACTURER, GTIN, lot(), EXPIRY, 3));
		let id = batch_id(Gtin::new(GTIN).unwrap(), &lot());
		assert_eq!(
			last_event(),
			Event::BatchCreated {
				batch: id,
				gtin: Gtin::new(GTIN).unwrap(),
				lot: lot(),
				quantity: 3
			}
		);
		assert_noop!(create(MANUFACTURER, GTIN, lot(), EXPIRY, 3), Error::<Test>::BatchExists);

		let commission = |who, batch, numbers: Vec<SerialNumber>| {
			Tracking::commission_serials(signed(who), batch, numbers.try_into().unwrap())
		};
		assert_noop!(
			commission(MANUFACTURER, [7; 32], vec![serial(0)]),
			Error::<Test>::UnknownBatch
		);
		assert_noop!(
			commission(OTHER_MANUFACTURER, id, vec![serial(0)]),
			Error::<Test>::NotTheManufacturer
		);
		assert_noop!(
			commission(MANUFACTURER, id, vec![text("SN 1")]),
			Error::<Test>::InvalidSerial
		);
		assert_noop!(
			commission(MANUFACTURER, id, vec![serial(0), serial(0)]),
			Error::<Test>::DuplicateSerial
		);
		assert_noop!(
			commission(MANUFACTURER, id, vec![serial(0), serial(1), serial(2), serial(3)]),
			Error::<Test>::TooManySerials
		);
		assert_ok!(commission(MANUFACTURER, id, vec![serial(0), serial(1)]));
		assert_eq!(last_event(), Event::SerialsCommissioned { batch: id, count: 2 });
		assert_noop!(commission(MANUFACTURER, id, vec![serial(1)]), Error::<Test>::SerialExists);
		assert_noop!(
			Tracking::commission_serials(RuntimeOrigin::none(), id, Default::default()),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn ship_rejects_bad_input() {
	run(|| {
		let id = batch(5, 3);
		let try_ship = |from, to, items: &[(BatchId, u32)], named: &[u32], arrival| {
			Tracking::ship(signed(from), to, None, lines(items), packs(named), arrival, COLD)
		};
		let later = START + DAY;
		assert_noop!(
			try_ship(NOBODY, WHOLESALER, &[(id, 1)], &[], later),
			Error::<Test>::NotAParticipant
		);
		assert_noop!(
			try_ship(MANUFACTURER, NOBODY, &[(id, 1)], &[], later),
			Error::<Test>::ReceiverNotAParticipant
		);
		// Only a registered carrier can be named as one.
		assert_noop!(
			Tracking::ship(
				signed(MANUFACTURER),
				WHOLESALER,
				Some(PHARMACY),
				lines(&[(id, 1)]),
				packs(&[]),
				later,
				COLD
			),
			Error::<Test>::NotACarrier
		);
		assert_noop!(
			try_ship(MANUFACTURER, MANUFACTURER, &[(id, 1)], &[], later),
			Error::<Test>::ShipToSelf
		);
		assert_noop!(try_ship(MANUFACTURER, WHOLESALER, &[], &[], later), Error::<Test>::NoLines);
		assert_noop!(
			try_ship(MANUFACTURER, WHOLESALER, &[(id, 0)], &[], later),
			Error::<Test>::InvalidLine
		);
		assert_noop!(
			try_ship(MANUFACTURER, WHOLESALER, &[(id, 1), (id, 1)], &[], later),
			Error::<Test>::InvalidLine
		);
		assert_noop!(
			try_ship(MANUFACTURER, WHOLESALER, &[([7; 32], 1)], &[], later),
			Error::<Test>::UnknownBatch
		);
		assert_noop!(
			try_ship(MANUFACTURER, WHOLESALER, &[(id, 6)], &[], later),
			Error::<Test>::InsufficientStock
		);
		assert_noop!(
			try_ship(WHOLESALER, PHARMACY, &[(id, 1)], &[], later),
			Error::<Test>::InsufficientStock
		);
		assert_noop!(
			try_ship(MANUFACTURER, WHOLESALER, &[(id, 1)], &[0, 1], later),
			Error::<Test>::PackNotShippable
		);
		assert_noop!(
			try_ship(MANUFACTURER, WHOLESALER, &[(id, 2)], &[0, 0], later),
			Error::<Test>::PackNotShippable
		);
		assert_noop!(
			try_ship(MANUFACTURER, WHOLESALER, &[(id, 2)], &[7], later),
			Error::<Test>::UnknownSerial
		);
		assert_noop!(
			try_ship(MANUFACTURER, WHOLESALER, &[(id, 1)], &[], START),
			Error::<Test>::ArrivalInPast
		);
		assert_noop!(
			Tracking::ship(
				signed(MANUFACTURER),
				WHOLESALER,
				None,
				lines(&[(id, 1)]),
				packs(&[]),
				later,
				TemperatureRange { min: 1, max: 0 }
			),
			Error::<Test>::InvalidTemperatureRange
		);
		// A pack already in transit cannot go again.
		ship(MANUFACTURER, WHOLESALER, &[(id, 1)], &[0]);
		assert_noop!(
			try_ship(MANUFACTURER, PHARMACY, &[(id, 1)], &[0], later),
			Error::<Test>::PackNotShippable
		);
		assert_noop!(
			Tracking::ship(
				RuntimeOrigin::none(),
				WHOLESALER,
				None,
				lines(&[(id, 1)]),
				packs(&[]),
				later,
				COLD
			),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn short_and_late_receipts_are_recorded() {
	run(|| {
		let id = batch(10, 0);
		let shipment = ship(MANUFACTURER, WHOLESALER, &[(id, 6)], &[]);
		assert_noop!(
			Tracking::receive(signed(PHARMACY), shipment, counts(&[6])),
			Error::<Test>::NotTheReceiver
		);
		assert_noop!(
			Tracking::receive(signed(WHOLESALER), shipment, counts(&[7])),
			Error::<Test>::InvalidCounts
		);
		assert_noop!(
			Tracking::receive(signed(WHOLESALER), shipment, counts(&[6, 0])),
			Error::<Test>::InvalidCounts
		);
		assert_noop!(
			Tracking::receive(signed(WHOLESALER), 9, counts(&[6])),
			Error::<Test>::UnknownShipment
		);
		set_time(START + DAY + 1);
		assert_ok!(Tracking::receive(signed(WHOLESALER), shipment, counts(&[4])));
		let emitted = events();
		assert!(emitted.contains(&Event::QuantityMismatch {
			shipment,
			batch: id,
			shipped: 6,
			counted: 4
		}));
		assert!(emitted.contains(&Event::LateArrival {
			shipment,
			expected: START + DAY,
			arrived: START + DAY + 1
		}));
		assert_eq!(Tracking::units_held(&id, &WHOLESALER), 4);
		assert_eq!(Batches::<Test>::get(id).map(|b| b.missing), Some(2));
		assert_eq!(
			Shipments::<Test>::get(shipment).map(|s| s.status),
			Some(ShipmentStatus::Received { at: START + DAY + 1, late: true, short: true })
		);
		assert_noop!(
			Tracking::receive(signed(WHOLESALER), shipment, counts(&[4])),
			Error::<Test>::NotInTransit
		);
		assert_noop!(
			Tracking::receive(RuntimeOrigin::none(), shipment, counts(&[4])),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn a_rejected_shipment_goes_back_to_its_sender() {
	run(|| {
		let id = batch(5, 2);
		let shipment = ship(MANUFACTURER, WHOLESALER, &[(id, 3)], &[1]);
		assert_noop!(
			Tracking::reject(signed(PHARMACY), shipment, H256::zero()),
			Error::<Test>::NotTheReceiver
		);
		assert_ok!(Tracking::reject(signed(WHOLESALER), shipment, H256::repeat_byte(3)));
		assert_eq!(
			last_event(),
			Event::Rejected { shipment, receiver: WHOLESALER, reason_hash: H256::repeat_byte(3) }
		);
		assert_eq!(Tracking::units_held(&id, &MANUFACTURER), 5);
		assert_eq!(
			Serials::<Test>::get(pack(1).gtin, serial(1)).map(|s| (s.state, s.custodian)),
			Some((SerialState::Active, MANUFACTURER))
		);
		assert_noop!(
			Tracking::reject(signed(WHOLESALER), shipment, H256::zero()),
			Error::<Test>::NotInTransit
		);
		assert_noop!(
			Tracking::reject(RuntimeOrigin::none(), shipment, H256::zero()),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn verify_pack_gives_each_verdict() {
	run(|| {
		let id = batch(10, 5);
		assert_eq!(verify(0), Verdict::Authentic);
		assert_eq!(verify(9), Verdict::Unknown);
		assert_eq!(
			Tracking::verify_pack(GTIN + 1, &serial(0), &lot(), EXPIRY, START),
			Verdict::Unknown
		);
		assert_eq!(
			Tracking::verify_pack(GTIN, &serial(0), &text("LOT-B"), EXPIRY, START),
			Verdict::Mismatch
		);
		assert_eq!(
			Tracking::verify_pack(GTIN, &serial(0), &lot(), 271_130, START),
			Verdict::Mismatch
		);
		// Expired from the first moment after the expiry date.
		let end = expiry_end(EXPIRY).unwrap();
		assert_eq!(
			Tracking::verify_pack(GTIN, &serial(0), &lot(), EXPIRY, end - 1),
			Verdict::Authentic
		);
		assert_eq!(Tracking::verify_pack(GTIN, &serial(0), &lot(), EXPIRY, end), Verdict::Expired);
		// On hold: a pack on a held shipment, then every pack of a held batch.
		let shipment = ship(MANUFACTURER, WHOLESALER, &[(id, 1)], &[1]);
		assert_ok!(Tracking::place_hold(
			signed(HOLD_AUTHORITY),
			HoldSubject::Shipment(shipment),
			H256::zero()
		));
		assert_eq!(verify(1), Verdict::OnHold);
		assert_eq!(verify(2), Verdict::Authentic);
		assert_ok!(Tracking::place_hold(signed(REGULATOR), HoldSubject::Batch(id), H256::zero()));
		assert_eq!(verify(2), Verdict::OnHold);
		assert_ok!(Tracking::release_hold(signed(REGULATOR), HoldSubject::Batch(id), H256::zero()));
		assert_ok!(Tracking::release_hold(
			signed(HOLD_AUTHORITY),
			HoldSubject::Shipment(shipment),
			H256::zero()
		));
		assert_ok!(Tracking::receive(signed(WHOLESALER), shipment, counts(&[1])));
		// Decommissioned, then recalled (which outranks it).
		let to_pharmacy = ship(MANUFACTURER, PHARMACY, &[(id, 2)], &[3]);
		assert_ok!(Tracking::receive(signed(PHARMACY), to_pharmacy, counts(&[2])));
		assert_ok!(Tracking::decommission(
			signed(PHARMACY),
			GTIN,
			serial(3),
			DecommissionReason::Destroyed
		));
		assert_eq!(verify(3), Verdict::Decommissioned(DecommissionReason::Destroyed));
		assert_ok!(Tracking::recall(signed(MANUFACTURER), id, RecallClass::ClassII, H256::zero()));
		assert_eq!(verify(3), Verdict::Recalled);
		assert_eq!(verify(0), Verdict::Recalled);
	});
}

#[test]
fn clone_signals_make_a_pack_suspect_until_a_regulator_clears_it() {
	run(|| {
		let id = batch(10, 3);
		let to_pharmacy = ship(MANUFACTURER, PHARMACY, &[(id, 2)], &[0]);
		assert_ok!(Tracking::receive(signed(PHARMACY), to_pharmacy, counts(&[2])));

		// The holder scans: no signal.
		assert_ok!(Tracking::scan(signed(PHARMACY), GTIN, serial(0), lot(), EXPIRY));
		assert_eq!(
			last_event(),
			Event::Scanned {
				gtin: Gtin::new(GTIN).unwrap(),
				serial: serial(0),
				by: PHARMACY,
				verdict: Verdict::Authentic
			}
		);
		// A regulator inspects anywhere: no signal.
		assert_ok!(Tracking::scan(signed(REGULATOR), GTIN, serial(1), lot(), EXPIRY));
		assert_eq!(verify(1), Verdict::Authentic);

		// A hospital holding none of the batch scans a pack: it is somewhere else. The report
		// is recorded and the custodian and manufacturer told, but one stranger's word does
		// not freeze goods it does not hold.
		let gtin = Gtin::new(GTIN).unwrap();
		assert_ok!(Tracking::scan(signed(HOSPITAL), GTIN, serial(1), lot(), EXPIRY));
		assert!(events().contains(&Event::CloneReported {
			gtin,
			serial: serial(1),
			by: HOSPITAL,
			signal: CloneSignal::ScannedElsewhere,
			custodian: MANUFACTURER,
			manufacturer: MANUFACTURER,
			reports: 1
		}));
		assert_eq!(verify(1), Verdict::Authentic);
		let first_deposit = Tracking::report_deposit(0);
		assert_eq!(held(HOSPITAL), first_deposit);
		assert_eq!(OpenReports::<Test>::get(HOSPITAL), 1);
		// Scanning again counts once.
		assert_ok!(Tracking::scan(signed(HOSPITAL), GTIN, serial(1), lot(), EXPIRY));
		assert_eq!(CloneReports::<Test>::get(id, pack(1)).map(|r| r.len()), Some(1));
		assert_eq!(held(HOSPITAL), first_deposit);
		// Its next report costs more: twice the first.
		assert_ok!(Tracking::scan(signed(HOSPITAL), GTIN, serial(2), lot(), EXPIRY));
		assert_eq!(held(HOSPITAL), first_deposit * 3);
		assert_eq!(verify(2), Verdict::Authentic);

		// A second, independent party corroborates: now the pack is frozen.
		assert_ok!(Tracking::scan(signed(WHOLESALER), GTIN, serial(1), lot(), EXPIRY));
		assert!(events().contains(&Event::CloneReported {
			gtin,
			serial: serial(1),
			by: WHOLESALER,
			signal: CloneSignal::ScannedElsewhere,
			custodian: MANUFACTURER,
			manufacturer: MANUFACTURER,
			reports: 2
		}));
		assert!(events().contains(&Event::CloneSuspected {
			gtin,
			serial: serial(1),
			by: WHOLESALER,
			signal: CloneSignal::ScannedElsewhere
		}));
		assert_eq!(verify(1), Verdict::OnHold);
		assert_noop!(
			Tracking::ship(
				signed(MANUFACTURER),
				WHOLESALER,
				None,
				lines(&[(id, 1)]),
				packs(&[1]),
				START + DAY,
				COLD
			),
			Error::<Test>::OnHold
		);
		assert_noop!(
			Tracking::clear_suspect(signed(HOSPITAL), GTIN, serial(1)),
			Error::<Test>::NotARegulator
		);
		assert_ok!(Tracking::clear_suspect(signed(REGULATOR), GTIN, serial(1)));
		assert_eq!(verify(1), Verdict::Authentic);
		// The reports on it are closed and their deposits back; the other report stays open.
		assert_eq!(held(WHOLESALER), 0);
		assert_eq!(held(HOSPITAL), Tracking::report_deposit(1));
		assert_eq!(OpenReports::<Test>::get(HOSPITAL), 1);
		assert_noop!(
			Tracking::clear_suspect(signed(REGULATOR), GTIN, serial(1)),
			Error::<Test>::NotSuspect
		);
		// A regulator may confirm the lone report on pack 2, and clear it too.
		assert_noop!(
			Tracking::confirm_clone_report(signed(HOSPITAL), GTIN, serial(2)),
			Error::<Test>::NotARegulator
		);
		assert_noop!(
			Tracking::confirm_clone_report(signed(REGULATOR), GTIN, serial(1)),
			Error::<Test>::NoCloneReport
		);
		assert_ok!(Tracking::confirm_clone_report(signed(REGULATOR), GTIN, serial(2)));
		assert_eq!(
			last_event(),
			Event::CloneSuspected {
				gtin,
				serial: serial(2),
				by: REGULATOR,
				signal: CloneSignal::ScannedElsewhere
			}
		);
		assert_eq!(verify(2), Verdict::OnHold);
		assert_noop!(
			Tracking::confirm_clone_report(signed(REGULATOR), GTIN, serial(2)),
			Error::<Test>::AlreadySuspect
		);
		assert_ok!(Tracking::clear_suspect(signed(REGULATOR), GTIN, serial(2)));
		assert_eq!(held(HOSPITAL), 0);

		// A dispensed pack scanned again by someone holding units of its batch: the pack's
		// batch is in the scanner's hands, so its own signal freezes the pack at once.
		assert_ok!(Tracking::decommission(
			signed(PHARMACY),
			GTIN,
			serial(0),
			DecommissionReason::Dispensed
		));
		let to_wholesaler = ship(MANUFACTURER, WHOLESALER, &[(id, 1)], &[]);
		assert_ok!(Tracking::receive(signed(WHOLESALER), to_wholesaler, counts(&[1])));
		assert_ok!(Tracking::scan(signed(WHOLESALER), GTIN, serial(0), lot(), EXPIRY));
		assert_eq!(
			Serials::<Test>::get(pack(0).gtin, serial(0)).and_then(|s| s.suspect),
			Some(CloneSignal::ScannedAfterDecommission)
		);
		assert_noop!(
			Tracking::scan(signed(NOBODY), GTIN, serial(0), lot(), EXPIRY),
			Error::<Test>::NotAParticipant
		);
		assert_noop!(
			Tracking::scan(RuntimeOrigin::none(), GTIN, serial(0), lot(), EXPIRY),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn a_regulator_clears_a_batchs_reports_in_one_call_and_reports_are_bounded() {
	run(|| {
		let id = batch(10, 6);
		for n in 0..MAX_REPORTED {
			assert_ok!(Tracking::scan(signed(HOSPITAL), GTIN, serial(n), lot(), EXPIRY));
			assert_ok!(Tracking::scan(signed(WHOLESALER), GTIN, serial(n), lot(), EXPIRY));
			assert_eq!(verify(n), Verdict::OnHold);
		}
		assert_eq!(ReportedPacks::<Test>::get(id), MAX_REPORTED);
		// The batch keeps no more reported packs; the scan fails and changes nothing.
		assert_noop!(
			Tracking::scan(signed(HOSPITAL), GTIN, serial(MAX_REPORTED), lot(), EXPIRY),
			Error::<Test>::TooManyReports
		);
		// Deposits grew with each open report: 1 + 2 + 3 + 4 times the first.
		let n = u64::from(MAX_REPORTED);
		assert_eq!(held(HOSPITAL), Tracking::report_deposit(0) * n * (n + 1) / 2);
		assert_noop!(
			Tracking::clear_batch_suspects(signed(HOSPITAL), id),
			Error::<Test>::NotARegulator
		);
		assert_noop!(
			Tracking::clear_batch_suspects(signed(REGULATOR), [9; 32]),
			Error::<Test>::UnknownBatch
		);
		let info = Tracking::clear_batch_suspects(signed(REGULATOR), id).expect("cleared");
		assert_eq!(
			info.actual_weight,
			Some(<() as WeightInfo>::clear_batch_suspects(MAX_REPORTED))
		);
		assert_eq!(last_event(), Event::BatchSuspectsCleared { batch: id, packs: MAX_REPORTED });
		for n in 0..MAX_REPORTED {
			assert_eq!(verify(n), Verdict::Authentic);
		}
		assert_eq!((held(HOSPITAL), held(WHOLESALER)), (0, 0));
		assert_eq!(OpenReports::<Test>::get(HOSPITAL), 0);
		assert_noop!(
			Tracking::clear_batch_suspects(signed(REGULATOR), id),
			Error::<Test>::NotSuspect
		);
	});
}

#[test]
fn a_regulator_overrides_anothers_hold_openly_and_the_placer_takes_note() {
	run(|| {
		let id = batch(10, 0);
		let subject = HoldSubject::Batch(id);
		let reason = H256::repeat_byte(1);
		assert_ok!(Tracking::place_hold(signed(HOLD_AUTHORITY), subject, reason));
		assert_noop!(
			Tracking::release_hold(signed(REGULATOR), subject, H256::zero()),
			Error::<Test>::NotTheHoldPlacer
		);
		assert_eq!(
			Tracking::hold_refusal(Error::<Test>::NotTheHoldPlacer.into()),
			Some(HoldRefusal::NotYourHold)
		);
		assert_noop!(
			Tracking::override_hold(signed(HOLD_AUTHORITY), subject, H256::zero()),
			Error::<Test>::NotARegulator
		);
		assert_noop!(
			Tracking::override_hold(signed(REGULATOR), HoldSubject::Shipment(3), H256::zero()),
			Error::<Test>::NotHeld
		);
		assert_ok!(Tracking::override_hold(signed(REGULATOR), subject, H256::repeat_byte(2)));
		assert_eq!(
			last_event(),
			Event::HoldOverridden {
				subject,
				placed_by: HOLD_AUTHORITY,
				by: REGULATOR,
				reason_hash: H256::repeat_byte(2)
			}
		);
		assert!(!Tracking::is_held(subject));
		let record = HoldOverrides::<Test>::get(subject, HOLD_AUTHORITY).expect("kept");
		assert_eq!((record.placed_reason, record.by), (reason, REGULATOR));
		// The regulator pays for the override and for its step on the batch's trail.
		assert_eq!(held(REGULATOR), record.deposit + TrailDeposits::<Test>::get(id, REGULATOR));
		let trail = TrailLength::<Test>::get(id);
		assert_eq!(
			Trail::<Test>::get(id, trail - 1),
			Some(TrailEntry::HoldOverridden { by: REGULATOR, at: START })
		);

		// The regulator holds in its own name; the contract's release takes note of the
		// override and lifts nothing.
		assert_ok!(Tracking::place_hold(signed(REGULATOR), subject, H256::repeat_byte(3)));
		assert_noop!(
			Tracking::override_hold(signed(REGULATOR), subject, H256::zero()),
			Error::<Test>::OwnHold
		);
		assert_ok!(Tracking::release_hold(signed(HOLD_AUTHORITY), subject, H256::zero()));
		assert_eq!(
			last_event(),
			Event::HoldOverrideNoted { subject, placed_by: HOLD_AUTHORITY, by: REGULATOR }
		);
		assert!(Tracking::is_held(subject));
		// The override's deposit went back; the regulator's own hold and its trail steps
		// stay paid for.
		let own = Holds::<Test>::get(subject).expect("the regulator's hold").deposit;
		assert_eq!(held(REGULATOR), own + TrailDeposits::<Test>::get(id, REGULATOR));
		assert_noop!(
			Tracking::release_hold(signed(HOLD_AUTHORITY), subject, H256::zero()),
			Error::<Test>::NotTheHoldPlacer
		);
		// The regulator releases its own hold: only its trail steps stay paid for, until the
		// batch is retired.
		assert_ok!(Tracking::release_hold(signed(REGULATOR), subject, H256::zero()));
		assert_eq!(held(REGULATOR), TrailDeposits::<Test>::get(id, REGULATOR));
		assert_noop!(
			Tracking::release_hold(signed(REGULATOR), subject, H256::zero()),
			Error::<Test>::NotHeld
		);
	});
}

#[test]
fn commissioning_and_shipping_name_their_errors() {
	run(|| {
		let id = batch(10, 0);
		MockParticipants::set_suspended(MANUFACTURER, true);
		let numbers: Vec<SerialNumber> = (0..2).map(serial).collect();
		assert_noop!(
			Tracking::commission_serials(
				signed(MANUFACTURER),
				id,
				numbers.clone().try_into().unwrap()
			),
			Error::<Test>::NotAManufacturer
		);
		MockParticipants::set_suspended(MANUFACTURER, false);
		ship(MANUFACTURER, WHOLESALER, &[(id, 9)], &[]);
		assert_noop!(
			Tracking::commission_serials(signed(MANUFACTURER), id, numbers.try_into().unwrap()),
			Error::<Test>::NotEnoughUnnamedUnits
		);
		let route = |arrival, temperature| {
			Tracking::ship(
				signed(MANUFACTURER),
				PHARMACY,
				None,
				lines(&[(id, 1)]),
				packs(&[]),
				arrival,
				temperature,
			)
		};
		assert_noop!(
			route(START + DAY, TemperatureRange { min: 19, max: 80 }),
			Error::<Test>::OutsideStorageRange
		);
		assert_noop!(route(START + MAX_TRANSIT + 1, COLD), Error::<Test>::ArrivalTooFar);
		assert_ok!(route(START + MAX_TRANSIT, COLD));
	});
}

#[test]
fn a_recall_stops_a_batch() {
	run(|| {
		let id = batch(10, 2);
		let shipment = ship(MANUFACTURER, WHOLESALER, &[(id, 4)], &[]);
		assert_noop!(
			Tracking::recall(signed(OTHER_MANUFACTURER), id, RecallClass::ClassI, H256::zero()),
			Error::<Test>::NotAllowedToRecall
		);
		assert_noop!(
			Tracking::recall(signed(REGULATOR), [7; 32], RecallClass::ClassI, H256::zero()),
			Error::<Test>::UnknownBatch
		);
		assert_ok!(Tracking::recall(
			signed(REGULATOR),
			id,
			RecallClass::ClassI,
			H256::repeat_byte(5)
		));
		assert_eq!(
			last_event(),
			Event::BatchRecalled { batch: id, class: RecallClass::ClassI, by: REGULATOR }
		);
		assert_noop!(
			Tracking::recall(signed(MANUFACTURER), id, RecallClass::ClassI, H256::zero()),
			Error::<Test>::AlreadyRecalled
		);
		assert_eq!(verify(0), Verdict::Recalled);
		// It cannot be received as saleable, nor shipped; it can go back.
		assert_noop!(
			Tracking::receive(signed(WHOLESALER), shipment, counts(&[4])),
			Error::<Test>::BatchRecalled
		);
		assert_noop!(
			Tracking::ship(
				signed(MANUFACTURER),
				PHARMACY,
				None,
				lines(&[(id, 1)]),
				packs(&[]),
				START + DAY,
				COLD
			),
			Error::<Test>::BatchRecalled
		);
		assert_ok!(Tracking::reject(signed(WHOLESALER), shipment, H256::zero()));
		assert_noop!(
			Tracking::recall(RuntimeOrigin::none(), id, RecallClass::ClassI, H256::zero()),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn holds_block_shipping_receiving_and_dispensing() {
	run(|| {
		let id = batch(10, 3);
		let to_pharmacy = ship(MANUFACTURER, PHARMACY, &[(id, 3)], &[0]);
		let hold = |who, subject| Tracking::place_hold(signed(who), subject, H256::repeat_byte(4));
		assert_noop!(hold(MANUFACTURER, HoldSubject::Batch(id)), Error::<Test>::NotAHoldAuthority);
		assert_noop!(hold(REGULATOR, HoldSubject::Batch([7; 32])), Error::<Test>::UnknownBatch);
		assert_noop!(hold(REGULATOR, HoldSubject::Shipment(9)), Error::<Test>::UnknownShipment);

		// A held shipment cannot be received or refused.
		assert_ok!(hold(HOLD_AUTHORITY, HoldSubject::Shipment(to_pharmacy)));
		assert_eq!(
			last_event(),
			Event::HoldPlaced {
				subject: HoldSubject::Shipment(to_pharmacy),
				by: HOLD_AUTHORITY,
				reason_hash: H256::repeat_byte(4)
			}
		);
		assert_noop!(
			hold(REGULATOR, HoldSubject::Shipment(to_pharmacy)),
			Error::<Test>::AlreadyHeld
		);
		assert_noop!(
			Tracking::receive(signed(PHARMACY), to_pharmacy, counts(&[3])),
			Error::<Test>::OnHold
		);
		assert_noop!(
			Tracking::reject(signed(PHARMACY), to_pharmacy, H256::zero()),
			Error::<Test>::OnHold
		);
		assert_ok!(Tracking::release_hold(
			signed(HOLD_AUTHORITY),
			HoldSubject::Shipment(to_pharmacy),
			H256::repeat_byte(5)
		));
		assert_eq!(
			last_event(),
			Event::HoldReleased {
				subject: HoldSubject::Shipment(to_pharmacy),
				by: HOLD_AUTHORITY,
				resolution_hash: H256::repeat_byte(5)
			}
		);
		assert_ok!(Tracking::receive(signed(PHARMACY), to_pharmacy, counts(&[3])));

		// A held batch cannot be shipped or dispensed.
		assert_ok!(hold(REGULATOR, HoldSubject::Batch(id)));
		assert_noop!(
			Tracking::ship(
				signed(MANUFACTURER),
				WHOLESALER,
				None,
				lines(&[(id, 1)]),
				packs(&[]),
				START + DAY,
				COLD
			),
			Error::<Test>::OnHold
		);
		assert_noop!(
			Tracking::decommission(
				signed(PHARMACY),
				GTIN,
				serial(0),
				DecommissionReason::Dispensed
			),
			Error::<Test>::OnHold
		);
		assert_noop!(
			Tracking::release_hold(signed(PHARMACY), HoldSubject::Batch(id), H256::zero()),
			Error::<Test>::NotAHoldAuthority
		);
		assert_ok!(Tracking::release_hold(signed(REGULATOR), HoldSubject::Batch(id), H256::zero()));
		assert_noop!(
			Tracking::release_hold(signed(REGULATOR), HoldSubject::Batch(id), H256::zero()),
			Error::<Test>::NotHeld
		);
		assert_ok!(Tracking::decommission(
			signed(PHARMACY),
			GTIN,
			serial(0),
			DecommissionReason::Dispensed
		));
		let trail = Tracking::batch_history(id, None, MAX_PAGE).expect("a batch").trail;
		assert!(trail.iter().any(|e| matches!(e, TrailEntry::HoldPlaced { by: REGULATOR, .. })));
		assert!(trail.iter().any(|e| matches!(e, TrailEntry::HoldReleased { by: REGULATOR, .. })));
		assert_noop!(
			Tracking::place_hold(RuntimeOrigin::none(), HoldSubject::Batch(id), H256::zero()),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Tracking::release_hold(RuntimeOrigin::none(), HoldSubject::Batch(id), H256::zero()),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn decommissioning_and_its_reversal_window() {
	run(|| {
		let id = batch(10, 4);
		let to_pharmacy = ship(MANUFACTURER, PHARMACY, &[(id, 2)], &[0, 1]);
		let decommission =
			|who, n, reason| Tracking::decommission(signed(who), GTIN, serial(n), reason);
		assert_noop!(
			decommission(WHOLESALER, 0, DecommissionReason::Dispensed),
			Error::<Test>::NotADispenser
		);
		// Not received yet: the pharmacy holds none.
		assert_noop!(
			decommission(PHARMACY, 0, DecommissionReason::Dispensed),
			Error::<Test>::NotTheCustodian
		);
		assert_ok!(Tracking::receive(signed(PHARMACY), to_pharmacy, counts(&[2])));
		assert_noop!(
			Tracking::decommission(
				signed(PHARMACY),
				GTIN,
				serial(9),
				DecommissionReason::Dispensed
			),
			Error::<Test>::UnknownSerial
		);
		assert_ok!(decommission(PHARMACY, 0, DecommissionReason::Dispensed));
		assert_eq!(
			last_event(),
			Event::Decommissioned {
				gtin: Gtin::new(GTIN).unwrap(),
				serial: serial(0),
				reason: DecommissionReason::Dispensed
			}
		);
		assert_noop!(
			decommission(PHARMACY, 0, DecommissionReason::Dispensed),
			Error::<Test>::AlreadyDecommissioned
		);
		assert_eq!(Batches::<Test>::get(id).map(|b| b.decommissioned), Some(1));

		// Only the same party, only within the window.
		let reverse = |who, n| Tracking::reverse_decommission(signed(who), GTIN, serial(n));
		assert_noop!(reverse(HOSPITAL, 0), Error::<Test>::NotTheDecommissioner);
		assert_noop!(reverse(PHARMACY, 1), Error::<Test>::NotDecommissioned);
		set_time(START + WINDOW - 1);
		assert_ok!(reverse(PHARMACY, 0));
		assert_eq!(
			last_event(),
			Event::DecommissionReversed { gtin: Gtin::new(GTIN).unwrap(), serial: serial(0) }
		);
		assert_eq!(verify(0), Verdict::Authentic);
		assert_eq!(Tracking::units_held(&id, &PHARMACY), 2);
		assert_ok!(decommission(PHARMACY, 0, DecommissionReason::Dispensed));
		set_time(START + 2 * WINDOW - 1);
		assert_noop!(reverse(PHARMACY, 0), Error::<Test>::ReversalWindowOver);

		// A recalled pack may be destroyed, never dispensed.
		assert_ok!(Tracking::recall(signed(MANUFACTURER), id, RecallClass::ClassI, H256::zero()));
		assert_noop!(
			decommission(PHARMACY, 1, DecommissionReason::Dispensed),
			Error::<Test>::BatchRecalled
		);
		assert_ok!(decommission(PHARMACY, 1, DecommissionReason::Destroyed));
		assert_noop!(
			Tracking::decommission(
				RuntimeOrigin::none(),
				GTIN,
				serial(2),
				DecommissionReason::Dispensed
			),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Tracking::reverse_decommission(RuntimeOrigin::none(), GTIN, serial(1)),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn events_are_anchored_by_those_involved_and_corrected_never_edited() {
	run(|| {
		let id = batch(10, 0);
		let shipment = ship(MANUFACTURER, WHOLESALER, &[(id, 2)], &[]);
		let record = |who, subject, corrects, read_point| {
			anchor(
				signed(who),
				subject,
				BizStep::Inspecting,
				Disposition::Damaged,
				read_point,
				START,
				None,
				H256::repeat_byte(2),
				corrects,
			)
		};
		let on_shipment = EventSubject::Shipment(shipment);
		let on_batch = EventSubject::Batch(id);
		assert_noop!(record(PHARMACY, on_shipment, None, None), Error::<Test>::NotInvolved);
		assert_noop!(record(PHARMACY, on_batch, None, None), Error::<Test>::NotInvolved);
		assert_noop!(record(NOBODY, on_batch, None, None), Error::<Test>::NotAParticipant);
		assert_noop!(
			record(CARRIER, on_shipment, None, Some(4_006_381_000_018)),
			Error::<Test>::InvalidReadPoint
		);
		assert_noop!(
			record(CARRIER, EventSubject::Shipment(9), None, None),
			Error::<Test>::UnknownShipment
		);
		assert_ok!(record(CARRIER, on_shipment, None, None));
		// Only the carrier the sender named may: none was named on this one.
		let uncarried = NextShipmentId::<Test>::get();
		assert_ok!(Tracking::ship(
			signed(MANUFACTURER),
			WHOLESALER,
			None,
			lines(&[(id, 1)]),
			packs(&[]),
			START + DAY,
			COLD
		));
		assert_noop!(
			record(CARRIER, EventSubject::Shipment(uncarried), None, None),
			Error::<Test>::NotInvolved
		);
		assert_ok!(record(MANUFACTURER, on_batch, None, None));
		assert_noop!(
			record(MANUFACTURER, on_batch, Some(0), None),
			Error::<Test>::InvalidCorrection
		);
		assert_noop!(
			record(MANUFACTURER, on_batch, Some(5), None),
			Error::<Test>::InvalidCorrection
		);
		// Only the carrier, who recorded event 0, corrects it.
		assert_noop!(record(WHOLESALER, on_shipment, Some(0), None), Error::<Test>::NotTheRecorder);
		assert_ok!(record(CARRIER, on_shipment, Some(0), None));
		assert_eq!(
			last_event(),
			Event::EventRecorded { event: 2, subject: on_shipment, corrects: Some(0) }
		);
		assert_eq!(Events::<Test>::get(0).map(|e| e.corrects), Some(None));
		assert_ok!(record(REGULATOR, on_shipment, None, None));
		assert_noop!(record(MANUFACTURER, on_shipment, None, None), Error::<Test>::TooManyEvents);
		// Carriers report only while in transit.
		assert_ok!(Tracking::receive(signed(WHOLESALER), shipment, counts(&[2])));
		assert_noop!(
			record(CARRIER, EventSubject::Shipment(shipment), None, None),
			Error::<Test>::NotInvolved
		);
		assert!(held(CARRIER) > 0);
		assert_noop!(
			anchor(
				RuntimeOrigin::none(),
				on_batch,
				BizStep::Storing,
				Disposition::Active,
				None,
				START,
				None,
				H256::zero(),
				None
			),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn events_never_block_custody() {
	run(|| {
		let id = batch(10, 0);
		for _ in 0..40 {
			assert_ok!(anchor(
				signed(MANUFACTURER),
				EventSubject::Batch(id),
				BizStep::Storing,
				Disposition::SellableNotAccessible,
				None,
				START,
				None,
				H256::zero(),
				None
			));
		}
		let shipment = ship(MANUFACTURER, WHOLESALER, &[(id, 1)], &[]);
		assert_ok!(Tracking::receive(signed(WHOLESALER), shipment, counts(&[1])));
		assert_eq!(TrailLength::<Test>::get(id), 43);
	});
}

#[test]
fn packs_move_and_leave_by_name_only_with_their_custodian() {
	run(|| {
		let id = batch(10, 4);
		// The wholesaler holds units but not pack 1 by name: it cannot name it.
		let first = ship(MANUFACTURER, WHOLESALER, &[(id, 4)], &[0]);
		assert_noop!(
			Tracking::receive(signed(WHOLESALER), first, counts(&[0])),
			Error::<Test>::InvalidCounts
		);
		assert_ok!(Tracking::receive(signed(WHOLESALER), first, counts(&[4])));
		assert_noop!(
			Tracking::ship(
				signed(WHOLESALER),
				PHARMACY,
				None,
				lines(&[(id, 1)]),
				packs(&[1]),
				START + DAY,
				COLD
			),
			Error::<Test>::PackNotShippable
		);
		// The pharmacy receives units of the batch but not pack 2: it cannot dispense pack 2.
		let second = ship(WHOLESALER, PHARMACY, &[(id, 2)], &[0]);
		assert_ok!(Tracking::receive(signed(PHARMACY), second, counts(&[2])));
		assert_noop!(
			Tracking::decommission(signed(PHARMACY), GTIN, serial(2), DecommissionReason::Stolen),
			Error::<Test>::NotTheCustodian
		);
		assert_ok!(Tracking::decommission(
			signed(PHARMACY),
			GTIN,
			serial(0),
			DecommissionReason::Dispensed
		));
	});
}

#[test]
fn expired_packs_are_not_dispensed_and_expired_batches_not_made() {
	run(|| {
		let id = batch(10, 1);
		let to_pharmacy = ship(MANUFACTURER, PHARMACY, &[(id, 2)], &[0]);
		assert_ok!(Tracking::receive(signed(PHARMACY), to_pharmacy, counts(&[2])));
		set_time(expiry_end(EXPIRY).unwrap());
		assert_eq!(verify(0), Verdict::Expired);
		assert_noop!(
			Tracking::decommission(
				signed(PHARMACY),
				GTIN,
				serial(0),
				DecommissionReason::Dispensed
			),
			Error::<Test>::Expired
		);
		assert_ok!(Tracking::decommission(
			signed(PHARMACY),
			GTIN,
			serial(0),
			DecommissionReason::Destroyed
		));
		assert_noop!(
			Tracking::create_batch(signed(MANUFACTURER), GTIN, text("LOT-OLD"), EXPIRY, 5),
			Error::<Test>::InvalidExpiry
		);
	});
}

#[test]
fn only_handlers_raise_clone_signals_and_only_for_faithful_copies() {
	run(|| {
		batch(10, 2);
		// A hospital scanning a pack with the wrong lot: Mismatch, but no signal.
		assert_ok!(Tracking::scan(signed(HOSPITAL), GTIN, serial(0), text("LOT-X"), EXPIRY));
		assert_eq!(verify(0), Verdict::Authentic);
		// A carrier or regulator scanning anywhere: no signal.
		assert_ok!(Tracking::scan(signed(CARRIER), GTIN, serial(0), lot(), EXPIRY));
		assert_ok!(Tracking::scan(signed(REGULATOR), GTIN, serial(0), lot(), EXPIRY));
		assert_eq!(verify(0), Verdict::Authentic);
		assert!(!events().iter().any(|e| matches!(e, Event::CloneSuspected { .. })));
	});
}

#[test]
fn only_shipments_in_transit_can_be_held() {
	run(|| {
		let id = batch(10, 0);
		let shipment = ship(MANUFACTURER, WHOLESALER, &[(id, 1)], &[]);
		assert_ok!(Tracking::receive(signed(WHOLESALER), shipment, counts(&[1])));
		assert_noop!(
			Tracking::place_hold(signed(REGULATOR), HoldSubject::Shipment(shipment), H256::zero()),
			Error::<Test>::NotInTransit
		);
	});
}

#[test]
fn contracts_see_a_shipment_summary_and_named_hold_refusals() {
	run(|| {
		let id = batch(10, 2);
		let shipment = ship(MANUFACTURER, WHOLESALER, &[(id, 4)], &[0, 1]);
		let summary = Tracking::shipment_summary(shipment).expect("shipped");
		assert_eq!(
			(summary.sender, summary.receiver, summary.carrier),
			(MANUFACTURER, WHOLESALER, Some(CARRIER))
		);
		assert_eq!(
			summary.lines,
			vec![LineSummary {
				batch: id,
				manufacturer: MANUFACTURER,
				quantity: 4,
				counted: None,
				recalled: false
			}]
		);
		assert_eq!((summary.shipped_at, summary.expected_arrival), (START, START + DAY));
		assert_eq!((summary.temperature, summary.state), (COLD, ShipmentState::InTransit));
		assert_eq!((summary.on_hold, summary.suspect_packs), (false, 0));
		assert_eq!(Tracking::shipment_summary(shipment + 1), None);

		// The receiver inspects a pack on arrival: no signal. Two strangers scan one: a
		// corroborated clone signal. Then the batch is recalled.
		assert_ok!(Tracking::scan(signed(WHOLESALER), GTIN, serial(1), lot(), EXPIRY));
		assert_eq!(Tracking::shipment_summary(shipment).map(|s| s.suspect_packs), Some(0));
		assert_ok!(Tracking::scan(signed(PHARMACY), GTIN, serial(0), lot(), EXPIRY));
		assert_eq!(Tracking::shipment_summary(shipment).map(|s| s.suspect_packs), Some(0));
		assert_ok!(Tracking::scan(signed(HOSPITAL), GTIN, serial(0), lot(), EXPIRY));
		assert_ok!(Tracking::recall(
			signed(MANUFACTURER),
			id,
			RecallClass::ClassII,
			H256::repeat_byte(3)
		));
		let on_hold = HoldSubject::Shipment(shipment);
		assert_ok!(Tracking::do_place_hold(HOLD_AUTHORITY, on_hold, H256::zero()));
		let summary = Tracking::shipment_summary(shipment).expect("shipped");
		assert_eq!((summary.on_hold, summary.suspect_packs), (true, 1));
		assert!(summary.lines[0].recalled);

		// What the pallet refuses, named for a contract; a missing authority is not one.
		let refusal = |result: DispatchResult| result.err().and_then(Tracking::hold_refusal);
		let none = H256::zero();
		assert_eq!(
			refusal(Tracking::do_place_hold(HOLD_AUTHORITY, on_hold, none)),
			Some(HoldRefusal::AlreadyHeld)
		);
		assert_eq!(
			refusal(Tracking::do_place_hold(HOLD_AUTHORITY, HoldSubject::Shipment(9), none)),
			Some(HoldRefusal::UnknownSubject)
		);
		assert_eq!(
			refusal(Tracking::do_place_hold(HOLD_AUTHORITY, HoldSubject::Batch([7; 32]), none)),
			Some(HoldRefusal::UnknownSubject)
		);
		assert_eq!(
			refusal(Tracking::do_release_hold(HOLD_AUTHORITY, HoldSubject::Batch(id), none)),
			Some(HoldRefusal::NotHeld)
		);
		assert_eq!(refusal(Tracking::do_place_hold(PHARMACY, HoldSubject::Batch(id), none)), None);

		// Rejected, it cannot be held; the summary shows it.
		assert_ok!(Tracking::do_release_hold(HOLD_AUTHORITY, on_hold, none));
		assert_ok!(Tracking::reject(signed(WHOLESALER), shipment, H256::zero()));
		assert_eq!(
			Tracking::shipment_summary(shipment).map(|s| s.state),
			Some(ShipmentState::Rejected { at: START })
		);
		assert_eq!(
			refusal(Tracking::do_place_hold(HOLD_AUTHORITY, on_hold, none)),
			Some(HoldRefusal::NotInTransit)
		);
	});
}

/// `scripts/test.sh` runs the pallets' tests with overflow checks (and says so by setting
/// `MEDCHAIN_OVERFLOW_CHECKS`): there, an arithmetic overflow must fail a test.
#[test]
fn arithmetic_overflow_fails_a_test_where_checks_are_on() {
	if option_env!("MEDCHAIN_OVERFLOW_CHECKS").is_none() {
		return;
	}
	let overflowed = std::panic::catch_unwind(|| core::hint::black_box(u32::MAX) + 1);
	assert!(overflowed.is_err(), "u32::MAX + 1 wrapped: overflow checks are off");
}
