//! The records of drug tracking, shaped on GS1 EPCIS 2.0, DSCSA and the EU FMD.
//!
//! Custody is counted in units (packs) per batch and holder ([`crate::Stock`], one
//! [`Holding`] each, paid for by its holder); serial numbers identify single packs for
//! verification and may travel on a shipment by name.
//! Every unit of a batch is always in exactly one place: held by someone, in transit,
//! decommissioned, or counted missing at a receipt.

use codec::{Decode, Encode, MaxEncodedLen};
use frame_support::{traits::ConstU32, BoundedVec};
use medchain_primitives::participants::Gln;
use scale_info::TypeInfo;
use sp_core::{Get, H256};
use sp_runtime::RuntimeDebug;

pub use medchain_primitives::consent::Moment;
pub use medchain_primitives::tracking::{
	BatchId, DecommissionReason, EventId, Gtin, HoldInForce, HoldRefusal, HoldSubject, HoldView,
	LineSummary, ShipmentId, ShipmentState, ShipmentSummary, TemperatureRange, Verdict,
};

/// A lot (batch) number: 1 to 20 characters of the GS1 AI 82 character set.
pub type Lot = BoundedVec<u8, ConstU32<20>>;
/// A serial number: 1 to 20 characters of the GS1 AI 82 character set.
pub type SerialNumber = BoundedVec<u8, ConstU32<20>>;
/// A US National Drug Code as printed: 10 digits in 4-4-2, 5-3-2 or 5-4-1 groups, with or
/// without hyphens (at most 12 characters).
pub type Ndc = BoundedVec<u8, ConstU32<12>>;
/// An expiry date as GS1 AI 17 writes it: YYMMDD (DD 00 = the month's last day).
pub type ExpiryDate = u32;

/// Whether `text` is 1 to 20 characters of GS1's AI encodable character set 82.
pub fn is_gs1_text(text: &[u8]) -> bool {
	const PUNCTUATION: &[u8] = b"!\"%&'()*+,-./:;<=>?_";
	!text.is_empty() && text.iter().all(|c| c.is_ascii_alphanumeric() || PUNCTUATION.contains(c))
}

/// Whether `ndc` is a 10-digit NDC, in hyphenated 4-4-2, 5-3-2 or 5-4-1 form or plain.
pub fn is_ndc(ndc: &[u8]) -> bool {
	let groups: alloc::vec::Vec<usize> = ndc.split(|c| *c == b'-').map(|g| g.len()).collect();
	let digits_only = ndc.iter().all(|c| c.is_ascii_digit() || *c == b'-');
	digits_only && matches!(groups.as_slice(), [10] | [4, 4, 2] | [5, 3, 2] | [5, 4, 1])
}

/// The first moment after the expiry date `yymmdd` (milliseconds since the Unix epoch), or
/// none if it is not a date. Years 00–99 are 2000–2099, as GS1 reads them within this
/// century.
pub fn expiry_end(yymmdd: ExpiryDate) -> Option<Moment> {
	let (year, month, day) = (2000 + yymmdd / 10_000, (yymmdd / 100) % 100, yymmdd % 100);
	if yymmdd >= 1_000_000 || !(1..=12).contains(&month) {
		return None;
	}
	let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
	let month_days = match month {
		2 if leap => 29,
		2 => 28,
		4 | 6 | 9 | 11 => 30,
		_ => 31,
	};
	let day = match day {
		0 => month_days,
		d if d <= month_days => d,
		_ => return None,
	};
	// Days from 1970-01-01 to the day after, by the civil-from-days algorithm.
	let (y, m) = if month <= 2 { (year - 1, month + 9) } else { (year, month - 3) };
	let era_day = 365 * y + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + day;
	let days_since_epoch = u64::from(era_day) - 719_469 + 1;
	Some(days_since_epoch * 24 * 60 * 60 * 1000)
}

/// The batch identity of (GTIN, lot): blake2-256 of their SCALE encoding.
pub fn batch_id(gtin: Gtin, lot: &Lot) -> BatchId {
	sp_io::hashing::blake2_256(&(gtin, lot).encode())
}

/// A pharmaceutical form (EDQM standard terms, grouped).
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, RuntimeDebug)]
pub enum DosageForm {
	/// Tablets.
	Tablet,
	/// Capsules.
	Capsule,
	/// Oral solutions, suspensions, syrups.
	OralLiquid,
	/// Injections.
	Injection,
	/// Infusions.
	Infusion,
	/// Inhalers and nebuliser solutions.
	Inhalation,
	/// Creams, ointments, gels.
	Topical,
	/// Patches.
	Transdermal,
	/// Suppositories.
	Suppository,
	/// Anything else.
	Other,
}

/// A registered product.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, RuntimeDebug)]
pub struct Product<AccountId, Balance> {
	/// The manufacturer that registered it; only it makes batches of it.
	pub manufacturer: AccountId,
	/// Its US National Drug Code, if it has one.
	pub ndc: Option<Ndc>,
	/// blake2-256 of its name (the name itself stays off chain).
	pub name_hash: H256,
	/// Its pharmaceutical form.
	pub dosage_form: DosageForm,
	/// How it must be stored.
	pub storage: TemperatureRange,
	/// The deposit held from the manufacturer.
	pub deposit: Balance,
}

/// FDA recall classes.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, RuntimeDebug)]
pub enum RecallClass {
	/// Class I: a reasonable probability of serious harm or death.
	ClassI,
	/// Class II: temporary or reversible harm is possible.
	ClassII,
	/// Class III: harm is unlikely.
	ClassIII,
}

/// A recall of a batch.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, RuntimeDebug)]
pub struct Recall<AccountId> {
	/// How serious.
	pub class: RecallClass,
	/// blake2-256 of the recall notice.
	pub reason_hash: H256,
	/// The manufacturer or regulator who recalled it.
	pub by: AccountId,
	/// When.
	pub at: Moment,
}

/// A batch (lot) of a product.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, RuntimeDebug)]
pub struct Batch<AccountId, Balance> {
	/// The product.
	pub gtin: Gtin,
	/// The lot number printed on its packs.
	pub lot: Lot,
	/// The expiry date printed on its packs (YYMMDD).
	pub expiry: ExpiryDate,
	/// How many units (packs) were made.
	pub quantity: u32,
	/// How many serial numbers were commissioned (at most `quantity`).
	pub commissioned: u32,
	/// How many units were decommissioned (dispensed, destroyed, ...).
	pub decommissioned: u32,
	/// How many units were found missing when shipments were received.
	pub missing: u32,
	/// Its manufacturer.
	pub manufacturer: AccountId,
	/// When it was created.
	pub created_at: Moment,
	/// Its recall, if recalled.
	pub recall: Option<Recall<AccountId>>,
	/// How many shipments carrying it are in transit: it cannot be retired while any is.
	pub in_transit: u32,
	/// The deposit held from the manufacturer.
	pub deposit: Balance,
}

/// What one party holds of one batch.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, RuntimeDebug)]
pub struct Holding<Balance> {
	/// How many units (never zero: an empty holding is removed and its deposit returned).
	pub units: u32,
	/// How many of them are packs held by name (active serials in this party's custody).
	/// Units shipped without naming packs come from the rest.
	pub named: u32,
	/// The deposit held from the holder for this entry.
	pub deposit: Balance,
}

/// Where a serialised pack is.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, RuntimeDebug)]
pub enum SerialState<AccountId> {
	/// In the supply chain, with its custodian.
	Active,
	/// Named on this shipment, in transit.
	InTransit(ShipmentId),
	/// Taken out of the supply chain.
	Decommissioned {
		/// Why.
		reason: DecommissionReason,
		/// The pharmacy or hospital that did it; only it may reverse it, within the window.
		by: AccountId,
		/// When.
		at: Moment,
	},
}

/// A clone signal: a pack scanned where it cannot be.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, RuntimeDebug)]
pub enum CloneSignal {
	/// Scanned after it was decommissioned.
	ScannedAfterDecommission,
	/// Scanned by someone who neither holds it nor holds any of its batch.
	ScannedElsewhere,
}

/// A serialised pack.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, RuntimeDebug)]
pub struct Serial<AccountId, Balance> {
	/// Its batch.
	pub batch: BatchId,
	/// Where it is.
	pub state: SerialState<AccountId>,
	/// Who last held it by name (the manufacturer, then each receiver of a shipment naming
	/// it).
	pub custodian: AccountId,
	/// Set when a clone signal is corroborated (see [`CloneReport`]): the pack is suspect,
	/// verifies as on hold and cannot move or be dispensed until a regulator clears it.
	pub suspect: Option<CloneSignal>,
	/// The deposit held from the manufacturer.
	pub deposit: Balance,
}

/// A quantity of one batch on a shipment.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, RuntimeDebug)]
pub struct ShipmentLine {
	/// The batch.
	pub batch: BatchId,
	/// How many units.
	pub quantity: u32,
}

/// A serialised pack, by its GTIN and serial number.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, RuntimeDebug)]
pub struct PackId {
	/// The product.
	pub gtin: Gtin,
	/// The serial number.
	pub serial: SerialNumber,
}

/// Where a shipment stands.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, RuntimeDebug)]
pub enum ShipmentStatus {
	/// Shipped, not yet received.
	InTransit,
	/// Received: `late` if after the expected arrival, `short` if fewer units were counted
	/// than shipped.
	Received {
		/// When.
		at: Moment,
		/// After the expected arrival.
		late: bool,
		/// Fewer units counted than shipped.
		short: bool,
	},
	/// Refused by the receiver; everything went back to the sender.
	Rejected {
		/// When.
		at: Moment,
		/// blake2-256 of the reason.
		reason_hash: H256,
	},
}

/// A shipment from a custodian to a registered receiver.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, RuntimeDebug)]
#[scale_info(skip_type_params(MaxLines, MaxSerials))]
pub struct Shipment<AccountId, Balance, MaxLines: Get<u32>, MaxSerials: Get<u32>> {
	/// Who sent it (the custodian of what it carries).
	pub sender: AccountId,
	/// Who is to receive it.
	pub receiver: AccountId,
	/// The carrier the sender named, if any: the one carrier that may record events on it
	/// while it is in transit.
	pub carrier: Option<AccountId>,
	/// The units shipped, per batch.
	pub lines: BoundedVec<ShipmentLine, MaxLines>,
	/// The packs shipped by name (each also counted in its batch's line).
	pub packs: BoundedVec<PackId, MaxSerials>,
	/// The units counted at receipt, per line; empty until received.
	pub counted: BoundedVec<u32, MaxLines>,
	/// When it was shipped.
	pub shipped_at: Moment,
	/// When it is expected to arrive.
	pub expected_arrival: Moment,
	/// The temperature it must be kept at.
	pub temperature: TemperatureRange,
	/// In transit, received or rejected.
	pub status: ShipmentStatus,
	/// The deposit held from the sender for this record and its trail steps.
	pub deposit: Balance,
	/// Held from the sender while in transit, for a holding of each line's batch it may need
	/// again if the shipment is rejected; returned (or moved into those holdings) at receipt
	/// or rejection.
	pub reserve: Balance,
	/// How many of its lines' batches were retired: the record goes with the last.
	pub retired_lines: u32,
}

/// Where a shipment goes, how, by when, and at what temperature (the `ship` call's terms).
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, RuntimeDebug)]
pub struct Route<AccountId> {
	/// Who is to receive it.
	pub receiver: AccountId,
	/// The carrier, if any.
	pub carrier: Option<AccountId>,
	/// When it is expected to arrive (ms since the Unix epoch).
	pub expected_arrival: Moment,
	/// The temperature it must be kept at.
	pub temperature: TemperatureRange,
}

/// What a tracking event is about.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, RuntimeDebug)]
pub enum EventSubject {
	/// A batch.
	Batch(BatchId),
	/// A shipment (and so every batch on it).
	Shipment(ShipmentId),
}

/// An EPCIS business step (GS1 Core Business Vocabulary `bizStep`), by its CBV name.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, RuntimeDebug)]
#[allow(missing_docs)]
pub enum BizStep {
	Commissioning,
	Packing,
	Shipping,
	Transporting,
	Receiving,
	Storing,
	Inspecting,
	Holding,
	Dispensing,
	Decommissioning,
	Destroying,
	Recalling,
}

/// An EPCIS disposition (GS1 Core Business Vocabulary `disposition`), by its CBV name.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, RuntimeDebug)]
#[allow(missing_docs)]
pub enum Disposition {
	Active,
	InTransit,
	InProgress,
	SellableAccessible,
	SellableNotAccessible,
	NonSellableOther,
	Damaged,
	Expired,
	Recalled,
	Stolen,
	Destroyed,
	Dispensed,
}

/// What sensors recorded over the event's period, in tenths of °C.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, RuntimeDebug)]
pub struct SensorSummary {
	/// The lowest temperature recorded.
	pub min: i16,
	/// The highest temperature recorded.
	pub max: i16,
	/// Minutes spent outside the allowed range.
	pub minutes_outside: u32,
}

/// An EPCIS event, anchored: the full document stays off chain, its hash is kept.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, RuntimeDebug)]
pub struct TrackingEvent<AccountId, Balance> {
	/// What it is about.
	pub subject: EventSubject,
	/// The business step.
	pub biz_step: BizStep,
	/// The disposition after it.
	pub disposition: Disposition,
	/// Where it happened (a GS1 GLN), if known.
	pub read_point: Option<Gln>,
	/// When it happened (milliseconds since the Unix epoch).
	pub when: Moment,
	/// Sensor readings over it, if any.
	pub sensor: Option<SensorSummary>,
	/// blake2-256 or sha-256 of the full EPCIS document.
	pub epcis_hash: H256,
	/// The event this one corrects (EPCIS errorDeclaration); events are never edited.
	pub corrects: Option<EventId>,
	/// Who recorded it.
	pub recorded_by: AccountId,
	/// When it was recorded.
	pub recorded_at: Moment,
	/// The deposit held from the recorder.
	pub deposit: Balance,
}

/// An EPCIS event to anchor (see `record_event`).
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, RuntimeDebug)]
pub struct NewEvent {
	/// What it is about: a batch or a shipment.
	pub subject: EventSubject,
	/// The business step.
	pub biz_step: BizStep,
	/// The disposition after it.
	pub disposition: Disposition,
	/// Where it happened: a GS1 GLN (13 digits), if known.
	pub read_point: Option<u64>,
	/// When it happened (milliseconds since the Unix epoch).
	pub when: Moment,
	/// Sensor readings over it, if any.
	pub sensor: Option<SensorSummary>,
	/// blake2-256 or sha-256 of the full EPCIS document.
	pub epcis_hash: H256,
	/// The event this one corrects, if any (EPCIS errorDeclaration).
	pub corrects: Option<EventId>,
}

/// One step of a batch's custody trail.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, RuntimeDebug)]
pub enum TrailEntry<AccountId> {
	/// The batch was made.
	Created { by: AccountId, quantity: u32, at: Moment },
	/// Units left `from` for `to` on a shipment.
	Shipped { shipment: ShipmentId, from: AccountId, to: AccountId, quantity: u32, at: Moment },
	/// Units arrived (`quantity` counted).
	Received { shipment: ShipmentId, by: AccountId, quantity: u32, at: Moment },
	/// A shipment was refused and its units went back.
	Rejected { shipment: ShipmentId, by: AccountId, at: Moment },
	/// An EPCIS event concerns it (directly or through a shipment).
	Event { event: EventId },
	/// It was recalled.
	Recalled { class: RecallClass, by: AccountId, at: Moment },
	/// A hold was placed on it.
	HoldPlaced { by: AccountId, at: Moment },
	/// Its hold was released by whoever placed it.
	HoldReleased { by: AccountId, at: Moment },
	/// A regulator lifted a hold that someone else placed (see `HoldOverride`).
	HoldOverridden { by: AccountId, at: Moment },
}

/// A hold on a shipment or batch.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, RuntimeDebug)]
pub struct HoldRecord<AccountId, Balance> {
	/// The hold authority or regulator who placed it.
	pub by: AccountId,
	/// When.
	pub at: Moment,
	/// blake2-256 of the reason (for example the shipment-holds case).
	pub reason_hash: H256,
	/// The deposit held from the placer until the hold ends.
	pub deposit: Balance,
}

/// A regulator's override of a hold that someone else (usually the shipment-holds contract)
/// placed. It is kept, under the subject and the hold's placer, until the placer takes note
/// of it by calling `release_hold`, so a contract's case learns that its hold is gone and why.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, RuntimeDebug)]
pub struct HoldOverride<AccountId, Balance> {
	/// The reason the lifted hold was placed with.
	pub placed_reason: H256,
	/// The regulator who lifted it.
	pub by: AccountId,
	/// When.
	pub at: Moment,
	/// blake2-256 of the regulator's reason for the override.
	pub reason_hash: H256,
	/// The deposit held from the regulator until the placer takes note.
	pub deposit: Balance,
}

/// A batch taken off the chain after its retention period: what stays for good.
///
/// The history hash proves an archived copy of the batch's history. It is computed as the
/// trail is walked, oldest step first: `h = blake2_256(SCALE(batch record))`, then for each
/// step `h = blake2_256(h ++ SCALE(step) ++ SCALE(Option<event>))`, where the event is the
/// EPCIS event a `TrailEntry::Event` step names (as the `batch_history` runtime API returns
/// it; `None` for other steps). `batch_history` read before retirement gives every input.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, RuntimeDebug)]
pub struct RetiredBatch<AccountId, Balance> {
	/// The product.
	pub gtin: Gtin,
	/// The lot.
	pub lot: Lot,
	/// The expiry date printed on its packs.
	pub expiry: ExpiryDate,
	/// Its manufacturer.
	pub manufacturer: AccountId,
	/// How many steps its trail had.
	pub trail_steps: u32,
	/// When its retirement began.
	pub retired_at: Moment,
	/// Still being removed, or done with the history's hash.
	pub state: RetirementState,
	/// The part of the manufacturer's batch deposit kept for this record.
	pub deposit: Balance,
}

/// How far a batch's retirement has come. Each `retire_batch` call does a bounded amount of
/// work and picks up where the last one stopped.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, RuntimeDebug)]
pub enum RetirementState {
	/// Hashing the trail: the next step to hash, and the hash so far.
	Hashing { next_step: u32, hash: H256 },
	/// Removing the trail, with the events about the batch and the shipments whose last
	/// batch this is: the next step to remove, and the finished history hash.
	RemovingTrail { next_step: u32, history_hash: H256 },
	/// Removing the packs: the storage key of the last pack of the product looked at (the
	/// product's packs of every batch are looked at, since they are filed by GTIN).
	RemovingPacks { after: Option<BoundedVec<u8, ConstU32<MAX_STORAGE_KEY>>>, history_hash: H256 },
	/// Removing clone reports, holdings, trail deposits and hold overrides.
	RemovingRest { history_hash: H256 },
	/// Everything is removed; every deposit went back.
	Done { history_hash: H256 },
}

/// The longest storage key of a pack (prefixes, GTIN and serial number with their hashes).
pub const MAX_STORAGE_KEY: u32 = 128;

/// One participant's report of a clone signal on a pack: a faithful copy of its label
/// scanned where the pack cannot be.
///
/// A report by a party with no units of the pack's batch does not freeze the pack by
/// itself: the pack becomes suspect when a second, independent party reports it, when the
/// reporter holds units of the batch (the pack's batch is in its hands), or when a regulator
/// confirms the report. Reports stay open, with their deposits, until a regulator clears the
/// pack or its batch.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, RuntimeDebug)]
pub struct CloneReport<AccountId, Balance> {
	/// Who scanned it.
	pub by: AccountId,
	/// What the scan showed.
	pub signal: CloneSignal,
	/// When.
	pub at: Moment,
	/// The deposit held from the reporter: larger for each report it has open.
	pub deposit: Balance,
}

/// How many independent reports make a pack suspect when no reporter holds its batch.
pub const CORROBORATING_REPORTS: u32 = 2;

/// A batch's whole history, as version 1 of the runtime API returned it, unbounded
/// (`batch_history_before_version_2`); version 2 returns a [`BatchHistoryPage`].
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, RuntimeDebug)]
pub struct BatchHistory<AccountId, Balance> {
	/// The batch.
	pub batch: Batch<AccountId, Balance>,
	/// Who holds how many units of it now.
	pub holders: alloc::vec::Vec<(AccountId, u32)>,
	/// Its custody trail, oldest first.
	pub trail: alloc::vec::Vec<TrailEntry<AccountId>>,
	/// The EPCIS events about it or its shipments, oldest first.
	pub events: alloc::vec::Vec<(EventId, TrackingEvent<AccountId, Balance>)>,
	/// Whether it is on hold.
	pub on_hold: bool,
}

/// A page of a batch's history, as the runtime API returns it: the batch and its hold state,
/// and at most a page's worth of its custody trail with the EPCIS events those steps name.
/// Who holds the batch is paged apart (`batch_holders`).
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, RuntimeDebug)]
pub struct BatchHistoryPage<AccountId, Balance> {
	/// The batch.
	pub batch: Batch<AccountId, Balance>,
	/// Whether it is on hold.
	pub on_hold: bool,
	/// How many steps its whole trail has.
	pub steps: u32,
	/// The trail's steps from the one asked for, oldest first.
	pub trail: alloc::vec::Vec<TrailEntry<AccountId>>,
	/// The EPCIS events those steps name (about the batch or its shipments), in their order.
	pub events: alloc::vec::Vec<(EventId, TrackingEvent<AccountId, Balance>)>,
	/// The step the next page starts at, or none if this page ends the trail.
	pub next: Option<u32>,
}

/// A shipment with its events, as the runtime API returns it.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, RuntimeDebug)]
#[scale_info(skip_type_params(MaxLines, MaxSerials))]
pub struct ShipmentView<AccountId, Balance, MaxLines: Get<u32>, MaxSerials: Get<u32>> {
	/// The shipment.
	pub shipment: Shipment<AccountId, Balance, MaxLines, MaxSerials>,
	/// The EPCIS events recorded on it, oldest first.
	pub events: alloc::vec::Vec<(EventId, TrackingEvent<AccountId, Balance>)>,
	/// Whether it is on hold.
	pub on_hold: bool,
}
