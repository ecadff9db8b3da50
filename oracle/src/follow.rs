//! `oracle run`: follow the chain's best blocks, score every shipment their drug-tracking
//! events touch (and every shipment in transit, again, as time passes, so that a shipment
//! that goes quiet is noticed), and report anomalies to the shipment-holds contract.
//!
//! - A report is dry-run first; only an answer that opens a case or adds evidence is
//!   submitted, so a refusal costs nothing and is logged by the contract's own error name.
//! - A finding is reported once: the same shipment with the same likeliest anomaly and the
//!   same reasons is not new evidence, however often it is scored again. Findings are kept
//!   in a state file, so a restart of the oracle or the node does not repeat them.
//! - Each report's evidence (the features, the model, the score and reasons) is written to
//!   the evidence directory as `<evidence hash>.json`: the hash on chain is the blake2-256
//!   of exactly that file, so an auditor can check it.
//! - A node that is down or drops the connection is retried with back-off (1 s doubling to
//!   30 s). A contract that is not there, or a key the contract does not accept as an
//!   oracle, stops the oracle with an error that says what to do.

use crate::{
	chain::{self, BlockHash, Client, Registry},
	contract::{Answer, ContractError, HoldsContract, Report},
	features::{self, Features, NAMES},
	generator::Kind,
	journey::Moment,
	mapping,
	model::Model,
};
use medchain_primitives::holds::ReasonCode;
use medchain_runtime::AccountId;
use pallet_drug_tracking::ShipmentId;
use serde::{Deserialize, Serialize};
use std::{
	collections::{BTreeMap, BTreeSet},
	path::{Path, PathBuf},
	time::{Duration, Instant},
};
use subxt_signer::sr25519::Keypair;

/// The longest wait between reconnection attempts.
const MAX_BACKOFF: Duration = Duration::from_secs(30);

/// How the oracle runs.
pub struct Settings {
	/// The node's WebSocket RPC URL.
	pub url: String,
	/// The shipment-holds contract.
	pub contract: HoldsContract,
	/// The model.
	pub model: Model,
	/// The oracle's key.
	pub signer: Keypair,
	/// The lowest score worth reporting (the contract applies its own thresholds too).
	pub min_score: u16,
	/// How often shipments in transit are scored again without news.
	pub rescore_every: Duration,
	/// Where reported findings are remembered.
	pub state_file: PathBuf,
	/// Where each report's evidence is written.
	pub evidence_dir: PathBuf,
}

impl Settings {
	/// The oracle's account.
	fn oracle(&self) -> AccountId {
		AccountId::from(self.signer.public_key().0)
	}
}

/// The block the oracle scores at, with its time (read once per block).
#[derive(Clone, Copy)]
struct Head {
	hash: BlockHash,
	number: u32,
	now: Moment,
}

impl Head {
	async fn read(client: &Client, hash: BlockHash, number: u32) -> Result<Self, subxt::Error> {
		Ok(Head { hash, number, now: chain::now(client, hash).await? })
	}
}

/// Why the oracle stopped.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
	/// The contract does not accept the key as an oracle.
	#[error(
		"{0} is not an oracle of the shipment-holds contract: its admin must call \
		 administer(Oracle({0}, true)), and the account must be an active AnomalyOracle \
		 participant"
	)]
	NotAuthorised(AccountId),
	/// The contract is missing or not the expected one.
	#[error(transparent)]
	Contract(ContractError),
	/// The state file or evidence directory could not be used.
	#[error("{path}: {reason}")]
	Files { path: String, reason: String },
}

/// Why one connection ended.
enum Stop {
	/// The node is unreachable or the connection broke: try again.
	Connection(String),
	/// Nothing to retry.
	Fatal(RunError),
}

impl From<subxt::Error> for Stop {
	fn from(error: subxt::Error) -> Self {
		Stop::Connection(error.to_string())
	}
}

impl From<RunError> for Stop {
	fn from(error: RunError) -> Self {
		Stop::Fatal(error)
	}
}

/// What was reported about a shipment: its likeliest anomaly and reasons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Finding {
	anomaly: Kind,
	reasons: Vec<String>,
	evidence_hash: String,
}

/// The findings already reported, by shipment, kept in the state file.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Memory {
	reported: BTreeMap<ShipmentId, Vec<Finding>>,
}

impl Memory {
	fn load(path: &Path) -> Result<Self, RunError> {
		match std::fs::read_to_string(path) {
			Ok(json) => serde_json::from_str(&json).map_err(|e| files(path, e)),
			Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Memory::default()),
			Err(e) => Err(files(path, e)),
		}
	}

	fn save(&self, path: &Path) -> Result<(), RunError> {
		let json = serde_json::to_string_pretty(self).map_err(|e| files(path, e))?;
		std::fs::write(path, json).map_err(|e| files(path, e))
	}

	fn knows(&self, shipment: ShipmentId, anomaly: Kind, reasons: &[String]) -> bool {
		self.reported
			.get(&shipment)
			.is_some_and(|f| f.iter().any(|f| f.anomaly == anomaly && f.reasons == reasons))
	}
}

fn files(path: &Path, error: impl std::fmt::Display) -> RunError {
	RunError::Files { path: path.display().to_string(), reason: error.to_string() }
}

/// The evidence behind a report: the exact bytes its hash is taken of.
#[derive(Serialize)]
struct Evidence<'a> {
	shipment: ShipmentId,
	block: String,
	at: u64,
	model_id: u32,
	model_version: u32,
	features: BTreeMap<&'a str, f64>,
	score: u16,
	anomaly: Kind,
	reasons: &'a [String],
}

/// Run until a fatal error: follow the chain, reconnecting with back-off.
pub async fn run(settings: Settings) -> Result<(), RunError> {
	std::fs::create_dir_all(&settings.evidence_dir)
		.map_err(|e| files(&settings.evidence_dir, e))?;
	let mut memory = Memory::load(&settings.state_file)?;
	let mut backoff = Duration::from_secs(1);
	loop {
		match follow(&settings, &mut memory, &mut backoff).await {
			Stop::Fatal(error) => return Err(error),
			Stop::Connection(reason) => {
				println!(
					"node at {} unreachable or lost ({reason}); retrying in {}s",
					settings.url,
					backoff.as_secs()
				);
				tokio::time::sleep(backoff).await;
				backoff = (backoff * 2).min(MAX_BACKOFF);
			}
		}
	}
}

/// One connection's life: check the contract and the key, score what is on chain, then
/// follow new best blocks.
async fn follow(settings: &Settings, memory: &mut Memory, backoff: &mut Duration) -> Stop {
	match follow_inner(settings, memory, backoff).await {
		Ok(()) => Stop::Connection("the node ended the block subscription".into()),
		Err(stop) => stop,
	}
}

async fn follow_inner(
	settings: &Settings,
	memory: &mut Memory,
	backoff: &mut Duration,
) -> Result<(), Stop> {
	let client = Client::from_url(&settings.url).await?;
	let oracle = settings.oracle();
	// The subscription starts with the current best block (`at_latest` would be the last
	// finalised one, which lags on a dev chain).
	let mut blocks = client.blocks().subscribe_best().await?;
	let Some(best) = blocks.next().await else {
		return Err(Stop::Connection("the node sent no best block".into()));
	};
	let best = best?;
	settings.contract.check_deployed(&client, best.hash()).await.map_err(fatal)?;
	check_authorised(settings, &client, best.hash(), &oracle).await?;
	*backoff = Duration::from_secs(1);
	println!(
		"connected to {} at block #{}; reporting to {} as {oracle} with model {} version {:08x}",
		settings.url,
		best.number(),
		settings.contract.address,
		settings.model.model_id,
		settings.model.version
	);

	let mut in_transit: BTreeSet<ShipmentId> = BTreeSet::new();
	let shipments = chain::all_shipments(&client, best.hash()).await?;
	println!("{} shipments on chain", shipments.len());
	let mut head = Head::read(&client, best.hash(), best.number()).await?;
	let mut registry = Registry::read(&client, best.hash()).await?;
	for shipment in shipments {
		assess(
			settings,
			memory,
			&client,
			&registry,
			head,
			Instant::now(),
			shipment,
			&mut in_transit,
		)
		.await?;
	}

	let mut rescore = tokio::time::interval(settings.rescore_every);
	rescore.tick().await;
	loop {
		tokio::select! {
			block = blocks.next() => {
				let Some(block) = block else { return Ok(()) };
				let block = block?;
				let arrived = Instant::now();
				head = Head::read(&client, block.hash(), block.number()).await?;
				let news = chain::news(&client, block.hash()).await?;
				if news.participants_changed {
					registry = Registry::read(&client, block.hash()).await?;
				}
				for shipment in news.touched {
					assess(settings, memory, &client, &registry, head, arrived, shipment, &mut in_transit)
						.await?;
				}
			},
			_ = rescore.tick() => {
				let tick = Instant::now();
				for shipment in in_transit.clone() {
					assess(settings, memory, &client, &registry, head, tick, shipment, &mut in_transit)
						.await?;
				}
			},
		}
	}
}

fn fatal(error: ContractError) -> Stop {
	match error {
		ContractError::Chain(e) => e.into(),
		other => Stop::Fatal(RunError::Contract(other)),
	}
}

/// A dry-run report on a shipment that cannot exist: an oracle the contract accepts is
/// told the shipment is unknown; any other account is told it is not an oracle.
async fn check_authorised(
	settings: &Settings,
	client: &Client,
	at: BlockHash,
	oracle: &AccountId,
) -> Result<(), Stop> {
	let probe = Report {
		shipment: ShipmentId::MAX,
		score: 0,
		model_id: settings.model.model_id,
		model_version: settings.model.version,
		evidence_hash: [0; 32],
		reasons: vec![ReasonCode::TemperatureExcursion],
	};
	match settings.contract.dry_run(client, at, oracle, &probe).await.map_err(fatal)?.answer {
		Answer::Refused(error) if error == "NotAnOracle" => {
			Err(Stop::Fatal(RunError::NotAuthorised(oracle.clone())))
		}
		_ => Ok(()),
	}
}

/// Score one shipment at the latest block and report it if it is anomalous, in transit and
/// not already reported with the same finding. `since` is when the news arrived (the block
/// that touched it, or the rescoring tick): a report says how long it took from there.
#[allow(clippy::too_many_arguments)]
async fn assess(
	settings: &Settings,
	memory: &mut Memory,
	client: &Client,
	registry: &Registry,
	head: Head,
	since: Instant,
	shipment: ShipmentId,
	in_transit: &mut BTreeSet<ShipmentId>,
) -> Result<(), Stop> {
	let Head { hash: at, number, now } = head;
	let snapshot = match chain::shipment(client, at, shipment).await {
		Ok(Some(record)) => mapping::snapshot(shipment, &record, registry),
		Ok(None) => {
			in_transit.remove(&shipment);
			return Ok(());
		}
		Err(error @ (subxt::Error::Rpc(_) | subxt::Error::Io(_))) => return Err(error.into()),
		Err(error) => {
			println!("shipment {shipment}: cannot read it at #{number}: {error}");
			return Ok(());
		}
	};
	if snapshot.in_transit {
		in_transit.insert(shipment);
	} else {
		in_transit.remove(&shipment);
	}
	let features: Features = features::extract(&snapshot.journey, now);
	let assessment = settings.model.assess(&features);
	let reasons: Vec<String> = assessment.reasons.iter().map(|r| format!("{r:?}")).collect();
	println!(
		"shipment {shipment} at #{number}: score {} ({:?}; {})",
		assessment.score,
		assessment.kind,
		reasons.join(", ")
	);
	if assessment.kind == Kind::Normal || assessment.score < settings.min_score {
		return Ok(());
	}
	if !snapshot.in_transit {
		println!("shipment {shipment}: not reported, it is no longer in transit");
		return Ok(());
	}
	if memory.knows(shipment, assessment.anomaly, &reasons) {
		return Ok(());
	}

	let evidence = Evidence {
		shipment,
		block: format!("0x{}", hex::encode(at.0)),
		at: now,
		model_id: settings.model.model_id,
		model_version: settings.model.version,
		features: NAMES.iter().copied().zip(features).collect(),
		score: assessment.score,
		anomaly: assessment.anomaly,
		reasons: &reasons,
	};
	let bytes =
		serde_json::to_vec_pretty(&evidence).map_err(|e| files(&settings.evidence_dir, e))?;
	let evidence_hash = sp_crypto_hashing::blake2_256(&bytes);
	let hash_hex = format!("0x{}", hex::encode(evidence_hash));
	let report = Report {
		shipment,
		score: assessment.score,
		model_id: settings.model.model_id,
		model_version: settings.model.version,
		evidence_hash,
		reasons: assessment.reasons.clone(),
	};
	let oracle = settings.oracle();
	let dry = settings.contract.dry_run(client, at, &oracle, &report).await.map_err(fatal)?;
	match &dry.answer {
		Answer::Refused(error) if error == "NotAnOracle" => {
			return Err(Stop::Fatal(RunError::NotAuthorised(oracle)))
		}
		Answer::CaseOpened(_) | Answer::EvidenceAdded(_) => {
			let path = settings.evidence_dir.join(format!("{hash_hex}.json"));
			std::fs::write(&path, &bytes).map_err(|e| files(&path, e))?;
			let (block, events) = match settings
				.contract
				.submit(client, &settings.signer, &report, dry.gas_required)
				.await
			{
				Ok(done) => done,
				Err(ContractError::Chain(error)) => return Err(error.into()),
				Err(error) => {
					println!("shipment {shipment}: report failed: {error}");
					return Ok(());
				}
			};
			let held = events
				.iter()
				.flatten()
				.any(|e| e.pallet_name() == "DrugTracking" && e.variant_name() == "HoldPlaced");
			println!(
			"shipment {shipment}: reported score {} ({}), evidence {hash_hex}: {:?}{} in block 0x{}, {} ms after the news",
			report.score,
			reasons.join(", "),
			dry.answer,
			if held { ", shipment held" } else { "" },
			hex::encode(block.0),
			since.elapsed().as_millis()
		);
		}
		other => {
			println!("shipment {shipment}: the contract would answer {other:?}; not submitted")
		}
	}
	memory.reported.entry(shipment).or_default().push(Finding {
		anomaly: assessment.anomaly,
		reasons,
		evidence_hash: hash_hex,
	});
	memory.save(&settings.state_file)?;
	Ok(())
}
