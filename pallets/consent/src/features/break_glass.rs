//! Break-glass: a clinician's bounded emergency access, always reviewed by an auditor.

use crate::*;
use codec::MaxEncodedLen;
use frame_support::ensure;
use medchain_primitives::participants::{ParticipantRoles, Role};
use sp_core::Get;
use sp_core::H256;
use sp_runtime::{DispatchError, DispatchResult};

impl<T: Config> Pallet<T> {
	/// `clinician` opens emergency access to `patient` for `minutes`; returns the episode.
	pub(crate) fn do_break_glass(
		clinician: T::AccountId,
		patient: T::AccountId,
		reason: EmergencyReason,
		minutes: u32,
	) -> Result<EpisodeId, DispatchError> {
		ensure!(T::Participants::has_role(&clinician, Role::Clinician), Error::<T>::NotAClinician);
		ensure!(clinician != patient, Error::<T>::OwnRecords);
		ensure!(
			minutes >= 1 && minutes <= T::MaxBreakGlassMinutes::get(),
			Error::<T>::InvalidDuration
		);
		let now = Self::now();
		ensure!(
			Self::open_episode(&patient, &clinician, now).is_none(),
			Error::<T>::BreakGlassOpen
		);

		let id = NextEpisodeId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let end = now.saturating_add(Moment::from(minutes).saturating_mul(MINUTE));
		let deposit = Self::deposit_for(EpisodeOf::<T>::max_encoded_len());
		Self::hold(&clinician, deposit)?;

		NextEpisodeId::<T>::put(next);
		BreakGlass::<T>::insert(&patient, &clinician, id);
		Episodes::<T>::insert(
			id,
			Episode {
				clinician: clinician.clone(),
				patient: patient.clone(),
				reason,
				start: now,
				end,
				deposit,
			},
		);
		Self::deposit_event(Event::BreakGlassDeclared {
			episode: id,
			patient,
			clinician,
			reason,
			until: end,
		});
		Ok(id)
	}

	/// `auditor` reviews an ended episode: it is closed and the deposit returned.
	pub(crate) fn do_review(
		auditor: T::AccountId,
		id: EpisodeId,
		finding: Finding,
		report_hash: H256,
	) -> DispatchResult {
		ensure!(T::Participants::has_role(&auditor, Role::Auditor), Error::<T>::NotAnAuditor);
		let episode = Episodes::<T>::get(id).ok_or(Error::<T>::UnknownEpisode)?;
		ensure!(episode.clinician != auditor, Error::<T>::CannotReviewOwn);
		ensure!(episode.end <= Self::now(), Error::<T>::EpisodeNotEnded);

		Episodes::<T>::remove(id);
		if BreakGlass::<T>::get(&episode.patient, &episode.clinician) == Some(id) {
			BreakGlass::<T>::remove(&episode.patient, &episode.clinician);
		}
		Self::release(&episode.clinician, episode.deposit);
		Self::deposit_event(Event::BreakGlassReviewed {
			episode: id,
			patient: episode.patient,
			clinician: episode.clinician,
			auditor,
			finding,
			report_hash,
		});
		Ok(())
	}

	/// The clinician's episode with the patient that is open at `at`, if any.
	pub(crate) fn open_episode(
		patient: &T::AccountId,
		clinician: &T::AccountId,
		at: Moment,
	) -> Option<EpisodeId> {
		let id = BreakGlass::<T>::get(patient, clinician)?;
		Episodes::<T>::get(id).filter(|e| e.start <= at && at < e.end).map(|_| id)
	}

	/// Every unreviewed episode, for auditors.
	pub fn unreviewed_episodes() -> alloc::vec::Vec<(EpisodeId, EpisodeOf<T>)> {
		Episodes::<T>::iter().collect()
	}
}
