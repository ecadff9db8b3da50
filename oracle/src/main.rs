//! `oracle`: train, evaluate and run MedChain's anomaly oracle.
//!
//! ```text
//! oracle generate --seed 1 --count 10 > journeys.jsonl   # look at generated journeys
//! oracle train --seed 1 --count 6000 --out model.json     # fit a model; prints id and version
//! oracle eval --model model.json --seed 2 --count 3000    # precision, recall, F1, confusion
//! oracle run --url ws://127.0.0.1:9944 --contract 5F... --metadata shipment_holds.contract \
//!     --model model.json --suri //Charlie//stash              # score live, report anomalies
//! ```

use clap::{Args, Parser, Subcommand};
use medchain_oracle::{
	contract::HoldsContract,
	evaluation::evaluate,
	follow::{self, Settings},
	generator::generate,
	model::{Model, TrainingSet, DEFAULT_MODEL_ID, DEFAULT_TRAINING},
};
use medchain_runtime::AccountId;
use sp_core::crypto::Ss58Codec;
use std::{path::PathBuf, process::ExitCode, str::FromStr, time::Duration};
use subxt_signer::{sr25519::Keypair, SecretUri};

/// The seed and size of the default training set.
const TRAIN_SEED: u64 = DEFAULT_TRAINING.seed;
const TRAIN_COUNT: usize = DEFAULT_TRAINING.count;
/// The seed and size of the default held-out set (another seed: no journey is shared).
const EVAL_SEED: u64 = 2;
const EVAL_COUNT: usize = 3_000;

#[derive(Parser)]
#[command(name = "oracle", about = "MedChain's anomaly oracle", version)]
struct Cli {
	#[command(subcommand)]
	command: Command,
}

#[derive(Subcommand)]
enum Command {
	/// Print generated journeys (one JSON object per line: journey, time looked at, kind).
	Generate {
		/// The generator's seed.
		#[arg(long, default_value_t = TRAIN_SEED)]
		seed: u64,
		/// How many journeys.
		#[arg(long, default_value_t = 10)]
		count: usize,
	},
	/// Train a model on a generated set and write the model file.
	Train {
		/// The generator's seed.
		#[arg(long, default_value_t = TRAIN_SEED)]
		seed: u64,
		/// How many journeys to train on.
		#[arg(long, default_value_t = TRAIN_COUNT)]
		count: usize,
		/// The model's id, as the contract keeps its record.
		#[arg(long, default_value_t = DEFAULT_MODEL_ID)]
		model_id: u32,
		/// Where to write the model file.
		#[arg(long, default_value = "oracle-model.json")]
		out: PathBuf,
	},
	/// Evaluate a model on a held-out generated set.
	Eval {
		/// The model file.
		#[arg(long, default_value = "oracle-model.json")]
		model: PathBuf,
		/// The held-out set's seed (not the training seed).
		#[arg(long, default_value_t = EVAL_SEED)]
		seed: u64,
		/// How many journeys.
		#[arg(long, default_value_t = EVAL_COUNT)]
		count: usize,
	},
	/// Print what the shipment-holds admin registers for a model file, as one JSON line:
	/// its id, its version (the blake2-256 of the file), the blake2-256 of its evaluation
	/// (exactly the text `oracle eval` prints for it on the default held-out set) and the
	/// threshold given.
	Registration {
		/// The model file.
		#[arg(long, default_value = "oracle-model.json")]
		model: PathBuf,
		/// The score threshold to register it with (1–10 000): the operating point the admin
		/// chose from its evaluation.
		#[arg(long, default_value_t = 8_000, value_parser = clap::value_parser!(u16).range(1..=10_000))]
		threshold: u16,
	},
	/// Follow a node, score shipments live and report anomalies to shipment-holds.
	Run(RunArgs),
}

#[derive(Args)]
struct RunArgs {
	/// The node's WebSocket RPC URL.
	#[arg(long, default_value = "ws://127.0.0.1:9944")]
	url: String,
	/// The shipment-holds contract's address (SS58).
	#[arg(long)]
	contract: String,
	/// The contract's metadata (`shipment_holds.contract`, as cargo-contract builds it).
	#[arg(long)]
	metadata: PathBuf,
	/// The model file.
	#[arg(long, default_value = "oracle-model.json")]
	model: PathBuf,
	/// The oracle's secret key URI (`//Charlie//stash`, a mnemonic, or a 0x seed).
	#[arg(long, conflicts_with = "key_file", required_unless_present = "key_file")]
	suri: Option<String>,
	/// A file holding the oracle's secret key URI (better than --suri outside a dev chain:
	/// it stays out of the process list).
	#[arg(long)]
	key_file: Option<PathBuf>,
	/// The lowest score worth reporting; the contract applies its own thresholds as well.
	#[arg(long, default_value_t = 5_000, value_parser = clap::value_parser!(u16).range(0..=10_000))]
	min_score: u16,
	/// Seconds between scoring the shipments in transit again without news.
	#[arg(long, default_value_t = 30)]
	rescore_secs: u64,
	/// Where reported findings, and reports in flight, are remembered across restarts
	/// (the file is replaced whole or not at all).
	#[arg(long, default_value = "oracle-state.json")]
	state: PathBuf,
	/// Where each report's evidence document is written.
	#[arg(long, default_value = "oracle-evidence")]
	evidence_dir: PathBuf,
}

/// What `oracle eval` prints for `model` on the held-out set `seed`, `count`: the text whose
/// blake2-256 the shipment-holds admin registers as the model's evaluation.
fn evaluation_report(model: &Model, seed: u64, count: usize) -> String {
	format!(
		"model {} version 0x{} on {count} held-out journeys from seed {seed}\n\n{}\n",
		model.model_id,
		hex::encode(model.file_hash),
		evaluate(model, &generate(seed, count))
	)
}

fn main() -> ExitCode {
	match run(Cli::parse()) {
		Ok(()) => ExitCode::SUCCESS,
		Err(error) => {
			eprintln!("oracle: {error}");
			ExitCode::FAILURE
		}
	}
}

fn run(cli: Cli) -> Result<(), Box<dyn std::error::Error>> {
	match cli.command {
		Command::Generate { seed, count } => {
			for example in generate(seed, count) {
				println!("{}", serde_json::to_string(&example)?);
			}
		}
		Command::Train { seed, count, model_id, out } => {
			let model =
				Model::train(model_id, TrainingSet { seed, count }, &generate(seed, count))?;
			model.save(&out)?;
			println!(
				"model {} version {:08x} ({}), trained on {count} journeys from seed {seed}, written to {}",
				model.model_id,
				model.version,
				model.version,
				out.display()
			);
		}
		Command::Eval { model, seed, count } => {
			let model = Model::load(&model)?;
			if seed == model.trained_on.seed {
				return Err(format!(
					"seed {seed} is the training seed: evaluate on a held-out seed"
				)
				.into());
			}
			print!("{}", evaluation_report(&model, seed, count));
		}
		Command::Registration { model, threshold } => {
			let model = Model::load(&model)?;
			let report = evaluation_report(&model, EVAL_SEED, EVAL_COUNT);
			let hex = |bytes: [u8; 32]| format!("0x{}", hex::encode(bytes));
			let registration = serde_json::json!({
				"model_id": model.model_id,
				"version": hex(model.file_hash),
				"evaluation": hex(sp_crypto_hashing::blake2_256(report.as_bytes())),
				"threshold": threshold,
			});
			println!("{registration}");
		}
		Command::Run(args) => {
			let settings = settings(args)?;
			let runtime = tokio::runtime::Runtime::new()?;
			runtime.block_on(follow::run(settings))?;
		}
	}
	Ok(())
}

fn settings(args: RunArgs) -> Result<Settings, Box<dyn std::error::Error>> {
	let address = AccountId::from_ss58check(&args.contract)
		.map_err(|e| format!("--contract {}: not an SS58 address ({e:?})", args.contract))?;
	let suri = match (args.suri, &args.key_file) {
		(Some(suri), _) => suri,
		(None, Some(path)) => std::fs::read_to_string(path)
			.map_err(|e| format!("--key-file {}: {e}", path.display()))?
			.trim()
			.to_string(),
		(None, None) => return Err("give the oracle's key with --suri or --key-file".into()),
	};
	let uri = SecretUri::from_str(&suri).map_err(|e| format!("the oracle's key: {e}"))?;
	let signer = Keypair::from_uri(&uri).map_err(|e| format!("the oracle's key: {e}"))?;
	Ok(Settings {
		url: args.url,
		contract: HoldsContract::load(address, &args.metadata)?,
		model: Model::load(&args.model)?,
		signer,
		min_score: args.min_score,
		rescore_every: Duration::from_secs(args.rescore_secs.max(1)),
		state_file: args.state,
		evidence_dir: args.evidence_dir,
	})
}
