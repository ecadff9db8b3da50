//! The `--dev` node: a block as soon as a transaction arrives (instant seal), finalised after
//! `--finalize-delay-sec`, no peers needed.
//!
//! The runtime is the same one the networked chain runs, with Aura and its slot checks, so
//! every sealed block carries an Aura pre-digest. Aura needs each block in a later slot than
//! its parent, while instant seal may seal several blocks within one six-second slot; the
//! timestamp of a dev block is therefore the wall clock, or one slot after its parent if
//! that is later. The dev chain's clock runs ahead of the wall clock only while blocks come
//! faster than one per slot.

use codec::Decode;
use medchain_runtime::opaque::Block;
use sc_client_api::StorageProvider;
use sc_consensus_manual_seal::consensus::aura::AuraConsensusDataProvider;
use sc_service::{error::Error as ServiceError, Configuration, TaskManager};
use sp_core::{hashing::twox_128, storage::StorageKey};
use sp_runtime::traits::Block as BlockT;

use crate::service::{new_core, start_node_services, Core, FullClient, Started};

/// The storage key of `pallet_timestamp::Now`.
fn timestamp_now_key() -> StorageKey {
	StorageKey([twox_128(b"Timestamp"), twox_128(b"Now")].concat())
}

/// The timestamp for a block on top of `parent`: now, but at least one slot after the parent.
fn next_timestamp(
	client: &FullClient,
	parent: <Block as BlockT>::Hash,
	slot_duration_ms: u64,
) -> sp_timestamp::Timestamp {
	let now = sp_timestamp::Timestamp::current().as_millis();
	let parent_time = client
		.storage(parent, &timestamp_now_key())
		.ok()
		.flatten()
		.and_then(|data| u64::decode(&mut &data.0[..]).ok())
		.unwrap_or(0);
	let earliest = if parent_time == 0 { 0 } else { parent_time.saturating_add(slot_duration_ms) };
	now.max(earliest).into()
}

/// The import queue of a dev chain: blocks are sealed locally, so it checks no seal.
pub fn import_queue(
	core: &Core,
	config: &Configuration,
) -> sc_consensus::DefaultImportQueue<Block> {
	sc_consensus_manual_seal::import_queue(
		Box::new(core.client.clone()),
		&core.task_manager.spawn_essential_handle(),
		config.prometheus_registry(),
	)
}

pub fn new_full(
	config: Configuration,
	finalize_delay_sec: u64,
) -> Result<TaskManager, ServiceError> {
	let core = new_core(&config)?;
	let import_queue = import_queue(&core, &config);
	let net_config = sc_network::config::FullNetworkConfiguration::new(&config.network);

	let Started {
		client,
		task_manager,
		select_chain,
		transaction_pool,
		network_starter,
		proposer_factory,
		..
	} = start_node_services(config, core, net_config, import_queue, None)?;

	let slot_duration_ms = sc_consensus_aura::slot_duration(&*client)?.as_millis();
	let cidp_client = client.clone();
	let authorship =
		sc_consensus_manual_seal::run_instant_seal(sc_consensus_manual_seal::InstantSealParams {
			block_import: client.clone(),
			env: proposer_factory,
			client: client.clone(),
			pool: transaction_pool,
			select_chain,
			consensus_data_provider: Some(Box::new(AuraConsensusDataProvider::new(client.clone()))),
			create_inherent_data_providers: move |parent, ()| {
				let timestamp = next_timestamp(&cidp_client, parent, slot_duration_ms);
				async move { Ok(sp_timestamp::InherentDataProvider::new(timestamp)) }
			},
		});
	task_manager.spawn_essential_handle().spawn_blocking("instant-seal", None, authorship);

	task_manager.spawn_essential_handle().spawn_blocking(
		"delayed-finalize",
		None,
		sc_consensus_manual_seal::run_delayed_finalize(
			sc_consensus_manual_seal::DelayedFinalizeParams {
				client,
				spawn_handle: task_manager.spawn_handle(),
				delay_sec: finalize_delay_sec,
			},
		),
	);

	network_starter.start_network();
	Ok(task_manager)
}
