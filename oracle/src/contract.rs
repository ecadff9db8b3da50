//! The shipment-holds contract, as the oracle calls it: `report_anomaly`, dry-run first
//! (`ContractsApi_call`) and then submitted as a signed `Contracts::call` extrinsic, and the
//! events it emits (`CaseUpdated`, `SettingsChanged`, ...), by which a finalised report is
//! recognised.
//!
//! The metadata, the dry run, the call and event decoding are the chain client's
//! ([`medchain_client::contract`]); this module names what the oracle sends and reads: the
//! arguments, encoded with the types the contract itself takes them in
//! (`medchain_primitives::holds::ReasonCode`, a 32-byte hash, ...), in one place
//! ([`HoldsContract::call_data`]), the answers and the `CaseUpdated` event.
//!
//! [`retry_of`] says which of the contract's refusals are worth trying again, and when.

use frame_support::weights::Weight;
pub use medchain_client::contract::ContractError;
use medchain_client::{
	chain::{BlockHash, Client},
	contract::{variant, Contract, Decoded, Encoded, MessageSpec},
};
use medchain_primitives::holds::ReasonCode;
use medchain_runtime::AccountId;
use pallet_drug_tracking::ShipmentId;
use sp_core::H256;
use std::path::Path;
use subxt::ext::scale_value::Value;

/// The message the oracle calls.
const REPORT: &str = "report_anomaly";
/// Its arguments, as the oracle encodes them ([`HoldsContract::call_data`]).
const REPORT_ARGS: [&str; 6] =
	["shipment", "score", "model_id", "model_version", "evidence_hash", "reason_codes"];
/// The event a case's every step emits, its opening and added evidence among them.
const CASE_UPDATED: &str = "CaseUpdated";

/// A report of an anomaly, as `report_anomaly` takes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
	/// The shipment.
	pub shipment: ShipmentId,
	/// The anomaly score, 0..=10 000.
	pub score: u16,
	/// The model's id.
	pub model_id: u32,
	/// The model's registered version: the blake2-256 of its model file.
	pub model_version: [u8; 32],
	/// blake2-256 of the evidence (kept off chain).
	pub evidence_hash: [u8; 32],
	/// The reasons, strongest first.
	pub reasons: Vec<ReasonCode>,
}

/// What the contract answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
	/// The shipment was held and this case opened.
	CaseOpened(u64),
	/// The report was added to the shipment's open case.
	EvidenceAdded(u64),
	/// Below the registered model's threshold: nothing was stored.
	NoAction,
	/// The model's last case on the shipment was cleared within the contract's cool-down,
	/// and the score did not rise by its margin: nothing was stored.
	CoolingDown,
	/// The contract refused, with this error (its name in the contract, or
	/// `LangError::<name>` when ink! could not dispatch the call at all).
	Refused(String),
}

/// An event of the contract, decoded with its metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContractEvent {
	/// A case moved on: opened, evidence added, a status, a release...
	CaseUpdated {
		/// The case.
		case: u64,
		/// Its shipment.
		shipment: ShipmentId,
		/// The step's name (`Opened`, `EvidenceAdded`, `Status`, `Released`, ...).
		step: String,
	},
	/// Any other event, by name (`SettingsChanged`, `HoldNotice`, ...).
	Other(String),
}

/// When a refused report is worth trying again: when what made the contract refuse it may
/// have changed. Until then the finding is not reported again (and not recorded as
/// reported either).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retry {
	/// When the oracle's standing changes: the contract's settings (its authorisation) or
	/// the participant registry (its `AnomalyOracle` role).
	OracleStanding,
	/// When the contract's settings change (a model registered, its threshold, the
	/// cool-down), or the model scores the same finding higher.
	Settings,
	/// When any case of the contract moves on (one of this oracle's may be released, which
	/// frees a place under its cap of open cases), or the settings change.
	Cases,
	/// When something happens to the shipment on chain: an event on it, a hold placed or
	/// released, a step of its case.
	Shipment,
	/// When the participant registry changes (the contract's own `HoldAuthority` role).
	Registry,
	/// At the next finalised block (the node would not take the extrinsic).
	NextBlock,
	/// Never for the same finding: the same report would be refused the same way.
	Never,
}

impl Retry {
	/// Whether the refusal may pass (anything but [`Retry::Never`]).
	pub fn is_transient(self) -> bool {
		self != Retry::Never
	}

	/// When it is retried, for the log.
	pub fn describe(self) -> &'static str {
		match self {
			Retry::OracleStanding => {
				"retried when the oracle's authorisation in the contract or its roles change"
			}
			Retry::Settings => "retried when the contract's settings change or the score rises",
			Retry::Cases => "retried when a case moves on or the contract's settings change",
			Retry::Shipment => "retried when something happens to the shipment on chain",
			Retry::Registry => "retried when the participant registry changes",
			Retry::NextBlock => "retried at the next finalised block",
			Retry::Never => "a deterministic refusal, not retried for this finding",
		}
	}
}

/// How the contract's refusal `error` (an [`Answer::Refused`] name) is retried: `None` for
/// an error this oracle does not know (treat it as [`Retry::Never`]).
pub fn retry_of(error: &str) -> Option<Retry> {
	Some(match error {
		// Not authorised yet, or its participant role is suspended: the admin or governance
		// may change that.
		"NotAnOracle" => Retry::OracleStanding,
		// The model (at this version) is not registered yet: the admin may register it.
		"UnknownModel" => Retry::Settings,
		// This oracle has the most open cases the settings allow: one may be released.
		"TooManyOpenCases" => Retry::Cases,
		// The contract's account is not (yet) a registered HoldAuthority.
		"NotAHoldAuthority" => Retry::Registry,
		// Not visible to the contract yet; the case is full until it is released; the
		// pallet refused the hold for a reason of the moment.
		"UnknownShipment" | "EvidenceFull" | "TooManySources" | "HoldRefused" => Retry::Shipment,
		// The same report is refused the same way: a shipment no longer in transit never is
		// again, a bad score or reason list stays bad, a contract and runtime that disagree
		// on the extension need an upgrade.
		"NotInTransit" | "InvalidScore" | "InvalidReasons" | "ExtensionMissing"
		| "ExtensionMismatch" | "Overflow" => Retry::Never,
		// Errors of the contract's other messages: report_anomaly does not answer them.
		"NotAdmin"
		| "NotTheRegulator"
		| "NotTheRegulatorOrDelegate"
		| "NotTheCarrier"
		| "NotAnInvestigator"
		| "NotInvolved"
		| "NotTheSigner"
		| "InvalidSettings"
		| "UnknownCase"
		| "WrongStatus"
		| "TooManyAwaitingNotice"
		| "NotNotified"
		| "AlreadyNotified"
		| "SameSigner"
		| "NeedsAnAuditor"
		| "ResolutionMismatch"
		| "AlreadyReleased"
		| "NotProposed"
		| "CodeNotFound"
		| "UnknownLayout" => Retry::Never,
		// ink! could not dispatch the call: this oracle and the contract disagree.
		lang if lang.starts_with("LangError::") => Retry::Never,
		_ => return None,
	})
}

/// A dry run's answer and what the call needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DryRun {
	/// The answer.
	pub answer: Answer,
	/// The gas the call needs.
	pub gas_required: Weight,
}

/// The deployed shipment-holds contract.
pub struct HoldsContract {
	/// Its account.
	pub address: AccountId,
	contract: Contract,
	report: MessageSpec,
}

impl HoldsContract {
	/// The contract at `address`, described by its `.contract` metadata file.
	pub fn load(address: AccountId, metadata: &Path) -> Result<Self, ContractError> {
		let contract = Contract::load(address.clone(), metadata)?;
		let report = contract.message(REPORT, &REPORT_ARGS)?.clone();
		contract.expect_event(CASE_UPDATED, &["case", "shipment", "step"])?;
		Ok(HoldsContract { address, contract, report })
	}

	/// Check that the contract is deployed at its address with the metadata's code.
	pub async fn check_deployed(
		&self,
		client: &Client,
		at: BlockHash,
	) -> Result<(), ContractError> {
		self.contract.check_deployed(client, at).await
	}

	/// The call data of `report_anomaly(report)`.
	pub fn call_data(&self, report: &Report) -> Vec<u8> {
		let args = (
			report.shipment,
			report.score,
			report.model_id,
			H256(report.model_version),
			H256(report.evidence_hash),
			&report.reasons,
		);
		self.contract.call_data(&self.report, args)
	}

	/// Dry-run `report_anomaly` from `oracle` at block `at`: what the contract would answer
	/// and the gas it needs. Nothing is submitted.
	pub async fn dry_run(
		&self,
		client: &Client,
		at: BlockHash,
		oracle: &AccountId,
		report: &Report,
	) -> Result<DryRun, ContractError> {
		let data = self.call_data(report);
		let (value, gas_required) =
			self.contract.dry_run(client, at, oracle, &self.report, data).await?;
		Ok(DryRun { answer: self.answer(&value)?, gas_required })
	}

	/// Read `report_anomaly`'s answer, `Result<Result<Outcome, Error>, LangError>`.
	fn answer(&self, value: &Decoded) -> Result<Answer, ContractError> {
		let bad = || ContractError::Answer { message: REPORT.into(), reason: value.to_string() };
		let (outer, inner) = variant(value).ok_or_else(bad)?;
		let inner = inner.ok_or_else(bad)?;
		if outer != "Ok" {
			let name = variant(inner).map_or_else(|| inner.to_string(), |(name, _)| name.into());
			return Ok(Answer::Refused(format!("LangError::{name}")));
		}
		let (result, outcome) = variant(inner).ok_or_else(bad)?;
		let outcome = outcome.ok_or_else(bad)?;
		let (name, case) = variant(outcome).ok_or_else(bad)?;
		let case =
			|| case.and_then(Value::as_u128).and_then(|c| u64::try_from(c).ok()).ok_or_else(bad);
		Ok(match (result, name) {
			("Ok", "CaseOpened") => Answer::CaseOpened(case()?),
			("Ok", "EvidenceAdded") => Answer::EvidenceAdded(case()?),
			("Ok", "NoAction") => Answer::NoAction,
			("Ok", "CoolingDown") => Answer::CoolingDown,
			("Err", error) => Answer::Refused(error.to_string()),
			_ => return Err(bad()),
		})
	}

	/// The `Contracts::call` of `report_anomaly(report)`, with a margin over the gas a dry
	/// run measured (the state may move between the two), ready to be signed.
	pub fn call(&self, report: &Report, gas_required: Weight) -> Encoded {
		self.contract.call(self.call_data(report), gas_required)
	}

	/// This contract's events among `events` (the `Contracts::ContractEmitted` events whose
	/// contract is this one), decoded; events it cannot decode are named by their topic.
	pub fn events_in<'a>(
		&self,
		events: impl IntoIterator<Item = &'a subxt::events::EventDetails<subxt::PolkadotConfig>>,
	) -> Vec<ContractEvent> {
		self.contract.events_in(events).into_iter().map(|(_, event)| Self::read(event)).collect()
	}

	/// One of this contract's events, as the oracle reads it.
	fn read(event: medchain_client::contract::ContractEvent) -> ContractEvent {
		if event.label != CASE_UPDATED {
			return ContractEvent::Other(event.label);
		}
		match (event.number("case"), event.number("shipment"), event.variant("step")) {
			(Some(case), Some(shipment), Some(step)) => {
				ContractEvent::CaseUpdated { case, shipment, step: step.to_string() }
			}
			_ => ContractEvent::Other(event.label),
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	/// The contract's source, whose `Error` enum lists every refusal it can answer.
	const CONTRACT: &str = include_str!("../../contracts/shipment-holds/lib.rs");

	fn contract_errors() -> Vec<&'static str> {
		let body = CONTRACT.split("pub enum Error {").nth(1).expect("the contract has an Error");
		let body = &body[..body.find("\n\t}").expect("the Error enum ends")];
		let names: Vec<&str> = body
			.lines()
			.map(str::trim)
			.filter(|l| !l.is_empty() && !l.starts_with("//") && !l.starts_with('#'))
			.map(|l| l.trim_end_matches(','))
			.collect();
		for name in &names {
			assert!(
				name.chars().all(|c| c.is_ascii_alphanumeric()),
				"{name}: the contract's errors are expected to carry no data"
			);
		}
		names
	}

	#[test]
	fn every_error_of_the_contract_is_classified() {
		let errors = contract_errors();
		assert!(errors.len() > 20, "{errors:?}");
		let unclassified: Vec<_> = errors.iter().filter(|e| retry_of(e).is_none()).collect();
		assert!(unclassified.is_empty(), "classify these in retry_of: {unclassified:?}");
	}

	#[test]
	fn refusals_that_may_pass_are_retried_when_their_cause_changes() {
		assert_eq!(retry_of("NotAnOracle"), Some(Retry::OracleStanding));
		assert_eq!(retry_of("NotAHoldAuthority"), Some(Retry::Registry));
		assert_eq!(retry_of("UnknownShipment"), Some(Retry::Shipment));
		assert_eq!(retry_of("EvidenceFull"), Some(Retry::Shipment));
		assert_eq!(retry_of("HoldRefused"), Some(Retry::Shipment));
		// A model the admin has not registered yet, and a full cap of open cases.
		assert_eq!(retry_of("UnknownModel"), Some(Retry::Settings));
		assert_eq!(retry_of("TooManyOpenCases"), Some(Retry::Cases));
		for transient in ["NotAnOracle", "NotAHoldAuthority", "UnknownShipment", "UnknownModel"] {
			assert!(retry_of(transient).is_some_and(Retry::is_transient), "{transient}");
		}
	}

	#[test]
	fn deterministic_refusals_are_not_retried() {
		for error in [
			"InvalidReasons",
			"NotInTransit",
			"InvalidScore",
			"ExtensionMismatch",
			"LangError::CouldNotReadInput",
		] {
			assert_eq!(retry_of(error), Some(Retry::Never), "{error}");
			assert!(!Retry::Never.is_transient());
		}
		// A name this oracle does not know is none of these: the caller treats it as Never.
		assert_eq!(retry_of("SomethingNew"), None);
	}
}
