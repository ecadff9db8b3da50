//! Registering, updating and removing participants.

use crate::*;
use frame_support::traits::{Contains, Get};
use frame_support::{ensure, pallet_prelude::DispatchResult};
use sp_core::H256;

impl<T: Config> Pallet<T> {
	/// Check the roles and location `who` is given.
	fn validate(
		who: &T::AccountId,
		roles: RoleList,
		gln: Option<u64>,
	) -> Result<(RoleSet, Option<Gln>), Error<T>> {
		ensure!(!roles.is_empty(), Error::<T>::NoRoles);
		ensure!(
			!roles.contains(&Role::HoldAuthority) || T::ContractAccounts::contains(who),
			Error::<T>::HoldAuthorityNotAContract
		);
		let mut set = RoleSet::new();
		for role in roles {
			// A list of at most ROLE_COUNT roles always fits the set.
			ensure!(set.try_insert(role) == Ok(true), Error::<T>::DuplicateRole);
		}
		let gln = gln.map(Gln::new).transpose().map_err(|_| Error::<T>::InvalidGln)?;
		Ok((set, gln))
	}

	pub(crate) fn do_register(
		who: T::AccountId,
		roles: RoleList,
		gln: Option<u64>,
		name_commitment: H256,
	) -> DispatchResult {
		ensure!(!Participants::<T>::contains_key(&who), Error::<T>::AlreadyRegistered);
		let count = ParticipantCount::<T>::get();
		ensure!(count < T::MaxParticipants::get(), Error::<T>::TooManyParticipants);
		let (roles, gln) = Self::validate(&who, roles, gln)?;

		Participants::<T>::insert(
			&who,
			Participant {
				roles: roles.clone(),
				gln,
				name_commitment,
				status: ParticipantStatus::Active,
				registered_at: frame_system::Pallet::<T>::block_number(),
			},
		);
		ParticipantCount::<T>::put(count + 1);
		Self::deposit_event(Event::Registered { who, roles, gln });
		Ok(())
	}

	pub(crate) fn do_update(
		who: T::AccountId,
		roles: RoleList,
		gln: Option<u64>,
		name_commitment: H256,
	) -> DispatchResult {
		let (roles, gln) = Self::validate(&who, roles, gln)?;
		Participants::<T>::try_mutate(&who, |entry| {
			let participant = entry.as_mut().ok_or(Error::<T>::NotRegistered)?;
			participant.roles = roles.clone();
			participant.gln = gln;
			participant.name_commitment = name_commitment;
			Ok::<_, Error<T>>(())
		})?;
		Self::deposit_event(Event::Updated { who, roles, gln });
		Ok(())
	}

	pub(crate) fn do_remove(who: T::AccountId) -> DispatchResult {
		Participants::<T>::take(&who).ok_or(Error::<T>::NotRegistered)?;
		ParticipantCount::<T>::mutate(|count| *count = count.saturating_sub(1));
		Self::deposit_event(Event::Removed { who });
		Ok(())
	}
}
