//! Signed extrinsics and their fate on the finalised chain, as any service that submits to
//! MedChain needs them: signed with an explicit nonce and a mortal era, watched until they
//! are in a finalised block, and settled by the signer's nonce when the watch was lost (a
//! restart, a dropped connection).
//!
//! Settling by nonce: the signer's nonce at a finalised block counts its extrinsics there.
//! Once it is past an extrinsic's nonce, the first finalised block where it is past it used
//! that nonce: the extrinsic is in that block, or another extrinsic of the signer took its
//! nonce and it never will be. Until then, once its mortal era is over, it never will be
//! either. Nothing else decides, so an extrinsic is neither counted twice nor lost.

use crate::chain::{BlockHash, Client};
use codec::Encode;
use medchain_runtime::AccountId;
use subxt::{
	backend::legacy::LegacyRpcMethods,
	blocks::ExtrinsicEvents,
	config::DefaultExtrinsicParamsBuilder,
	error::DispatchError,
	events::EventDetails,
	tx::{SubmittableExtrinsic, TxPayload, TxProgress},
	PolkadotConfig,
};
use subxt_signer::sr25519::Keypair;

/// The node's legacy RPC methods (nonces, block hashes by number, raw submission).
pub type Rpc = LegacyRpcMethods<PolkadotConfig>;
/// A block header.
pub type Header = <PolkadotConfig as subxt::Config>::Header;
/// An extrinsic signed and ready to submit.
pub type Signed = SubmittableExtrinsic<PolkadotConfig, Client>;

/// How many blocks an extrinsic may wait to be included (its mortal era, a power of two):
/// once this many blocks are finalised after the one it was signed at, an extrinsic in none
/// of them never will be.
pub const ERA_BLOCKS: u64 = 64;

/// Sign `call` as `signer` with `nonce`, mortal from block `from`.
pub fn sign(
	client: &Client,
	call: &impl TxPayload,
	signer: &Keypair,
	nonce: u64,
	from: &Header,
) -> Result<Signed, subxt::Error> {
	let params = DefaultExtrinsicParamsBuilder::<PolkadotConfig>::new()
		.nonce(nonce)
		.mortal(from, ERA_BLOCKS)
		.build();
	client.tx().create_signed_offline(call, signer, params)
}

/// The nonce for `who`'s next extrinsic: the node's next index (which counts its pool), or
/// `at_least` if that is more (extrinsics this process submitted that the pool has not
/// shown yet).
pub async fn next_nonce(rpc: &Rpc, who: &AccountId, at_least: u64) -> Result<u64, subxt::Error> {
	let account = subxt::utils::AccountId32(who.clone().into());
	Ok(rpc.system_account_next_index(&account).await?.max(at_least))
}

/// `who`'s nonce at block `at`: how many of its extrinsics the chain holds there.
pub async fn nonce_at(
	client: &Client,
	who: &AccountId,
	at: BlockHash,
) -> Result<u64, subxt::Error> {
	let nonce: u32 = client
		.runtime_api()
		.at(at)
		.call_raw("AccountNonceApi_account_nonce", Some(&who.encode()))
		.await?;
	Ok(u64::from(nonce))
}

/// The hash of the block at height `number` on the node's chain (the finalised one, for a
/// finalised height).
pub async fn block_hash(rpc: &Rpc, number: u32) -> Result<BlockHash, subxt::Error> {
	rpc.chain_get_block_hash(Some(number.into()))
		.await?
		.ok_or_else(|| subxt::Error::Other(format!("the node has no block #{number}")))
}

/// Wait until the watched extrinsic is in a finalised block: that block and its events
/// there (whether it succeeded or failed). An error means the watch ended without knowing.
pub async fn finalised(
	progress: TxProgress<PolkadotConfig, Client>,
) -> Result<(BlockHash, ExtrinsicEvents<PolkadotConfig>), subxt::Error> {
	let in_block = progress.wait_for_finalized().await?;
	let events = in_block.fetch_events().await?;
	Ok((in_block.block_hash(), events))
}

/// The dispatch error of a failed extrinsic, named, from its events (none if it succeeded).
pub fn failure(events: &[EventDetails<PolkadotConfig>], client: &Client) -> Option<String> {
	let failed = events
		.iter()
		.find(|e| e.pallet_name() == "System" && e.variant_name() == "ExtrinsicFailed")?;
	Some(match DispatchError::decode_from(failed.field_bytes(), client.metadata()) {
		Ok(error) => error.to_string(),
		Err(error) => format!("a dispatch error that does not decode ({error})"),
	})
}

/// An extrinsic submitted earlier, as its submitter remembers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InFlight {
	/// Its hash.
	pub hash: [u8; 32],
	/// The signer's nonce it uses.
	pub nonce: u64,
	/// The finalised block it was signed at (its era starts there).
	pub signed_at: u32,
}

/// What became of an extrinsic in flight, as of a finalised block.
pub enum Fate {
	/// It is in this finalised block, with these events.
	Included { block: BlockHash, number: u32, events: ExtrinsicEvents<PolkadotConfig> },
	/// It is in no block and never will be.
	Lost(String),
	/// Not known yet: it may still be included.
	Undecided,
}

/// The fate of `who`'s extrinsic `flight` as of the finalised block `head` (at `height`).
pub async fn settle(
	client: &Client,
	rpc: &Rpc,
	who: &AccountId,
	flight: &InFlight,
	head: BlockHash,
	height: u32,
) -> Result<Fate, subxt::Error> {
	if nonce_at(client, who, head).await? <= flight.nonce {
		let over = u64::from(height) >= u64::from(flight.signed_at) + ERA_BLOCKS;
		return Ok(if over {
			Fate::Lost("its era ended before any block included it".into())
		} else {
			Fate::Undecided
		});
	}
	if height <= flight.signed_at {
		// Past the nonce already where it was signed: this is not the chain it was signed on.
		return Ok(Fate::Lost(format!(
			"the chain at #{height} is not the one it was signed on at #{}",
			flight.signed_at
		)));
	}
	// The nonce was not used at the block it was signed at, and is at `head`: find the first
	// block where it is.
	let (mut low, mut high) = (flight.signed_at, height);
	while high - low > 1 {
		let middle = low + (high - low) / 2;
		if nonce_at(client, who, block_hash(rpc, middle).await?).await? > flight.nonce {
			high = middle;
		} else {
			low = middle;
		}
	}
	let block = block_hash(rpc, high).await?;
	let extrinsics = client.blocks().at(block).await?.extrinsics().await?;
	for extrinsic in extrinsics.iter() {
		let extrinsic = extrinsic?;
		// The hash of an extrinsic is the hash of its encoding, length prefix included.
		if sp_crypto_hashing::blake2_256(&extrinsic.bytes().encode()) == flight.hash {
			return Ok(Fate::Included { block, number: high, events: extrinsic.events().await? });
		}
	}
	Ok(Fate::Lost(format!("another extrinsic of the signer took its nonce in block #{high}")))
}
