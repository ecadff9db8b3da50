//! Sets up our pallets' benchmarks on the real runtime: participants go through the real
//! registry, time through the real timestamp pallet.

use crate::{AccountId, Runtime, RuntimeOrigin};
use medchain_primitives::{consent::Moment, participants::Role};

/// Registers benchmark accounts in the participant registry and sets the clock.
pub struct BenchmarkHelper;

impl medchain_primitives::benchmarking::BenchmarkHelper<AccountId> for BenchmarkHelper {
	fn register(who: &AccountId, roles: &[Role]) {
		type Registry = pallet_participants::Pallet<Runtime>;
		let roles = pallet_participants::RoleList::try_from(roles.to_vec())
			.expect("a role list holds every role");
		let name = Default::default();
		Registry::register(RuntimeOrigin::root(), who.clone(), roles.clone(), None, name)
			.or_else(|_| Registry::update(RuntimeOrigin::root(), who.clone(), roles, None, name))
			.expect("benchmark participants register");
	}

	fn set_time(now: Moment) {
		pallet_timestamp::Now::<Runtime>::put(now);
	}
}
