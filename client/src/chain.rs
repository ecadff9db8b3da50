//! Reading the chain: a shipment as the drug-tracking pallet records it, the participant
//! registry, and which shipments a block's events touch.
//!
//! Everything is read at one block, through the node's RPC: the shipment and its EPCIS
//! events from the `DrugTrackingApi_shipment` runtime API, its batches' expiry dates and its
//! packs' clone flags from storage, the registry from storage, and the block's time. Values
//! are decoded with the runtime's own types, so a runtime that changes them fails loudly here
//! rather than being misread. This module knows nothing of journeys or models (the oracle's
//! `mapping` turns what it reads into a journey), so it serves any off-chain service that
//! reads MedChain.

use codec::Decode;
use frame_support::storage::StoragePrefixedMap;
use medchain_primitives::consent::Moment;
use medchain_primitives::participants::Role;
use medchain_runtime::{AccountId, BlockNumber, Runtime};
use pallet_drug_tracking::{
	BatchOf, Event as PalletEvent, EventSubject, HoldSubject, SerialOf, SerialState, ShipmentId,
	ShipmentViewOf,
};
use pallet_participants::{Participant, ParticipantStatus};
use std::collections::{BTreeMap, BTreeSet};
use subxt::{backend::StreamOfResults, events::EventDetails, OnlineClient, PolkadotConfig};

/// A connection to a MedChain node.
pub type Client = OnlineClient<PolkadotConfig>;
/// A block hash.
pub type BlockHash = subxt::utils::H256;

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

/// The participant registry at one block: who holds which roles, and where.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Registry {
	participants: BTreeMap<AccountId, Participant<BlockNumber>>,
	locations: BTreeSet<u64>,
}

impl Registry {
	/// A registry of these participants.
	pub fn new(
		participants: impl IntoIterator<Item = (AccountId, Participant<BlockNumber>)>,
	) -> Self {
		let participants: BTreeMap<_, _> = participants.into_iter().collect();
		let locations = participants.values().filter_map(|p| p.gln).map(|g| g.get()).collect();
		Registry { participants, locations }
	}

	/// The whole registry at block `at` (one paged read of the pallet's map).
	pub async fn read(client: &Client, at: BlockHash) -> Result<Self, subxt::Error> {
		let prefix = pallet_participants::Participants::<Runtime>::final_prefix().to_vec();
		let mut entries =
			client.backend().storage_fetch_descendant_values(prefix.clone(), at).await?;
		let mut participants = Vec::new();
		while let Some(entry) = entries.next().await {
			let entry = entry?;
			// Blake2_128Concat: the account follows the prefix and a 16-byte hash.
			let Some(mut account) = entry.key.get(prefix.len() + 16..) else { continue };
			let who = AccountId::decode(&mut account)?;
			let participant = Participant::<BlockNumber>::decode(&mut &entry.value[..])?;
			participants.push((who, participant));
		}
		Ok(Registry::new(participants))
	}

	/// The GS1 location number `who` is registered with, if any.
	pub fn gln(&self, who: &AccountId) -> Option<u64> {
		self.participants.get(who).and_then(|p| p.gln).map(|g| g.get())
	}

	/// Whether `who` is an active participant holding `role` (a suspended one holds none).
	pub fn has_role(&self, who: &AccountId, role: Role) -> bool {
		self.participants
			.get(who)
			.is_some_and(|p| p.status == ParticipantStatus::Active && p.roles.contains(&role))
	}

	/// Whether `gln` is the registered location of some participant.
	pub fn is_registered_location(&self, gln: u64) -> bool {
		self.locations.contains(&gln)
	}

	/// Every participant, by account.
	pub fn participants(&self) -> impl Iterator<Item = (&AccountId, &Participant<BlockNumber>)> {
		self.participants.iter()
	}

	/// How many participants there are.
	pub fn len(&self) -> usize {
		self.participants.len()
	}

	/// Whether there are none.
	pub fn is_empty(&self) -> bool {
		self.participants.is_empty()
	}
}

/// What the chain records about one shipment at one block, in the runtime's own types.
#[derive(Debug, Clone)]
pub struct ShipmentRecord {
	/// The shipment, its EPCIS events and whether it is on hold (`DrugTrackingApi_shipment`).
	pub view: ShipmentViewOf<Runtime>,
	/// When each line's batch expires, in line order (none if the batch is gone or its date
	/// does not read).
	pub expiries: Vec<Option<Moment>>,
	/// How many of the packs it names are flagged as suspect clones.
	pub suspect_packs: u32,
}

/// Shipment `id` at block `at`, or none if there is no such shipment.
pub async fn shipment(
	client: &Client,
	at: BlockHash,
	id: ShipmentId,
) -> Result<Option<ShipmentRecord>, subxt::Error> {
	let view: Option<ShipmentViewOf<Runtime>> = client
		.runtime_api()
		.at(at)
		.call_raw("DrugTrackingApi_shipment", Some(&codec::Encode::encode(&id)))
		.await?;
	let Some(view) = view else { return Ok(None) };

	let mut expiries = Vec::new();
	for line in &view.shipment.lines {
		let key = pallet_drug_tracking::Batches::<Runtime>::hashed_key_for(line.batch);
		let batch = fetch::<BatchOf<Runtime>>(client, at, key).await?;
		expiries.push(batch.and_then(|b| pallet_drug_tracking::expiry_end(b.expiry)));
	}

	let mut suspect_packs = 0;
	for pack in &view.shipment.packs {
		let key = pallet_drug_tracking::Serials::<Runtime>::hashed_key_for(pack.gtin, &pack.serial);
		let serial = fetch::<SerialOf<Runtime>>(client, at, key).await?;
		if serial.is_some_and(|serial| serial.suspect.is_some()) {
			suspect_packs += 1;
		}
	}
	Ok(Some(ShipmentRecord { view, expiries, suspect_packs }))
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

/// What a block's events say that the oracle must act on.
///
/// Holds placed, released or overridden on a shipment count as touching it: what the
/// contract answers about the shipment may change with them.
#[derive(Default)]
pub struct News {
	/// The shipments its drug-tracking events say something about: shipped, received,
	/// rejected, an EPCIS event recorded on them, or one of their packs flagged as a clone
	/// while they carry it.
	pub touched: BTreeSet<ShipmentId>,
	/// Whether the participant registry changed.
	pub participants_changed: bool,
	/// The contracts' events (`Contracts::ContractEmitted`), for the caller to decode with
	/// its contract's metadata.
	pub contract_events: Vec<EventDetails<PolkadotConfig>>,
}

/// The news in block `at`'s events.
pub async fn news(client: &Client, at: BlockHash) -> Result<News, subxt::Error> {
	let events = client.events().at(at).await?;
	let mut news = News::default();
	for event in events.iter() {
		let event = event?;
		if event.pallet_name() == "Participants" {
			news.participants_changed = true;
			continue;
		}
		if event.pallet_name() == "Contracts" && event.variant_name() == "ContractEmitted" {
			news.contract_events.push(event);
			continue;
		}
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
			| PalletEvent::EventRecorded { subject: EventSubject::Shipment(shipment), .. }
			| PalletEvent::HoldPlaced { subject: HoldSubject::Shipment(shipment), .. }
			| PalletEvent::HoldReleased { subject: HoldSubject::Shipment(shipment), .. }
			| PalletEvent::HoldOverridden { subject: HoldSubject::Shipment(shipment), .. } => {
				news.touched.insert(shipment);
			}
			PalletEvent::CloneSuspected { gtin, serial, .. } => {
				let key = pallet_drug_tracking::Serials::<Runtime>::hashed_key_for(gtin, &serial);
				if let Some(serial) = fetch::<SerialOf<Runtime>>(client, at, key).await? {
					if let SerialState::InTransit(shipment) = serial.state {
						news.touched.insert(shipment);
					}
				}
			}
			_ => {}
		}
	}
	Ok(news)
}
