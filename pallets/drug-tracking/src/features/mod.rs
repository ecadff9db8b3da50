//! The tracking logic, one file per capability.

mod catalogue;
mod clone_reports;
mod dispensing;
mod events;
mod history;
mod holds;
mod shipping;
// The invariants are also built natively (`std`), so the runtime's tests can check them
// after every block without a `try-runtime` build of the whole runtime (issue 16, item 16:
// the fuzz of the real runtime). The Wasm runtime has them only with `try-runtime`.
#[cfg(any(feature = "try-runtime", feature = "std", test))]
mod try_state;

use crate::*;
use frame_support::{
	ensure,
	traits::{fungible::MutateHold, tokens::Precision, Time},
};
use medchain_primitives::participants::{ParticipantRoles, Role};
use sp_core::Get;
use sp_runtime::{
	traits::{Saturating, Zero},
	DispatchError, DispatchResult,
};

impl<T: Config> Pallet<T> {
	/// The chain's time, in milliseconds since the Unix epoch.
	pub(crate) fn now() -> Moment {
		T::Time::now()
	}

	/// `digits` as a GTIN.
	pub(crate) fn gtin(digits: u64) -> Result<Gtin, DispatchError> {
		Gtin::new(digits).map_err(|_| Error::<T>::InvalidGtin.into())
	}

	/// `who` is an active participant holding any of `roles`.
	pub(crate) fn ensure_role(
		who: &T::AccountId,
		roles: &[Role],
		error: Error<T>,
	) -> DispatchResult {
		ensure!(T::Participants::has_any_role(who, roles), error);
		Ok(())
	}

	/// The deposit for storing an item of `bytes` bytes.
	pub(crate) fn deposit_for(bytes: usize) -> BalanceOf<T> {
		let bytes = BalanceOf::<T>::from(u32::try_from(bytes).unwrap_or(u32::MAX));
		T::DepositBase::get().saturating_add(T::DepositPerByte::get().saturating_mul(bytes))
	}

	/// Hold `amount` from `who`.
	pub(crate) fn hold(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		if amount.is_zero() {
			return Ok(());
		}
		<T::Currency as MutateHold<_>>::hold(&HoldReason::StorageDeposit.into(), who, amount)
			.map_err(|_| Error::<T>::CannotHoldDeposit.into())
	}

	/// Return `amount` held from `who` (what was actually released).
	pub(crate) fn release(who: &T::AccountId, amount: BalanceOf<T>) -> BalanceOf<T> {
		<T::Currency as MutateHold<_>>::release(
			&HoldReason::StorageDeposit.into(),
			who,
			amount,
			Precision::BestEffort,
		)
		.unwrap_or_else(|_| Zero::zero())
	}

	/// Append a step to a batch's custody trail. The trail only grows, and each step is paid
	/// for by the call that makes it, so this never fails.
	pub(crate) fn append_trail(batch: &BatchId, entry: TrailEntryOf<T>) {
		let step = TrailLength::<T>::get(batch);
		Trail::<T>::insert(batch, step, entry);
		TrailLength::<T>::insert(batch, step.saturating_add(1));
	}

	/// The bytes one trail step takes in state, for deposits.
	pub(crate) fn trail_step_bytes() -> usize {
		use codec::MaxEncodedLen;
		TrailEntryOf::<T>::max_encoded_len() + 2 * u32::max_encoded_len()
	}

	/// Add `delta` packs held by name to `who`'s count for `batch` (or take them away).
	pub(crate) fn adjust_named(batch: &BatchId, who: &T::AccountId, add: bool, delta: u32) {
		NamedStock::<T>::mutate_exists(batch, who, |named| {
			let current = named.unwrap_or(0);
			let next =
				if add { current.saturating_add(delta) } else { current.saturating_sub(delta) };
			*named = Some(next).filter(|n| *n > 0);
		});
	}

	/// Whether `subject` is on hold.
	pub fn is_held(subject: HoldSubject) -> bool {
		Holds::<T>::contains_key(subject)
	}

	/// The batch `id`, if it is not recalled and not on hold.
	pub(crate) fn movable_batch(id: &BatchId) -> Result<BatchOf<T>, DispatchError> {
		let batch = Batches::<T>::get(id).ok_or(Error::<T>::UnknownBatch)?;
		ensure!(batch.recall.is_none(), Error::<T>::BatchRecalled);
		ensure!(!Self::is_held(HoldSubject::Batch(*id)), Error::<T>::OnHold);
		Ok(batch)
	}
}
