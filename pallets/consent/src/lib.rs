//! # Consent
//!
//! The patient consent registry: HL7 FHIR Consent, enforced on chain.
//!
//! A patient (or a guardian acting for them) grants a consent to a grantee (an account, a
//! registered participant, or every participant in a role). A consent holds provisions that
//! permit or deny purposes of use, data classes and actions, optionally for records of a
//! period only and with exceptions, and is in force for a validity period until revoked.
//! Every grant, approval and revocation emits a receipt: the blake2-256 hash of the
//! SCALE-encoded consent, so a patient can prove what they agreed to.
//!
//! [`Pallet::check_access`] decides whether an accessor may act on a patient's data:
//! the patient always may; an open break-glass episode permits its clinician emergency
//! access; otherwise deny overrides permit (a deny reaches a participant whether it is
//! suspended or not, a permit only while it is active), a guardian may act unless denied,
//! and nothing is permitted unless a consent in force permits it. The decision names the
//! deciding consent or the reason for denial. The runtime API [`runtime_api::ConsentApi`]
//! and the chain extension ask this function.
//!
//! A consent a guardian granted stands on the guardian's word: it is revoked when the patient
//! removes that guardian, unless the patient confirmed it ([`Pallet::guardian_granted`] lists
//! those still standing on a guardian's word).
//!
//! Participants may request a consent, which the patient approves or denies before it
//! expires. A clinician may break the glass in an emergency for a bounded time; the patient
//! is told at once by an event, and an auditor must review the episode. A clinician may have
//! only so many unreviewed episodes with one patient, and begin only so many in a day.
//!
//! Everything stored is bounded and paid for by a deposit held from whoever stores it and
//! released when it is removed. Revoked and expired consents and settled requests are purged
//! by anyone's call or, within spare block weight, automatically.
//!
//! No health data is stored: accounts, codes, times and hashes only.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

mod features;
pub mod runtime_api;
pub mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod decision_model;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod paging_tests;
#[cfg(test)]
mod tests;

pub use medchain_primitives::consent::{
	AccessQuery, Action, DataClass, DataTag, Decision, Denial, EmergencyHandle, EmergencyReason,
	Moment, Permit, Purpose, TagSecret,
};
pub use types::*;
pub use weights::WeightInfo;

/// What the benchmarks need from a runtime: participants in roles, and a clock.
#[cfg(feature = "runtime-benchmarks")]
pub use medchain_primitives::benchmarking::BenchmarkHelper;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{fungible, Time},
	};
	use frame_system::pallet_prelude::*;
	use medchain_primitives::participants::ParticipantRoles;
	use sp_core::H256;

	/// The balance type of the currency deposits are held in.
	pub type BalanceOf<T> = <<T as Config>::Currency as fungible::Inspect<
		<T as frame_system::Config>::AccountId,
	>>::Balance;
	/// A consent as this runtime stores it.
	pub type ConsentOf<T> =
		Consent<<T as frame_system::Config>::AccountId, BalanceOf<T>, <T as Config>::MaxProvisions>;
	/// A consent request as this runtime stores it.
	pub type RequestOf<T> =
		Request<<T as frame_system::Config>::AccountId, BalanceOf<T>, <T as Config>::MaxProvisions>;
	/// A break-glass episode as this runtime stores it.
	pub type EpisodeOf<T> = Episode<<T as frame_system::Config>::AccountId, BalanceOf<T>>;
	/// The provisions of one consent.
	pub type ProvisionsOf<T> = BoundedVec<Provision, <T as Config>::MaxProvisions>;
	/// A grantee as this runtime names it.
	pub type GranteeOf<T> = Grantee<<T as frame_system::Config>::AccountId>;
	/// A guardian entry as this runtime stores it.
	pub type GuardianOf<T> = Guardian<<T as frame_system::Config>::AccountId, BalanceOf<T>>;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The overarching event type.
		type RuntimeEvent: From<Event<Self>> + IsType<<Self as frame_system::Config>::RuntimeEvent>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// The currency deposits are held in.
		type Currency: fungible::Mutate<Self::AccountId>
			+ fungible::MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The chain's clock (milliseconds since the Unix epoch).
		type Time: Time<Moment = Moment>;

		/// The participant registry: who is a clinician, an auditor, a registered organisation.
		type Participants: ParticipantRoles<Self::AccountId>;

		/// The most consents a patient may have stored (in force, revoked or expired until
		/// purged).
		#[pallet::constant]
		type MaxConsentsPerPatient: Get<u32>;

		/// The most provisions in one consent.
		#[pallet::constant]
		type MaxProvisions: Get<u32>;

		/// The most guardians a patient may name.
		#[pallet::constant]
		type MaxGuardians: Get<u32>;

		/// The most pending requests a patient may have; expired ones give way to new ones.
		#[pallet::constant]
		type MaxPendingRequests: Get<u32>;

		/// How long a patient has to answer a request, in milliseconds.
		#[pallet::constant]
		type RequestLifetime: Get<Moment>;

		/// How long a revoked or expired consent, or a request past its answer window, stays
		/// readable before automatic purging removes it (milliseconds). Anyone may purge it
		/// earlier by calling `purge_consent` or `purge_request`.
		#[pallet::constant]
		type AutoPurgeDelay: Get<Moment>;

		/// The longest break-glass episode, in minutes.
		#[pallet::constant]
		type MaxBreakGlassMinutes: Get<u32>;

		/// The most break-glass episodes a clinician may have with one patient that no auditor
		/// has reviewed yet; to break the glass again, an auditor must review one first.
		#[pallet::constant]
		type MaxUnreviewedBreakGlass: Get<u32>;

		/// The most break-glass episodes a clinician may begin in one day (UTC). The count
		/// starts again the next day, or once an auditor has reviewed every episode of theirs.
		#[pallet::constant]
		type MaxBreakGlassPerDay: Get<u32>;

		/// The deposit for storing anything, per item.
		#[pallet::constant]
		type DepositBase: Get<BalanceOf<Self>>;

		/// The deposit for storing anything, per byte.
		#[pallet::constant]
		type DepositPerByte: Get<BalanceOf<Self>>;

		/// Benchmarked weights of the calls.
		type WeightInfo: WeightInfo;

		/// Sets up participants and time for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Why the pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit for a stored consent, request, guardian or break-glass episode.
		#[codec(index = 0)]
		StorageDeposit,
	}

	/// Every stored consent, by number.
	#[pallet::storage]
	pub type Consents<T: Config> = StorageMap<_, Twox64Concat, ConsentId, ConsentOf<T>>;

	/// The number the next consent gets.
	#[pallet::storage]
	pub type NextConsentId<T: Config> = StorageValue<_, ConsentId, ValueQuery>;

	/// A patient's stored consents, oldest first: "who can see what".
	#[pallet::storage]
	pub type PatientConsents<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<ConsentId, T::MaxConsentsPerPatient>,
		ValueQuery,
	>;

	/// The stored consents given to each grantee: "what I may see".
	#[pallet::storage]
	pub type GranteeConsents<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, GranteeOf<T>, Twox64Concat, ConsentId, ()>;

	/// A patient's guardians, who may grant, revoke and answer requests for them.
	#[pallet::storage]
	pub type Guardians<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<GuardianOf<T>, T::MaxGuardians>,
		ValueQuery,
	>;

	/// Every stored consent request, by number (pending, or settled until purged).
	#[pallet::storage]
	pub type Requests<T: Config> = StorageMap<_, Twox64Concat, RequestId, RequestOf<T>>;

	/// The number the next request gets.
	#[pallet::storage]
	pub type NextRequestId<T: Config> = StorageValue<_, RequestId, ValueQuery>;

	/// A patient's pending requests, oldest first.
	#[pallet::storage]
	pub type PatientRequests<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<RequestId, T::MaxPendingRequests>,
		ValueQuery,
	>;

	/// Break-glass episodes not yet reviewed by an auditor.
	#[pallet::storage]
	pub type Episodes<T: Config> = StorageMap<_, Twox64Concat, EpisodeId, EpisodeOf<T>>;

	/// The number the next break-glass episode gets.
	#[pallet::storage]
	pub type NextEpisodeId<T: Config> = StorageValue<_, EpisodeId, ValueQuery>;

	/// Every unreviewed episode of each clinician with each patient (the patient's emergency
	/// handle, clinician, episode), at most `MaxUnreviewedBreakGlass` of them per patient and
	/// clinician.
	#[pallet::storage]
	pub type BreakGlass<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Blake2_128Concat, EmergencyHandle>,
			NMapKey<Blake2_128Concat, T::AccountId>,
			NMapKey<Twox64Concat, EpisodeId>,
		),
		(),
	>;

	/// Each clinician with unreviewed episodes: how many they began on the day of their
	/// latest, and how many of theirs await review.
	#[pallet::storage]
	pub type BreakGlassTallies<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, BreakGlassTally>;

	/// Where automatic purging goes on in the next block.
	#[pallet::storage]
	pub type PurgeCursor<T: Config> = StorageValue<_, PurgeProgress, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A consent was granted. `receipt` is the blake2-256 hash of the SCALE-encoded
		/// consent: keep it to prove what was agreed.
		ConsentGranted {
			consent: ConsentId,
			patient: T::AccountId,
			grantee: GranteeOf<T>,
			granted_by: T::AccountId,
			receipt: H256,
		},
		/// A consent was revoked; it no longer permits anything. `receipt` is the hash of the
		/// revoked consent.
		ConsentRevoked {
			consent: ConsentId,
			patient: T::AccountId,
			revoked_by: T::AccountId,
			receipt: H256,
		},
		/// The patient confirmed a consent one of their guardians granted: it now stays in force
		/// if that guardian is removed. `receipt` is the hash of the confirmed consent.
		ConsentConfirmed {
			consent: ConsentId,
			patient: T::AccountId,
			granted_by: T::AccountId,
			receipt: H256,
		},
		/// A revoked or expired consent was removed and its deposit returned.
		ConsentPurged { consent: ConsentId, patient: T::AccountId, refunded: BalanceOf<T> },
		/// A participant asks the patient for consent; answer before `expires_at`.
		ConsentRequested {
			request: RequestId,
			requester: T::AccountId,
			patient: T::AccountId,
			expires_at: Moment,
		},
		/// The patient approved a request and granted this consent.
		RequestApproved { request: RequestId, requester: T::AccountId, consent: ConsentId },
		/// The patient denied a request.
		RequestDenied { request: RequestId, requester: T::AccountId, patient: T::AccountId },
		/// A settled or expired request was removed and its deposit returned.
		RequestPurged { request: RequestId, requester: T::AccountId },
		/// The patient named a guardian.
		GuardianAdded { patient: T::AccountId, guardian: T::AccountId },
		/// The patient removed a guardian. The consents the guardian granted that the patient
		/// had not confirmed were revoked just before (a `ConsentRevoked` event each).
		GuardianRemoved { patient: T::AccountId, guardian: T::AccountId },
		/// A clinician broke the glass: emergency access to the data of the patient whose
		/// emergency handle is `subject`, until `until`. The patient's portal finds it by the
		/// handle; no one else can tell whose it is. An auditor will review it.
		/// `earlier_unreviewed` counts this clinician's earlier episodes with the patient that
		/// no auditor has reviewed yet, and `previous` names the latest of them: a renewal is
		/// never silent.
		BreakGlassDeclared {
			episode: EpisodeId,
			subject: EmergencyHandle,
			clinician: T::AccountId,
			reason: EmergencyReason,
			until: Moment,
			earlier_unreviewed: u32,
			previous: Option<EpisodeId>,
		},
		/// An auditor reviewed a break-glass episode.
		BreakGlassReviewed {
			episode: EpisodeId,
			subject: EmergencyHandle,
			clinician: T::AccountId,
			auditor: T::AccountId,
			finding: Finding,
			report_hash: H256,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// Only the patient or one of their guardians may do this.
		NotPatientOrGuardian,
		/// Only the patient may do this.
		NotPatient,
		/// A consent needs at least one provision.
		NoProvisions,
		/// A list of purposes, data classes or actions names the same code twice.
		DuplicateCode,
		/// A data period ends before it starts.
		InvalidDataPeriod,
		/// The validity period is empty: it ends when or before it starts.
		InvalidPeriod,
		/// The validity period would start in the past.
		StartsInPast,
		/// The consent is over, or would already be.
		AlreadyExpired,
		/// A consent cannot be given to the patient themselves.
		GranteeIsPatient,
		/// The grantee is not an active registered participant.
		NotAParticipant,
		/// The patient has as many consents stored as allowed; purge old ones first.
		TooManyConsents,
		/// No consent has this number.
		UnknownConsent,
		/// The consent is revoked already.
		AlreadyRevoked,
		/// The consent is in force or not yet started; only revoked or expired ones are purged.
		NotPurgeable,
		/// A request can only ask for permits.
		RequestMustPermit,
		/// The patient has as many pending, unexpired requests as allowed.
		TooManyRequests,
		/// No request has this number.
		UnknownRequest,
		/// The request was approved or denied already.
		RequestSettled,
		/// The request expired before it was answered.
		RequestExpired,
		/// The request is pending and not expired; it cannot be purged yet.
		RequestPending,
		/// A guardian cannot grant, approve or revoke a consent that names themselves; only the
		/// patient can.
		ConflictOfInterest,
		/// A patient cannot be their own guardian.
		CannotGuardSelf,
		/// This account is a guardian of the patient already.
		AlreadyGuardian,
		/// This account is not a guardian of the patient.
		NotAGuardian,
		/// The patient has as many guardians as allowed.
		TooManyGuardians,
		/// Only an active registered clinician may break the glass.
		NotAClinician,
		/// A break-glass episode lasts at least one minute and at most the configured maximum.
		InvalidDuration,
		/// The clinician's break-glass access to this patient is still open.
		BreakGlassOpen,
		/// Only an active registered auditor may review break-glass episodes.
		NotAnAuditor,
		/// No unreviewed episode has this number.
		UnknownEpisode,
		/// The episode is still open; review it when it has ended.
		EpisodeNotEnded,
		/// An auditor cannot review their own episode.
		CannotReviewOwn,
		/// The deposit could not be held: the balance is too low.
		CannotHoldDeposit,
		/// The patient granted this consent themselves; only a consent a guardian granted needs
		/// confirming.
		NotGrantedByGuardian,
		/// The patient has confirmed this consent already.
		AlreadyConfirmed,
		/// You have as many unreviewed break-glass episodes with this patient as allowed; an
		/// auditor must review one before you break the glass again.
		TooManyUnreviewedEpisodes,
		/// You have begun as many break-glass episodes today (UTC) as allowed.
		BreakGlassDailyLimit,
		/// Numbers are exhausted.
		Overflow,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_idle(_n: BlockNumberFor<T>, remaining_weight: Weight) -> Weight {
			Self::do_purge_idle(remaining_weight)
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Grant a consent over `patient`'s data to `grantee`, as the patient or one of their
		/// guardians.
		///
		/// - `grantee`: an account, a registered participant, or every participant in a role.
		/// - `provisions`: what is permitted or denied (HL7 purposes, FHIR data classes as the
		///   patient's tags, actions; an empty list covers every code), optionally for records
		///   of a period only, with exceptions that get the opposite answer. A deny always
		///   wins. A tag is the class blinded with the patient's tag secret (the portal or
		///   `scripts/tag` computes it), so the chain never shows which class a patient's
		///   consent is about.
		/// - `starts_at`: when it comes into force (ms since the Unix epoch); none = now.
		/// - `ends`: never, at a time, or after a number of days.
		/// - `policy`: the hash of the policy document, if any (where it is stays off chain).
		///
		/// A deposit is held from the signer until the consent is purged. The
		/// `ConsentGranted` event gives the consent number and its receipt hash.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::grant_consent())]
		pub fn grant_consent(
			origin: OriginFor<T>,
			patient: T::AccountId,
			grantee: GranteeOf<T>,
			provisions: ProvisionsOf<T>,
			starts_at: Option<Moment>,
			ends: Ends,
			policy: Option<PolicyRef>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_grant(who, patient, grantee, provisions, starts_at, ends, policy).map(|_| ())
		}

		/// Revoke a consent, as the patient or one of their guardians. It stops permitting
		/// anything at once, in this block. Purge it later to get the deposit back.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::revoke_consent())]
		pub fn revoke_consent(origin: OriginFor<T>, consent: ConsentId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_revoke(who, consent)
		}

		/// Remove a revoked or expired consent and return its deposit to whoever granted it.
		/// Anyone may call this; the chain also does it by itself `AutoPurgeDelay` after the
		/// consent ended.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::purge_consent())]
		pub fn purge_consent(origin: OriginFor<T>, consent: ConsentId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_purge_consent(consent)
		}

		/// Ask `patient` for consent, as a registered participant: the consent would permit
		/// `provisions` to you from `starts_at` (none = when approved) until `ends`. The
		/// patient has `RequestLifetime` to answer. A deposit is held from you until the
		/// request is purged.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::request_consent())]
		pub fn request_consent(
			origin: OriginFor<T>,
			patient: T::AccountId,
			provisions: ProvisionsOf<T>,
			starts_at: Option<Moment>,
			ends: Ends,
			policy: Option<PolicyRef>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_request(who, patient, provisions, starts_at, ends, policy).map(|_| ())
		}

		/// Approve a pending request, as the patient or a guardian: this grants the consent it
		/// asks for (a deposit is held from you, as for any grant).
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::approve_request())]
		pub fn approve_request(origin: OriginFor<T>, request: RequestId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_approve(who, request).map(|_| ())
		}

		/// Deny a pending request, as the patient or a guardian.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::deny_request())]
		pub fn deny_request(origin: OriginFor<T>, request: RequestId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_deny(who, request)
		}

		/// Remove an approved, denied or expired request and return its deposit to the
		/// requester. Anyone may call this.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::purge_request())]
		pub fn purge_request(origin: OriginFor<T>, request: RequestId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_purge_request(request)
		}

		/// Name `guardian` as someone who may grant, revoke and answer requests for you
		/// (for a minor, or in incapacity). A deposit is held from you.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::add_guardian())]
		pub fn add_guardian(origin: OriginFor<T>, guardian: T::AccountId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_add_guardian(who, guardian)
		}

		/// Remove one of your guardians; the deposit is returned. The consents they granted
		/// for you that are in force or scheduled and that you have not confirmed (see
		/// `confirm_consent`) are revoked at once, each with a `ConsentRevoked` event;
		/// `guardian_granted` lists them beforehand.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::remove_guardian())]
		pub fn remove_guardian(origin: OriginFor<T>, guardian: T::AccountId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_remove_guardian(who, guardian)
		}

		/// Break the glass, as a registered clinician in an emergency: read and use access to
		/// the data of the patient whose emergency handle is `subject` for emergency purposes
		/// (ETREAT, BTG) for `minutes` (at most `MaxBreakGlassMinutes`), whatever their
		/// consents say. The handle (never the patient's account, so that no one reading the
		/// chain learns whose emergency it is) comes from the record gateway of the hospital
		/// whose records you need; the gateway releases data only against an open episode
		/// under it. The patient is told at once (their portal watches their handle), and an
		/// auditor must review the episode. A deposit is held from you until then.
		///
		/// You may have at most `MaxUnreviewedBreakGlass` unreviewed episodes with one patient
		/// and begin at most `MaxBreakGlassPerDay` a day; the `BreakGlassDeclared` event tells
		/// the patient how many of your earlier episodes with them are still unreviewed.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::break_glass())]
		pub fn break_glass(
			origin: OriginFor<T>,
			subject: EmergencyHandle,
			reason: EmergencyReason,
			minutes: u32,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_break_glass(who, subject, reason, minutes).map(|_| ())
		}

		/// Review an ended break-glass episode, as a registered auditor, with a finding and
		/// the hash of your report. This closes it and returns the clinician's deposit.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::review_break_glass())]
		pub fn review_break_glass(
			origin: OriginFor<T>,
			episode: EpisodeId,
			finding: Finding,
			report_hash: H256,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_review(who, episode, finding, report_hash)
		}

		/// Confirm, as the patient, a consent one of your guardians granted for you: it then
		/// stays in force when you remove that guardian (unconfirmed ones are revoked then).
		/// The `ConsentConfirmed` event gives the new receipt. `guardian_granted` lists the
		/// consents that need it.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::confirm_consent())]
		pub fn confirm_consent(origin: OriginFor<T>, consent: ConsentId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_confirm(who, consent)
		}
	}
}
