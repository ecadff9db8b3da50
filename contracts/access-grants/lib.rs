//! # Access grants
//!
//! Fine-grained, record-level access to medical records, inside the patient's consents.
//!
//! ## Roles
//! - **Providers** (active registered Hospitals, Clinicians and Researchers, asked of the
//!   participant registry through MedChain's chain extension) register records: the
//!   patient, the record's data class as the patient's tag (the class blinded with the
//!   patient's tag secret, which the provider holds: `DataClass::tag`), the hash of the
//!   locator where the encrypted record lives, and when it was made. No health data is
//!   stored, and no data class in clear: only pseudonymous accounts, tags, codes, times and
//!   hashes (docs/privacy.md).
//! - **Patients** grant a grantee access to one record or a set of their records for one
//!   purpose, until an expiry, for a number of uses, optionally with a key envelope (the
//!   record key encrypted to the grantee) and a re-share depth. They revoke grants.
//! - **Grantees** `access` a record, and may re-share within their own grant if its depth
//!   allows.
//! - Providers may **request** access to a record; the patient approves (which creates the
//!   grant) or declines it, and the provider may withdraw it (`decline_request`). A request
//!   waits at most 7 days (`REQUEST_LIFETIME`; after that it cannot be approved, only
//!   declined or withdrawn) and a patient has at most 8 awaiting an answer
//!   (`MAX_OPEN_REQUESTS_PER_PATIENT`). Approval checks again that the provider is an active
//!   provider, and never grants a patient their own record. A settled request is removed at
//!   once; its `RequestChanged` event keeps the outcome.
//! - The **admin** (given at instantiation) may replace the contract's code and migrate its
//!   data (see *Upgrades*), and hands that role over in two steps: `propose_admin`, then
//!   `accept_admin` by the account proposed.
//!
//! ## Invariants
//! - A grant only ever covers records of its patient; a re-shared grant covers a subset of
//!   its parent's records, for the same purpose, for no longer and a smaller depth.
//! - **Re-sharing is bounded by uses:** a re-share's uses come out of the parent's remaining
//!   uses (they count as gone from the parent at once, and do not come back if the re-share
//!   is revoked), so all the grants re-shared from one never allow more accesses than it did.
//!   On top of that a grant is re-shared at most 4 times in its life (`MAX_RESHARES_PER_GRANT`;
//!   `children` lists them, removed ones too), so with a depth of at most 3 no more than 84
//!   grants descend from one.
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
//!   re-shares per grant, 8 open requests per patient; every item is paid for by a storage
//!   deposit of whoever stores it.
//!
//! ## Removal
//! What is over can be removed, and its storage deposit comes back. pallet-contracts
//! refunds a deposit to whoever frees the storage, so the caller gets it:
//! - `remove_grant`: a revoked or expired grant, by its patient or whoever granted it (with
//!   its key envelope). Every grant re-shared from it is revoked or expired too, so nothing
//!   live loses its parent; those stay until they are removed in turn.
//! - `remove_record`: a record, by its patient or its provider, once no stored grant covers
//!   it (each record counts the stored grants that cover it, `grants`). So a record never
//!   goes from under a grant, live or re-shared; remove (or let expire) the grants first.
//! - A request is removed when it is settled (`approve_request`, `decline_request`), a
//!   lapsed one by declining or withdrawing it. A request for a removed record can only be
//!   declined (`approve_request` answers `UnknownRecord`).
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
//! ## Upgrades
//! The admin replaces the code in place with `set_code` (an uploaded code hash): the
//! contract keeps its account, its balance and all its storage. The storage is laid out to
//! grow: each `Mapping` (and any `Lazy` field) is stored under a key derived from its field
//! name, so fields are never renamed; the packed fields at the root (the counters, the
//! admin and the layout `version`) stay as they are, and new data goes into new `Lazy` or
//! `Mapping` fields. New code then runs `migrate(version)` as the admin: it accepts only its
//! own `LAYOUT_VERSION`, from that or an earlier stored version (any other is
//! `UnknownVersion`), fills in what the new layout adds, and may run again without effect.
//! The upgrade test builds this crate with the `upgrade-fixture` feature: layout version 2,
//! with one new `Lazy` field (`policy`), which its migration sets.
//!
//! ## Errors
//! Messages return `Result<_, Error>`; an `Err` reverts and changes nothing. An access that
//! is refused is not an error: `access` answers `Ok(AccessOutcome::Refused(reason))` and
//! emits `AccessRefused`, so the patient's access trail shows attempts as well as uses.
//! Errors and refusals are plain names without payloads (a payload costs about half a KiB
//! of code, and the optimised contract stays within 24 KiB).
#![cfg_attr(not(feature = "std"), no_std, no_main)]

#[ink::contract(env = medchain_ink::MedChainEnvironment)]
pub mod access_grants {
	use ink::{prelude::vec::Vec, storage::Mapping};
	use medchain_ink::{
		ensure, packed_leaf, AccessQuery, Action, CheckAccess, DataTag, Decision, Denial,
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
	/// The layout version of the data this code reads and writes.
	#[cfg(not(feature = "upgrade-fixture"))]
	pub const LAYOUT_VERSION: u32 = 1;
	/// The layout version of the data this code reads and writes.
	#[cfg(feature = "upgrade-fixture")]
	pub const LAYOUT_VERSION: u32 = 2;
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
		/// What kind of data: its class as the patient's tag (the registry compares it with
		/// the consents' tags; only the patient and their providers know which class it is).
		pub data_tag: DataTag,
		/// The hash of the locator of the encrypted record.
		pub locator: Hash,
		/// When it was made (milliseconds since the Unix epoch).
		pub created_at: Timestamp,
		/// How many stored grants cover it: it can be removed only once none does.
		pub grants: u32,
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
		/// The grants re-shared from it, removed ones too (at most 4 in its life).
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
		/// Asked by the provider: it awaits the patient's answer.
		Asked,
		/// Approved by the patient: this grant was created.
		Approved(GrantId),
		/// Denied by the patient.
		Denied,
		/// Withdrawn by the provider that asked.
		Withdrawn,
	}

	/// A provider's request for access to a record, while it awaits the patient's answer
	/// (a settled request is removed at once; its outcome is in its `RequestChanged` event).
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
		/// When it lapses, if still unanswered: it can then only be denied or withdrawn
		/// (milliseconds since the Unix epoch).
		pub expires_at: Timestamp,
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
		/// No consent in the consent pallet permits it now.
		NoConsent,
		/// A consent in the consent pallet denies it now (its `checkAccess` names which).
		DeniedByConsent,
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
		/// Only the record's, grant's or request's patient may do this (or, to remove it, the
		/// record's provider, the grant's granter or the request's provider).
		NotThePatient,
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
		/// The grant has been re-shared 4 times already (removed re-shares count).
		TooManyReshares,
		/// The consent pallet does not let you disclose these records now (ask its
		/// `checkAccess`, action Disclose, for the reason).
		DisclosureRefused,
		/// The grant is revoked already.
		AlreadyRevoked,
		/// The grant is neither revoked nor expired: revoke it before removing it.
		StillLive,
		/// Grants that cover the record are still stored: remove them first.
		RecordInUse,
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
		/// Only the admin may do this.
		NotTheAdmin,
		/// Only the account the admin proposed may take over.
		NotProposed,
		/// No code with that hash has been uploaded.
		UnknownCode,
		/// This code migrates only to its own layout version, from an earlier or equal one.
		UnknownVersion,
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
		data_tag: DataTag,
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

	/// A request for access to a record changed: a provider asked for it (`Asked`: it awaits
	/// the patient's answer for 7 days, see `request`), or it was settled (approved, denied
	/// or withdrawn, and removed).
	#[ink(event)]
	pub struct RequestChanged {
		#[ink(topic)]
		patient: AccountId,
		#[ink(topic)]
		provider: AccountId,
		request: RequestId,
		record: RecordId,
		purpose: Purpose,
		status: RequestStatus,
	}

	/// The contract's state.
	#[ink(storage)]
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
		/// Who may replace the code and migrate the data.
		admin: AccountId,
		/// Who the admin proposed to take over, until they accept.
		proposed_admin: Option<AccountId>,
		/// The layout version of the stored data.
		version: u32,
		/// New in layout version 2 (the upgrade test's fixture).
		#[cfg(feature = "upgrade-fixture")]
		policy: ink::storage::Lazy<Hash>,
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
		/// A new, empty registry, administered by `admin` (who may replace its code and
		/// migrate its data, and hand that over).
		#[ink(constructor)]
		pub fn new(admin: AccountId) -> Self {
			Self {
				records: Mapping::new(),
				next_record: 0,
				grants: Mapping::new(),
				next_grant: 0,
				requests: Mapping::new(),
				next_request: 0,
				open_requests: Mapping::new(),
				envelopes: Mapping::new(),
				admin,
				proposed_admin: None,
				version: LAYOUT_VERSION,
				#[cfg(feature = "upgrade-fixture")]
				policy: ink::storage::Lazy::new(),
			}
		}

		/// Propose `admin` to take over as admin, as the admin; they must `accept_admin`.
		#[ink(message)]
		pub fn propose_admin(&mut self, admin: AccountId) -> Result<(), Error> {
			self.ensure_admin()?;
			self.proposed_admin = Some(admin);
			Ok(())
		}

		/// Take over as admin, as the account the admin proposed.
		#[ink(message)]
		pub fn accept_admin(&mut self) -> Result<(), Error> {
			let caller = self.env().caller();
			ensure(self.proposed_admin == Some(caller), Error::NotProposed)?;
			self.admin = caller;
			self.proposed_admin = None;
			Ok(())
		}

		/// Replace this contract's code with the uploaded code `code_hash`, as the admin,
		/// keeping all its data; then `migrate` to the new code's layout version.
		#[ink(message)]
		#[inline(never)]
		pub fn set_code(&mut self, code_hash: Hash) -> Result<(), Error> {
			self.ensure_admin()?;
			self.env().set_code_hash(&code_hash).map_err(|_| Error::UnknownCode)
		}

		/// Bring the stored data to layout `version`, as the admin: the version this code
		/// knows (a version already reached changes nothing).
		#[ink(message)]
		pub fn migrate(&mut self, version: u32) -> Result<(), Error> {
			self.ensure_admin()?;
			ensure(version == LAYOUT_VERSION && self.version <= version, Error::UnknownVersion)?;
			#[cfg(feature = "upgrade-fixture")]
			if self.version < 2 {
				self.policy.set(&Hash::default());
			}
			self.version = version;
			Ok(())
		}

		/// Set the hash of the access policy document, as the admin. (New in layout version
		/// 2: only in the upgrade tests' fixture.)
		#[cfg(feature = "upgrade-fixture")]
		#[ink(message)]
		pub fn set_policy(&mut self, policy: Hash) -> Result<(), Error> {
			self.ensure_admin()?;
			self.policy.set(&policy);
			Ok(())
		}

		/// The hash of the access policy document, once migrated to layout version 2. (New
		/// in layout version 2: only in the upgrade tests' fixture.)
		#[cfg(feature = "upgrade-fixture")]
		#[ink(message)]
		pub fn policy(&self) -> Option<Hash> {
			self.policy.get()
		}

		/// The admin, the account proposed to take over (if any), and the layout version of
		/// the stored data.
		#[ink(message)]
		#[inline(never)]
		pub fn administration(&self) -> (AccountId, Option<AccountId>, u32) {
			(self.admin, self.proposed_admin, self.version)
		}

		/// Register a record of `patient`, as a provider: its data class as the patient's tag
		/// (`data_tag`: the class blinded with the patient's tag secret, never the class
		/// itself) and the hash of the locator of the encrypted record. Returns the record's
		/// number.
		#[ink(message)]
		pub fn register_record(
			&mut self,
			patient: AccountId,
			data_tag: DataTag,
			locator: Hash,
		) -> Result<RecordId, Error> {
			let provider = self.env().caller();
			ensure(self.is_provider(provider)?, Error::NotAProvider)?;
			let id = self.next_record;
			self.next_record = id.checked_add(1).ok_or(Error::Overflow)?;
			let created_at = self.env().block_timestamp();
			let record = Record { provider, patient, data_tag, locator, created_at, grants: 0 };
			self.put_record(id, &record);
			self.env().emit_event(RecordRegistered { patient, record: id, provider, data_tag });
			Ok(id)
		}

		/// Grant `grantee` access to some of your records, for `purpose`, on `terms`.
		/// Returns the grant's number.
		#[ink(message)]
		#[inline(never)]
		pub fn grant(
			&mut self,
			grantee: AccountId,
			records: Vec<RecordId>,
			purpose: Purpose,
			terms: Terms,
		) -> Result<GrantId, Error> {
			let patient = self.env().caller();
			self.store_grant(patient, patient, grantee, records, purpose, terms, None)
		}

		/// Re-share part of a grant you hold with `grantee`: a subset of its records, for its
		/// purpose, ending no later and with a smaller depth. The re-share's uses come out of
		/// yours, and a grant is re-shared at most 4 times. The consent pallet must let you
		/// disclose each record (action Disclose), asked now.
		#[ink(message)]
		#[inline(never)]
		pub fn reshare(
			&mut self,
			parent: GrantId,
			grantee: AccountId,
			records: Vec<RecordId>,
			terms: Terms,
		) -> Result<GrantId, Error> {
			let caller = self.env().caller();
			let mut held = self.grant_at(parent)?;
			ensure(held.grantee == caller, Error::NotTheGrantee)?;
			ensure(self.live_refusal(&held).is_none(), Error::GrantNotLive)?;
			let uses = held.uses.checked_add(terms.max_uses).filter(|u| *u <= held.max_uses);
			let allowed = held.reshare_depth > 0
				&& terms.reshare_depth < held.reshare_depth
				&& terms.expires_at <= held.expires_at
				&& uses.is_some()
				&& records.iter().all(|r| held.records.contains(r));
			ensure(allowed, Error::ReshareNotAllowed)?;
			ensure(held.children.len() < MAX_RESHARES_PER_GRANT, Error::TooManyReshares)?;
			for id in &records {
				let record = self.record_at(*id)?;
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
			self.put_grant(parent, &held);
			Ok(child)
		}

		/// Revoke a grant, as its patient or whoever granted it. Everything re-shared from it
		/// stops at once, and each grant stopped is evented (`Revoked`, under the patient's and
		/// its grantee's topics).
		#[ink(message)]
		pub fn revoke(&mut self, grant: GrantId) -> Result<(), Error> {
			let by = self.env().caller();
			let held = self.grant_at(grant)?;
			ensure(by == held.patient || by == held.granted_by, Error::NotThePatient)?;
			ensure(!held.revoked, Error::AlreadyRevoked)?;
			// At most 84 grants descend from one (see `MAX_RESHARES_PER_GRANT`).
			let mut stopping = ink::prelude::vec![grant];
			while let Some(id) = stopping.pop() {
				let Some(mut stopped) = self.grants.get(id) else { continue };
				if stopped.revoked {
					continue;
				}
				stopped.revoked = true;
				stopping.extend_from_slice(&stopped.children);
				self.put_grant(id, &stopped);
				self.env().emit_event(Revoked {
					patient: stopped.patient,
					grantee: stopped.grantee,
					grant: id,
					by,
					cascade_from: (id != grant).then_some(grant),
				});
			}
			Ok(())
		}

		/// Access a record under a grant, for a purpose. Succeeds only if the grant is live,
		/// has uses left, covers the record for this purpose, and the consent pallet permits
		/// it now; counts a use and returns the locator and envelope. A refusal is answered
		/// and evented too (`AccessRefused`), and uses nothing. A dry run answers the same
		/// without counting: only the record gateway releases data, against a real access.
		#[ink(message)]
		pub fn access(
			&mut self,
			grant: GrantId,
			record: RecordId,
			purpose: Purpose,
		) -> Result<AccessOutcome, Error> {
			let accessor = self.env().caller();
			let mut held = self.grant_at(grant)?;
			let stored = self.record_at(record)?;
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
					Decision::Deny(Denial::NoConsent) => Some(Refusal::NoConsent),
					Decision::Deny(_) => Some(Refusal::DeniedByConsent),
				}
			};
			let patient = held.patient;
			if let Some(reason) = refusal {
				self.env().emit_event(AccessRefused { patient, accessor, grant, record, reason });
				return Ok(AccessOutcome::Refused(reason));
			}
			held.uses = held.uses.checked_add(1).ok_or(Error::Overflow)?;
			let envelope = self.envelopes.get(grant);
			self.put_grant(grant, &held);
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
			let patient = self.record_at(record)?.patient;
			let open = self.open_requests.get(patient).unwrap_or(0);
			ensure(open < MAX_OPEN_REQUESTS_PER_PATIENT, Error::TooManyRequests)?;
			let id = self.next_request;
			self.next_request = id.checked_add(1).ok_or(Error::Overflow)?;
			let expires_at = self
				.env()
				.block_timestamp()
				.checked_add(REQUEST_LIFETIME)
				.ok_or(Error::Overflow)?;
			let asked = Request { provider, patient, record, purpose, expires_at };
			self.requests.insert(id, &asked);
			self.open_requests.insert(patient, &open.saturating_add(1));
			self.changed(id, &asked, RequestStatus::Asked);
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

		/// Decline a request that awaits an answer: as its patient, deny it; as the provider
		/// that made it, withdraw it. Either settles it (a lapsed one too).
		#[ink(message)]
		#[inline(never)]
		pub fn decline_request(&mut self, request: RequestId) -> Result<(), Error> {
			let asked = self.pending(request)?;
			let caller = self.env().caller();
			let status = if caller == asked.patient {
				RequestStatus::Denied
			} else if caller == asked.provider {
				RequestStatus::Withdrawn
			} else {
				return Err(Error::NotThePatient);
			};
			self.settle(request, asked, status);
			Ok(())
		}

		/// Remove a record of yours (as its patient or its provider) that no stored grant
		/// covers any more, to free its storage. Its storage deposit comes back to you, the
		/// caller: pallet-contracts refunds whoever frees storage.
		#[ink(message)]
		#[inline(never)]
		pub fn remove_record(&mut self, record: RecordId) -> Result<(), Error> {
			let by = self.env().caller();
			let stored = self.record_at(record)?;
			ensure(by == stored.patient || by == stored.provider, Error::NotThePatient)?;
			ensure(stored.grants == 0, Error::RecordInUse)?;
			self.records.remove(record);
			Ok(())
		}

		/// Remove a grant that is revoked or expired (as its patient or whoever granted it),
		/// with its key envelope, to free their storage; grants re-shared from it stay until
		/// they are removed too. Its storage deposit comes back to you, the caller.
		#[ink(message)]
		pub fn remove_grant(&mut self, grant: GrantId) -> Result<(), Error> {
			let by = self.env().caller();
			let held = self.grant_at(grant)?;
			ensure(by == held.patient || by == held.granted_by, Error::NotThePatient)?;
			ensure(
				held.revoked || self.env().block_timestamp() >= held.expires_at,
				Error::StillLive,
			)?;
			for record in &held.records {
				if let Some(mut covered) = self.records.get(record) {
					covered.grants = covered.grants.saturating_sub(1);
					self.put_record(*record, &covered);
				}
			}
			self.grants.remove(grant);
			self.envelopes.remove(grant);
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

		#[inline(never)]
		fn grant_at(&self, id: GrantId) -> Result<Grant, Error> {
			self.grants.get(id).ok_or(Error::UnknownGrant)
		}

		#[inline(never)]
		fn record_at(&self, id: RecordId) -> Result<Record, Error> {
			self.records.get(id).ok_or(Error::UnknownRecord)
		}

		#[inline(never)]
		fn put_grant(&mut self, id: GrantId, grant: &Grant) {
			self.grants.insert(id, grant);
		}

		#[inline(never)]
		fn put_record(&mut self, id: RecordId, record: &Record) {
			self.records.insert(id, record);
		}

		fn ensure_admin(&self) -> Result<(), Error> {
			ensure(self.env().caller() == self.admin, Error::NotTheAdmin)
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
			ensure(valid_record_list(&records), Error::InvalidRecords)?;
			self.ensure_terms(&terms)?;
			ensure(grantee != patient && grantee != granted_by, Error::GrantToSelf)?;
			// Every record is the patient's, and counts one more grant covering it.
			for id in &records {
				let mut record = self.record_at(*id)?;
				ensure(record.patient == patient, Error::NotThePatient)?;
				record.grants = record.grants.checked_add(1).ok_or(Error::Overflow)?;
				self.put_record(*id, &record);
			}
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
			self.put_grant(id, &grant);
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
					data_tag: record.data_tag,
					action,
					record_date: Some(record.created_at),
				},
			};
			Ok(self.env().extension().check_access(input)?)
		}

		/// The request, if it still awaits an answer (a settled one is gone).
		fn pending(&self, request: RequestId) -> Result<Request, Error> {
			self.requests.get(request).ok_or(if request < self.next_request {
				Error::RequestSettled
			} else {
				Error::UnknownRequest
			})
		}

		/// Settle a pending request: it is removed (its deposit goes to the caller) and no
		/// longer counts against its patient's bound.
		fn settle(&mut self, request: RequestId, asked: Request, status: RequestStatus) {
			self.requests.remove(request);
			self.close_request(asked.patient);
			self.changed(request, &asked, status);
		}

		fn changed(&self, request: RequestId, asked: &Request, status: RequestStatus) {
			self.env().emit_event(RequestChanged {
				patient: asked.patient,
				provider: asked.provider,
				request,
				record: asked.record,
				purpose: asked.purpose,
				status,
			});
		}

		/// One fewer request awaits `patient`.
		fn close_request(&mut self, patient: AccountId) {
			let open = self.open_requests.get(patient).unwrap_or(0).saturating_sub(1);
			self.open_requests.insert(patient, &open);
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
		use medchain_ink::{DataClass, Permit};
		use std::cell::RefCell;

		/// A class as alice's providers tag it (the contract only passes tags on).
		fn tag(class: DataClass) -> DataTag {
			class.tag(&[7; 32])
		}

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
					data_tag: tag(DataClass::Observation),
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
			let mut contract = AccessGrants::new(accounts().frank);
			as_caller(accounts().bob);
			let record = contract
				.register_record(accounts().alice, tag(DataClass::Observation), Hash::from([9; 32]))
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
		fn access_asks_about_this_records_data_class_and_date_and_this_accessor() {
			let (mut contract, _) = setup();
			set_now(2_000);
			as_caller(accounts().bob);
			let genomics = contract
				.register_record(accounts().alice, tag(DataClass::Genomics), Hash::from([4; 32]))
				.expect("bob is a provider");
			let asked_for = CheckAccess {
				patient: *accounts().alice.as_ref(),
				accessor: *accounts().django.as_ref(),
				query: AccessQuery {
					purpose: Purpose::HRESCH,
					data_tag: tag(DataClass::Genomics),
					action: Action::Access,
					record_date: Some(2_000),
				},
			};
			CONSENTS.with(|c| c.borrow_mut().push(asked_for));
			as_caller(accounts().alice);
			let grant = contract
				.grant(accounts().django, vec![genomics], Purpose::HRESCH, terms(5_000, 1, 0))
				.expect("alice's record");
			asked();
			as_caller(accounts().django);
			assert!(matches!(
				contract.access(grant, genomics, Purpose::HRESCH),
				Ok(AccessOutcome::Granted { .. })
			));
			assert_eq!(asked(), vec![asked_for]);
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
			assert_eq!(contract.access(grant, record, Purpose::TREAT), refused(Refusal::NoConsent));
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
			for stopped in [child, grandchild] {
				assert_eq!(contract.grant_of(stopped).map(|g| g.revoked), Some(true));
			}
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
					tag(DataClass::Genomics),
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

		/// The signature topic of an event, from its signature as the contract spells it.
		fn signature(text: &str) -> Vec<u8> {
			let mut out = [0; 32];
			ink::env::hash_bytes::<ink::env::hash::Blake2x256>(text.as_bytes(), &mut out);
			out.to_vec()
		}

		/// The contract's `RequestChanged` events so far: each request and its status.
		fn request_changes() -> Vec<(RequestId, RequestStatus)> {
			let topic = signature(
				"RequestChanged(AccountId,AccountId,RequestId,RecordId,Purpose,RequestStatus)",
			);
			ink::env::test::recorded_events()
				.filter(|e| e.topics.first() == Some(&topic))
				.map(|e| {
					let (_, _, request, _, _, status) = <(
						AccountId,
						AccountId,
						RequestId,
						RecordId,
						Purpose,
						RequestStatus,
					)>::decode(&mut &e.data[..])
					.expect("a RequestChanged event");
					(request, status)
				})
				.collect()
		}

		#[ink::test]
		fn a_provider_requests_and_the_patient_approves_or_declines() {
			let (mut contract, record) = setup();
			as_caller(accounts().bob);
			let request = contract.request_access(record, Purpose::TREAT).expect("a provider");
			as_caller(accounts().charlie);
			assert_eq!(contract.request_access(record, Purpose::TREAT), Err(Error::NotAProvider));
			assert_eq!(
				contract.approve_request(request, terms(5_000, 1, 0)),
				Err(Error::NotThePatient)
			);
			assert_eq!(contract.decline_request(request), Err(Error::NotThePatient));
			as_caller(accounts().alice);
			let grant = contract.approve_request(request, terms(5_000, 1, 0)).expect("alice's");
			// A settled request is gone from storage; its outcome is in its event.
			assert_eq!(contract.request(request), None);
			assert_eq!(contract.decline_request(request), Err(Error::RequestSettled));
			assert_eq!(contract.decline_request(request + 1), Err(Error::UnknownRequest));
			assert_eq!(contract.grant_of(grant).map(|g| g.grantee), Some(accounts().bob));
			as_caller(accounts().bob);
			let second = contract.request_access(record, Purpose::HRESCH).expect("a provider");
			as_caller(accounts().alice);
			assert_eq!(contract.decline_request(second), Ok(()));
			assert_eq!(contract.request(second), None);
			assert_eq!(
				request_changes(),
				vec![
					(request, RequestStatus::Asked),
					(request, RequestStatus::Approved(grant)),
					(second, RequestStatus::Asked),
					(second, RequestStatus::Denied),
				]
			);
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
			assert_eq!(contract.decline_request(first), Ok(()));
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
			let stored = contract.request(request).expect("pending");
			assert_eq!(
				(stored.patient, stored.expires_at),
				(accounts().alice, 1_000 + REQUEST_LIFETIME)
			);
			set_now(1_000 + REQUEST_LIFETIME);
			as_caller(accounts().alice);
			let later = terms(2 * REQUEST_LIFETIME, 1, 0);
			assert_eq!(contract.approve_request(request, later), Err(Error::RequestExpired));
			assert_eq!(contract.request(request), Some(stored), "a refusal changes nothing");
			// A lapsed request can still be denied, which removes it and frees its place.
			assert_eq!(contract.decline_request(request), Ok(()));
			assert_eq!((contract.request(request), open_for_alice(&contract)), (None, 0));
		}

		#[ink::test]
		fn the_provider_may_withdraw_its_pending_request() {
			let (mut contract, record) = setup();
			as_caller(accounts().bob);
			let request = contract.request_access(record, Purpose::TREAT).expect("a provider");
			as_caller(accounts().charlie);
			assert_eq!(contract.decline_request(request), Err(Error::NotThePatient));
			as_caller(accounts().bob);
			assert_eq!(contract.decline_request(request), Ok(()));
			assert_eq!(contract.request(request), None);
			assert_eq!(contract.decline_request(request), Err(Error::RequestSettled));
			assert_eq!(open_for_alice(&contract), 0);
			as_caller(accounts().alice);
			assert_eq!(
				contract.approve_request(request, terms(5_000, 1, 0)),
				Err(Error::RequestSettled)
			);
			assert_eq!(
				request_changes(),
				vec![(request, RequestStatus::Asked), (request, RequestStatus::Withdrawn)]
			);
		}

		#[ink::test]
		fn approval_refuses_a_grant_to_self_and_rechecks_the_providers_role() {
			let (mut contract, _) = setup();
			// Bob, a provider, asks for a record of his own.
			as_caller(accounts().bob);
			let own = contract
				.register_record(accounts().bob, tag(DataClass::Observation), Hash::from([7; 32]))
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
			assert!(contract.request(request).is_some(), "still awaiting an answer");
		}

		#[ink::test]
		fn what_is_over_can_be_removed_and_what_is_in_use_cannot() {
			let (mut contract, record) = setup();
			consent(accounts().charlie, Purpose::TREAT, Action::Disclose);
			as_caller(accounts().alice);
			let sealed = Terms { envelope: Some(vec![7; 8]), ..terms(5_000, 3, 1) };
			let live = contract
				.grant(accounts().charlie, vec![record], Purpose::TREAT, sealed)
				.expect("alice's record");
			let ended = contract
				.grant(accounts().django, vec![record], Purpose::TREAT, terms(3_000, 1, 0))
				.expect("alice's record");
			as_caller(accounts().charlie);
			let child = contract
				.reshare(live, accounts().eve, vec![record], terms(5_000, 1, 0))
				.expect("charlie may disclose");
			assert_eq!(contract.record(record).map(|r| r.grants), Some(3));

			// Nothing covered by a stored grant, nothing live, and nobody else's.
			for who in [accounts().alice, accounts().bob] {
				as_caller(who);
				assert_eq!(contract.remove_record(record), Err(Error::RecordInUse));
			}
			as_caller(accounts().alice);
			assert_eq!(contract.remove_grant(live), Err(Error::StillLive));
			for stranger in [accounts().bob, accounts().django] {
				as_caller(stranger);
				assert_eq!(contract.remove_grant(live), Err(Error::NotThePatient));
			}
			assert_eq!(contract.remove_record(record), Err(Error::NotThePatient));
			set_now(3_000);
			assert_eq!(contract.remove_grant(ended), Err(Error::NotThePatient));

			// An expired grant goes without a revocation; a revoked one, by its patient or
			// granter; a re-share may go before or after the grant it came from.
			as_caller(accounts().alice);
			assert_eq!(contract.remove_grant(ended), Ok(()));
			assert_eq!(contract.grant_of(ended), None);
			assert_eq!(contract.revoke(live), Ok(()));
			assert_eq!(contract.remove_grant(live), Ok(()));
			assert_eq!(contract.envelopes.get(live), None, "its envelope went with it");
			assert_eq!(contract.remove_grant(live), Err(Error::UnknownGrant));
			assert_eq!(contract.remove_record(record), Err(Error::RecordInUse));
			as_caller(accounts().charlie);
			assert_eq!(contract.remove_grant(child), Ok(()));
			assert_eq!(contract.record(record).map(|r| r.grants), Some(0));
			// The record's provider may remove it now.
			as_caller(accounts().bob);
			assert_eq!(contract.remove_record(record), Ok(()));
			assert_eq!(contract.record(record), None);
			as_caller(accounts().alice);
			assert_eq!(
				contract.grant(
					accounts().charlie,
					vec![record],
					Purpose::TREAT,
					terms(5_000, 1, 0)
				),
				Err(Error::UnknownRecord)
			);
		}

		#[ink::test]
		fn the_admin_hands_over_in_two_steps() {
			let (mut contract, _) = setup();
			let (frank, eve) = (accounts().frank, accounts().eve);
			assert_eq!(contract.administration(), (frank, None, LAYOUT_VERSION));
			as_caller(eve);
			assert_eq!(contract.propose_admin(eve), Err(Error::NotTheAdmin));
			assert_eq!(contract.accept_admin(), Err(Error::NotProposed));
			as_caller(frank);
			assert_eq!(contract.propose_admin(eve), Ok(()));
			assert_eq!(contract.administration(), (frank, Some(eve), LAYOUT_VERSION));
			as_caller(accounts().django);
			assert_eq!(contract.accept_admin(), Err(Error::NotProposed));
			as_caller(eve);
			assert_eq!(contract.accept_admin(), Ok(()));
			assert_eq!(contract.administration(), (eve, None, LAYOUT_VERSION));
			// The old admin can do nothing an admin does any more.
			as_caller(frank);
			assert_eq!(contract.propose_admin(frank), Err(Error::NotTheAdmin));
			assert_eq!(contract.set_code(Hash::from([1; 32])), Err(Error::NotTheAdmin));
			assert_eq!(contract.migrate(LAYOUT_VERSION), Err(Error::NotTheAdmin));
		}

		#[ink::test]
		fn migrate_is_for_the_admin_knows_its_version_and_may_run_twice() {
			let (mut contract, _) = setup();
			as_caller(accounts().bob);
			assert_eq!(contract.migrate(LAYOUT_VERSION), Err(Error::NotTheAdmin));
			assert_eq!(contract.set_code(Hash::from([1; 32])), Err(Error::NotTheAdmin));
			as_caller(accounts().frank);
			for unknown in [0, LAYOUT_VERSION + 1, u32::MAX] {
				if unknown != LAYOUT_VERSION {
					assert_eq!(contract.migrate(unknown), Err(Error::UnknownVersion));
				}
			}
			assert_eq!(contract.migrate(LAYOUT_VERSION), Ok(()));
			assert_eq!(contract.migrate(LAYOUT_VERSION), Ok(()));
			assert_eq!(contract.administration().2, LAYOUT_VERSION);
		}
	}
}
