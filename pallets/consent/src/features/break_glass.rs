//! Break-glass: a clinician's bounded emergency access, always reviewed by an auditor.
//!
//! An episode names the patient only by their emergency handle (`EmergencyHandle::of` their
//! tag secret), never by account: whose emergency it was is known to the patient and to the
//! providers they gave their tag secret, not to an observer of the chain. The registry grants
//! emergency access only to a question that names the handle (`check_access`'s `emergency`),
//! which the record gateway asks through the runtime API, off chain (docs/privacy.md).

use crate::*;
use codec::Encode;
use frame_support::ensure;
use medchain_primitives::paging::{take_page, Page};
use medchain_primitives::participants::{ParticipantRoles, Role};
use sp_core::Get;
use sp_core::H256;
use sp_runtime::{DispatchError, DispatchResult};

impl<T: Config> Pallet<T> {
	/// `clinician` opens emergency access to the patient whose emergency handle is `subject`
	/// for `minutes`; returns the episode.
	pub(crate) fn do_break_glass(
		clinician: T::AccountId,
		subject: EmergencyHandle,
		reason: EmergencyReason,
		minutes: u32,
	) -> Result<EpisodeId, DispatchError> {
		ensure!(T::Participants::has_role(&clinician, Role::Clinician), Error::<T>::NotAClinician);
		ensure!(
			minutes >= 1 && minutes <= T::MaxBreakGlassMinutes::get(),
			Error::<T>::InvalidDuration
		);
		let now = Self::now();
		let earlier = Self::unreviewed_with(&subject, &clinician);
		let previous = earlier.iter().max().copied();
		ensure!(
			previous.and_then(Episodes::<T>::get).is_none_or(|e| !(e.start <= now && now < e.end)),
			Error::<T>::BreakGlassOpen
		);
		let earlier_unreviewed = u32::try_from(earlier.len()).unwrap_or(u32::MAX);
		ensure!(
			earlier_unreviewed < T::MaxUnreviewedBreakGlass::get(),
			Error::<T>::TooManyUnreviewedEpisodes
		);
		let today = day_of(now);
		let tally = BreakGlassTallies::<T>::get(&clinician);
		let count = tally.filter(|t| t.day == today).map_or(0, |t| t.count);
		ensure!(count < T::MaxBreakGlassPerDay::get(), Error::<T>::BreakGlassDailyLimit);

		let id = NextEpisodeId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let end = now.saturating_add(Moment::from(minutes).saturating_mul(MINUTE));
		let deposit = Self::episode_deposit(id, &subject, &clinician);
		Self::hold(&clinician, deposit)?;

		NextEpisodeId::<T>::put(next);
		BreakGlass::<T>::insert((&subject, &clinician, id), ());
		BreakGlassTallies::<T>::insert(
			&clinician,
			BreakGlassTally {
				day: today,
				count: count.saturating_add(1),
				unreviewed: tally.map_or(0, |t| t.unreviewed).saturating_add(1),
			},
		);
		Episodes::<T>::insert(
			id,
			Episode { clinician: clinician.clone(), subject, reason, start: now, end, deposit },
		);
		Self::deposit_event(Event::BreakGlassDeclared {
			episode: id,
			subject,
			clinician,
			reason,
			until: end,
			earlier_unreviewed,
			previous,
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
		BreakGlass::<T>::remove((&episode.subject, &episode.clinician, id));
		// The tally goes with the clinician's last unreviewed episode, which paid for it.
		BreakGlassTallies::<T>::mutate_exists(&episode.clinician, |slot| {
			if let Some(tally) = slot {
				tally.unreviewed = tally.unreviewed.saturating_sub(1);
				if tally.unreviewed == 0 {
					*slot = None;
				}
			}
		});
		Self::release(&episode.clinician, episode.deposit);
		Self::deposit_event(Event::BreakGlassReviewed {
			episode: id,
			subject: episode.subject,
			clinician: episode.clinician,
			auditor,
			finding,
			report_hash,
		});
		Ok(())
	}

	/// The clinician's unreviewed episodes with the patient whose handle is `subject`, at most
	/// `MaxUnreviewedBreakGlass` of them (`do_break_glass` keeps it so).
	pub(crate) fn unreviewed_with(
		subject: &EmergencyHandle,
		clinician: &T::AccountId,
	) -> alloc::vec::Vec<EpisodeId> {
		BreakGlass::<T>::iter_key_prefix((subject, clinician))
			.take(T::MaxUnreviewedBreakGlass::get() as usize)
			.collect()
	}

	/// The emergency handle of `patient` whose tag secret is `secret`.
	pub fn emergency_handle(secret: &TagSecret, patient: &T::AccountId) -> EmergencyHandle {
		let preimage = EmergencyHandle::preimage(secret, &patient.encode());
		EmergencyHandle(sp_io::hashing::blake2_256(&preimage))
	}

	/// The clinician's episode with the patient whose handle is `subject` that is open at
	/// `at`, if any: only the latest can be, as no episode begins while another is open.
	pub(crate) fn open_episode(
		subject: &EmergencyHandle,
		clinician: &T::AccountId,
		at: Moment,
	) -> Option<EpisodeId> {
		let id = Self::unreviewed_with(subject, clinician).into_iter().max()?;
		Episodes::<T>::get(id).filter(|e| e.start <= at && at < e.end).map(|_| id)
	}

	/// A page of the unreviewed episodes, for auditors: at most `limit` (clamped to
	/// `1..=MAX_PAGE`) after the episode `after` (none: from the start), in storage order
	/// (not by number). The next page's cursor is the last episode listed; it need not be
	/// unreviewed any more when it is passed back. Reads at most `MAX_PAGE + 1` episodes.
	pub fn unreviewed_episodes(
		after: Option<EpisodeId>,
		limit: u32,
	) -> Page<(EpisodeId, EpisodeOf<T>), EpisodeId> {
		let episodes = match after {
			Some(after) => Episodes::<T>::iter_from_key(after),
			None => Episodes::<T>::iter(),
		};
		take_page(episodes.map(|(id, episode)| ((id, episode), id)), limit)
	}
}
