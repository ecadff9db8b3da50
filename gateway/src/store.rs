//! The gateway's store: SQLite by default (one file, nothing to install), PostgreSQL for a
//! provider that runs several gateway instances, chosen by the URL (`sqlite://…` or
//! `postgres://…`). One code path: sqlx's `Any` driver, the same queries on both (numbered
//! `$n` parameters, `ON CONFLICT DO NOTHING`, conditional updates), and a migration set per
//! server (`migrations/sqlite`, `migrations/postgres`) with the same tables.
//!
//! What must hold across instances is held by the database, not by one process: a nonce is
//! used once (its primary key), an access is redeemed once (a conditional update that only
//! one instance wins), and the audit log is append-only (triggers refuse updates and
//! deletes).

use crate::crypto::Sealed;
use sqlx::{
	any::{AnyPoolOptions, AnyRow},
	migrate::Migrator,
	AnyPool, Row,
};

static SQLITE: Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES: Migrator = sqlx::migrate!("migrations/postgres");

/// What failed in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
	/// The URL names neither SQLite nor PostgreSQL.
	#[error("the store URL {0:?} is neither sqlite://… nor postgres://…")]
	Url(String),
	/// The database refused or failed.
	#[error(transparent)]
	Database(#[from] sqlx::Error),
	/// A migration failed.
	#[error(transparent)]
	Migrate(#[from] sqlx::migrate::MigrateError),
	/// A stored value does not read back as what was stored.
	#[error("a stored {0} does not read back")]
	Corrupt(&'static str),
}

/// Which server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
	/// SQLite, embedded.
	Sqlite,
	/// PostgreSQL.
	Postgres,
}

/// A stored record, sealed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredResource {
	/// Its FHIR id.
	pub id: String,
	/// Its FHIR type.
	pub resource_type: String,
	/// The patient (SS58).
	pub patient: String,
	/// Its data class, as its SCALE index.
	pub data_class: u8,
	/// The data tag it was registered with (the class blinded with the patient's tag secret,
	/// as on chain); none for records stored before the gateway kept it.
	pub data_tag: Option<[u8; 16]>,
	/// The access-grants record, once registered.
	pub record_id: Option<u64>,
	/// blake2-256 of its locator.
	pub locator_hash: [u8; 32],
	/// The record, sealed.
	pub sealed: Sealed,
	/// Its size in bytes, in clear.
	pub size: u64,
	/// When it was stored (ms).
	pub created_at: u64,
}

/// A finalised `Accessed` event of one of this gateway's records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Access {
	/// The block holding it.
	pub block_hash: [u8; 32],
	/// Its index among the block's events.
	pub event_index: u32,
	/// The block's number.
	pub block_number: u32,
	/// The grant accessed under.
	pub grant: u64,
	/// The record accessed.
	pub record: u64,
	/// Who accessed (SS58).
	pub accessor: String,
	/// Whose record (SS58).
	pub patient: String,
	/// For what (the purpose's code).
	pub purpose: String,
	/// When it was redeemed (ms), if it was.
	pub redeemed_at: Option<u64>,
}

/// One entry of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AuditEntry {
	/// Its place in the log.
	pub seq: u64,
	/// When (ms).
	pub at: u64,
	/// Who asked (SS58), or `-` when no one could be told.
	pub actor: String,
	/// What: `upload`, `release`, `share-tag-secret`.
	pub action: String,
	/// Which resource (`Observation/<id>`), or `-`.
	pub resource: String,
	/// Under which access (`0x<block>:<event>`), or `-`.
	pub access: String,
	/// `stored`, `released`, `shared` or `refused`.
	pub outcome: String,
	/// Why: the refusal's message, or what was done.
	pub reason: String,
}

/// The gateway's store.
#[derive(Clone)]
pub struct Store {
	/// Reads.
	pool: AnyPool,
	/// Writes. SQLite takes one writer at a time and makes a second wait in its busy handler,
	/// which sleeps in steps of milliseconds: one connection for writes queues writers in
	/// this process instead, without sleeping. PostgreSQL: the same pool as reads.
	writer: AnyPool,
	backend: Backend,
}

fn int(value: u64) -> i64 {
	i64::try_from(value).unwrap_or(i64::MAX)
}

fn uint(row: &AnyRow, column: &str) -> Result<u64, StoreError> {
	let value: i64 = row.try_get(column)?;
	u64::try_from(value).map_err(|_| StoreError::Corrupt("number"))
}

fn bytes<const N: usize>(row: &AnyRow, column: &str) -> Result<[u8; N], StoreError> {
	let value: Vec<u8> = row.try_get(column)?;
	value.try_into().map_err(|_| StoreError::Corrupt("fixed-size value"))
}

impl Store {
	/// Open the store at `url` (creating a SQLite file if there is none) and bring its
	/// tables up to date.
	pub async fn open(url: &str) -> Result<Self, StoreError> {
		sqlx::any::install_default_drivers();
		let (backend, url) = if let Some(rest) = url.strip_prefix("sqlite://") {
			let url = if rest.contains('?') { url.to_string() } else { format!("{url}?mode=rwc") };
			(Backend::Sqlite, url)
		} else if url.starts_with("sqlite:") {
			(Backend::Sqlite, url.to_string())
		} else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
			(Backend::Postgres, url.to_string())
		} else {
			return Err(StoreError::Url(url.to_string()));
		};
		let sqlite_options = |connections: u32| {
			AnyPoolOptions::new().max_connections(connections).after_connect(|connection, _| {
				Box::pin(async move {
					// Readers do not wait for the writer; a writer (of another process on
					// the same file) waits its turn.
					sqlx::query("PRAGMA journal_mode = WAL").execute(&mut *connection).await?;
					sqlx::query("PRAGMA busy_timeout = 5000").execute(&mut *connection).await?;
					sqlx::query("PRAGMA synchronous = NORMAL").execute(&mut *connection).await?;
					Ok(())
				})
			})
		};
		let (pool, writer) = match backend {
			// An in-memory database is one per connection: one connection for everything,
			// never closed for idleness or age (a new one would be a new, empty database).
			Backend::Sqlite if url.contains(":memory:") || url.contains("mode=memory") => {
				let pool = sqlite_options(1)
					.min_connections(1)
					.idle_timeout(None)
					.max_lifetime(None)
					.connect(&url)
					.await?;
				SQLITE.run(&pool).await?;
				(pool.clone(), pool)
			}
			Backend::Sqlite => {
				// The writer first: it creates the file, and the migrations run on it.
				let writer = sqlite_options(1).connect(&url).await?;
				SQLITE.run(&writer).await?;
				(sqlite_options(4).connect(&url).await?, writer)
			}
			Backend::Postgres => {
				let pool = AnyPoolOptions::new().max_connections(16).connect(&url).await?;
				POSTGRES.run(&pool).await?;
				(pool.clone(), pool)
			}
		};
		Ok(Store { pool, writer, backend })
	}

	/// Which server it is.
	pub fn backend(&self) -> Backend {
		self.backend
	}

	/// Whether the database answers.
	pub async fn ping(&self) -> Result<(), StoreError> {
		sqlx::query("SELECT 1").execute(&self.pool).await?;
		Ok(())
	}

	/// Keep `patient`'s tag secret envelope (replacing one shared before).
	pub async fn put_tag_secret(
		&self,
		patient: &str,
		envelope: &[u8],
		at: u64,
	) -> Result<(), StoreError> {
		let mut tx = self.writer.begin().await?;
		sqlx::query("DELETE FROM tag_secrets WHERE patient = $1")
			.bind(patient)
			.execute(&mut *tx)
			.await?;
		sqlx::query("INSERT INTO tag_secrets (patient, envelope, shared_at) VALUES ($1, $2, $3)")
			.bind(patient)
			.bind(envelope.to_vec())
			.bind(int(at))
			.execute(&mut *tx)
			.await?;
		tx.commit().await?;
		Ok(())
	}

	/// `patient`'s tag secret envelope, if they shared one.
	pub async fn tag_secret(&self, patient: &str) -> Result<Option<Vec<u8>>, StoreError> {
		let row = sqlx::query("SELECT envelope FROM tag_secrets WHERE patient = $1")
			.bind(patient)
			.fetch_optional(&self.pool)
			.await?;
		Ok(match row {
			Some(row) => Some(row.try_get("envelope")?),
			None => None,
		})
	}

	/// Store a sealed record, not registered yet.
	pub async fn insert_resource(&self, resource: &StoredResource) -> Result<(), StoreError> {
		sqlx::query(
			"INSERT INTO resources (id, resource_type, patient, data_class, record_id, locator_hash, \
			 wrapped_key, key_nonce, nonce, ciphertext, size, created_at, data_tag) \
			 VALUES ($1, $2, $3, $4, NULL, $5, $6, $7, $8, $9, $10, $11, $12)",
		)
		.bind(&resource.id)
		.bind(&resource.resource_type)
		.bind(&resource.patient)
		.bind(i64::from(resource.data_class))
		.bind(resource.locator_hash.to_vec())
		.bind(resource.sealed.wrapped_key.clone())
		.bind(resource.sealed.key_nonce.to_vec())
		.bind(resource.sealed.nonce.to_vec())
		.bind(resource.sealed.ciphertext.clone())
		.bind(int(resource.size))
		.bind(int(resource.created_at))
		.bind(resource.data_tag.map(|tag| tag.to_vec()))
		.execute(&self.writer)
		.await?;
		Ok(())
	}

	/// Record that resource `id` is registered on chain as `record`.
	pub async fn set_registered(&self, id: &str, record: u64) -> Result<(), StoreError> {
		sqlx::query("UPDATE resources SET record_id = $1 WHERE id = $2")
			.bind(int(record))
			.bind(id)
			.execute(&self.writer)
			.await?;
		Ok(())
	}

	/// Remove a resource whose registration failed (it was never released).
	pub async fn remove_unregistered(&self, id: &str) -> Result<(), StoreError> {
		sqlx::query("DELETE FROM resources WHERE id = $1 AND record_id IS NULL")
			.bind(id)
			.execute(&self.writer)
			.await?;
		Ok(())
	}

	fn resource_of(row: &AnyRow) -> Result<StoredResource, StoreError> {
		let record: Option<i64> = row.try_get("record_id")?;
		let class: i64 = row.try_get("data_class")?;
		let tag: Option<Vec<u8>> = row.try_get("data_tag")?;
		Ok(StoredResource {
			id: row.try_get("id")?,
			resource_type: row.try_get("resource_type")?,
			patient: row.try_get("patient")?,
			data_class: u8::try_from(class).map_err(|_| StoreError::Corrupt("data class"))?,
			data_tag: tag
				.map(|t| t.try_into().map_err(|_| StoreError::Corrupt("data tag")))
				.transpose()?,
			record_id: record
				.map(|r| u64::try_from(r).map_err(|_| StoreError::Corrupt("record")))
				.transpose()?,
			locator_hash: bytes(row, "locator_hash")?,
			sealed: Sealed {
				wrapped_key: row.try_get("wrapped_key")?,
				key_nonce: bytes(row, "key_nonce")?,
				nonce: bytes(row, "nonce")?,
				ciphertext: row.try_get("ciphertext")?,
			},
			size: uint(row, "size")?,
			created_at: uint(row, "created_at")?,
		})
	}

	/// The resource `resource_type/id`.
	pub async fn resource(
		&self,
		resource_type: &str,
		id: &str,
	) -> Result<Option<StoredResource>, StoreError> {
		let row = sqlx::query("SELECT * FROM resources WHERE id = $1 AND resource_type = $2")
			.bind(id)
			.bind(resource_type)
			.fetch_optional(&self.pool)
			.await?;
		row.as_ref().map(Self::resource_of).transpose()
	}

	/// Whether `record` is one of this gateway's registered records.
	pub async fn holds_record(&self, record: u64) -> Result<bool, StoreError> {
		let row = sqlx::query("SELECT id FROM resources WHERE record_id = $1")
			.bind(int(record))
			.fetch_optional(&self.pool)
			.await?;
		Ok(row.is_some())
	}

	/// How many resources are stored (registered or not).
	pub async fn count_resources(&self) -> Result<u64, StoreError> {
		let row = sqlx::query("SELECT COUNT(*) AS n FROM resources").fetch_one(&self.pool).await?;
		uint(&row, "n")
	}

	/// Use `nonce` for `account` at `at`: false if it was used before (a replay).
	pub async fn use_nonce(&self, account: &str, nonce: &str, at: u64) -> Result<bool, StoreError> {
		let done = sqlx::query(
			"INSERT INTO nonces (account, nonce, seen_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
		)
		.bind(account)
		.bind(nonce)
		.bind(int(at))
		.execute(&self.writer)
		.await?;
		Ok(done.rows_affected() == 1)
	}

	/// Forget nonces seen before `before` (ms): requests that old are refused as stale.
	pub async fn forget_nonces(&self, before: u64) -> Result<u64, StoreError> {
		let done = sqlx::query("DELETE FROM nonces WHERE seen_at < $1")
			.bind(int(before))
			.execute(&self.writer)
			.await?;
		Ok(done.rows_affected())
	}

	/// Keep a finalised access (once: the same event again changes nothing).
	pub async fn record_access(&self, access: &Access) -> Result<(), StoreError> {
		sqlx::query(
			"INSERT INTO accesses (block_hash, event_index, block_number, grant_id, record_id, \
			 accessor, patient, purpose, redeemed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL) \
			 ON CONFLICT DO NOTHING",
		)
		.bind(access.block_hash.to_vec())
		.bind(i64::from(access.event_index))
		.bind(i64::from(access.block_number))
		.bind(int(access.grant))
		.bind(int(access.record))
		.bind(&access.accessor)
		.bind(&access.patient)
		.bind(&access.purpose)
		.execute(&self.writer)
		.await?;
		Ok(())
	}

	/// The access at `event_index` of block `block_hash`, if it is one of this gateway's.
	pub async fn access(
		&self,
		block_hash: &[u8; 32],
		event_index: u32,
	) -> Result<Option<Access>, StoreError> {
		let row = sqlx::query("SELECT * FROM accesses WHERE block_hash = $1 AND event_index = $2")
			.bind(block_hash.to_vec())
			.bind(i64::from(event_index))
			.fetch_optional(&self.pool)
			.await?;
		let Some(row) = row else { return Ok(None) };
		let redeemed: Option<i64> = row.try_get("redeemed_at")?;
		let small = |column: &str| -> Result<u32, StoreError> {
			u32::try_from(uint(&row, column)?).map_err(|_| StoreError::Corrupt("index"))
		};
		Ok(Some(Access {
			block_hash: bytes(&row, "block_hash")?,
			event_index: small("event_index")?,
			block_number: small("block_number")?,
			grant: uint(&row, "grant_id")?,
			record: uint(&row, "record_id")?,
			accessor: row.try_get("accessor")?,
			patient: row.try_get("patient")?,
			purpose: row.try_get("purpose")?,
			redeemed_at: redeemed.and_then(|r| u64::try_from(r).ok()),
		}))
	}

	/// Redeem an access and write its release to the audit log (`entry`; redeemed at its
	/// time), in one transaction: both or neither, so no release goes unlogged. True for the
	/// one caller that redeems it, false if it was redeemed already (by this instance or
	/// another), and then nothing is written.
	pub async fn redeem(
		&self,
		block_hash: &[u8; 32],
		event_index: u32,
		entry: &AuditEntry,
	) -> Result<bool, StoreError> {
		let mut tx = self.writer.begin().await?;
		let done = sqlx::query(
			"UPDATE accesses SET redeemed_at = $1 \
			 WHERE block_hash = $2 AND event_index = $3 AND redeemed_at IS NULL",
		)
		.bind(int(entry.at))
		.bind(block_hash.to_vec())
		.bind(i64::from(event_index))
		.execute(&mut *tx)
		.await?;
		if done.rows_affected() != 1 {
			tx.rollback().await?;
			return Ok(false);
		}
		Self::append(&mut tx, entry).await?;
		tx.commit().await?;
		Ok(true)
	}

	/// The last finalised block the follower handled.
	pub async fn followed(&self) -> Result<Option<u32>, StoreError> {
		let row = sqlx::query("SELECT block_number FROM follower WHERE id = 1")
			.fetch_optional(&self.pool)
			.await?;
		row.map(|row| {
			u32::try_from(uint(&row, "block_number")?).map_err(|_| StoreError::Corrupt("block"))
		})
		.transpose()
	}

	/// Note that the follower handled block `number` (never going back: several instances
	/// may follow at once).
	pub async fn set_followed(&self, number: u32) -> Result<(), StoreError> {
		let mut tx = self.writer.begin().await?;
		let done =
			sqlx::query("UPDATE follower SET block_number = $1 WHERE id = 1 AND block_number < $1")
				.bind(i64::from(number))
				.execute(&mut *tx)
				.await?;
		if done.rows_affected() == 0 {
			sqlx::query(
				"INSERT INTO follower (id, block_number) VALUES (1, $1) ON CONFLICT DO NOTHING",
			)
			.bind(i64::from(number))
			.execute(&mut *tx)
			.await?;
		}
		tx.commit().await?;
		Ok(())
	}

	/// Append to the audit log.
	pub async fn audit(&self, entry: &AuditEntry) -> Result<(), StoreError> {
		let mut connection = self.writer.acquire().await?;
		Self::append(&mut connection, entry).await
	}

	async fn append(
		connection: &mut sqlx::AnyConnection,
		entry: &AuditEntry,
	) -> Result<(), StoreError> {
		sqlx::query(
			"INSERT INTO audit (at, actor, action, resource, access, outcome, reason) \
			 VALUES ($1, $2, $3, $4, $5, $6, $7)",
		)
		.bind(int(entry.at))
		.bind(&entry.actor)
		.bind(&entry.action)
		.bind(&entry.resource)
		.bind(&entry.access)
		.bind(&entry.outcome)
		.bind(&entry.reason)
		.execute(connection)
		.await?;
		Ok(())
	}

	/// The audit log's entries after `after`, at most `limit`, oldest first.
	pub async fn audit_log(&self, after: u64, limit: u32) -> Result<Vec<AuditEntry>, StoreError> {
		let rows = sqlx::query("SELECT * FROM audit WHERE seq > $1 ORDER BY seq LIMIT $2")
			.bind(int(after))
			.bind(i64::from(limit))
			.fetch_all(&self.pool)
			.await?;
		rows.iter()
			.map(|row| {
				Ok(AuditEntry {
					seq: uint(row, "seq")?,
					at: uint(row, "at")?,
					actor: row.try_get("actor")?,
					action: row.try_get("action")?,
					resource: row.try_get("resource")?,
					access: row.try_get("access")?,
					outcome: row.try_get("outcome")?,
					reason: row.try_get("reason")?,
				})
			})
			.collect()
	}

	/// Try to change the audit log (tests: it must be refused).
	#[cfg(test)]
	pub async fn tamper_with_audit(&self) -> Result<(), StoreError> {
		sqlx::query("UPDATE audit SET reason = 'nothing happened'").execute(&self.writer).await?;
		Ok(())
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use std::sync::atomic::{AtomicU32, Ordering};

	static NEXT: AtomicU32 = AtomicU32::new(0);

	/// A fresh SQLite file.
	async fn sqlite() -> Store {
		let n = NEXT.fetch_add(1, Ordering::SeqCst);
		let dir =
			std::env::temp_dir().join(format!("medchain-gw-store-{}-{n}", std::process::id()));
		let _ = std::fs::remove_dir_all(&dir);
		std::fs::create_dir_all(&dir).unwrap();
		Store::open(&format!("sqlite://{}/records.db", dir.display())).await.unwrap()
	}

	/// A fresh database on the PostgreSQL server `scripts/test.sh` starts
	/// (`MEDCHAIN_TEST_POSTGRES`: a URL of a database on it that the tests may create
	/// databases from).
	async fn postgres() -> Store {
		let url = std::env::var("MEDCHAIN_TEST_POSTGRES").expect(
			"MEDCHAIN_TEST_POSTGRES must name a PostgreSQL database (scripts/test.sh starts a server and sets it)",
		);
		let n = NEXT.fetch_add(1, Ordering::SeqCst);
		let name = format!("gateway_{}_{n}", std::process::id());
		sqlx::any::install_default_drivers();
		let admin = AnyPoolOptions::new().max_connections(1).connect(&url).await.unwrap();
		sqlx::query(&format!("CREATE DATABASE {name}")).execute(&admin).await.unwrap();
		let base = url.rsplit_once('/').map(|(base, _)| base).unwrap();
		Store::open(&format!("{base}/{name}")).await.unwrap()
	}

	fn resource(id: &str) -> StoredResource {
		StoredResource {
			id: id.into(),
			resource_type: "Observation".into(),
			patient: "5Dc6".into(),
			data_class: 10,
			data_tag: Some([7; 16]),
			record_id: None,
			locator_hash: [3; 32],
			sealed: Sealed {
				wrapped_key: vec![1; 48],
				key_nonce: [2; 12],
				nonce: [4; 12],
				ciphertext: vec![5; 100],
			},
			size: 84,
			created_at: 1_733_000_000_000,
		}
	}

	fn access(event_index: u32) -> Access {
		Access {
			block_hash: [9; 32],
			event_index,
			block_number: 12,
			grant: 3,
			record: 7,
			accessor: "5FHn".into(),
			patient: "5Dc6".into(),
			purpose: "TREAT".into(),
			redeemed_at: None,
		}
	}

	async fn records_read_back_and_registration_is_recorded(store: Store) {
		store.insert_resource(&resource("a")).await.unwrap();
		assert_eq!(store.resource("Observation", "a").await.unwrap(), Some(resource("a")));
		assert_eq!(store.resource("Condition", "a").await.unwrap(), None, "by type and id");
		assert!(!store.holds_record(7).await.unwrap());
		store.set_registered("a", 7).await.unwrap();
		assert!(store.holds_record(7).await.unwrap());
		assert_eq!(store.resource("Observation", "a").await.unwrap().unwrap().record_id, Some(7));
		// A registered record is never removed as unregistered.
		store.remove_unregistered("a").await.unwrap();
		assert_eq!(store.count_resources().await.unwrap(), 1);
		store.insert_resource(&resource("b")).await.unwrap();
		store.remove_unregistered("b").await.unwrap();
		assert_eq!(store.count_resources().await.unwrap(), 1);
		assert!(store.insert_resource(&resource("a")).await.is_err(), "an id is stored once");
		// A record kept before the gateway stored data tags reads back without one.
		let older = StoredResource { data_tag: None, ..resource("c") };
		store.insert_resource(&older).await.unwrap();
		assert_eq!(store.resource("Observation", "c").await.unwrap(), Some(older));
	}

	async fn a_nonce_is_used_once_and_stale_ones_are_forgotten(store: Store) {
		assert!(store.use_nonce("5FHn", "n1", 1000).await.unwrap());
		assert!(!store.use_nonce("5FHn", "n1", 1001).await.unwrap(), "a replay");
		assert!(store.use_nonce("5Dc6", "n1", 1001).await.unwrap(), "another account's");
		assert_eq!(store.forget_nonces(1001).await.unwrap(), 1);
		assert!(!store.use_nonce("5Dc6", "n1", 1002).await.unwrap());
	}

	async fn an_access_is_kept_once_and_redeemed_once(store: Store) {
		store.record_access(&access(4)).await.unwrap();
		store.record_access(&access(4)).await.unwrap();
		assert_eq!(store.access(&[9; 32], 4).await.unwrap(), Some(access(4)));
		assert_eq!(store.access(&[9; 32], 5).await.unwrap(), None);
		let release = |at: u64| AuditEntry {
			seq: 0,
			at,
			actor: "5FHn".into(),
			action: "release".into(),
			resource: "Observation/a".into(),
			access: "0x0909…:4".into(),
			outcome: "released".into(),
			reason: format!("attempt at {at}"),
		};
		// Many redeem at once: one wins, and only its release is in the audit log.
		let attempts = (0..8).map(|i| {
			let store = store.clone();
			async move { store.redeem(&[9; 32], 4, &release(2000 + i)).await.unwrap() }
		});
		let won: Vec<bool> = futures_join(attempts).await;
		assert_eq!(won.iter().filter(|w| **w).count(), 1, "{won:?}");
		let redeemed_at = store.access(&[9; 32], 4).await.unwrap().unwrap().redeemed_at.unwrap();
		let logged = store.audit_log(0, 100).await.unwrap();
		assert_eq!(logged.len(), 1, "{logged:?}");
		assert_eq!((logged[0].at, logged[0].outcome.as_str()), (redeemed_at, "released"));
		assert!(!store.redeem(&[9; 32], 5, &release(3000)).await.unwrap(), "no such access");
		assert_eq!(store.audit_log(0, 100).await.unwrap().len(), 1, "nothing logged for it");
	}

	async fn futures_join<F: std::future::Future<Output = bool> + Send + 'static>(
		futures: impl Iterator<Item = F>,
	) -> Vec<bool> {
		let handles: Vec<_> = futures.map(tokio::spawn).collect();
		let mut out = Vec::new();
		for handle in handles {
			out.push(handle.await.unwrap());
		}
		out
	}

	async fn the_follower_never_goes_back(store: Store) {
		assert_eq!(store.followed().await.unwrap(), None);
		store.set_followed(10).await.unwrap();
		store.set_followed(8).await.unwrap();
		assert_eq!(store.followed().await.unwrap(), Some(10));
		store.set_followed(11).await.unwrap();
		assert_eq!(store.followed().await.unwrap(), Some(11));
	}

	async fn tag_secrets_are_replaced(store: Store) {
		assert_eq!(store.tag_secret("5Dc6").await.unwrap(), None);
		store.put_tag_secret("5Dc6", &[1; 92], 1).await.unwrap();
		store.put_tag_secret("5Dc6", &[2; 92], 2).await.unwrap();
		assert_eq!(store.tag_secret("5Dc6").await.unwrap(), Some(vec![2; 92]));
	}

	async fn the_audit_log_is_append_only(store: Store) {
		for (i, outcome) in ["released", "refused"].into_iter().enumerate() {
			let entry = AuditEntry {
				seq: 0,
				at: 10 + i as u64,
				actor: "5FHn".into(),
				action: "release".into(),
				resource: "Observation/a".into(),
				access: "-".into(),
				outcome: outcome.into(),
				reason: "why".into(),
			};
			store.audit(&entry).await.unwrap();
		}
		let log = store.audit_log(0, 10).await.unwrap();
		assert_eq!(
			log.iter().map(|e| e.outcome.as_str()).collect::<Vec<_>>(),
			["released", "refused"]
		);
		assert!(log[0].seq < log[1].seq);
		assert_eq!(store.audit_log(log[0].seq, 10).await.unwrap().len(), 1, "after");
		let refused = store.tamper_with_audit().await.expect_err("append-only");
		assert!(refused.to_string().contains("append-only"), "{refused}");
		assert_eq!(store.audit_log(0, 10).await.unwrap(), log);
	}

	macro_rules! on_both {
		($($name:ident),* $(,)?) => {
			mod on_sqlite { $( #[tokio::test(flavor = "multi_thread", worker_threads = 2)] async fn $name() { super::$name(super::sqlite().await).await } )* }
			mod on_postgres { $( #[tokio::test(flavor = "multi_thread", worker_threads = 2)] async fn $name() { super::$name(super::postgres().await).await } )* }
		};
	}

	on_both!(
		records_read_back_and_registration_is_recorded,
		a_nonce_is_used_once_and_stale_ones_are_forgotten,
		an_access_is_kept_once_and_redeemed_once,
		the_follower_never_goes_back,
		tag_secrets_are_replaced,
		the_audit_log_is_append_only,
	);

	/// In memory, one database for the store's whole life: its tables are there for every
	/// query, and what one query wrote the next reads (two connections would be two
	/// databases, the second without tables).
	#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
	async fn an_in_memory_store_is_one_database() {
		let store = Store::open("sqlite::memory:").await.unwrap();
		records_read_back_and_registration_is_recorded(store.clone()).await;
		an_access_is_kept_once_and_redeemed_once(store).await;
	}

	#[tokio::test]
	async fn a_url_of_another_database_is_refused() {
		let refused = Store::open("mysql://localhost/x").await.err().expect("refused");
		assert!(matches!(refused, StoreError::Url(_)), "{refused}");
	}
}
