//! # Shipment holds
//!
//! Anomaly-triggered holds on drug shipments, with a DSCSA-shaped investigation.
//!
//! ## Roles
//! - The **admin** (a multisig or regulator account given at instantiation) registers the
//!   anomaly models, authorises oracles, sets the rules, the cool-down and the per-oracle cap.
//!   It hands the role over in two steps: it proposes, the new admin accepts.
//! - The **regulator** (given at instantiation) is notified of every hold and finding. It, or
//!   a delegate it appoints, acknowledges the notice of an illegitimate finding. It co-signs
//!   a change of regulator and every code upgrade the admin proposes.
//! - **Oracles** (authorised here *and* active `AnomalyOracle` participants) report
//!   anomalies: a score (0–10 000) from a **registered model** (its id and version, the
//!   blake2-256 of the model file), an evidence hash and reason codes. The shipment's named
//!   **carrier**, while it is an active `Carrier` participant, reports telemetry, checked
//!   against deterministic rules together with the chain's own signals (suspect clone packs,
//!   recalled batches).
//! - **Investigators** (active `Auditor` or `Regulator` participants) take a case through its
//!   lifecycle; the shipment's sender or receiver may also confirm the quarantine.
//! - A **release** needs two different investigators, at least one of them an auditor; the
//!   first may withdraw its approval before the second signs. A `Suspect` case can instead be
//!   **dismissed** as a false alarm by one investigator.
//!
//! ## What happens on a report
//! A model's report counts at or above **that model's registered threshold** (the reasons
//! given explain the score; they do not choose the bar). At the threshold, or on any rule hit,
//! the contract, **in the same call**, places a hold on the shipment through MedChain's chain
//! extension (the runtime lets it only because its account is a registered `HoldAuthority`;
//! the hold's reason is the report's evidence hash), opens a case (`CaseUpdated` with
//! `Opened`), and emits a `HoldNotice` to each stakeholder (sender, receiver, every
//! manufacturer on the shipment, the regulator) with the stakeholder as a topic.
//!
//! A report on a shipment with an open case adds evidence to it, never a second case:
//! - the case first reads the hold's real state from the drug-tracking pallet (who holds the
//!   shipment, and whether a regulator lifted this contract's hold), records an override as
//!   such (`HoldLifted`), and puts its hold back if nobody holds the shipment any more;
//! - evidence on a `Cleared` case that is not released yet reopens it to `Investigating`
//!   (the finding was made without that evidence). An `Illegitimate` finding is not reopened:
//!   it carries a duty to notify the regulator within 24 hours that later evidence cannot
//!   lift; the evidence joins the case.
//!
//! After a case of a model's is cleared and released, the same model version does not hold
//! the same shipment again for the configured cool-down unless its score rises by the
//! configured margin over the highest it gave in that case (`Outcome::CoolingDown`); a rule
//! hit is new evidence and is never cooled down. One oracle's reports may have at most the
//! configured number of cases open at once (`TooManyOpenCases`).
//!
//! ## Invariants
//! - A shipment has at most one open (unreleased) case. Every case keeps the evidence that
//!   opened it and what followed, at most 4 pieces from each of at most 4 sources (oracles
//!   and the carrier), so a carrier's trivial rule hits cannot crowd out an oracle's report.
//! - The contract releases only a hold it placed itself and still holds (read from the
//!   pallet at the moment of release): a regulator's hold is never lifted by a case.
//! - Case lifecycle: `Suspect → Quarantined → Investigating → Cleared | Illegitimate`, one
//!   step at a time (or `Suspect → Cleared` by dismissal). An illegitimate finding must be
//!   acknowledged by the regulator within 24 hours: the deadline is stored and
//!   `overdue_cases` pages through the late ones. Each investigator may have at most 16
//!   findings awaiting acknowledgement, which blocks only that investigator's further
//!   illegitimate findings, never anyone else's. An illegitimate case is released only once
//!   acknowledged.
//! - Cleared cases count as false positives of the model version that raised them,
//!   illegitimate ones as confirmed (`model_stats`).
//! - No health data is stored: accounts, codes, times and hashes only.
//!
//! ## Upgrades
//! The admin proposes a new code hash, the regulator co-signs it with `accept`, and the code
//! is replaced in place (`set_code_hash`): every case, model and setting stays. The storage
//! layout can grow: new data lives in `Lazy` cells or `Mapping`s of its own, never in the
//! root cell, and `layout_version` says which layout the data is in; after an upgrade the
//! admin calls `migrate`, which brings the data to the new code's layout (or does nothing if
//! it is there already) and refuses a layout it does not know.
//!
//! ## Errors
//! Messages return `Result<_, Error>`; an `Err` reverts the whole call, the hold with it.
//! A report below the threshold, or telemetry breaking no rule, is not an error: it answers
//! `Ok(Outcome::NoAction)`, and a report cooled down `Ok(Outcome::CoolingDown)`.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

#[ink::contract(env = medchain_ink::MedChainEnvironment)]
pub mod shipment_holds {
	use ink::{
		prelude::vec::Vec,
		storage::{Lazy, Mapping},
	};
	use medchain_ink::{
		ensure, packed_leaf, ExtensionError, HasRole, HoldRefusal, HoldSubject, PlaceHold,
		ReasonCode, ReleaseHold, Role, Rules, Shipment, ShipmentId, ShipmentState, Telemetry,
		MAX_SCORE, REASON_CODES,
	};

	/// A case's number.
	pub type CaseId = u64;
	/// A registered model's number.
	pub type ModelId = u32;

	/// The layout of this code's storage (see `migrate`).
	#[cfg(not(feature = "upgrade-fixture"))]
	pub const LAYOUT_VERSION: u32 = 1;
	/// The layout of this code's storage: the upgrade test's second version adds a cell.
	#[cfg(feature = "upgrade-fixture")]
	pub const LAYOUT_VERSION: u32 = 2;
	/// The most pieces of evidence one case keeps from one source (an oracle or the carrier).
	pub const MAX_EVIDENCE_PER_SOURCE: usize = 4;
	/// The most sources one case keeps evidence from.
	pub const MAX_SOURCES: usize = 4;
	/// The most illegitimate findings of one investigator awaiting the regulator's
	/// acknowledgement at once.
	pub const MAX_AWAITING_PER_INVESTIGATOR: u32 = 16;
	/// The most case numbers one `overdue_cases` call looks at.
	pub const MAX_OVERDUE_SCAN: u64 = 100;
	/// How long after an illegitimate finding the regulator must be notified: 24 hours.
	pub const NOTIFY_WITHIN: Timestamp = 24 * 60 * 60 * 1000;

	/// Where an investigation stands.
	#[derive(Debug, Clone, Copy, PartialEq, Eq)]
	#[ink::scale_derive(Encode, Decode, TypeInfo)]
	pub enum CaseStatus {
		/// Opened by a report; the shipment is held.
		Suspect,
		/// Its custodian confirmed the product is physically quarantined.
		Quarantined,
		/// An investigator is on it.
		Investigating,
		/// Found legitimate (or dismissed as a false alarm): a false positive.
		Cleared,
		/// Found illegitimate: the regulator must acknowledge the notice within 24 hours.
		Illegitimate,
	}

	/// What a piece of evidence came from: a model's score, or the rules.
	#[derive(Debug, Clone, Copy, PartialEq, Eq)]
	#[ink::scale_derive(Encode, Decode, TypeInfo)]
	// The codec derive casts variant indices (two) to u8.
	#[allow(clippy::cast_possible_truncation)]
	pub enum Source {
		/// A registered model scored the shipment at or above its threshold.
		Model {
			/// The model.
			model_id: ModelId,
			/// Its version: the blake2-256 of the model file.
			version: Hash,
			/// The score it gave (0–10 000).
			score: u16,
			/// The model's threshold when it reported.
			threshold: u16,
		},
		/// The carrier's telemetry, or the chain's own signals, broke the rules.
		Rules,
	}

	/// One report's contribution to a case; the first one opened it.
	#[derive(Debug, Clone, PartialEq, Eq)]
	#[ink::scale_derive(Encode, Decode, TypeInfo)]
	pub struct Evidence {
		/// The oracle or carrier that reported it.
		pub reporter: AccountId,
		/// A model's score, or the rules.
		pub source: Source,
		/// The reason codes given, or the rules broken.
		pub reasons: Vec<ReasonCode>,
		/// The hash of the evidence kept off chain (feature vector, logger file).
		pub evidence_hash: Hash,
		/// When it was reported.
		pub at: Timestamp,
	}

	/// The hold on a case's shipment, as the drug-tracking pallet last showed it to the case.
	#[derive(Debug, Clone, Copy, PartialEq, Eq)]
	#[ink::scale_derive(Encode, Decode, TypeInfo)]
	// The codec derive casts variant indices (four) to u8.
	#[allow(clippy::cast_possible_truncation)]
	pub enum CaseHold {
		/// This contract's hold is in force.
		Placed,
		/// Another account (a regulator) holds the shipment: theirs to release, never this
		/// contract's.
		HeldBy(AccountId),
		/// This regulator lifted the contract's hold, and nobody holds the shipment now.
		Lifted(AccountId),
		/// Nobody holds the shipment: the case released its hold, or the holder did.
		NotHeld,
	}

	/// An investigator's conclusion.
	#[derive(Debug, Clone, Copy, PartialEq, Eq)]
	#[ink::scale_derive(Encode, Decode, TypeInfo)]
	pub struct Finding {
		/// When it was concluded.
		pub at: Timestamp,
		/// The hash of the finding.
		pub finding: Hash,
		/// The investigator who concluded.
		pub by: AccountId,
	}

	/// An audit case about one shipment.
	#[derive(Debug, Clone, PartialEq, Eq)]
	#[ink::scale_derive(Encode, Decode, TypeInfo)]
	pub struct Case {
		/// The shipment.
		pub shipment: ShipmentId,
		/// Where the investigation stands.
		pub status: CaseStatus,
		/// The hold on the shipment, as the pallet last showed it to the case.
		pub hold: CaseHold,
		/// The evidence, the report that opened the case first (its `at` is when the case
		/// opened).
		pub evidence: Vec<Evidence>,
		/// The conclusion. An illegitimate one must be acknowledged by the regulator within 24
		/// hours of its time.
		pub finding: Option<Finding>,
		/// When the regulator (or its delegate) acknowledged the notice, and its hash.
		pub notified: Option<(Timestamp, Hash)>,
		/// The first release signer and the resolution they signed.
		pub release_approval: Option<(AccountId, Hash)>,
		/// When the case was released and the resolution signed (the case is closed then).
		pub released: Option<(Timestamp, Hash)>,
	}

	impl Case {
		/// The model that raised the case, if a model did.
		fn model(&self) -> Option<(ModelId, Hash)> {
			match self.evidence.first()?.source {
				Source::Model { model_id, version, .. } => Some((model_id, version)),
				Source::Rules => None,
			}
		}
	}

	/// A registered anomaly model.
	#[derive(Debug, Clone, Copy, PartialEq, Eq)]
	#[ink::scale_derive(Encode, Decode, TypeInfo)]
	pub struct Model {
		/// The version reports must name: the blake2-256 of the model file.
		pub version: Hash,
		/// The blake2-256 of its evaluation figures (precision, recall, confusion matrix).
		pub evaluation: Hash,
		/// Its score threshold (1–10 000): a report at or above it holds the shipment.
		pub threshold: u16,
	}

	/// A model version's record: how many cases it raised, and how they ended.
	#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
	#[ink::scale_derive(Encode, Decode, TypeInfo)]
	pub struct ModelStats {
		/// Cases it opened.
		pub raised: u32,
		/// Of those, found legitimate or dismissed: false positives.
		pub cleared: u32,
		/// Of those, found illegitimate.
		pub confirmed: u32,
	}

	/// The last cleared case a model raised on a shipment: what its cool-down is measured
	/// from (kept per shipment and model, so one model's clearance never ends another's
	/// cool-down).
	#[derive(Debug, Clone, Copy, PartialEq, Eq)]
	#[ink::scale_derive(Encode, Decode, TypeInfo)]
	pub struct Clearance {
		/// The model version whose case was cleared.
		pub version: Hash,
		/// The highest score that version gave in the case.
		pub score: u16,
		/// When the case was released.
		pub at: Timestamp,
	}

	/// The admin's settings.
	#[derive(Debug, Clone, Copy, PartialEq, Eq)]
	#[ink::scale_derive(Encode, Decode, TypeInfo)]
	pub struct Settings {
		/// The deterministic rules.
		pub rules: Rules,
		/// How long (ms) after a model's case is cleared the same model version may not hold
		/// the same shipment again...
		pub cooldown: Timestamp,
		/// ...unless its score is at least this much higher than the highest it gave in that
		/// case (0–10 000).
		pub rescore_margin: u16,
		/// The most unreleased cases one oracle's reports may have opened (at least 1).
		pub max_open_per_oracle: u32,
	}

	/// Changes awaiting their second party.
	#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
	#[ink::scale_derive(Encode, Decode, TypeInfo)]
	pub struct Pending {
		/// The admin proposed, until it accepts.
		pub admin: Option<AccountId>,
		/// The regulator proposed by the admin, until the current regulator accepts.
		pub regulator: Option<AccountId>,
		/// The code hash proposed by the admin, until the regulator accepts.
		pub code: Option<Hash>,
	}

	impl Default for Settings {
		/// Every rule on at its default limit, a 24-hour cool-down with a 1 000-point margin,
		/// at most 32 open cases per oracle.
		fn default() -> Self {
			Settings {
				rules: Rules::default(),
				cooldown: 24 * 60 * 60 * 1000,
				rescore_margin: 1_000,
				max_open_per_oracle: 32,
			}
		}
	}

	packed_leaf!(Case, Model, ModelStats, Clearance, Settings, Pending);

	/// How a stakeholder is concerned by a hold.
	#[derive(Debug, Clone, Copy, PartialEq, Eq)]
	#[ink::scale_derive(Encode, Decode, TypeInfo)]
	pub enum Stakeholder {
		/// It sent the shipment.
		Sender,
		/// It is to receive it.
		Receiver,
		/// It made a batch on it.
		Manufacturer,
		/// It oversees the supply chain.
		Regulator,
	}

	/// What a report led to.
	#[derive(Debug, Clone, Copy, PartialEq, Eq)]
	#[ink::scale_derive(Encode, Decode, TypeInfo)]
	// The codec derive casts variant indices (four) to u8.
	#[allow(clippy::cast_possible_truncation)]
	pub enum Outcome {
		/// Below the model's threshold, or no rule broken: nothing was stored.
		NoAction,
		/// The model's last case on this shipment was cleared within the cool-down and the
		/// score did not rise by the margin: nothing was stored.
		CoolingDown,
		/// The shipment was held and this case opened.
		CaseOpened(CaseId),
		/// The shipment already had this open case; the report was added to it.
		EvidenceAdded(CaseId),
	}

	/// A step of a case after it opened.
	#[derive(Debug, Clone, Copy, PartialEq, Eq)]
	#[ink::scale_derive(Encode, Decode, TypeInfo)]
	// The codec derive casts variant indices (a dozen) to u8.
	#[allow(clippy::cast_possible_truncation)]
	pub enum Step {
		/// The case was opened on a report (its evidence and hold are in `case`).
		Opened,
		/// More evidence was added.
		EvidenceAdded,
		/// New evidence reopened a cleared, unreleased case: it is `Investigating` again.
		Reopened,
		/// This regulator lifted the contract's hold in the pallet; the case took note.
		HoldLifted(AccountId),
		/// New evidence put the contract's hold back (nobody held the shipment).
		Reheld,
		/// The case moved to this status.
		Status(CaseStatus),
		/// The regulator or its delegate acknowledged the notice (its hash).
		NoticeAcknowledged(Hash),
		/// The first signer approved the release (the resolution's hash).
		ReleaseApproved(Hash),
		/// The first signer withdrew its approval.
		ApprovalWithdrawn,
		/// The second signer approved, or an investigator dismissed the case, and it closed;
		/// the contract's hold, if it still had one, was released.
		Released(Hash),
	}

	/// A step of an investigation, taken with `advance_case`.
	#[derive(Debug, Clone, Copy, PartialEq, Eq)]
	#[ink::scale_derive(Encode, Decode, TypeInfo)]
	// The codec derive casts variant indices (a handful) to u8.
	#[allow(clippy::cast_possible_truncation)]
	pub enum CaseStep {
		/// The product is physically quarantined (`Suspect → Quarantined`): an auditor, a
		/// regulator, or the shipment's sender or receiver confirms it.
		ConfirmQuarantine,
		/// An auditor or regulator starts investigating (`Quarantined → Investigating`).
		Investigate,
		/// An auditor or regulator concludes, with the hash of the finding
		/// (`Investigating → Cleared`, a false positive, or `→ Illegitimate`, which the
		/// regulator must acknowledge within 24 hours).
		Conclude {
			/// Whether the product was found legitimate.
			legitimate: bool,
			/// The hash of the finding.
			finding: Hash,
		},
		/// The regulator, or a delegate it appointed, acknowledges the notice of an
		/// illegitimate finding (the hash of the notice).
		AcknowledgeNotice(Hash),
		/// An auditor or regulator approves releasing the hold of a cleared case, or of an
		/// acknowledged illegitimate one, with the hash of the resolution. A second,
		/// different signer approving the same resolution (one of the two an auditor)
		/// releases it.
		ApproveRelease(Hash),
		/// The first signer withdraws its approval before anyone else signs.
		WithdrawApproval,
		/// An auditor or regulator dismisses a `Suspect` case as a false alarm, with the hash
		/// of the reason: it is cleared (a false positive of its model) and released at once.
		Dismiss(Hash),
	}

	/// A change of the admin's settings.
	#[derive(Debug, Clone, Copy, PartialEq, Eq)]
	#[ink::scale_derive(Encode, Decode, TypeInfo)]
	// The codec derive casts variant indices (a handful) to u8.
	#[allow(clippy::cast_possible_truncation)]
	pub enum Change {
		/// An oracle was authorised (`true`) or withdrawn.
		Oracle(AccountId, bool),
		/// A model was registered (or its version replaced), or withdrawn (`None`).
		Model(ModelId, Option<Model>),
		/// The rules, cool-down, margin and per-oracle cap.
		Settings(Settings),
		/// A new admin proposed; it takes over when it accepts.
		ProposeAdmin(AccountId),
		/// A new regulator proposed; it takes over when the current regulator accepts.
		ProposeRegulator(AccountId),
		/// New code proposed (its hash, uploaded already); it replaces this contract's code
		/// when the regulator accepts.
		ProposeCode(Hash),
	}

	/// What a second party accepts with `accept`: it must name what was proposed.
	#[derive(Debug, Clone, Copy, PartialEq, Eq)]
	#[ink::scale_derive(Encode, Decode, TypeInfo)]
	// The codec derive casts variant indices (three) to u8.
	#[allow(clippy::cast_possible_truncation)]
	pub enum Proposal {
		/// The proposed admin takes over (signed by it).
		Admin(AccountId),
		/// The proposed regulator takes over (signed by the current regulator).
		Regulator(AccountId),
		/// The proposed code replaces this contract's (signed by the regulator).
		Code(Hash),
	}

	/// Errors of the contract's messages; each reverts the call.
	#[derive(Debug, Clone, Copy, PartialEq, Eq)]
	#[ink::scale_derive(Encode, Decode, TypeInfo)]
	// The codec derive casts variant indices (a few dozen) to u8.
	#[allow(clippy::cast_possible_truncation)]
	pub enum Error {
		/// Only the admin may do this.
		NotAdmin,
		/// Only the regulator may do this.
		NotTheRegulator,
		/// Only the regulator or a delegate it appointed may acknowledge a notice.
		NotTheRegulatorOrDelegate,
		/// Only an authorised oracle that is an active `AnomalyOracle` participant may report
		/// anomalies (and only such an account can be authorised).
		NotAnOracle,
		/// Only the carrier named on the shipment, while it is an active `Carrier`
		/// participant, may report its telemetry.
		NotTheCarrier,
		/// Only an active auditor or regulator may do this.
		NotAnInvestigator,
		/// Only an investigator or the shipment's sender or receiver may do this.
		NotInvolved,
		/// Only the first release signer may withdraw its approval, before the second signs.
		NotTheSigner,
		/// A score is at most 10 000.
		InvalidScore,
		/// A threshold is 1 to 10 000, a margin at most 10 000, the per-oracle cap at least 1.
		InvalidSettings,
		/// A report gives 1 to 7 reason codes, each once.
		InvalidReasons,
		/// No model is registered under this id with this version.
		UnknownModel,
		/// This oracle's reports have the most cases open that the settings allow.
		TooManyOpenCases,
		/// No such shipment.
		UnknownShipment,
		/// The shipment is no longer in transit: it cannot be held.
		NotInTransit,
		/// No such case.
		UnknownCase,
		/// The case is not at the status this step follows.
		WrongStatus,
		/// The case holds 4 pieces of evidence from this reporter already.
		EvidenceFull,
		/// The case holds evidence from 4 reporters already.
		TooManySources,
		/// This investigator has 16 illegitimate findings awaiting the regulator's
		/// acknowledgement: those first.
		TooManyAwaitingNotice,
		/// An illegitimate case is released only after the regulator acknowledged the notice.
		NotNotified,
		/// The regulator acknowledged the notice already.
		AlreadyNotified,
		/// The release needs a second, different signer.
		SameSigner,
		/// One of the two release signers must be an auditor.
		NeedsAnAuditor,
		/// The second signer signed a different resolution than the first.
		ResolutionMismatch,
		/// The case was released already (a new report opens a fresh case).
		AlreadyReleased,
		/// Nothing like this was proposed.
		NotProposed,
		/// No code with this hash is uploaded.
		CodeNotFound,
		/// The stored data is in a layout this code does not know (newer than this code).
		UnknownLayout,
		/// This contract's account is not a registered `HoldAuthority`, so the runtime
		/// refused to let it place or release holds.
		NotAHoldAuthority,
		/// The drug-tracking pallet refused the hold for a reason this contract cannot act
		/// on (for instance: the contract cannot pay the hold's deposit).
		HoldRefused,
		/// The runtime has no such chain extension function: this contract was built for
		/// another runtime version.
		ExtensionMissing,
		/// The runtime refused the chain extension call's input (too large, or it did not
		/// decode), or answered with an unknown status or an output that did not decode:
		/// this contract and the runtime disagree on the extension.
		ExtensionMismatch,
		/// A number overflowed.
		Overflow,
	}

	// Flat, data-free errors keep the contract small (a nested `ExtensionError` cost ~1 KB
	// of Wasm) and read plainly in polkadot.js.
	impl From<ExtensionError> for Error {
		fn from(error: ExtensionError) -> Self {
			match error {
				ExtensionError::NotAuthorized => Error::NotAHoldAuthority,
				ExtensionError::Refused => Error::HoldRefused,
				ExtensionError::UnknownFunction => Error::ExtensionMissing,
				ExtensionError::InputTooLarge
				| ExtensionError::DecodeFailed
				| ExtensionError::UnknownStatus(_)
				| ExtensionError::BadOutput => Error::ExtensionMismatch,
			}
		}
	}

	/// A hold concerns `to`, as `role`: one event per stakeholder, each its own topic.
	#[ink(event)]
	pub struct HoldNotice {
		#[ink(topic)]
		to: AccountId,
		#[ink(topic)]
		shipment: ShipmentId,
		case: CaseId,
		role: Stakeholder,
	}

	/// A case moved on.
	#[ink(event)]
	pub struct CaseUpdated {
		#[ink(topic)]
		case: CaseId,
		#[ink(topic)]
		shipment: ShipmentId,
		step: Step,
		by: AccountId,
	}

	/// The admin changed a setting or proposed a change.
	#[ink(event)]
	pub struct SettingsChanged {
		change: Change,
	}

	/// A proposal was accepted by its second party and took effect.
	#[ink(event)]
	pub struct ProposalAccepted {
		proposal: Proposal,
		by: AccountId,
	}

	/// The regulator appointed (`true`) or dismissed a delegate who may acknowledge notices.
	#[ink(event)]
	pub struct DelegateChanged {
		#[ink(topic)]
		delegate: AccountId,
		appointed: bool,
	}

	/// The contract's state. The root cell holds only the fields below that are not `Lazy`
	/// or `Mapping`; a later layout adds its data in cells of its own (see `migrate`).
	#[ink(storage)]
	pub struct ShipmentHolds {
		layout_version: u32,
		admin: AccountId,
		regulator: AccountId,
		next_case: CaseId,
		settings: Lazy<Settings>,
		pending: Lazy<Pending>,
		/// Oracles: whether authorised, and how many unreleased cases their reports opened
		/// (kept while an oracle is withdrawn, so re-authorising it does not reset its cap).
		oracles: Mapping<AccountId, (bool, u32)>,
		models: Mapping<ModelId, Model>,
		stats: Mapping<(ModelId, Hash), ModelStats>,
		cases: Mapping<CaseId, Case>,
		open_cases: Mapping<ShipmentId, CaseId>,
		clearances: Mapping<(ShipmentId, ModelId), Clearance>,
		/// Illegitimate cases awaiting acknowledgement, with their deadlines.
		awaiting: Mapping<CaseId, Timestamp>,
		/// How many findings of each investigator await acknowledgement.
		backlog: Mapping<AccountId, u32>,
		delegates: Mapping<AccountId, ()>,
		/// The upgrade test's second layout: a cell the first layout does not have.
		#[cfg(feature = "upgrade-fixture")]
		upgrade_note: Lazy<Hash>,
	}

	impl ShipmentHolds {
		/// Start with `admin` (who configures) and `regulator` (who is notified of every hold
		/// and finding), every rule on at its default limit, a 24-hour cool-down with a
		/// 1 000-point margin, and at most 32 open cases per oracle. No model is registered.
		#[ink(constructor)]
		pub fn new(admin: AccountId, regulator: AccountId) -> Self {
			let mut settings = Lazy::new();
			settings.set(&Settings::default());
			Self {
				layout_version: LAYOUT_VERSION,
				admin,
				regulator,
				next_case: 0,
				settings,
				pending: Lazy::new(),
				oracles: Mapping::default(),
				models: Mapping::default(),
				stats: Mapping::default(),
				cases: Mapping::default(),
				open_cases: Mapping::default(),
				clearances: Mapping::default(),
				awaiting: Mapping::default(),
				backlog: Mapping::default(),
				delegates: Mapping::default(),
				#[cfg(feature = "upgrade-fixture")]
				upgrade_note: Lazy::new(),
			}
		}

		/// Report an anomaly on a shipment in transit, as an authorised oracle: `score`
		/// (0–10 000) from registered model `model_id` at `model_version` (the blake2-256 of
		/// the model file), the hash of the evidence, and 1–7 reason codes. At or above the
		/// model's threshold the shipment is held and a case opened (or, if one is open, the
		/// report added to it), unless the model's cool-down on this shipment applies.
		#[ink(message)]
		pub fn report_anomaly(
			&mut self,
			shipment: ShipmentId,
			score: u16,
			model_id: ModelId,
			model_version: Hash,
			evidence_hash: Hash,
			reason_codes: Vec<ReasonCode>,
		) -> Result<Outcome, Error> {
			let oracle = self.env().caller();
			let (authorised, open) = self.oracles.get(oracle).unwrap_or_default();
			ensure(authorised, Error::NotAnOracle)?;
			ensure(self.has_role(oracle, Role::AnomalyOracle)?, Error::NotAnOracle)?;
			ensure(score <= MAX_SCORE, Error::InvalidScore)?;
			ensure(valid_reasons(&reason_codes), Error::InvalidReasons)?;
			let model = self.models.get(model_id).filter(|m| m.version == model_version);
			let threshold = model.ok_or(Error::UnknownModel)?.threshold;
			// Most reports are below the bar: they cost no read of the shipment.
			if score < threshold {
				return Ok(Outcome::NoAction);
			}
			let summary = self.shipment(shipment)?;
			let now = self.env().block_timestamp();
			let open_case = self.open_cases.get(shipment);
			if open_case.is_none() {
				let settings = self.settings();
				if let Some(last) = self.clearances.get((shipment, model_id)) {
					let cooling = last.version == model_version
						&& now < last.at.saturating_add(settings.cooldown)
						&& score < last.score.saturating_add(settings.rescore_margin);
					if cooling {
						return Ok(Outcome::CoolingDown);
					}
				}
				ensure(open < settings.max_open_per_oracle, Error::TooManyOpenCases)?;
			}
			let source = Source::Model { model_id, version: model_version, score, threshold };
			let evidence = Evidence {
				reporter: oracle,
				source,
				reasons: reason_codes,
				evidence_hash,
				at: now,
			};
			self.act_on(shipment, open_case, &summary, evidence)
		}

		/// Report a shipment's telemetry so far, as its carrier (the one the sender named, while
		/// it is an active `Carrier`). It is checked against the rules together with the
		/// chain's own signals; any rule broken holds the shipment and opens a case (or adds to
		/// the open one).
		#[ink(message)]
		pub fn report_telemetry(
			&mut self,
			shipment: ShipmentId,
			telemetry: Telemetry,
		) -> Result<Outcome, Error> {
			let carrier = self.env().caller();
			let summary = self.shipment(shipment)?;
			ensure(summary.carrier == Some(carrier), Error::NotTheCarrier)?;
			ensure(self.has_role(carrier, Role::Carrier)?, Error::NotTheCarrier)?;
			let now = self.env().block_timestamp();
			let reasons = self.settings().rules.hits(&summary, &telemetry, now);
			if reasons.is_empty() {
				return Ok(Outcome::NoAction);
			}
			let evidence_hash = Hash::from(telemetry.log_hash);
			let evidence = Evidence {
				reporter: carrier,
				source: Source::Rules,
				reasons,
				evidence_hash,
				at: now,
			};
			let open_case = self.open_cases.get(shipment);
			self.act_on(shipment, open_case, &summary, evidence)
		}

		/// Take a case one step further (see `CaseStep` for who may take which step). The
		/// `CaseUpdated` event says where the case stands after it.
		#[ink(message)]
		pub fn advance_case(&mut self, case: CaseId, step: CaseStep) -> Result<(), Error> {
			let by = self.env().caller();
			let now = self.env().block_timestamp();
			let mut record = self.cases.get(case).ok_or(Error::UnknownCase)?;
			ensure(record.released.is_none(), Error::AlreadyReleased)?;
			let (from, done) = match step {
				CaseStep::ConfirmQuarantine => {
					self.ensure_involved(by, record.shipment)?;
					(CaseStatus::Suspect, Step::Status(CaseStatus::Quarantined))
				}
				CaseStep::Investigate => {
					self.investigator(by)?;
					(CaseStatus::Quarantined, Step::Status(CaseStatus::Investigating))
				}
				CaseStep::Conclude { legitimate, finding } => {
					self.investigator(by)?;
					ensure(record.status == CaseStatus::Investigating, Error::WrongStatus)?;
					record.finding = Some(Finding { at: now, finding, by });
					(CaseStatus::Investigating, self.conclude(case, &record, legitimate)?)
				}
				CaseStep::AcknowledgeNotice(notice) => {
					let delegate = self.delegates.contains(by);
					ensure(by == self.regulator || delegate, Error::NotTheRegulatorOrDelegate)?;
					ensure(record.notified.is_none(), Error::AlreadyNotified)?;
					let concluder = record.finding.map(|f| f.by).ok_or(Error::WrongStatus)?;
					record.notified = Some((now, notice));
					self.awaiting.remove(case);
					let waiting = self.backlog.get(concluder).unwrap_or(0);
					self.backlog.insert(concluder, &waiting.saturating_sub(1));
					(CaseStatus::Illegitimate, Step::NoticeAcknowledged(notice))
				}
				CaseStep::ApproveRelease(resolution) => {
					let by_auditor = self.investigator(by)?;
					let from = record.status;
					match from {
						CaseStatus::Cleared => {}
						CaseStatus::Illegitimate => {
							ensure(record.notified.is_some(), Error::NotNotified)?
						}
						_ => return Err(Error::WrongStatus),
					}
					(from, self.approve_release(case, &mut record, by, by_auditor, resolution)?)
				}
				CaseStep::WithdrawApproval => {
					let first = record.release_approval.map(|(first, _)| first);
					ensure(first == Some(by), Error::NotTheSigner)?;
					record.release_approval = None;
					(record.status, Step::ApprovalWithdrawn)
				}
				CaseStep::Dismiss(reason) => {
					self.investigator(by)?;
					ensure(record.status == CaseStatus::Suspect, Error::WrongStatus)?;
					self.conclude(case, &record, true)?;
					record.status = CaseStatus::Cleared;
					record.finding = Some(Finding { at: now, finding: reason, by });
					(CaseStatus::Cleared, self.release(case, &mut record, reason)?)
				}
			};
			ensure(record.status == from, Error::WrongStatus)?;
			if let Step::Status(status) = done {
				record.status = status;
			}
			self.cases.insert(case, &record);
			self.updated(case, record.shipment, done, by);
			Ok(())
		}

		/// Change a setting, as the admin: authorise (`true`) or withdraw an oracle (only an
		/// active `AnomalyOracle` participant can be authorised); register a model (its id,
		/// version hash, evaluation hash and threshold 1–10 000) or withdraw it; set the rules,
		/// cool-down, margin and per-oracle cap; or propose a new admin, a new regulator or new
		/// code, which takes effect when its second party `accept`s.
		#[ink(message)]
		pub fn administer(&mut self, change: Change) -> Result<(), Error> {
			ensure(self.env().caller() == self.admin, Error::NotAdmin)?;
			let mut pending = self.pending.get_or_default();
			match change {
				Change::Oracle(oracle, true) => {
					ensure(self.has_role(oracle, Role::AnomalyOracle)?, Error::NotAnOracle)?;
					let (_, open) = self.oracles.get(oracle).unwrap_or_default();
					self.oracles.insert(oracle, &(true, open));
				}
				Change::Oracle(oracle, false) => {
					if let Some((_, open)) = self.oracles.get(oracle) {
						self.oracles.insert(oracle, &(false, open));
					}
				}
				Change::Model(id, Some(model)) => {
					ensure((1..=MAX_SCORE).contains(&model.threshold), Error::InvalidSettings)?;
					self.models.insert(id, &model);
				}
				Change::Model(id, None) => self.models.remove(id),
				Change::Settings(settings) => {
					let valid =
						settings.rescore_margin <= MAX_SCORE && settings.max_open_per_oracle > 0;
					ensure(valid, Error::InvalidSettings)?;
					self.settings.set(&settings);
				}
				Change::ProposeAdmin(admin) => pending.admin = Some(admin),
				Change::ProposeRegulator(regulator) => pending.regulator = Some(regulator),
				Change::ProposeCode(code) => pending.code = Some(code),
			}
			self.pending.set(&pending);
			self.env().emit_event(SettingsChanged { change });
			Ok(())
		}

		/// Accept what the admin proposed, as its second party: the proposed admin takes over
		/// when it accepts `Admin(itself)`; the current regulator hands over with
		/// `Regulator(new)`, and replaces this contract's code with `Code(hash)` (every case,
		/// model and setting stays; the admin then calls `migrate`).
		#[ink(message)]
		pub fn accept(&mut self, proposal: Proposal) -> Result<(), Error> {
			let by = self.env().caller();
			let mut pending = self.pending.get_or_default();
			let regulator = by == self.regulator;
			match proposal {
				Proposal::Admin(admin) => {
					ensure(pending.admin == Some(admin), Error::NotProposed)?;
					ensure(by == admin, Error::NotProposed)?;
					self.admin = admin;
					pending.admin = None;
				}
				Proposal::Regulator(new) => {
					ensure(pending.regulator == Some(new), Error::NotProposed)?;
					ensure(regulator, Error::NotTheRegulator)?;
					self.regulator = new;
					pending.regulator = None;
				}
				Proposal::Code(code) => {
					ensure(pending.code == Some(code), Error::NotProposed)?;
					ensure(regulator, Error::NotTheRegulator)?;
					pending.code = None;
					self.env().set_code_hash(&code).map_err(|_| Error::CodeNotFound)?;
				}
			}
			self.pending.set(&pending);
			self.env().emit_event(ProposalAccepted { proposal, by });
			Ok(())
		}

		/// Bring the stored data to this code's layout, as the admin, after an upgrade; does
		/// nothing if it is there already. Returns the layout version now in force.
		#[ink(message)]
		pub fn migrate(&mut self) -> Result<u32, Error> {
			ensure(self.env().caller() == self.admin, Error::NotAdmin)?;
			ensure(self.layout_version <= LAYOUT_VERSION, Error::UnknownLayout)?;
			#[cfg(feature = "upgrade-fixture")]
			if self.layout_version == 1 {
				// The second layout's new cell starts as the hash of the first layout's
				// last case number, so the test can see the migration ran once.
				let mut note = [0u8; 32];
				note[..8].copy_from_slice(&self.next_case.to_le_bytes());
				self.upgrade_note.set(&Hash::from(note));
			}
			self.layout_version = LAYOUT_VERSION;
			Ok(LAYOUT_VERSION)
		}

		/// Appoint (`true`) or dismiss a delegate who may acknowledge notices, as the regulator.
		#[ink(message)]
		pub fn delegate(&mut self, delegate: AccountId, appointed: bool) -> Result<(), Error> {
			ensure(self.env().caller() == self.regulator, Error::NotTheRegulator)?;
			if appointed {
				self.delegates.insert(delegate, &());
			} else {
				self.delegates.remove(delegate);
			}
			self.env().emit_event(DelegateChanged { delegate, appointed });
			Ok(())
		}

		/// The admin, the regulator, the settings in force, what awaits a second party, and the
		/// storage layout version.
		#[ink(message)]
		pub fn config(&self) -> (AccountId, AccountId, Settings, Pending, u32) {
			let pending = self.pending.get_or_default();
			(self.admin, self.regulator, self.settings(), pending, self.layout_version)
		}

		/// The model registered under `model_id`, if any.
		#[ink(message)]
		pub fn model(&self, model_id: ModelId) -> Option<Model> {
			self.models.get(model_id)
		}

		/// How many cases a model version raised, and how many were cleared (false positives)
		/// or confirmed.
		#[ink(message)]
		pub fn model_stats(&self, model_id: ModelId, version: Hash) -> ModelStats {
			self.stats.get((model_id, version)).unwrap_or_default()
		}

		/// A case, with all its evidence.
		#[ink(message)]
		pub fn case(&self, case: CaseId) -> Option<Case> {
			self.cases.get(case)
		}

		/// The open (unreleased) case of a shipment, if any.
		#[ink(message)]
		pub fn open_case(&self, shipment: ShipmentId) -> Option<CaseId> {
			self.open_cases.get(shipment)
		}

		/// The last cleared case of a model on a shipment: what its cool-down counts from.
		#[ink(message)]
		pub fn clearance(&self, shipment: ShipmentId, model_id: ModelId) -> Option<Clearance> {
			self.clearances.get((shipment, model_id))
		}

		/// Illegitimate cases whose 24-hour deadline has passed without an acknowledged
		/// notice, with their deadlines, among cases `from` to `from + 99`; and the case
		/// number to ask from next, if there are cases after those.
		#[ink(message)]
		pub fn overdue_cases(&self, from: CaseId) -> (Vec<(CaseId, Timestamp)>, Option<CaseId>) {
			let now = self.env().block_timestamp();
			let end = from.saturating_add(MAX_OVERDUE_SCAN).min(self.next_case);
			let late = (from..end)
				.filter_map(|case| Some((case, self.awaiting.get(case)?)))
				.filter(|(_, deadline)| *deadline < now)
				.collect();
			(late, (end < self.next_case).then_some(end))
		}

		/// The layout's second version's cell (the upgrade test reads it).
		#[cfg(feature = "upgrade-fixture")]
		#[ink(message)]
		pub fn upgrade_note(&self) -> Option<Hash> {
			self.upgrade_note.get()
		}

		/// Hold the shipment and open a case with `evidence`, or add it to `open_case`, the
		/// shipment's open case (read once by the caller).
		fn act_on(
			&mut self,
			shipment: ShipmentId,
			open_case: Option<CaseId>,
			summary: &Shipment,
			evidence: Evidence,
		) -> Result<Outcome, Error> {
			let by = evidence.reporter;
			if let Some(case) = open_case {
				let mut record = self.cases.get(case).ok_or(Error::UnknownCase)?;
				add_evidence(&mut record.evidence, evidence)?;
				self.sync_hold(case, &mut record)?;
				if matches!(record.hold, CaseHold::NotHeld | CaseHold::Lifted(_))
					&& summary.state == ShipmentState::InTransit
				{
					self.place_hold(&mut record)?;
					self.updated(case, shipment, Step::Reheld, by);
					self.notify(case, shipment, summary);
				}
				let reopen = record.status == CaseStatus::Cleared;
				if reopen {
					// The finding was made without this evidence: investigate again, and the
					// model's false positive is not one (yet).
					self.count(&record, |stats| &mut stats.cleared, false)?;
					record.status = CaseStatus::Investigating;
					record.finding = None;
					record.release_approval = None;
				}
				self.cases.insert(case, &record);
				self.updated(case, shipment, Step::EvidenceAdded, by);
				if reopen {
					self.updated(case, shipment, Step::Reopened, by);
				}
				return Ok(Outcome::EvidenceAdded(case));
			}
			ensure(summary.state == ShipmentState::InTransit, Error::NotInTransit)?;
			let case = self.next_case;
			self.next_case = case.checked_add(1).ok_or(Error::Overflow)?;
			let mut record = Case {
				shipment,
				status: CaseStatus::Suspect,
				hold: CaseHold::NotHeld,
				evidence: ink::prelude::vec![evidence],
				finding: None,
				notified: None,
				release_approval: None,
				released: None,
			};
			self.sync_hold(case, &mut record)?;
			if record.hold != CaseHold::Placed && !matches!(record.hold, CaseHold::HeldBy(_)) {
				self.place_hold(&mut record)?;
			}
			self.count(&record, |stats| &mut stats.raised, true)?;
			if record.model().is_some() {
				self.count_open(by, true)?;
			}
			self.cases.insert(case, &record);
			self.open_cases.insert(shipment, &case);
			self.updated(case, shipment, Step::Opened, by);
			self.notify(case, shipment, summary);
			Ok(Outcome::CaseOpened(case))
		}

		/// Read the hold on the case's shipment from the pallet and bring the case's record in
		/// line. A regulator's override of this contract's hold is recorded (`HoldLifted`) and
		/// noted in the pallet (which returns the regulator's deposit and never lifts anyone
		/// else's hold).
		fn sync_hold(&mut self, case: CaseId, record: &mut Case) -> Result<(), Error> {
			let subject = HoldSubject::Shipment(record.shipment);
			let view = self.env().extension().hold(subject)?;
			let me = self.env().account_id();
			record.hold = match view.hold {
				Some(hold) if hold.by == me => CaseHold::Placed,
				Some(hold) => CaseHold::HeldBy(hold.by),
				// An override noted earlier stays on the record until the case holds again.
				None => match record.hold {
					CaseHold::Lifted(by) => CaseHold::Lifted(by),
					_ => CaseHold::NotHeld,
				},
			};
			if let Some((regulator, _)) = view.overridden {
				if record.hold != CaseHold::Placed {
					// Taking note: the pallet lifts nothing that is not this contract's.
					let note = ReleaseHold { subject, resolution: [0; 32] };
					self.env().extension().release_hold(note)?.map_err(|_| Error::HoldRefused)?;
				}
				if record.hold == CaseHold::NotHeld {
					record.hold = CaseHold::Lifted(regulator);
				}
				self.updated(case, record.shipment, Step::HoldLifted(regulator), regulator);
			}
			Ok(())
		}

		/// Hold the case's shipment in this contract's name; the hold's reason is the latest
		/// evidence.
		fn place_hold(&mut self, record: &mut Case) -> Result<(), Error> {
			let reason = record.evidence.last().map(|e| e.evidence_hash).unwrap_or_default();
			let subject = HoldSubject::Shipment(record.shipment);
			let hold = PlaceHold { subject, reason: reason.into() };
			match self.env().extension().place_hold(hold)? {
				Ok(()) => record.hold = CaseHold::Placed,
				Err(HoldRefusal::NotInTransit) => return Err(Error::NotInTransit),
				Err(_) => return Err(Error::HoldRefused),
			}
			Ok(())
		}

		/// One `HoldNotice` per stakeholder: sender, receiver, each manufacturer once, the
		/// regulator.
		fn notify(&self, case: CaseId, shipment: ShipmentId, summary: &Shipment) {
			let mut manufacturers: Vec<AccountId> = Vec::new();
			for line in &summary.lines {
				if !manufacturers.contains(&line.manufacturer) {
					manufacturers.push(line.manufacturer);
				}
			}
			let stakeholders = [
				(summary.sender, Stakeholder::Sender),
				(summary.receiver, Stakeholder::Receiver),
				(self.regulator, Stakeholder::Regulator),
			]
			.into_iter()
			.chain(manufacturers.into_iter().map(|m| (m, Stakeholder::Manufacturer)));
			for (to, role) in stakeholders {
				self.env().emit_event(HoldNotice { to, shipment, case, role });
			}
		}

		/// Record a finding's consequences: the model's record, and for an illegitimate
		/// finding the 24-hour deadline and the concluder's backlog. Returns the step taken.
		fn conclude(
			&mut self,
			case: CaseId,
			record: &Case,
			legitimate: bool,
		) -> Result<Step, Error> {
			let status = if legitimate {
				self.count(record, |stats| &mut stats.cleared, true)?;
				CaseStatus::Cleared
			} else {
				let by = record.finding.map(|f| f.by).ok_or(Error::WrongStatus)?;
				let waiting = self.backlog.get(by).unwrap_or(0);
				ensure(waiting < MAX_AWAITING_PER_INVESTIGATOR, Error::TooManyAwaitingNotice)?;
				let now = self.env().block_timestamp();
				let deadline = now.checked_add(NOTIFY_WITHIN).ok_or(Error::Overflow)?;
				self.awaiting.insert(case, &deadline);
				self.backlog.insert(by, &waiting.saturating_add(1));
				self.count(record, |stats| &mut stats.confirmed, true)?;
				CaseStatus::Illegitimate
			};
			Ok(Step::Status(status))
		}

		/// The first approval is recorded; a second, by another signer for the same
		/// resolution, one of the two an auditor, releases the case. Returns the step taken.
		fn approve_release(
			&mut self,
			case: CaseId,
			record: &mut Case,
			by: AccountId,
			by_auditor: bool,
			resolution: Hash,
		) -> Result<Step, Error> {
			let Some((first, signed)) = record.release_approval else {
				record.release_approval = Some((by, resolution));
				return Ok(Step::ReleaseApproved(resolution));
			};
			ensure(first != by, Error::SameSigner)?;
			ensure(signed == resolution, Error::ResolutionMismatch)?;
			ensure(by_auditor || self.has_role(first, Role::Auditor)?, Error::NeedsAnAuditor)?;
			self.release(case, record, resolution)
		}

		/// Close the case: release the contract's hold if it still holds the shipment (never
		/// anyone else's), free a place under its oracle's cap, and start its model's cool-down
		/// if it was cleared.
		fn release(
			&mut self,
			case: CaseId,
			record: &mut Case,
			resolution: Hash,
		) -> Result<Step, Error> {
			self.sync_hold(case, record)?;
			if record.hold == CaseHold::Placed {
				let subject = HoldSubject::Shipment(record.shipment);
				let release = ReleaseHold { subject, resolution: resolution.into() };
				self.env().extension().release_hold(release)?.map_err(|_| Error::HoldRefused)?;
				record.hold = CaseHold::NotHeld;
			}
			let now = self.env().block_timestamp();
			record.released = Some((now, resolution));
			self.open_cases.remove(record.shipment);
			if let Some(model) = record.model() {
				if let Some(opener) = record.evidence.first().map(|e| e.reporter) {
					self.count_open(opener, false)?;
				}
				if record.status == CaseStatus::Cleared {
					let score = record
						.evidence
						.iter()
						.filter_map(|e| match e.source {
							Source::Model { model_id, version, score, .. }
								if (model_id, version) == model =>
							{
								Some(score)
							}
							_ => None,
						})
						.max()
						.unwrap_or(0);
					let (model_id, version) = model;
					let clearance = Clearance { version, score, at: now };
					self.clearances.insert((record.shipment, model_id), &clearance);
				}
			}
			Ok(Step::Released(resolution))
		}

		/// Count one more (`up`) or one fewer of a case's outcome for the model that raised it.
		fn count(
			&mut self,
			record: &Case,
			field: fn(&mut ModelStats) -> &mut u32,
			up: bool,
		) -> Result<(), Error> {
			let Some(model) = record.model() else { return Ok(()) };
			let mut stats = self.stats.get(model).unwrap_or_default();
			let count = field(&mut stats);
			*count = if up {
				count.checked_add(1).ok_or(Error::Overflow)?
			} else {
				count.saturating_sub(1)
			};
			self.stats.insert(model, &stats);
			Ok(())
		}

		/// One more (`up`) or one fewer open case opened by `oracle`'s reports.
		fn count_open(&mut self, oracle: AccountId, up: bool) -> Result<(), Error> {
			let Some((authorised, open)) = self.oracles.get(oracle) else { return Ok(()) };
			let open = if up {
				open.checked_add(1).ok_or(Error::Overflow)?
			} else {
				open.saturating_sub(1)
			};
			self.oracles.insert(oracle, &(authorised, open));
			Ok(())
		}

		/// `by` is an investigator, or the shipment's sender or receiver.
		fn ensure_involved(&self, by: AccountId, shipment: ShipmentId) -> Result<(), Error> {
			if self.investigator(by).is_ok() {
				return Ok(());
			}
			let summary = self.shipment(shipment)?;
			ensure(by == summary.sender || by == summary.receiver, Error::NotInvolved)
		}

		fn updated(&self, case: CaseId, shipment: ShipmentId, step: Step, by: AccountId) {
			self.env().emit_event(CaseUpdated { case, shipment, step, by });
		}

		fn settings(&self) -> Settings {
			// Set by the constructor and only ever replaced: never empty.
			self.settings.get_or_default()
		}

		fn shipment(&self, id: ShipmentId) -> Result<Shipment, Error> {
			self.env().extension().shipment(id)?.ok_or(Error::UnknownShipment)
		}

		fn has_role(&self, who: AccountId, role: Role) -> Result<bool, Error> {
			Ok(self.env().extension().has_role(HasRole { who: *who.as_ref(), role })?)
		}

		/// Whether `who` is an auditor (`true`) or a regulator (`false`); neither is an error.
		fn investigator(&self, who: AccountId) -> Result<bool, Error> {
			if self.has_role(who, Role::Auditor)? {
				return Ok(true);
			}
			ensure(self.has_role(who, Role::Regulator)?, Error::NotAnInvestigator)?;
			Ok(false)
		}
	}

	/// Add `evidence` to a case's, within the bounds: at most 4 pieces from each reporter, at
	/// most 4 reporters.
	fn add_evidence(kept: &mut Vec<Evidence>, evidence: Evidence) -> Result<(), Error> {
		let from = |who: AccountId| kept.iter().filter(|e| e.reporter == who).count();
		let mine = from(evidence.reporter);
		ensure(mine < MAX_EVIDENCE_PER_SOURCE, Error::EvidenceFull)?;
		if mine == 0 {
			let mut sources: Vec<AccountId> = Vec::new();
			for e in kept.iter() {
				if !sources.contains(&e.reporter) {
					sources.push(e.reporter);
				}
			}
			ensure(sources.len() < MAX_SOURCES, Error::TooManySources)?;
		}
		kept.push(evidence);
		Ok(())
	}

	/// 1 to 7 reason codes, each once.
	fn valid_reasons(codes: &[ReasonCode]) -> bool {
		!codes.is_empty()
			&& codes.len() <= REASON_CODES
			&& codes.iter().enumerate().all(|(i, code)| !codes[..i].contains(code))
	}

	#[cfg(test)]
	mod tests {
		use super::*;

		#[test]
		fn reports_name_each_reason_once() {
			use ReasonCode::*;
			assert!(valid_reasons(&[CloneScan]));
			assert!(valid_reasons(&[
				TemperatureExcursion,
				TransitDelay,
				RouteDeviation,
				CustodyPattern,
				QuantityGap,
				CloneScan,
				RecalledInTransit
			]));
			assert!(!valid_reasons(&[]));
			assert!(!valid_reasons(&[QuantityGap, CloneScan, QuantityGap]));
		}

		fn piece(reporter: u8) -> Evidence {
			Evidence {
				reporter: AccountId::from([reporter; 32]),
				source: Source::Rules,
				reasons: ink::prelude::vec![ReasonCode::TemperatureExcursion],
				evidence_hash: Hash::from([reporter; 32]),
				at: 0,
			}
		}

		#[test]
		fn evidence_is_bounded_per_source_so_one_reporter_cannot_crowd_out_the_others() {
			let mut kept = Vec::new();
			for _ in 0..MAX_EVIDENCE_PER_SOURCE {
				assert_eq!(add_evidence(&mut kept, piece(1)), Ok(()));
			}
			// The carrier's fifth trivial hit is refused...
			assert_eq!(add_evidence(&mut kept, piece(1)), Err(Error::EvidenceFull));
			// ...and an oracle still has room.
			assert_eq!(add_evidence(&mut kept, piece(2)), Ok(()));
			assert_eq!(add_evidence(&mut kept, piece(3)), Ok(()));
			assert_eq!(add_evidence(&mut kept, piece(4)), Ok(()));
			// At most four sources.
			assert_eq!(add_evidence(&mut kept, piece(5)), Err(Error::TooManySources));
			assert_eq!(add_evidence(&mut kept, piece(2)), Ok(()));
			assert_eq!(kept.len(), MAX_EVIDENCE_PER_SOURCE + 4);
		}
	}
}
