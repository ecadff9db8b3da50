//! The networked node: Aura block authoring and GRANDPA finality (`--chain local` and any
//! chain spec that is not a development chain).

use std::{sync::Arc, time::Duration};

use futures::FutureExt;
use medchain_runtime::{opaque::Block, RuntimeApi};
use sc_client_api::{Backend, BlockBackend};
use sc_consensus_aura::{ImportQueueParams, SlotProportion, StartAuraParams};
use sc_consensus_grandpa::SharedVoterState;
use sc_service::{error::Error as ServiceError, Configuration, TaskManager, WarpSyncParams};
use sc_telemetry::{Telemetry, TelemetryWorker};
use sc_transaction_pool_api::OffchainTransactionPoolFactory;
use sp_consensus_aura::sr25519::AuthorityPair as AuraPair;
use sp_runtime::traits::Block as BlockT;

/// The node runs the runtime as Wasm only (no native runtime).
pub type FullClient = sc_service::TFullClient<
	Block,
	RuntimeApi,
	sc_executor::WasmExecutor<sp_io::SubstrateHostFunctions>,
>;
pub type FullBackend = sc_service::TFullBackend<Block>;
pub type FullSelectChain = sc_consensus::LongestChain<FullBackend, Block>;
pub type FullPool = sc_transaction_pool::FullPool<Block, FullClient>;

/// How often GRANDPA stores a justification, so that syncing nodes can check finality.
const GRANDPA_JUSTIFICATION_PERIOD: u32 = 512;

type GrandpaBlockImport =
	sc_consensus_grandpa::GrandpaBlockImport<FullBackend, Block, FullClient, FullSelectChain>;
type GrandpaLink = sc_consensus_grandpa::LinkHalf<Block, FullClient, FullSelectChain>;

/// The client, database and transaction pool every mode shares, with the telemetry
/// connection if one was asked for.
pub struct Core {
	pub client: Arc<FullClient>,
	pub backend: Arc<FullBackend>,
	pub keystore_container: sc_service::KeystoreContainer,
	pub task_manager: TaskManager,
	pub select_chain: FullSelectChain,
	pub transaction_pool: Arc<FullPool>,
	pub telemetry: Option<Telemetry>,
}

/// Open the database and start the client and the transaction pool.
pub fn new_core(config: &Configuration) -> Result<Core, ServiceError> {
	let telemetry = config
		.telemetry_endpoints
		.clone()
		.filter(|endpoints| !endpoints.is_empty())
		.map(|endpoints| -> Result<_, sc_telemetry::Error> {
			let worker = TelemetryWorker::new(16)?;
			let telemetry = worker.handle().new_telemetry(endpoints);
			Ok((worker, telemetry))
		})
		.transpose()?;

	let executor = sc_service::new_wasm_executor::<sp_io::SubstrateHostFunctions>(config);
	let (client, backend, keystore_container, task_manager) =
		sc_service::new_full_parts::<Block, RuntimeApi, _>(
			config,
			telemetry.as_ref().map(|(_, telemetry)| telemetry.handle()),
			executor,
		)?;
	let client = Arc::new(client);

	let telemetry = telemetry.map(|(worker, telemetry)| {
		task_manager.spawn_handle().spawn("telemetry", None, worker.run());
		telemetry
	});

	let select_chain = sc_consensus::LongestChain::new(backend.clone());
	let transaction_pool = sc_transaction_pool::BasicPool::new_full(
		config.transaction_pool.clone(),
		config.role.is_authority().into(),
		config.prometheus_registry(),
		task_manager.spawn_essential_handle(),
		client.clone(),
	);

	Ok(Core {
		client,
		backend,
		keystore_container,
		task_manager,
		select_chain,
		transaction_pool,
		telemetry,
	})
}

/// The inherent data of an Aura block made now: the timestamp and the slot it falls in.
fn aura_inherent_data(
	slot_duration: sp_consensus_aura::SlotDuration,
) -> (sp_consensus_aura::inherents::InherentDataProvider, sp_timestamp::InherentDataProvider) {
	let timestamp = sp_timestamp::InherentDataProvider::from_system_time();
	let slot = sp_consensus_aura::inherents::InherentDataProvider::from_timestamp_and_slot_duration(
		*timestamp,
		slot_duration,
	);
	(slot, timestamp)
}

/// The core plus Aura's import queue behind GRANDPA's block import.
pub struct Partial {
	pub core: Core,
	pub import_queue: sc_consensus::DefaultImportQueue<Block>,
	pub block_import: GrandpaBlockImport,
	pub grandpa_link: GrandpaLink,
}

pub fn new_partial(config: &Configuration) -> Result<Partial, ServiceError> {
	let core = new_core(config)?;
	let client = core.client.clone();

	let (block_import, grandpa_link) = sc_consensus_grandpa::block_import(
		client.clone(),
		GRANDPA_JUSTIFICATION_PERIOD,
		&client,
		core.select_chain.clone(),
		core.telemetry.as_ref().map(|x| x.handle()),
	)?;

	let slot_duration = sc_consensus_aura::slot_duration(&*client)?;
	let import_queue =
		sc_consensus_aura::import_queue::<AuraPair, _, _, _, _, _>(ImportQueueParams {
			block_import: block_import.clone(),
			justification_import: Some(Box::new(block_import.clone())),
			client: client.clone(),
			create_inherent_data_providers: move |_, ()| async move {
				Ok(aura_inherent_data(slot_duration))
			},
			spawner: &core.task_manager.spawn_essential_handle(),
			registry: config.prometheus_registry(),
			check_for_equivocation: Default::default(),
			telemetry: core.telemetry.as_ref().map(|x| x.handle()),
			compatibility_mode: Default::default(),
		})?;

	Ok(Partial { core, import_queue, block_import, grandpa_link })
}

/// A node whose networking, RPC, offchain workers and background tasks run: what is left
/// is to start its consensus, then the network.
pub struct Started {
	pub client: Arc<FullClient>,
	pub keystore_container: sc_service::KeystoreContainer,
	pub task_manager: TaskManager,
	pub select_chain: FullSelectChain,
	pub transaction_pool: Arc<FullPool>,
	pub telemetry: Option<Telemetry>,
	pub network: Arc<sc_network::NetworkService<Block, <Block as BlockT>::Hash>>,
	pub sync_service: Arc<sc_network_sync::SyncingService<Block>>,
	pub network_starter: sc_service::NetworkStarter,
	pub proposer_factory: ProposerFactory,
	pub prometheus_registry: Option<substrate_prometheus_endpoint::Registry>,
}

/// Builds blocks from the transaction pool, for either consensus.
pub type ProposerFactory =
	sc_basic_authorship::ProposerFactory<FullPool, FullClient, sp_consensus::DisableProofRecording>;

/// Start everything but consensus, shared by the networked and the dev node.
pub fn start_node_services(
	config: Configuration,
	core: Core,
	net_config: sc_network::config::FullNetworkConfiguration,
	import_queue: sc_consensus::DefaultImportQueue<Block>,
	warp_sync_params: Option<WarpSyncParams<Block>>,
) -> Result<Started, ServiceError> {
	let (network, system_rpc_tx, tx_handler_controller, network_starter, sync_service) =
		sc_service::build_network(sc_service::BuildNetworkParams {
			config: &config,
			net_config,
			client: core.client.clone(),
			transaction_pool: core.transaction_pool.clone(),
			spawn_handle: core.task_manager.spawn_handle(),
			import_queue,
			block_announce_validator_builder: None,
			warp_sync_params,
			block_relay: None,
		})?;

	if config.offchain_worker.enabled {
		core.task_manager.spawn_handle().spawn(
			"offchain-workers-runner",
			"offchain-worker",
			sc_offchain::OffchainWorkers::new(sc_offchain::OffchainWorkerOptions {
				runtime_api_provider: core.client.clone(),
				is_validator: config.role.is_authority(),
				keystore: Some(core.keystore_container.keystore()),
				offchain_db: core.backend.offchain_storage(),
				transaction_pool: Some(OffchainTransactionPoolFactory::new(
					core.transaction_pool.clone(),
				)),
				network_provider: network.clone(),
				enable_http_requests: true,
				custom_extensions: |_| vec![],
			})
			.run(core.client.clone(), core.task_manager.spawn_handle())
			.boxed(),
		);
	}

	let prometheus_registry = config.prometheus_registry().cloned();
	let Core {
		client,
		backend,
		keystore_container,
		mut task_manager,
		select_chain,
		transaction_pool,
		mut telemetry,
	} = core;

	let rpc_builder = {
		let client = client.clone();
		let pool = transaction_pool.clone();
		Box::new(move |deny_unsafe, _| {
			let deps =
				crate::rpc::FullDeps { client: client.clone(), pool: pool.clone(), deny_unsafe };
			crate::rpc::create_full(deps).map_err(Into::into)
		})
	};
	sc_service::spawn_tasks(sc_service::SpawnTasksParams {
		network: network.clone(),
		client: client.clone(),
		keystore: keystore_container.keystore(),
		task_manager: &mut task_manager,
		transaction_pool: transaction_pool.clone(),
		rpc_builder,
		backend,
		system_rpc_tx,
		tx_handler_controller,
		sync_service: sync_service.clone(),
		config,
		telemetry: telemetry.as_mut(),
	})?;

	let proposer_factory = sc_basic_authorship::ProposerFactory::new(
		task_manager.spawn_handle(),
		client.clone(),
		transaction_pool.clone(),
		prometheus_registry.as_ref(),
		telemetry.as_ref().map(|x| x.handle()),
	);

	Ok(Started {
		client,
		keystore_container,
		task_manager,
		select_chain,
		transaction_pool,
		telemetry,
		network,
		sync_service,
		network_starter,
		proposer_factory,
		prometheus_registry,
	})
}

/// Run a networked node: sync, author blocks in our Aura slots, vote in GRANDPA.
pub fn new_full(config: Configuration) -> Result<TaskManager, ServiceError> {
	let Partial { core, import_queue, block_import, grandpa_link } = new_partial(&config)?;

	let mut net_config = sc_network::config::FullNetworkConfiguration::new(&config.network);
	let genesis_hash = core
		.client
		.block_hash(0)
		.ok()
		.flatten()
		.ok_or_else(|| ServiceError::Other("the genesis block is missing".into()))?;
	let grandpa_protocol_name =
		sc_consensus_grandpa::protocol_standard_name(&genesis_hash, &config.chain_spec);
	let (grandpa_protocol_config, grandpa_notification_service) =
		sc_consensus_grandpa::grandpa_peers_set_config(grandpa_protocol_name.clone());
	net_config.add_notification_protocol(grandpa_protocol_config);

	let warp_sync = Arc::new(sc_consensus_grandpa::warp_proof::NetworkProvider::new(
		core.backend.clone(),
		grandpa_link.shared_authority_set().clone(),
		Vec::default(),
	));

	let role = config.role.clone();
	let force_authoring = config.force_authoring;
	let name = config.network.node_name.clone();
	let enable_grandpa = !config.disable_grandpa;

	let Started {
		client,
		keystore_container,
		task_manager,
		select_chain,
		transaction_pool,
		telemetry,
		network,
		sync_service,
		network_starter,
		proposer_factory,
		prometheus_registry,
	} = start_node_services(
		config,
		core,
		net_config,
		import_queue,
		Some(WarpSyncParams::WithProvider(warp_sync)),
	)?;

	if role.is_authority() {
		let slot_duration = sc_consensus_aura::slot_duration(&*client)?;
		let aura = sc_consensus_aura::start_aura::<AuraPair, _, _, _, _, _, _, _, _, _, _>(
			StartAuraParams {
				slot_duration,
				client,
				select_chain,
				block_import,
				proposer_factory,
				create_inherent_data_providers: move |_, ()| async move {
					Ok(aura_inherent_data(slot_duration))
				},
				force_authoring,
				backoff_authoring_blocks: Option::<()>::None,
				keystore: keystore_container.keystore(),
				sync_oracle: sync_service.clone(),
				justification_sync_link: sync_service.clone(),
				block_proposal_slot_portion: SlotProportion::new(2f32 / 3f32),
				max_block_proposal_slot_portion: None,
				telemetry: telemetry.as_ref().map(|x| x.handle()),
				compatibility_mode: Default::default(),
			},
		)?;
		task_manager.spawn_essential_handle().spawn_blocking("aura", Some("block-authoring"), aura);
	}

	if enable_grandpa {
		let keystore = role.is_authority().then(|| keystore_container.keystore());
		let grandpa_config = sc_consensus_grandpa::Config {
			gossip_duration: Duration::from_millis(333),
			justification_generation_period: GRANDPA_JUSTIFICATION_PERIOD,
			name: Some(name),
			observer_enabled: false,
			keystore,
			local_role: role,
			telemetry: telemetry.as_ref().map(|x| x.handle()),
			protocol_name: grandpa_protocol_name,
		};
		let grandpa_voter =
			sc_consensus_grandpa::run_grandpa_voter(sc_consensus_grandpa::GrandpaParams {
				config: grandpa_config,
				link: grandpa_link,
				network,
				sync: Arc::new(sync_service),
				notification_service: grandpa_notification_service,
				voting_rule: sc_consensus_grandpa::VotingRulesBuilder::default().build(),
				prometheus_registry,
				shared_voter_state: SharedVoterState::empty(),
				telemetry: telemetry.as_ref().map(|x| x.handle()),
				offchain_tx_pool_factory: OffchainTransactionPoolFactory::new(transaction_pool),
			})?;
		// GRANDPA failing means finality stops, so it is an essential task.
		task_manager.spawn_essential_handle().spawn_blocking("grandpa-voter", None, grandpa_voter);
	}

	network_starter.start_network();
	Ok(task_manager)
}
