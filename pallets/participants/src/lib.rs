//! # Participants
//!
//! Who takes part in MedChain and in which roles. Governance registers organisations and
//! people (manufacturers, wholesalers, carriers, pharmacies, hospitals, clinicians,
//! researchers, regulators, auditors, anomaly oracles, hold authorities), suspends and
//! reinstates them, and removes them. A suspended participant holds no role.
//!
//! Other pallets ask through [`ParticipantRoles`] (`has_role`, `is_active`, `gln_of`),
//! which this pallet implements, never through its storage.
//!
//! No personal data is stored: an account, its roles, a salted commitment to its name
//! (`medchain_primitives::participants::name_commitment`: the salt stays off chain, so a list
//! of likely names does not reverse it) and, for a place, its GS1 Global Location Number.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

mod features;
pub mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use medchain_primitives::participants::{Gln, ParticipantRoles, Role};
pub use types::*;
pub use weights::WeightInfo;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;
	use sp_core::H256;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The overarching event type.
		type RuntimeEvent: From<Event<Self>> + IsType<<Self as frame_system::Config>::RuntimeEvent>;

		/// Who may register, change, suspend and remove participants (Root on the dev chain).
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The accounts that are contracts: only a contract account may be a `HoldAuthority`
		/// (the shipment-holds contract), never an account someone signs with.
		type ContractAccounts: frame_support::traits::Contains<Self::AccountId>;

		/// The most participants the registry holds.
		#[pallet::constant]
		type MaxParticipants: Get<u32>;

		/// Benchmarked weights of the calls.
		type WeightInfo: WeightInfo;
	}

	/// The registered participants.
	#[pallet::storage]
	pub type Participants<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, Participant<BlockNumberFor<T>>>;

	/// How many participants are registered.
	#[pallet::storage]
	pub type ParticipantCount<T: Config> = StorageValue<_, u32, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A participant was registered with these roles.
		Registered { who: T::AccountId, roles: RoleSet, gln: Option<Gln> },
		/// A participant's roles, location or name commitment changed.
		Updated { who: T::AccountId, roles: RoleSet, gln: Option<Gln> },
		/// A participant was suspended: it holds no role until reinstated.
		Suspended { who: T::AccountId },
		/// A suspended participant holds its roles again.
		Reinstated { who: T::AccountId },
		/// A participant was removed from the registry.
		Removed { who: T::AccountId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// This account is registered already.
		AlreadyRegistered,
		/// This account is not a registered participant.
		NotRegistered,
		/// A participant must hold at least one role.
		NoRoles,
		/// The same role is listed twice.
		DuplicateRole,
		/// The location is not a GS1 GLN: more than 13 digits, or a wrong check digit.
		InvalidGln,
		/// The registry is full (see `MaxParticipants`).
		TooManyParticipants,
		/// The participant is suspended already.
		AlreadySuspended,
		/// The participant is not suspended.
		NotSuspended,
		/// Only a contract account may be a hold authority: a hold authority's holds are
		/// released by its own rules (the shipment-holds contract's two signers), not by
		/// whoever holds a key.
		HoldAuthorityNotAContract,
	}

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Participants at genesis.
		pub participants: Vec<GenesisParticipant<T::AccountId>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for (who, roles, gln, name_commitment) in &self.participants {
				let roles = RoleList::try_from(roles.clone()).expect("genesis: too many roles");
				Pallet::<T>::do_register(who.clone(), roles, *gln, *name_commitment)
					.expect("genesis participants are valid");
			}
		}
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
		/// Register `who` as a participant with `roles` (each at most once), an optional GS1
		/// location number `gln` (13 digits) and a commitment to its name:
		/// `blake2_256("medchain:name:v1" ‖ salt ‖ name)` with a random 32-byte salt the
		/// participant keeps (and shows, with the name, to whoever needs to check it). An
		/// unsalted hash of a name is not accepted by convention: it can be reversed from a list
		/// of names.
		///
		/// Governance only.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register())]
		pub fn register(
			origin: OriginFor<T>,
			who: T::AccountId,
			roles: RoleList,
			gln: Option<u64>,
			name_commitment: H256,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_register(who, roles, gln, name_commitment)
		}

		/// Replace a participant's roles, location and name commitment. Its status is unchanged.
		///
		/// Governance only.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::update())]
		pub fn update(
			origin: OriginFor<T>,
			who: T::AccountId,
			roles: RoleList,
			gln: Option<u64>,
			name_commitment: H256,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_update(who, roles, gln, name_commitment)
		}

		/// Suspend a participant: until reinstated it holds none of its roles.
		///
		/// Governance only.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::suspend())]
		pub fn suspend(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_status(who, ParticipantStatus::Suspended)
		}

		/// Reinstate a suspended participant with the roles it had.
		///
		/// Governance only.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::reinstate())]
		pub fn reinstate(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_status(who, ParticipantStatus::Active)
		}

		/// Remove a participant from the registry.
		///
		/// Governance only.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::remove())]
		pub fn remove(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_remove(who)
		}
	}
}
