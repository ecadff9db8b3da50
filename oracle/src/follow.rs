//! `oracle run`: follow the chain's finalised blocks, score every shipment their events touch
//! (and every shipment in transit, again, as time passes, so that a shipment that goes quiet
//! is noticed), and report anomalies to the shipment-holds contract.
//!
//! - Scoring reads the shipment at the latest **finalised** block, and the evidence names
//!   that block: it cannot be orphaned, so an auditor can always read the shipment as the
//!   oracle did.
//! - A report is dry-run first, at the best block (the closest to where it will run); only
//!   an answer that opens a case or adds evidence is submitted, so a refusal costs no fees.
//! - A finding counts as reported only when its extrinsic is in a finalised block with the
//!   contract's `CaseUpdated` event for the shipment (`Opened` or `EvidenceAdded`). Until
//!   then it is in flight: written to the state file (with the signed extrinsic) before it
//!   is submitted, so a restart finds it and settles it by the oracle's nonce (the block
//!   that used the nonce either holds the extrinsic or not) instead of reporting it again.
//! - A refusal is logged by the contract's error name and not recorded as reported. A
//!   transient one (not yet authorised, a shipment the contract cannot see yet, no action
//!   below the threshold, ...) is retried when a finalised block shows that its cause may
//!   have changed; a deterministic one (`NotInTransit`, `InvalidReasons`, ...) is not
//!   retried for the same finding. A report that fails on chain (fees paid) is one of these,
//!   never a connection error.
//! - A finding is reported once: the same shipment with the same likeliest anomaly and the
//!   same reasons is not new evidence, however often it is scored again. Findings are kept
//!   in the state file, written whole or not at all ([`medchain_client::store`]).
//! - Each report's evidence (the features, the model, the score and reasons, the block) is
//!   written to the evidence directory as `<evidence hash>.json`: the hash on chain is the
//!   blake2-256 of exactly that file, so an auditor can check it.
//! - A node that is down or drops the connection is retried with back-off (1 s doubling to
//!   30 s). A contract that is not there, or not the expected one, stops the oracle with an
//!   error that says what to do.

use crate::{
	contract::{retry_of, Answer, ContractError, ContractEvent, HoldsContract, Report, Retry},
	features::{self, Features, NAMES},
	generator::Kind,
	journey::Moment,
	mapping,
	model::Model,
};
use medchain_client::{
	chain::{self, BlockHash, Client, Registry},
	extrinsic::{self, Fate, Header, InFlight, Rpc},
	follow::{Connection, MAX_BACKOFF},
	store,
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
use subxt::{
	blocks::{Block, ExtrinsicEvents},
	events::EventDetails,
	tx::ValidationResult,
	PolkadotConfig,
};
use subxt_signer::sr25519::Keypair;
use tokio::task::JoinSet;

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

/// Why the oracle stopped.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
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

impl From<codec::Error> for Stop {
	fn from(error: codec::Error) -> Self {
		Stop::Connection(format!("the node's answer did not decode: {error}"))
	}
}

impl From<RunError> for Stop {
	fn from(error: RunError) -> Self {
		Stop::Fatal(error)
	}
}

/// What was reported about a shipment: its likeliest anomaly and reasons, the evidence, and
/// where the report became final.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Finding {
	anomaly: Kind,
	reasons: Vec<String>,
	evidence_hash: String,
	/// The case the report opened or added to.
	#[serde(default)]
	case: Option<u64>,
	/// The finalised block that holds the report.
	#[serde(default)]
	block: Option<String>,
}

/// A report submitted and not yet seen final: the state file keeps it, so that a restart
/// settles it rather than reporting the finding again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Pending {
	anomaly: Kind,
	reasons: Vec<String>,
	score: u16,
	evidence_hash: String,
	/// The signed extrinsic, hex: submitted again after a restart (the same bytes cannot
	/// be included twice).
	extrinsic: String,
	/// Its hash, hex.
	extrinsic_hash: String,
	/// The oracle's nonce it uses.
	nonce: u64,
	/// The finalised block it was signed at: its mortal era starts there.
	signed_at: u32,
}

/// The oracle's state file: the findings reported, by shipment, and the reports in flight.
#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
struct Memory {
	reported: BTreeMap<ShipmentId, Vec<Finding>>,
	#[serde(default)]
	pending: BTreeMap<ShipmentId, Pending>,
}

impl Memory {
	fn load(path: &Path) -> Result<Self, RunError> {
		match std::fs::read_to_string(path) {
			Ok(json) => serde_json::from_str(&json).map_err(|e| files(path, e)),
			Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Memory::default()),
			Err(e) => Err(files(path, e)),
		}
	}

	/// Write the state file, whole or not at all.
	fn save(&self, path: &Path) -> Result<(), RunError> {
		let json = serde_json::to_string_pretty(self).map_err(|e| files(path, e))?;
		store::write_atomically(path, json.as_bytes()).map_err(|e| files(path, e))
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

/// A finding the contract refused, and when to try it again.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Refusal {
	anomaly: Kind,
	reasons: Vec<String>,
	score: u16,
	retry: Retry,
}

/// The evidence behind a report: the exact bytes its hash is taken of.
#[derive(Serialize)]
struct Evidence<'a> {
	shipment: ShipmentId,
	/// The finalised block the shipment was read at.
	block: String,
	block_number: u32,
	at: u64,
	model_id: u32,
	/// The registered version: the blake2-256 of the model file.
	model_version: String,
	features: BTreeMap<&'a str, f64>,
	score: u16,
	anomaly: Kind,
	reasons: &'a [String],
}

/// What a final report extrinsic did.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Landing {
	/// The contract opened a case on it (`Opened`) or added it to one (`EvidenceAdded`).
	Reported { case: u64, step: String, held: bool },
	/// It ran and the contract answered `NoAction` (no `CaseUpdated` for the shipment).
	NoAction,
	/// It failed (its fees are paid): the dispatch error.
	Failed(String),
}

/// What a final extrinsic reporting on `shipment` did, from its outcome: the dispatch error
/// if it failed, whether a hold was placed, and the contract's events.
fn landing_of(
	shipment: ShipmentId,
	failed: Option<String>,
	held: bool,
	events: &[ContractEvent],
) -> Landing {
	if let Some(error) = failed {
		return Landing::Failed(error);
	}
	events
		.iter()
		.find_map(|event| match event {
			ContractEvent::CaseUpdated { case, shipment: s, step }
				if *s == shipment && (step == "Opened" || step == "EvidenceAdded") =>
			{
				Some(Landing::Reported { case: *case, step: step.clone(), held })
			}
			_ => None,
		})
		.unwrap_or(Landing::NoAction)
}

/// The finalised block the oracle scores at, with its time (read once per block).
#[derive(Clone)]
struct Head {
	hash: BlockHash,
	number: u32,
	now: Moment,
	header: Header,
}

impl Head {
	async fn of(client: &Client, block: &Block<PolkadotConfig, Client>) -> Result<Self, Stop> {
		Ok(Head {
			hash: block.hash(),
			number: block.number(),
			now: chain::now(client, block.hash()).await?,
			header: block.header().clone(),
		})
	}
}

/// A watched report's end: its shipment, when the news arrived, and the extrinsic's
/// finalised block and events (or why the watch ended without them).
type Watched =
	(ShipmentId, Instant, Result<(BlockHash, ExtrinsicEvents<PolkadotConfig>), subxt::Error>);

/// Run until a fatal error: follow the chain, reconnecting with back-off.
pub async fn run(settings: Settings) -> Result<(), RunError> {
	std::fs::create_dir_all(&settings.evidence_dir)
		.map_err(|e| files(&settings.evidence_dir, e))?;
	let mut memory = Memory::load(&settings.state_file)?;
	let mut refused = BTreeMap::new();
	let mut backoff = Duration::from_secs(1);
	loop {
		match follow(&settings, &mut memory, &mut refused, &mut backoff).await {
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

/// One connection's life: check the contract, settle reports in flight, score what is on
/// chain, then follow new finalised blocks.
async fn follow(
	settings: &Settings,
	memory: &mut Memory,
	refused: &mut BTreeMap<ShipmentId, Refusal>,
	backoff: &mut Duration,
) -> Stop {
	match follow_inner(settings, memory, refused, backoff).await {
		Ok(()) => Stop::Connection("the node ended the block subscription".into()),
		Err(stop) => stop,
	}
}

async fn follow_inner(
	settings: &Settings,
	memory: &mut Memory,
	refused: &mut BTreeMap<ShipmentId, Refusal>,
	backoff: &mut Duration,
) -> Result<(), Stop> {
	let Connection { client, rpc } = Connection::open(&settings.url).await?;
	// The subscription starts with the latest finalised block.
	let mut blocks = client.blocks().subscribe_finalized().await?;
	let Some(first) = blocks.next().await else {
		return Err(Stop::Connection("the node sent no finalised block".into()));
	};
	let first = first?;
	settings.contract.check_deployed(&client, first.hash()).await.map_err(fatal)?;
	*backoff = Duration::from_secs(1);
	let head = Head::of(&client, &first).await?;
	let registry = Registry::read(&client, head.hash).await?;
	let mut session = Session {
		settings,
		memory,
		refused,
		oracle: settings.oracle(),
		client,
		rpc,
		registry,
		head,
		in_transit: BTreeSet::new(),
		watching: JoinSet::new(),
		watched: BTreeSet::new(),
		reports: BTreeMap::new(),
		next_nonce: 0,
	};
	println!(
		"connected to {} at finalised block #{}; reporting to {} as {} with model {} version 0x{}",
		settings.url,
		session.head.number,
		settings.contract.address,
		session.oracle,
		settings.model.model_id,
		hex::encode(settings.model.file_hash)
	);
	session.check_authorised().await?;
	session.recover().await?;

	let shipments = chain::all_shipments(&session.client, session.head.hash).await?;
	println!("{} shipments on chain", shipments.len());
	let now = Instant::now();
	for shipment in shipments {
		session.assess(shipment, now).await?;
	}

	let mut rescore = tokio::time::interval(settings.rescore_every);
	rescore.tick().await;
	loop {
		tokio::select! {
			block = blocks.next() => {
				let Some(block) = block else { return Ok(()) };
				session.on_finalised(block?).await?;
			},
			_ = rescore.tick() => session.rescore().await?,
			Some(done) = session.watching.join_next() => match done {
				Ok(watched) => session.on_watched(watched).await?,
				Err(error) => println!("a report's watch ended: {error}"),
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

/// One connection to the node, and what the oracle keeps across connections.
struct Session<'a> {
	settings: &'a Settings,
	memory: &'a mut Memory,
	refused: &'a mut BTreeMap<ShipmentId, Refusal>,
	oracle: AccountId,
	client: Client,
	rpc: Rpc,
	registry: Registry,
	/// The latest finalised block.
	head: Head,
	in_transit: BTreeSet<ShipmentId>,
	/// The watches of the reports submitted on this connection.
	watching: JoinSet<Watched>,
	/// The shipments whose report in flight is watched (the others are settled by nonce).
	watched: BTreeSet<ShipmentId>,
	/// The reports in flight, as submitted on this connection.
	reports: BTreeMap<ShipmentId, Report>,
	/// The nonce after the last one used on this connection.
	next_nonce: u64,
}

impl Session<'_> {
	/// A dry-run report on a shipment that cannot exist: an oracle the contract accepts is
	/// told the shipment is unknown; any other account is told it is not an oracle. Said
	/// once, at connection: its reports are refused (and retried) until that changes.
	async fn check_authorised(&self) -> Result<(), Stop> {
		let settings = self.settings;
		let probe = Report {
			shipment: ShipmentId::MAX,
			score: 0,
			model_id: settings.model.model_id,
			model_version: settings.model.file_hash,
			evidence_hash: [0; 32],
			reasons: vec![ReasonCode::TemperatureExcursion],
		};
		let dry = settings
			.contract
			.dry_run(&self.client, self.head.hash, &self.oracle, &probe)
			.await
			.map_err(fatal)?;
		if dry.answer == Answer::Refused("UnknownModel".into()) {
			println!(
				"model {} version 0x{} is not registered in the shipment-holds contract (yet): its \
				 admin must call administer(Model({}, Some(..))) with the values `oracle \
				 registration` prints; until then its reports are refused, and retried when that \
				 changes",
				settings.model.model_id,
				hex::encode(settings.model.file_hash),
				settings.model.model_id,
			);
		}
		if dry.answer == Answer::Refused("NotAnOracle".into()) {
			println!(
				"{0} is not an oracle of the shipment-holds contract (yet): its admin must call \
				 administer(Oracle({0}, true)), and the account must be an active AnomalyOracle \
				 participant; until then its reports are refused, and retried when that changes",
				self.oracle
			);
		}
		Ok(())
	}

	/// A finalised block: act on its news, retry the refusals whose cause it may have
	/// changed, settle the reports in flight that are not watched.
	async fn on_finalised(&mut self, block: Block<PolkadotConfig, Client>) -> Result<(), Stop> {
		let arrived = Instant::now();
		self.head = Head::of(&self.client, &block).await?;
		let news = chain::news(&self.client, self.head.hash).await?;
		let emitted = self.settings.contract.events_in(&news.contract_events);
		let settings_changed = emitted
			.iter()
			.any(|e| matches!(e, ContractEvent::Other(name) if name == "SettingsChanged"));
		let cases: BTreeSet<ShipmentId> = emitted
			.iter()
			.filter_map(|e| match e {
				ContractEvent::CaseUpdated { shipment, .. } => Some(*shipment),
				ContractEvent::Other(_) => None,
			})
			.collect();
		if news.participants_changed {
			self.registry = Registry::read(&self.client, self.head.hash).await?;
		}

		let mut retry = BTreeSet::new();
		self.refused.retain(|shipment, refusal| {
			let changed = match refusal.retry {
				Retry::OracleStanding => settings_changed || news.participants_changed,
				Retry::Settings => settings_changed,
				Retry::Cases => settings_changed || !cases.is_empty(),
				Retry::Shipment => news.touched.contains(shipment) || cases.contains(shipment),
				Retry::Registry => news.participants_changed,
				Retry::NextBlock => true,
				Retry::Never => false,
			};
			if changed {
				retry.insert(*shipment);
			}
			!changed
		});
		if !retry.is_empty() {
			println!(
				"block #{}: what refused the reports on shipments {retry:?} may have changed; \
				 assessing them again",
				self.head.number
			);
		}

		self.settle_unwatched().await?;
		for shipment in news.touched.union(&retry) {
			self.assess(*shipment, arrived).await?;
		}
		Ok(())
	}

	/// Score the shipments in transit again (time passes: one may have gone quiet).
	async fn rescore(&mut self) -> Result<(), Stop> {
		let tick = Instant::now();
		let shipments = self.in_transit.clone();
		for shipment in &shipments {
			self.assess(*shipment, tick).await?;
		}
		println!(
			"rescored {} shipments in transit at #{}; {} reports in flight",
			shipments.len(),
			self.head.number,
			self.memory.pending.len()
		);
		Ok(())
	}

	/// Score one shipment at the latest finalised block and report it if it is anomalous,
	/// in transit, and neither reported with the same finding, in flight, nor refused with
	/// its cause unchanged. `since` is when the news arrived (the block that touched it, or
	/// the rescoring tick): a report says how long it took from there.
	async fn assess(&mut self, shipment: ShipmentId, since: Instant) -> Result<(), Stop> {
		let (at, number, now) = (self.head.hash, self.head.number, self.head.now);
		let record = match chain::shipment(&self.client, at, shipment).await {
			Ok(Some(record)) => record,
			Ok(None) => {
				self.in_transit.remove(&shipment);
				return Ok(());
			}
			Err(error @ (subxt::Error::Rpc(_) | subxt::Error::Io(_))) => return Err(error.into()),
			Err(error) => {
				println!("shipment {shipment}: cannot read it at #{number}: {error}");
				return Ok(());
			}
		};
		let snapshot = mapping::snapshot(shipment, &record, &self.registry);
		if snapshot.in_transit {
			self.in_transit.insert(shipment);
		} else {
			self.in_transit.remove(&shipment);
		}
		let features: Features = features::extract(&snapshot.journey, now);
		let assessment = self.settings.model.assess(&features);
		let reasons: Vec<String> = assessment.reasons.iter().map(|r| format!("{r:?}")).collect();
		println!(
			"shipment {shipment} at #{number}: score {} ({:?}; {})",
			assessment.score,
			assessment.kind,
			reasons.join(", ")
		);
		if assessment.kind == Kind::Normal || assessment.score < self.settings.min_score {
			return Ok(());
		}
		if !snapshot.in_transit {
			println!("shipment {shipment}: not reported, it is no longer in transit");
			return Ok(());
		}
		if self.memory.knows(shipment, assessment.anomaly, &reasons)
			|| self.memory.pending.contains_key(&shipment)
		{
			return Ok(());
		}
		if let Some(refusal) = self.refused.get(&shipment) {
			let same = refusal.anomaly == assessment.anomaly && refusal.reasons == reasons;
			let higher = refusal.retry == Retry::Settings && assessment.score > refusal.score;
			if same && !higher {
				return Ok(());
			}
		}

		let settings = self.settings;
		let evidence = Evidence {
			shipment,
			block: format!("0x{}", hex::encode(at.0)),
			block_number: number,
			at: now,
			model_id: settings.model.model_id,
			model_version: format!("0x{}", hex::encode(settings.model.file_hash)),
			features: NAMES.iter().copied().zip(features).collect(),
			score: assessment.score,
			anomaly: assessment.anomaly,
			reasons: &reasons,
		};
		let bytes =
			serde_json::to_vec_pretty(&evidence).map_err(|e| files(&settings.evidence_dir, e))?;
		let report = Report {
			shipment,
			score: assessment.score,
			model_id: settings.model.model_id,
			model_version: settings.model.file_hash,
			evidence_hash: sp_crypto_hashing::blake2_256(&bytes),
			reasons: assessment.reasons.clone(),
		};
		let refusal = |retry| Refusal {
			anomaly: assessment.anomaly,
			reasons: reasons.clone(),
			score: assessment.score,
			retry,
		};

		// Dry-run where the report will run: on the best block.
		let best = self.rpc.chain_get_block_hash(None).await?.unwrap_or(at);
		let dry = match settings.contract.dry_run(&self.client, best, &self.oracle, &report).await {
			Ok(dry) => dry,
			Err(ContractError::Failed { reason: why, .. }) => {
				let why = format!("the dry run did not run ({why})");
				self.refuse(shipment, refusal(Retry::Shipment), &why);
				return Ok(());
			}
			Err(error) => return Err(fatal(error)),
		};
		match &dry.answer {
			Answer::CaseOpened(_) | Answer::EvidenceAdded(_) => {}
			Answer::NoAction => {
				let why = "the contract would take no action (the score is below the registered \
				           model's threshold)";
				self.refuse(shipment, refusal(Retry::Settings), why);
				return Ok(());
			}
			Answer::CoolingDown => {
				let why = "the contract would take no action: this model's last case on the \
				           shipment was cleared within the cool-down, and the score has not risen \
				           by the margin";
				self.refuse(shipment, refusal(Retry::Settings), why);
				return Ok(());
			}
			Answer::Refused(error) => {
				let retry = retry_of(error).unwrap_or(Retry::Never);
				let why = format!("the contract refuses it ({error})");
				self.refuse(shipment, refusal(retry), &why);
				return Ok(());
			}
		}

		// The evidence, then the signed extrinsic in the state file, then the submission: a
		// crash anywhere leaves either nothing on chain or a report the state file knows.
		let hash_hex = format!("0x{}", hex::encode(report.evidence_hash));
		let path = settings.evidence_dir.join(format!("{hash_hex}.json"));
		store::write_atomically(&path, &bytes).map_err(|e| files(&path, e))?;
		let nonce = extrinsic::next_nonce(&self.rpc, &self.oracle, self.next_nonce).await?;
		let call = settings.contract.call(&report, dry.gas_required);
		let tx = extrinsic::sign(&self.client, &call, &settings.signer, nonce, &self.head.header)?;
		match tx.validate_at(best).await? {
			ValidationResult::Valid(_) => {}
			ValidationResult::Invalid(why) => {
				let why = format!("the node would not take the extrinsic ({why:?})");
				self.refuse(shipment, refusal(Retry::NextBlock), &why);
				return Ok(());
			}
			ValidationResult::Unknown(why) => {
				let why = format!("the node cannot validate the extrinsic ({why:?})");
				self.refuse(shipment, refusal(Retry::NextBlock), &why);
				return Ok(());
			}
		}
		let extrinsic_hash = format!("0x{}", hex::encode(tx.hash().0));
		self.memory.pending.insert(
			shipment,
			Pending {
				anomaly: assessment.anomaly,
				reasons: reasons.clone(),
				score: assessment.score,
				evidence_hash: hash_hex.clone(),
				extrinsic: format!("0x{}", hex::encode(tx.encoded())),
				extrinsic_hash: extrinsic_hash.clone(),
				nonce,
				signed_at: number,
			},
		);
		self.memory.save(&settings.state_file)?;
		self.next_nonce = nonce + 1;
		self.reports.insert(shipment, report.clone());
		let progress = match tx.submit_and_watch().await {
			Ok(progress) => progress,
			Err(error) => {
				println!(
					"shipment {shipment}: submitting the report failed ({error}); it stays in \
					 flight, settled by its nonce once the node is back"
				);
				return Err(error.into());
			}
		};
		println!(
			"shipment {shipment}: submitted a report, score {} ({}), evidence {hash_hex} of \
			 finalised block #{number}: the contract would answer {:?}; extrinsic \
			 {extrinsic_hash} (nonce {nonce})",
			report.score,
			reasons.join(", "),
			dry.answer,
		);
		self.watched.insert(shipment);
		self.watching.spawn(async move { (shipment, since, extrinsic::finalised(progress).await) });
		Ok(())
	}

	/// Remember why a finding was not reported, and say so.
	fn refuse(&mut self, shipment: ShipmentId, refusal: Refusal, why: &str) {
		println!(
			"shipment {shipment}: not reported: {why}; {} (score {}, {})",
			refusal.retry.describe(),
			refusal.score,
			refusal.reasons.join(", ")
		);
		self.refused.insert(shipment, refusal);
	}

	/// A watch ended: the report is final (settle it), or the watch lost it (then its nonce
	/// settles it).
	async fn on_watched(&mut self, (shipment, since, landed): Watched) -> Result<(), Stop> {
		self.watched.remove(&shipment);
		match landed {
			Ok((block, events)) => {
				let landing = self.landing(shipment, &events)?;
				self.conclude(shipment, block, landing, Some(since)).await
			}
			Err(error) => {
				println!(
					"shipment {shipment}: lost sight of the report's extrinsic ({error}); it is \
					 settled by its nonce"
				);
				Ok(())
			}
		}
	}

	/// What a final extrinsic did, from its events.
	fn landing(
		&self,
		shipment: ShipmentId,
		events: &ExtrinsicEvents<PolkadotConfig>,
	) -> Result<Landing, Stop> {
		let events: Vec<EventDetails<PolkadotConfig>> = events.iter().collect::<Result<_, _>>()?;
		let failed = extrinsic::failure(&events, &self.client);
		let held = events
			.iter()
			.any(|e| e.pallet_name() == "DrugTracking" && e.variant_name() == "HoldPlaced");
		let emitted = self.settings.contract.events_in(&events);
		Ok(landing_of(shipment, failed, held, &emitted))
	}

	/// Settle a report in flight that is final in `block`. `since` is when its news arrived,
	/// if this connection submitted it.
	async fn conclude(
		&mut self,
		shipment: ShipmentId,
		block: BlockHash,
		landing: Landing,
		since: Option<Instant>,
	) -> Result<(), Stop> {
		let Some(pending) = self.memory.pending.remove(&shipment) else { return Ok(()) };
		let report = self.reports.remove(&shipment);
		let block_hex = format!("0x{}", hex::encode(block.0));
		let refusal = |retry| Refusal {
			anomaly: pending.anomaly,
			reasons: pending.reasons.clone(),
			score: pending.score,
			retry,
		};
		match landing {
			Landing::Reported { case, step, held } => {
				self.memory.reported.entry(shipment).or_default().push(Finding {
					anomaly: pending.anomaly,
					reasons: pending.reasons.clone(),
					evidence_hash: pending.evidence_hash.clone(),
					case: Some(case),
					block: Some(block_hex.clone()),
				});
				self.memory.save(&self.settings.state_file)?;
				let outcome = if step == "Opened" { "CaseOpened" } else { "EvidenceAdded" };
				let latency = match since {
					Some(since) => format!("{} ms after the news", since.elapsed().as_millis()),
					None => "found after a restart or a lost connection".into(),
				};
				println!(
					"shipment {shipment}: reported score {} ({}), evidence {}: {outcome}({case}){}, \
					 final in block {block_hex}, {latency}",
					pending.score,
					pending.reasons.join(", "),
					pending.evidence_hash,
					if held { ", shipment held" } else { "" },
				);
			}
			Landing::NoAction => {
				self.memory.save(&self.settings.state_file)?;
				let why = format!(
					"the report is final in block {block_hex} but the contract took no action \
					 (its threshold rose after the dry run)"
				);
				self.refuse(shipment, refusal(Retry::Settings), &why);
			}
			Landing::Failed(error) => {
				self.memory.save(&self.settings.state_file)?;
				// The fees are paid; ask the contract why, for free: the same call as a dry
				// run on the block the extrinsic ran on top of.
				let answer = match report {
					Some(report) => self.answer_before(block, &report).await?,
					None => None,
				};
				let retry = match &answer {
					Some(Answer::Refused(name)) => retry_of(name).unwrap_or(Retry::Never),
					_ => Retry::Shipment,
				};
				let answer = answer.map(|a| format!("; the contract answers {a:?} there"));
				let why = format!(
					"the report failed on chain in block {block_hex} ({error}{}); its fees are paid",
					answer.unwrap_or_default()
				);
				self.refuse(shipment, refusal(retry), &why);
			}
		}
		Ok(())
	}

	/// What `report_anomaly(report)` answers on top of `block`'s parent.
	async fn answer_before(
		&self,
		block: BlockHash,
		report: &Report,
	) -> Result<Option<Answer>, Stop> {
		let Some(header) = self.rpc.chain_get_header(Some(block)).await? else { return Ok(None) };
		let parent = header.parent_hash;
		match self.settings.contract.dry_run(&self.client, parent, &self.oracle, report).await {
			Ok(dry) => Ok(Some(dry.answer)),
			Err(ContractError::Chain(error)) => Err(error.into()),
			Err(_) => Ok(None),
		}
	}

	/// After a restart or a lost connection: submit the reports in flight again (the same
	/// signed bytes: a node that lost them takes them back, one that has them, or included
	/// them, refuses), then settle those already decided.
	async fn recover(&mut self) -> Result<(), Stop> {
		for (shipment, pending) in self.memory.pending.clone() {
			let Ok(bytes) = hex::decode(pending.extrinsic.trim_start_matches("0x")) else {
				continue;
			};
			match self.rpc.author_submit_extrinsic(&bytes).await {
				Ok(_) => println!(
					"shipment {shipment}: report {} in flight, submitted again",
					pending.extrinsic_hash
				),
				Err(error) => println!(
					"shipment {shipment}: report {} in flight, not taken again ({error}): it is \
					 in the pool or a block already",
					pending.extrinsic_hash
				),
			}
		}
		self.settle_unwatched().await
	}

	/// Settle the reports in flight that no watch follows, by the oracle's nonce at the
	/// latest finalised block ([`extrinsic::settle`]).
	async fn settle_unwatched(&mut self) -> Result<(), Stop> {
		let unwatched: Vec<(ShipmentId, Pending)> = self
			.memory
			.pending
			.iter()
			.filter(|(shipment, _)| !self.watched.contains(shipment))
			.map(|(shipment, pending)| (*shipment, pending.clone()))
			.collect();
		let (head, height) = (self.head.hash, self.head.number);
		for (shipment, pending) in unwatched {
			let mut hash = [0; 32];
			hex::decode_to_slice(pending.extrinsic_hash.trim_start_matches("0x"), &mut hash)
				.map_err(|e| files(&self.settings.state_file, format!("extrinsic hash: {e}")))?;
			let flight = InFlight { hash, nonce: pending.nonce, signed_at: pending.signed_at };
			let fate =
				extrinsic::settle(&self.client, &self.rpc, &self.oracle, &flight, head, height)
					.await?;
			match fate {
				Fate::Included { block, events, .. } => {
					let landing = self.landing(shipment, &events)?;
					self.conclude(shipment, block, landing, None).await?;
				}
				Fate::Lost(why) => self.forget(shipment, &why)?,
				Fate::Undecided => {}
			}
		}
		Ok(())
	}

	/// A report in flight that never made it into a block: the finding is assessed again
	/// as if it had not been reported (it was not).
	fn forget(&mut self, shipment: ShipmentId, why: &str) -> Result<(), Stop> {
		if let Some(pending) = self.memory.pending.remove(&shipment) {
			self.memory.save(&self.settings.state_file)?;
			println!(
				"shipment {shipment}: report {} was never included ({why}); the finding is \
				 assessed again",
				pending.extrinsic_hash
			);
		}
		Ok(())
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use std::process::Command;

	fn finding(n: u64) -> Finding {
		Finding {
			anomaly: Kind::ColdChainBreach,
			reasons: vec!["TemperatureExcursion".into(), format!("reason {n}")],
			evidence_hash: format!("0x{n:064x}"),
			case: Some(n),
			block: Some(format!("0x{:064x}", n + 1)),
		}
	}

	fn memory(findings: u64) -> Memory {
		let mut memory = Memory::default();
		for n in 0..findings {
			memory.reported.entry(n % 7).or_default().push(finding(n));
		}
		memory
	}

	/// The environment variable that makes the child test below write a large state file
	/// to the path it names.
	const CRASH_STATE: &str = "MEDCHAIN_ORACLE_TEST_CRASH_STATE";

	#[test]
	fn a_save_killed_mid_write_leaves_the_previous_state_whole() {
		let dir =
			std::env::temp_dir().join(format!("medchain-oracle-crash-{}", std::process::id()));
		let _ = std::fs::remove_dir_all(&dir);
		std::fs::create_dir_all(&dir).unwrap();
		let path = dir.join("state.json");
		let before = memory(3);
		before.save(&path).unwrap();

		// The child saves a state far larger than the file size limit it runs under: the
		// kernel kills it (SIGXFSZ) in the middle of writing, as a crash would.
		let status = Command::new("sh")
			.arg("-c")
			.arg("ulimit -f 8 && exec \"$0\" \"$@\"")
			.arg(std::env::current_exe().unwrap())
			.args(["--exact", "follow::tests::save_a_large_state", "--ignored", "--nocapture"])
			.env(CRASH_STATE, &path)
			.status()
			.unwrap();
		use std::os::unix::process::ExitStatusExt;
		assert_eq!(status.signal(), Some(25), "the child is killed mid-write: {status:?}");

		assert_eq!(Memory::load(&path).unwrap(), before, "the state before the crash is whole");
		// The next save succeeds over what the crash left.
		let after = memory(4);
		after.save(&path).unwrap();
		assert_eq!(Memory::load(&path).unwrap(), after);
		std::fs::remove_dir_all(&dir).unwrap();
	}

	/// The child half of `a_save_killed_mid_write_leaves_the_previous_state_whole`.
	#[test]
	#[ignore = "run by a_save_killed_mid_write_leaves_the_previous_state_whole"]
	fn save_a_large_state() {
		let Some(path) = std::env::var_os(CRASH_STATE) else {
			println!("nothing to do without {CRASH_STATE}");
			return;
		};
		// About 200 KB, far past the child's 4 KB limit.
		memory(1_000).save(Path::new(&path)).unwrap();
	}

	#[test]
	fn an_old_state_file_loads() {
		let dir = std::env::temp_dir().join(format!("medchain-oracle-old-{}", std::process::id()));
		std::fs::create_dir_all(&dir).unwrap();
		let path = dir.join("state.json");
		std::fs::write(
			&path,
			r#"{"reported":{"3":[{"anomaly":"ColdChainBreach","reasons":["TemperatureExcursion"],"evidence_hash":"0x01"}]}}"#,
		)
		.unwrap();
		let memory = Memory::load(&path).unwrap();
		assert!(memory.knows(3, Kind::ColdChainBreach, &["TemperatureExcursion".into()]));
		assert!(memory.pending.is_empty());
		std::fs::remove_dir_all(&dir).unwrap();
	}

	fn case_updated(case: u64, shipment: ShipmentId, step: &str) -> ContractEvent {
		ContractEvent::CaseUpdated { case, shipment, step: step.into() }
	}

	#[test]
	fn a_report_counts_only_with_the_contracts_event_for_its_shipment() {
		let opened = [ContractEvent::Other("HoldNotice".into()), case_updated(4, 9, "Opened")];
		assert_eq!(
			landing_of(9, None, true, &opened),
			Landing::Reported { case: 4, step: "Opened".into(), held: true }
		);
		let added = [case_updated(4, 9, "EvidenceAdded")];
		assert_eq!(
			landing_of(9, None, false, &added),
			Landing::Reported { case: 4, step: "EvidenceAdded".into(), held: false }
		);
		// Another shipment's case, or another step, is not this report's outcome: the
		// contract answered NoAction.
		assert_eq!(landing_of(9, None, false, &[case_updated(4, 8, "Opened")]), Landing::NoAction);
		assert_eq!(
			landing_of(9, None, false, &[case_updated(4, 9, "Released")]),
			Landing::NoAction
		);
		assert_eq!(landing_of(9, None, false, &[]), Landing::NoAction);
	}

	#[test]
	fn a_report_that_fails_on_chain_is_a_failed_report_not_a_lost_connection() {
		let failed = landing_of(9, Some("Contracts::ContractReverted".into()), false, &[]);
		assert_eq!(failed, Landing::Failed("Contracts::ContractReverted".into()));
	}
}
