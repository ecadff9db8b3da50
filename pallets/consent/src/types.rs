//! The records the consent registry keeps, shaped on FHIR Consent.
//!
//! A [`Consent`] names a patient, a [`Grantee`], a validity [`Period`] and a list of
//! [`Provision`]s. Each provision permits or denies what its [`Rule`] matches, except what
//! one of its exceptions matches, which gets the opposite answer (FHIR's nested provisions).
//! An empty list of codes in a rule matches every code.

use codec::{Decode, Encode, MaxEncodedLen};
use frame_support::{traits::ConstU32, BoundedVec};
use medchain_primitives::consent::{
	AccessQuery, Action, DataTag, EmergencyHandle, EmergencyReason, Moment, Purpose, ACTION_COUNT,
	DATA_CLASS_COUNT, PURPOSE_COUNT,
};
use medchain_primitives::participants::Role;
use scale_info::TypeInfo;
use sp_core::{Get, H256};
use sp_runtime::RuntimeDebug;

pub use medchain_primitives::consent::{ConsentId, EpisodeId};

/// A consent request's number, unique on the chain and never reused.
pub type RequestId = u64;

/// Purposes of use a rule covers (each at most once; none listed = every purpose).
pub type Purposes = BoundedVec<Purpose, ConstU32<PURPOSE_COUNT>>;
/// Data classes a rule covers, each blinded for the patient (`DataClass::tag`), each at most
/// once; none listed = every class.
pub type DataTags = BoundedVec<DataTag, ConstU32<DATA_CLASS_COUNT>>;
/// Actions a rule covers (each at most once; none listed = every action).
pub type Actions = BoundedVec<Action, ConstU32<ACTION_COUNT>>;

/// The most exceptions one provision may carry.
pub const MAX_EXCEPTIONS: u32 = 4;
/// A day, in milliseconds.
pub const DAY: Moment = 24 * 60 * 60 * 1000;
/// A minute, in milliseconds.
pub const MINUTE: Moment = 60 * 1000;

/// Who a consent is given to.
///
/// A permit reaches a `Participant` or `Role` grantee only while the participant is active;
/// a deny reaches them whatever their standing, so suspending a participant never turns a
/// deny aimed at it into a permit.
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, PartialOrd, Ord, RuntimeDebug,
)]
pub enum Grantee<AccountId> {
	/// This account, whoever holds it (a relative, an app).
	Account(AccountId),
	/// This registered participant (a hospital, a researcher): its permits only while it is
	/// active, its denials whether it is suspended or not.
	Participant(AccountId),
	/// Every participant registered with this role: its permits only those who are active,
	/// its denials suspended ones too.
	Role(Role),
}

/// How a consent's grantee names an accessor: as the account itself, as that account in the
/// participant registry, or by a role it holds. `consents_for` lists an accessor's consents
/// grantee by grantee in this order (the roles in `Role::ALL`'s order), and its cursor says
/// which it had reached.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, RuntimeDebug)]
pub enum GrantedVia {
	/// `Grantee::Account` of the accessor.
	Account,
	/// `Grantee::Participant` of the accessor.
	Participant,
	/// `Grantee::Role` of a role the accessor holds.
	Role(Role),
}

impl GrantedVia {
	/// Every way, in the order `consents_for` lists them.
	pub fn all() -> impl Iterator<Item = GrantedVia> {
		[GrantedVia::Account, GrantedVia::Participant]
			.into_iter()
			.chain(Role::ALL.into_iter().map(GrantedVia::Role))
	}

	/// Where this way comes in [`GrantedVia::all`].
	pub fn rank(self) -> usize {
		match self {
			GrantedVia::Account => 0,
			GrantedVia::Participant => 1,
			// Every role is in `Role::ALL`; were one missing, it would come last.
			GrantedVia::Role(role) => {
				2 + Role::ALL.iter().position(|r| *r == role).unwrap_or(Role::ALL.len())
			}
		}
	}

	/// The grantee that names `accessor` this way.
	pub fn grantee<AccountId>(self, accessor: AccountId) -> Grantee<AccountId> {
		match self {
			GrantedVia::Account => Grantee::Account(accessor),
			GrantedVia::Participant => Grantee::Participant(accessor),
			GrantedVia::Role(role) => Grantee::Role(role),
		}
	}
}

/// Where a page of `consents_for` ended: the grantee it was listing and the last consent it
/// listed there. The next page goes on after that consent.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, RuntimeDebug)]
pub struct ConsentsForCursor {
	/// The grantee, as it names the accessor.
	pub via: GrantedVia,
	/// The last consent listed.
	pub after: ConsentId,
}

/// A page of the consents naming an accessor, with their status, as `consents_for` returns it.
pub type ConsentsForPage =
	medchain_primitives::paging::Page<(ConsentId, ConsentStatus), ConsentsForCursor>;

/// Whether a provision permits or denies (FHIR `Consent.provision.type`).
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, RuntimeDebug)]
pub enum ProvisionType {
	/// What the rule matches is permitted.
	Permit,
	/// What the rule matches is denied; a deny overrides every permit.
	Deny,
}

impl ProvisionType {
	/// The other type: what an exception of a provision of this type does.
	pub fn opposite(self) -> Self {
		match self {
			ProvisionType::Permit => ProvisionType::Deny,
			ProvisionType::Deny => ProvisionType::Permit,
		}
	}
}

/// Records made within these times, both included (FHIR `Consent.provision.dataPeriod`).
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, RuntimeDebug)]
pub struct DataPeriod {
	/// The earliest record date covered (milliseconds since the Unix epoch).
	pub from: Moment,
	/// The latest record date covered (milliseconds since the Unix epoch).
	pub to: Moment,
}

/// Which accesses a provision or exception is about. Empty lists match everything.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, RuntimeDebug)]
pub struct Rule {
	/// HL7 purposes of use covered; empty = every purpose.
	pub purposes: Purposes,
	/// FHIR data classes covered, as the patient's tags (`DataClass::tag`); empty = every
	/// class. The registry only compares them with the tag an access names.
	pub data_tags: DataTags,
	/// Actions covered; empty = every action.
	pub actions: Actions,
	/// Only records made in this period; none = records of any date.
	pub data_period: Option<DataPeriod>,
}

impl Rule {
	/// Whether the rule covers `query`. A record of unknown date is covered by a rule limited
	/// to a period only if `unknown_date_matches` (true for denials, false for permits, so
	/// that an unknown date never widens access).
	pub fn matches(&self, query: &AccessQuery, unknown_date_matches: bool) -> bool {
		let covers = |listed: bool, empty: bool| empty || listed;
		covers(self.purposes.contains(&query.purpose), self.purposes.is_empty())
			&& covers(self.data_tags.contains(&query.data_tag), self.data_tags.is_empty())
			&& covers(self.actions.contains(&query.action), self.actions.is_empty())
			&& match (self.data_period, query.record_date) {
				(None, _) => true,
				(Some(period), Some(date)) => period.from <= date && date <= period.to,
				(Some(_), None) => unknown_date_matches,
			}
	}
}

/// One permit or deny within a consent (FHIR `Consent.provision`).
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, RuntimeDebug)]
pub struct Provision {
	/// Permit or deny.
	pub kind: ProvisionType,
	/// What it permits or denies.
	pub rule: Rule,
	/// Exceptions: what they match gets the opposite answer (at most four).
	pub exceptions: BoundedVec<Rule, ConstU32<MAX_EXCEPTIONS>>,
}

impl Provision {
	/// This provision's answer to `query`: none if it does not cover it.
	pub fn decide(&self, query: &AccessQuery) -> Option<ProvisionType> {
		let deny = |kind: ProvisionType| kind == ProvisionType::Deny;
		if !self.rule.matches(query, deny(self.kind)) {
			return None;
		}
		let exception = self.kind.opposite();
		if self.exceptions.iter().any(|rule| rule.matches(query, deny(exception))) {
			Some(exception)
		} else {
			Some(self.kind)
		}
	}
}

/// When a consent ends, as given by whoever grants it.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, RuntimeDebug)]
pub enum Ends {
	/// It stays in force until revoked.
	Never,
	/// At this time (milliseconds since the Unix epoch), excluded.
	At(Moment),
	/// This many days after it starts.
	AfterDays(u32),
}

/// When a consent is in force: from `start` (included) to `end` (excluded; none = until
/// revoked). Times are milliseconds since the Unix epoch.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, RuntimeDebug)]
pub struct Period {
	/// The first moment the consent is in force.
	pub start: Moment,
	/// The first moment it no longer is; none = until revoked.
	pub end: Option<Moment>,
}

impl Period {
	/// Whether `at` lies in the period.
	pub fn contains(&self, at: Moment) -> bool {
		self.start <= at && self.end.is_none_or(|end| at < end)
	}

	/// Whether the period is over at `at`.
	pub fn is_over(&self, at: Moment) -> bool {
		self.end.is_some_and(|end| end <= at)
	}
}

/// The policy a consent was given under (FHIR `Consent.policy`): the hash of the document.
///
/// Where the document is stays off chain (the portal, the record gateway): a URI names the
/// ward or programme a policy belongs to, which about a patient is health information, and
/// free text on chain cannot be kept free of it. The hash proves which document was agreed.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, RuntimeDebug)]
pub struct PolicyRef {
	/// blake2-256 (or sha-256) hash of the policy document.
	pub hash: H256,
}

/// A consent's stored state. Expiry is not stored: it follows from the period.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, RuntimeDebug)]
pub enum ConsentState<AccountId> {
	/// Granted and not revoked.
	Granted,
	/// Revoked by `by` at `at`; it permits and denies nothing from that moment.
	Revoked {
		/// When (milliseconds since the Unix epoch).
		at: Moment,
		/// The patient or guardian who revoked it.
		by: AccountId,
	},
}

/// A consent's status at a moment (FHIR `Consent.status`; a proposed consent is a
/// [`Request`]).
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, RuntimeDebug)]
pub enum ConsentStatus {
	/// Granted, but its period has not started.
	Scheduled,
	/// In force.
	Active,
	/// Its period is over.
	Expired,
	/// Revoked.
	Revoked,
}

/// A consent, as stored.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, RuntimeDebug)]
#[scale_info(skip_type_params(MaxProvisions))]
pub struct Consent<AccountId, Balance, MaxProvisions: Get<u32>> {
	/// Whose data it is about.
	pub patient: AccountId,
	/// Who granted it: the patient or one of their guardians. Holds the deposit.
	pub granted_by: AccountId,
	/// Who it is given to.
	pub grantee: Grantee<AccountId>,
	/// What it permits and denies.
	pub provisions: BoundedVec<Provision, MaxProvisions>,
	/// When it is in force.
	pub period: Period,
	/// The policy it was given under, if any.
	pub policy: Option<PolicyRef>,
	/// Granted or revoked.
	pub state: ConsentState<AccountId>,
	/// When it was granted.
	pub granted_at: Moment,
	/// The request it answers, if it was requested.
	pub request: Option<RequestId>,
	/// When the patient confirmed it, if a guardian granted it and the patient did: a
	/// confirmed consent stays in force when that guardian is removed, an unconfirmed one is
	/// revoked then. Always none for a consent the patient granted.
	pub confirmed_at: Option<Moment>,
	/// The deposit held from `granted_by` while it is stored: it pays for the consent (as
	/// large as it may grow, revoked and confirmed) and its entries in the indexes.
	pub deposit: Balance,
}

impl<AccountId, Balance, MaxProvisions: Get<u32>> Consent<AccountId, Balance, MaxProvisions> {
	/// The consent's status at `at`. A revoked consent counts as revoked from the moment of
	/// its revocation, so asking about an earlier moment sees it as it was then.
	pub fn status_at(&self, at: Moment) -> ConsentStatus {
		match self.state {
			ConsentState::Revoked { at: revoked, .. } if revoked <= at => ConsentStatus::Revoked,
			_ if self.period.is_over(at) => ConsentStatus::Expired,
			_ if at < self.period.start => ConsentStatus::Scheduled,
			_ => ConsentStatus::Active,
		}
	}

	/// When the consent stopped being in force, if it has by `at`: when it was revoked or
	/// when its period ended, whichever came first.
	pub fn ended_at(&self, at: Moment) -> Option<Moment> {
		let expired = self.period.end.filter(|end| *end <= at);
		let revoked = match self.state {
			ConsentState::Revoked { at: revoked, .. } => Some(revoked),
			ConsentState::Granted => None,
		};
		match (expired, revoked) {
			(Some(a), Some(b)) => Some(a.min(b)),
			(a, b) => a.or(b),
		}
	}

	/// This consent's answer to `query` over all its provisions (deny overrides permit),
	/// ignoring whether it is in force and who asks; none if no provision covers it.
	pub fn decide(&self, query: &AccessQuery) -> Option<ProvisionType> {
		let mut answer = None;
		for provision in &self.provisions {
			match provision.decide(query) {
				Some(ProvisionType::Deny) => return Some(ProvisionType::Deny),
				Some(ProvisionType::Permit) => answer = Some(ProvisionType::Permit),
				None => {}
			}
		}
		answer
	}
}

/// Where a consent request stands.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, RuntimeDebug)]
pub enum RequestState {
	/// Waiting for the patient (until it expires).
	Pending,
	/// The patient approved it and granted this consent.
	Approved(ConsentId),
	/// The patient denied it.
	Denied,
}

/// A participant's request for a patient's consent.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, RuntimeDebug)]
#[scale_info(skip_type_params(MaxProvisions))]
pub struct Request<AccountId, Balance, MaxProvisions: Get<u32>> {
	/// The participant asking; the consent, if approved, is given to it.
	pub requester: AccountId,
	/// The patient asked.
	pub patient: AccountId,
	/// The permits asked for.
	pub provisions: BoundedVec<Provision, MaxProvisions>,
	/// When the consent would start (none = when approved).
	pub starts_at: Option<Moment>,
	/// When the consent would end.
	pub ends: Ends,
	/// The policy the consent would be given under.
	pub policy: Option<PolicyRef>,
	/// The patient must answer before this moment.
	pub expires_at: Moment,
	/// Pending, approved or denied.
	pub state: RequestState,
	/// The deposit held from `requester` while it is stored: it pays for the request (as
	/// large as it may grow, approved) and its place in the patient's pending list.
	pub deposit: Balance,
}

/// Someone a patient named to act for them, and the deposit held from the patient for it.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, RuntimeDebug)]
pub struct Guardian<AccountId, Balance> {
	/// The guardian.
	pub account: AccountId,
	/// The deposit held from the patient while the guardian is named.
	pub deposit: Balance,
}

/// An auditor's finding on a break-glass episode.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, RuntimeDebug)]
pub enum Finding {
	/// The emergency access was justified.
	Justified,
	/// The emergency access was not justified (governance may act on it).
	Unjustified,
	/// The auditor could not decide.
	Inconclusive,
}

/// A clinician's emergency access to a patient's data, open until an auditor reviews it.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, RuntimeDebug)]
pub struct Episode<AccountId, Balance> {
	/// The clinician who broke the glass.
	pub clinician: AccountId,
	/// Whose data, as the patient's emergency handle (`EmergencyHandle::of` their tag
	/// secret): only the patient and the providers they told can tell whose.
	pub subject: EmergencyHandle,
	/// Why.
	pub reason: EmergencyReason,
	/// When access started (milliseconds since the Unix epoch).
	pub start: Moment,
	/// When access ends (excluded).
	pub end: Moment,
	/// The deposit held from the clinician until the review: it pays for the episode, its
	/// entry in the break-glass index and the clinician's tally.
	pub deposit: Balance,
}

/// A clinician's break-glass tally, kept while any episode of theirs awaits review (each
/// such episode's deposit pays for it).
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, RuntimeDebug)]
pub struct BreakGlassTally {
	/// The day (UTC, counted from the Unix epoch) of the clinician's latest episode.
	pub day: u32,
	/// How many episodes the clinician began on that day.
	pub count: u32,
	/// How many of the clinician's episodes, with any patient, await review.
	pub unreviewed: u32,
}

/// The day (UTC, counted from the Unix epoch) a moment falls on.
pub fn day_of(at: Moment) -> u32 {
	u32::try_from(at / DAY).unwrap_or(u32::MAX)
}

/// How far automatic purging has got: it walks the consents, then the requests, then starts
/// again.
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, Default, PartialEq, Eq, RuntimeDebug,
)]
pub struct PurgeProgress {
	/// The last consent looked at; none = start from the first.
	pub consent: Option<ConsentId>,
	/// Whether every consent has been looked at in this round.
	pub consents_done: bool,
	/// The last request looked at; none = start from the first.
	pub request: Option<RequestId>,
}
