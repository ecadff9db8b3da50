//! Guardians: people a patient names to act for them.

use crate::*;
use alloc::vec::Vec;
use frame_support::ensure;
use medchain_primitives::participants::ParticipantRoles;
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
	/// that outlives their guardianship. A role names the guardian if they are registered
	/// with it, suspended or not.
	pub(crate) fn ensure_no_conflict(
		who: &T::AccountId,
		patient: &T::AccountId,
		grantee: &GranteeOf<T>,
	) -> DispatchResult {
		if who != patient {
			let names_who = match grantee {
				Grantee::Account(account) | Grantee::Participant(account) => account == who,
				Grantee::Role(role) => T::Participants::is_registered_as(who, *role),
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

	/// `patient` removes `guardian`; the deposit is returned, and the consents the guardian
	/// granted that the patient has not confirmed are revoked (at most
	/// `MaxConsentsPerPatient` of them are looked at).
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
		let now = Self::now();
		for id in PatientConsents::<T>::get(&patient) {
			let Some(mut consent) = Consents::<T>::get(id) else { continue };
			if Self::stands_on(&consent, &guardian, now) {
				Self::mark_revoked(id, &mut consent, patient.clone(), now);
				Consents::<T>::insert(id, consent);
			}
		}
		Self::release(&patient, removed.deposit);
		Self::deposit_event(Event::GuardianRemoved { patient, guardian });
		Ok(())
	}

	/// Whether `consent` stands on `guardian`'s word at `now`: the guardian granted it, the
	/// patient has not confirmed it, and it is in force or yet to start.
	fn stands_on(consent: &ConsentOf<T>, guardian: &T::AccountId, now: Moment) -> bool {
		&consent.granted_by == guardian
			&& consent.granted_by != consent.patient
			&& consent.confirmed_at.is_none()
			&& matches!(consent.status_at(now), ConsentStatus::Active | ConsentStatus::Scheduled)
	}

	/// `patient` confirms consent `id`, which one of their guardians granted: it will stay
	/// when that guardian is removed.
	pub(crate) fn do_confirm(patient: T::AccountId, id: ConsentId) -> DispatchResult {
		Consents::<T>::try_mutate(id, |slot| {
			let consent = slot.as_mut().ok_or(Error::<T>::UnknownConsent)?;
			ensure!(consent.patient == patient, Error::<T>::NotPatient);
			ensure!(consent.granted_by != patient, Error::<T>::NotGrantedByGuardian);
			ensure!(consent.confirmed_at.is_none(), Error::<T>::AlreadyConfirmed);
			let now = Self::now();
			match consent.status_at(now) {
				ConsentStatus::Revoked => return Err(Error::<T>::AlreadyRevoked.into()),
				ConsentStatus::Expired => return Err(Error::<T>::AlreadyExpired.into()),
				ConsentStatus::Active | ConsentStatus::Scheduled => {}
			}
			consent.confirmed_at = Some(now);
			Self::deposit_event(Event::ConsentConfirmed {
				consent: id,
				patient,
				granted_by: consent.granted_by.clone(),
				receipt: Self::receipt(consent),
			});
			Ok(())
		})
	}

	/// The consents one of `patient`'s guardians granted that stand on that guardian's word
	/// now: in force or yet to start, and not confirmed by the patient. Each is revoked when
	/// its guardian is removed, unless the patient confirms it first. Oldest first, each with
	/// the guardian who granted it; reads at most `MaxConsentsPerPatient` consents.
	pub fn guardian_granted(patient: &T::AccountId) -> Vec<(ConsentId, T::AccountId)> {
		let now = Self::now();
		PatientConsents::<T>::get(patient)
			.into_iter()
			.filter_map(|id| Consents::<T>::get(id).map(|c| (id, c)))
			.filter(|(_, c)| Self::stands_on(c, &c.granted_by, now))
			.map(|(id, c)| (id, c.granted_by))
			.collect()
	}
}
