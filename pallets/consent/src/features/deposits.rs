//! Deposits: everything the registry stores is paid for by a hold on whoever stores it.

use crate::*;
use codec::{Encode, MaxEncodedLen};
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

	/// The deposit for consent `id`: the consent as large as it may grow (revoked, and
	/// confirmed), its place in the patient's index and its entry in the grantee's index.
	pub(crate) fn consent_deposit(id: ConsentId, consent: &ConsentOf<T>) -> BalanceOf<T> {
		let record = consent
			.encoded_size()
			.saturating_sub(consent.state.encoded_size())
			.saturating_add(ConsentState::<T::AccountId>::max_encoded_len())
			.saturating_sub(consent.confirmed_at.encoded_size())
			.saturating_add(Option::<Moment>::max_encoded_len());
		let patient_slot = ConsentId::max_encoded_len();
		let grantee_entry = GranteeConsents::<T>::hashed_key_for(&consent.grantee, id).len();
		Self::deposit_for(record.saturating_add(patient_slot).saturating_add(grantee_entry))
	}

	/// The deposit for a request: the request as large as it may grow (approved) and its
	/// place in the patient's pending list.
	pub(crate) fn request_deposit(request: &RequestOf<T>) -> BalanceOf<T> {
		let record = request
			.encoded_size()
			.saturating_sub(request.state.encoded_size())
			.saturating_add(RequestState::max_encoded_len());
		Self::deposit_for(record.saturating_add(RequestId::max_encoded_len()))
	}

	/// The deposit for one guardian entry.
	pub(crate) fn guardian_deposit() -> BalanceOf<T> {
		Self::deposit_for(GuardianOf::<T>::max_encoded_len())
	}

	/// The deposit for episode `id` of `clinician` with the patient whose handle is
	/// `subject`: the episode, its entry in the break-glass index, and the clinician's tally
	/// (which every unreviewed episode pays for in full, so that it is paid for as long as it
	/// is stored).
	pub(crate) fn episode_deposit(
		id: EpisodeId,
		subject: &EmergencyHandle,
		clinician: &T::AccountId,
	) -> BalanceOf<T> {
		let index_entry = BreakGlass::<T>::hashed_key_for((subject, clinician, id)).len();
		let tally = BreakGlassTallies::<T>::hashed_key_for(clinician)
			.len()
			.saturating_add(BreakGlassTally::max_encoded_len());
		Self::deposit_for(
			EpisodeOf::<T>::max_encoded_len().saturating_add(index_entry).saturating_add(tally),
		)
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
