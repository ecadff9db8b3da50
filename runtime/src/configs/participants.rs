//! pallet-participants: the registry of organisations and people and their roles.

use crate::{Runtime, RuntimeEvent};
use frame_support::traits::ConstU32;

impl pallet_participants::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	// Two thirds of the council (on a network), or Root (sudo on the dev chain).
	type GovernanceOrigin = super::CouncilOrRoot;
	type ContractAccounts = ContractAccounts;
	// Participants are organisations and their staff, not patients: ten thousand bounds the
	// registry well above any deployment we plan.
	type MaxParticipants = ConstU32<10_000>;
	type WeightInfo = pallet_participants::weights::SubstrateWeight<Runtime>;
}

/// The accounts `pallet-contracts` has instantiated a contract at.
pub struct ContractAccounts;

impl frame_support::traits::Contains<crate::AccountId> for ContractAccounts {
	fn contains(who: &crate::AccountId) -> bool {
		pallet_contracts::Pallet::<Runtime>::code_hash(who).is_some()
	}
}
