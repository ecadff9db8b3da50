//! The gateway's HTTP interface: one router, typed extractors, one error type
//! ([`GatewayError`]) answered as a FHIR `OperationOutcome`.
//!
//! | route | who | what |
//! |---|---|---|
//! | `POST /fhir/{type}` | the provider (or a listed uploader), signed, naming the patient | check, seal, store and register a record |
//! | `GET /fhir/{type}/{id}` | a grantee, signed, naming its finalised access | release the record once per access |
//! | `GET /fhir/Consent?patient=…` | the patient or the provider's staff, signed | the patient's consents as FHIR R4 Consents (a searchset Bundle) |
//! | `POST /fhir/Consent` | the patient or the provider's staff, signed | a FHIR R4 Consent as the `grant_consent` call to sign, or what cannot be represented |
//! | `PUT /medchain/tag-secret` | a patient, signed | share their tag secret, sealed to this provider |
//! | `GET /medchain/provider` | anyone | the provider account to seal to, the contract |
//! | `GET /medchain/audit` | the provider, an uploader or an auditor, signed | the audit log |
//! | `GET /fhir/metadata` | anyone | the CapabilityStatement |
//! | `GET /health` | anyone | the chain's and the store's state |

use crate::{
	auth::{self, AccessRef, Claimed},
	crypto::{self, MasterKey},
	error::{GatewayError, Issue, FHIR_JSON},
	fhir,
	ledger::{Ledger, LedgerError},
	store::{AuditEntry, Store, StoredResource},
};
use axum::{
	body::{Bytes, HttpBody},
	extract::{DefaultBodyLimit, Path, Query, RawBody, State},
	http::{header, HeaderMap, Method, StatusCode, Uri},
	response::{IntoResponse, Response},
	routing::{get, post, put},
	Json, Router,
};
use medchain_client::follow::ChainState;
use medchain_primitives::consent::{DataClass, DataTag, Decision, Denial, Purpose, TagSecret};
use medchain_runtime::AccountId;
use rand::RngCore;
use serde_json::{json, Value};
use std::{
	sync::Arc,
	time::{Duration, SystemTime, UNIX_EPOCH},
};

/// How long a release waits for the follower to reach the block an access names.
pub const FOLLOWER_WAIT: Duration = Duration::from_secs(5);
/// The most audit entries one request returns.
pub const AUDIT_PAGE: u32 = 500;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
	/// The store.
	pub store: Store,
	/// The chain.
	pub ledger: Arc<Ledger>,
	/// The key every record's key is wrapped with.
	pub master: Arc<MasterKey>,
	/// The largest resource accepted, in bytes.
	pub max_resource_bytes: usize,
	/// The gateway's public base URL (records' locators start with it).
	pub base_url: String,
	/// Accounts besides the provider's that may upload and read the audit log.
	pub uploaders: Arc<Vec<AccountId>>,
	/// Accounts that may read the audit log (a privacy officer, an auditor).
	pub auditors: Arc<Vec<AccountId>>,
}

/// Milliseconds since the Unix epoch, now.
pub fn now_ms() -> u64 {
	SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64)
}

/// The router.
pub fn router(state: AppState) -> Router {
	Router::new()
		.route("/health", get(health))
		.route("/fhir/metadata", get(metadata))
		.route("/fhir/Consent", get(consents).post(translate_consent))
		.route("/fhir/:resource_type", post(upload))
		.route("/fhir/:resource_type/:id", get(release))
		.route("/medchain/provider", get(provider))
		.route("/medchain/tag-secret", put(share_tag_secret))
		.route("/medchain/audit", get(audit_log))
		// Bodies are read by the handlers, which answer an oversized one with an
		// OperationOutcome (413) rather than a bare status.
		.layer(DefaultBodyLimit::disable())
		.with_state(state)
}

/// A body of at most `limit` bytes, or `TooLarge`.
async fn read_body(body: axum::body::Body, limit: usize) -> Result<Bytes, GatewayError> {
	if body.size_hint().lower() > limit as u64 {
		return Err(too_large(limit));
	}
	hyper::body::to_bytes(http_body::Limited::new(body, limit)).await.map_err(|error| {
		if error.downcast_ref::<http_body::LengthLimitError>().is_some() {
			too_large(limit)
		} else {
			GatewayError::Invalid(vec![Issue::new(
				"structure",
				format!("the body could not be read: {error}"),
			)])
		}
	})
}

fn too_large(limit: usize) -> GatewayError {
	GatewayError::TooLarge(format!("this gateway accepts bodies of at most {limit} bytes"))
}

fn path_and_query(uri: &Uri) -> String {
	uri.path_and_query().map_or_else(|| uri.path().to_string(), |p| p.as_str().to_string())
}

impl AppState {
	/// The signed request's claims, verified, its nonce used.
	async fn authenticate(
		&self,
		method: &Method,
		uri: &Uri,
		headers: &HeaderMap,
		body: &[u8],
	) -> Result<Claimed, GatewayError> {
		let header =
			headers.get(header::AUTHORIZATION).and_then(|h| h.to_str().ok()).ok_or_else(|| {
				GatewayError::Unauthenticated(
					"sign the request with your chain key: an Authorization: MedChain … header"
						.into(),
				)
			})?;
		let claimed = Claimed::parse(header)?;
		let now = now_ms();
		claimed.verify(method.as_str(), &path_and_query(uri), body, now)?;
		if !self.store.use_nonce(&auth::ss58(&claimed.account), &claimed.nonce, now).await? {
			return Err(GatewayError::Unauthenticated(format!(
				"this request (nonce {}) was served before: a signed request is served once; sign a new one",
				claimed.nonce
			)));
		}
		Ok(claimed)
	}

	fn is_staff(&self, who: &AccountId) -> bool {
		who == self.ledger.provider() || self.uploaders.contains(who)
	}

	/// `patient`'s tag secret, if they shared it with this provider: read from the store and
	/// opened with the provider's key.
	async fn tag_secret_of(&self, patient: &AccountId) -> Result<Option<TagSecret>, GatewayError> {
		let Some(envelope) = self.store.tag_secret(&auth::ss58(patient)).await? else {
			return Ok(None);
		};
		crypto::open_tag_secret(self.ledger.pair(), patient, &envelope).map(Some).map_err(|e| {
			GatewayError::Internal(format!("the stored tag secret does not open: {e}"))
		})
	}

	/// Log a refusal, then answer it. A refusal that cannot be logged is still refused.
	async fn refuse(
		&self,
		actor: Option<&AccountId>,
		action: &str,
		resource: &str,
		access: Option<&AccessRef>,
		error: GatewayError,
	) -> GatewayError {
		let reason = format!("{}: {error}", error.kind());
		let refused = entry(actor, action, resource, access, "refused", &reason);
		if let Err(failure) = self.store.audit(&refused).await {
			tracing::error!(%failure, %reason, "a refusal could not be written to the audit log");
		}
		tracing::info!(action, resource, outcome = "refused", %reason);
		error
	}
}

/// An audit log entry, now: who (`-` when no one could be told), did what to which resource
/// under which access, with what outcome and why.
fn entry(
	actor: Option<&AccountId>,
	action: &str,
	resource: &str,
	access: Option<&AccessRef>,
	outcome: &str,
	reason: &str,
) -> AuditEntry {
	AuditEntry {
		seq: 0,
		at: now_ms(),
		actor: actor.map_or_else(|| "-".to_string(), auth::ss58),
		action: action.into(),
		resource: resource.into(),
		access: access.map_or_else(|| "-".to_string(), AccessRef::to_string),
		outcome: outcome.into(),
		reason: reason.into(),
	}
}

fn chain_error(error: LedgerError) -> GatewayError {
	match error {
		LedgerError::Unreachable(why) => GatewayError::ChainUnavailable(format!(
			"the chain cannot be reached ({why}); nothing was done: try again"
		)),
		other => GatewayError::Chain(other.to_string()),
	}
}

/// `GET /health`: 200 while the chain is followed and the store answers, 503 otherwise.
async fn health(State(state): State<AppState>) -> Response {
	let store = state.store.ping().await;
	let resources = state.store.count_resources().await.ok();
	let (chain, following) = match state.ledger.state() {
		ChainState::Following { number, hash } => (
			json!({ "state": "following", "finalised": number, "hash": format!("{hash:?}") }),
			true,
		),
		ChainState::Unreachable { reason } => {
			(json!({ "state": "unreachable", "reason": reason }), false)
		}
	};
	let ok = following && store.is_ok();
	let body = json!({
		"status": if ok { "ok" } else { "unavailable" },
		"chain": chain,
		"store": match &store { Ok(()) => json!({ "state": "ok", "backend": format!("{:?}", state.store.backend()), "resources": resources }), Err(e) => json!({ "state": "failing", "reason": e.to_string() }) },
		"provider": auth::ss58(state.ledger.provider()),
	});
	let status = if ok { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
	(status, Json(body)).into_response()
}

/// `GET /medchain/provider`: whom to seal a tag secret to, and where records are registered.
async fn provider(State(state): State<AppState>) -> Json<Value> {
	let provider = state.ledger.provider();
	let public: &[u8] = provider.as_ref();
	Json(json!({
		"provider": auth::ss58(provider),
		"publicKey": format!("0x{}", hex::encode(public)),
		"accessGrants": auth::ss58(&state.ledger.contract().address),
		"baseUrl": state.base_url,
		"maxResourceBytes": state.max_resource_bytes,
	}))
}

/// `GET /fhir/metadata`: the CapabilityStatement.
async fn metadata(State(state): State<AppState>) -> Response {
	let body = crate::capability::statement(&state.base_url, state.max_resource_bytes);
	([(header::CONTENT_TYPE, FHIR_JSON)], body.to_string()).into_response()
}

/// `PUT /medchain/tag-secret`: a patient shares their tag secret with this provider, sealed
/// to its key (`{"envelope": "0x…"}`, 92 bytes). Checked by opening it; kept sealed.
async fn share_tag_secret(
	State(state): State<AppState>,
	method: Method,
	uri: Uri,
	headers: HeaderMap,
	RawBody(body): RawBody,
) -> Result<Response, GatewayError> {
	const ACTION: &str = "share-tag-secret";
	let body = match read_body(body, 4096).await {
		Ok(body) => body,
		Err(error) => return Err(state.refuse(None, ACTION, "-", None, error).await),
	};
	let claimed = match state.authenticate(&method, &uri, &headers, &body).await {
		Ok(claimed) => claimed,
		Err(error) => return Err(state.refuse(None, ACTION, "-", None, error).await),
	};
	let patient = claimed.account.clone();
	let result = async {
		let value: Value = serde_json::from_slice(&body).map_err(|e| {
			GatewayError::invalid("structure", "envelope", format!("the body is not JSON: {e}"))
		})?;
		let envelope = value
			.get("envelope")
			.and_then(Value::as_str)
			.and_then(|h| h.strip_prefix("0x"))
			.and_then(|h| hex::decode(h).ok())
			.ok_or_else(|| {
				GatewayError::invalid(
					"required",
					"envelope",
					"send {\"envelope\": \"0x…\"}, the sealed secret in hex",
				)
			})?;
		crypto::open_tag_secret(state.ledger.pair(), &patient, &envelope)
			.map_err(|e| GatewayError::invalid("invalid", "envelope", e.to_string()))?;
		state.store.put_tag_secret(&auth::ss58(&patient), &envelope, now_ms()).await?;
		Ok::<_, GatewayError>(())
	}
	.await;
	if let Err(error) = result {
		return Err(state.refuse(Some(&patient), ACTION, "-", None, error).await);
	}
	let shared = entry(
		Some(&patient),
		ACTION,
		"-",
		None,
		"shared",
		"the patient's tag secret, sealed to this provider",
	);
	state.store.audit(&shared).await?;
	Ok((
		StatusCode::OK,
		Json(
			json!({ "patient": auth::ss58(&patient), "provider": auth::ss58(state.ledger.provider()) }),
		),
	)
		.into_response())
}

/// A new FHIR id: 128 random bits in hex.
fn new_id() -> String {
	let mut bytes = [0u8; 16];
	rand::thread_rng().fill_bytes(&mut bytes);
	hex::encode(bytes)
}

/// `POST /fhir/{type}`: a provider uploads a record for the patient it names.
async fn upload(
	State(state): State<AppState>,
	Path(resource_type): Path<String>,
	method: Method,
	uri: Uri,
	headers: HeaderMap,
	RawBody(body): RawBody,
) -> Result<Response, GatewayError> {
	const ACTION: &str = "upload";
	let what = resource_type.clone();
	let body = match read_body(body, state.max_resource_bytes).await {
		Ok(body) => body,
		Err(error) => return Err(state.refuse(None, ACTION, &what, None, error).await),
	};
	let claimed = match state.authenticate(&method, &uri, &headers, &body).await {
		Ok(claimed) => claimed,
		Err(error) => return Err(state.refuse(None, ACTION, &what, None, error).await),
	};
	let uploader = claimed.account.clone();
	match store_record(&state, &resource_type, &claimed, &body).await {
		Ok((id, record, timing)) => {
			let location = format!("/fhir/{resource_type}/{id}");
			let stored = entry(
				Some(&uploader),
				ACTION,
				&location[6..],
				None,
				"stored",
				&format!("registered as access-grants record {record}"),
			);
			state.store.audit(&stored).await?;
			tracing::info!(action = ACTION, resource = %location, record, outcome = "stored");
			let outcome = json!({
				"resourceType": "OperationOutcome",
				"issue": [{ "severity": "information", "code": "informational",
					"diagnostics": format!("stored as {} and registered as access-grants record {record}", &location[6..]) }],
			});
			Ok((
				StatusCode::CREATED,
				[
					(header::LOCATION, location),
					(header::CONTENT_TYPE, FHIR_JSON.to_string()),
					(header::HeaderName::from_static("x-medchain-record"), record.to_string()),
					// The gateway's own work and the chain's (dry run, submission and the wait
					// for finality), for clients and the benchmark (W3C Server-Timing).
					(header::HeaderName::from_static("server-timing"), timing.header()),
				],
				outcome.to_string(),
			)
				.into_response())
		}
		Err(error) => Err(state.refuse(Some(&uploader), ACTION, &what, None, error).await),
	}
}

/// Where an upload's time went, in milliseconds.
struct UploadTiming {
	/// Checking, tagging, sealing and storing.
	gateway: f64,
	/// Registering on chain: the dry run, the submission and the wait for finality.
	chain: f64,
}

impl UploadTiming {
	fn header(&self) -> String {
		format!("gateway;dur={:.2}, chain;dur={:.2}", self.gateway, self.chain)
	}
}

/// Check, seal, store and register: the resource's id, its record number and the timing.
async fn store_record(
	state: &AppState,
	resource_type: &str,
	claimed: &Claimed,
	body: &[u8],
) -> Result<(String, u64, UploadTiming), GatewayError> {
	let started = std::time::Instant::now();
	if !state.is_staff(&claimed.account) {
		return Err(GatewayError::Forbidden(format!(
			"{} may not upload to this gateway: only its provider {} and the uploaders it lists",
			auth::ss58(&claimed.account),
			auth::ss58(state.ledger.provider())
		)));
	}
	let patient = claimed.patient.clone().ok_or_else(|| {
		GatewayError::Invalid(vec![Issue::new(
			"required",
			"name the patient in the signed request (patient=\"<SS58>\")",
		)])
	})?;
	let checked = fhir::check(resource_type, body, state.max_resource_bytes, &patient)?;
	let patient_ss58 = auth::ss58(&patient);
	let secret = state.tag_secret_of(&patient).await?.ok_or_else(|| {
		GatewayError::Conflict(format!(
			"{patient_ss58} has not shared their tag secret with this provider, so the record cannot be tagged with its data class: ask the patient to share it (PUT /medchain/tag-secret)"
		))
	})?;
	let data_tag = checked.class.tag(&secret);
	let id = new_id();
	let locator = format!("{}/fhir/{}/{id}", state.base_url, checked.resource_type);
	let locator_hash = sp_crypto_hashing::blake2_256(locator.as_bytes());
	let sealed = crypto::seal(&state.master, &id, body);
	let stored = StoredResource {
		id: id.clone(),
		resource_type: checked.resource_type.to_string(),
		patient: patient_ss58,
		data_class: class_index(checked.class),
		data_tag: Some(data_tag.0),
		record_id: None,
		locator_hash,
		sealed,
		size: body.len() as u64,
		created_at: now_ms(),
	};
	state.store.insert_resource(&stored).await?;
	let stored_at = std::time::Instant::now();
	match state.ledger.register(&patient, data_tag, locator_hash).await {
		Ok(record) => {
			let registered_at = std::time::Instant::now();
			state.store.set_registered(&id, record).await?;
			let ms = |d: Duration| d.as_secs_f64() * 1000.0;
			let timing = UploadTiming {
				gateway: ms(stored_at - started) + ms(registered_at.elapsed()),
				chain: ms(registered_at - stored_at),
			};
			Ok((id, record, timing))
		}
		Err(error) => {
			// Never registered, never released: it goes.
			state.store.remove_unregistered(&id).await?;
			Err(chain_error(error))
		}
	}
}

/// A data class's SCALE index.
pub fn class_index(class: DataClass) -> u8 {
	codec::Encode::encode(&class).first().copied().unwrap_or(0)
}

/// The data class of a SCALE index.
pub fn class_of_index(index: u8) -> Option<DataClass> {
	codec::Decode::decode(&mut &[index][..]).ok()
}

/// The purpose of its code (`TREAT`, ...).
fn purpose_of(code: &str) -> Option<Purpose> {
	Purpose::ALL.into_iter().find(|p| format!("{p:?}") == code)
}

/// `GET /fhir/{type}/{id}`: release a record to a grantee, once per finalised access.
async fn release(
	State(state): State<AppState>,
	Path((resource_type, id)): Path<(String, String)>,
	method: Method,
	uri: Uri,
	headers: HeaderMap,
) -> Result<Response, GatewayError> {
	const ACTION: &str = "release";
	let started = std::time::Instant::now();
	let what = format!("{resource_type}/{id}");
	let claimed = match state.authenticate(&method, &uri, &headers, b"").await {
		Ok(claimed) => claimed,
		Err(error) => return Err(state.refuse(None, ACTION, &what, None, error).await),
	};
	let who = claimed.account.clone();
	let Released { bytes, record, access, consent } =
		match released(&state, &resource_type, &id, &claimed).await {
			Ok(checked) => checked,
			Err(error) => {
				return Err(state
					.refuse(Some(&who), ACTION, &what, claimed.access.as_ref(), error)
					.await)
			}
		};
	// Redeemed and logged together: a release is never without its audit entry.
	let logged = entry(
		Some(&who),
		ACTION,
		&what,
		Some(&access),
		"released",
		&format!("record {record}, {} bytes", bytes.len()),
	);
	match state.store.redeem(&access.block.0, access.event, &logged).await {
		Ok(true) => {
			tracing::info!(action = ACTION, resource = %what, record, outcome = "released");
			let ms = |d: Duration| d.as_secs_f64() * 1000.0;
			// The whole release and, of it, the consent pallet's answer (W3C Server-Timing).
			let timing =
				format!("gateway;dur={:.3}, consent;dur={:.3}", ms(started.elapsed()), ms(consent));
			Ok((
				[
					(header::CONTENT_TYPE, FHIR_JSON.to_string()),
					(header::HeaderName::from_static("server-timing"), timing),
				],
				bytes,
			)
				.into_response())
		}
		Ok(false) => Err(state
			.refuse(Some(&who), ACTION, &what, Some(&access), already_redeemed(&access))
			.await),
		Err(error) => {
			Err(state.refuse(Some(&who), ACTION, &what, Some(&access), error.into()).await)
		}
	}
}

/// A record that passed every check of a release, opened, its access not redeemed yet.
struct Released {
	/// The record, in clear.
	bytes: Vec<u8>,
	/// Its access-grants record.
	record: u64,
	/// The access to redeem for it.
	access: AccessRef,
	/// How long the consent pallet took to answer.
	consent: Duration,
}

/// Every check of a release, then the record opened.
async fn released(
	state: &AppState,
	resource_type: &str,
	id: &str,
	claimed: &Claimed,
) -> Result<Released, GatewayError> {
	let what = format!("{resource_type}/{id}");
	let access = claimed.access.ok_or_else(|| {
		GatewayError::Invalid(vec![Issue::new(
			"required",
			"name your on-chain access in the signed request: access=\"0x<block hash>:<event index>\" of its Accessed event",
		)])
	})?;
	let resource = state
		.store
		.resource(resource_type, id)
		.await?
		.ok_or_else(|| GatewayError::NotFound(format!("this gateway holds no {what}")))?;
	let record = resource
		.record_id
		.ok_or_else(|| GatewayError::NotFound(format!("{what} is not registered on chain yet")))?;
	let stored = find_access(state, &access).await?;
	let grantee = auth::ss58(&claimed.account);
	if stored.accessor != grantee {
		return Err(GatewayError::Forbidden(format!(
			"the access {access} is {}'s, not yours ({grantee}): only the grantee who accessed may fetch",
			stored.accessor
		)));
	}
	if stored.record != record {
		return Err(GatewayError::Forbidden(format!(
			"the access {access} is to record {}, not to {what} (record {record})",
			stored.record
		)));
	}
	if stored.redeemed_at.is_some() {
		return Err(already_redeemed(&access));
	}
	let patient = auth::account_of(&resource.patient)
		.ok_or_else(|| GatewayError::Internal("a stored patient does not read".into()))?;
	let purpose = purpose_of(&stored.purpose).ok_or_else(|| {
		GatewayError::Internal(format!("a stored purpose {} does not read", stored.purpose))
	})?;
	// The tag it was registered with; a record kept before the gateway stored tags has its
	// tag computed again from its class and the patient's secret.
	let data_tag = match resource.data_tag {
		Some(tag) => DataTag(tag),
		None => {
			let class = class_of_index(resource.data_class).ok_or_else(|| {
				GatewayError::Internal("a stored data class does not read".into())
			})?;
			let secret = state.tag_secret_of(&patient).await?.ok_or_else(|| {
				GatewayError::Internal("the patient's tag secret is gone from the store".into())
			})?;
			class.tag(&secret)
		}
	};
	let asked = std::time::Instant::now();
	let decision = state
		.ledger
		.permits(&patient, &claimed.account, purpose, data_tag, resource.created_at)
		.await
		.map_err(chain_error)?;
	let consent = asked.elapsed();
	if let Decision::Deny(denial) = decision {
		return Err(GatewayError::Forbidden(match denial {
			Denial::NoConsent => format!(
				"the patient's consent no longer permits you to access this record for {purpose:?}: it was revoked or has expired since your access, so nothing is released"
			),
			Denial::DeniedByConsent(consent) => format!(
				"the patient's consent {consent} now denies you this record for {purpose:?}, so nothing is released"
			),
		}));
	}
	let bytes = crypto::open(&state.master, &resource.id, &resource.sealed)
		.map_err(|e| GatewayError::Internal(e.to_string()))?;
	Ok(Released { bytes, record, access, consent })
}

fn already_redeemed(access: &AccessRef) -> GatewayError {
	GatewayError::Conflict(format!(
		"the access {access} was redeemed already: one access releases a record once; access it again on chain"
	))
}

/// The finalised access `access`: from the store, waiting a little for the follower if
/// the block it names is not followed yet.
async fn find_access(
	state: &AppState,
	access: &AccessRef,
) -> Result<crate::store::Access, GatewayError> {
	let not_found = || {
		GatewayError::Forbidden(format!(
			"there is no finalised Accessed event of this gateway's records at {access}: access the record on chain (access-grants `access`), wait for its block to be finalised, and name that event"
		))
	};
	if let Some(found) = state.store.access(&access.block.0, access.event).await? {
		return Ok(found);
	}
	// Not kept (yet): is the block it names finalised and followed already?
	let connection = state.ledger.connection().await.map_err(chain_error)?;
	let header = connection
		.rpc
		.chain_get_header(Some(medchain_client::chain::BlockHash::from(access.block.0)))
		.await
		.map_err(|e| chain_error(LedgerError::Chain(e)))?
		.ok_or_else(not_found)?;
	let number = header.number;
	let mut watch = state.ledger.watch();
	let deadline = tokio::time::Instant::now() + FOLLOWER_WAIT;
	loop {
		let followed = match &*watch.borrow_and_update() {
			ChainState::Following { number, .. } => Some(*number),
			ChainState::Unreachable { .. } => None,
		};
		match followed {
			Some(followed) if followed >= number => break,
			None => return Err(chain_error(LedgerError::Unreachable("lost while waiting".into()))),
			Some(_) => {}
		}
		match tokio::time::timeout_at(deadline, watch.changed()).await {
			Ok(Ok(())) => {}
			Ok(Err(_)) => {
				return Err(chain_error(LedgerError::Unreachable("the follower stopped".into())))
			}
			Err(_) => {
				return Err(GatewayError::Conflict(format!(
					"the block of {access} is not finalised yet: try again once it is"
				)))
			}
		}
	}
	// A block on another fork at that height was never finalised.
	let canonical = medchain_client::extrinsic::block_hash(&connection.rpc, number)
		.await
		.map_err(|e| chain_error(LedgerError::Chain(e)))?;
	if canonical.0 != access.block.0 {
		return Err(not_found());
	}
	state.store.access(&access.block.0, access.event).await?.ok_or_else(not_found)
}

/// `GET /medchain/audit?after=N&limit=M`: the audit log, for the provider's staff and its
/// auditors.
async fn audit_log(
	State(state): State<AppState>,
	method: Method,
	uri: Uri,
	headers: HeaderMap,
	Query(page): Query<AuditPage>,
) -> Result<Json<Value>, GatewayError> {
	let claimed = state.authenticate(&method, &uri, &headers, b"").await?;
	if !state.is_staff(&claimed.account) && !state.auditors.contains(&claimed.account) {
		return Err(GatewayError::Forbidden(format!(
			"{} may not read this gateway's audit log: only its provider, uploaders and auditors",
			auth::ss58(&claimed.account)
		)));
	}
	let limit = page.limit.unwrap_or(100).clamp(1, AUDIT_PAGE);
	let entries = state.store.audit_log(page.after.unwrap_or(0), limit).await?;
	Ok(Json(json!({ "entries": entries })))
}

/// A page of the audit log.
#[derive(serde::Deserialize)]
struct AuditPage {
	after: Option<u64>,
	limit: Option<u32>,
}

/// The patient a consent request is about, and their tag secret (which turns data classes
/// into the tags on chain and back): the signer must be that patient or the provider's
/// staff, and the patient must have shared their tag secret.
async fn consent_subject(
	state: &AppState,
	claimed: &Claimed,
	patient: &AccountId,
) -> Result<TagSecret, GatewayError> {
	if &claimed.account != patient && !state.is_staff(&claimed.account) {
		return Err(GatewayError::Forbidden(format!(
			"only {} or this provider's staff may see or draft the patient's consents here",
			auth::ss58(patient)
		)));
	}
	state.tag_secret_of(patient).await?.ok_or_else(|| {
		GatewayError::Conflict(format!(
			"{} has not shared their tag secret with this provider, so their consents' data classes cannot be read or written: share it first (PUT /medchain/tag-secret)",
			auth::ss58(patient)
		))
	})
}

/// `GET /fhir/Consent?patient=<SS58>`: the patient's consents on chain, as FHIR R4 Consents.
async fn consents(
	State(state): State<AppState>,
	method: Method,
	uri: Uri,
	headers: HeaderMap,
	Query(query): Query<ConsentQuery>,
) -> Result<Response, GatewayError> {
	let claimed = state.authenticate(&method, &uri, &headers, b"").await?;
	let patient = auth::account_of(&query.patient).ok_or_else(|| {
		GatewayError::invalid(
			"value",
			"patient",
			format!("{} is not an SS58 address", query.patient),
		)
	})?;
	let secret = consent_subject(&state, &claimed, &patient).await?;
	let found = state.ledger.consents(&patient).await.map_err(chain_error)?;
	let entries: Vec<Value> = found
		.iter()
		.map(|(id, consent, status)| {
			let resource = crate::consent::to_fhir(*id, consent, *status, &secret);
			json!({ "fullUrl": format!("{}/fhir/Consent/medchain-{id}", state.base_url), "resource": resource, "search": { "mode": "match" } })
		})
		.collect();
	let bundle = json!({ "resourceType": "Bundle", "type": "searchset", "total": entries.len(), "entry": entries });
	Ok(([(header::CONTENT_TYPE, FHIR_JSON)], bundle.to_string()).into_response())
}

/// The search parameters of `GET /fhir/Consent`.
#[derive(serde::Deserialize)]
struct ConsentQuery {
	patient: String,
}

/// `POST /fhir/Consent`: a FHIR R4 Consent, translated into the `grant_consent` call for
/// the patient to sign (in polkadot.js: Developer → Extrinsics → decode), as a FHIR
/// `Parameters`; or a 422 `OperationOutcome` naming each element MedChain cannot represent.
async fn translate_consent(
	State(state): State<AppState>,
	method: Method,
	uri: Uri,
	headers: HeaderMap,
	RawBody(body): RawBody,
) -> Result<Response, GatewayError> {
	let body = read_body(body, 256 * 1024).await?;
	let claimed = state.authenticate(&method, &uri, &headers, &body).await?;
	let value: Value = serde_json::from_slice(&body).map_err(|e| {
		GatewayError::Invalid(vec![Issue::new("structure", format!("the body is not JSON: {e}"))])
	})?;
	let reference = value.get("patient").and_then(|p| p.get("reference")).and_then(Value::as_str);
	let patient = reference
		.and_then(|r| r.strip_prefix("Patient/"))
		.and_then(auth::account_of)
		.ok_or_else(|| {
			GatewayError::invalid(
				"required",
				"Consent.patient",
				"name the patient: patient.reference = \"Patient/<SS58 address>\"",
			)
		})?;
	let secret = consent_subject(&state, &claimed, &patient).await?;
	let now = state.ledger.chain_now().await.map_err(chain_error)?;
	let translation = crate::consent::from_fhir(&value, &patient, &secret, now)
		.map_err(GatewayError::Unprocessable)?;
	let call =
		translation.call(&patient).map_err(|issue| GatewayError::Unprocessable(vec![issue]))?;
	let mut parameters = vec![
		json!({ "name": "call", "valueString": format!("0x{}", hex::encode(&call)) }),
		json!({ "name": "signer", "valueString": auth::ss58(&patient) }),
	];
	parameters.extend(
		translation
			.not_carried
			.iter()
			.map(|path| json!({ "name": "notCarried", "valueString": path })),
	);
	let out = json!({ "resourceType": "Parameters", "parameter": parameters });
	Ok(([(header::CONTENT_TYPE, FHIR_JSON)], out.to_string()).into_response())
}
