//! The tracking logic, one file per capability.

mod catalogue;
mod clone_reports;
mod dispensing;
mod events;
mod history;
mod holds;
mod retirement;
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

	/// Append a step to a batch's custody trail. The trail only grows (until the batch is
	/// retired), and each step is paid for by the call that makes it: by the deposit of the
	/// record it belongs to, or through [`Self::append_paid_step`].
	pub(crate) fn append_trail(batch: &BatchId, entry: TrailEntryOf<T>) {
		let step = TrailLength::<T>::get(batch);
		Trail::<T>::insert(batch, step, entry);
		TrailLength::<T>::insert(batch, step.saturating_add(1));
	}

	/// Append a step that no record of its own pays for (a recall, a hold placed, released
	/// or overridden): its deposit is held from `payer` and kept in [`TrailDeposits`] until
	/// the batch is retired.
	pub(crate) fn append_paid_step(
		batch: &BatchId,
		payer: &T::AccountId,
		entry: TrailEntryOf<T>,
	) -> DispatchResult {
		use codec::MaxEncodedLen;
		let bytes = BalanceOf::<T>::from(Self::trail_step_bytes() as u32);
		let mut amount = T::DepositPerByte::get().saturating_mul(bytes);
		if !TrailDeposits::<T>::contains_key(batch, payer) {
			// The payer's first step on this batch also pays for its entry in the ledger.
			let entry = BalanceOf::<T>::max_encoded_len() + Self::batch_and_account_key_bytes();
			amount = amount.saturating_add(Self::deposit_for(entry));
		}
		Self::hold(payer, amount)?;
		TrailDeposits::<T>::mutate(batch, payer, |held| *held = held.saturating_add(amount));
		Self::append_trail(batch, entry);
		Ok(())
	}

	/// The bytes one trail step takes in state, for deposits.
	pub(crate) fn trail_step_bytes() -> usize {
		use codec::MaxEncodedLen;
		TrailEntryOf::<T>::max_encoded_len() + 2 * u32::max_encoded_len()
	}

	/// The deposit for one holding: a party's entry in [`Stock`] for one batch.
	pub(crate) fn holding_deposit() -> BalanceOf<T> {
		use codec::MaxEncodedLen;
		Self::deposit_for(HoldingOf::<T>::max_encoded_len() + Self::batch_and_account_key_bytes())
	}

	/// The key bytes of an entry filed by batch and account (`Stock`, `TrailDeposits`): the
	/// batch id, then the account with its blake2-128 hash.
	fn batch_and_account_key_bytes() -> usize {
		use codec::MaxEncodedLen;
		BatchId::max_encoded_len() + 16 + T::AccountId::max_encoded_len()
	}

	/// How many units of `batch` `who` holds.
	pub(crate) fn units_held(batch: &BatchId, who: &T::AccountId) -> u32 {
		Stock::<T>::get(batch, who).map_or(0, |holding| holding.units)
	}

	/// How many packs of `batch` `who` holds by name.
	pub(crate) fn named_held(batch: &BatchId, who: &T::AccountId) -> u32 {
		Stock::<T>::get(batch, who).map_or(0, |holding| holding.named)
	}

	/// Give `who` `units` more of `batch`, `named` of them packs by name. A new holding's
	/// deposit comes first out of `reserve` (funds already held from `who` for it, which
	/// this reduces) and the rest is held from `who` now.
	pub(crate) fn add_units(
		batch: &BatchId,
		who: &T::AccountId,
		units: u32,
		named: u32,
		reserve: &mut BalanceOf<T>,
	) -> DispatchResult {
		if units == 0 {
			return Ok(());
		}
		let holding = match Stock::<T>::get(batch, who) {
			Some(mut holding) => {
				holding.units = holding.units.checked_add(units).ok_or(Error::<T>::Overflow)?;
				holding.named = holding.named.saturating_add(named);
				holding
			}
			None => {
				let deposit = Self::holding_deposit();
				let reserved = deposit.min(*reserve);
				Self::hold(who, deposit.saturating_sub(reserved))?;
				*reserve = reserve.saturating_sub(reserved);
				Holding { units, named, deposit }
			}
		};
		Stock::<T>::insert(batch, who, holding);
		Ok(())
	}

	/// Take `units` of `batch` from `who`, `named` of them packs by name (the caller checked
	/// it holds them). An emptied holding is removed and its deposit goes back.
	pub(crate) fn take_units(batch: &BatchId, who: &T::AccountId, units: u32, named: u32) {
		let Some(mut holding) = Stock::<T>::get(batch, who) else { return };
		holding.units = holding.units.saturating_sub(units);
		holding.named = holding.named.saturating_sub(named);
		if holding.units == 0 {
			Stock::<T>::remove(batch, who);
			Self::release(who, holding.deposit);
		} else {
			Stock::<T>::insert(batch, who, holding);
		}
	}

	/// Add `delta` packs held by name to `who`'s holding of `batch` (or take them away).
	pub(crate) fn adjust_named(batch: &BatchId, who: &T::AccountId, add: bool, delta: u32) {
		Stock::<T>::mutate_exists(batch, who, |holding| {
			if let Some(holding) = holding {
				holding.named = if add {
					holding.named.saturating_add(delta)
				} else {
					holding.named.saturating_sub(delta)
				};
			}
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
