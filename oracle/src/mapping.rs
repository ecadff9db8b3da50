//! The chain's record of a shipment as the oracle's [`Journey`]: who recorded each EPCIS
//! event and where it happened, as the sender, the carrier, the receiver or someone else.
//!
//! - A recorder is the shipment's sender, carrier or receiver; else a regulator if it is an
//!   active `Regulator` participant (an inspection); else someone unexpected.
//! - A read point is a party's if it is the registered location (GLN) of the sender, the
//!   carrier or the receiver. A regulator's inspection is where the regulator found the
//!   shipment, never a detour. A carrier with no registered location (trucks and their hubs
//!   usually have none) records at its own hubs: its read points are its own unless they are
//!   the registered location of another participant. Any other read point is foreign: it is
//!   what a diversion looks like, and the only foreign places the model learned from.
//!
//! The mapping is a pure function of what [`medchain_client::chain`] reads at one block (the shipment
//! and the participant registry), so it is tested without a node.

use crate::journey::{Journey, Line, Observation, Party, Place, Sensor};
use medchain_client::chain::{Registry, ShipmentRecord};
use medchain_primitives::participants::Role;
use medchain_runtime::AccountId;
use pallet_drug_tracking::{ShipmentId, ShipmentStatus};

/// A shipment as the oracle sees it at one block.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
	/// The shipment.
	pub shipment: ShipmentId,
	/// Its journey so far.
	pub journey: Journey,
	/// Whether it is still in transit (only then can it be held).
	pub in_transit: bool,
	/// Whether it is on hold already.
	pub on_hold: bool,
}

/// Shipment `id`'s journey, from its `record` and the `registry` at the same block.
pub fn snapshot(id: ShipmentId, record: &ShipmentRecord, registry: &Registry) -> Snapshot {
	let s = &record.view.shipment;

	// Where each party is: a read point at one of these is that party's.
	let mut places = Vec::new();
	let parties = [(Party::Sender, Some(&s.sender)), (Party::Receiver, Some(&s.receiver))];
	for (party, who) in parties.into_iter().chain([(Party::Carrier, s.carrier.as_ref())]) {
		if let Some(gln) = who.and_then(|who| registry.gln(who)) {
			places.push((gln, party));
		}
	}
	// A carrier is mobile: without a registered location its hubs are known to no one, so
	// where it records an event is its own unless the place is someone else's.
	let carrier_unplaced = s.carrier.as_ref().is_some_and(|c| registry.gln(c).is_none());
	let party_of = |who: &AccountId| {
		if *who == s.sender {
			Party::Sender
		} else if Some(who) == s.carrier.as_ref() {
			Party::Carrier
		} else if *who == s.receiver {
			Party::Receiver
		} else if registry.has_role(who, Role::Regulator) {
			Party::Regulator
		} else {
			Party::Other
		}
	};
	let place_of = |read_point: Option<u64>, by: Party| {
		let Some(gln) = read_point else { return Place::Unknown };
		if let Some((_, party)) = places.iter().find(|(g, _)| *g == gln) {
			return Place::Party(*party);
		}
		match by {
			// Wherever a regulator inspects the shipment, it is an inspection, not a detour.
			Party::Regulator => Place::Party(Party::Regulator),
			Party::Carrier if carrier_unplaced && !registry.is_registered_location(gln) => {
				Place::Party(Party::Carrier)
			}
			_ => Place::Foreign(gln),
		}
	};

	let lines = s
		.lines
		.iter()
		.enumerate()
		.map(|(i, line)| Line {
			quantity: line.quantity,
			counted: s.counted.get(i).copied(),
			expires_at: record.expiries.get(i).copied().flatten().unwrap_or(s.shipped_at),
		})
		.collect();

	let events = record
		.view
		.events
		.iter()
		.map(|(_, event)| {
			let recorded_by = party_of(&event.recorded_by);
			Observation {
				at: event.when,
				place: place_of(event.read_point.map(|g| g.get()), recorded_by),
				recorded_by,
				sensor: event.sensor.map(|r| Sensor {
					min: r.min,
					max: r.max,
					minutes_outside: r.minutes_outside,
				}),
			}
		})
		.collect();

	let received_at = match s.status {
		ShipmentStatus::Received { at, .. } | ShipmentStatus::Rejected { at, .. } => Some(at),
		ShipmentStatus::InTransit => None,
	};
	Snapshot {
		shipment: id,
		journey: Journey {
			shipped_at: s.shipped_at,
			expected_arrival: s.expected_arrival,
			temperature: (s.temperature.min, s.temperature.max),
			lines,
			events,
			received_at,
			clone_scans: record.suspect_packs,
		},
		in_transit: matches!(s.status, ShipmentStatus::InTransit),
		on_hold: record.view.on_hold,
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::{
		features::{extract, NAMES},
		generator::{generate, Kind},
		journey::Moment,
		model::{Model, DEFAULT_MODEL_ID, DEFAULT_TRAINING},
	};
	use frame_support::BoundedBTreeSet;
	use medchain_primitives::{
		participants::{gs1_check_digit, Gln},
		tracking::TemperatureRange,
	};
	use pallet_drug_tracking::{
		BizStep, Disposition, EventSubject, SensorSummary, Shipment, ShipmentLine, ShipmentView,
		TrackingEvent,
	};
	use pallet_participants::{Participant, ParticipantStatus};
	use sp_core::H256;
	use std::sync::OnceLock;

	const H: Moment = 60 * 60 * 1000;
	const T0: Moment = 1_700_000_000_000;
	const ID: ShipmentId = 7;

	/// The model `oracle train` makes by default, trained once for all the tests.
	fn model() -> &'static Model {
		static MODEL: OnceLock<Model> = OnceLock::new();
		MODEL.get_or_init(|| {
			let set = DEFAULT_TRAINING;
			Model::train(DEFAULT_MODEL_ID, set, &generate(set.seed, set.count))
				.expect("the default model trains")
		})
	}

	/// A GLN with the right check digit.
	fn gln(body: u64) -> u64 {
		body * 10 + u64::from(gs1_check_digit(body))
	}

	fn account(n: u8) -> AccountId {
		AccountId::from([n; 32])
	}

	// The dev chain's cast: a manufacturer and a wholesaler with a location each, a carrier
	// and a regulator without one (trucks and authorities have no GS1 location), a pharmacy
	// with a location that is not on the shipment.
	fn manufacturer() -> AccountId {
		account(1)
	}
	fn wholesaler() -> AccountId {
		account(2)
	}
	fn carrier() -> AccountId {
		account(3)
	}
	fn regulator() -> AccountId {
		account(4)
	}
	fn pharmacy() -> AccountId {
		account(5)
	}
	fn hospital() -> AccountId {
		account(6)
	}
	const FACTORY: u64 = 4_006_381_000_024;
	const WAREHOUSE: u64 = 4_006_381_000_031;
	const PHARMACY: u64 = 4_006_381_000_048;
	const HOSPITAL: u64 = 4_006_381_000_017;

	fn participant(roles: &[Role], location: Option<u64>) -> Participant<u32> {
		let mut set = BoundedBTreeSet::new();
		for role in roles {
			set.try_insert(*role).expect("a role fits");
		}
		Participant {
			roles: set,
			gln: location.map(|g| Gln::new(g).expect("a valid GLN")),
			name_commitment: H256::zero(),
			status: ParticipantStatus::Active,
			registered_at: 0,
		}
	}

	fn registry() -> Registry {
		Registry::new([
			(manufacturer(), participant(&[Role::Manufacturer], Some(FACTORY))),
			(wholesaler(), participant(&[Role::Wholesaler], Some(WAREHOUSE))),
			(carrier(), participant(&[Role::Carrier], None)),
			(regulator(), participant(&[Role::Regulator], None)),
			(pharmacy(), participant(&[Role::Pharmacy], Some(PHARMACY))),
			(hospital(), participant(&[Role::Hospital], Some(HOSPITAL))),
		])
	}

	/// An EPCIS event on the shipment, `hours` after shipping.
	fn event(
		by: AccountId,
		read_point: Option<u64>,
		hours: u64,
		step: BizStep,
	) -> TrackingEvent<AccountId, u128> {
		TrackingEvent {
			subject: EventSubject::Shipment(ID),
			biz_step: step,
			disposition: Disposition::InTransit,
			read_point: read_point.map(|g| Gln::new(g).expect("a valid GLN")),
			when: T0 + hours * H,
			// Well inside 2–8 °C.
			sensor: Some(SensorSummary { min: 41, max: 63, minutes_outside: 0 }),
			epcis_hash: H256::repeat_byte(hours as u8),
			corrects: None,
			recorded_by: by,
			recorded_at: T0 + hours * H,
			deposit: 0,
		}
	}

	/// Forty units shipped by the manufacturer to the wholesaler through the carrier,
	/// expected in ten hours at 2–8 °C, the batch good for two more years; dispatched at the
	/// factory, then these events.
	fn record(events: Vec<TrackingEvent<AccountId, u128>>) -> ShipmentRecord {
		let mut all = vec![TrackingEvent {
			sensor: None,
			..event(manufacturer(), Some(FACTORY), 0, BizStep::Shipping)
		}];
		all.extend(events);
		ShipmentRecord {
			view: ShipmentView {
				shipment: Shipment {
					sender: manufacturer(),
					receiver: wholesaler(),
					carrier: Some(carrier()),
					lines: vec![ShipmentLine { batch: [9; 32], quantity: 40 }]
						.try_into()
						.expect("one line fits"),
					packs: Default::default(),
					counted: Default::default(),
					shipped_at: T0,
					expected_arrival: T0 + 10 * H,
					temperature: TemperatureRange { min: 20, max: 80 },
					status: ShipmentStatus::InTransit,
					deposit: 0,
					reserve: 0,
					retired_lines: 0,
				},
				events: all.into_iter().enumerate().map(|(i, e)| (i as u64, e)).collect(),
				on_hold: false,
			},
			expiries: vec![Some(T0 + 2 * 365 * 24 * H)],
			suspect_packs: 0,
		}
	}

	/// The journey five hours in, its score and likeliest kind under the shipped model.
	fn scored(record: &ShipmentRecord, registry: &Registry) -> (Journey, u16, Kind) {
		let journey = snapshot(ID, record, registry).journey;
		let features = extract(&journey, T0 + 5 * H);
		let assessment = model().assess(&features);
		let named: Vec<_> = NAMES.iter().zip(features).collect();
		println!("{named:?}: {assessment:?}");
		(journey, assessment.score, assessment.kind)
	}

	fn hub(n: u64) -> u64 {
		gln(400_638_100_100 + n)
	}

	#[test]
	fn a_regulators_inspections_are_inspections_and_score_normal() {
		// The carrier names no read points; the regulator inspects the truck at a stop, and
		// again where the event names none.
		let inspected = record(vec![
			event(carrier(), None, 2, BizStep::Transporting),
			event(regulator(), Some(hub(1)), 3, BizStep::Inspecting),
			event(regulator(), None, 3, BizStep::Inspecting),
			event(carrier(), None, 4, BizStep::Transporting),
		]);
		let (journey, score, kind) = scored(&inspected, &registry());
		assert_eq!(journey.events[2].recorded_by, Party::Regulator);
		assert_eq!(journey.events[2].place, Place::Party(Party::Regulator));
		assert_eq!(journey.events[3].recorded_by, Party::Regulator);
		assert_eq!(journey.events[3].place, Place::Unknown);
		assert_eq!(kind, Kind::Normal, "score {score}");
		assert!(score < 5_000, "score {score}");
	}

	#[test]
	fn a_carrier_without_a_location_of_its_own_records_at_its_hubs_and_scores_normal() {
		let hubs = record(vec![
			event(carrier(), Some(hub(1)), 2, BizStep::Transporting),
			event(carrier(), Some(hub(2)), 4, BizStep::Transporting),
		]);
		let (journey, score, kind) = scored(&hubs, &registry());
		assert_eq!(journey.events[0].place, Place::Party(Party::Sender));
		assert_eq!(journey.events[1].place, Place::Party(Party::Carrier));
		assert_eq!(journey.events[2].place, Place::Party(Party::Carrier));
		assert_eq!(kind, Kind::Normal, "score {score}");
		assert!(score < 5_000, "score {score}");
	}

	#[test]
	fn a_regulator_inspecting_at_a_border_post_while_the_carrier_records_at_its_hubs_scores_normal()
	{
		let border = hub(9);
		let journey = record(vec![
			event(carrier(), Some(hub(1)), 2, BizStep::Transporting),
			event(regulator(), Some(border), 3, BizStep::Inspecting),
			event(carrier(), Some(hub(2)), 4, BizStep::Transporting),
		]);
		let (journey, score, kind) = scored(&journey, &registry());
		assert_eq!(journey.events[2].place, Place::Party(Party::Regulator));
		assert_eq!(journey.events[2].recorded_by, Party::Regulator);
		assert_eq!(kind, Kind::Normal, "score {score}");
		assert!(score < 5_000, "score {score}");
	}

	#[test]
	fn the_carrier_at_another_participants_location_is_a_diversion() {
		// The carrier has no location of its own, but the pharmacy's and the hospital's are
		// registered: the goods went where none of the shipment's parties is.
		let diverted = record(vec![
			event(carrier(), Some(hub(1)), 1, BizStep::Transporting),
			event(carrier(), Some(PHARMACY), 2, BizStep::Transporting),
			event(carrier(), Some(HOSPITAL), 4, BizStep::Transporting),
		]);
		let (journey, score, kind) = scored(&diverted, &registry());
		assert_eq!(journey.events[1].place, Place::Party(Party::Carrier));
		assert_eq!(journey.events[2].place, Place::Foreign(PHARMACY));
		assert_eq!(journey.events[3].place, Place::Foreign(HOSPITAL));
		assert_eq!(kind, Kind::Diversion, "score {score}");
		assert!(score >= 5_000, "score {score}");
	}

	#[test]
	fn a_carrier_with_a_location_is_held_to_it() {
		let mut registry = registry();
		registry = Registry::new(
			registry
				.participants()
				.map(|(who, p)| {
					let p = if *who == carrier() {
						participant(&[Role::Carrier], Some(gln(400_638_100_200)))
					} else {
						p.clone()
					};
					(who.clone(), p)
				})
				.collect::<Vec<_>>(),
		);
		let at_home =
			record(vec![event(carrier(), Some(gln(400_638_100_200)), 2, BizStep::Transporting)]);
		let (journey, ..) = scored(&at_home, &registry);
		assert_eq!(journey.events[1].place, Place::Party(Party::Carrier));
		// Elsewhere, even where no participant is registered, it is off its route.
		let elsewhere = record(vec![
			event(carrier(), Some(hub(1)), 2, BizStep::Transporting),
			event(carrier(), Some(hub(2)), 4, BizStep::Transporting),
		]);
		let (journey, score, kind) = scored(&elsewhere, &registry);
		assert_eq!(journey.events[1].place, Place::Foreign(hub(1)));
		assert_eq!(kind, Kind::Diversion, "score {score}");
		assert!(score >= 5_000, "score {score}");
	}

	#[test]
	fn the_sender_and_receiver_at_unregistered_places_are_foreign() {
		let odd = record(vec![event(wholesaler(), Some(hub(3)), 2, BizStep::Receiving)]);
		let (journey, ..) = scored(&odd, &registry());
		assert_eq!(journey.events[1].place, Place::Foreign(hub(3)));
		assert_eq!(journey.events[1].recorded_by, Party::Receiver);
	}

	#[test]
	fn a_suspended_regulator_is_a_stranger() {
		let mut suspended = participant(&[Role::Regulator], None);
		suspended.status = ParticipantStatus::Suspended;
		let registry = Registry::new(
			registry()
				.participants()
				.map(|(who, p)| {
					(who.clone(), if *who == regulator() { suspended.clone() } else { p.clone() })
				})
				.collect::<Vec<_>>(),
		);
		let inspected = record(vec![event(regulator(), None, 3, BizStep::Inspecting)]);
		let (journey, ..) = scored(&inspected, &registry);
		assert_eq!(journey.events[1].recorded_by, Party::Other);
		assert_eq!(journey.events[1].place, Place::Unknown);
	}

	#[test]
	fn the_record_maps_to_the_journey_field_by_field() {
		let mut received = record(vec![event(carrier(), None, 2, BizStep::Transporting)]);
		let s = &mut received.view.shipment;
		s.lines.try_push(ShipmentLine { batch: [8; 32], quantity: 10 }).expect("fits");
		s.counted = vec![39, 10].try_into().expect("fits");
		s.status = ShipmentStatus::Received { at: T0 + 9 * H, late: false, short: true };
		// The second line's batch is gone: its expiry is taken as the shipping time.
		received.expiries.push(None);
		received.suspect_packs = 2;
		received.view.on_hold = true;
		let snapshot = snapshot(ID, &received, &registry());
		assert_eq!(snapshot.shipment, ID);
		assert!(!snapshot.in_transit);
		assert!(snapshot.on_hold);
		let journey = snapshot.journey;
		assert_eq!((journey.shipped_at, journey.expected_arrival), (T0, T0 + 10 * H));
		assert_eq!(journey.temperature, (20, 80));
		assert_eq!(
			journey.lines,
			vec![
				Line { quantity: 40, counted: Some(39), expires_at: T0 + 2 * 365 * 24 * H },
				Line { quantity: 10, counted: Some(10), expires_at: T0 },
			]
		);
		assert_eq!(journey.received_at, Some(T0 + 9 * H));
		assert_eq!(journey.clone_scans, 2);
		assert_eq!(
			journey.events,
			vec![
				Observation {
					at: T0,
					place: Place::Party(Party::Sender),
					recorded_by: Party::Sender,
					sensor: None,
				},
				Observation {
					at: T0 + 2 * H,
					place: Place::Unknown,
					recorded_by: Party::Carrier,
					sensor: Some(Sensor { min: 41, max: 63, minutes_outside: 0 }),
				},
			]
		);
	}
}
