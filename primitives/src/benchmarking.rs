//! What MedChain's pallets need from a runtime (or a mock) to set up their benchmarks, once for
//! all of them: participants in roles, and a clock.

use crate::{consent::Moment, participants::Role};

/// Sets up benchmark state the benchmarked pallet does not own.
pub trait BenchmarkHelper<AccountId> {
	/// Register `who` as an active participant holding `roles`.
	fn register(who: &AccountId, roles: &[Role]);
	/// Set the chain's time (milliseconds since the Unix epoch).
	fn set_time(now: Moment);
}
