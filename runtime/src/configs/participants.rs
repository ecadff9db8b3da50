//! pallet-participants: the registry of organisations and people and their roles.

use crate::{Runtime, RuntimeEvent};
use frame_support::traits::ConstU32;
use frame_system::EnsureRoot;

impl pallet_participants::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	// Governance is Root (sudo on the dev chain) until the network has a council.
	type GovernanceOrigin = EnsureRoot<crate::AccountId>;
	// Participants are organisations and their staff, not patients: ten thousand bounds the
	// registry well above any deployment we plan.
	type MaxParticipants = ConstU32<10_000>;
	type WeightInfo = pallet_participants::weights::SubstrateWeight<Runtime>;
}
