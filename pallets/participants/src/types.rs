//! The registry's stored types.

use codec::{Decode, Encode, MaxEncodedLen};
use frame_support::{traits::ConstU32, BoundedBTreeSet, BoundedVec};
use medchain_primitives::participants::{Gln, Role, ROLE_COUNT};
use scale_info::TypeInfo;
use sp_core::H256;

/// The roles a participant holds: each at most once.
pub type RoleSet = BoundedBTreeSet<Role, ConstU32<ROLE_COUNT>>;

/// Roles as a call argument: a list, each role at most once.
pub type RoleList = BoundedVec<Role, ConstU32<ROLE_COUNT>>;

/// Whether a participant may act.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub enum ParticipantStatus {
	/// Holds its roles.
	Active,
	/// Holds no role until governance reinstates it.
	Suspended,
}

/// A registered participant. No personal data: a salted commitment to its name and, for a
/// place, its GS1 location number.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct Participant<BlockNumber> {
	/// The roles it holds (when active).
	pub roles: RoleSet,
	/// Where it is, for organisations with a location.
	pub gln: Option<Gln>,
	/// `blake2_256("medchain:name:v1" ‖ salt ‖ name)`: the name and the salt stay off chain
	/// with the participant.
	pub name_commitment: H256,
	/// Active or suspended.
	pub status: ParticipantStatus,
	/// When it was registered.
	pub registered_at: BlockNumber,
}

/// A participant in the genesis config: account, roles, GLN (as a number), name commitment.
pub type GenesisParticipant<AccountId> = (AccountId, alloc::vec::Vec<Role>, Option<u64>, H256);
