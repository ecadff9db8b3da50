//! # Shipment holds
//!
//! Anomaly-triggered holds on drug shipments, with a DSCSA-shaped investigation.
//!
//! ## Roles
//! - The **admin** (a multisig or regulator account given at instantiation) authorises
//!   anomaly oracles, sets a score threshold per risk category and the deterministic rules.
//! - **Oracles** (authorised here *and* active `AnomalyOracle` participants) report
//!   anomalies: a score (0–10 000), the model id and version, an evidence hash and reason
//!   codes. The shipment's named **carrier** reports telemetry, checked against the rules
//!   together with the chain's own signals (suspect clone packs, recalled batches).
//! - **Investigators** (active `Auditor` or `Regulator` participants) take a case through
//!   its lifecycle; the shipment's sender or receiver may also confirm the quarantine and
//!   record the regulator notification.
//! - A **release** needs two different investigators, at least one of them an auditor.
//!
//! ## What happens on a report
//! At or above the threshold in force (the lowest threshold among the report's reasons'
//! categories), or on any rule hit, the contract, **in the same call**, places a hold on
//! the shipment through MedChain's chain extension (the runtime lets it only because its
//! account is a registered `HoldAuthority`; the hold's reason is the report's evidence
//! hash), opens a case (`CaseUpdated` with `Opened`), and emits a `HoldNotice` to each
//! stakeholder (sender, receiver, every manufacturer on the shipment, the regulator) with
//! the stakeholder as a topic, so each can subscribe to its own. A report for a shipment
//! with an open case adds evidence to it, never a second hold. Below the threshold nothing
//! is stored.
//!
//! ## Invariants
//! - A shipment has at most one open (unreleased) case; every case keeps the evidence that
//!   opened it (model id, version, score, threshold in force, evidence hash, reason codes, or
//!   the rules broken) and at most 8 pieces in all, so each hold explains itself.
//! - Case lifecycle: `Suspect → Quarantined → Investigating → Cleared | Illegitimate`, one
//!   step at a time. An illegitimate finding must be notified to the regulator within 24
//!   hours: the deadline is stored, `overdue_cases` lists the late ones (at most 32 findings
//!   await notification at once), and an illegitimate case is released only once notified.
//! - Cleared cases count as false positives of the model that raised them, illegitimate ones
//!   as confirmed (`model_stats`).
//! - No health data is stored: accounts, codes, times and hashes only.
//!
//! ## Errors
//! Messages return `Result<_, Error>`; an `Err` reverts the whole call, the hold with it.
//! A report below the threshold, or telemetry breaking no rule, is not an error: it answers
//! `Ok(Outcome::NoAction)`.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

#[ink::contract(env = medchain_ink::MedChainEnvironment)]
pub mod shipment_holds {
	use ink::{prelude::vec::Vec, storage::Mapping};
	use medchain_ink::{
		ensure, packed_leaf, ExtensionError, HasRole, HoldRefusal, HoldSubject, PlaceHold,
		ReasonCode, ReleaseHold, Role, Rules, Shipment, ShipmentId, ShipmentState, Telemetry,
		MAX_SCORE, REASON_CODES, RISK_CATEGORIES,
	};

	/// A case's number.
	pub type CaseId = u64;

	/// The most pieces of evidence one case keeps.
	pub const MAX_EVIDENCE: usize = 8;
	/// The most illegitimate findings awaiting notification at once.
	pub const MAX_AWAITING_NOTICE: usize = 32;
	/// How long after an illegitimate finding the regulator must be notified: 24 hours.
	pub const NOTIFY_WITHIN: Timestamp = 24 * 60 * 60 * 1000;
	/// The threshold every category starts with (scores are in basis points).
	pub const DEFAULT_THRESHOLD: u16 = 8_000;

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
		/// Found legitimate: a false positive of whatever raised it.
		Cleared,
		/// Found illegitimate: the regulator must be notified within 24 hours.
		Illegitimate,
	}

	/// What opened a case: a model whose score reached the threshold, or the rules.
	#[derive(Debug, Clone, Copy, PartialEq, Eq)]
	#[ink::scale_derive(Encode, Decode, TypeInfo)]
	// The codec derive casts variant indices (two) to u8.
	#[allow(clippy::cast_possible_truncation)]
	pub enum Source {
		/// An oracle's model scored the shipment at or above the threshold in force.
		Model {
			/// The model.
			model_id: u32,
			/// Its version.
			model_version: u32,
			/// The score it gave (0–10 000).
			score: u16,
			/// The threshold in force when it reported.
			threshold: u16,
		},
		/// The carrier's telemetry, or the chain's own signals, broke the rules.
		Rules,
	}

	/// One report's contribution to a case: the first one opened it (the case's `raised_by`
	/// says whether a model or the rules did); later ones are further reports, from an
	/// oracle or the carrier, on the still-open case.
	#[derive(Debug, Clone, PartialEq, Eq)]
	#[ink::scale_derive(Encode, Decode, TypeInfo)]
	pub struct Evidence {
		/// The oracle or carrier that reported it.
		pub reporter: AccountId,
		/// The reason codes given, or the rules broken.
		pub reasons: Vec<ReasonCode>,
		/// The hash of the evidence kept off chain (feature vector, logger file).
		pub evidence_hash: Hash,
		/// When it was reported.
		pub at: Timestamp,
	}

	/// An audit case about one shipment.
	#[derive(Debug, Clone, PartialEq, Eq)]
	#[ink::scale_derive(Encode, Decode, TypeInfo)]
	pub struct Case {
		/// The shipment.
		pub shipment: ShipmentId,
		/// Where the investigation stands.
		pub status: CaseStatus,
		/// Whether this contract placed the hold (false if the shipment was held already,
		/// by a regulator: then that hold is theirs to release).
		pub hold_placed: bool,
		/// What opened it: a model's score (with the threshold in force then), or the rules.
		pub raised_by: Source,
		/// The evidence, the report that opened the case first (its `at` is when the case
		/// opened).
		pub evidence: Vec<Evidence>,
		/// When the case was concluded and the hash of the finding. An illegitimate finding
		/// must be notified to the regulator within 24 hours of this time.
		pub finding: Option<(Timestamp, Hash)>,
		/// When the regulator was notified, and the hash of the notice.
		pub notified: Option<(Timestamp, Hash)>,
		/// The first release signer and the resolution they signed.
		pub release_approval: Option<(AccountId, Hash)>,
		/// When the hold was released and the resolution signed (the case is closed then).
		pub released: Option<(Timestamp, Hash)>,
	}

	/// A model's record: how many cases it raised, and how they ended.
	#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
	#[ink::scale_derive(Encode, Decode, TypeInfo)]
	pub struct ModelStats {
		/// Cases it opened.
		pub raised: u32,
		/// Of those, found legitimate: false positives.
		pub cleared: u32,
		/// Of those, found illegitimate.
		pub confirmed: u32,
	}

	/// The admin's settings: a threshold per risk category and the rules.
	#[derive(Debug, Clone, Copy, PartialEq, Eq)]
	#[ink::scale_derive(Encode, Decode, TypeInfo)]
	pub struct Settings {
		/// Score thresholds, indexed by `RiskCategory` (ColdChain, Diversion, Skimming,
		/// Counterfeit, Compliance).
		pub thresholds: [u16; RISK_CATEGORIES],
		/// The deterministic rules.
		pub rules: Rules,
	}

	packed_leaf!(Case, ModelStats, Settings);

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
	// The codec derive casts variant indices (three) to u8.
	#[allow(clippy::cast_possible_truncation)]
	pub enum Outcome {
		/// Below the threshold, or no rule broken: nothing was stored.
		NoAction,
		/// The shipment was held and this case opened.
		CaseOpened(CaseId),
		/// The shipment already had this open case; the report was added to it.
		EvidenceAdded(CaseId),
	}

	/// A step of a case after it opened.
	#[derive(Debug, Clone, Copy, PartialEq, Eq)]
	#[ink::scale_derive(Encode, Decode, TypeInfo)]
	// The codec derive casts variant indices (a handful) to u8.
	#[allow(clippy::cast_possible_truncation)]
	pub enum Step {
		/// The case was opened on a report (its evidence is in `case`, and whether this
		/// contract placed the hold or found the shipment held already).
		Opened,
		/// More evidence was added.
		EvidenceAdded,
		/// The case moved to this status.
		Status(CaseStatus),
		/// The regulator notification was recorded (the notice's hash).
		RegulatorNotified(Hash),
		/// The first signer approved the release (the resolution's hash).
		ReleaseApproved(Hash),
		/// The second signer approved and the hold was released.
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
		/// (`Investigating → Cleared`, a false positive, or `→ Illegitimate`, which must be
		/// notified to the regulator within 24 hours).
		Conclude {
			/// Whether the product was found legitimate.
			legitimate: bool,
			/// The hash of the finding.
			finding: Hash,
		},
		/// The regulator was notified of an illegitimate finding (the hash of the notice):
		/// recorded by an auditor, a regulator, or the shipment's sender or receiver.
		RecordNotification(Hash),
		/// An auditor or regulator approves releasing the hold of a cleared case, or of a
		/// notified illegitimate one, with the hash of the resolution. A second, different
		/// signer approving the same resolution (one of the two an auditor) releases it.
		ApproveRelease(Hash),
	}

	/// A change of the admin's settings.
	#[derive(Debug, Clone, Copy, PartialEq, Eq)]
	#[ink::scale_derive(Encode, Decode, TypeInfo)]
	// The codec derive casts variant indices (a handful) to u8.
	#[allow(clippy::cast_possible_truncation)]
	pub enum Change {
		/// An oracle was authorised (`true`) or withdrawn.
		Oracle(AccountId, bool),
		/// The thresholds and rules.
		Settings(Settings),
		/// The admin.
		Admin(AccountId),
	}

	/// Errors of the contract's messages; each reverts the call.
	#[derive(Debug, Clone, Copy, PartialEq, Eq)]
	#[ink::scale_derive(Encode, Decode, TypeInfo)]
	// The codec derive casts variant indices (a few dozen) to u8.
	#[allow(clippy::cast_possible_truncation)]
	pub enum Error {
		/// Only the admin may do this.
		NotAdmin,
		/// Only an authorised oracle that is an active `AnomalyOracle` participant may report
		/// anomalies (and only such an account can be authorised).
		NotAnOracle,
		/// Only the carrier named on the shipment may report its telemetry.
		NotTheCarrier,
		/// Only an active auditor or regulator may do this.
		NotAnInvestigator,
		/// Only an investigator or the shipment's sender or receiver may do this.
		NotInvolved,
		/// A score is at most 10 000.
		InvalidScore,
		/// A threshold is 1 to 10 000.
		InvalidThreshold,
		/// A report gives 1 to 7 reason codes, each once.
		InvalidReasons,
		/// No such shipment.
		UnknownShipment,
		/// The shipment is no longer in transit: it cannot be held.
		NotInTransit,
		/// No such case.
		UnknownCase,
		/// The case is not at the status this step follows.
		WrongStatus,
		/// The case holds 8 pieces of evidence already.
		EvidenceFull,
		/// 32 illegitimate findings await notification: record those notices first.
		TooManyAwaitingNotice,
		/// An illegitimate case is released only after the regulator was notified.
		NotNotified,
		/// The regulator was notified already.
		AlreadyNotified,
		/// The release needs a second, different signer.
		SameSigner,
		/// One of the two release signers must be an auditor.
		NeedsAnAuditor,
		/// The second signer signed a different resolution than the first.
		ResolutionMismatch,
		/// The hold was released already.
		AlreadyReleased,
		/// This contract's account is not a registered `HoldAuthority`, so the runtime
		/// refused to let it place or release holds.
		NotAHoldAuthority,
		/// The drug-tracking pallet refused for a reason this contract does not expect.
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

	/// The admin changed a setting.
	#[ink(event)]
	pub struct SettingsChanged {
		change: Change,
	}

	/// The contract's state.
	#[ink(storage)]
	pub struct ShipmentHolds {
		admin: AccountId,
		regulator: AccountId,
		settings: Settings,
		oracles: Mapping<AccountId, ()>,
		cases: Mapping<CaseId, Case>,
		next_case: CaseId,
		open_cases: Mapping<ShipmentId, CaseId>,
		models: Mapping<u32, ModelStats>,
		/// Illegitimate cases not yet notified, with their deadlines.
		awaiting_notice: Vec<(CaseId, Timestamp)>,
	}

	impl ShipmentHolds {
		/// Start with `admin` (who configures) and `regulator` (who is notified of every hold
		/// and finding), every threshold at 8 000 and every rule on at its default limit.
		#[ink(constructor)]
		pub fn new(admin: AccountId, regulator: AccountId) -> Self {
			Self {
				admin,
				regulator,
				settings: Settings {
					thresholds: [DEFAULT_THRESHOLD; RISK_CATEGORIES],
					rules: Rules::default(),
				},
				oracles: Mapping::default(),
				cases: Mapping::default(),
				next_case: 0,
				open_cases: Mapping::default(),
				models: Mapping::default(),
				awaiting_notice: Vec::new(),
			}
		}

		/// Report an anomaly on a shipment in transit, as an authorised oracle: `score`
		/// (0–10 000) from model `model_id` version `model_version`, the hash of the
		/// evidence, and 1–7 reason codes. At or above the threshold in force the shipment
		/// is held and a case opened (or, if one is open, the report added to it).
		#[ink(message)]
		pub fn report_anomaly(
			&mut self,
			shipment: ShipmentId,
			score: u16,
			model_id: u32,
			model_version: u32,
			evidence_hash: Hash,
			reason_codes: Vec<ReasonCode>,
		) -> Result<Outcome, Error> {
			let oracle = self.env().caller();
			ensure(self.oracles.contains(oracle), Error::NotAnOracle)?;
			ensure(self.has_role(oracle, Role::AnomalyOracle)?, Error::NotAnOracle)?;
			ensure(score <= MAX_SCORE, Error::InvalidScore)?;
			ensure(valid_reasons(&reason_codes), Error::InvalidReasons)?;
			let summary = self.shipment(shipment)?;
			let threshold = reason_codes
				.iter()
				.filter_map(|code| self.settings.thresholds.get(code.category() as usize))
				.copied()
				.min()
				.unwrap_or(MAX_SCORE);
			if score < threshold {
				return Ok(Outcome::NoAction);
			}
			let source = Source::Model { model_id, model_version, score, threshold };
			let evidence = Evidence {
				reporter: oracle,
				reasons: reason_codes,
				evidence_hash,
				at: self.env().block_timestamp(),
			};
			self.act_on(shipment, &summary, evidence, source)
		}

		/// Report a shipment's telemetry so far, as its carrier. It is checked against the
		/// rules together with the chain's own signals; any rule broken holds the shipment
		/// and opens a case (or adds to the open one).
		#[ink(message)]
		pub fn report_telemetry(
			&mut self,
			shipment: ShipmentId,
			telemetry: Telemetry,
		) -> Result<Outcome, Error> {
			let carrier = self.env().caller();
			let summary = self.shipment(shipment)?;
			ensure(summary.carrier == Some(carrier), Error::NotTheCarrier)?;
			let now = self.env().block_timestamp();
			let hits = self.settings.rules.hits(&summary, &telemetry, now);
			if hits.is_empty() {
				return Ok(Outcome::NoAction);
			}
			let evidence = Evidence {
				reporter: carrier,
				reasons: hits,
				evidence_hash: Hash::from(telemetry.log_hash),
				at: now,
			};
			self.act_on(shipment, &summary, evidence, Source::Rules)
		}

		/// Take a case one step further (see `CaseStep` for who may take which step). The
		/// `CaseUpdated` event says where the case stands after it.
		#[ink(message)]
		pub fn advance_case(&mut self, case: CaseId, step: CaseStep) -> Result<(), Error> {
			let by = self.env().caller();
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
					record.finding = Some((self.env().block_timestamp(), finding));
					(CaseStatus::Investigating, self.conclude(case, &mut record, legitimate)?)
				}
				CaseStep::RecordNotification(notice) => {
					ensure(record.status == CaseStatus::Illegitimate, Error::WrongStatus)?;
					self.ensure_involved(by, record.shipment)?;
					ensure(record.notified.is_none(), Error::AlreadyNotified)?;
					record.notified = Some((self.env().block_timestamp(), notice));
					self.awaiting_notice.retain(|(waiting, _)| *waiting != case);
					(CaseStatus::Illegitimate, Step::RegulatorNotified(notice))
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
					(from, self.approve_release(&mut record, by, by_auditor, resolution)?)
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
		/// active `AnomalyOracle` participant can be authorised); set the score thresholds
		/// (1–10 000 each, by risk category: ColdChain, Diversion, Skimming, Counterfeit,
		/// Compliance) and the deterministic rules; or hand the admin role to another
		/// account (a multisig, say).
		#[ink(message)]
		pub fn administer(&mut self, change: Change) -> Result<(), Error> {
			ensure(self.env().caller() == self.admin, Error::NotAdmin)?;
			match change {
				Change::Oracle(oracle, true) => {
					ensure(self.has_role(oracle, Role::AnomalyOracle)?, Error::NotAnOracle)?;
					self.oracles.insert(oracle, &());
				}
				Change::Oracle(oracle, false) => self.oracles.remove(oracle),
				Change::Settings(settings) => {
					let valid = settings.thresholds.iter().all(|t| (1..=MAX_SCORE).contains(t));
					ensure(valid, Error::InvalidThreshold)?;
					self.settings = settings;
				}
				Change::Admin(admin) => self.admin = admin,
			}
			self.env().emit_event(SettingsChanged { change });
			Ok(())
		}

		/// The admin, the regulator, and the thresholds and rules in force.
		#[ink(message)]
		pub fn config(&self) -> (AccountId, AccountId, Settings) {
			(self.admin, self.regulator, self.settings)
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

		/// How many cases a model raised, and how many were cleared (false positives) or
		/// confirmed.
		#[ink(message)]
		pub fn model_stats(&self, model_id: u32) -> ModelStats {
			self.models.get(model_id).unwrap_or_default()
		}

		/// Illegitimate cases whose 24-hour notification deadline has passed without a
		/// notice, with their deadlines.
		#[ink(message)]
		pub fn overdue_cases(&self) -> Vec<(CaseId, Timestamp)> {
			let now = self.env().block_timestamp();
			let mut late = self.awaiting_notice.clone();
			late.retain(|(_, deadline)| *deadline < now);
			late
		}

		/// Hold the shipment and open a case with `evidence`, or add it to the open case.
		fn act_on(
			&mut self,
			shipment: ShipmentId,
			summary: &Shipment,
			evidence: Evidence,
			raised_by: Source,
		) -> Result<Outcome, Error> {
			if let Some(case) = self.open_cases.get(shipment) {
				let mut record = self.cases.get(case).ok_or(Error::UnknownCase)?;
				ensure(record.evidence.len() < MAX_EVIDENCE, Error::EvidenceFull)?;
				record.evidence.push(evidence);
				self.cases.insert(case, &record);
				self.updated(case, shipment, Step::EvidenceAdded, self.env().caller());
				return Ok(Outcome::EvidenceAdded(case));
			}
			ensure(summary.state == ShipmentState::InTransit, Error::NotInTransit)?;
			let case = self.next_case;
			self.next_case = case.checked_add(1).ok_or(Error::Overflow)?;
			// The hold's reason in the pallet is the evidence that opened the case.
			let reason = evidence.evidence_hash.into();
			let hold = PlaceHold { subject: HoldSubject::Shipment(shipment), reason };
			let hold_placed = match self.env().extension().place_hold(hold)? {
				Ok(()) => true,
				// Held already (by a regulator): the case opens on that hold.
				Err(HoldRefusal::AlreadyHeld) => false,
				// The shipment was read in transit just before: the pallet disagrees.
				Err(_) => return Err(Error::HoldRefused),
			};
			if let Source::Model { model_id, .. } = raised_by {
				let mut stats = self.models.get(model_id).unwrap_or_default();
				stats.raised = stats.raised.checked_add(1).ok_or(Error::Overflow)?;
				self.models.insert(model_id, &stats);
			}
			let record = Case {
				shipment,
				status: CaseStatus::Suspect,
				hold_placed,
				raised_by,
				evidence: ink::prelude::vec![evidence],
				finding: None,
				notified: None,
				release_approval: None,
				released: None,
			};
			self.cases.insert(case, &record);
			self.open_cases.insert(shipment, &case);
			self.updated(case, shipment, Step::Opened, self.env().caller());
			self.notify(case, shipment, summary);
			Ok(Outcome::CaseOpened(case))
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
		/// finding the 24-hour notification deadline. Returns the step taken.
		fn conclude(
			&mut self,
			case: CaseId,
			record: &mut Case,
			legitimate: bool,
		) -> Result<Step, Error> {
			let status = if legitimate {
				CaseStatus::Cleared
			} else {
				let deadline = self
					.env()
					.block_timestamp()
					.checked_add(NOTIFY_WITHIN)
					.ok_or(Error::Overflow)?;
				let awaiting = &mut self.awaiting_notice;
				ensure(awaiting.len() < MAX_AWAITING_NOTICE, Error::TooManyAwaitingNotice)?;
				awaiting.push((case, deadline));
				CaseStatus::Illegitimate
			};
			if let Source::Model { model_id, .. } = record.raised_by {
				let mut stats = self.models.get(model_id).unwrap_or_default();
				let count = if legitimate { &mut stats.cleared } else { &mut stats.confirmed };
				*count = count.checked_add(1).ok_or(Error::Overflow)?;
				self.models.insert(model_id, &stats);
			}
			Ok(Step::Status(status))
		}

		/// The first approval is recorded; a second, by another signer for the same
		/// resolution, one of the two an auditor, releases the hold. Returns the step taken.
		fn approve_release(
			&mut self,
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
			if record.hold_placed {
				let subject = HoldSubject::Shipment(record.shipment);
				let release = ReleaseHold { subject, resolution: resolution.into() };
				match self.env().extension().release_hold(release)? {
					// A regulator may have released it in the pallet already.
					Ok(()) | Err(HoldRefusal::NotHeld) => {}
					Err(_) => return Err(Error::HoldRefused),
				}
			}
			record.released = Some((self.env().block_timestamp(), resolution));
			self.open_cases.remove(record.shipment);
			Ok(Step::Released(resolution))
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
	}
}
