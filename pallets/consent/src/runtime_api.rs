//! The runtime API of the consent registry, for wallets, record systems and auditors.
//!
//! Listings that grow with the chain come a page at a time (`medchain_primitives::paging`):
//! the caller passes a cursor (none for the first page) and a `limit`, clamped to
//! `1..=MAX_PAGE` (100), and passes each page's `next` back until it is none. A patient's
//! own listings are bounded by the registry's limits and come whole.

use crate::{ConsentId, ConsentStatus, ConsentsForCursor, EpisodeId, RequestId};
use alloc::vec::Vec;
use codec::Codec;
use medchain_primitives::consent::{Action, DataTag, Decision, Moment, Purpose, TagSecret};
use medchain_primitives::paging::Page;

sp_api::decl_runtime_apis! {
	/// Ask the consent registry.
	///
	/// Version 2: `consents_for` and `unreviewed_break_glass` return a page; in version 1
	/// they returned everything at once, without bound. Version 3: `check_access` names the
	/// data class as the patient's tag (`DataClass::tag`); until version 2 it took the class
	/// in clear, which the registry no longer holds; it takes the patient's tag secret for a
	/// break-glass question, and episodes name the patient by their emergency handle.
	#[api_version(3)]
	pub trait ConsentApi<AccountId, Episode> where
		AccountId: Codec,
		Episode: Codec,
	{
		/// May `accessor` do `action` on `patient`'s records of the data class tagged
		/// `data_tag` (the class blinded with the patient's tag secret) for `purpose`?
		/// `record_date` is when the record was made, if known; `at` is the moment asked
		/// about (none = the current block's time): consents are judged as they stood then,
		/// while roles, guardians and break-glass episodes are taken as they are now. The
		/// decision names the consent, guardianship or break-glass episode that permits, or
		/// why it is denied. `emergency` is the patient's tag secret: only a question that
		/// gives it can be permitted by a break-glass episode, one declared under the
		/// emergency handle of this secret and this patient. The record gateway asks so, of
		/// its own node (the secret must never reach a node it does not trust, nor the chain).
		#[allow(clippy::too_many_arguments)]
		fn check_access(
			patient: AccountId,
			accessor: AccountId,
			purpose: Purpose,
			data_tag: DataTag,
			action: Action,
			record_date: Option<Moment>,
			at: Option<Moment>,
			emergency: Option<TagSecret>,
		) -> Decision;

		/// A patient's stored consents and their status now: who can see what. At most
		/// `MaxConsentsPerPatient` (32 in MedChain's runtime), oldest first.
		fn consents_of(patient: AccountId) -> Vec<(ConsentId, ConsentStatus)>;

		/// Every consent naming `accessor` and its status now, unbounded (version 1, callable
		/// as `consents_for_before_version_2` on runtimes that still serve it).
		#[changed_in(2)]
		fn consents_for(accessor: AccountId) -> Vec<(ConsentId, ConsentStatus)>;

		/// A page of the consents naming `accessor` (directly, as a participant, or by role)
		/// and their status now: what it may see. At most `limit` (clamped to
		/// `1..=MAX_PAGE`, 100) after `cursor` (none: from the start); they come grantee by
		/// grantee (the account, the participant, then each role it holds), each grantee's in
		/// storage order, not by number. Pass `next` back as `cursor` for the next page; it
		/// is none on the last.
		fn consents_for(
			accessor: AccountId,
			cursor: Option<ConsentsForCursor>,
			limit: u32,
		) -> Page<(ConsentId, ConsentStatus), ConsentsForCursor>;

		/// A patient's requests still waiting for an answer (not expired), oldest first. At
		/// most `MaxPendingRequests` (16 in MedChain's runtime).
		fn pending_requests(patient: AccountId) -> Vec<RequestId>;

		/// Every break-glass episode no auditor has reviewed yet, unbounded (version 1,
		/// callable as `unreviewed_break_glass_before_version_2` on runtimes that still serve
		/// it).
		#[changed_in(2)]
		fn unreviewed_break_glass() -> Vec<(EpisodeId, Episode)>;

		/// A page of the break-glass episodes no auditor has reviewed yet: at most `limit`
		/// (clamped to `1..=MAX_PAGE`, 100) after the episode `after` (none: from the start),
		/// in storage order, not by number. Pass `next` (the last episode listed) back as
		/// `after` for the next page; it is none on the last.
		fn unreviewed_break_glass(after: Option<EpisodeId>, limit: u32) -> Page<(EpisodeId, Episode), EpisodeId>;
	}
}
