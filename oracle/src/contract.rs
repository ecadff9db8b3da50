//! The shipment-holds contract, as the oracle calls it: `report_anomaly`, dry-run first
//! (`ContractsApi_call`) and then submitted as a signed `Contracts::call` extrinsic, and the
//! events it emits (`CaseUpdated`, `SettingsChanged`, ...), by which a finalised report is
//! recognised.
//!
//! The message's selector, the shape of its answer and the events' signature topics and
//! fields come from the contract's `.contract` metadata (what cargo-contract writes), so the
//! oracle names the contract's outcomes, errors and events exactly as the contract does. The
//! arguments are encoded with the types the contract itself takes them in
//! (`medchain_primitives::holds::ReasonCode`, a 32-byte hash, ...), in one place:
//! [`HoldsContract::call_data`].
//!
//! [`retry_of`] says which of the contract's refusals are worth trying again, and when.

use crate::chain::{BlockHash, Client};
use codec::{Compact, Decode, Encode};
use frame_support::weights::Weight;
use medchain_primitives::holds::ReasonCode;
use medchain_runtime::{AccountId, Balance, RuntimeCall, RuntimeEvent};
use pallet_drug_tracking::ShipmentId;
use scale_info::PortableRegistry;
use sp_core::H256;
use std::path::Path;
use subxt::{
	ext::scale_value::{self, Value, ValueDef},
	tx::TxPayload,
};

/// The message the oracle calls.
const REPORT: &str = "report_anomaly";
/// The event a case's every step emits, its opening and added evidence among them.
const CASE_UPDATED: &str = "CaseUpdated";

/// What went wrong talking to the contract.
#[derive(Debug, thiserror::Error)]
pub enum ContractError {
	/// The metadata file is unreadable or not shipment-holds' metadata.
	#[error("contract metadata {path}: {reason}")]
	Metadata { path: String, reason: String },
	/// No contract lives at the address.
	#[error(
		"no contract at {0}: is shipment-holds deployed there? (scripts/dev-chain.sh prints its address)"
	)]
	NotFound(AccountId),
	/// A contract lives there, but not the one the metadata describes.
	#[error("the contract at {address} runs code {found:?}, not the shipment-holds build in the metadata ({expected:?})")]
	OtherCode { address: AccountId, found: H256, expected: H256 },
	/// The call did not run to an answer (a trap, out of gas, a dispatch error).
	#[error("{REPORT} did not run: {0}")]
	Failed(String),
	/// The answer is not what the metadata says it should be.
	#[error("the answer of {REPORT} does not match the metadata: {0}")]
	Answer(String),
	/// The node or the connection failed.
	#[error(transparent)]
	Chain(#[from] subxt::Error),
}

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
	code_hash: H256,
	selector: [u8; 4],
	answer_type: u32,
	events: Vec<EventSpec>,
	types: PortableRegistry,
}

/// One event in the metadata: its name, signature topic and fields' types.
struct EventSpec {
	label: String,
	topic: H256,
	fields: Vec<(String, u32)>,
}

impl HoldsContract {
	/// The contract at `address`, described by its `.contract` metadata file.
	pub fn load(address: AccountId, metadata: &Path) -> Result<Self, ContractError> {
		let fail = |reason: String| ContractError::Metadata {
			path: metadata.display().to_string(),
			reason,
		};
		let json = std::fs::read_to_string(metadata).map_err(|e| fail(e.to_string()))?;
		let json: serde_json::Value =
			serde_json::from_str(&json).map_err(|e| fail(e.to_string()))?;
		let hex32 = |value: &serde_json::Value| -> Option<Vec<u8>> {
			hex::decode(value.as_str()?.trim_start_matches("0x")).ok()
		};
		let code_hash = hex32(&json["source"]["hash"])
			.filter(|h| h.len() == 32)
			.map(|h| H256::from_slice(&h))
			.ok_or_else(|| fail("no source.hash".into()))?;
		let messages =
			json["spec"]["messages"].as_array().ok_or_else(|| fail("no messages".into()))?;
		let report = messages
			.iter()
			.find(|m| m["label"] == REPORT)
			.ok_or_else(|| fail(format!("no {REPORT} message: is this shipment-holds?")))?;
		let selector: [u8; 4] = hex32(&report["selector"])
			.and_then(|s| s.try_into().ok())
			.ok_or_else(|| fail(format!("{REPORT} has no selector")))?;
		let labels: Vec<&str> = report["args"]
			.as_array()
			.into_iter()
			.flatten()
			.filter_map(|a| a["label"].as_str())
			.collect();
		let expected =
			["shipment", "score", "model_id", "model_version", "evidence_hash", "reason_codes"];
		if labels != expected {
			return Err(fail(format!("{REPORT} takes {labels:?}, this oracle sends {expected:?}")));
		}
		let answer_type = report["returnType"]["type"]
			.as_u64()
			.and_then(|t| u32::try_from(t).ok())
			.ok_or_else(|| fail(format!("{REPORT} has no return type")))?;
		let types: PortableRegistry =
			serde_json::from_value(serde_json::json!({ "types": json["types"] }))
				.map_err(|e| fail(format!("types: {e}")))?;
		let events = json["spec"]["events"]
			.as_array()
			.ok_or_else(|| fail("no events".into()))?
			.iter()
			.map(|event| {
				let label = event["label"].as_str().unwrap_or_default().to_string();
				let topic = hex32(&event["signature_topic"])
					.filter(|t| t.len() == 32)
					.map(|t| H256::from_slice(&t))
					.ok_or_else(|| fail(format!("event {label} has no signature topic")))?;
				let fields = event["args"]
					.as_array()
					.into_iter()
					.flatten()
					.map(|arg| {
						let name = arg["label"].as_str().unwrap_or_default().to_string();
						let ty = arg["type"]["type"].as_u64().and_then(|t| u32::try_from(t).ok());
						ty.map(|ty| (name, ty))
							.ok_or_else(|| fail(format!("event {label} has a field with no type")))
					})
					.collect::<Result<_, _>>()?;
				Ok(EventSpec { label, topic, fields })
			})
			.collect::<Result<Vec<_>, ContractError>>()?;
		let case_updated = events.iter().find(|e| e.label == CASE_UPDATED);
		let fields: Vec<&str> =
			case_updated.into_iter().flat_map(|e| &e.fields).map(|(n, _)| n.as_str()).collect();
		if !["case", "shipment", "step"].iter().all(|f| fields.contains(f)) {
			return Err(fail(format!("no {CASE_UPDATED} event with case, shipment and step")));
		}
		Ok(HoldsContract { address, code_hash, selector, answer_type, events, types })
	}

	/// Check that the contract is deployed at its address with the metadata's code.
	pub async fn check_deployed(
		&self,
		client: &Client,
		at: BlockHash,
	) -> Result<(), ContractError> {
		// pallet-contracts keeps `ContractInfoOf` crate-private, so its key is built here:
		// `Contracts.ContractInfoOf`, Twox64Concat of the account.
		let account = self.address.encode();
		let key = [
			&sp_crypto_hashing::twox_128(b"Contracts")[..],
			&sp_crypto_hashing::twox_128(b"ContractInfoOf")[..],
			&sp_crypto_hashing::twox_64(&account)[..],
			&account[..],
		]
		.concat();
		let Some(bytes) = client.storage().at(at).fetch_raw(key).await? else {
			return Err(ContractError::NotFound(self.address.clone()));
		};
		// A `ContractInfo` starts with its trie id and its code hash.
		let (_trie_id, code_hash) = <(Vec<u8>, H256)>::decode(&mut &bytes[..])
			.map_err(|e| ContractError::Chain(e.into()))?;
		if code_hash != self.code_hash {
			return Err(ContractError::OtherCode {
				address: self.address.clone(),
				found: code_hash,
				expected: self.code_hash,
			});
		}
		Ok(())
	}

	/// The call data of `report_anomaly(report)`.
	pub fn call_data(&self, report: &Report) -> Vec<u8> {
		let mut data = self.selector.to_vec();
		(
			report.shipment,
			report.score,
			report.model_id,
			H256(report.model_version),
			H256(report.evidence_hash),
			&report.reasons,
		)
			.encode_to(&mut data);
		data
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
		let args = (
			oracle,
			&self.address,
			Balance::from(0u8),
			None::<Weight>,
			None::<Balance>,
			self.call_data(report),
		);
		let result: pallet_contracts::ContractExecResult<
			Balance,
			frame_system::EventRecord<RuntimeEvent, H256>,
		> = client.runtime_api().at(at).call_raw("ContractsApi_call", Some(&args.encode())).await?;
		let returned = result.result.map_err(|e| {
			let debug = String::from_utf8_lossy(&result.debug_message).into_owned();
			ContractError::Failed(format!("{e:?} {debug}").trim().to_string())
		})?;
		Ok(DryRun { answer: self.answer(&returned.data)?, gas_required: result.gas_required })
	}

	/// Decode `report_anomaly`'s answer, `Result<Result<Outcome, Error>, LangError>`.
	fn answer(&self, data: &[u8]) -> Result<Answer, ContractError> {
		let value =
			scale_value::scale::decode_as_type(&mut &data[..], &self.answer_type, &self.types)
				.map_err(|e| ContractError::Answer(e.to_string()))?;
		let bad = || ContractError::Answer(value.to_string());
		let (outer, inner) = variant(&value).ok_or_else(bad)?;
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
		let gas_limit = gas_required.saturating_add(gas_required / 10);
		let call = RuntimeCall::Contracts(pallet_contracts::Call::call {
			dest: sp_runtime::MultiAddress::Id(self.address.clone()),
			value: 0,
			gas_limit,
			storage_deposit_limit: None::<Compact<Balance>>,
			data: self.call_data(report),
		});
		Encoded(call.encode())
	}

	/// This contract's events among `events` (the `Contracts::ContractEmitted` events whose
	/// contract is this one), decoded; events it cannot decode are named by their topic.
	pub fn events_in<'a>(
		&self,
		events: impl IntoIterator<Item = &'a subxt::events::EventDetails<subxt::PolkadotConfig>>,
	) -> Vec<ContractEvent> {
		let mut found = Vec::new();
		for event in events {
			if event.pallet_name() != "Contracts" || event.variant_name() != "ContractEmitted" {
				continue;
			}
			let Ok((contract, data)) =
				<(AccountId, Vec<u8>)>::decode(&mut &event.field_bytes()[..])
			else {
				continue;
			};
			if contract != self.address {
				continue;
			}
			let topics: Vec<H256> = event.topics().iter().map(|t| H256(t.0)).collect();
			found.push(self.event(&topics, &data));
		}
		found
	}

	/// Decode one of this contract's events from its topics and data.
	pub fn event(&self, topics: &[H256], data: &[u8]) -> ContractEvent {
		let Some(spec) = topics.first().and_then(|t| self.events.iter().find(|e| e.topic == *t))
		else {
			return ContractEvent::Other(format!("{:?}", topics.first()));
		};
		if spec.label != CASE_UPDATED {
			return ContractEvent::Other(spec.label.clone());
		}
		let mut input = data;
		let mut fields = Vec::new();
		for (name, ty) in &spec.fields {
			match scale_value::scale::decode_as_type(&mut input, ty, &self.types) {
				Ok(value) => fields.push((name.as_str(), value)),
				Err(_) => return ContractEvent::Other(spec.label.clone()),
			}
		}
		let field = |name: &str| fields.iter().find(|(n, _)| *n == name).map(|(_, v)| v);
		let number =
			|name: &str| field(name).and_then(|v| v.as_u128()).and_then(|n| u64::try_from(n).ok());
		let step = field("step").and_then(|v| variant(v)).map(|(name, _)| name.to_string());
		match (number("case"), number("shipment"), step) {
			(Some(case), Some(shipment), Some(step)) => {
				ContractEvent::CaseUpdated { case, shipment, step }
			}
			_ => ContractEvent::Other(spec.label.clone()),
		}
	}
}

/// A variant's name and its first field, if the value is a variant.
fn variant<T>(value: &Value<T>) -> Option<(&str, Option<&Value<T>>)> {
	match &value.value {
		ValueDef::Variant(v) => Some((v.name.as_str(), v.values.values().next())),
		_ => None,
	}
}

/// A call already SCALE-encoded with the runtime's own `RuntimeCall`.
pub struct Encoded(Vec<u8>);

impl TxPayload for Encoded {
	fn encode_call_data_to(
		&self,
		_metadata: &subxt::Metadata,
		out: &mut Vec<u8>,
	) -> Result<(), subxt::Error> {
		out.extend_from_slice(&self.0);
		Ok(())
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
