//! The registry's invariants, checked by try-runtime and after every unit test.

use crate::*;
use alloc::collections::btree_map::BTreeMap;
use frame_support::ensure;
use frame_support::traits::fungible::InspectHold;
use sp_core::Get;
use sp_runtime::{traits::Saturating, TryRuntimeError};

impl<T: Config> Pallet<T> {
	/// Check that the indexes agree with the records, numbers are never reused, every
	/// deposit pays exactly for its record and the index entries it made and is held
	/// exactly, break-glass stays within its caps, and no consent in force is past its
	/// period.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let now = Self::now();
		let mut held: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut owe = |who: &T::AccountId, amount: BalanceOf<T>| {
			let entry = held.entry(who.clone()).or_default();
			*entry = entry.saturating_add(amount);
		};

		let mut consents = 0usize;
		for (id, consent) in Consents::<T>::iter() {
			consents += 1;
			ensure!(id < NextConsentId::<T>::get(), "a consent number is not yet issued");
			ensure!(
				PatientConsents::<T>::get(&consent.patient).contains(&id),
				"a consent is missing from its patient's index"
			);
			ensure!(
				GranteeConsents::<T>::contains_key(&consent.grantee, id),
				"a consent is missing from its grantee's index"
			);
			ensure!(
				consent.period.end.is_none_or(|end| end > consent.period.start),
				"a consent has an empty period"
			);
			ensure!(
				consent.granted_at <= consent.period.start,
				"a consent starts before its grant"
			);
			if let ConsentState::Revoked { at, .. } = consent.state {
				ensure!(at >= consent.granted_at, "a consent is revoked before its grant");
			}
			if let Some(at) = consent.confirmed_at {
				ensure!(
					consent.granted_by != consent.patient,
					"a consent the patient granted is confirmed"
				);
				ensure!(at >= consent.granted_at, "a consent is confirmed before its grant");
			}
			ensure!(
				consent.deposit == Self::consent_deposit(id, &consent),
				"a consent's deposit does not pay exactly for it and its index entries"
			);
			if consent.status_at(now) != ConsentStatus::Active {
				Self::ensure_never_decides(id, &consent, now)?;
			}
			owe(&consent.granted_by, consent.deposit);
		}
		let mut indexed = 0usize;
		for (patient, ids) in PatientConsents::<T>::iter() {
			ensure!(!ids.is_empty(), "an empty patient index is stored");
			for (i, id) in ids.iter().enumerate() {
				ensure!(!ids[..i].contains(id), "a patient index lists a consent twice");
				ensure!(
					Consents::<T>::get(id).is_some_and(|c| c.patient == patient),
					"a patient index lists another patient's or no consent"
				);
			}
			indexed += ids.len();
		}
		ensure!(indexed == consents, "the patient indexes and the consents differ");
		let mut by_grantee = 0usize;
		for (grantee, id, ()) in GranteeConsents::<T>::iter() {
			ensure!(
				Consents::<T>::get(id).is_some_and(|c| c.grantee == grantee),
				"a grantee index lists another grantee's or no consent"
			);
			by_grantee += 1;
		}
		ensure!(by_grantee == consents, "the grantee index and the consents differ");

		let mut pending = 0usize;
		for (id, request) in Requests::<T>::iter() {
			ensure!(id < NextRequestId::<T>::get(), "a request number is not yet issued");
			let listed = PatientRequests::<T>::get(&request.patient).contains(&id);
			ensure!(
				listed == (request.state == RequestState::Pending),
				"the pending index disagrees with a request's state"
			);
			if listed {
				pending += 1;
			}
			if let RequestState::Approved(consent) = request.state {
				ensure!(consent < NextConsentId::<T>::get(), "a request names an unissued consent");
				if let Some(granted) = Consents::<T>::get(consent) {
					ensure!(
						granted.request == Some(id),
						"an approved request names another consent"
					);
				}
			}
			ensure!(
				request.deposit == Self::request_deposit(&request),
				"a request's deposit does not pay exactly for it and its index entry"
			);
			owe(&request.requester, request.deposit);
		}
		let pending_indexed: usize = PatientRequests::<T>::iter_values().map(|ids| ids.len()).sum();
		ensure!(pending_indexed == pending, "the pending index lists unknown requests");

		for (patient, guardians) in Guardians::<T>::iter() {
			ensure!(!guardians.is_empty(), "an empty guardian list is stored");
			for (i, guardian) in guardians.iter().enumerate() {
				ensure!(guardian.account != patient, "a patient is their own guardian");
				ensure!(
					!guardians[..i].iter().any(|g| g.account == guardian.account),
					"a guardian is listed twice"
				);
				ensure!(
					guardian.deposit == Self::guardian_deposit(),
					"a guardian's deposit does not pay exactly for the entry"
				);
				owe(&patient, guardian.deposit);
			}
		}

		let mut per_clinician: BTreeMap<T::AccountId, u32> = BTreeMap::new();
		let mut episodes = 0usize;
		for (id, episode) in Episodes::<T>::iter() {
			episodes += 1;
			ensure!(id < NextEpisodeId::<T>::get(), "an episode number is not yet issued");
			let longest = Moment::from(T::MaxBreakGlassMinutes::get()).saturating_mul(MINUTE);
			ensure!(
				episode.end > episode.start && episode.end - episode.start <= longest,
				"an episode is longer than allowed"
			);
			ensure!(
				BreakGlass::<T>::contains_key((&episode.subject, &episode.clinician, id)),
				"an episode is missing from the break-glass index"
			);
			ensure!(
				episode.deposit == Self::episode_deposit(id, &episode.subject, &episode.clinician),
				"an episode's deposit does not pay exactly for it and its index entries"
			);
			let count = per_clinician.entry(episode.clinician.clone()).or_default();
			*count = count.saturating_add(1);
			owe(&episode.clinician, episode.deposit);
		}
		let mut indexed = 0usize;
		let mut per_pair: BTreeMap<(EmergencyHandle, T::AccountId), u32> = BTreeMap::new();
		for ((subject, clinician, id), ()) in BreakGlass::<T>::iter() {
			indexed += 1;
			ensure!(
				Episodes::<T>::get(id)
					.is_some_and(|e| e.subject == subject && e.clinician == clinician),
				"the break-glass index names another or no episode"
			);
			let count = per_pair.entry((subject, clinician)).or_default();
			*count = count.saturating_add(1);
			ensure!(
				*count <= T::MaxUnreviewedBreakGlass::get(),
				"a clinician has more unreviewed episodes with a patient than allowed"
			);
		}
		ensure!(indexed == episodes, "the break-glass index and the episodes differ");
		let mut tallies = 0usize;
		for (clinician, tally) in BreakGlassTallies::<T>::iter() {
			tallies += 1;
			ensure!(
				per_clinician.get(&clinician) == Some(&tally.unreviewed),
				"a break-glass tally miscounts the clinician's unreviewed episodes"
			);
			ensure!(
				tally.count >= 1 && tally.count <= T::MaxBreakGlassPerDay::get(),
				"a clinician began more episodes in a day than allowed"
			);
			ensure!(tally.day <= day_of(now), "a break-glass tally is for a day to come");
		}
		ensure!(
			tallies == per_clinician.len(),
			"a clinician with unreviewed episodes has no tally"
		);

		let reason = HoldReason::StorageDeposit.into();
		for (who, amount) in held {
			ensure!(
				T::Currency::balance_on_hold(&reason, &who) == amount,
				"a deposit is not held exactly"
			);
		}
		Ok(())
	}

	/// A consent not in force at `now` never decides an access: ask, as its grantee, for
	/// something its first provision covers.
	fn ensure_never_decides(
		id: ConsentId,
		consent: &ConsentOf<T>,
		now: Moment,
	) -> Result<(), TryRuntimeError> {
		let (Grantee::Account(accessor) | Grantee::Participant(accessor)) = &consent.grantee else {
			return Ok(());
		};
		let Some(rule) = consent.provisions.first().map(|p| &p.rule) else { return Ok(()) };
		let query = AccessQuery {
			purpose: rule.purposes.first().copied().unwrap_or(Purpose::TREAT),
			data_tag: rule.data_tags.first().copied().unwrap_or(DataTag([0; 16])),
			action: rule.actions.first().copied().unwrap_or(Action::Access),
			record_date: rule.data_period.map(|p| p.from),
		};
		let decision = Self::check_access(&consent.patient, accessor, &query, now, None);
		ensure!(
			decision != Decision::Permit(Permit::Consent(id))
				&& decision != Decision::Deny(Denial::DeniedByConsent(id)),
			"a consent not in force decides an access"
		);
		Ok(())
	}
}
