//! The tracking logic, one file per capability.

mod catalogue;
mod dispensing;
mod events;
mod history;
mod holds;
mod shipping;
#[cfg(any(feature = "try-runtime", test))]
mod try_state;

use crate::*;
use frame_support::{
	ensure,
	traits::{fungible::MutateHold, Time},
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

	/// Append to a batch's custody trail.
	pub(crate) fn append_trail(batch: &BatchId, entry: TrailEntryOf<T>) -> DispatchResult {
		Trails::<T>::try_mutate(batch, |trail| trail.try_push(entry))
			.map_err(|_| Error::<T>::TrailFull.into())
	}

	/// Append to a batch's custody trail if there is room. Receipts, rejections, recalls and
	/// holds must never be blocked by a full trail; they are evented in any case.
	pub(crate) fn note_trail(batch: &BatchId, entry: TrailEntryOf<T>) {
		Trails::<T>::mutate(batch, |trail| {
			let _ = trail.try_push(entry);
		});
	}

	/// There is room on a batch's trail for one more entry. Checked before anything is
	/// written, so a full trail refuses a call cleanly.
	pub(crate) fn ensure_trail_room(batch: &BatchId) -> DispatchResult {
		let len = Trails::<T>::decode_len(batch).unwrap_or(0);
		ensure!(len < T::MaxTrailLength::get() as usize, Error::<T>::TrailFull);
		Ok(())
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
