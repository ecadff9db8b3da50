//! Dynamic consent: a participant asks, the patient (or a guardian) approves or denies.

use crate::*;
use frame_support::ensure;
use medchain_primitives::participants::ParticipantRoles;
use sp_core::Get;
use sp_runtime::{DispatchError, DispatchResult};

impl<T: Config> Pallet<T> {
	/// `requester` asks `patient` for a consent; returns the request's number.
	pub(crate) fn do_request(
		requester: T::AccountId,
		patient: T::AccountId,
		provisions: ProvisionsOf<T>,
		starts_at: Option<Moment>,
		ends: Ends,
		policy: Option<PolicyRef>,
	) -> Result<RequestId, DispatchError> {
		ensure!(T::Participants::is_active(&requester), Error::<T>::NotAParticipant);
		ensure!(requester != patient, Error::<T>::GranteeIsPatient);
		Self::ensure_valid_provisions(&provisions)?;
		ensure!(
			provisions.iter().all(|p| p.kind == ProvisionType::Permit),
			Error::<T>::RequestMustPermit
		);
		let now = Self::now();
		// Fail now, not at approval, if the period asked for is impossible already.
		Self::resolve_period(now, starts_at, ends)?;

		let id = NextRequestId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::Overflow)?;
		if PatientRequests::<T>::decode_len(&patient).unwrap_or(0)
			>= T::MaxPendingRequests::get() as usize
		{
			// Requests the patient let expire give their places to new ones.
			for expired in PatientRequests::<T>::get(&patient) {
				if let Some(request) = Requests::<T>::get(expired).filter(|r| r.expires_at <= now) {
					Self::remove_request(expired, request);
				}
			}
		}
		PatientRequests::<T>::try_mutate(&patient, |ids| ids.try_push(id))
			.map_err(|_| Error::<T>::TooManyRequests)?;
		let expires_at = now.saturating_add(T::RequestLifetime::get());
		let mut request = Request {
			requester,
			patient,
			provisions,
			starts_at,
			ends,
			policy,
			expires_at,
			state: RequestState::Pending,
			deposit: Default::default(),
		};
		request.deposit = Self::request_deposit(&request);
		Self::hold(&request.requester, request.deposit)?;

		NextRequestId::<T>::put(next);
		Self::deposit_event(Event::ConsentRequested {
			request: id,
			requester: request.requester.clone(),
			patient: request.patient.clone(),
			expires_at,
		});
		Requests::<T>::insert(id, request);
		Ok(id)
	}

	/// `who` (the patient or a guardian) approves a request; returns the consent granted.
	pub(crate) fn do_approve(who: T::AccountId, id: RequestId) -> Result<ConsentId, DispatchError> {
		let mut request = Self::pending_request(&who, id)?;
		let grantee = Grantee::Participant(request.requester.clone());
		Self::ensure_valid_grantee(&request.patient, &grantee)?;
		Self::ensure_no_conflict(&who, &request.patient, &grantee)?;
		let now = Self::now();
		// A start asked for that has passed while the patient thought it over starts now.
		let starts_at = request.starts_at.map(|start| start.max(now));
		let period = Self::resolve_period(now, starts_at, request.ends)?;
		let consent = Self::insert_consent(Consent {
			patient: request.patient.clone(),
			granted_by: who,
			grantee,
			provisions: request.provisions.clone(),
			period,
			policy: request.policy,
			state: ConsentState::Granted,
			granted_at: now,
			request: Some(id),
			confirmed_at: None,
			deposit: Default::default(),
		})?;
		Self::unindex_request(&request.patient, id);
		request.state = RequestState::Approved(consent);
		Self::deposit_event(Event::RequestApproved {
			request: id,
			requester: request.requester.clone(),
			consent,
		});
		Requests::<T>::insert(id, request);
		Ok(consent)
	}

	/// `who` (the patient or a guardian) denies a request.
	pub(crate) fn do_deny(who: T::AccountId, id: RequestId) -> DispatchResult {
		let mut request = Self::pending_request(&who, id)?;
		Self::unindex_request(&request.patient, id);
		request.state = RequestState::Denied;
		Self::deposit_event(Event::RequestDenied {
			request: id,
			requester: request.requester.clone(),
			patient: request.patient.clone(),
		});
		Requests::<T>::insert(id, request);
		Ok(())
	}

	/// Remove a settled or expired request and return the requester's deposit.
	pub(crate) fn do_purge_request(id: RequestId) -> DispatchResult {
		let request = Requests::<T>::get(id).ok_or(Error::<T>::UnknownRequest)?;
		ensure!(Self::request_purgeable(&request, Self::now()), Error::<T>::RequestPending);
		Self::remove_request(id, request);
		Ok(())
	}

	/// A patient's requests still waiting for an answer at `now`, oldest first: at most
	/// `MaxPendingRequests`, so it needs no paging.
	pub fn pending_requests(patient: &T::AccountId, now: Moment) -> alloc::vec::Vec<RequestId> {
		PatientRequests::<T>::get(patient)
			.into_iter()
			.filter(|id| Requests::<T>::get(id).is_some_and(|r| r.expires_at > now))
			.collect()
	}

	/// Whether a request may be purged at `now`: settled, or pending past its expiry.
	pub(crate) fn request_purgeable(request: &RequestOf<T>, now: Moment) -> bool {
		request.state != RequestState::Pending || request.expires_at <= now
	}

	/// Remove a request, its index entry and its deposit.
	pub(crate) fn remove_request(id: RequestId, request: RequestOf<T>) {
		if request.state == RequestState::Pending {
			Self::unindex_request(&request.patient, id);
		}
		Requests::<T>::remove(id);
		Self::release(&request.requester, request.deposit);
		Self::deposit_event(Event::RequestPurged { request: id, requester: request.requester });
	}

	/// The request `id`, if it is pending and not expired and `who` may answer it.
	fn pending_request(who: &T::AccountId, id: RequestId) -> Result<RequestOf<T>, DispatchError> {
		let request = Requests::<T>::get(id).ok_or(Error::<T>::UnknownRequest)?;
		Self::ensure_patient_or_guardian(who, &request.patient)?;
		ensure!(request.state == RequestState::Pending, Error::<T>::RequestSettled);
		ensure!(request.expires_at > Self::now(), Error::<T>::RequestExpired);
		Ok(request)
	}

	fn unindex_request(patient: &T::AccountId, id: RequestId) {
		PatientRequests::<T>::mutate_exists(patient, |slot| {
			if let Some(ids) = slot {
				ids.retain(|other| *other != id);
				if ids.is_empty() {
					*slot = None;
				}
			}
		});
	}
}
