//! Command-line interface.

/// Sub-commands besides running the node.
#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
	/// Key management: generate, inspect and insert keys.
	#[command(subcommand)]
	Key(sc_cli::KeySubcommand),

	/// Write a chain specification (add `--raw` for the form other nodes load).
	BuildSpec(sc_cli::BuildSpecCmd),

	/// Check that a block is valid.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Export blocks to a file.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Export the state at a block into a chain specification.
	ExportState(sc_cli::ExportStateCmd),

	/// Import blocks from a file.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Remove the whole chain database.
	PurgeChain(sc_cli::PurgeChainCmd),

	/// Revert the chain to an earlier state.
	Revert(sc_cli::RevertCmd),

	/// Benchmark pallets and the machine (build with `--features runtime-benchmarks`).
	#[cfg(feature = "runtime-benchmarks")]
	#[command(subcommand)]
	Benchmark(frame_benchmarking_cli::BenchmarkCmd),
}

#[derive(Debug, clap::Parser)]
#[command(
	propagate_version = true,
	args_conflicts_with_subcommands = true,
	subcommand_negates_reqs = true
)]
pub struct Cli {
	#[command(subcommand)]
	pub subcommand: Option<Subcommand>,

	#[clap(flatten)]
	pub run: sc_cli::RunCmd,

	/// With `--dev`: seconds between sealing a block and finalising it.
	#[arg(long, default_value_t = 1)]
	pub finalize_delay_sec: u8,
}
