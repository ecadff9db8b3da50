//! Benchmarks of every call, and of `verify_pack` for the chain extension, each at its most
//! expensive. Commissioning is linear in the serials given; shipping, receiving and
//! rejecting in the lines and named packs (every line short and late, every holding new);
//! recording an event in the batches whose trails it joins; retiring in the records it
//! removes (packs, the costliest kind).

use super::*;
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	Get,
};
use frame_system::RawOrigin;
use medchain_primitives::participants::Role;
use sp_core::H256;
use sp_runtime::traits::Saturating;

/// The chain's time during the benchmarks: 2026-01-01.
const NOW: Moment = 1_767_225_600_000;
/// GS1's example GTIN-14.
const GTIN: u64 = 10_614_141_000_415;
const EXPIRY: ExpiryDate = 271_231;
const COLD: TemperatureRange = TemperatureRange { min: 20, max: 80 };

fn participant<T: Config>(name: &'static str, role: Role) -> T::AccountId {
	let who: T::AccountId = account(name, 0, 0);
	let plenty = T::Currency::minimum_balance().saturating_mul(1_000_000_000u32.into());
	T::Currency::set_balance(&who, plenty);
	T::BenchmarkHelper::register(&who, &[role]);
	who
}

fn gtin() -> Gtin {
	Gtin::new(GTIN).expect("GS1's example GTIN is valid")
}

fn text<const N: u32>(
	prefix: &str,
	n: u32,
) -> frame_support::BoundedVec<u8, frame_support::traits::ConstU32<N>> {
	// The longest allowed text costs the most to hash and store: pad the number with zeros.
	let width = N as usize - prefix.len();
	let bytes = alloc::format!("{prefix}{n:0width$}").into_bytes();
	bytes.try_into().expect("padded to the bound")
}

fn lot(n: u32) -> Lot {
	text("LOT", n)
}

fn serial(n: u32) -> SerialNumber {
	text("SN", n)
}

/// A manufacturer with a registered product.
fn manufacturer<T: Config>() -> T::AccountId {
	T::BenchmarkHelper::set_time(NOW);
	let who = participant::<T>("manufacturer", Role::Manufacturer);
	Pallet::<T>::do_register_product(
		who.clone(),
		GTIN,
		Some(b"0002-3227-30".to_vec().try_into().expect("short")),
		H256::repeat_byte(1),
		DosageForm::Injection,
		COLD,
	)
	.expect("a manufacturer registers a product");
	who
}

/// A batch that `authority` (a regulator) held and `regulator` lifted the hold of, unnoted:
/// the setup of the benchmarks that read or act on an override.
fn overridden_batch_hold<T: Config>() -> (HoldSubject, T::AccountId, T::AccountId) {
	let who = manufacturer::<T>();
	let batch = make_batch::<T>(&who, 0, 10, 0);
	let authority = participant::<T>("authority", Role::Regulator);
	let regulator = participant::<T>("regulator", Role::Regulator);
	let subject = HoldSubject::Batch(batch);
	Pallet::<T>::do_place_hold(authority.clone(), subject, H256::zero()).expect("a hold");
	Pallet::<T>::do_override_hold(regulator.clone(), subject, H256::repeat_byte(8))
		.expect("overridden");
	(subject, authority, regulator)
}

/// Batch `n` of `quantity` units with `serials` serials commissioned.
fn make_batch<T: Config>(who: &T::AccountId, n: u32, quantity: u32, serials: u32) -> BatchId {
	let id = Pallet::<T>::do_create_batch(who.clone(), GTIN, lot(n), EXPIRY, quantity)
		.expect("a new batch");
	let mut left = serials;
	let mut next = n * 100_000;
	while left > 0 {
		let count = left.min(T::MaxSerialsPerCall::get());
		let numbers: alloc::vec::Vec<SerialNumber> = (next..next + count).map(serial).collect();
		Pallet::<T>::do_commission(who.clone(), id, numbers.try_into().expect("within a call"))
			.expect("room for serials");
		next += count;
		left -= count;
	}
	id
}

/// To `receiver` by tomorrow, cold, through `carrier`.
fn route<T: Config>(receiver: T::AccountId, carrier: Option<T::AccountId>) -> RouteOf<T> {
	Route { receiver, carrier, expected_arrival: NOW + 1, temperature: COLD }
}

/// The largest shipment: every line and every pack named.
fn largest_shipment<T: Config>() -> (T::AccountId, T::AccountId, ShipmentId) {
	shipment_of::<T>(T::MaxShipmentLines::get(), T::MaxShipmentSerials::get())
}

/// A shipment of `lines` lines (batch `i` carries 10 units, all the sender has of it, so that
/// a rejection gives it a new holding of each) and `packs` packs named (in batch 0). Returns
/// the sender, receiver and shipment.
fn shipment_of<T: Config>(lines: u32, packs: u32) -> (T::AccountId, T::AccountId, ShipmentId) {
	let sender = manufacturer::<T>();
	let receiver = participant::<T>("wholesaler", Role::Wholesaler);
	let lines: alloc::vec::Vec<ShipmentLine> = (0..lines)
		.map(|i| {
			let serials = if i == 0 { packs } else { 0 };
			let quantity = 10 + serials;
			ShipmentLine { batch: make_batch::<T>(&sender, i, quantity, serials), quantity }
		})
		.collect();
	let named: alloc::vec::Vec<PackId> =
		(0..packs).map(|n| PackId { gtin: gtin(), serial: serial(n) }).collect();
	let carrier = participant::<T>("carrier", Role::Carrier);
	let id = Pallet::<T>::do_ship(
		sender.clone(),
		route::<T>(receiver.clone(), Some(carrier)),
		lines.try_into().expect("every line fits"),
		named.try_into().expect("every pack fits"),
	)
	.expect("the sender holds it all");
	(sender, receiver, id)
}

/// A pharmacy holding units of a batch, serial 0 received by name.
fn pharmacy_with_stock<T: Config>() -> (T::AccountId, BatchId) {
	let sender = manufacturer::<T>();
	let pharmacy = participant::<T>("pharmacy", Role::Pharmacy);
	let batch = make_batch::<T>(&sender, 0, 10, 1);
	let lines = alloc::vec![ShipmentLine { batch, quantity: 5 }];
	let packs = alloc::vec![PackId { gtin: gtin(), serial: serial(0) }];
	let shipment = Pallet::<T>::do_ship(
		sender,
		route::<T>(pharmacy.clone(), None),
		lines.try_into().expect("one line"),
		packs.try_into().expect("one pack"),
	)
	.expect("shippable");
	Pallet::<T>::do_receive(
		pharmacy.clone(),
		shipment,
		alloc::vec![5].try_into().expect("one count"),
	)
	.expect("receivable");
	(pharmacy, batch)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_product() {
		T::BenchmarkHelper::set_time(NOW);
		let who = participant::<T>("manufacturer", Role::Manufacturer);
		let ndc: Ndc = b"0002-3227-30".to_vec().try_into().expect("short");

		#[extrinsic_call]
		_(RawOrigin::Signed(who), GTIN, Some(ndc), H256::repeat_byte(1), DosageForm::Tablet, COLD);

		assert!(Products::<T>::contains_key(gtin()));
	}

	#[benchmark]
	fn create_batch() {
		let who = manufacturer::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(who), GTIN, lot(0), EXPIRY, 1_000);

		assert!(Batches::<T>::contains_key(batch_id(gtin(), &lot(0))));
	}

	#[benchmark]
	fn commission_serials(n: Linear<1, { T::MaxSerialsPerCall::get() }>) {
		let who = manufacturer::<T>();
		let batch = make_batch::<T>(&who, 0, n, 0);
		let numbers: alloc::vec::Vec<SerialNumber> = (0..n).map(serial).collect();

		#[extrinsic_call]
		_(RawOrigin::Signed(who), batch, numbers.try_into().expect("within a call"));

		assert_eq!(Batches::<T>::get(batch).map(|b| b.commissioned), Some(n));
	}

	#[benchmark]
	fn ship(
		l: Linear<1, { T::MaxShipmentLines::get() }>,
		s: Linear<0, { T::MaxShipmentSerials::get() }>,
	) {
		let sender = manufacturer::<T>();
		let receiver = participant::<T>("wholesaler", Role::Wholesaler);
		let carrier = participant::<T>("carrier", Role::Carrier);
		let lines: alloc::vec::Vec<ShipmentLine> = (0..l)
			.map(|i| {
				let serials = if i == 0 { s } else { 0 };
				let quantity = 10 + serials;
				ShipmentLine { batch: make_batch::<T>(&sender, i, quantity, serials), quantity }
			})
			.collect();
		let named: alloc::vec::Vec<PackId> =
			(0..s).map(|n| PackId { gtin: gtin(), serial: serial(n) }).collect();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(sender),
			receiver,
			Some(carrier),
			lines.try_into().expect("every line fits"),
			named.try_into().expect("every pack fits"),
			NOW + 1,
			COLD,
		);

		assert_eq!(NextShipmentId::<T>::get(), 1);
	}

	#[benchmark]
	fn receive(
		l: Linear<1, { T::MaxShipmentLines::get() }>,
		s: Linear<0, { T::MaxShipmentSerials::get() }>,
	) {
		let (_, receiver, shipment) = shipment_of::<T>(l, s);
		// Late, and one unit short on every line.
		T::BenchmarkHelper::set_time(NOW + 2);
		let counted: alloc::vec::Vec<u32> = Shipments::<T>::get(shipment)
			.expect("shipped")
			.lines
			.iter()
			.map(|l| l.quantity - 1)
			.collect();

		#[extrinsic_call]
		_(RawOrigin::Signed(receiver), shipment, counted.try_into().expect("one per line"));

		assert!(matches!(
			Shipments::<T>::get(shipment).map(|s| s.status),
			Some(ShipmentStatus::Received { late: true, short: true, .. })
		));
	}

	#[benchmark]
	fn reject(
		l: Linear<1, { T::MaxShipmentLines::get() }>,
		s: Linear<0, { T::MaxShipmentSerials::get() }>,
	) {
		let (_, receiver, shipment) = shipment_of::<T>(l, s);

		#[extrinsic_call]
		_(RawOrigin::Signed(receiver), shipment, H256::repeat_byte(3));

		assert!(matches!(
			Shipments::<T>::get(shipment).map(|s| s.status),
			Some(ShipmentStatus::Rejected { .. })
		));
	}

	/// An event on a shipment of `b` lines (it joins each line's trail), correcting another.
	#[benchmark]
	fn record_event(b: Linear<1, { T::MaxShipmentLines::get() }>) {
		let (sender, _, shipment) = shipment_of::<T>(b, T::MaxShipmentSerials::get());
		let event = |corrects| NewEvent {
			subject: EventSubject::Shipment(shipment),
			biz_step: BizStep::Transporting,
			disposition: Disposition::InTransit,
			read_point: Some(4_006_381_000_017),
			when: NOW,
			sensor: Some(SensorSummary { min: 20, max: 95, minutes_outside: 12 }),
			epcis_hash: H256::repeat_byte(9),
			corrects,
		};
		let (first, _) = Pallet::<T>::do_record_event(sender.clone(), event(None))
			.expect("the sender may record");

		#[extrinsic_call]
		_(RawOrigin::Signed(sender), event(Some(first)));

		assert_eq!(ShipmentEvents::<T>::get(shipment).len(), 2);
	}

	#[benchmark]
	fn decommission() {
		let (pharmacy, _) = pharmacy_with_stock::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(pharmacy), GTIN, serial(0), DecommissionReason::Dispensed);

		assert!(matches!(
			Serials::<T>::get(gtin(), serial(0)).map(|s| s.state),
			Some(SerialState::Decommissioned { .. })
		));
	}

	#[benchmark]
	fn reverse_decommission() {
		let (pharmacy, _) = pharmacy_with_stock::<T>();
		Pallet::<T>::do_decommission(
			pharmacy.clone(),
			GTIN,
			serial(0),
			DecommissionReason::Dispensed,
		)
		.expect("the pharmacy holds it");

		#[extrinsic_call]
		_(RawOrigin::Signed(pharmacy), GTIN, serial(0));

		assert_eq!(
			Serials::<T>::get(gtin(), serial(0)).map(|s| s.state),
			Some(SerialState::Active)
		);
	}

	/// A scan that corroborates a clone signal on a pack of the largest shipment in transit:
	/// it reads the shipment, stores the second report and freezes the pack, from a reporter
	/// with another report open (the deposit grows with them).
	#[benchmark]
	fn scan() {
		let (_, _, _) = largest_shipment::<T>();
		let first = participant::<T>("hospital", Role::Hospital);
		let second = participant::<T>("pharmacy", Role::Pharmacy);
		Pallet::<T>::do_scan(first, GTIN, serial(0), lot(0), EXPIRY).expect("a first report");
		Pallet::<T>::do_scan(second.clone(), GTIN, serial(1), lot(0), EXPIRY)
			.expect("another pack's report");

		#[extrinsic_call]
		_(RawOrigin::Signed(second), GTIN, serial(0), lot(0), EXPIRY);

		assert!(Serials::<T>::get(gtin(), serial(0)).is_some_and(|s| s.suspect.is_some()));
	}

	#[benchmark]
	fn recall() {
		let who = manufacturer::<T>();
		let batch = make_batch::<T>(&who, 0, 10, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(who), batch, RecallClass::ClassI, H256::repeat_byte(5));

		assert!(Batches::<T>::get(batch).is_some_and(|b| b.recall.is_some()));
	}

	// Holds are placed by regulators here: a hold authority is a contract account, which the
	// real registry refuses for a benchmark account, and both roles are one lookup.
	#[benchmark]
	fn place_hold() {
		let who = manufacturer::<T>();
		let batch = make_batch::<T>(&who, 0, 10, 0);
		let authority = participant::<T>("authority", Role::Regulator);

		#[extrinsic_call]
		_(RawOrigin::Signed(authority), HoldSubject::Batch(batch), H256::repeat_byte(6));

		assert!(Pallet::<T>::is_held(HoldSubject::Batch(batch)));
	}

	/// A hold on the largest shipment (reading it to check that it is in transit).
	#[benchmark]
	fn place_shipment_hold() {
		let (_, _, shipment) = largest_shipment::<T>();
		let authority = participant::<T>("authority", Role::Regulator);

		#[block]
		{
			Pallet::<T>::do_place_hold(
				authority.clone(),
				HoldSubject::Shipment(shipment),
				H256::repeat_byte(6),
			)
			.expect("a hold authority may hold a shipment in transit");
		}

		assert!(Pallet::<T>::is_held(HoldSubject::Shipment(shipment)));
	}

	/// The placer releases its own hold on a batch and takes note of a regulator's override
	/// of its earlier one (the override's deposit goes back).
	#[benchmark]
	fn release_hold() {
		let (subject, authority, _) = overridden_batch_hold::<T>();
		Pallet::<T>::do_place_hold(authority.clone(), subject, H256::zero()).expect("held again");

		#[extrinsic_call]
		_(RawOrigin::Signed(authority.clone()), subject, H256::repeat_byte(7));

		assert!(!Pallet::<T>::is_held(subject));
		assert!(!HoldOverrides::<T>::contains_key(subject, &authority));
	}

	/// A contract reads the hold on a subject and an unnoted override of its own earlier hold
	/// there: both entries exist (the most it reads).
	#[benchmark]
	fn hold_view() {
		let (subject, authority, regulator) = overridden_batch_hold::<T>();
		Pallet::<T>::do_place_hold(regulator.clone(), subject, H256::zero()).expect("held again");

		#[block]
		{
			Pallet::<T>::hold_view(subject, &authority);
		}

		let view = Pallet::<T>::hold_view(subject, &authority);
		assert_eq!(view.hold.map(|hold| hold.by), Some(regulator.clone()));
		assert_eq!(view.overridden.map(|(by, _)| by), Some(regulator));
	}

	/// A regulator lifts another's hold on a batch (joining its trail) that was overridden
	/// once already, unnoted (that override's deposit goes back).
	#[benchmark]
	fn override_hold() {
		let (subject, authority, regulator) = overridden_batch_hold::<T>();
		Pallet::<T>::do_place_hold(authority.clone(), subject, H256::zero()).expect("held again");

		#[extrinsic_call]
		_(RawOrigin::Signed(regulator), subject, H256::repeat_byte(9));

		assert!(!Pallet::<T>::is_held(subject));
		assert!(HoldOverrides::<T>::contains_key(subject, &authority));
	}

	/// A regulator clears a frozen pack with two open reports.
	#[benchmark]
	fn clear_suspect() {
		let (_, _) = pharmacy_with_stock::<T>();
		let first = participant::<T>("hospital", Role::Hospital);
		let second = participant::<T>("wholesaler", Role::Wholesaler);
		Pallet::<T>::do_scan(first, GTIN, serial(0), lot(0), EXPIRY).expect("a scan");
		Pallet::<T>::do_scan(second, GTIN, serial(0), lot(0), EXPIRY).expect("a second scan");
		let regulator = participant::<T>("regulator", Role::Regulator);

		#[extrinsic_call]
		_(RawOrigin::Signed(regulator), GTIN, serial(0));

		assert!(Serials::<T>::get(gtin(), serial(0)).is_some_and(|s| s.suspect.is_none()));
		assert_eq!(ReportedPacks::<T>::get(batch_id(gtin(), &lot(0))), 0);
	}

	/// A regulator freezes a pack on its one open report.
	#[benchmark]
	fn confirm_clone_report() {
		let (_, _) = pharmacy_with_stock::<T>();
		let stranger = participant::<T>("hospital", Role::Hospital);
		Pallet::<T>::do_scan(stranger, GTIN, serial(0), lot(0), EXPIRY).expect("a report");
		let regulator = participant::<T>("regulator", Role::Regulator);

		#[extrinsic_call]
		_(RawOrigin::Signed(regulator), GTIN, serial(0));

		assert!(Serials::<T>::get(gtin(), serial(0)).is_some_and(|s| s.suspect.is_some()));
	}

	/// A regulator clears `n` frozen packs of a batch, each with two reports.
	#[benchmark]
	fn clear_batch_suspects(n: Linear<1, { T::MaxReportedPacksPerBatch::get() }>) {
		let who = manufacturer::<T>();
		let batch = make_batch::<T>(&who, 0, n, n);
		let first = participant::<T>("hospital", Role::Hospital);
		let second = participant::<T>("wholesaler", Role::Wholesaler);
		for i in 0..n {
			for reporter in [&first, &second] {
				Pallet::<T>::do_scan(reporter.clone(), GTIN, serial(i), lot(0), EXPIRY)
					.expect("a report");
			}
		}
		assert_eq!(ReportedPacks::<T>::get(batch), n);
		let regulator = participant::<T>("regulator", Role::Regulator);

		#[extrinsic_call]
		_(RawOrigin::Signed(regulator), batch);

		assert_eq!(ReportedPacks::<T>::get(batch), 0);
		assert!(Serials::<T>::get(gtin(), serial(0)).is_some_and(|s| s.suspect.is_none()));
	}

	/// A whole retirement in one call, of a batch held by `n` parties besides its maker:
	/// each holding is removed and its deposit returned to a different account, the
	/// costliest record a retirement removes (a pack's deposit goes to the manufacturer,
	/// whose balance the call reads once). Besides them: the batch's record, its one trail
	/// step, its pack and the manufacturer's holding.
	#[benchmark]
	fn retire_batch(n: Linear<1, { T::MaxRetireItems::get().saturating_sub(6).max(1) }>) {
		let who = manufacturer::<T>();
		let batch = make_batch::<T>(&who, 0, n + 1, 1);
		// The holders' units as a shipment to each would have left them, seeded directly:
		// shipping to each would fill the trail, which the call would spend its budget on.
		let deposit = Pallet::<T>::holding_deposit();
		for i in 0..n {
			let holder: T::AccountId = account("holder", i, 0);
			let plenty = T::Currency::minimum_balance().saturating_mul(1_000_000_000u32.into());
			T::Currency::set_balance(&holder, plenty);
			Pallet::<T>::hold(&holder, deposit).expect("funded");
			Stock::<T>::insert(batch, &holder, Holding { units: 1, named: 0, deposit });
		}
		Stock::<T>::mutate(batch, &who, |held| {
			if let Some(held) = held {
				held.units = 1;
			}
		});
		let retirable = expiry_end(EXPIRY).expect("a valid expiry") + T::RetentionPeriod::get();
		T::BenchmarkHelper::set_time(retirable);
		let anyone = participant::<T>("pharmacy", Role::Pharmacy);

		#[extrinsic_call]
		_(RawOrigin::Signed(anyone), batch);

		assert!(matches!(
			RetiredBatches::<T>::get(batch).map(|r| r.state),
			Some(RetirementState::Done { .. })
		));
		assert!(Stock::<T>::iter_prefix(batch).next().is_none());
	}

	/// The verdict on a pack in transit: the pack, its batch, both holds are read.
	#[benchmark]
	fn verify_pack() {
		let (_, _, _) = largest_shipment::<T>();

		#[block]
		{
			Pallet::<T>::verify_pack(GTIN, &serial(0), &lot(0), EXPIRY, NOW);
		}

		assert_eq!(
			Pallet::<T>::verify_pack(GTIN, &serial(0), &lot(0), EXPIRY, NOW),
			Verdict::Authentic
		);
	}

	/// The chain extension's view of the largest shipment: every line's batch and every
	/// named pack are read.
	#[benchmark]
	fn shipment_summary() {
		let (_, _, shipment) = largest_shipment::<T>();

		#[block]
		{
			Pallet::<T>::shipment_summary(shipment);
		}

		let summary = Pallet::<T>::shipment_summary(shipment).expect("shipped");
		assert_eq!(summary.lines.len() as u32, T::MaxShipmentLines::get());
		assert_eq!(summary.suspect_packs, 0);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
