//! Purging: revoked and expired consents and settled requests leave state, and their
//! deposits go back, by anyone's call or automatically in spare block weight.

use crate::*;
use frame_support::ensure;
use frame_support::weights::Weight;
use sp_core::Get;
use sp_runtime::DispatchResult;

/// The most stored items `on_idle` looks at in one block, whatever weight is spare, so that a
/// large registry does not slow every block down.
pub const MAX_IDLE_ITEMS: u32 = 64;

impl<T: Config> Pallet<T> {
	/// Remove a revoked or expired consent and return its deposit.
	pub(crate) fn do_purge_consent(id: ConsentId) -> DispatchResult {
		let consent = Consents::<T>::get(id).ok_or(Error::<T>::UnknownConsent)?;
		ensure!(Self::consent_purgeable(&consent, Self::now()), Error::<T>::NotPurgeable);
		Self::remove_consent(id, consent);
		Ok(())
	}

	/// Whether a consent may be purged at `now`: revoked, or its period over.
	pub(crate) fn consent_purgeable(consent: &ConsentOf<T>, now: Moment) -> bool {
		matches!(consent.status_at(now), ConsentStatus::Revoked | ConsentStatus::Expired)
	}

	/// Remove a consent, its index entries and its deposit.
	fn remove_consent(id: ConsentId, consent: ConsentOf<T>) {
		PatientConsents::<T>::mutate_exists(&consent.patient, |slot| {
			if let Some(ids) = slot {
				ids.retain(|other| *other != id);
				if ids.is_empty() {
					*slot = None;
				}
			}
		});
		GranteeConsents::<T>::remove(&consent.grantee, id);
		Consents::<T>::remove(id);
		let refunded = Self::release(&consent.granted_by, consent.deposit);
		Self::deposit_event(Event::ConsentPurged {
			consent: id,
			patient: consent.patient,
			refunded,
		});
	}

	/// Purge, within `remaining` weight, the consents that ended and the requests whose answer
	/// window closed at least `AutoPurgeDelay` ago, resuming where the last block stopped;
	/// returns the weight used.
	pub(crate) fn do_purge_idle(remaining: Weight) -> Weight {
		let db = T::DbWeight::get();
		// The cursor and the clock are read, the cursor written.
		let mut used = db.reads_writes(2, 1);
		// Looking at one item and purging it costs at most this.
		let step = T::WeightInfo::purge_consent().max(T::WeightInfo::purge_request());
		if remaining.any_lt(used.saturating_add(step)) {
			return Weight::zero();
		}
		let now = Self::now();
		let mut cursor = PurgeCursor::<T>::get();
		let mut looked_at = 0;
		while looked_at < MAX_IDLE_ITEMS && remaining.all_gte(used.saturating_add(step)) {
			looked_at += 1;
			used.saturating_accrue(step);
			if !cursor.consents_done {
				let mut items = match cursor.consent {
					Some(last) => Consents::<T>::iter_from(Consents::<T>::hashed_key_for(last)),
					None => Consents::<T>::iter(),
				};
				match items.next() {
					Some((id, consent)) => {
						cursor.consent = Some(id);
						let settled_long_ago = consent.ended_at(now).is_some_and(|ended| {
							ended.saturating_add(T::AutoPurgeDelay::get()) <= now
						});
						if settled_long_ago {
							Self::remove_consent(id, consent);
						}
					}
					None => {
						cursor.consent = None;
						cursor.consents_done = true;
					}
				}
			} else {
				let mut items = match cursor.request {
					Some(last) => Requests::<T>::iter_from(Requests::<T>::hashed_key_for(last)),
					None => Requests::<T>::iter(),
				};
				match items.next() {
					Some((id, request)) => {
						cursor.request = Some(id);
						// Settled or not, a request stays readable for its answer window and the
						// delay after it, so both sides can see how it ended.
						let window_long_gone =
							request.expires_at.saturating_add(T::AutoPurgeDelay::get()) <= now;
						if window_long_gone {
							Self::remove_request(id, request);
						}
					}
					None => {
						// Both maps are done: start again with the consents next block.
						cursor = PurgeProgress::default();
						break;
					}
				}
			}
		}
		PurgeCursor::<T>::put(cursor);
		used
	}
}
