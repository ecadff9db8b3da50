//! # Access grants
//!
//! Fine-grained, record-level access to medical records, inside the patient's consents.
//!
//! ## Roles
//! - **Providers** (active registered Hospitals, Clinicians and Researchers, asked of the
//!   participant registry through MedChain's chain extension) register records: the
//!   patient, the data class, the hash of the locator where the encrypted record lives, and
//!   when it was made. No health data is stored, only pseudonymous accounts, codes, times and
//!   hashes.
//! - **Patients** grant a grantee access to one record or a set of their records for one
//!   purpose, until an expiry, for a number of uses, optionally with a key envelope (the
//!   record key encrypted to the grantee) and a re-share depth. They revoke grants.
//! - **Grantees** `access` a record, and may re-share within their own grant if its depth
//!   allows.
//! - Providers may **request** access to a record; the patient approves (which creates the
//!   grant) or denies, and the provider may withdraw it. A request waits at most 7 days
//!   (`REQUEST_LIFETIME`; after that it cannot be approved) and a patient has at most 8
//!   awaiting an answer (`MAX_OPEN_REQUESTS_PER_PATIENT`). Approval checks again that the
//!   provider is an active provider, and never grants a patient their own record.
//!
//! ## Invariants
//! - A grant only ever covers records of its patient; a re-shared grant covers a subset of
//!   its parent's records, for the same purpose, for no longer and a smaller depth.
//! - **Re-sharing is bounded by uses:** a re-share's uses come out of the parent's remaining
//!   uses (they count as gone from the parent at once, and do not come back if the re-share
//!   is revoked), so all the grants re-shared from one never allow more accesses than it did.
//!   On top of that a grant is re-shared at most 4 times (`MAX_RESHARES_PER_GRANT`), so with
//!   a depth of at most 3 no more than 84 grants descend from one.
//! - A re-share needs the consent pallet's permission for the re-sharing grantee to
//!   *disclose* each record (action `Disclose`, for the grant's purpose), asked at that
//!   moment through the chain extension.
//! - A revocation stops the grant and everything re-shared from it, at once, in the same
//!   call (so the cascade is bounded by the 84 above and paid for by whoever revokes): each
//!   grant stopped is marked revoked and gets its own `Revoked` event under the patient's
//!   topic, naming the grant the cascade started from.
//! - `access` succeeds only if the grant is live, unexpired, has uses left, covers the record
//!   for this purpose, **and** the consent pallet permits it at that moment (asked through
//!   the chain extension on every access, never cached).
//! - Storage is bounded: at most 16 records per grant, 512-byte envelopes, depth 3, 4
//!   re-shares per grant.
//!
//! ## An authorisation ledger, not a data store
//! The contract decides and records who may access which record, and when they did: it is
//! the authorisation ledger. It holds no health data, and it cannot stop anyone from
//! *reading* its state: the chain's storage is public, and a dry run of `access` by the
//! grantee answers as the real call would without counting a use. So no read message
//! returns a grant's key envelope (it is kept apart from the grant and returned only by the
//! grantee's own `access`, and it is encrypted to the grantee's key anyway), and data is
//! released only by the **record gateway**, the provider-side service that serves an
//! encrypted record only against a finalised, consented `access` by the signing grantee
//! (its `Accessed` event). The gateway is where data is released; the uses and expiry
//! counted here are what it enforces.
//!
//! ## Errors
//! Messages return `Result<_, Error>`; an `Err` reverts and changes nothing. An access that
//! is refused is not an error: `access` answers `Ok(AccessOutcome::Refused(reason))` and
//! emits `AccessRefused`, so the patient's access trail shows attempts as well as uses.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

#[ink::contract(env = medchain_ink::MedChainEnvironment)]
pub mod access_grants {
	use ink::{prelude::vec::Vec, storage::Mapping};
	use medchain_ink::{
		ensure, packed_leaf, AccessQuery, Action, CheckAccess, DataClass, Decision, Denial,
		ExtensionError, HasRole, Purpose, Role,
	};

	/// A record's number.
	pub type RecordId = u64;
	/// A grant's number.
	pub type GrantId = u64;
	/// A request's number.
	pub type RequestId = u64;

	/// The most records one grant covers.
	pub const MAX_RECORDS_PER_GRANT: usize = 16;
	/// The longest key envelope, in bytes.
	pub const MAX_ENVELOPE_LEN: usize = 512;
	/// The deepest chain of re-shares a grant may allow.
	pub const MAX_RESHARE_DEPTH: u8 = 3;
	/// The most grants re-shared directly from one grant. With [`MAX_RESHARE_DEPTH`], at
	/// most 4 + 16 + 64 = 84 grants descend from one, so a cascade revocation is bounded.
	pub const MAX_RESHARES_PER_GRANT: usize = 4;
	/// The most requests awaiting one patient's answer at a time (expired ones count until
	/// they are answered, withdrawn or removed).
	pub const MAX_OPEN_REQUESTS_PER_PATIENT: u32 = 8;
	/// How long a request waits for its answer: 7 days, in milliseconds.
	pub const REQUEST_LIFETIME: Timestamp = 7 * 24 * 60 * 60 * 1000;

	/// A registered record: where the encrypted data lives, not the data.
	#[derive(Debug, Clone, PartialEq, Eq)]
	#[ink::scale_derive(Encode, Decode, TypeInfo)]
	pub struct Record {
		/// The provider that registered it.
		pub provider: AccountId,
		/// Whose record it is.
		pub patient: AccountId,
		/// What kind of data.
		pub data_class: DataClass,
		/// The hash of the locator of the encrypted record.
		pub locator: Hash,
		/// When it was made (milliseconds since the Unix epoch).
		pub created_at: Timestamp,
	}

	/// Access to records for one grantee.
	#[derive(Debug, Clone, PartialEq, Eq)]
	#[ink::scale_derive(Encode, Decode, TypeInfo)]
	pub struct Grant {
		/// Whose records.
		pub patient: AccountId,
		/// Who may access them.
		pub grantee: AccountId,
		/// Who granted it: the patient, or the grantee of the parent grant.
		pub granted_by: AccountId,
		/// The records covered.
		pub records: Vec<RecordId>,
		/// The only purpose access is for.
		pub purpose: Purpose,
		/// When it ends (milliseconds since the Unix epoch).
		pub expires_at: Timestamp,
		/// How many accesses it allows.
		pub max_uses: u32,
		/// How many of them are gone: accesses made, and uses handed on to re-shares.
		pub uses: u32,
		/// How many further re-shares it allows (0 = none).
		pub reshare_depth: u8,
		/// The grant it was re-shared from.
		pub parent: Option<GrantId>,
		/// The grants re-shared from it (at most 4).
		pub children: Vec<GrantId>,
		/// Whether it was revoked.
		pub revoked: bool,
	}

	/// Where an access request stands.
	#[derive(Debug, Clone, Copy, PartialEq, Eq)]
	#[ink::scale_derive(Encode, Decode, TypeInfo)]
	// The codec derive casts variant indices (at most a handful) to u8.
	#[allow(clippy::cast_possible_truncation)]
	pub enum RequestStatus {
		/// Waiting for the patient, until `expires_at`; after that it can only be removed,
		/// denied or withdrawn.
		Pending,
		/// Approved: this grant was created.
		Approved(GrantId),
		/// Denied.
		Denied,
		/// Withdrawn by the provider that asked.
		Withdrawn,
	}

	/// A provider's request for access to a record.
	#[derive(Debug, Clone, PartialEq, Eq)]
	#[ink::scale_derive(Encode, Decode, TypeInfo)]
	pub struct Request {
		/// Who asks.
		pub provider: AccountId,
		/// Whose record.
		pub patient: AccountId,
		/// The record.
		pub record: RecordId,
		/// What for.
		pub purpose: Purpose,
		/// When it lapses if still unanswered (milliseconds since the Unix epoch).
		pub expires_at: Timestamp,
		/// Where it stands.
		pub status: RequestStatus,
	}

	packed_leaf!(Record, Grant, Request);

	/// Why an access was refused.
	#[derive(Debug, Clone, Copy, PartialEq, Eq)]
	#[ink::scale_derive(Encode, Decode, TypeInfo)]
	// The codec derive casts variant indices (at most a handful) to u8.
	#[allow(clippy::cast_possible_truncation)]
	pub enum Refusal {
		/// The caller is not the grantee.
		NotTheGrantee,
		/// The grant does not cover this record.
		RecordNotGranted,
		/// The grant is for another purpose.
		WrongPurpose,
		/// The grant, or one it was re-shared from, is revoked.
		Revoked,
		/// The grant has expired.
		Expired,
		/// The grant's uses are spent.
		UsesSpent,
		/// The consent pallet does not permit it now, for this reason.
		ConsentDenied(Denial),
	}

	/// What `access` answers.
	#[derive(Debug, Clone, PartialEq, Eq)]
	#[ink::scale_derive(Encode, Decode, TypeInfo)]
	// The codec derive casts variant indices (at most a handful) to u8.
	#[allow(clippy::cast_possible_truncation)]
	pub enum AccessOutcome {
		/// Access is given: where the record is, and its key for you if the grant has one.
		Granted {
			/// The locator hash of the encrypted record.
			locator: Hash,
			/// The record key encrypted to you, if any.
			envelope: Option<Vec<u8>>,
		},
		/// Access is refused, for this reason (and the attempt is evented).
		Refused(Refusal),
	}

	/// Errors of the contract's messages; each reverts the call.
	// Names only, no payloads: each variant with a payload costs the contract about half a
	// KiB of code, and the contract must stay within 24 KiB.
	#[derive(Debug, Clone, Copy, PartialEq, Eq)]
	#[ink::scale_derive(Encode, Decode, TypeInfo)]
	// The codec derive casts variant indices (at most a handful) to u8.
	#[allow(clippy::cast_possible_truncation)]
	pub enum Error {
		/// Only an active registered hospital, clinician or researcher may do this.
		NotAProvider,
		/// Only the record's, grant's or request's patient may do this.
		NotThePatient,
		/// Only the provider that made the request may withdraw it.
		NotTheProvider,
		/// Only the grant's grantee may re-share it.
		NotTheGrantee,
		/// No such record.
		UnknownRecord,
		/// No such grant.
		UnknownGrant,
		/// No such request.
		UnknownRequest,
		/// A grant covers at least one record, each once, at most 16.
		InvalidRecords,
		/// The key envelope is longer than 512 bytes.
		EnvelopeTooLarge,
		/// The expiry is not in the future.
		InvalidExpiry,
		/// A grant allows at least one use.
		ZeroUses,
		/// A grant allows at most 3 levels of re-sharing.
		DepthTooLarge,
		/// You cannot grant to yourself.
		GrantToSelf,
		/// The grant is revoked, expired or spent.
		GrantNotLive,
		/// The grant does not allow re-sharing, or the re-share asks more than it has: more
		/// uses than are left, a later expiry, a depth not below its own, or other records.
		ReshareNotAllowed,
		/// The grant has been re-shared 4 times already.
		TooManyReshares,
		/// The consent pallet does not let you disclose these records now (ask its
		/// `checkAccess`, action Disclose, for the reason).
		DisclosureRefused,
		/// The grant is revoked already.
		AlreadyRevoked,
		/// The request was answered or withdrawn already.
		RequestSettled,
		/// The request was not answered within its 7 days; ask again.
		RequestExpired,
		/// The patient has 8 requests awaiting an answer already.
		TooManyRequests,
		/// The provider that asked is no longer an active hospital, clinician or researcher.
		RequesterNotAProvider,
		/// The chain extension failed.
		Extension,
		/// A number overflowed.
		Overflow,
	}

	impl From<ExtensionError> for Error {
		fn from(_: ExtensionError) -> Self {
			Error::Extension
		}
	}

	/// A provider registered a record.
	#[ink(event)]
	pub struct RecordRegistered {
		#[ink(topic)]
		patient: AccountId,
		record: RecordId,
		provider: AccountId,
		data_class: DataClass,
	}

	/// A patient (or a re-sharing grantee) granted access.
	#[ink(event)]
	pub struct Granted {
		#[ink(topic)]
		patient: AccountId,
		#[ink(topic)]
		grantee: AccountId,
		grant: GrantId,
		parent: Option<GrantId>,
	}

	/// A grant was revoked: by its patient or granter, or with a grant it was re-shared
	/// from (`cascade_from`, the grant revoked by `by`). One event for every grant stopped.
	#[ink(event)]
	pub struct Revoked {
		#[ink(topic)]
		patient: AccountId,
		#[ink(topic)]
		grantee: AccountId,
		grant: GrantId,
		by: AccountId,
		cascade_from: Option<GrantId>,
	}

	/// A record was accessed.
	#[ink(event)]
	pub struct Accessed {
		#[ink(topic)]
		patient: AccountId,
		#[ink(topic)]
		accessor: AccountId,
		grant: GrantId,
		record: RecordId,
		purpose: Purpose,
	}

	/// An access was refused.
	#[ink(event)]
	pub struct AccessRefused {
		#[ink(topic)]
		patient: AccountId,
		#[ink(topic)]
		accessor: AccountId,
		grant: GrantId,
		record: RecordId,
		reason: Refusal,
	}

	/// A provider asks the patient for access to a record, until `expires_at`.
	#[ink(event)]
	pub struct AccessRequested {
		#[ink(topic)]
		patient: AccountId,
		request: RequestId,
		provider: AccountId,
		record: RecordId,
		purpose: Purpose,
		expires_at: Timestamp,
	}

	/// A request was settled: approved or denied by the patient, or withdrawn by its provider.
	#[ink(event)]
	pub struct RequestSettled {
		#[ink(topic)]
		patient: AccountId,
		#[ink(topic)]
		provider: AccountId,
		request: RequestId,
		status: RequestStatus,
	}

	/// The contract's state.
	#[ink(storage)]
	#[derive(Default)]
	pub struct AccessGrants {
		records: Mapping<RecordId, Record>,
		next_record: RecordId,
		grants: Mapping<GrantId, Grant>,
		next_grant: GrantId,
		requests: Mapping<RequestId, Request>,
		next_request: RequestId,
		/// How many requests await each patient's answer.
		open_requests: Mapping<AccountId, u32>,
		/// The key envelope of each grant that has one, apart from the grant: only the
		/// grantee's own `access` returns it.
		envelopes: Mapping<GrantId, Vec<u8>>,
	}

	/// The terms of a grant, as the patient sets them.
	#[derive(Debug, Clone, PartialEq, Eq)]
	#[ink::scale_derive(Encode, Decode, TypeInfo)]
	pub struct Terms {
		/// When it ends (milliseconds since the Unix epoch).
		pub expires_at: Timestamp,
		/// How many accesses it allows.
		pub max_uses: u32,
		/// How many further re-shares it allows (0 to 3).
		pub reshare_depth: u8,
		/// The record key encrypted to the grantee (at most 512 bytes), if any.
		pub envelope: Option<Vec<u8>>,
	}

	impl AccessGrants {
		/// A new, empty registry.
		#[ink(constructor)]
		pub fn new() -> Self {
			Self::default()
		}

		/// Register a record of `patient`, as a provider: its data class and the hash of the
		/// locator of the encrypted record. Returns the record's number.
		#[ink(message)]
		pub fn register_record(
			&mut self,
			patient: AccountId,
			data_class: DataClass,
			locator: Hash,
		) -> Result<RecordId, Error> {
			let provider = self.env().caller();
			ensure(self.is_provider(provider)?, Error::NotAProvider)?;
			let id = self.next_record;
			self.next_record = id.checked_add(1).ok_or(Error::Overflow)?;
			let created_at = self.env().block_timestamp();
			self.records.insert(id, &Record { provider, patient, data_class, locator, created_at });
			self.env().emit_event(RecordRegistered { patient, record: id, provider, data_class });
			Ok(id)
		}

		/// Grant `grantee` access to some of your records, for `purpose`, on `terms`.
		/// Returns the grant's number.
		#[ink(message)]
		pub fn grant(
			&mut self,
			grantee: AccountId,
			records: Vec<RecordId>,
			purpose: Purpose,
			terms: Terms,
		) -> Result<GrantId, Error> {
			let patient = self.env().caller();
			self.ensure_records_of(patient, &records)?;
			self.ensure_terms(&terms)?;
			self.store_grant(patient, patient, grantee, records, purpose, terms, None)
		}

		/// Re-share part of a grant you hold with `grantee`: a subset of its records, for its
		/// purpose, ending no later and with a smaller depth. The re-share's uses come out of
		/// yours, and a grant is re-shared at most 4 times. The consent pallet must let you
		/// disclose each record (action Disclose), asked now.
		#[ink(message)]
		pub fn reshare(
			&mut self,
			parent: GrantId,
			grantee: AccountId,
			records: Vec<RecordId>,
			terms: Terms,
		) -> Result<GrantId, Error> {
			let caller = self.env().caller();
			let mut held = self.grants.get(parent).ok_or(Error::UnknownGrant)?;
			ensure(held.grantee == caller, Error::NotTheGrantee)?;
			ensure(self.live_refusal(&held).is_none(), Error::GrantNotLive)?;
			ensure(valid_record_list(&records), Error::InvalidRecords)?;
			self.ensure_terms(&terms)?;
			let uses = held.uses.checked_add(terms.max_uses).filter(|u| *u <= held.max_uses);
			let allowed = held.reshare_depth > 0
				&& terms.reshare_depth < held.reshare_depth
				&& terms.expires_at <= held.expires_at
				&& uses.is_some()
				&& records.iter().all(|r| held.records.contains(r));
			ensure(allowed, Error::ReshareNotAllowed)?;
			ensure(held.children.len() < MAX_RESHARES_PER_GRANT, Error::TooManyReshares)?;
			for id in &records {
				let record = self.records.get(id).ok_or(Error::UnknownRecord)?;
				if let Decision::Deny(_) =
					self.decide(held.patient, caller, held.purpose, &record, Action::Disclose)?
				{
					return Err(Error::DisclosureRefused);
				}
			}
			let child = self.store_grant(
				held.patient,
				caller,
				grantee,
				records,
				held.purpose,
				terms,
				Some(parent),
			)?;
			held.uses = uses.ok_or(Error::Overflow)?;
			held.children.push(child);
			self.grants.insert(parent, &held);
			Ok(child)
		}

		/// Revoke a grant, as its patient or whoever granted it. Everything re-shared from it
		/// stops at once, and each grant stopped is evented (`Revoked`, under the patient's and
		/// its grantee's topics).
		#[ink(message)]
		pub fn revoke(&mut self, grant: GrantId) -> Result<(), Error> {
			let by = self.env().caller();
			let held = self.grants.get(grant).ok_or(Error::UnknownGrant)?;
			ensure(by == held.patient || by == held.granted_by, Error::NotThePatient)?;
			ensure(!held.revoked, Error::AlreadyRevoked)?;
			// At most 84 grants descend from one (see `MAX_RESHARES_PER_GRANT`).
			let mut stopping = ink::prelude::vec![(grant, None)];
			while let Some((id, cascade_from)) = stopping.pop() {
				let Some(mut stopped) = self.grants.get(id) else { continue };
				if stopped.revoked {
					continue;
				}
				stopped.revoked = true;
				stopping.extend(stopped.children.iter().map(|child| (*child, Some(grant))));
				self.grants.insert(id, &stopped);
				self.env().emit_event(Revoked {
					patient: stopped.patient,
					grantee: stopped.grantee,
					grant: id,
					by,
					cascade_from,
				});
			}
			Ok(())
		}

		/// Access a record under a grant, for a purpose. Succeeds only if the grant is live,
		/// has uses left, covers the record for this purpose, and the consent pallet permits
		/// it now; counts a use and returns the locator and envelope. A refusal is answered
		/// and evented too.
		#[ink(message)]
		pub fn access(
			&mut self,
			grant: GrantId,
			record: RecordId,
			purpose: Purpose,
		) -> Result<AccessOutcome, Error> {
			let accessor = self.env().caller();
			let mut held = self.grants.get(grant).ok_or(Error::UnknownGrant)?;
			let stored = self.records.get(record).ok_or(Error::UnknownRecord)?;
			let refusal = if held.grantee != accessor {
				Some(Refusal::NotTheGrantee)
			} else if !held.records.contains(&record) {
				Some(Refusal::RecordNotGranted)
			} else if held.purpose != purpose {
				Some(Refusal::WrongPurpose)
			} else if let Some(refusal) = self.live_refusal(&held) {
				Some(refusal)
			} else {
				match self.decide(held.patient, accessor, purpose, &stored, Action::Access)? {
					Decision::Permit(_) => None,
					Decision::Deny(denial) => Some(Refusal::ConsentDenied(denial)),
				}
			};
			let patient = held.patient;
			if let Some(reason) = refusal {
				self.env().emit_event(AccessRefused { patient, accessor, grant, record, reason });
				return Ok(AccessOutcome::Refused(reason));
			}
			held.uses = held.uses.checked_add(1).ok_or(Error::Overflow)?;
			let envelope = self.envelopes.get(grant);
			self.grants.insert(grant, &held);
			self.env().emit_event(Accessed { patient, accessor, grant, record, purpose });
			Ok(AccessOutcome::Granted { locator: stored.locator, envelope })
		}

		/// Ask the patient for access to a record, as a provider. The request waits 7 days
		/// for an answer; a patient has at most 8 awaiting. Returns the request's number.
		#[ink(message)]
		pub fn request_access(
			&mut self,
			record: RecordId,
			purpose: Purpose,
		) -> Result<RequestId, Error> {
			let provider = self.env().caller();
			ensure(self.is_provider(provider)?, Error::NotAProvider)?;
			let patient = self.records.get(record).ok_or(Error::UnknownRecord)?.patient;
			let open = self.open_requests.get(patient).unwrap_or(0);
			ensure(open < MAX_OPEN_REQUESTS_PER_PATIENT, Error::TooManyRequests)?;
			let id = self.next_request;
			self.next_request = id.checked_add(1).ok_or(Error::Overflow)?;
			let expires_at = self
				.env()
				.block_timestamp()
				.checked_add(REQUEST_LIFETIME)
				.ok_or(Error::Overflow)?;
			let status = RequestStatus::Pending;
			let asked = Request { provider, patient, record, purpose, expires_at, status };
			self.requests.insert(id, &asked);
			self.open_requests.insert(patient, &open.saturating_add(1));
			self.env().emit_event(AccessRequested {
				patient,
				request: id,
				provider,
				record,
				purpose,
				expires_at,
			});
			Ok(id)
		}

		/// Approve a request for one of your records, on `terms`: this creates the grant to
		/// the provider that asked, if it is still an active provider and the request has not
		/// expired.
		#[ink(message)]
		pub fn approve_request(
			&mut self,
			request: RequestId,
			terms: Terms,
		) -> Result<GrantId, Error> {
			let asked = self.pending(request)?;
			let patient = asked.patient;
			ensure(self.env().caller() == patient, Error::NotThePatient)?;
			ensure(self.env().block_timestamp() < asked.expires_at, Error::RequestExpired)?;
			ensure(self.is_provider(asked.provider)?, Error::RequesterNotAProvider)?;
			let records = ink::prelude::vec![asked.record];
			self.ensure_records_of(patient, &records)?;
			self.ensure_terms(&terms)?;
			let grant = self.store_grant(
				patient,
				patient,
				asked.provider,
				records,
				asked.purpose,
				terms,
				None,
			)?;
			self.settle(request, asked, RequestStatus::Approved(grant));
			Ok(grant)
		}

		/// Deny a request for one of your records.
		#[ink(message)]
		pub fn deny_request(&mut self, request: RequestId) -> Result<(), Error> {
			let asked = self.pending(request)?;
			ensure(self.env().caller() == asked.patient, Error::NotThePatient)?;
			self.settle(request, asked, RequestStatus::Denied);
			Ok(())
		}

		/// Withdraw a request you made that is still awaiting an answer.
		#[ink(message)]
		pub fn withdraw_request(&mut self, request: RequestId) -> Result<(), Error> {
			let asked = self.pending(request)?;
			ensure(self.env().caller() == asked.provider, Error::NotTheProvider)?;
			self.settle(request, asked, RequestStatus::Withdrawn);
			Ok(())
		}

		/// A record.
		#[ink(message)]
		pub fn record(&self, record: RecordId) -> Option<Record> {
			self.records.get(record)
		}

		/// A grant: its terms and state. Its key envelope is not shown: only the grantee's own
		/// `access` returns it.
		#[ink(message)]
		pub fn grant_of(&self, grant: GrantId) -> Option<Grant> {
			self.grants.get(grant)
		}

		/// A request.
		#[ink(message)]
		pub fn request(&self, request: RequestId) -> Option<Request> {
			self.requests.get(request)
		}

		/// Whether a grant is live now: neither it nor any grant it was re-shared from is
		/// revoked, and it is unexpired with uses left.
		#[ink(message)]
		pub fn is_live(&self, grant: GrantId) -> bool {
			self.grants.get(grant).is_some_and(|held| self.live_refusal(&held).is_none())
		}

		/// Whether `who` is an active registered hospital, clinician or researcher now.
		fn is_provider(&self, who: AccountId) -> Result<bool, Error> {
			for role in [Role::Hospital, Role::Clinician, Role::Researcher] {
				if self.env().extension().has_role(HasRole { who: *who.as_ref(), role })? {
					return Ok(true);
				}
			}
			Ok(false)
		}

		fn ensure_records_of(&self, patient: AccountId, records: &[RecordId]) -> Result<(), Error> {
			ensure(valid_record_list(records), Error::InvalidRecords)?;
			for id in records {
				let record = self.records.get(id).ok_or(Error::UnknownRecord)?;
				ensure(record.patient == patient, Error::NotThePatient)?;
			}
			Ok(())
		}

		fn ensure_terms(&self, terms: &Terms) -> Result<(), Error> {
			ensure(terms.expires_at > self.env().block_timestamp(), Error::InvalidExpiry)?;
			ensure(terms.max_uses > 0, Error::ZeroUses)?;
			ensure(terms.reshare_depth <= MAX_RESHARE_DEPTH, Error::DepthTooLarge)?;
			ensure(
				terms.envelope.as_ref().is_none_or(|e| e.len() <= MAX_ENVELOPE_LEN),
				Error::EnvelopeTooLarge,
			)
		}

		#[allow(clippy::too_many_arguments)]
		fn store_grant(
			&mut self,
			patient: AccountId,
			granted_by: AccountId,
			grantee: AccountId,
			records: Vec<RecordId>,
			purpose: Purpose,
			terms: Terms,
			parent: Option<GrantId>,
		) -> Result<GrantId, Error> {
			ensure(grantee != patient && grantee != granted_by, Error::GrantToSelf)?;
			let id = self.next_grant;
			self.next_grant = id.checked_add(1).ok_or(Error::Overflow)?;
			let grant = Grant {
				patient,
				grantee,
				granted_by,
				records,
				purpose,
				expires_at: terms.expires_at,
				max_uses: terms.max_uses,
				uses: 0,
				reshare_depth: terms.reshare_depth,
				parent,
				children: Vec::new(),
				revoked: false,
			};
			self.grants.insert(id, &grant);
			if let Some(envelope) = terms.envelope {
				self.envelopes.insert(id, &envelope);
			}
			self.env().emit_event(Granted { patient, grantee, grant: id, parent });
			Ok(id)
		}

		/// Why a grant is not live now, if it is not: revoked (a revocation marks every grant
		/// re-shared from it too), expired, or spent.
		fn live_refusal(&self, grant: &Grant) -> Option<Refusal> {
			if grant.revoked {
				Some(Refusal::Revoked)
			} else if self.env().block_timestamp() >= grant.expires_at {
				Some(Refusal::Expired)
			} else if grant.uses >= grant.max_uses {
				Some(Refusal::UsesSpent)
			} else {
				None
			}
		}

		/// The consent pallet's decision, now, on `accessor` taking `action` on `record` of
		/// `patient` for `purpose`.
		fn decide(
			&self,
			patient: AccountId,
			accessor: AccountId,
			purpose: Purpose,
			record: &Record,
			action: Action,
		) -> Result<Decision, Error> {
			let input = CheckAccess {
				patient: *patient.as_ref(),
				accessor: *accessor.as_ref(),
				query: AccessQuery {
					purpose,
					data_class: record.data_class,
					action,
					record_date: Some(record.created_at),
				},
			};
			Ok(self.env().extension().check_access(input)?)
		}

		/// The request, if it still awaits an answer.
		fn pending(&self, request: RequestId) -> Result<Request, Error> {
			let asked = self.requests.get(request).ok_or(Error::UnknownRequest)?;
			ensure(asked.status == RequestStatus::Pending, Error::RequestSettled)?;
			Ok(asked)
		}

		/// Settle a pending request: it no longer counts against its patient's bound.
		fn settle(&mut self, request: RequestId, mut asked: Request, status: RequestStatus) {
			asked.status = status;
			self.requests.insert(request, &asked);
			self.close_request(asked.patient);
			self.env().emit_event(RequestSettled {
				patient: asked.patient,
				provider: asked.provider,
				request,
				status,
			});
		}

		/// One fewer request awaits `patient`.
		fn close_request(&mut self, patient: AccountId) {
			let open = self.open_requests.get(patient).unwrap_or(0).saturating_sub(1);
			if open == 0 {
				self.open_requests.remove(patient);
			} else {
				self.open_requests.insert(patient, &open);
			}
		}
	}

	/// One to 16 records, each once.
	fn valid_record_list(records: &[RecordId]) -> bool {
		!records.is_empty()
			&& records.len() <= MAX_RECORDS_PER_GRANT
			&& records.iter().enumerate().all(|(i, r)| !records[..i].contains(r))
	}

	#[cfg(test)]
	mod tests {
		use super::*;
		use ink::scale::{Decode, Encode};
		use medchain_ink::Permit;
		use std::cell::RefCell;

		std::thread_local! {
			/// The mock consent pallet: each consent permits exactly one question (patient,
			/// accessor, purpose, data class, action and record date); anything else is denied.
			static CONSENTS: RefCell<Vec<CheckAccess>> = const { RefCell::new(Vec::new()) };
			/// Every question the contract asked the consent pallet, in order.
			static ASKED: RefCell<Vec<CheckAccess>> = const { RefCell::new(Vec::new()) };
			/// Who holds the Hospital role.
			static PROVIDERS: RefCell<Vec<[u8; 32]>> = const { RefCell::new(Vec::new()) };
		}

		/// The runtime's extension, as the off-chain test engine sees it.
		struct MockExtension;

		impl ink::env::test::ChainExtension for MockExtension {
			fn ext_id(&self) -> u16 {
				0x4d43
			}

			fn call(&mut self, func_id: u16, input: &[u8], output: &mut Vec<u8>) -> u32 {
				// The off-chain engine hands over the input buffer SCALE-encoded once more.
				let input = Vec::<u8>::decode(&mut &input[..]).expect("an encoded buffer");
				match func_id {
					0x0001 => {
						let asked = CheckAccess::decode(&mut &input[..]).expect("a CheckAccess");
						ASKED.with(|a| a.borrow_mut().push(asked));
						let decision = if CONSENTS.with(|c| c.borrow().contains(&asked)) {
							Decision::Permit(Permit::Consent(7))
						} else {
							Decision::Deny(Denial::NoConsent)
						};
						decision.encode_to(output);
						0
					}
					0x0002 => {
						let asked = HasRole::decode(&mut &input[..]).expect("a HasRole");
						let provider = asked.role == Role::Hospital
							&& PROVIDERS.with(|p| p.borrow().contains(&asked.who));
						provider.encode_to(output);
						0
					}
					_ => 1,
				}
			}
		}

		/// The question the contract should ask about `accessor` taking `action` on alice's
		/// Observation record (made at 1_000) for `purpose`.
		fn question(accessor: AccountId, purpose: Purpose, action: Action) -> CheckAccess {
			CheckAccess {
				patient: *accounts().alice.as_ref(),
				accessor: *accessor.as_ref(),
				query: AccessQuery {
					purpose,
					data_class: DataClass::Observation,
					action,
					record_date: Some(1_000),
				},
			}
		}

		/// Alice consents, in the mock consent pallet, to exactly this question.
		fn consent(accessor: AccountId, purpose: Purpose, action: Action) {
			CONSENTS.with(|c| c.borrow_mut().push(question(accessor, purpose, action)));
		}

		/// The questions asked of the consent pallet since the last call.
		fn asked() -> Vec<CheckAccess> {
			ASKED.with(|a| a.take())
		}

		/// A `Revoked` event: its topics, the grant, who revoked, and the cascade's root.
		type Revocation = (Vec<Vec<u8>>, GrantId, AccountId, Option<GrantId>);

		/// The contract's `Revoked` events so far.
		fn revocations() -> Vec<Revocation> {
			ink::env::test::recorded_events()
				.filter(|e| e.topics.first().map(|t| &t[..]) == Some(&revoked_signature()[..]))
				.map(|e| {
					let (_, _, grant, by, cascade) =
						<(AccountId, AccountId, GrantId, AccountId, Option<GrantId>)>::decode(
							&mut &e.data[..],
						)
						.expect("a Revoked event");
					(e.topics, grant, by, cascade)
				})
				.collect()
		}

		/// The signature topic of `Revoked`: blake2-256 of its signature.
		fn revoked_signature() -> [u8; 32] {
			let mut out = [0; 32];
			ink::env::hash_bytes::<ink::env::hash::Blake2x256>(
				b"Revoked(AccountId,AccountId,GrantId,AccountId,Option<GrantId>)",
				&mut out,
			);
			out
		}

		fn accounts() -> ink::env::test::DefaultAccounts<ink::env::DefaultEnvironment> {
			ink::env::test::default_accounts::<ink::env::DefaultEnvironment>()
		}

		fn as_caller(who: AccountId) {
			ink::env::test::set_caller::<ink::env::DefaultEnvironment>(who);
		}

		fn set_now(now: Timestamp) {
			ink::env::test::set_block_timestamp::<ink::env::DefaultEnvironment>(now);
		}

		fn terms(expires_at: Timestamp, max_uses: u32, reshare_depth: u8) -> Terms {
			Terms { expires_at, max_uses, reshare_depth, envelope: Some(vec![1, 2, 3]) }
		}

		/// A contract, a hospital (bob) with a record of alice's; returns it and the record.
		fn setup() -> (AccessGrants, RecordId) {
			ink::env::test::register_chain_extension(MockExtension);
			CONSENTS.with(|c| c.borrow_mut().clear());
			ASKED.with(|a| a.borrow_mut().clear());
			for grantee in [accounts().charlie, accounts().django, accounts().eve] {
				consent(grantee, Purpose::TREAT, Action::Access);
			}
			PROVIDERS.with(|p| *p.borrow_mut() = vec![*accounts().bob.as_ref()]);
			set_now(1_000);
			let mut contract = AccessGrants::new();
			as_caller(accounts().bob);
			let record = contract
				.register_record(accounts().alice, DataClass::Observation, Hash::from([9; 32]))
				.expect("bob is a provider");
			(contract, record)
		}

		#[ink::test]
		fn a_grant_gives_access_until_its_uses_are_spent() {
			let (mut contract, record) = setup();
			as_caller(accounts().alice);
			let grant = contract
				.grant(accounts().charlie, vec![record], Purpose::TREAT, terms(5_000, 2, 0))
				.expect("alice's record");
			as_caller(accounts().charlie);
			let granted = AccessOutcome::Granted {
				locator: Hash::from([9; 32]),
				envelope: Some(vec![1, 2, 3]),
			};
			assert_eq!(contract.access(grant, record, Purpose::TREAT), Ok(granted.clone()));
			assert_eq!(contract.access(grant, record, Purpose::TREAT), Ok(granted));
			// Each access asked the consent pallet exactly about this one: alice's Observation
			// record, charlie accessing it for treatment.
			let access = question(accounts().charlie, Purpose::TREAT, Action::Access);
			assert_eq!(asked(), vec![access, access]);
			assert_eq!(
				contract.access(grant, record, Purpose::TREAT),
				Ok(AccessOutcome::Refused(Refusal::UsesSpent))
			);
		}

		#[ink::test]
		fn no_read_message_shows_the_key_envelope() {
			let (mut contract, record) = setup();
			as_caller(accounts().alice);
			let sealed = vec![0xee; 64];
			let with_key = Terms { envelope: Some(sealed.clone()), ..terms(5_000, 2, 0) };
			let grant = contract
				.grant(accounts().charlie, vec![record], Purpose::TREAT, with_key)
				.expect("alice's record");
			let shows = |bytes: Vec<u8>| bytes.windows(sealed.len()).any(|w| w == &sealed[..]);
			// Not to the patient, the grantee or a stranger, through any read message.
			for who in [accounts().alice, accounts().charlie, accounts().django] {
				as_caller(who);
				assert!(!shows(contract.grant_of(grant).encode()), "grant_of shows the envelope");
				assert!(!shows(contract.record(record).encode()));
			}
			as_caller(accounts().django);
			assert_eq!(
				contract.access(grant, record, Purpose::TREAT),
				Ok(AccessOutcome::Refused(Refusal::NotTheGrantee))
			);
			// Only the grantee's own access returns it (and counts a use).
			as_caller(accounts().charlie);
			assert_eq!(
				contract.access(grant, record, Purpose::TREAT),
				Ok(AccessOutcome::Granted { locator: Hash::from([9; 32]), envelope: Some(sealed) })
			);
			assert_eq!(contract.grant_of(grant).map(|g| g.uses), Some(1));
		}

		#[ink::test]
		fn access_is_refused_when_expired_revoked_misused_or_not_consented() {
			let (mut contract, record) = setup();
			as_caller(accounts().alice);
			let grant = contract
				.grant(accounts().charlie, vec![record], Purpose::TREAT, terms(5_000, 9, 0))
				.expect("alice's record");
			as_caller(accounts().charlie);
			let refused = |r| Ok(AccessOutcome::Refused(r));
			assert_eq!(
				contract.access(grant, record, Purpose::HRESCH),
				refused(Refusal::WrongPurpose)
			);
			as_caller(accounts().django);
			assert_eq!(
				contract.access(grant, record, Purpose::TREAT),
				refused(Refusal::NotTheGrantee)
			);
			as_caller(accounts().charlie);
			CONSENTS.with(|c| c.borrow_mut().clear());
			assert_eq!(
				contract.access(grant, record, Purpose::TREAT),
				refused(Refusal::ConsentDenied(Denial::NoConsent))
			);
			consent(accounts().charlie, Purpose::TREAT, Action::Access);
			set_now(5_000);
			assert_eq!(contract.access(grant, record, Purpose::TREAT), refused(Refusal::Expired));
			set_now(1_000);
			as_caller(accounts().alice);
			assert_eq!(contract.revoke(grant), Ok(()));
			assert_eq!(contract.revoke(grant), Err(Error::AlreadyRevoked));
			as_caller(accounts().charlie);
			assert_eq!(contract.access(grant, record, Purpose::TREAT), refused(Refusal::Revoked));
			assert_eq!(contract.grant_of(grant).map(|g| g.uses), Some(0));
		}

		#[ink::test]
		fn revocation_cascades_to_reshared_grants_and_depth_is_bounded() {
			let (mut contract, record) = setup();
			consent(accounts().charlie, Purpose::TREAT, Action::Disclose);
			consent(accounts().django, Purpose::TREAT, Action::Disclose);
			as_caller(accounts().alice);
			let root = contract
				.grant(accounts().charlie, vec![record], Purpose::TREAT, terms(5_000, 9, 2))
				.expect("alice's record");
			as_caller(accounts().charlie);
			let child = contract
				.reshare(root, accounts().django, vec![record], terms(4_000, 3, 1))
				.expect("depth allows");
			assert_eq!(
				contract.reshare(root, accounts().eve, vec![record], terms(6_000, 1, 0)),
				Err(Error::ReshareNotAllowed)
			);
			as_caller(accounts().django);
			let grandchild = contract
				.reshare(child, accounts().eve, vec![record], terms(4_000, 1, 0))
				.expect("depth allows");
			as_caller(accounts().eve);
			assert_eq!(
				contract.reshare(grandchild, accounts().frank, vec![record], terms(4_000, 1, 0)),
				Err(Error::ReshareNotAllowed)
			);
			assert!(matches!(
				contract.access(grandchild, record, Purpose::TREAT),
				Ok(AccessOutcome::Granted { .. })
			));
			// Revoking the root stops every grant re-shared from it.
			as_caller(accounts().alice);
			assert_eq!(contract.revoke(root), Ok(()));
			assert!(!contract.is_live(child) && !contract.is_live(grandchild));
			as_caller(accounts().eve);
			assert_eq!(
				contract.access(grandchild, record, Purpose::TREAT),
				Ok(AccessOutcome::Refused(Refusal::Revoked))
			);
		}

		#[ink::test]
		fn a_reshare_needs_the_consent_pallets_permission_to_disclose() {
			let (mut contract, record) = setup();
			as_caller(accounts().alice);
			let root = contract
				.grant(accounts().charlie, vec![record], Purpose::TREAT, terms(5_000, 9, 1))
				.expect("alice's record");
			as_caller(accounts().charlie);
			asked();
			// Alice's consent lets charlie access her record, not pass it on.
			assert_eq!(
				contract.reshare(root, accounts().django, vec![record], terms(4_000, 1, 0)),
				Err(Error::DisclosureRefused)
			);
			// The contract asked about charlie disclosing the record, for the grant's purpose.
			let disclose = question(accounts().charlie, Purpose::TREAT, Action::Disclose);
			assert_eq!(asked(), vec![disclose]);
			assert_eq!(contract.grant_of(root).map(|g| (g.uses, g.children)), Some((0, vec![])));
			consent(accounts().charlie, Purpose::TREAT, Action::Disclose);
			let child = contract
				.reshare(root, accounts().django, vec![record], terms(4_000, 1, 0))
				.expect("alice consents to disclosure");
			assert_eq!(asked(), vec![disclose]);
			assert_eq!(contract.grant_of(child).map(|g| g.parent), Some(Some(root)));
		}

		#[ink::test]
		fn reshared_uses_come_out_of_the_parents_and_fan_out_is_bounded() {
			let (mut contract, record) = setup();
			consent(accounts().charlie, Purpose::TREAT, Action::Disclose);
			as_caller(accounts().alice);
			let one = contract
				.grant(accounts().charlie, vec![record], Purpose::TREAT, terms(5_000, 1, 1))
				.expect("alice's record");
			as_caller(accounts().charlie);
			// One use, handed on once: none is left to hand on again, or to use.
			assert!(contract
				.reshare(one, accounts().django, vec![record], terms(5_000, 1, 0))
				.is_ok());
			assert_eq!(
				contract.reshare(one, accounts().eve, vec![record], terms(5_000, 1, 0)),
				Err(Error::GrantNotLive)
			);
			assert_eq!(
				contract.access(one, record, Purpose::TREAT),
				Ok(AccessOutcome::Refused(Refusal::UsesSpent))
			);
			as_caller(accounts().alice);
			let many = contract
				.grant(accounts().charlie, vec![record], Purpose::TREAT, terms(5_000, 100, 1))
				.expect("alice's record");
			as_caller(accounts().charlie);
			assert_eq!(
				contract.reshare(many, accounts().eve, vec![record], terms(5_000, 101, 0)),
				Err(Error::ReshareNotAllowed)
			);
			for _ in 0..MAX_RESHARES_PER_GRANT {
				assert!(contract
					.reshare(many, accounts().eve, vec![record], terms(5_000, 10, 0))
					.is_ok());
			}
			assert_eq!(
				contract.reshare(many, accounts().eve, vec![record], terms(5_000, 10, 0)),
				Err(Error::TooManyReshares)
			);
			let held = contract.grant_of(many).expect("stored");
			assert_eq!((held.uses, held.children.len()), (40, MAX_RESHARES_PER_GRANT));
		}

		#[ink::test]
		fn a_cascade_revocation_is_evented_for_every_grant_it_stops() {
			let (mut contract, record) = setup();
			consent(accounts().charlie, Purpose::TREAT, Action::Disclose);
			consent(accounts().django, Purpose::TREAT, Action::Disclose);
			as_caller(accounts().alice);
			let root = contract
				.grant(accounts().charlie, vec![record], Purpose::TREAT, terms(5_000, 9, 2))
				.expect("alice's record");
			as_caller(accounts().charlie);
			let child = contract
				.reshare(root, accounts().django, vec![record], terms(5_000, 3, 1))
				.expect("depth allows");
			let sibling = contract
				.reshare(root, accounts().eve, vec![record], terms(5_000, 1, 0))
				.expect("depth allows");
			as_caller(accounts().django);
			let grandchild = contract
				.reshare(child, accounts().eve, vec![record], terms(5_000, 1, 0))
				.expect("depth allows");
			// Charlie revokes the sibling it granted; alice then revokes the root.
			as_caller(accounts().charlie);
			assert_eq!(contract.revoke(sibling), Ok(()));
			as_caller(accounts().alice);
			assert_eq!(contract.revoke(root), Ok(()));
			let (alice, charlie) = (accounts().alice, accounts().charlie);
			let topics = |grantee: AccountId| {
				let account = |who: &AccountId| AsRef::<[u8]>::as_ref(who).to_vec();
				vec![revoked_signature().to_vec(), account(&alice), account(&grantee)]
			};
			// One event per grant stopped, each under the patient's and its grantee's topic;
			// the sibling, stopped before, is not stopped again.
			let mut seen = revocations();
			seen.sort_by_key(|(_, grant, _, _)| *grant);
			assert_eq!(
				seen,
				vec![
					(topics(charlie), root, alice, None),
					(topics(accounts().django), child, alice, Some(root)),
					(topics(accounts().eve), sibling, charlie, None),
					(topics(accounts().eve), grandchild, alice, Some(root)),
				]
			);
			for grant in [root, child, sibling, grandchild] {
				assert_eq!(contract.grant_of(grant).map(|g| g.revoked), Some(true));
			}
		}

		#[ink::test]
		fn only_providers_register_and_only_patients_grant_their_records() {
			let (mut contract, record) = setup();
			as_caller(accounts().charlie);
			assert_eq!(
				contract.register_record(
					accounts().alice,
					DataClass::Genomics,
					Hash::from([1; 32])
				),
				Err(Error::NotAProvider)
			);
			assert_eq!(
				contract.grant(accounts().django, vec![record], Purpose::TREAT, terms(5_000, 1, 0)),
				Err(Error::NotThePatient)
			);
			as_caller(accounts().alice);
			let grant = |c: &mut AccessGrants, records: Vec<RecordId>, t| {
				c.grant(accounts().charlie, records, Purpose::TREAT, t)
			};
			assert_eq!(
				grant(&mut contract, vec![], terms(5_000, 1, 0)),
				Err(Error::InvalidRecords)
			);
			assert_eq!(
				grant(&mut contract, vec![record, record], terms(5_000, 1, 0)),
				Err(Error::InvalidRecords)
			);
			assert_eq!(
				grant(&mut contract, vec![9], terms(5_000, 1, 0)),
				Err(Error::UnknownRecord)
			);
			assert_eq!(
				grant(&mut contract, vec![record], terms(1_000, 1, 0)),
				Err(Error::InvalidExpiry)
			);
			assert_eq!(
				grant(&mut contract, vec![record], terms(5_000, 0, 0)),
				Err(Error::ZeroUses)
			);
			assert_eq!(
				grant(&mut contract, vec![record], terms(5_000, 1, 4)),
				Err(Error::DepthTooLarge)
			);
			let mut big = terms(5_000, 1, 0);
			big.envelope = Some(vec![0; MAX_ENVELOPE_LEN + 1]);
			assert_eq!(grant(&mut contract, vec![record], big), Err(Error::EnvelopeTooLarge));
			assert_eq!(
				contract.grant(accounts().alice, vec![record], Purpose::TREAT, terms(5_000, 1, 0)),
				Err(Error::GrantToSelf)
			);
			let granted = grant(&mut contract, vec![record], terms(5_000, 1, 0)).expect("valid");
			as_caller(accounts().django);
			assert_eq!(contract.revoke(granted), Err(Error::NotThePatient));
		}

		#[ink::test]
		fn a_provider_requests_and_the_patient_approves_or_denies() {
			let (mut contract, record) = setup();
			as_caller(accounts().bob);
			let request = contract.request_access(record, Purpose::TREAT).expect("a provider");
			as_caller(accounts().charlie);
			assert_eq!(contract.request_access(record, Purpose::TREAT), Err(Error::NotAProvider));
			assert_eq!(
				contract.approve_request(request, terms(5_000, 1, 0)),
				Err(Error::NotThePatient)
			);
			as_caller(accounts().alice);
			let grant = contract.approve_request(request, terms(5_000, 1, 0)).expect("alice's");
			assert_eq!(
				contract.request(request).map(|r| r.status),
				Some(RequestStatus::Approved(grant))
			);
			assert_eq!(contract.deny_request(request), Err(Error::RequestSettled));
			assert_eq!(contract.grant_of(grant).map(|g| g.grantee), Some(accounts().bob));
			as_caller(accounts().bob);
			let second = contract.request_access(record, Purpose::HRESCH).expect("a provider");
			as_caller(accounts().alice);
			assert_eq!(contract.deny_request(second), Ok(()));
			assert_eq!(contract.request(second).map(|r| r.status), Some(RequestStatus::Denied));
		}

		/// How many requests await alice.
		fn open_for_alice(contract: &AccessGrants) -> u32 {
			contract.open_requests.get(accounts().alice).unwrap_or(0)
		}

		#[ink::test]
		fn requests_are_bounded_per_patient_and_settling_one_frees_its_place() {
			let (mut contract, record) = setup();
			as_caller(accounts().bob);
			let first = contract.request_access(record, Purpose::TREAT).expect("a provider");
			for _ in 1..MAX_OPEN_REQUESTS_PER_PATIENT {
				assert!(contract.request_access(record, Purpose::TREAT).is_ok());
			}
			assert_eq!(open_for_alice(&contract), MAX_OPEN_REQUESTS_PER_PATIENT);
			assert_eq!(
				contract.request_access(record, Purpose::TREAT),
				Err(Error::TooManyRequests)
			);
			as_caller(accounts().alice);
			assert_eq!(contract.deny_request(first), Ok(()));
			as_caller(accounts().bob);
			assert!(contract.request_access(record, Purpose::TREAT).is_ok());
			assert_eq!(
				contract.request_access(record, Purpose::TREAT),
				Err(Error::TooManyRequests)
			);
		}

		#[ink::test]
		fn a_request_lapses_after_its_lifetime() {
			let (mut contract, record) = setup();
			as_caller(accounts().bob);
			let request = contract.request_access(record, Purpose::TREAT).expect("a provider");
			assert_eq!(
				contract.request(request).map(|r| (r.patient, r.expires_at)),
				Some((accounts().alice, 1_000 + REQUEST_LIFETIME))
			);
			set_now(1_000 + REQUEST_LIFETIME);
			as_caller(accounts().alice);
			let later = terms(2 * REQUEST_LIFETIME, 1, 0);
			assert_eq!(
				contract.approve_request(request, later.clone()),
				Err(Error::RequestExpired)
			);
			assert_eq!(contract.request(request).map(|r| r.status), Some(RequestStatus::Pending));
			// A lapsed request can still be denied, which frees its place.
			assert_eq!(contract.deny_request(request), Ok(()));
			assert_eq!(open_for_alice(&contract), 0);
		}

		#[ink::test]
		fn the_provider_may_withdraw_its_pending_request() {
			let (mut contract, record) = setup();
			as_caller(accounts().bob);
			let request = contract.request_access(record, Purpose::TREAT).expect("a provider");
			for stranger in [accounts().alice, accounts().charlie] {
				as_caller(stranger);
				assert_eq!(contract.withdraw_request(request), Err(Error::NotTheProvider));
			}
			as_caller(accounts().bob);
			assert_eq!(contract.withdraw_request(request), Ok(()));
			assert_eq!(contract.request(request).map(|r| r.status), Some(RequestStatus::Withdrawn));
			assert_eq!(contract.withdraw_request(request), Err(Error::RequestSettled));
			assert_eq!(open_for_alice(&contract), 0);
			as_caller(accounts().alice);
			assert_eq!(
				contract.approve_request(request, terms(5_000, 1, 0)),
				Err(Error::RequestSettled)
			);
			assert_eq!(contract.deny_request(request), Err(Error::RequestSettled));
		}

		#[ink::test]
		fn approval_refuses_a_grant_to_self_and_rechecks_the_providers_role() {
			let (mut contract, _) = setup();
			// Bob, a provider, asks for a record of his own.
			as_caller(accounts().bob);
			let own = contract
				.register_record(accounts().bob, DataClass::Observation, Hash::from([7; 32]))
				.expect("a provider");
			let to_self = contract.request_access(own, Purpose::TREAT).expect("a provider");
			assert_eq!(
				contract.approve_request(to_self, terms(5_000, 1, 0)),
				Err(Error::GrantToSelf)
			);
			// Bob asks for alice's record, then stops being a provider before she approves.
			let (mut contract, record) = setup();
			as_caller(accounts().bob);
			let request = contract.request_access(record, Purpose::TREAT).expect("a provider");
			PROVIDERS.with(|p| p.borrow_mut().clear());
			as_caller(accounts().alice);
			assert_eq!(
				contract.approve_request(request, terms(5_000, 1, 0)),
				Err(Error::RequesterNotAProvider)
			);
			assert_eq!(contract.request(request).map(|r| r.status), Some(RequestStatus::Pending));
		}
	}
}
