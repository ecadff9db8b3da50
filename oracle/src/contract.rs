//! The shipment-holds contract, as the oracle calls it: `report_anomaly`, dry-run first
//! (`ContractsApi_call`) and then submitted as a signed `Contracts::call` extrinsic.
//!
//! The message's selector and the shape of its answer come from the contract's `.contract`
//! metadata (what cargo-contract writes), so the oracle names the contract's outcomes and
//! errors exactly as the contract does. The arguments are encoded with the types the contract
//! itself takes them in (`medchain_primitives::holds::ReasonCode`, a 32-byte hash, ...).

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
	tx::{TxPayload, TxStatus},
};

/// The message the oracle calls.
const REPORT: &str = "report_anomaly";

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
	/// The model's version.
	pub model_version: u32,
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
	/// Below the threshold: nothing was stored.
	NoAction,
	/// The contract refused, with this error (its name in the contract).
	Refused(String),
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
	types: PortableRegistry,
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
		Ok(HoldsContract { address, code_hash, selector, answer_type, types })
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
			report.model_version,
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
			return Ok(Answer::Refused(format!("{outer}({inner})")));
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
			("Err", error) => Answer::Refused(error.to_string()),
			_ => return Err(bad()),
		})
	}

	/// Submit `report_anomaly(report)` signed by `signer`, with the gas a dry run measured,
	/// and wait until it is in a block. Returns the block and the extrinsic's events.
	pub async fn submit(
		&self,
		client: &Client,
		signer: &subxt_signer::sr25519::Keypair,
		report: &Report,
		gas_required: Weight,
	) -> Result<(BlockHash, subxt::blocks::ExtrinsicEvents<subxt::PolkadotConfig>), ContractError>
	{
		// A margin over the dry run: the state may move between the two.
		let gas_limit = gas_required.saturating_add(gas_required / 10);
		let call = RuntimeCall::Contracts(pallet_contracts::Call::call {
			dest: sp_runtime::MultiAddress::Id(self.address.clone()),
			value: 0,
			gas_limit,
			storage_deposit_limit: None::<Compact<Balance>>,
			data: self.call_data(report),
		});
		let mut progress =
			client.tx().sign_and_submit_then_watch_default(&Encoded(call.encode()), signer).await?;
		while let Some(status) = progress.next().await {
			match status? {
				TxStatus::InBestBlock(in_block) | TxStatus::InFinalizedBlock(in_block) => {
					let block = in_block.block_hash();
					let events = in_block.wait_for_success().await?;
					return Ok((block, events));
				}
				TxStatus::Error { message }
				| TxStatus::Invalid { message }
				| TxStatus::Dropped { message } => return Err(ContractError::Failed(message)),
				_ => {}
			}
		}
		Err(ContractError::Failed("the node stopped reporting on the extrinsic".into()))
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
struct Encoded(Vec<u8>);

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
