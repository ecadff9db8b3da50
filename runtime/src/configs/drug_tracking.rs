//! pallet-drug-tracking: products, batches, serials, shipments, recalls and holds.

use crate::{
	deposit, Balance, Balances, Participants, Runtime, RuntimeEvent, RuntimeHoldReason, Timestamp,
};
use frame_support::{parameter_types, traits::ConstU32};
use pallet_drug_tracking::Moment;

parameter_types! {
	// The same storage price as every other pallet (see `deposit`).
	pub const TrackingDepositBase: Balance = deposit(1, 0);
	pub const TrackingDepositPerByte: Balance = deposit(0, 1);
	// The EU FMD lets the party that decommissioned a pack reverse it for ten days.
	pub const ReversalWindow: Moment = 10 * 24 * 60 * 60 * 1000;
	// Thirty days covers sea freight between continents; an expected arrival further away
	// would keep lateness and the anomaly rules from ever firing.
	pub const MaxTransit: Moment = 30 * 24 * 60 * 60 * 1000;
	// The EU FMD (Delegated Regulation 2016/161, art. 35) keeps a pack's records for at
	// least one year after its expiry date; a year it is.
	pub const RetentionPeriod: Moment = 365 * 24 * 60 * 60 * 1000;
}

impl pallet_drug_tracking::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Currency = Balances;
	type Time = Timestamp;
	type Participants = Participants;
	// A case of packs per call keeps a call well inside a block.
	type MaxSerialsPerCall = ConstU32<100>;
	type MaxShipmentLines = ConstU32<16>;
	type MaxShipmentSerials = ConstU32<100>;
	type MaxShipmentEvents = ConstU32<64>;
	type ReversalWindow = ReversalWindow;
	type MaxTransit = MaxTransit;
	// A regulator clears a batch's reported packs in one call: 64 keeps it a small share of
	// a block. A batch with more reports than that is a case for holding the whole batch.
	type MaxReportedPacksPerBatch = ConstU32<64>;
	type RetentionPeriod = RetentionPeriod;
	// Each record removed returns a deposit (a balance hold updated): 64 of them keep a call
	// a small share of a block.
	type MaxRetireItems = ConstU32<64>;
	type DepositBase = TrackingDepositBase;
	type DepositPerByte = TrackingDepositPerByte;
	type WeightInfo = pallet_drug_tracking::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::BenchmarkHelper;
}
