//! Guardians: people a patient names to act for them.

use crate::*;
use frame_support::ensure;
use sp_runtime::{DispatchError, DispatchResult};

impl<T: Config> Pallet<T> {
	/// Whether `who` is a guardian of `patient`.
	pub fn is_guardian(patient: &T::AccountId, who: &T::AccountId) -> bool {
		Guardians::<T>::get(patient).contains(who)
	}

	/// `who` is the patient or one of their guardians.
	pub(crate) fn ensure_patient_or_guardian(
		who: &T::AccountId,
		patient: &T::AccountId,
	) -> DispatchResult {
		ensure!(
			who == patient || Self::is_guardian(patient, who),
			Error::<T>::NotPatientOrGuardian
		);
		Ok(())
	}

	/// `patient` names `guardian`; a deposit is held from the patient.
	pub(crate) fn do_add_guardian(patient: T::AccountId, guardian: T::AccountId) -> DispatchResult {
		ensure!(patient != guardian, Error::<T>::CannotGuardSelf);
		Guardians::<T>::try_mutate(&patient, |guardians| {
			ensure!(!guardians.contains(&guardian), Error::<T>::AlreadyGuardian);
			guardians.try_push(guardian.clone()).map_err(|_| Error::<T>::TooManyGuardians)?;
			Self::hold(&patient, Self::guardian_deposit())
		})?;
		Self::deposit_event(Event::GuardianAdded { patient, guardian });
		Ok(())
	}

	/// `patient` removes `guardian`; the deposit is returned.
	pub(crate) fn do_remove_guardian(
		patient: T::AccountId,
		guardian: T::AccountId,
	) -> DispatchResult {
		Guardians::<T>::try_mutate_exists(&patient, |slot| {
			let guardians = slot.as_mut().ok_or(Error::<T>::NotAGuardian)?;
			let index =
				guardians.iter().position(|g| g == &guardian).ok_or(Error::<T>::NotAGuardian)?;
			guardians.remove(index);
			if guardians.is_empty() {
				*slot = None;
			}
			Ok::<_, DispatchError>(())
		})?;
		Self::release(&patient, Self::guardian_deposit());
		Self::deposit_event(Event::GuardianRemoved { patient, guardian });
		Ok(())
	}
}
