//! Invariants `try-runtime` checks after every block (and the unit tests after every test, and
//! the runtime's fuzz after every block).

use crate::*;
use frame_support::traits::Get;
use sp_runtime::TryRuntimeError;

impl<T: Config> Pallet<T> {
	/// Check that every participant holds a role and a valid location, and that the count
	/// is right and within bounds.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let mut count = 0u32;
		for (_, participant) in Participants::<T>::iter() {
			count += 1;
			frame_support::ensure!(!participant.roles.is_empty(), "a participant holds no role");
			if let Some(gln) = participant.gln {
				frame_support::ensure!(Gln::new(gln.get()).is_ok(), "a stored GLN is invalid");
			}
		}
		frame_support::ensure!(
			count == ParticipantCount::<T>::get(),
			"ParticipantCount differs from the number of participants"
		);
		frame_support::ensure!(
			count <= T::MaxParticipants::get(),
			"more participants than allowed"
		);
		Ok(())
	}
}
