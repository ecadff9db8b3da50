//! `oracle`: train, evaluate and run MedChain's anomaly oracle.
//!
//! ```text
//! oracle generate --seed 1 --count 10 > journeys.jsonl   # look at generated journeys
//! oracle train --seed 1 --count 6000 --out model.json     # fit a model; prints id and version
//! oracle eval --model model.json --seed 2 --count 3000    # precision, recall, F1, confusion
//! ```

use clap::{Parser, Subcommand};
use medchain_oracle::{
	evaluation::evaluate,
	generator::generate,
	model::{Model, TrainingSet},
};
use std::{path::PathBuf, process::ExitCode};

/// The seed and size of the default training set.
const TRAIN_SEED: u64 = 1;
const TRAIN_COUNT: usize = 6_000;
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
		#[arg(long, default_value_t = 1)]
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
			println!(
				"model {} version {:08x} on {count} held-out journeys from seed {seed}\n",
				model.model_id, model.version
			);
			println!("{}", evaluate(&model, &generate(seed, count)));
		}
	}
	Ok(())
}
