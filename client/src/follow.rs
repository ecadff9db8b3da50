//! Following the finalised chain: every finalised block once, in order, with no gap, across
//! lost connections and restarts.
//!
//! [`follow_finalised`] connects, hands each finalised block to a [`Follower`] in order
//! (blocks a dropped connection or a restart skipped are read by number first), reconnects
//! with back-off (1 s doubling to 30 s) when the node goes away, and publishes what it
//! knows of the chain in a [`tokio::sync::watch`] channel ([`ChainState`]), so a service can
//! answer "the chain is unreachable" instead of acting on a stale view.
//!
//! Only finalised blocks are followed: what they hold cannot be reverted, so a service that
//! acts on their events (the record gateway releasing a record against an `Accessed` event)
//! never acts on something the chain later forgets.

use crate::{
	chain::{BlockHash, Client},
	extrinsic::Rpc,
};
use std::{future::Future, time::Duration};
use subxt::{backend::rpc::RpcClient, blocks::Block, PolkadotConfig};
use tokio::sync::watch;

/// A finalised block, as the follower hands it on.
pub type FinalisedBlock = Block<PolkadotConfig, Client>;

/// The longest wait between reconnection attempts.
pub const MAX_BACKOFF: Duration = Duration::from_secs(30);

/// A connection to a node: the subxt client and the node's legacy RPC methods.
#[derive(Clone)]
pub struct Connection {
	/// The client (storage, runtime API, events, extrinsics).
	pub client: Client,
	/// The legacy RPC methods (block hashes by number, nonces, raw submission).
	pub rpc: Rpc,
}

impl Connection {
	/// Connect to the node at `url` (`ws://` or `wss://`).
	pub async fn open(url: &str) -> Result<Self, subxt::Error> {
		let rpc_client = RpcClient::from_url(url).await?;
		let client = Client::from_rpc_client(rpc_client.clone()).await?;
		Ok(Connection { client, rpc: Rpc::new(rpc_client) })
	}
}

/// What a service knows of the chain right now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChainState {
	/// Not connected (yet, or any more): nothing the chain says can be checked.
	Unreachable {
		/// Why, for the log and for an answer to a client.
		reason: String,
	},
	/// Connected, and every finalised block up to `number` has been handed on.
	Following {
		/// The latest finalised block handed on.
		number: u32,
		/// Its hash.
		hash: BlockHash,
	},
}

/// What a service does with the finalised chain.
pub trait Follower: Send {
	/// The number of the last block this follower has handled (kept across restarts, in
	/// its own store), if any: following resumes after it. None: start at the finalised
	/// head the node reports on the first connection.
	fn resume_after(&mut self) -> impl Future<Output = Result<Option<u32>, String>> + Send;

	/// Handle one finalised block. Blocks come in order, each once; an error drops the
	/// connection and the block is handed on again after reconnecting.
	fn on_block(
		&mut self,
		connection: &Connection,
		block: &FinalisedBlock,
	) -> impl Future<Output = Result<(), String>> + Send;
}

/// Follow the finalised blocks of the node at `url` for ever (until the future is dropped),
/// handing each to `follower` and publishing the state in `state`.
pub async fn follow_finalised<F: Follower>(
	url: &str,
	follower: &mut F,
	state: &watch::Sender<ChainState>,
) {
	let mut backoff = Duration::from_secs(1);
	loop {
		let reason = match follow_once(url, follower, state, &mut backoff).await {
			Ok(()) => "the node ended the block subscription".to_string(),
			Err(reason) => reason,
		};
		state.send_replace(ChainState::Unreachable { reason: reason.clone() });
		eprintln!("chain at {url}: {reason}; reconnecting in {}s", backoff.as_secs());
		tokio::time::sleep(backoff).await;
		backoff = (backoff * 2).min(MAX_BACKOFF);
	}
}

/// One connection's life: catch up from where the follower left off, then follow.
async fn follow_once<F: Follower>(
	url: &str,
	follower: &mut F,
	state: &watch::Sender<ChainState>,
	backoff: &mut Duration,
) -> Result<(), String> {
	let connection = Connection::open(url).await.map_err(|e| e.to_string())?;
	let mut blocks =
		connection.client.blocks().subscribe_finalized().await.map_err(|e| e.to_string())?;
	let mut next = follower.resume_after().await?.map(|n| n.saturating_add(1));
	*backoff = Duration::from_secs(1);
	while let Some(block) = blocks.next().await {
		let block = block.map_err(|e| e.to_string())?;
		let head = block.number();
		// Blocks finalised while this follower was away, or that the subscription skipped.
		let from = *next.get_or_insert(head);
		for number in from..head {
			let hash = crate::extrinsic::block_hash(&connection.rpc, number)
				.await
				.map_err(|e| e.to_string())?;
			let missed = connection.client.blocks().at(hash).await.map_err(|e| e.to_string())?;
			follower.on_block(&connection, &missed).await?;
			state.send_replace(ChainState::Following { number, hash });
		}
		if head >= from {
			follower.on_block(&connection, &block).await?;
			state.send_replace(ChainState::Following { number: head, hash: block.hash() });
			next = Some(head.saturating_add(1));
		}
	}
	Ok(())
}
