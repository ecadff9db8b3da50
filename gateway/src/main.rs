//! `medchain-gateway`: a provider's record gateway beside a MedChain node.
//!
//! ```text
//! medchain-gateway --url ws://127.0.0.1:9944 --contract 5F… --metadata access_grants.contract \
//!     --provider-suri //Bob --store sqlite://.tmp/gateway/records.db \
//!     --master-key .tmp/gateway/master.key --listen 127.0.0.1:8080
//! ```
//!
//! Every flag may be given by its environment variable instead (`MEDCHAIN_GATEWAY_…`).

use clap::Parser;
use medchain_client::follow::{follow_finalised, ChainState};
use medchain_gateway::{
	auth,
	crypto::MasterKey,
	ledger::{AccessFollower, Ledger},
	routes::{self, now_ms, AppState},
	store::Store,
};
use medchain_runtime::AccountId;
use std::{net::SocketAddr, path::PathBuf, process::ExitCode, sync::Arc, time::Duration};
use tokio::sync::{watch, RwLock};

/// MedChain's record gateway: keeps FHIR R4 records sealed at rest and releases each only
/// against the grantee's finalised, consented, unredeemed access on the access-grants
/// contract.
#[derive(Parser, Debug)]
#[command(name = "medchain-gateway", version)]
struct Cli {
	/// The MedChain node to follow (its RPC WebSocket).
	#[arg(long, env = "MEDCHAIN_GATEWAY_URL", default_value = "ws://127.0.0.1:9944")]
	url: String,
	/// The access-grants contract's address (SS58).
	#[arg(long, env = "MEDCHAIN_GATEWAY_CONTRACT")]
	contract: String,
	/// The access-grants contract's metadata (`access_grants.contract`, as cargo-contract
	/// writes it): its messages and events are read by name from it.
	#[arg(long, env = "MEDCHAIN_GATEWAY_METADATA")]
	metadata: PathBuf,
	/// The provider's secret key URI (`//Bob`, a mnemonic, `0x<seed>`): it registers the
	/// records and opens the tag secrets patients seal to it. Prefer the environment
	/// variable to the flag, which other users may see in the process list.
	#[arg(long, env = "MEDCHAIN_GATEWAY_PROVIDER_SURI", hide_env_values = true)]
	provider_suri: String,
	/// Where records are kept: `sqlite://<file>` (created if missing) or
	/// `postgres://user@host:port/database` for several gateway instances sharing one store.
	#[arg(long, env = "MEDCHAIN_GATEWAY_STORE", default_value = "sqlite://medchain-gateway.db")]
	store: String,
	/// The master key file (32 bytes) every record's key is wrapped with.
	#[arg(long, env = "MEDCHAIN_GATEWAY_MASTER_KEY", default_value = "medchain-gateway.key")]
	master_key: PathBuf,
	/// Make the master key file, with a fresh random key, if it does not exist (a new
	/// gateway); without this flag a missing key file stops the gateway.
	#[arg(long, env = "MEDCHAIN_GATEWAY_CREATE_MASTER_KEY")]
	create_master_key: bool,
	/// The address to listen on.
	#[arg(long, env = "MEDCHAIN_GATEWAY_LISTEN", default_value = "127.0.0.1:8080")]
	listen: SocketAddr,
	/// The gateway's public base URL: records' locators (whose hashes go on chain) start
	/// with it. Defaults to http://<listen>.
	#[arg(long, env = "MEDCHAIN_GATEWAY_BASE_URL")]
	base_url: Option<String>,
	/// The largest resource accepted, in bytes.
	#[arg(long, env = "MEDCHAIN_GATEWAY_MAX_RESOURCE_BYTES", default_value_t = 1 << 20)]
	max_resource_bytes: usize,
	/// Another account that may upload records and read the audit log (the provider's staff,
	/// SS58); repeat for several.
	#[arg(long = "uploader", env = "MEDCHAIN_GATEWAY_UPLOADERS", value_delimiter = ',')]
	uploaders: Vec<String>,
	/// An account that may read the audit log (a privacy officer, SS58); repeat for several.
	#[arg(long = "auditor", env = "MEDCHAIN_GATEWAY_AUDITORS", value_delimiter = ',')]
	auditors: Vec<String>,
	/// Logs as JSON lines (for a log collector) instead of text.
	#[arg(long, env = "MEDCHAIN_GATEWAY_LOG_JSON")]
	log_json: bool,
}

fn accounts(list: &[String], what: &str) -> Result<Vec<AccountId>, String> {
	list.iter()
		.map(|a| auth::account_of(a).ok_or_else(|| format!("--{what} {a}: not an SS58 address")))
		.collect()
}

#[tokio::main]
async fn main() -> ExitCode {
	let cli = Cli::parse();
	let filter = tracing_subscriber::EnvFilter::try_from_env("MEDCHAIN_GATEWAY_LOG")
		.unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
	if cli.log_json {
		tracing_subscriber::fmt().json().with_env_filter(filter).init();
	} else {
		tracing_subscriber::fmt().with_env_filter(filter).init();
	}
	match run(cli).await {
		Ok(()) => ExitCode::SUCCESS,
		Err(error) => {
			tracing::error!("{error}");
			eprintln!("medchain-gateway: {error}");
			ExitCode::FAILURE
		}
	}
}

async fn run(cli: Cli) -> Result<(), String> {
	let contract = auth::account_of(&cli.contract)
		.ok_or_else(|| format!("--contract {}: not an SS58 address", cli.contract))?;
	let uploaders = accounts(&cli.uploaders, "uploader")?;
	let auditors = accounts(&cli.auditors, "auditor")?;
	let master =
		MasterKey::load(&cli.master_key, cli.create_master_key).map_err(|e| e.to_string())?;
	let store =
		Store::open(&cli.store).await.map_err(|e| format!("the store {}: {e}", cli.store))?;
	let (state_tx, state_rx) =
		watch::channel(ChainState::Unreachable { reason: "connecting".into() });
	let connection = Arc::new(RwLock::new(None));
	let ledger =
		Ledger::new(contract, &cli.metadata, &cli.provider_suri, connection.clone(), state_rx)?;
	let mut follower =
		AccessFollower { grants: ledger.contract().clone(), store: store.clone(), connection };
	let base_url = cli.base_url.clone().unwrap_or_else(|| format!("http://{}", cli.listen));
	let provider = auth::ss58(ledger.provider());
	let app = AppState {
		store: store.clone(),
		ledger: Arc::new(ledger),
		master: Arc::new(master),
		max_resource_bytes: cli.max_resource_bytes,
		base_url: base_url.trim_end_matches('/').to_string(),
		uploaders: Arc::new(uploaders),
		auditors: Arc::new(auditors),
	};

	let url = cli.url.clone();
	let following =
		tokio::spawn(async move { follow_finalised(&url, &mut follower, &state_tx).await });
	// Nonces older than twice the freshness window can never be replayed: they are stale.
	let pruning = {
		let store = store.clone();
		tokio::spawn(async move {
			let mut every = tokio::time::interval(Duration::from_secs(60));
			loop {
				every.tick().await;
				let before = now_ms().saturating_sub(2 * auth::FRESHNESS_MS);
				if let Err(error) = store.forget_nonces(before).await {
					tracing::warn!(%error, "could not forget stale nonces");
				}
			}
		})
	};

	let listener = std::net::TcpListener::bind(cli.listen)
		.map_err(|e| format!("cannot listen on {}: {e}", cli.listen))?;
	tracing::info!(
		listen = %cli.listen, %base_url, %provider, store = ?store.backend(), node = %cli.url,
		"medchain-gateway listening"
	);
	let server = axum::Server::from_tcp(listener)
		.map_err(|e| e.to_string())?
		.serve(routes::router(app).into_make_service())
		.with_graceful_shutdown(shutdown());
	let served = server.await.map_err(|e| e.to_string());
	following.abort();
	pruning.abort();
	tracing::info!("medchain-gateway stopped");
	served
}

/// SIGTERM or Ctrl-C: stop taking connections, finish the requests in progress.
async fn shutdown() {
	let terminate = async {
		match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
			Ok(mut signal) => {
				signal.recv().await;
			}
			Err(_) => std::future::pending::<()>().await,
		}
	};
	tokio::select! {
		_ = tokio::signal::ctrl_c() => {},
		_ = terminate => {},
	}
	tracing::info!("shutting down: finishing the requests in progress");
}
