//! Parsing the command line and running the chosen command.

use sc_cli::SubstrateCli;
use sc_service::{ChainType, PartialComponents};

use crate::{
	chain_spec,
	cli::{Cli, Subcommand},
	dev_service, service,
};

impl SubstrateCli for Cli {
	fn impl_name() -> String {
		"MedChain Node".into()
	}

	/// The crate's version. The node template appends the git commit, which makes every new
	/// commit recompile this crate (about 3 minutes on two cores, in every CI run of a fresh
	/// clone); `--version` names the release instead.
	fn impl_version() -> String {
		env!("CARGO_PKG_VERSION").into()
	}

	fn description() -> String {
		env!("CARGO_PKG_DESCRIPTION").into()
	}

	fn author() -> String {
		env!("CARGO_PKG_AUTHORS").into()
	}

	fn support_url() -> String {
		"the MedChain issue tracker".into()
	}

	fn copyright_start_year() -> i32 {
		2026
	}

	fn load_spec(&self, id: &str) -> Result<Box<dyn sc_service::ChainSpec>, String> {
		Ok(match id {
			"" | "dev" => Box::new(chain_spec::development_config()?),
			"local" => Box::new(chain_spec::local_config()?),
			path => {
				Box::new(chain_spec::ChainSpec::from_json_file(std::path::PathBuf::from(path))?)
			}
		})
	}
}

fn is_dev(config: &sc_service::Configuration) -> bool {
	config.chain_spec.chain_type() == ChainType::Development
}

/// The parts the block and state subcommands need.
type ChainOps = PartialComponents<
	service::FullClient,
	service::FullBackend,
	service::FullSelectChain,
	sc_consensus::DefaultImportQueue<medchain_runtime::opaque::Block>,
	service::FullPool,
	(),
>;

/// Open the chain with the import queue that fits it: instant-seal blocks carry no Aura
/// seal, so a dev chain imports without that check.
fn chain_ops(config: &sc_service::Configuration) -> Result<ChainOps, sc_service::Error> {
	let (core, import_queue) = if is_dev(config) {
		let core = service::new_core(config)?;
		let import_queue = dev_service::import_queue(&core, config);
		(core, import_queue)
	} else {
		let partial = service::new_partial(config)?;
		(partial.core, partial.import_queue)
	};
	Ok(PartialComponents {
		client: core.client,
		backend: core.backend,
		task_manager: core.task_manager,
		import_queue,
		keystore_container: core.keystore_container,
		select_chain: core.select_chain,
		transaction_pool: core.transaction_pool,
		other: (),
	})
}

/// Run the node or one of its subcommands.
pub fn run() -> sc_cli::Result<()> {
	let cli = Cli::from_args();

	match &cli.subcommand {
		Some(Subcommand::Key(cmd)) => cmd.run(&cli),
		Some(Subcommand::BuildSpec(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run(config.chain_spec, config.network))
		}
		Some(Subcommand::CheckBlock(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let ops = chain_ops(&config)?;
				Ok((cmd.run(ops.client, ops.import_queue), ops.task_manager))
			})
		}
		Some(Subcommand::ExportBlocks(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let ops = chain_ops(&config)?;
				Ok((cmd.run(ops.client, config.database), ops.task_manager))
			})
		}
		Some(Subcommand::ExportState(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let ops = chain_ops(&config)?;
				Ok((cmd.run(ops.client, config.chain_spec), ops.task_manager))
			})
		}
		Some(Subcommand::ImportBlocks(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let ops = chain_ops(&config)?;
				Ok((cmd.run(ops.client, ops.import_queue), ops.task_manager))
			})
		}
		Some(Subcommand::PurgeChain(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run(config.database))
		}
		Some(Subcommand::Revert(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let ops = chain_ops(&config)?;
				// Reverting must also roll GRANDPA's authority set back.
				let aux_revert = Box::new(|client, _, blocks| {
					sc_consensus_grandpa::revert(client, blocks)?;
					Ok(())
				});
				Ok((cmd.run(ops.client, ops.backend, Some(aux_revert)), ops.task_manager))
			})
		}
		#[cfg(feature = "runtime-benchmarks")]
		Some(Subcommand::Benchmark(cmd)) => {
			use frame_benchmarking_cli::{BenchmarkCmd, SUBSTRATE_REFERENCE_HARDWARE};
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| match cmd {
				BenchmarkCmd::Pallet(cmd) => cmd.run::<sp_runtime::traits::HashingFor<
					medchain_runtime::opaque::Block,
				>, sp_io::SubstrateHostFunctions>(config),
				BenchmarkCmd::Machine(cmd) => {
					cmd.run(&config, SUBSTRATE_REFERENCE_HARDWARE.clone())
				}
				_ => Err("this benchmark subcommand is not supported by medchain-node".into()),
			})
		}
		None => {
			let runner = cli.create_runner(&cli.run)?;
			let finalize_delay_sec = cli.finalize_delay_sec.into();
			runner.run_node_until_exit(|config| async move {
				if is_dev(&config) {
					dev_service::new_full(config, finalize_delay_sec)
				} else {
					service::new_full(config)
				}
				.map_err(sc_cli::Error::Service)
			})
		}
	}
}
