//! The registry's logic, one file per capability.

mod break_glass;
mod decision;
mod deposits;
mod grant;
mod guardians;
mod purge;
mod requests;
#[cfg(any(feature = "try-runtime", test))]
mod try_state;

use crate::*;
use frame_support::traits::Time;

impl<T: Config> Pallet<T> {
	/// The chain's time, in milliseconds since the Unix epoch.
	pub(crate) fn now() -> Moment {
		T::Time::now()
	}
}
