//! An ink! contract, as an off-chain service calls it: described by its `.contract` metadata
//! (what cargo-contract writes), dry-run through `ContractsApi_call`, called with a signed
//! `Contracts::call` extrinsic, and its events (`Contracts::ContractEmitted`) decoded by their
//! signature topic.
//!
//! Selectors, argument lists, answer types and event fields all come from the metadata, so a
//! service names a contract's messages, outcomes and events exactly as the contract does, and
//! a contract that changes them fails loudly when the service loads it ([`Contract::message`]
//! checks the argument names a service encodes for) rather than being misread. Answers and
//! event fields decode to `scale_value` values against the metadata's types; the service
//! picks out what it needs by name.

use crate::chain::{BlockHash, Client};
use codec::{Compact, Decode, Encode};
use frame_support::weights::Weight;
use medchain_runtime::{AccountId, Balance, RuntimeCall, RuntimeEvent};
use scale_info::PortableRegistry;
use sp_core::H256;
use std::path::Path;
use subxt::{
	events::EventDetails,
	ext::scale_value::{self, Value, ValueDef},
	tx::TxPayload,
	PolkadotConfig,
};

/// A decoded value (of the metadata's type registry).
pub type Decoded = Value<u32>;

/// What went wrong talking to a contract.
#[derive(Debug, thiserror::Error)]
pub enum ContractError {
	/// The metadata file is unreadable or not the expected contract's metadata.
	#[error("contract metadata {path}: {reason}")]
	Metadata {
		/// The metadata file.
		path: String,
		/// What is wrong with it.
		reason: String,
	},
	/// No contract lives at the address.
	#[error(
		"no contract at {address}: is {name} deployed there? (scripts/dev-chain.sh prints its address)"
	)]
	NotFound {
		/// The contract's name in its metadata.
		name: String,
		/// The address looked at.
		address: AccountId,
	},
	/// A contract lives there, but not the one the metadata describes.
	#[error("the contract at {address} runs code {found:?}, not the {name} build in the metadata ({expected:?})")]
	OtherCode {
		/// The contract's name in its metadata.
		name: String,
		/// The address looked at.
		address: AccountId,
		/// The code hash deployed there.
		found: H256,
		/// The code hash of the metadata's build.
		expected: H256,
	},
	/// The call did not run to an answer (a trap, out of gas, a dispatch error).
	#[error("{message} did not run: {reason}")]
	Failed {
		/// The message called.
		message: String,
		/// The dispatch error and the contract's debug message.
		reason: String,
	},
	/// The answer is not what the metadata says it should be.
	#[error("the answer of {message} does not match the metadata: {reason}")]
	Answer {
		/// The message called.
		message: String,
		/// What was answered.
		reason: String,
	},
	/// The node or the connection failed.
	#[error(transparent)]
	Chain(#[from] subxt::Error),
}

/// One message in the metadata.
#[derive(Debug, Clone)]
pub struct MessageSpec {
	/// Its name.
	pub label: String,
	/// Its selector.
	pub selector: [u8; 4],
	/// Its arguments' names, in order.
	pub args: Vec<String>,
	/// The type of its answer (`Result<_, LangError>` for ink! 5).
	pub return_type: u32,
}

/// One event in the metadata: its name, signature topic and fields' types.
#[derive(Debug, Clone)]
struct EventSpec {
	label: String,
	topic: H256,
	fields: Vec<(String, u32)>,
}

/// One of the contract's events, decoded with its metadata.
#[derive(Debug, Clone, PartialEq)]
pub struct ContractEvent {
	/// The event's name (`Accessed`, `CaseUpdated`, ...).
	pub label: String,
	/// Its fields, by name, in order.
	pub fields: Vec<(String, Decoded)>,
}

impl ContractEvent {
	/// The field called `name`.
	pub fn field(&self, name: &str) -> Option<&Decoded> {
		self.fields.iter().find(|(n, _)| n == name).map(|(_, v)| v)
	}

	/// The field called `name` as an unsigned number that fits a `u64`.
	pub fn number(&self, name: &str) -> Option<u64> {
		self.field(name).and_then(Value::as_u128).and_then(|n| u64::try_from(n).ok())
	}

	/// The field called `name` as an account (a 32-byte array, as ink! encodes one).
	pub fn account(&self, name: &str) -> Option<AccountId> {
		self.field(name).and_then(bytes32).map(AccountId::new)
	}

	/// The variant name of the field called `name` (an enum such as a purpose).
	pub fn variant(&self, name: &str) -> Option<&str> {
		self.field(name).and_then(variant).map(|(name, _)| name)
	}
}

/// A deployed ink! contract and its metadata.
#[derive(Debug, Clone)]
pub struct Contract {
	/// Its account.
	pub address: AccountId,
	/// Its name in the metadata (`access-grants`, `shipment-holds`).
	pub name: String,
	code_hash: H256,
	messages: Vec<MessageSpec>,
	events: Vec<EventSpec>,
	types: PortableRegistry,
}

impl Contract {
	/// The contract at `address`, described by its `.contract` metadata file.
	pub fn load(address: AccountId, metadata: &Path) -> Result<Self, ContractError> {
		let fail = |reason: String| ContractError::Metadata {
			path: metadata.display().to_string(),
			reason,
		};
		let json = std::fs::read_to_string(metadata).map_err(|e| fail(e.to_string()))?;
		let json: serde_json::Value =
			serde_json::from_str(&json).map_err(|e| fail(e.to_string()))?;
		let hex = |value: &serde_json::Value| -> Option<Vec<u8>> {
			hex::decode(value.as_str()?.trim_start_matches("0x")).ok()
		};
		let type_of = |value: &serde_json::Value| -> Option<u32> {
			value["type"].as_u64().and_then(|t| u32::try_from(t).ok())
		};
		let name = json["contract"]["name"].as_str().unwrap_or("the contract").to_string();
		let code_hash = hex(&json["source"]["hash"])
			.filter(|h| h.len() == 32)
			.map(|h| H256::from_slice(&h))
			.ok_or_else(|| fail("no source.hash".into()))?;
		let messages = json["spec"]["messages"]
			.as_array()
			.ok_or_else(|| fail("no messages".into()))?
			.iter()
			.map(|message| {
				let label = message["label"].as_str().unwrap_or_default().to_string();
				let selector: [u8; 4] = hex(&message["selector"])
					.and_then(|s| s.try_into().ok())
					.ok_or_else(|| fail(format!("{label} has no selector")))?;
				let args = message["args"]
					.as_array()
					.into_iter()
					.flatten()
					.filter_map(|a| a["label"].as_str().map(str::to_string))
					.collect();
				let return_type = type_of(&message["returnType"])
					.ok_or_else(|| fail(format!("{label} has no return type")))?;
				Ok(MessageSpec { label, selector, args, return_type })
			})
			.collect::<Result<Vec<_>, ContractError>>()?;
		let types: PortableRegistry =
			serde_json::from_value(serde_json::json!({ "types": json["types"] }))
				.map_err(|e| fail(format!("types: {e}")))?;
		let events = json["spec"]["events"]
			.as_array()
			.ok_or_else(|| fail("no events".into()))?
			.iter()
			.map(|event| {
				let label = event["label"].as_str().unwrap_or_default().to_string();
				let topic = hex(&event["signature_topic"])
					.filter(|t| t.len() == 32)
					.map(|t| H256::from_slice(&t))
					.ok_or_else(|| fail(format!("event {label} has no signature topic")))?;
				let fields = event["args"]
					.as_array()
					.into_iter()
					.flatten()
					.map(|arg| {
						let name = arg["label"].as_str().unwrap_or_default().to_string();
						type_of(&arg["type"])
							.map(|ty| (name, ty))
							.ok_or_else(|| fail(format!("event {label} has a field with no type")))
					})
					.collect::<Result<_, _>>()?;
				Ok(EventSpec { label, topic, fields })
			})
			.collect::<Result<Vec<_>, ContractError>>()?;
		Ok(Contract { address, name, code_hash, messages, events, types })
	}

	/// A metadata error about this contract's metadata.
	fn unexpected(&self, reason: String) -> ContractError {
		ContractError::Metadata { path: self.name.clone(), reason }
	}

	/// The message `label`, which must take exactly the arguments `args` (by name, in order):
	/// what the caller encodes for. Call it when loading, so a changed contract stops the
	/// service at once.
	pub fn message(&self, label: &str, args: &[&str]) -> Result<&MessageSpec, ContractError> {
		let message = self.messages.iter().find(|m| m.label == label).ok_or_else(|| {
			self.unexpected(format!("no {label} message: is this {}?", self.name))
		})?;
		if message.args != args {
			return Err(self.unexpected(format!(
				"{label} takes {:?}, this service sends {args:?}",
				message.args
			)));
		}
		Ok(message)
	}

	/// Check that the event `label` exists with (at least) the fields `fields`.
	pub fn expect_event(&self, label: &str, fields: &[&str]) -> Result<(), ContractError> {
		let names: Vec<&str> = self
			.events
			.iter()
			.find(|e| e.label == label)
			.into_iter()
			.flat_map(|e| &e.fields)
			.map(|(n, _)| n.as_str())
			.collect();
		if !fields.iter().all(|f| names.contains(f)) {
			return Err(self.unexpected(format!("no {label} event with the fields {fields:?}")));
		}
		Ok(())
	}

	/// The signature topic of the event `label`.
	pub fn event_topic(&self, label: &str) -> Option<H256> {
		self.events.iter().find(|e| e.label == label).map(|e| e.topic)
	}

	/// The call data of `message` with its arguments, SCALE-encoded (a tuple for several).
	pub fn call_data(&self, message: &MessageSpec, args: impl Encode) -> Vec<u8> {
		let mut data = message.selector.to_vec();
		args.encode_to(&mut data);
		data
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
			return Err(ContractError::NotFound {
				name: self.name.clone(),
				address: self.address.clone(),
			});
		};
		// A `ContractInfo` starts with its trie id and its code hash.
		let (_trie_id, code_hash) = <(Vec<u8>, H256)>::decode(&mut &bytes[..])
			.map_err(|e| ContractError::Chain(e.into()))?;
		if code_hash != self.code_hash {
			return Err(ContractError::OtherCode {
				name: self.name.clone(),
				address: self.address.clone(),
				found: code_hash,
				expected: self.code_hash,
			});
		}
		Ok(())
	}

	/// Dry-run `message` with call data `data` from `caller` at block `at`: its answer,
	/// decoded with the metadata (`Result<_, LangError>`), and the gas the call needs.
	/// Nothing is submitted.
	pub async fn dry_run(
		&self,
		client: &Client,
		at: BlockHash,
		caller: &AccountId,
		message: &MessageSpec,
		data: Vec<u8>,
	) -> Result<(Decoded, Weight), ContractError> {
		let args =
			(caller, &self.address, Balance::from(0u8), None::<Weight>, None::<Balance>, data);
		let result: pallet_contracts::ContractExecResult<
			Balance,
			frame_system::EventRecord<RuntimeEvent, H256>,
		> = client.runtime_api().at(at).call_raw("ContractsApi_call", Some(&args.encode())).await?;
		let returned = result.result.map_err(|e| {
			let debug = String::from_utf8_lossy(&result.debug_message).into_owned();
			ContractError::Failed {
				message: message.label.clone(),
				reason: format!("{e:?} {debug}").trim().to_string(),
			}
		})?;
		Ok((self.answer(message, &returned.data)?, result.gas_required))
	}

	/// Decode `message`'s answer `data` with the metadata.
	pub fn answer(&self, message: &MessageSpec, data: &[u8]) -> Result<Decoded, ContractError> {
		scale_value::scale::decode_as_type(&mut &data[..], &message.return_type, &self.types)
			.map_err(|e| ContractError::Answer {
				message: message.label.clone(),
				reason: e.to_string(),
			})
	}

	/// The `Contracts::call` with call data `data`, with a margin over the gas a dry run
	/// measured (the state may move between the two), ready to be signed.
	pub fn call(&self, data: Vec<u8>, gas_required: Weight) -> Encoded {
		let gas_limit = gas_required.saturating_add(gas_required / 10);
		let call = RuntimeCall::Contracts(pallet_contracts::Call::call {
			dest: sp_runtime::MultiAddress::Id(self.address.clone()),
			value: 0,
			gas_limit,
			storage_deposit_limit: None::<Compact<Balance>>,
			data,
		});
		Encoded(call.encode())
	}

	/// This contract's events among `events` (the `Contracts::ContractEmitted` events whose
	/// contract is this one), decoded, with each one's index among the block's events.
	/// An event it cannot decode is named `?` with its first topic and no fields.
	pub fn events_in<'a>(
		&self,
		events: impl IntoIterator<Item = &'a EventDetails<PolkadotConfig>>,
	) -> Vec<(u32, ContractEvent)> {
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
			found.push((event.index(), self.event(&topics, &data)));
		}
		found
	}

	/// Decode one of this contract's events from its topics and data.
	pub fn event(&self, topics: &[H256], data: &[u8]) -> ContractEvent {
		let unknown = |label: String| ContractEvent { label, fields: Vec::new() };
		let Some(spec) = topics.first().and_then(|t| self.events.iter().find(|e| e.topic == *t))
		else {
			return unknown(format!("?{:?}", topics.first()));
		};
		let mut input = data;
		let mut fields = Vec::new();
		for (name, ty) in &spec.fields {
			match scale_value::scale::decode_as_type(&mut input, ty, &self.types) {
				Ok(value) => fields.push((name.clone(), value)),
				Err(_) => return unknown(spec.label.clone()),
			}
		}
		ContractEvent { label: spec.label.clone(), fields }
	}
}

/// A variant's name and its first field, if the value is a variant.
pub fn variant<T>(value: &Value<T>) -> Option<(&str, Option<&Value<T>>)> {
	match &value.value {
		ValueDef::Variant(v) => Some((v.name.as_str(), v.values.values().next())),
		_ => None,
	}
}

/// The 32 bytes of a value that is a 32-byte array (or a newtype around one, such as
/// ink!'s `AccountId` and `Hash`).
pub fn bytes32<T>(value: &Value<T>) -> Option<[u8; 32]> {
	let mut value = value;
	loop {
		match &value.value {
			ValueDef::Composite(composite) => {
				let values: Vec<&Value<T>> = composite.values().collect();
				if values.len() == 1 {
					value = values[0];
					continue;
				}
				let bytes: Option<Vec<u8>> =
					values.iter().map(|v| v.as_u128().and_then(|b| u8::try_from(b).ok())).collect();
				return bytes.and_then(|b| b.try_into().ok());
			}
			_ => return None,
		}
	}
}

/// A call already SCALE-encoded with the runtime's own `RuntimeCall`.
pub struct Encoded(pub Vec<u8>);

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

	#[test]
	fn a_32_byte_array_reads_through_newtypes_and_nothing_else_does() {
		let array = |n: usize| Value::unnamed_composite((0..n).map(|b| Value::u128(b as u128)));
		let account = Value::unnamed_composite([array(32)]);
		let expected: Vec<u8> = (0..32).collect();
		assert_eq!(bytes32(&account).map(Vec::from), Some(expected));
		assert_eq!(bytes32(&array(31)), None);
		assert_eq!(bytes32(&Value::u128(7)), None);
		let named = Value::named_composite([("x", array(32)), ("y", array(32))]);
		assert_eq!(bytes32(&named), None);
	}

	#[test]
	fn a_variant_reads_its_name_and_first_field() {
		let value = Value::unnamed_variant("Granted", [Value::u128(3)]);
		let (name, field) = variant(&value).expect("a variant");
		assert_eq!(name, "Granted");
		assert_eq!(field.and_then(Value::as_u128), Some(3));
		assert!(variant(&Value::u128(1)).is_none());
	}
}
