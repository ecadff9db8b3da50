//! What the fuzz reads of the chain after every call: balances and holds, the participant
//! registry, consents, custody and holds, as plain maps the rules compare.
//!
//! Reading everything after every call would be slow, so a snapshot is rebuilt item by item:
//! a storage item (one map or value) is read again only if a key under its prefix was written
//! by the call (the overlay says so, see [`super::chain::Chain::changed_prefixes`]); the others
//! are shared with the previous snapshot.

use crate::{AccountId, Balance, BlockNumber, Runtime, RuntimeHoldReason};
use frame_support::storage::{StoragePrefixedMap, StorageValue};
use pallet_consent::{
	ConsentId, ConsentOf, EpisodeId, EpisodeOf, GuardianOf, RequestId, RequestOf,
};
use pallet_drug_tracking::{
	BatchId, BatchOf, CloneReportOf, EventId, EventOf, Gtin, HoldOverrideOf, HoldRecordOf,
	HoldSubject, HoldingOf, ProductOf, SerialNumber, SerialOf, ShipmentId, ShipmentOf,
};
use std::{
	collections::{BTreeMap, BTreeSet},
	rc::Rc,
};

/// A pack's key: its GTIN and serial number.
pub type PackKey = (Gtin, SerialNumber);

/// A pack's open clone reports, with the batch they are filed under.
pub type PackReports = (BatchId, Vec<CloneReportOf<Runtime>>);

/// An account's money as pallet-balances keeps it, with its holds by who holds them.
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub struct Funds {
	pub free: Balance,
	pub reserved: Balance,
	/// Held by the consent pallet (its storage deposits).
	pub consent: Balance,
	/// Held by the drug-tracking pallet (its storage deposits).
	pub tracking: Balance,
	/// Held for any other reason (pallet-contracts' storage deposits).
	pub other: Balance,
}

impl Funds {
	pub fn total(&self) -> Balance {
		self.free + self.reserved
	}
}

/// The deposits each account owes for what the two pallets store in its name, summed from
/// the stored records (each record names who paid its deposit): consent's, then tracking's.
pub type Ledger = BTreeMap<AccountId, (Balance, Balance)>;

type Shared<T> = Rc<T>;

/// Everything the rules look at, at one moment.
#[derive(Clone)]
pub struct Snapshot {
	pub now: u64,
	pub issuance: Shared<Balance>,
	pub funds: Shared<BTreeMap<AccountId, Funds>>,
	pub participants: Shared<BTreeMap<AccountId, pallet_participants::Participant<BlockNumber>>>,
	pub consents: Shared<BTreeMap<ConsentId, ConsentOf<Runtime>>>,
	pub requests: Shared<BTreeMap<RequestId, RequestOf<Runtime>>>,
	pub guardians: Shared<BTreeMap<AccountId, Vec<GuardianOf<Runtime>>>>,
	pub episodes: Shared<BTreeMap<EpisodeId, EpisodeOf<Runtime>>>,
	pub products: Shared<BTreeMap<Gtin, ProductOf<Runtime>>>,
	pub batches: Shared<BTreeMap<BatchId, BatchOf<Runtime>>>,
	pub serials: Shared<BTreeMap<PackKey, SerialOf<Runtime>>>,
	/// Units each holder has of each batch, and how many of them it holds by name (both
	/// read from its holding), and the holdings themselves, for their deposits.
	pub stock: Shared<BTreeMap<(BatchId, AccountId), u32>>,
	pub named: Shared<BTreeMap<(BatchId, AccountId), u32>>,
	pub holdings: Shared<BTreeMap<(BatchId, AccountId), HoldingOf<Runtime>>>,
	/// What each payer holds for a batch's record-less trail steps.
	pub trail_deposits: Shared<BTreeMap<(BatchId, AccountId), Balance>>,
	pub shipments: Shared<BTreeMap<ShipmentId, ShipmentOf<Runtime>>>,
	pub events: Shared<BTreeMap<EventId, EventOf<Runtime>>>,
	pub holds: Shared<BTreeMap<HoldSubject, HoldRecordOf<Runtime>>>,
	pub overrides: Shared<BTreeMap<(HoldSubject, AccountId), HoldOverrideOf<Runtime>>>,
	/// Open clone reports by pack, with the batch they are filed under.
	pub reports: Shared<BTreeMap<PackKey, PackReports>>,
	/// Derived from the records above (see [`Ledger`]).
	pub ledger: Shared<Ledger>,
}

/// Storage items by prefix, so a snapshot knows which of its parts a call wrote.
mod prefix {
	use super::*;
	pub fn map<M: StoragePrefixedMap<V>, V: codec::FullCodec>() -> [u8; 32] {
		M::final_prefix()
	}
	pub fn value<S: StorageValue<V>, V: codec::FullCodec>() -> [u8; 32] {
		S::hashed_key()
	}
}

/// The prefixes of the storage items a snapshot reads, with their names for messages.
pub fn watched_items() -> Vec<([u8; 32], &'static str)> {
	use pallet_consent as c;
	use pallet_drug_tracking as d;
	type R = Runtime;
	vec![
		(prefix::value::<pallet_timestamp::Now<R>, _>(), "Timestamp::Now"),
		(prefix::value::<pallet_balances::TotalIssuance<R>, _>(), "Balances::TotalIssuance"),
		(prefix::map::<frame_system::Account<R>, _>(), "System::Account"),
		(prefix::map::<pallet_balances::Holds<R>, _>(), "Balances::Holds"),
		(prefix::map::<pallet_participants::Participants<R>, _>(), "Participants::Participants"),
		(prefix::map::<c::Consents<R>, _>(), "Consent::Consents"),
		(prefix::map::<c::Requests<R>, _>(), "Consent::Requests"),
		(prefix::map::<c::Guardians<R>, _>(), "Consent::Guardians"),
		(prefix::map::<c::Episodes<R>, _>(), "Consent::Episodes"),
		(prefix::map::<d::Products<R>, _>(), "DrugTracking::Products"),
		(prefix::map::<d::Batches<R>, _>(), "DrugTracking::Batches"),
		(prefix::map::<d::Serials<R>, _>(), "DrugTracking::Serials"),
		(prefix::map::<d::Stock<R>, _>(), "DrugTracking::Stock"),
		(prefix::map::<d::TrailDeposits<R>, _>(), "DrugTracking::TrailDeposits"),
		(prefix::map::<d::Shipments<R>, _>(), "DrugTracking::Shipments"),
		(prefix::map::<d::Events<R>, _>(), "DrugTracking::Events"),
		(prefix::map::<d::Holds<R>, _>(), "DrugTracking::Holds"),
		(prefix::map::<d::HoldOverrides<R>, _>(), "DrugTracking::HoldOverrides"),
		(prefix::map::<d::CloneReports<R>, _>(), "DrugTracking::CloneReports"),
	]
}

/// The name of the storage item at `prefix`, or the pallet's (by the first 16 bytes) if it
/// is not one the snapshot reads.
pub fn item_name(prefix: &[u8; 32]) -> String {
	if let Some((_, name)) = watched_items().into_iter().find(|(p, _)| p == prefix) {
		return name.to_string();
	}
	let pallets = [
		"System",
		"Timestamp",
		"Aura",
		"Grandpa",
		"Balances",
		"TransactionPayment",
		"Sudo",
		"Proxy",
		"Multisig",
		"RandomnessCollectiveFlip",
		"Contracts",
		"Council",
		"CouncilMembership",
		"Participants",
		"Consent",
		"DrugTracking",
	];
	let pallet = pallets
		.iter()
		.find(|p| sp_core::twox_128(p.as_bytes())[..] == prefix[..16])
		.map_or("an unknown pallet", |p| p);
	format!("{pallet}::{}", sp_core::hexdisplay::HexDisplay::from(&&prefix[16..]))
}

/// Whether `prefix` is in pallet `name`.
pub fn in_pallet(prefix: &[u8; 32], name: &str) -> bool {
	sp_core::twox_128(name.as_bytes())[..] == prefix[..16]
}

impl Snapshot {
	/// Read everything (`previous` none), or what `changed` names and share the rest with
	/// `previous`. Needs the externalities.
	pub fn read(previous: Option<&Snapshot>, changed: &BTreeSet<[u8; 32]>) -> Snapshot {
		use pallet_consent as c;
		use pallet_drug_tracking as d;
		type R = Runtime;
		let stale = |prefix: [u8; 32]| previous.is_none() || changed.contains(&prefix);
		macro_rules! part {
			($field:ident, $prefix:expr, $read:expr) => {
				match previous {
					Some(p) if !stale($prefix) => p.$field.clone(),
					_ => Rc::new($read),
				}
			};
		}
		let funds_stale = stale(prefix::map::<frame_system::Account<R>, _>())
			|| stale(prefix::map::<pallet_balances::Holds<R>, _>());
		let funds = match previous {
			Some(p) if !funds_stale => p.funds.clone(),
			_ => Rc::new(read_funds()),
		};
		let mut snapshot = Snapshot {
			now: pallet_timestamp::Now::<R>::get(),
			issuance: part!(
				issuance,
				prefix::value::<pallet_balances::TotalIssuance<R>, _>(),
				pallet_balances::TotalIssuance::<R>::get()
			),
			funds,
			participants: part!(
				participants,
				prefix::map::<pallet_participants::Participants<R>, _>(),
				pallet_participants::Participants::<R>::iter().collect()
			),
			consents: part!(
				consents,
				prefix::map::<c::Consents<R>, _>(),
				c::Consents::<R>::iter().collect()
			),
			requests: part!(
				requests,
				prefix::map::<c::Requests<R>, _>(),
				c::Requests::<R>::iter().collect()
			),
			guardians: part!(
				guardians,
				prefix::map::<c::Guardians<R>, _>(),
				c::Guardians::<R>::iter().map(|(k, v)| (k, v.into_inner())).collect()
			),
			episodes: part!(
				episodes,
				prefix::map::<c::Episodes<R>, _>(),
				c::Episodes::<R>::iter().collect()
			),
			products: part!(
				products,
				prefix::map::<d::Products<R>, _>(),
				d::Products::<R>::iter().collect()
			),
			batches: part!(
				batches,
				prefix::map::<d::Batches<R>, _>(),
				d::Batches::<R>::iter().collect()
			),
			serials: part!(
				serials,
				prefix::map::<d::Serials<R>, _>(),
				d::Serials::<R>::iter().map(|(g, s, v)| ((g, s), v)).collect()
			),
			stock: part!(
				stock,
				prefix::map::<d::Stock<R>, _>(),
				d::Stock::<R>::iter().map(|(b, w, h)| ((b, w), h.units)).collect()
			),
			named: part!(
				named,
				prefix::map::<d::Stock<R>, _>(),
				d::Stock::<R>::iter()
					.filter(|(_, _, h)| h.named > 0)
					.map(|(b, w, h)| ((b, w), h.named))
					.collect()
			),
			holdings: part!(
				holdings,
				prefix::map::<d::Stock<R>, _>(),
				d::Stock::<R>::iter().map(|(b, w, h)| ((b, w), h)).collect()
			),
			trail_deposits: part!(
				trail_deposits,
				prefix::map::<d::TrailDeposits<R>, _>(),
				d::TrailDeposits::<R>::iter().map(|(b, w, v)| ((b, w), v)).collect()
			),
			shipments: part!(
				shipments,
				prefix::map::<d::Shipments<R>, _>(),
				d::Shipments::<R>::iter().collect()
			),
			events: part!(
				events,
				prefix::map::<d::Events<R>, _>(),
				d::Events::<R>::iter().collect()
			),
			holds: part!(holds, prefix::map::<d::Holds<R>, _>(), d::Holds::<R>::iter().collect()),
			overrides: part!(
				overrides,
				prefix::map::<d::HoldOverrides<R>, _>(),
				d::HoldOverrides::<R>::iter().map(|(s, p, v)| ((s, p), v)).collect()
			),
			reports: part!(
				reports,
				prefix::map::<d::CloneReports<R>, _>(),
				d::CloneReports::<R>::iter()
					.map(|(batch, pack, reports)| {
						((pack.gtin, pack.serial), (batch, reports.into_inner()))
					})
					.collect()
			),
			ledger: Rc::new(Ledger::new()),
		};
		snapshot.ledger = match previous {
			Some(p) if snapshot.same_deposit_records(p) => p.ledger.clone(),
			_ => Rc::new(snapshot.compute_ledger()),
		};
		snapshot
	}

	/// Whether every record that carries a deposit is the one `other` has.
	fn same_deposit_records(&self, other: &Snapshot) -> bool {
		Rc::ptr_eq(&self.consents, &other.consents)
			&& Rc::ptr_eq(&self.requests, &other.requests)
			&& Rc::ptr_eq(&self.guardians, &other.guardians)
			&& Rc::ptr_eq(&self.episodes, &other.episodes)
			&& Rc::ptr_eq(&self.products, &other.products)
			&& Rc::ptr_eq(&self.batches, &other.batches)
			&& Rc::ptr_eq(&self.serials, &other.serials)
			&& Rc::ptr_eq(&self.shipments, &other.shipments)
			&& Rc::ptr_eq(&self.events, &other.events)
			&& Rc::ptr_eq(&self.overrides, &other.overrides)
			&& Rc::ptr_eq(&self.holdings, &other.holdings)
			&& Rc::ptr_eq(&self.trail_deposits, &other.trail_deposits)
			&& Rc::ptr_eq(&self.holds, &other.holds)
			&& Rc::ptr_eq(&self.reports, &other.reports)
	}

	/// Who owes which deposits, by the records: the same attribution as the pallets' own
	/// try_state (a pack's deposit is its batch's manufacturer's).
	fn compute_ledger(&self) -> Ledger {
		let mut ledger = Ledger::new();
		let mut consent =
			|who: &AccountId, amount: Balance| ledger.entry(who.clone()).or_default().0 += amount;
		for c in self.consents.values() {
			consent(&c.granted_by, c.deposit);
		}
		for r in self.requests.values() {
			consent(&r.requester, r.deposit);
		}
		for (patient, guardians) in self.guardians.iter() {
			for g in guardians {
				consent(patient, g.deposit);
			}
		}
		for e in self.episodes.values() {
			consent(&e.clinician, e.deposit);
		}
		let mut tracking =
			|who: &AccountId, amount: Balance| ledger.entry(who.clone()).or_default().1 += amount;
		for p in self.products.values() {
			tracking(&p.manufacturer, p.deposit);
		}
		for b in self.batches.values() {
			tracking(&b.manufacturer, b.deposit);
		}
		for s in self.serials.values() {
			if let Some(batch) = self.batches.get(&s.batch) {
				tracking(&batch.manufacturer, s.deposit);
			}
		}
		for s in self.shipments.values() {
			tracking(&s.sender, s.deposit + s.reserve);
		}
		for ((_, holder), h) in self.holdings.iter() {
			tracking(holder, h.deposit);
		}
		for ((_, payer), amount) in self.trail_deposits.iter() {
			tracking(payer, *amount);
		}
		for h in self.holds.values() {
			tracking(&h.by, h.deposit);
		}
		for e in self.events.values() {
			tracking(&e.recorded_by, e.deposit);
		}
		for o in self.overrides.values() {
			tracking(&o.by, o.deposit);
		}
		for (_, reports) in self.reports.values() {
			for r in reports {
				tracking(&r.by, r.deposit);
			}
		}
		ledger
	}

	/// The deposits `who` owes: consent's and tracking's.
	pub fn owed(&self, who: &AccountId) -> (Balance, Balance) {
		self.ledger.get(who).copied().unwrap_or_default()
	}

	pub fn funds_of(&self, who: &AccountId) -> Funds {
		self.funds.get(who).copied().unwrap_or_default()
	}
}

/// Every account's balance, with its holds split by holder.
fn read_funds() -> BTreeMap<AccountId, Funds> {
	let mut funds: BTreeMap<AccountId, Funds> = frame_system::Account::<Runtime>::iter()
		.map(|(who, info)| {
			let data = info.data;
			(who, Funds { free: data.free, reserved: data.reserved, ..Default::default() })
		})
		.collect();
	for (who, holds) in pallet_balances::Holds::<Runtime>::iter() {
		let entry = funds.entry(who).or_default();
		for hold in holds {
			match hold.id {
				RuntimeHoldReason::Consent(_) => entry.consent += hold.amount,
				RuntimeHoldReason::DrugTracking(_) => entry.tracking += hold.amount,
				_ => entry.other += hold.amount,
			}
		}
	}
	funds
}
