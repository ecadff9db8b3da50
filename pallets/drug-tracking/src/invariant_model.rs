//! A property test: random sequences of calls, by random participants, dispatched as the
//! chain dispatches them (each in its own storage transaction), never break the pallet's
//! invariants, whether each call succeeds or fails.

use crate::{mock::*, *};
use frame_support::{assert_ok, traits::UnfilteredDispatchable};
use proptest::prelude::*;
use sp_core::H256;

const GTIN: u64 = 10_614_141_000_415;
const EXPIRY: ExpiryDate = 271_231;
const COLD: TemperatureRange = TemperatureRange { min: 20, max: 80 };
const PEOPLE: [u64; 7] =
	[MANUFACTURER, WHOLESALER, PHARMACY, HOSPITAL, CARRIER, REGULATOR, HOLD_AUTHORITY];

#[derive(Clone, Debug)]
enum Op {
	Ship { from: usize, to: usize, lot: u8, quantity: u32, packs: Vec<u8> },
	Receive { by: usize, shipment: u8, short: u32 },
	Reject { by: usize, shipment: u8 },
	Decommission { by: usize, pack: u8, dispensed: bool },
	Reverse { by: usize, pack: u8 },
	Scan { by: usize, pack: u8 },
	Recall { by: usize, lot: u8 },
	Hold { by: usize, shipment: Option<u8>, lot: u8 },
	Release { by: usize, shipment: Option<u8>, lot: u8 },
	Event { by: usize, shipment: Option<u8>, lot: u8 },
	Wait { days: u8 },
}

fn an_op() -> impl Strategy<Value = Op> {
	let who = 0usize..16;
	prop_oneof![
		4 => (0usize..16, who.clone(), 0u8..2, 0u32..6, prop::collection::vec(0u8..6, 0..3))
			.prop_map(|(from, to, lot, quantity, packs)| Op::Ship { from, to, lot, quantity, packs }),
		4 => (who.clone(), 0u8..6, 0u32..3).prop_map(|(by, shipment, short)| Op::Receive { by, shipment, short }),
		1 => (who.clone(), 0u8..6).prop_map(|(by, shipment)| Op::Reject { by, shipment }),
		2 => (who.clone(), 0u8..6, any::<bool>()).prop_map(|(by, pack, dispensed)| Op::Decommission { by, pack, dispensed }),
		1 => (who.clone(), 0u8..6).prop_map(|(by, pack)| Op::Reverse { by, pack }),
		1 => (who.clone(), 0u8..6).prop_map(|(by, pack)| Op::Scan { by, pack }),
		1 => (who.clone(), 0u8..2).prop_map(|(by, lot)| Op::Recall { by, lot }),
		1 => (who.clone(), prop::option::of(0u8..6), 0u8..2).prop_map(|(by, shipment, lot)| Op::Hold { by, shipment, lot }),
		1 => (who.clone(), prop::option::of(0u8..6), 0u8..2).prop_map(|(by, shipment, lot)| Op::Release { by, shipment, lot }),
		1 => (who.clone(), prop::option::of(0u8..6), 0u8..2).prop_map(|(by, shipment, lot)| Op::Event { by, shipment, lot }),
		1 => (1u8..12).prop_map(|days| Op::Wait { days }),
	]
}

fn lot(n: u8) -> Lot {
	alloc::format!("LOT{n}").into_bytes().try_into().expect("short")
}

fn batch(n: u8) -> BatchId {
	batch_id(Gtin::new(GTIN).expect("valid"), &lot(n))
}

/// Packs 0..6: the first three of lot 0, the next three of lot 1.
fn pack(n: u8) -> (u8, SerialNumber) {
	(n / 3, alloc::format!("SN{n}").into_bytes().try_into().expect("short"))
}

fn subject(shipment: Option<u8>, lot: u8) -> HoldSubject {
	shipment.map_or(HoldSubject::Batch(batch(lot)), |s| HoldSubject::Shipment(s.into()))
}

/// Mostly the party who can act (so that most calls succeed and state moves on), sometimes
/// anyone (so that refusals are exercised too).
fn pick(candidates: &[u64], index: usize) -> u64 {
	if index % 4 == 3 || candidates.is_empty() {
		PEOPLE[index % PEOPLE.len()]
	} else {
		candidates[index % candidates.len()]
	}
}

/// Shipments in transit, oldest first.
fn in_transit() -> Vec<(ShipmentId, ShipmentOf<Test>)> {
	let mut found: Vec<_> =
		Shipments::<Test>::iter().filter(|(_, s)| s.status == ShipmentStatus::InTransit).collect();
	found.sort_by_key(|(id, _)| *id);
	found
}

fn shipment_pick(index: u8) -> (ShipmentId, Option<ShipmentOf<Test>>) {
	let open = in_transit();
	match open.get(usize::from(index) % open.len().max(1)) {
		Some((id, shipment)) => (*id, Some(shipment.clone())),
		None => (index.into(), None),
	}
}

fn call(op: &Op) -> (u64, Call<Test>) {
	match op.clone() {
		Op::Ship { from, to, lot: l, quantity, packs } => {
			let holders: Vec<u64> =
				Stock::<Test>::iter_prefix(batch(l)).map(|(who, _)| who).collect();
			let sender = pick(&holders, from);
			let held = Stock::<Test>::get(batch(l), sender).max(1);
			let mut receiver = PEOPLE[to % PEOPLE.len()];
			if receiver == sender {
				receiver = PEOPLE[(to + 1) % PEOPLE.len()];
			}
			let named: Vec<PackId> = packs
				.iter()
				.map(|n| PackId {
					gtin: Gtin::new(GTIN).expect("valid"),
					serial: pack(n % 3 + 3 * l).1,
				})
				.collect();
			(
				sender,
				Call::ship {
					receiver,
					carrier: Some(CARRIER),
					lines: alloc::vec![ShipmentLine {
						batch: batch(l),
						quantity: 1 + quantity % held
					}]
					.try_into()
					.expect("one line"),
					packs: named.try_into().expect("few packs"),
					expected_arrival: Timestamp::now() + DAY,
					temperature: COLD,
				},
			)
		}
		Op::Receive { by, shipment, short } => {
			let (id, found) = shipment_pick(shipment);
			let counted: Vec<u32> = found
				.as_ref()
				.map(|s| s.lines.iter().map(|l| l.quantity.saturating_sub(short)).collect())
				.unwrap_or_else(|| alloc::vec![1]);
			let receiver: Vec<u64> = found.map(|s| s.receiver).into_iter().collect();
			(
				pick(&receiver, by),
				Call::receive {
					shipment: id,
					counted: counted.try_into().expect("as many as lines"),
				},
			)
		}
		Op::Reject { by, shipment } => {
			let (id, found) = shipment_pick(shipment);
			let receiver: Vec<u64> = found.map(|s| s.receiver).into_iter().collect();
			(pick(&receiver, by), Call::reject { shipment: id, reason_hash: H256::zero() })
		}
		Op::Decommission { by, pack: n, dispensed } => (
			pick(
				&[PHARMACY, HOSPITAL]
					.into_iter()
					.filter(|who| Stock::<Test>::get(batch(pack(n).0), who) > 0)
					.collect::<Vec<_>>(),
				by,
			),
			Call::decommission {
				gtin: GTIN,
				serial: pack(n).1,
				reason: if dispensed {
					DecommissionReason::Dispensed
				} else {
					DecommissionReason::Destroyed
				},
			},
		),
		Op::Reverse { by, pack: n } => {
			let gtin = Gtin::new(GTIN).expect("valid");
			let decommissioner: Vec<u64> = Serials::<Test>::get(gtin, pack(n).1)
				.and_then(|s| match s.state {
					SerialState::Decommissioned { by, .. } => Some(by),
					_ => None,
				})
				.into_iter()
				.collect();
			(
				pick(&decommissioner, by),
				Call::reverse_decommission { gtin: GTIN, serial: pack(n).1 },
			)
		}
		Op::Scan { by, pack: n } => (
			PEOPLE[by % PEOPLE.len()],
			Call::scan { gtin: GTIN, serial: pack(n).1, lot: lot(pack(n).0), expiry: EXPIRY },
		),
		Op::Recall { by, lot: l } => (
			pick(&[MANUFACTURER, REGULATOR], by),
			Call::recall {
				batch: batch(l),
				class: RecallClass::ClassII,
				reason_hash: H256::zero(),
			},
		),
		Op::Hold { by, shipment, lot: l } => (
			pick(&[HOLD_AUTHORITY, REGULATOR], by),
			Call::place_hold { subject: subject(shipment, l), reason_hash: H256::zero() },
		),
		Op::Release { by, shipment, lot: l } => (
			pick(&[HOLD_AUTHORITY, REGULATOR], by),
			Call::release_hold { subject: subject(shipment, l), resolution_hash: H256::zero() },
		),
		Op::Event { by, shipment, lot: l } => (
			pick(&[MANUFACTURER, CARRIER, REGULATOR], by),
			Call::record_event {
				event: NewEvent {
					subject: shipment.map_or(EventSubject::Batch(batch(l)), |s| {
						EventSubject::Shipment(s.into())
					}),
					biz_step: BizStep::Inspecting,
					disposition: Disposition::InProgress,
					read_point: None,
					when: Timestamp::now(),
					sensor: None,
					epcis_hash: H256::zero(),
					corrects: None,
				},
			},
		),
		Op::Wait { .. } => unreachable!("waits are not calls"),
	}
}

proptest! {
	#![proptest_config(ProptestConfig::with_cases(128))]

	#[test]
	fn random_calls_never_break_the_invariants(ops in prop::collection::vec(an_op(), 1..40)) {
		run(|| {
			assert_ok!(Tracking::register_product(
				RuntimeOrigin::signed(MANUFACTURER),
				GTIN,
				None,
				H256::zero(),
				DosageForm::Tablet,
				COLD
			));
			for l in 0..2u8 {
				assert_ok!(Tracking::create_batch(RuntimeOrigin::signed(MANUFACTURER), GTIN, lot(l), EXPIRY, 8));
				let serials: Vec<SerialNumber> =
					(0..6u8).filter(|n| pack(*n).0 == l).map(|n| pack(n).1).collect();
				assert_ok!(Tracking::commission_serials(
					RuntimeOrigin::signed(MANUFACTURER),
					batch(l),
					serials.try_into().expect("few")
				));
			}
			for op in &ops {
				if let Op::Wait { days } = op {
					set_time(Timestamp::now() + u64::from(*days) * DAY);
					continue;
				}
				let (who, call) = call(op);
				// Success or a named error: either way the invariants hold.
				let _ = call.dispatch_bypass_filter(RuntimeOrigin::signed(who));
				if let Err(broken) = Tracking::do_try_state() {
					panic!("after {op:?}: {broken:?}");
				}
			}
		});
	}
}
