//! Time and consensus: timestamp, Aura block authoring, GRANDPA finality.

use crate::{Aura, Moment, Runtime, RuntimeEvent, SLOT_DURATION};
use frame_support::traits::{ConstBool, ConstU32, ConstU64};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;

/// Enough for any permissioned validator set we expect; bounds the authority storage.
type MaxAuthorities = ConstU32<32>;

impl pallet_timestamp::Config for Runtime {
	type Moment = Moment;
	// Aura checks that every block's timestamp falls in its slot.
	type OnTimestampSet = Aura;
	type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;
	type WeightInfo = pallet_timestamp::weights::SubstrateWeight<Runtime>;
}

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = ();
	type MaxAuthorities = MaxAuthorities;
	type AllowMultipleBlocksPerSlot = ConstBool<false>;
	type SlotDuration = ConstU64<SLOT_DURATION>;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = MaxAuthorities;
	// No staking: validators are set by governance, so there is nobody to nominate and no
	// equivocation reports to process on chain.
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = ConstU64<0>;
	type KeyOwnerProof = sp_core::Void;
	type EquivocationReportSystem = ();
}
