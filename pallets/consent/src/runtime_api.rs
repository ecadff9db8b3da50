//! The runtime API of the consent registry, for wallets, record systems and auditors.

use crate::{ConsentId, ConsentStatus, EpisodeId, RequestId};
use alloc::vec::Vec;
use codec::Codec;
use medchain_primitives::consent::{Action, DataClass, Decision, Moment, Purpose};

sp_api::decl_runtime_apis! {
	/// Ask the consent registry.
	pub trait ConsentApi<AccountId, Episode> where
		AccountId: Codec,
		Episode: Codec,
	{
		/// May `accessor` do `action` on `patient`'s `data_class` records for `purpose`?
		/// `record_date` is when the record was made, if known; `at` is the moment asked
		/// about (none = the current block's time): consents are judged as they stood then,
		/// while roles, guardians and break-glass episodes are taken as they are now. The
		/// decision names the consent, guardianship or break-glass episode that permits, or
		/// why it is denied.
		#[allow(clippy::too_many_arguments)]
		fn check_access(
			patient: AccountId,
			accessor: AccountId,
			purpose: Purpose,
			data_class: DataClass,
			action: Action,
			record_date: Option<Moment>,
			at: Option<Moment>,
		) -> Decision;

		/// A patient's stored consents and their status now: who can see what.
		fn consents_of(patient: AccountId) -> Vec<(ConsentId, ConsentStatus)>;

		/// The consents naming `accessor` (directly, as a participant, or by role) and their
		/// status now: what it may see.
		fn consents_for(accessor: AccountId) -> Vec<(ConsentId, ConsentStatus)>;

		/// A patient's requests still waiting for an answer (not expired), oldest first.
		fn pending_requests(patient: AccountId) -> Vec<RequestId>;

		/// Break-glass episodes no auditor has reviewed yet.
		fn unreviewed_break_glass() -> Vec<(EpisodeId, Episode)>;
	}
}
