//! Governance: the council (pallet-collective, its members kept by pallet-membership).
//!
//! On a network (the `local` preset) there is no sudo key: registering, updating,
//! suspending, reinstating and removing participants, hold authorities included, are council
//! motions that pass with two thirds of the members. The dev chain keeps sudo beside the
//! council, so one developer can drive everything.

use crate::{AccountId, BlockNumber, Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin, DAYS};
use frame_support::{
	parameter_types,
	traits::{ConstU32, EitherOfDiverse},
	weights::Weight,
};
use frame_system::EnsureRoot;
use sp_runtime::Perbill;

/// The council's instance of pallet-collective (and of pallet-membership).
pub type CouncilInstance = pallet_collective::Instance1;

/// Two thirds of the council, or Root (sudo on the dev chain).
pub type CouncilOrRoot = EitherOfDiverse<
	EnsureRoot<AccountId>,
	pallet_collective::EnsureProportionAtLeast<AccountId, CouncilInstance, 2, 3>,
>;

parameter_types! {
	// A week to vote: members are organisations' officers, not always online.
	pub const CouncilMotionDuration: BlockNumber = 7 * DAYS;
	// A motion may use at most half a block when it is executed.
	pub CouncilMaxProposalWeight: Weight =
		Perbill::from_percent(50) * super::RuntimeBlockWeights::get().max_block;
}

impl pallet_collective::Config<CouncilInstance> for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = CouncilMotionDuration;
	type MaxProposals = ConstU32<32>;
	type MaxMembers = ConstU32<16>;
	// A member who does not vote follows the prime member, or counts as voting no.
	type DefaultVote = pallet_collective::PrimeDefaultVote;
	type WeightInfo = pallet_collective::weights::SubstrateWeight<Runtime>;
	// Members are kept by pallet-membership, never set directly.
	type SetMembersOrigin = EnsureRoot<AccountId>;
	type MaxProposalWeight = CouncilMaxProposalWeight;
}

impl pallet_membership::Config<CouncilInstance> for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type AddOrigin = CouncilOrRoot;
	type RemoveOrigin = CouncilOrRoot;
	type SwapOrigin = CouncilOrRoot;
	type ResetOrigin = CouncilOrRoot;
	type PrimeOrigin = CouncilOrRoot;
	type MembershipInitialized = crate::Council;
	type MembershipChanged = crate::Council;
	type MaxMembers = ConstU32<16>;
	type WeightInfo = pallet_membership::weights::SubstrateWeight<Runtime>;
}
