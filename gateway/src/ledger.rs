//! The gateway's side of the chain, through the shared chain client (`medchain-client`):
//!
//! - [`Ledger::register`]: register an uploaded record in access-grants as the provider
//!   (dry run first, then the signed call, watched until its block is finalised, the record's
//!   number read from the contract's `RecordRegistered` event).
//! - [`Ledger::permits`]: ask the consent pallet (runtime API `ConsentApi_check_access`,
//!   at the best block: a revocation counts from the moment it is in a block) whether an
//!   access is still permitted.
//! - [`AccessFollower`]: follows the finalised chain and keeps every `Accessed` event of this
//!   gateway's records in the store, so a release is checked against the chain's final word
//!   without asking the node for it.

use crate::store::{Access, Store};
use medchain_client::{
	chain::BlockHash,
	contract::{variant, Contract, ContractError, MessageSpec},
	extrinsic,
	follow::{ChainState, Connection, FinalisedBlock, Follower},
};
use medchain_primitives::consent::{Action, ConsentId, DataTag, Decision, Moment, Purpose};
use medchain_runtime::{AccountId, Runtime};
use pallet_consent::{ConsentOf, ConsentStatus};
use sp_core::{crypto::Ss58Codec, sr25519, H256};
use std::{path::Path, sync::Arc};
use subxt_signer::sr25519::Keypair;
use tokio::sync::{watch, Mutex, RwLock};

/// The message uploads register records with, and its arguments.
const REGISTER: &str = "register_record";
const REGISTER_ARGS: [&str; 3] = ["patient", "data_tag", "locator"];
/// The events the gateway reads.
const REGISTERED: &str = "RecordRegistered";
const ACCESSED: &str = "Accessed";

/// What went wrong on the chain side.
#[derive(Debug, thiserror::Error)]
pub enum LedgerError {
	/// Not connected: nothing can be checked or registered now.
	#[error("the chain is unreachable ({0}); try again")]
	Unreachable(String),
	/// The contract refused (its error's name).
	#[error("access-grants refused to register the record: {0}")]
	Refused(String),
	/// The contract or the call failed.
	#[error(transparent)]
	Contract(#[from] ContractError),
	/// The node failed.
	#[error(transparent)]
	Chain(#[from] subxt::Error),
	/// The extrinsic failed in its block.
	#[error("the registration failed on chain: {0}")]
	Failed(String),
}

/// The node's best block: the latest state, where a revocation counts as soon as it is in a
/// block.
async fn best_block(connection: &Connection) -> Result<BlockHash, LedgerError> {
	connection
		.rpc
		.chain_get_block_hash(None)
		.await?
		.ok_or_else(|| LedgerError::Unreachable("the node has no best block".into()))
}

/// The chain as the gateway uses it.
pub struct Ledger {
	grants: Contract,
	register: MessageSpec,
	/// The provider's key: signs registrations, opens tag-secret envelopes.
	pair: sr25519::Pair,
	signer: Keypair,
	provider: AccountId,
	connection: Arc<RwLock<Option<Connection>>>,
	state: watch::Receiver<ChainState>,
	/// One registration in flight at a time: each takes the provider's next nonce.
	submitting: Mutex<()>,
}

impl Ledger {
	/// The ledger for the access-grants contract at `address` (metadata `metadata`), acting
	/// as the provider whose secret key URI is `suri`. Its connection and state are set by the
	/// follower.
	pub fn new(
		address: AccountId,
		metadata: &Path,
		suri: &str,
		connection: Arc<RwLock<Option<Connection>>>,
		state: watch::Receiver<ChainState>,
	) -> Result<Self, String> {
		let grants = Contract::load(address, metadata).map_err(|e| e.to_string())?;
		let register = grants.message(REGISTER, &REGISTER_ARGS).map_err(|e| e.to_string())?.clone();
		grants
			.expect_event(ACCESSED, &["patient", "accessor", "grant", "record", "purpose"])
			.map_err(|e| e.to_string())?;
		grants
			.expect_event(REGISTERED, &["patient", "record", "provider"])
			.map_err(|e| e.to_string())?;
		let pair = <sr25519::Pair as sp_core::Pair>::from_string(suri, None)
			.map_err(|e| format!("the provider key {suri:?}: {e:?}"))?;
		let uri: subxt_signer::SecretUri =
			suri.parse().map_err(|e| format!("the provider key: {e}"))?;
		let signer = Keypair::from_uri(&uri).map_err(|e| format!("the provider key: {e}"))?;
		let provider = AccountId::from(sp_core::Pair::public(&pair));
		Ok(Ledger {
			grants,
			register,
			pair,
			signer,
			provider,
			connection,
			state,
			submitting: Mutex::new(()),
		})
	}

	/// The provider's account.
	pub fn provider(&self) -> &AccountId {
		&self.provider
	}

	/// The provider's key pair.
	pub fn pair(&self) -> &sr25519::Pair {
		&self.pair
	}

	/// The access-grants contract.
	pub fn contract(&self) -> &Contract {
		&self.grants
	}

	/// What the follower knows of the chain now.
	pub fn state(&self) -> ChainState {
		self.state.borrow().clone()
	}

	/// A receiver of the chain state, to wait for the follower.
	pub fn watch(&self) -> watch::Receiver<ChainState> {
		self.state.clone()
	}

	/// The connection, if the chain is being followed.
	pub async fn connection(&self) -> Result<Connection, LedgerError> {
		if let ChainState::Unreachable { reason } = self.state() {
			return Err(LedgerError::Unreachable(reason));
		}
		self.connection
			.read()
			.await
			.clone()
			.ok_or_else(|| LedgerError::Unreachable("not connected yet".into()))
	}

	/// Register a record of `patient` tagged `data_tag` at the locator whose hash is
	/// `locator`: the record's number once its block is finalised.
	pub async fn register(
		&self,
		patient: &AccountId,
		data_tag: DataTag,
		locator: [u8; 32],
	) -> Result<u64, LedgerError> {
		let connection = self.connection().await?;
		let data = self.grants.call_data(&self.register, (patient, data_tag, H256(locator)));
		let _one_at_a_time = self.submitting.lock().await;
		let best = best_block(&connection).await?;
		let (answer, gas) = self
			.grants
			.dry_run(&connection.client, best, &self.provider, &self.register, data.clone())
			.await?;
		// `Result<Result<RecordId, Error>, LangError>`.
		match variant(&answer) {
			Some(("Ok", Some(inner))) => match variant(inner) {
				Some(("Ok", _)) => {}
				Some((_, error)) => {
					let name = error
						.and_then(variant)
						.map_or_else(|| format!("{error:?}"), |(n, _)| n.to_string());
					return Err(LedgerError::Refused(name));
				}
				None => return Err(LedgerError::Refused(inner.to_string())),
			},
			_ => return Err(LedgerError::Refused(answer.to_string())),
		}
		let call = self.grants.call(data, gas);
		let head = connection.client.blocks().at_latest().await?;
		let nonce = extrinsic::next_nonce(&connection.rpc, &self.provider, 0).await?;
		let signed =
			extrinsic::sign(&connection.client, &call, &self.signer, nonce, head.header())?;
		let progress = signed.submit_and_watch().await?;
		let (_block, events) = extrinsic::finalised(progress).await?;
		let all: Vec<_> = events.iter().collect::<Result<_, _>>()?;
		if let Some(why) = extrinsic::failure(&all, &connection.client) {
			return Err(LedgerError::Failed(why));
		}
		self.grants
			.events_in(&all)
			.into_iter()
			.find(|(_, e)| {
				e.label == REGISTERED && e.account("provider").as_ref() == Some(&self.provider)
			})
			.and_then(|(_, e)| e.number("record"))
			.ok_or_else(|| {
				LedgerError::Failed(format!("no {REGISTERED} event in the finalised block"))
			})
	}

	/// Whether the consent pallet permits `accessor` to access `patient`'s record of tag
	/// `data_tag`, made at `record_date`, for `purpose`, now (at the best block).
	pub async fn permits(
		&self,
		patient: &AccountId,
		accessor: &AccountId,
		purpose: Purpose,
		data_tag: DataTag,
		record_date: Moment,
	) -> Result<Decision, LedgerError> {
		let connection = self.connection().await?;
		let args = (
			patient,
			accessor,
			purpose,
			data_tag,
			Action::Access,
			Some(record_date),
			None::<Moment>,
			// The question the contract asked at access time: no break-glass secret.
			None::<[u8; 32]>,
		);
		// No block named: the node answers at its best block, in one round trip (naming it
		// would take a second, to ask which block is best).
		let answer = connection
			.rpc
			.state_call("ConsentApi_check_access", Some(&codec::Encode::encode(&args)), None)
			.await?;
		<Decision as codec::Decode>::decode(&mut &answer[..])
			.map_err(|e| LedgerError::Chain(e.into()))
	}
}

impl Ledger {
	/// The chain's time at the best block (ms since the Unix epoch).
	pub async fn chain_now(&self) -> Result<Moment, LedgerError> {
		let connection = self.connection().await?;
		let best: BlockHash = best_block(&connection).await?;
		Ok(medchain_client::chain::now(&connection.client, best).await?)
	}

	/// `patient`'s stored consents with their status now (`ConsentApi_consents_of`, then each
	/// from storage), at the best block.
	pub async fn consents(
		&self,
		patient: &AccountId,
	) -> Result<Vec<(ConsentId, ConsentOf<Runtime>, ConsentStatus)>, LedgerError> {
		let connection = self.connection().await?;
		let best: BlockHash = best_block(&connection).await?;
		let listed: Vec<(ConsentId, ConsentStatus)> = connection
			.client
			.runtime_api()
			.at(best)
			.call_raw("ConsentApi_consents_of", Some(&codec::Encode::encode(patient)))
			.await?;
		let mut out = Vec::with_capacity(listed.len());
		for (id, status) in listed {
			let key = pallet_consent::Consents::<Runtime>::hashed_key_for(id);
			if let Some(bytes) = connection.client.storage().at(best).fetch_raw(key).await? {
				let consent = <ConsentOf<Runtime> as codec::Decode>::decode(&mut &bytes[..])
					.map_err(|e| LedgerError::Chain(e.into()))?;
				out.push((id, consent, status));
			}
		}
		Ok(out)
	}
}

/// Follows the finalised chain: keeps this gateway's records' `Accessed` events.
pub struct AccessFollower {
	/// The contract whose events are read.
	pub grants: Contract,
	/// Where accesses are kept.
	pub store: Store,
	/// Where the connection is shared with the ledger.
	pub connection: Arc<RwLock<Option<Connection>>>,
}

impl Follower for AccessFollower {
	async fn resume_after(&mut self) -> Result<Option<u32>, String> {
		self.store.followed().await.map_err(|e| e.to_string())
	}

	async fn on_block(
		&mut self,
		connection: &Connection,
		block: &FinalisedBlock,
	) -> Result<(), String> {
		// The ledger submits and asks on the follower's connection, the latest one.
		*self.connection.write().await = Some(connection.clone());
		let events = block.events().await.map_err(|e| e.to_string())?;
		let all: Vec<_> = events.iter().collect::<Result<_, _>>().map_err(|e| e.to_string())?;
		for (index, event) in self.grants.events_in(&all) {
			if event.label != ACCESSED {
				continue;
			}
			let (Some(record), Some(grant), Some(accessor), Some(patient), Some(purpose)) = (
				event.number("record"),
				event.number("grant"),
				event.account("accessor"),
				event.account("patient"),
				event.variant("purpose"),
			) else {
				return Err(format!("an {ACCESSED} event that does not read: {event:?}"));
			};
			if !self.store.holds_record(record).await.map_err(|e| e.to_string())? {
				continue;
			}
			let access = Access {
				block_hash: block.hash().0,
				event_index: index,
				block_number: block.number(),
				grant,
				record,
				accessor: accessor.to_ss58check(),
				patient: patient.to_ss58check(),
				purpose: purpose.to_string(),
				redeemed_at: None,
			};
			self.store.record_access(&access).await.map_err(|e| e.to_string())?;
		}
		self.store.set_followed(block.number()).await.map_err(|e| e.to_string())
	}
}
