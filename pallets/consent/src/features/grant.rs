//! Granting and revoking consents.

use crate::*;
use codec::Encode;
use frame_support::ensure;
use medchain_primitives::participants::ParticipantRoles;
use sp_core::H256;
use sp_runtime::{DispatchError, DispatchResult};

impl<T: Config> Pallet<T> {
	/// Grant a consent as `who` (the patient or a guardian); returns its number.
	pub(crate) fn do_grant(
		who: T::AccountId,
		patient: T::AccountId,
		grantee: GranteeOf<T>,
		provisions: ProvisionsOf<T>,
		starts_at: Option<Moment>,
		ends: Ends,
		policy: Option<PolicyRef>,
	) -> Result<ConsentId, DispatchError> {
		Self::ensure_patient_or_guardian(&who, &patient)?;
		Self::ensure_valid_grantee(&patient, &grantee)?;
		Self::ensure_no_conflict(&who, &patient, &grantee)?;
		Self::ensure_valid_provisions(&provisions)?;
		let now = Self::now();
		let period = Self::resolve_period(now, starts_at, ends)?;
		let consent = Consent {
			patient,
			granted_by: who,
			grantee,
			provisions,
			period,
			policy,
			state: ConsentState::Granted,
			granted_at: now,
			request: None,
			confirmed_at: None,
			deposit: Default::default(),
		};
		Self::insert_consent(consent)
	}

	/// Store a validated consent: number it, index it, hold its deposit, emit its receipt.
	pub(crate) fn insert_consent(mut consent: ConsentOf<T>) -> Result<ConsentId, DispatchError> {
		let id = NextConsentId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::Overflow)?;
		PatientConsents::<T>::try_mutate(&consent.patient, |ids| ids.try_push(id))
			.map_err(|_| Error::<T>::TooManyConsents)?;
		consent.deposit = Self::consent_deposit(id, &consent);
		Self::hold(&consent.granted_by, consent.deposit)?;

		NextConsentId::<T>::put(next);
		GranteeConsents::<T>::insert(&consent.grantee, id, ());
		let receipt = Self::receipt(&consent);
		Self::deposit_event(Event::ConsentGranted {
			consent: id,
			patient: consent.patient.clone(),
			grantee: consent.grantee.clone(),
			granted_by: consent.granted_by.clone(),
			receipt,
		});
		Consents::<T>::insert(id, consent);
		Ok(id)
	}

	/// Revoke a consent as `who` (the patient or a guardian), effective at once.
	pub(crate) fn do_revoke(who: T::AccountId, id: ConsentId) -> DispatchResult {
		Consents::<T>::try_mutate(id, |slot| {
			let consent = slot.as_mut().ok_or(Error::<T>::UnknownConsent)?;
			Self::ensure_patient_or_guardian(&who, &consent.patient)?;
			Self::ensure_no_conflict(&who, &consent.patient, &consent.grantee)?;
			ensure!(consent.state == ConsentState::Granted, Error::<T>::AlreadyRevoked);
			Self::mark_revoked(id, consent, who, Self::now());
			Ok(())
		})
	}

	/// Mark a granted consent revoked by `by` at `at`, and tell everyone.
	pub(crate) fn mark_revoked(
		id: ConsentId,
		consent: &mut ConsentOf<T>,
		by: T::AccountId,
		at: Moment,
	) {
		consent.state = ConsentState::Revoked { at, by: by.clone() };
		Self::deposit_event(Event::ConsentRevoked {
			consent: id,
			patient: consent.patient.clone(),
			revoked_by: by,
			receipt: Self::receipt(consent),
		});
	}

	/// The receipt of a consent: the blake2-256 hash of its SCALE encoding.
	pub fn receipt(consent: &ConsentOf<T>) -> H256 {
		H256(sp_io::hashing::blake2_256(&consent.encode()))
	}

	/// A consent is not given to the patient, and a named participant must be active.
	pub(crate) fn ensure_valid_grantee(
		patient: &T::AccountId,
		grantee: &GranteeOf<T>,
	) -> DispatchResult {
		match grantee {
			Grantee::Account(who) | Grantee::Participant(who) if who == patient => {
				Err(Error::<T>::GranteeIsPatient.into())
			}
			Grantee::Participant(who) if !T::Participants::is_active(who) => {
				Err(Error::<T>::NotAParticipant.into())
			}
			_ => Ok(()),
		}
	}

	/// At least one provision; no code twice in a list; data periods in order.
	pub(crate) fn ensure_valid_provisions(provisions: &ProvisionsOf<T>) -> DispatchResult {
		ensure!(!provisions.is_empty(), Error::<T>::NoProvisions);
		for provision in provisions {
			for rule in core::iter::once(&provision.rule).chain(provision.exceptions.iter()) {
				ensure!(
					!has_duplicates(&rule.purposes)
						&& !has_duplicates(&rule.data_tags)
						&& !has_duplicates(&rule.actions),
					Error::<T>::DuplicateCode
				);
				if let Some(period) = rule.data_period {
					ensure!(period.from <= period.to, Error::<T>::InvalidDataPeriod);
				}
			}
		}
		Ok(())
	}

	/// The validity period a grant made at `now` asks for.
	pub(crate) fn resolve_period(
		now: Moment,
		starts_at: Option<Moment>,
		ends: Ends,
	) -> Result<Period, DispatchError> {
		let start = match starts_at {
			Some(start) => {
				ensure!(start >= now, Error::<T>::StartsInPast);
				start
			}
			None => now,
		};
		let end = match ends {
			Ends::Never => None,
			Ends::At(end) => Some(end),
			Ends::AfterDays(days) => {
				Some(start.saturating_add(Moment::from(days).saturating_mul(DAY)))
			}
		};
		if let Some(end) = end {
			// A number of days cannot end in the past; zero days is an empty period.
			ensure!(end > now || matches!(ends, Ends::AfterDays(_)), Error::<T>::AlreadyExpired);
			ensure!(end > start, Error::<T>::InvalidPeriod);
		}
		Ok(Period { start, end })
	}
}

/// Whether a short list names an item twice.
fn has_duplicates<X: PartialEq>(items: &[X]) -> bool {
	items.iter().enumerate().any(|(i, item)| items[..i].contains(item))
}
