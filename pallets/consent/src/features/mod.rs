//! The registry's logic, one file per capability.

mod break_glass;
mod decision;
mod deposits;
mod grant;
mod guardians;
mod purge;
mod requests;
// The invariants are also built natively (`std`), so the runtime's tests can check them
// after every block without a `try-runtime` build of the whole runtime (issue 16, item 16:
// the fuzz of the real runtime). The Wasm runtime has them only with `try-runtime`.
#[cfg(any(feature = "try-runtime", feature = "std", test))]
mod try_state;

use crate::*;
use frame_support::traits::Time;

impl<T: Config> Pallet<T> {
	/// The chain's time, in milliseconds since the Unix epoch.
	pub(crate) fn now() -> Moment {
		T::Time::now()
	}
}
