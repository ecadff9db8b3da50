//! The registry's logic, one file per capability.

mod lookup;
mod registration;
mod status;
#[cfg(any(feature = "try-runtime", test))]
mod try_state;
