//! pallet-consent: the patient consent registry.

use crate::{
	deposit, Balance, Balances, Participants, Runtime, RuntimeEvent, RuntimeHoldReason, Timestamp,
};
use frame_support::{parameter_types, traits::ConstU32};
use pallet_consent::{Moment, DAY};

parameter_types! {
	// The same storage price as every other pallet (see `deposit`).
	pub const ConsentDepositBase: Balance = deposit(1, 0);
	pub const ConsentDepositPerByte: Balance = deposit(0, 1);
	// A week to answer a request: long enough for a patient who is not online every day.
	pub const RequestLifetime: Moment = 7 * DAY;
	// Revoked and expired consents stay readable for a day (both sides see how they ended),
	// then spare block weight removes them and returns their deposits.
	pub const AutoPurgeDelay: Moment = DAY;
}

impl pallet_consent::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Currency = Balances;
	type Time = Timestamp;
	type Participants = Participants;
	// Every decision reads all of a patient's consents, so the bound is also the decision's
	// cost: 32 covers a patient's providers, family, studies and role-wide grants.
	type MaxConsentsPerPatient = ConstU32<32>;
	type MaxProvisions = ConstU32<8>;
	type MaxGuardians = ConstU32<4>;
	type MaxPendingRequests = ConstU32<16>;
	type RequestLifetime = RequestLifetime;
	type AutoPurgeDelay = AutoPurgeDelay;
	// Twelve hours: a shift. Longer emergencies break the glass again, and are reviewed again.
	type MaxBreakGlassMinutes = ConstU32<{ 12 * 60 }>;
	// Three unreviewed episodes with one patient (a long night, renewed twice) before an
	// auditor must look, and eight a day in all: more than a shift's emergencies, far fewer
	// than a clinician browsing records under emergency cover.
	type MaxUnreviewedBreakGlass = ConstU32<3>;
	type MaxBreakGlassPerDay = ConstU32<8>;
	type DepositBase = ConsentDepositBase;
	type DepositPerByte = ConsentDepositPerByte;
	type WeightInfo = pallet_consent::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::BenchmarkHelper;
}
