//! Guardians: people a patient names to act for them.

use crate::*;
use frame_support::ensure;
use sp_runtime::{DispatchError, DispatchResult};

impl<T: Config> Pallet<T> {
	/// Whether `who` is a guardian of `patient`.
	pub fn is_guardian(patient: &T::AccountId, who: &T::AccountId) -> bool {
		Guardians::<T>::get(patient).iter().any(|g| &g.account == who)
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

	/// When a guardian (not the patient) acts on a consent, it must not name the guardian:
	/// otherwise a guardian could lift a denial aimed at them, or grant themselves access
	/// that outlives their guardianship.
	pub(crate) fn ensure_no_conflict(
		who: &T::AccountId,
		patient: &T::AccountId,
		grantee: &GranteeOf<T>,
	) -> DispatchResult {
		if who != patient {
			let names_who = match grantee {
				Grantee::Account(account) | Grantee::Participant(account) => account == who,
				Grantee::Role(_) => Self::grantee_includes(grantee, who),
			};
			ensure!(!names_who, Error::<T>::ConflictOfInterest);
		}
		Ok(())
	}

	/// `patient` names `guardian`; a deposit is held from the patient.
	pub(crate) fn do_add_guardian(patient: T::AccountId, guardian: T::AccountId) -> DispatchResult {
		ensure!(patient != guardian, Error::<T>::CannotGuardSelf);
		Guardians::<T>::try_mutate(&patient, |guardians| {
			ensure!(!guardians.iter().any(|g| g.account == guardian), Error::<T>::AlreadyGuardian);
			let deposit = Self::guardian_deposit();
			guardians
				.try_push(Guardian { account: guardian.clone(), deposit })
				.map_err(|_| Error::<T>::TooManyGuardians)?;
			Self::hold(&patient, deposit)
		})?;
		Self::deposit_event(Event::GuardianAdded { patient, guardian });
		Ok(())
	}

	/// `patient` removes `guardian`; the deposit is returned.
	pub(crate) fn do_remove_guardian(
		patient: T::AccountId,
		guardian: T::AccountId,
	) -> DispatchResult {
		let removed = Guardians::<T>::try_mutate_exists(&patient, |slot| {
			let guardians = slot.as_mut().ok_or(Error::<T>::NotAGuardian)?;
			let index = guardians
				.iter()
				.position(|g| g.account == guardian)
				.ok_or(Error::<T>::NotAGuardian)?;
			let removed = guardians.remove(index);
			if guardians.is_empty() {
				*slot = None;
			}
			Ok::<_, DispatchError>(removed)
		})?;
		Self::release(&patient, removed.deposit);
		Self::deposit_event(Event::GuardianRemoved { patient, guardian });
		Ok(())
	}
}
