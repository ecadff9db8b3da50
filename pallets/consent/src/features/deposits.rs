//! Deposits: everything the registry stores is paid for by a hold on whoever stores it.

use crate::*;
use codec::MaxEncodedLen;
use frame_support::traits::{fungible::MutateHold, tokens::Precision};
use sp_core::Get;
use sp_runtime::{
	traits::{Saturating, Zero},
	DispatchError,
};

impl<T: Config> Pallet<T> {
	/// The deposit for storing an item of `bytes` bytes.
	pub(crate) fn deposit_for(bytes: usize) -> BalanceOf<T> {
		let bytes = BalanceOf::<T>::from(u32::try_from(bytes).unwrap_or(u32::MAX));
		T::DepositBase::get().saturating_add(T::DepositPerByte::get().saturating_mul(bytes))
	}

	/// The deposit for one guardian entry.
	pub(crate) fn guardian_deposit() -> BalanceOf<T> {
		Self::deposit_for(T::AccountId::max_encoded_len())
	}

	/// Hold `amount` from `who`.
	pub(crate) fn hold(who: &T::AccountId, amount: BalanceOf<T>) -> Result<(), DispatchError> {
		if amount.is_zero() {
			return Ok(());
		}
		<T::Currency as MutateHold<_>>::hold(&HoldReason::StorageDeposit.into(), who, amount)
			.map_err(|_| Error::<T>::CannotHoldDeposit.into())
	}

	/// Release `amount` held from `who`. Whatever is left of the hold is released, so removing
	/// an item never fails on its deposit.
	pub(crate) fn release(who: &T::AccountId, amount: BalanceOf<T>) -> BalanceOf<T> {
		<T::Currency as MutateHold<_>>::release(
			&HoldReason::StorageDeposit.into(),
			who,
			amount,
			Precision::BestEffort,
		)
		.unwrap_or_else(|_| Zero::zero())
	}
}
