//! Reading the chain: a shipment's [`Journey`] as the drug-tracking pallet records it, and
//! which shipments a block's events touch.
//!
//! Everything is read at one block, through the node's RPC: the shipment and its EPCIS
//! events from the `DrugTrackingApi_shipment` runtime API, its batches' expiry dates, its
//! packs' clone flags and its parties' GLNs from storage, and the block's time. Values are
//! decoded with the runtime's own types, so a runtime that changes them fails loudly here
//! rather than being misread.

use crate::journey::{Journey, Line, Moment, Observation, Party, Place, Sensor};
use codec::{Decode, Encode};
use frame_support::storage::StoragePrefixedMap;
use medchain_runtime::{AccountId, Runtime};
use pallet_drug_tracking::{
	BatchOf, Event as PalletEvent, EventSubject, SerialOf, SerialState, ShipmentId, ShipmentStatus,
	ShipmentViewOf,
};
use pallet_participants::Participant;
use std::collections::BTreeSet;
use subxt::{backend::StreamOfResults, OnlineClient, PolkadotConfig};

/// A connection to a MedChain node.
pub type Client = OnlineClient<PolkadotConfig>;
/// A block hash.
pub type BlockHash = subxt::utils::H256;

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

/// Read a storage value by its full key, decoded as `T`.
async fn fetch<T: Decode>(
	client: &Client,
	at: BlockHash,
	key: Vec<u8>,
) -> Result<Option<T>, subxt::Error> {
	match client.storage().at(at).fetch_raw(key).await? {
		Some(bytes) => Ok(Some(T::decode(&mut &bytes[..])?)),
		None => Ok(None),
	}
}

/// The block's time (ms since the Unix epoch).
pub async fn now(client: &Client, at: BlockHash) -> Result<Moment, subxt::Error> {
	let key = pallet_timestamp::Now::<Runtime>::hashed_key().to_vec();
	Ok(fetch::<Moment>(client, at, key).await?.unwrap_or(0))
}

/// Shipment `id` at block `at`, or none if there is no such shipment.
pub async fn snapshot(
	client: &Client,
	at: BlockHash,
	shipment: ShipmentId,
) -> Result<Option<Snapshot>, subxt::Error> {
	let view: Option<ShipmentViewOf<Runtime>> = client
		.runtime_api()
		.at(at)
		.call_raw("DrugTrackingApi_shipment", Some(&shipment.encode()))
		.await?;
	let Some(view) = view else { return Ok(None) };
	let s = &view.shipment;

	// Where each party is: a read point at one of these is that party's.
	let mut places = Vec::new();
	let parties = [(Party::Sender, Some(&s.sender)), (Party::Receiver, Some(&s.receiver))];
	for (party, who) in parties.into_iter().chain([(Party::Carrier, s.carrier.as_ref())]) {
		let Some(who) = who else { continue };
		let key = pallet_participants::Participants::<Runtime>::hashed_key_for(who);
		let gln = fetch::<Participant<medchain_runtime::BlockNumber>>(client, at, key)
			.await?
			.and_then(|p| p.gln);
		if let Some(gln) = gln {
			places.push((gln.get(), party));
		}
	}
	let party_of = |who: &AccountId| {
		if *who == s.sender {
			Party::Sender
		} else if Some(who) == s.carrier.as_ref() {
			Party::Carrier
		} else if *who == s.receiver {
			Party::Receiver
		} else {
			Party::Other
		}
	};

	let mut lines = Vec::new();
	for (i, line) in s.lines.iter().enumerate() {
		let key = pallet_drug_tracking::Batches::<Runtime>::hashed_key_for(line.batch);
		let batch = fetch::<BatchOf<Runtime>>(client, at, key).await?;
		let expires_at =
			batch.and_then(|b| pallet_drug_tracking::expiry_end(b.expiry)).unwrap_or(s.shipped_at);
		lines.push(Line {
			quantity: line.quantity,
			counted: s.counted.get(i).copied(),
			expires_at,
		});
	}

	let mut clone_scans = 0;
	for pack in &s.packs {
		let key = pallet_drug_tracking::Serials::<Runtime>::hashed_key_for(pack.gtin, &pack.serial);
		let serial = fetch::<SerialOf<Runtime>>(client, at, key).await?;
		if serial.is_some_and(|serial| serial.suspect.is_some()) {
			clone_scans += 1;
		}
	}

	let events = view
		.events
		.iter()
		.map(|(_, event)| Observation {
			at: event.when,
			place: match event.read_point {
				None => Place::Unknown,
				Some(gln) => places
					.iter()
					.find(|(g, _)| *g == gln.get())
					.map_or(Place::Foreign(gln.get()), |(_, party)| Place::Party(*party)),
			},
			recorded_by: party_of(&event.recorded_by),
			sensor: event.sensor.map(|r| Sensor {
				min: r.min,
				max: r.max,
				minutes_outside: r.minutes_outside,
			}),
		})
		.collect();

	let received_at = match s.status {
		ShipmentStatus::Received { at, .. } | ShipmentStatus::Rejected { at, .. } => Some(at),
		ShipmentStatus::InTransit => None,
	};
	Ok(Some(Snapshot {
		shipment,
		journey: Journey {
			shipped_at: s.shipped_at,
			expected_arrival: s.expected_arrival,
			temperature: (s.temperature.min, s.temperature.max),
			lines,
			events,
			received_at,
			clone_scans,
		},
		in_transit: matches!(s.status, ShipmentStatus::InTransit),
		on_hold: view.on_hold,
	}))
}

/// Every shipment on chain at `at` (to start from when the oracle starts).
pub async fn all_shipments(
	client: &Client,
	at: BlockHash,
) -> Result<Vec<ShipmentId>, subxt::Error> {
	let prefix = pallet_drug_tracking::Shipments::<Runtime>::final_prefix().to_vec();
	let mut keys: StreamOfResults<Vec<u8>> = client.storage().at(at).fetch_raw_keys(prefix).await?;
	let mut shipments = Vec::new();
	while let Some(key) = keys.next().await {
		// Twox64Concat: the id is the key's last eight bytes.
		let key = key?;
		if let Some(tail) = key.len().checked_sub(8).and_then(|from| key.get(from..)) {
			shipments.push(ShipmentId::decode(&mut &tail[..])?);
		}
	}
	shipments.sort_unstable();
	Ok(shipments)
}

/// The shipments the drug-tracking events of block `at` say something about: shipped,
/// received, rejected, an EPCIS event recorded on them, or one of their packs flagged as a
/// clone while they carry it.
pub async fn touched_shipments(
	client: &Client,
	at: BlockHash,
) -> Result<BTreeSet<ShipmentId>, subxt::Error> {
	let events = client.events().at(at).await?;
	let mut touched = BTreeSet::new();
	for event in events.iter() {
		let event = event?;
		if event.pallet_name() != "DrugTracking" {
			continue;
		}
		let mut bytes = vec![event.variant_index()];
		bytes.extend_from_slice(event.field_bytes());
		let event = PalletEvent::<Runtime>::decode(&mut &bytes[..])?;
		match event {
			PalletEvent::Shipped { shipment, .. }
			| PalletEvent::Received { shipment, .. }
			| PalletEvent::QuantityMismatch { shipment, .. }
			| PalletEvent::LateArrival { shipment, .. }
			| PalletEvent::Rejected { shipment, .. }
			| PalletEvent::EventRecorded { subject: EventSubject::Shipment(shipment), .. } => {
				touched.insert(shipment);
			}
			PalletEvent::CloneSuspected { gtin, serial, .. } => {
				let key = pallet_drug_tracking::Serials::<Runtime>::hashed_key_for(gtin, &serial);
				if let Some(serial) = fetch::<SerialOf<Runtime>>(client, at, key).await? {
					if let SerialState::InTransit(shipment) = serial.state {
						touched.insert(shipment);
					}
				}
			}
			_ => {}
		}
	}
	Ok(touched)
}
