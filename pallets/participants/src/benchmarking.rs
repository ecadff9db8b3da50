//! Benchmarks of every call, at its most expensive: a participant with every role and a
//! location. Each call reads and writes one participant and the count, whatever the
//! registry's size, so no call has a component.

use super::*;
use frame_benchmarking::v2::*;
use frame_support::traits::EnsureOrigin;
use sp_core::H256;

/// A valid GLN (GS1's example 0614141000012).
const GLN: u64 = 614_141_000_012;

/// Every role `who` may hold: a hold authority must be a contract account.
fn all_roles<T: Config>(who: &T::AccountId) -> RoleList {
	use frame_support::traits::Contains;
	let roles = Role::ALL
		.into_iter()
		.filter(|role| *role != Role::HoldAuthority || T::ContractAccounts::contains(who));
	RoleList::try_from(roles.collect::<alloc::vec::Vec<_>>()).expect("every role fits a role list")
}

/// The last role `who` holds with [`all_roles`]: the slowest to find.
fn last_role<T: Config>(who: &T::AccountId) -> Role {
	*all_roles::<T>(who).last().expect("at least one role")
}

fn registered<T: Config>() -> T::AccountId {
	let who: T::AccountId = whitelisted_caller();
	Pallet::<T>::do_register(who.clone(), all_roles::<T>(&who), Some(GLN), H256::zero())
		.expect("the registry has room");
	who
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let who: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		_(
			origin as T::RuntimeOrigin,
			who.clone(),
			all_roles::<T>(&who),
			Some(GLN),
			H256::repeat_byte(1),
		);

		assert!(Pallet::<T>::is_active(&who));
		Ok(())
	}

	#[benchmark]
	fn update() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let who = registered::<T>();

		#[extrinsic_call]
		_(
			origin as T::RuntimeOrigin,
			who.clone(),
			all_roles::<T>(&who),
			Some(GLN),
			H256::repeat_byte(2),
		);

		assert_eq!(
			Participants::<T>::get(&who).map(|p| p.name_commitment),
			Some(H256::repeat_byte(2))
		);
		Ok(())
	}

	#[benchmark]
	fn suspend() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let who = registered::<T>();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());

		assert!(!Pallet::<T>::is_active(&who));
		Ok(())
	}

	#[benchmark]
	fn reinstate() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let who = registered::<T>();
		Pallet::<T>::do_set_status(who.clone(), ParticipantStatus::Suspended)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());

		assert!(Pallet::<T>::is_active(&who));
		Ok(())
	}

	#[benchmark]
	fn remove() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let who = registered::<T>();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());

		assert!(!Participants::<T>::contains_key(&who));
		Ok(())
	}

	/// The role lookup other pallets and the chain extension make: one participant read, for
	/// the last role of a participant holding every role.
	#[benchmark]
	fn has_role() {
		let who = registered::<T>();

		#[block]
		{
			Pallet::<T>::has_role(&who, last_role::<T>(&who));
		}

		assert!(Pallet::<T>::has_role(&who, last_role::<T>(&who)));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
