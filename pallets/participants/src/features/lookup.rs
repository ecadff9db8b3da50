//! What other pallets may ask: the [`ParticipantRoles`] implementation.

use crate::*;

impl<T: Config> Pallet<T> {
	/// The participant record of `who`, if it is registered and not suspended.
	fn active(
		who: &T::AccountId,
	) -> Option<Participant<frame_system::pallet_prelude::BlockNumberFor<T>>> {
		Participants::<T>::get(who).filter(|p| p.status == ParticipantStatus::Active)
	}
}

impl<T: Config> ParticipantRoles<T::AccountId> for Pallet<T> {
	fn has_role(who: &T::AccountId, role: Role) -> bool {
		Self::active(who).is_some_and(|p| p.roles.contains(&role))
	}

	fn has_any_role(who: &T::AccountId, roles: &[Role]) -> bool {
		Self::active(who).is_some_and(|p| roles.iter().any(|role| p.roles.contains(role)))
	}

	fn is_active(who: &T::AccountId) -> bool {
		Self::active(who).is_some()
	}

	fn is_registered_as(who: &T::AccountId, role: Role) -> bool {
		Participants::<T>::get(who).is_some_and(|p| p.roles.contains(&role))
	}

	fn gln_of(who: &T::AccountId) -> Option<Gln> {
		Self::active(who).and_then(|p| p.gln)
	}
}
