//! Suspending and reinstating participants.

use crate::*;
use frame_support::pallet_prelude::DispatchResult;

impl<T: Config> Pallet<T> {
	pub(crate) fn do_set_status(who: T::AccountId, status: ParticipantStatus) -> DispatchResult {
		Participants::<T>::try_mutate(&who, |entry| {
			let participant = entry.as_mut().ok_or(Error::<T>::NotRegistered)?;
			match (participant.status, status) {
				(ParticipantStatus::Suspended, ParticipantStatus::Suspended) => {
					Err(Error::<T>::AlreadySuspended)
				}
				(ParticipantStatus::Active, ParticipantStatus::Active) => {
					Err(Error::<T>::NotSuspended)
				}
				_ => {
					participant.status = status;
					Ok(())
				}
			}
		})?;
		Self::deposit_event(match status {
			ParticipantStatus::Suspended => Event::Suspended { who },
			ParticipantStatus::Active => Event::Reinstated { who },
		});
		Ok(())
	}
}
