//! # Drug tracking
//!
//! Medicines from factory to patient, shaped on GS1 EPCIS 2.0, the US DSCSA and the EU
//! Falsified Medicines Directive.
//!
//! - A manufacturer registers **products** (GTIN, NDC, name hash, dosage form, storage
//!   range) and makes **batches** of them (lot, expiry, quantity; the batch id is the hash of
//!   GTIN and lot), then commissions **serial numbers** for single packs.
//! - Custody moves by **shipments**, in two phases: the sender (who holds the units) ships
//!   quantities of batches, and optionally packs by serial number, to a registered receiver;
//!   the receiver counts what arrived and receives it, or rejects it. Short counts, rejections
//!   and late arrivals are recorded and evented.
//! - **EPCIS events** (business step, disposition, read point, time, sensor summary) are
//!   anchored by the hash of the full off-chain document; corrections are new events that
//!   reference the one they correct.
//! - A pharmacy or hospital **decommissions** a pack (dispensed, destroyed, ...) and may
//!   reverse that within the EU FMD window. Anyone may **verify** a pack (runtime API); a
//!   registered handler's **scan** also reports clone signals: a pack seen after it was
//!   decommissioned, or by someone who cannot hold it. A report is recorded and evented to
//!   the pack's holder and manufacturer; the pack becomes suspect only when the signal is
//!   corroborated (a second independent report, a report by a holder of the batch, or a
//!   regulator's confirmation), so no single party freezes goods it does not hold. Each open
//!   report holds a deposit that grows with the reporter's open reports.
//! - The manufacturer or a regulator **recalls** a batch; a hold authority (the
//!   shipment-holds contract) or a regulator **holds** a batch or shipment, which then cannot
//!   move, be received or be dispensed. Only whoever placed a hold releases it; a regulator
//!   lifts someone else's hold only by an explicit, evented **override**, which the placer
//!   sees until it takes note.
//!
//! - A batch is **retired** once its retention period is over (`RetentionPeriod` after its
//!   expiry; the EU FMD keeps records at least a year after expiry): anyone may call
//!   `retire_batch` until it is done. The records go and every deposit goes back; the hash
//!   of the full history stays, so an archived copy can be proven.
//!
//! Every unit of a batch is always in one place: with a holder, in transit, decommissioned,
//! or counted missing. Everything stored is bounded and paid for by a deposit from whoever
//! caused it: a holder pays for its holding, a placer for its hold, a recaller for its trail
//! step. No personal data is stored.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

mod features;
pub mod runtime_api;
pub mod types;
pub mod weights;

#[cfg(test)]
mod accounting_tests;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod invariant_model;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod paging_tests;
#[cfg(test)]
mod regressions;
#[cfg(test)]
mod tests;

pub use types::*;
pub use weights::WeightInfo;

/// What the benchmarks need from a runtime: participants in roles, and a clock.
#[cfg(feature = "runtime-benchmarks")]
pub use medchain_primitives::benchmarking::BenchmarkHelper;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{fungible, Time},
	};
	use frame_system::pallet_prelude::*;
	use medchain_primitives::participants::ParticipantRoles;
	use sp_core::H256;

	/// The balance type of the currency deposits are held in.
	pub type BalanceOf<T> = <<T as Config>::Currency as fungible::Inspect<
		<T as frame_system::Config>::AccountId,
	>>::Balance;
	/// A product as this runtime stores it.
	pub type ProductOf<T> = Product<<T as frame_system::Config>::AccountId, BalanceOf<T>>;
	/// A batch as this runtime stores it.
	pub type BatchOf<T> = Batch<<T as frame_system::Config>::AccountId, BalanceOf<T>>;
	/// A serial as this runtime stores it.
	pub type SerialOf<T> = Serial<<T as frame_system::Config>::AccountId, BalanceOf<T>>;
	/// A shipment as this runtime stores it.
	pub type ShipmentOf<T> = Shipment<
		<T as frame_system::Config>::AccountId,
		BalanceOf<T>,
		<T as Config>::MaxShipmentLines,
		<T as Config>::MaxShipmentSerials,
	>;
	/// An EPCIS event as this runtime stores it.
	pub type EventOf<T> = TrackingEvent<<T as frame_system::Config>::AccountId, BalanceOf<T>>;
	/// A trail entry as this runtime stores it.
	pub type TrailEntryOf<T> = TrailEntry<<T as frame_system::Config>::AccountId>;
	/// A shipment's route as this runtime takes it.
	pub type RouteOf<T> = Route<<T as frame_system::Config>::AccountId>;
	/// A shipment as the chain extension reports it to contracts.
	pub type ShipmentSummaryOf<T> = ShipmentSummary<<T as frame_system::Config>::AccountId>;
	/// The lines of one shipment.
	pub type LinesOf<T> = BoundedVec<ShipmentLine, <T as Config>::MaxShipmentLines>;
	/// The counted quantities of one receipt, one per line.
	pub type CountsOf<T> = BoundedVec<u32, <T as Config>::MaxShipmentLines>;
	/// The packs named on one shipment.
	pub type PacksOf<T> = BoundedVec<PackId, <T as Config>::MaxShipmentSerials>;
	/// A batch's history as the runtime API returns it.
	pub type BatchHistoryOf<T> = BatchHistory<<T as frame_system::Config>::AccountId, BalanceOf<T>>;
	/// A page of a batch's history as the runtime API returns it.
	pub type BatchHistoryPageOf<T> =
		BatchHistoryPage<<T as frame_system::Config>::AccountId, BalanceOf<T>>;
	/// A page of a batch's holders (account, units) as the runtime API returns it.
	pub type HoldersPageOf<T> = medchain_primitives::paging::Page<
		(<T as frame_system::Config>::AccountId, u32),
		<T as frame_system::Config>::AccountId,
	>;
	/// A shipment as the runtime API returns it.
	pub type ShipmentViewOf<T> = ShipmentView<
		<T as frame_system::Config>::AccountId,
		BalanceOf<T>,
		<T as Config>::MaxShipmentLines,
		<T as Config>::MaxShipmentSerials,
	>;
	/// The serial numbers of one commissioning call.
	pub type SerialsOf<T> = BoundedVec<SerialNumber, <T as Config>::MaxSerialsPerCall>;
	/// A clone report as this runtime stores it.
	pub type CloneReportOf<T> = CloneReport<<T as frame_system::Config>::AccountId, BalanceOf<T>>;
	/// The open clone reports on one pack (at most as many as it takes to corroborate).
	pub type PackReportsOf<T> = BoundedVec<CloneReportOf<T>, ConstU32<CORROBORATING_REPORTS>>;
	/// A hold override as this runtime stores it.
	pub type HoldOverrideOf<T> = HoldOverride<<T as frame_system::Config>::AccountId, BalanceOf<T>>;
	/// A hold as this runtime stores it.
	pub type HoldRecordOf<T> = HoldRecord<<T as frame_system::Config>::AccountId, BalanceOf<T>>;
	/// A holding as this runtime stores it.
	pub type HoldingOf<T> = Holding<BalanceOf<T>>;
	/// A retired batch as this runtime stores it.
	pub type RetiredBatchOf<T> = RetiredBatch<<T as frame_system::Config>::AccountId, BalanceOf<T>>;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The overarching event type.
		type RuntimeEvent: From<Event<Self>> + IsType<<Self as frame_system::Config>::RuntimeEvent>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// The currency deposits are held in.
		type Currency: fungible::Mutate<Self::AccountId>
			+ fungible::MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The chain's clock (milliseconds since the Unix epoch).
		type Time: Time<Moment = Moment>;

		/// The participant registry: manufacturers, pharmacies, carriers, regulators, ...
		type Participants: ParticipantRoles<Self::AccountId>;

		/// The most serial numbers one `commission_serials` call takes.
		#[pallet::constant]
		type MaxSerialsPerCall: Get<u32>;

		/// The most batch lines on one shipment.
		#[pallet::constant]
		type MaxShipmentLines: Get<u32>;

		/// The most packs named on one shipment.
		#[pallet::constant]
		type MaxShipmentSerials: Get<u32>;

		/// The most EPCIS events one shipment keeps.
		#[pallet::constant]
		type MaxShipmentEvents: Get<u32>;

		/// How long a decommissioning may be reversed by the party that made it
		/// (milliseconds; the EU FMD allows ten days).
		#[pallet::constant]
		type ReversalWindow: Get<Moment>;

		/// The longest a shipment may be expected to take (milliseconds): a later expected
		/// arrival would keep the lateness rules and the anomaly oracle from ever firing.
		#[pallet::constant]
		type MaxTransit: Get<Moment>;

		/// The most packs of one batch with open clone reports. A regulator clears them all
		/// in one `clear_batch_suspects` call, whose weight this bounds.
		#[pallet::constant]
		type MaxReportedPacksPerBatch: Get<u32>;

		/// How long after its expiry a batch's records must be kept before it may be retired
		/// (milliseconds; the EU FMD asks for at least one year).
		#[pallet::constant]
		type RetentionPeriod: Get<Moment>;

		/// The most records one `retire_batch` call looks at or removes (a shipment removed
		/// with its events may take it a few past this).
		#[pallet::constant]
		type MaxRetireItems: Get<u32>;

		/// The deposit for storing anything, per item.
		#[pallet::constant]
		type DepositBase: Get<BalanceOf<Self>>;

		/// The deposit for storing anything, per byte.
		#[pallet::constant]
		type DepositPerByte: Get<BalanceOf<Self>>;

		/// Benchmarked weights of the calls.
		type WeightInfo: WeightInfo;

		/// Sets up participants and time for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Why the pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit for a stored product, batch, serial, shipment or event.
		#[codec(index = 0)]
		StorageDeposit,
	}

	/// Registered products, by GTIN.
	#[pallet::storage]
	pub type Products<T: Config> = StorageMap<_, Twox64Concat, Gtin, ProductOf<T>>;

	/// Batches, by id (blake2-256 of GTIN and lot).
	#[pallet::storage]
	pub type Batches<T: Config> = StorageMap<_, Identity, BatchId, BatchOf<T>>;

	/// Serialised packs, by GTIN and serial number (unique per GTIN).
	#[pallet::storage]
	pub type Serials<T: Config> =
		StorageDoubleMap<_, Twox64Concat, Gtin, Blake2_128Concat, SerialNumber, SerialOf<T>>;

	/// What each holder has of each batch: its units, how many of them it holds by name, and
	/// the deposit it pays for the entry.
	#[pallet::storage]
	pub type Stock<T: Config> =
		StorageDoubleMap<_, Identity, BatchId, Blake2_128Concat, T::AccountId, HoldingOf<T>>;

	/// Shipments, by number.
	#[pallet::storage]
	pub type Shipments<T: Config> = StorageMap<_, Twox64Concat, ShipmentId, ShipmentOf<T>>;

	/// The number the next shipment gets.
	#[pallet::storage]
	pub type NextShipmentId<T: Config> = StorageValue<_, ShipmentId, ValueQuery>;

	/// EPCIS events, by number.
	#[pallet::storage]
	pub type Events<T: Config> = StorageMap<_, Twox64Concat, EventId, EventOf<T>>;

	/// The number the next event gets.
	#[pallet::storage]
	pub type NextEventId<T: Config> = StorageValue<_, EventId, ValueQuery>;

	/// The events recorded on each shipment, oldest first.
	#[pallet::storage]
	pub type ShipmentEvents<T: Config> = StorageMap<
		_,
		Twox64Concat,
		ShipmentId,
		BoundedVec<EventId, T::MaxShipmentEvents>,
		ValueQuery,
	>;

	/// Each batch's custody trail, by step number. Append-only; every entry is paid for by
	/// the deposit of the call that made it (shipments pay for their receipt in advance).
	#[pallet::storage]
	pub type Trail<T: Config> =
		StorageDoubleMap<_, Identity, BatchId, Twox64Concat, u32, TrailEntryOf<T>>;

	/// How many steps each batch's trail has.
	#[pallet::storage]
	pub type TrailLength<T: Config> = StorageMap<_, Identity, BatchId, u32, ValueQuery>;

	/// The deposits held for each batch's trail steps that no record of their own pays for
	/// (recalls, holds placed, released and overridden), by payer; returned at retirement.
	#[pallet::storage]
	pub type TrailDeposits<T: Config> = StorageDoubleMap<
		_,
		Identity,
		BatchId,
		Blake2_128Concat,
		T::AccountId,
		BalanceOf<T>,
		ValueQuery,
	>;

	/// Holds on shipments and batches, with who placed each: only the placer releases it.
	#[pallet::storage]
	pub type Holds<T: Config> = StorageMap<_, Blake2_128Concat, HoldSubject, HoldRecordOf<T>>;

	/// Batches retired after their retention period (or being retired), with the hash of
	/// their full history. A retired lot is never made again.
	#[pallet::storage]
	pub type RetiredBatches<T: Config> = StorageMap<_, Identity, BatchId, RetiredBatchOf<T>>;

	/// Holds a regulator lifted over their placer, by subject and placer, until the placer
	/// takes note by calling `release_hold`.
	#[pallet::storage]
	pub type HoldOverrides<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		HoldSubject,
		Blake2_128Concat,
		T::AccountId,
		HoldOverrideOf<T>,
	>;

	/// Open clone reports, by batch and pack.
	#[pallet::storage]
	pub type CloneReports<T: Config> =
		StorageDoubleMap<_, Identity, BatchId, Blake2_128Concat, PackId, PackReportsOf<T>>;

	/// How many packs of each batch have open clone reports (at most
	/// `MaxReportedPacksPerBatch`).
	#[pallet::storage]
	pub type ReportedPacks<T: Config> = StorageMap<_, Identity, BatchId, u32, ValueQuery>;

	/// How many clone reports each participant has open: each new one costs a larger deposit.
	#[pallet::storage]
	pub type OpenReports<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A manufacturer registered a product.
		ProductRegistered { gtin: Gtin, manufacturer: T::AccountId },
		/// A manufacturer made a batch of a product.
		BatchCreated { batch: BatchId, gtin: Gtin, lot: Lot, quantity: u32 },
		/// Serial numbers were commissioned for a batch.
		SerialsCommissioned { batch: BatchId, count: u32 },
		/// A shipment left its sender.
		Shipped {
			shipment: ShipmentId,
			sender: T::AccountId,
			receiver: T::AccountId,
			carrier: Option<T::AccountId>,
			expected_arrival: Moment,
		},
		/// A shipment was received.
		Received { shipment: ShipmentId, receiver: T::AccountId },
		/// Fewer units were counted at receipt than were shipped: the difference is missing.
		QuantityMismatch { shipment: ShipmentId, batch: BatchId, shipped: u32, counted: u32 },
		/// A shipment arrived after its expected arrival.
		LateArrival { shipment: ShipmentId, expected: Moment, arrived: Moment },
		/// The receiver refused a shipment; its units went back to the sender.
		Rejected { shipment: ShipmentId, receiver: T::AccountId, reason_hash: H256 },
		/// An EPCIS event was anchored.
		EventRecorded { event: EventId, subject: EventSubject, corrects: Option<EventId> },
		/// A pack was taken out of the supply chain.
		Decommissioned { gtin: Gtin, serial: SerialNumber, reason: DecommissionReason },
		/// A decommissioning was reversed within the window.
		DecommissionReversed { gtin: Gtin, serial: SerialNumber },
		/// A pack was scanned; `verdict` is what it verified as.
		Scanned { gtin: Gtin, serial: SerialNumber, by: T::AccountId, verdict: Verdict },
		/// A pack was scanned where it cannot be, and the report was recorded: `custodian`
		/// (who holds the pack by name) and `manufacturer` are told. `reports` is how many
		/// independent reports the pack has open; the pack is frozen only once the signal is
		/// corroborated (see `CloneSuspected`).
		CloneReported {
			gtin: Gtin,
			serial: SerialNumber,
			by: T::AccountId,
			signal: CloneSignal,
			custodian: T::AccountId,
			manufacturer: T::AccountId,
			reports: u32,
		},
		/// A clone signal was corroborated (a second independent report, a report by a holder
		/// of the batch, or a regulator's confirmation): the pack may be a clone and is now
		/// suspect. It verifies as on hold and cannot move until a regulator clears it.
		CloneSuspected { gtin: Gtin, serial: SerialNumber, by: T::AccountId, signal: CloneSignal },
		/// A regulator cleared a pack: it is no longer suspect, and its reports were closed
		/// (their deposits returned).
		SuspectCleared { gtin: Gtin, serial: SerialNumber },
		/// A regulator cleared every reported pack of a batch: `packs` packs, their reports
		/// closed and deposits returned.
		BatchSuspectsCleared { batch: BatchId, packs: u32 },
		/// A batch's retirement began: its records are being removed (`retire_batch` until
		/// `BatchRetired`).
		BatchRetirementStarted { batch: BatchId, by: T::AccountId },
		/// A batch is retired: its records are gone, every deposit went back, and
		/// `history_hash` proves an archived copy of its history (see `RetiredBatch`).
		BatchRetired { batch: BatchId, history_hash: H256 },
		/// A batch was recalled: every pack of it verifies as recalled.
		BatchRecalled { batch: BatchId, class: RecallClass, by: T::AccountId },
		/// A shipment or batch was put on hold.
		HoldPlaced { subject: HoldSubject, by: T::AccountId, reason_hash: H256 },
		/// A hold was released by whoever placed it; `resolution_hash` is the hash of the
		/// finding that ended it.
		HoldReleased { subject: HoldSubject, by: T::AccountId, resolution_hash: H256 },
		/// A regulator lifted a hold that `placed_by` (for example the shipment-holds
		/// contract) placed, overriding its own release process; `reason_hash` is the hash of
		/// the regulator's reason. The placer sees the override until it takes note.
		HoldOverridden {
			subject: HoldSubject,
			placed_by: T::AccountId,
			by: T::AccountId,
			reason_hash: H256,
		},
		/// The placer of an overridden hold took note of the override; the regulator's
		/// deposit was returned.
		HoldOverrideNoted { subject: HoldSubject, placed_by: T::AccountId, by: T::AccountId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// Only an active registered manufacturer may do this.
		NotAManufacturer,
		/// The GTIN has more than 14 digits or a wrong check digit.
		InvalidGtin,
		/// The NDC is not 10 digits in 4-4-2, 5-3-2 or 5-4-1 form.
		InvalidNdc,
		/// The temperature range ends below where it starts.
		InvalidTemperatureRange,
		/// A shipment's temperature range must lie inside the storage range of every product
		/// on it.
		OutsideStorageRange,
		/// The expected arrival is further away than the longest transit allowed
		/// (`MaxTransit`).
		ArrivalTooFar,
		/// You hold fewer units of this batch without serial numbers than the serial numbers
		/// you want to commission.
		NotEnoughUnnamedUnits,
		/// This GTIN is registered already.
		ProductExists,
		/// No product has this GTIN.
		UnknownProduct,
		/// Only the product's or batch's manufacturer may do this.
		NotTheManufacturer,
		/// The lot is empty, too long or uses characters outside GS1's set.
		InvalidLot,
		/// The expiry date is not a valid YYMMDD date, or it has passed.
		InvalidExpiry,
		/// A batch needs at least one unit.
		ZeroQuantity,
		/// This lot of this product exists already.
		BatchExists,
		/// No such batch.
		UnknownBatch,
		/// A serial number is empty, too long or uses characters outside GS1's set.
		InvalidSerial,
		/// A serial number is listed twice.
		DuplicateSerial,
		/// A serial number exists already for this GTIN.
		SerialExists,
		/// More serial numbers than units in the batch.
		TooManySerials,
		/// No such pack.
		UnknownSerial,
		/// Only an active registered participant may do this.
		NotAParticipant,
		/// The receiver is not an active registered participant.
		ReceiverNotAParticipant,
		/// The named carrier is not an active registered carrier.
		NotACarrier,
		/// A shipment goes to someone else.
		ShipToSelf,
		/// A shipment carries at least one unit of at least one batch.
		NoLines,
		/// A batch is listed twice, or with no units.
		InvalidLine,
		/// The sender does not hold that many units of a batch (besides the packs it holds by
		/// name and does not name on this shipment).
		InsufficientStock,
		/// A named pack is not active with the sender, is named twice, or its batch is not on
		/// the shipment in that number.
		PackNotShippable,
		/// The expected arrival is in the past.
		ArrivalInPast,
		/// No shipment has this number.
		UnknownShipment,
		/// Only the shipment's receiver may do this.
		NotTheReceiver,
		/// The shipment is not in transit.
		NotInTransit,
		/// Give one counted quantity per shipment line, none above what was shipped and none
		/// below the packs named on that line.
		InvalidCounts,
		/// The batch is recalled: it cannot be shipped or received as saleable.
		BatchRecalled,
		/// The shipment, batch or pack is on hold.
		OnHold,
		/// The read point is not a GS1 GLN (13 digits with a valid check digit).
		InvalidReadPoint,
		/// Only the sender, the receiver, a carrier (while in transit), the manufacturer, a
		/// holder of the batch or a regulator may record an event on this.
		NotInvolved,
		/// No event has this number, or it is about something else.
		InvalidCorrection,
		/// Only the party that recorded an event may correct it.
		NotTheRecorder,
		/// The shipment has as many events as it may keep.
		TooManyEvents,
		/// The pack is past its expiry date: it cannot be dispensed.
		Expired,
		/// Only an active registered pharmacy or hospital may decommission packs.
		NotADispenser,
		/// The pack is not active with you: packs are dispensed by the party that received them
		/// by name.
		NotTheCustodian,
		/// The pack is decommissioned already.
		AlreadyDecommissioned,
		/// The pack is not decommissioned.
		NotDecommissioned,
		/// Only the party that decommissioned the pack may reverse it.
		NotTheDecommissioner,
		/// The reversal window is over.
		ReversalWindowOver,
		/// The batch is recalled already.
		AlreadyRecalled,
		/// Only the batch's manufacturer or a regulator may recall it.
		NotAllowedToRecall,
		/// Only a hold authority or a regulator may place and release holds.
		NotAHoldAuthority,
		/// This is on hold already.
		AlreadyHeld,
		/// This is not on hold (and you have no overridden hold on it to take note of).
		NotHeld,
		/// Someone else placed this hold: only they may release it. A regulator may lift it
		/// with `override_hold`.
		NotTheHoldPlacer,
		/// You placed this hold yourself: release it with `release_hold`.
		OwnHold,
		/// Only a regulator may do this.
		NotARegulator,
		/// The pack is not suspect and has no open clone reports.
		NotSuspect,
		/// The pack has no open clone report to confirm.
		NoCloneReport,
		/// The pack is suspect already.
		AlreadySuspect,
		/// The batch has as many packs with open clone reports as it may keep; a regulator
		/// must review them (`clear_batch_suspects`) or hold the batch.
		TooManyReports,
		/// The batch's retention period is not over: it may be retired `RetentionPeriod` after
		/// its expiry.
		RetentionNotOver,
		/// Shipments carrying the batch are in transit: they must be received or rejected
		/// before it is retired.
		StillInTransit,
		/// The batch is retired already.
		AlreadyRetired,
		/// This lot of this product was made and retired: a lot number is never used twice.
		LotRetired,
		/// The deposit could not be held: the balance is too low.
		CannotHoldDeposit,
		/// A number overflowed.
		Overflow,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Register a product, as a manufacturer: its `gtin` (up to 14 digits with a valid
		/// check digit), optional `ndc` (e.g. "0002-3227-30"), the blake2-256 hash of its
		/// name, its dosage form and its storage range in tenths of °C (2–8 °C = 20..80).
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_product())]
		pub fn register_product(
			origin: OriginFor<T>,
			gtin: u64,
			ndc: Option<Ndc>,
			name_hash: H256,
			dosage_form: DosageForm,
			storage: TemperatureRange,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_register_product(who, gtin, ndc, name_hash, dosage_form, storage)
		}

		/// Make a batch of one of your products: its `lot` (1–20 GS1 characters), `expiry`
		/// as printed (YYMMDD) and `quantity` of units, which you then hold. The batch id
		/// (blake2-256 of GTIN and lot) is in the `BatchCreated` event.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::create_batch())]
		pub fn create_batch(
			origin: OriginFor<T>,
			gtin: u64,
			lot: Lot,
			expiry: ExpiryDate,
			quantity: u32,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_create_batch(who, gtin, lot, expiry, quantity).map(|_| ())
		}

		/// Commission serial numbers (1–20 GS1 characters each, unique per GTIN) for packs of
		/// one of your batches, as its active manufacturer: at most its quantity in all, and
		/// only for units you still hold without serial numbers.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::commission_serials(serials.len() as u32))]
		pub fn commission_serials(
			origin: OriginFor<T>,
			batch: BatchId,
			serials: SerialsOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_commission(who, batch, serials)
		}

		/// Ship units you hold to a registered `receiver`, optionally through a registered
		/// `carrier` (the only carrier then allowed to record events on it): `lines` of batch
		/// and quantity, optionally naming packs by serial number (each counted in its
		/// batch's line), with the expected arrival (ms since the Unix epoch, at most
		/// `MaxTransit` from now) and the temperature range to keep (inside every product's
		/// storage range). The units are in transit until the receiver receives or rejects
		/// them.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::ship(lines.len() as u32, packs.len() as u32))]
		pub fn ship(
			origin: OriginFor<T>,
			receiver: T::AccountId,
			carrier: Option<T::AccountId>,
			lines: LinesOf<T>,
			packs: PacksOf<T>,
			expected_arrival: Moment,
			temperature: TemperatureRange,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let route = Route { receiver, carrier, expected_arrival, temperature };
			Self::do_ship(who, route, lines, packs).map(|_| ())
		}

		/// Receive a shipment addressed to you, as an active participant, with the units you
		/// counted for each line (in the shipment's order). Counting fewer than shipped
		/// records the difference as missing; arriving after the expected time is recorded as
		/// late. A holding of a batch you did not hold before takes a deposit from you. You
		/// pay for the shipment's lines and named packs, not for the largest shipment.
		#[pallet::call_index(4)]
		#[allow(clippy::useless_conversion)]
		#[pallet::weight(T::WeightInfo::receive(
			T::MaxShipmentLines::get(),
			T::MaxShipmentSerials::get()
		))]
		pub fn receive(
			origin: OriginFor<T>,
			shipment: ShipmentId,
			counted: CountsOf<T>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let (lines, packs) = Self::do_receive(who, shipment, counted)?;
			Ok(Some(T::WeightInfo::receive(lines, packs)).into())
		}

		/// Refuse a shipment addressed to you, as an active participant, with the hash of your
		/// reason: everything on it goes back to the sender. You pay for the shipment's lines
		/// and named packs.
		#[pallet::call_index(5)]
		#[allow(clippy::useless_conversion)]
		#[pallet::weight(T::WeightInfo::reject(
			T::MaxShipmentLines::get(),
			T::MaxShipmentSerials::get()
		))]
		pub fn reject(
			origin: OriginFor<T>,
			shipment: ShipmentId,
			reason_hash: H256,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let (lines, packs) = Self::do_reject(who, shipment, reason_hash)?;
			Ok(Some(T::WeightInfo::reject(lines, packs)).into())
		}

		/// Anchor an EPCIS event about a batch or shipment: business step, disposition, read
		/// point (GLN), when it happened, a sensor summary and the hash of the full EPCIS
		/// document. To correct an event you recorded, record a new one naming it in
		/// `corrects`. An event on a shipment joins the trail of each batch on it; you pay for
		/// those batches.
		#[pallet::call_index(6)]
		#[allow(clippy::useless_conversion)]
		#[pallet::weight(T::WeightInfo::record_event(T::MaxShipmentLines::get()))]
		pub fn record_event(origin: OriginFor<T>, event: NewEvent) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let (_, batches) = Self::do_record_event(who, event)?;
			Ok(Some(T::WeightInfo::record_event(batches)).into())
		}

		/// Take a pack you hold out of the supply chain, as a pharmacy or hospital
		/// (dispensed, destroyed, ...). You may reverse it within `ReversalWindow`.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::decommission())]
		pub fn decommission(
			origin: OriginFor<T>,
			gtin: u64,
			serial: SerialNumber,
			reason: DecommissionReason,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_decommission(who, gtin, serial, reason)
		}

		/// Reverse your own decommissioning of a pack, within `ReversalWindow`.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::reverse_decommission())]
		pub fn reverse_decommission(
			origin: OriginFor<T>,
			gtin: u64,
			serial: SerialNumber,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_reverse_decommission(who, gtin, serial)
		}

		/// Scan a pack, as a registered participant: the `Scanned` event gives its verdict.
		///
		/// A manufacturer, wholesaler, pharmacy or hospital scanning a faithful copy of a
		/// pack after it was decommissioned, or while neither it nor any of its batch is with
		/// them, reports a clone signal (`CloneReported`; a deposit is held from you, larger
		/// for each report you have open, until a regulator reviews it). The pack is frozen
		/// (`CloneSuspected`: it verifies as on hold) only when the signal is corroborated: by
		/// a second independent report, by a reporter who holds units of the batch, or by a
		/// regulator.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::scan())]
		pub fn scan(
			origin: OriginFor<T>,
			gtin: u64,
			serial: SerialNumber,
			lot: Lot,
			expiry: ExpiryDate,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_scan(who, gtin, serial, lot, expiry).map(|_| ())
		}

		/// Recall a batch, as its manufacturer or a regulator, with its class and the hash of
		/// the recall notice: every pack of it verifies as recalled, and it can no longer be
		/// shipped or received.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::recall())]
		pub fn recall(
			origin: OriginFor<T>,
			batch: BatchId,
			class: RecallClass,
			reason_hash: H256,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_recall(who, batch, class, reason_hash)
		}

		/// Put a shipment or batch on hold, as a hold authority or regulator: it cannot be
		/// shipped, received or dispensed until released. The hold is yours: only you release
		/// it.
		#[pallet::call_index(11)]
		#[pallet::weight(Pallet::<T>::place_hold_weight(subject))]
		pub fn place_hold(
			origin: OriginFor<T>,
			subject: HoldSubject,
			reason_hash: H256,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_place_hold(who, subject, reason_hash)
		}

		/// Release a hold you placed, as a hold authority or regulator, with the hash of the
		/// finding that ends it. If a regulator overrode your hold, this takes note of the
		/// override (`HoldOverrideNoted`) and lifts nothing else.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::release_hold())]
		pub fn release_hold(
			origin: OriginFor<T>,
			subject: HoldSubject,
			resolution_hash: H256,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_release_hold(who, subject, resolution_hash)
		}

		/// Clear a pack after investigation, as a regulator: it is no longer suspect, and its
		/// clone reports are closed (their deposits go back to the reporters).
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::clear_suspect())]
		pub fn clear_suspect(
			origin: OriginFor<T>,
			gtin: u64,
			serial: SerialNumber,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_clear_suspect(who, gtin, serial)
		}

		/// Lift a hold someone else placed, as a regulator, with the hash of your reason: for
		/// example a shipment-holds contract's hold, without its two-signer release. The
		/// placer sees the override (`HoldOverrides`) until it takes note, so its case does
		/// not go on believing its hold is in place. A deposit is held from you until then.
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::override_hold())]
		pub fn override_hold(
			origin: OriginFor<T>,
			subject: HoldSubject,
			reason_hash: H256,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_override_hold(who, subject, reason_hash)
		}

		/// Confirm a pack's open clone report, as a regulator: the pack becomes suspect at
		/// once, without waiting for a second report.
		#[pallet::call_index(15)]
		#[pallet::weight(T::WeightInfo::confirm_clone_report())]
		pub fn confirm_clone_report(
			origin: OriginFor<T>,
			gtin: u64,
			serial: SerialNumber,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_confirm_clone_report(who, gtin, serial)
		}

		/// Clear every reported or suspect pack of a batch in one call, as a regulator: the
		/// packs are no longer suspect and their reports are closed (deposits go back). You
		/// pay only for the packs there were.
		#[pallet::call_index(16)]
		// The call macro converts the post-dispatch result into itself.
		#[allow(clippy::useless_conversion)]
		#[pallet::weight(T::WeightInfo::clear_batch_suspects(T::MaxReportedPacksPerBatch::get()))]
		pub fn clear_batch_suspects(
			origin: OriginFor<T>,
			batch: BatchId,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let packs = Self::do_clear_batch_suspects(who, batch)?;
			Ok(Some(T::WeightInfo::clear_batch_suspects(packs)).into())
		}

		/// Retire a batch whose retention period is over (`RetentionPeriod` after its expiry),
		/// as anyone: its records (trail, packs, holdings, events, clone reports, and the
		/// shipments whose last batch it is) are removed and every deposit goes back to
		/// whoever paid it. No shipment carrying it may be in transit, and it may not be on
		/// hold.
		///
		/// Each call does at most `MaxRetireItems` records' work and you pay only for what it
		/// did; call again until `BatchRetired`, which gives the hash of the full history
		/// (`RetiredBatches` keeps it for good, so an archived copy can be proven).
		#[pallet::call_index(17)]
		#[allow(clippy::useless_conversion)]
		#[pallet::weight(T::WeightInfo::retire_batch(Pallet::<T>::max_retire_work()))]
		pub fn retire_batch(origin: OriginFor<T>, batch: BatchId) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let work = Self::do_retire_batch(who, batch)?;
			Ok(Some(T::WeightInfo::retire_batch(work)).into())
		}
	}
}
