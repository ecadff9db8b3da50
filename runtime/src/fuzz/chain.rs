//! The chain the fuzz drives: the dev preset's genesis with more accounts, real blocks (Aura
//! slot digest, timestamp inherent, `Executive::initialize_block` / `finalize_block`) and real
//! signed extrinsics (sr25519 keys, every signed extension) applied with
//! `Executive::apply_extrinsic`, as a block builder applies them.

use crate::{
	genesis_config_presets, AccountId, Address, Executive, Header, Nonce, Runtime, RuntimeCall,
	RuntimeGenesisConfig, SignedExtra, SignedPayload, System, UncheckedExtrinsic, SLOT_DURATION,
};
use codec::Encode;
use medchain_primitives::participants::{gs1_check_digit, Role};
use sp_core::{sr25519, Pair, H256};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{
	generic::{Digest, DigestItem, Era},
	traits::{Header as _, IdentifyAccount},
	ApplyExtrinsicResult, BuildStorage, MultiSignature, MultiSigner,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// 2026-01-01T00:00:00Z: the first block's time.
pub const GENESIS_TIME: u64 = 1_767_225_600_000;

/// One account the fuzz signs with.
pub struct Actor {
	pub name: String,
	pub pair: sr25519::Pair,
	pub id: AccountId,
}

/// Who takes part: the dev preset's accounts (with its roles) and these, each endowed like the
/// dev accounts and registered at genesis with these roles (none = a patient, or a newcomer
/// the council may register).
const EXTRA_ACCOUNTS: &[(&str, &[Role])] = &[
	("Manufacturer2", &[Role::Manufacturer]),
	("Manufacturer3", &[Role::Manufacturer]),
	("Wholesaler2", &[Role::Wholesaler]),
	("WholesalePharmacy", &[Role::Wholesaler, Role::Pharmacy]),
	("Carrier2", &[Role::Carrier]),
	("Pharmacy2", &[Role::Pharmacy]),
	("Pharmacy3", &[Role::Pharmacy]),
	("Hospital2", &[Role::Hospital, Role::Clinician]),
	("Clinician2", &[Role::Clinician]),
	("Clinician3", &[Role::Clinician]),
	("Researcher2", &[Role::Researcher]),
	("Regulator2", &[Role::Regulator]),
	("Auditor2", &[Role::Auditor]),
	("Oracle2", &[Role::AnomalyOracle]),
	("Patient1", &[]),
	("Patient2", &[]),
	("Patient3", &[]),
	("Patient4", &[]),
	("Patient5", &[]),
	("Patient6", &[]),
	("Patient7", &[]),
	("Patient8", &[]),
	("Newcomer1", &[]),
	("Newcomer2", &[]),
];

/// Roles that come with a GS1 location (places goods are at).
fn has_location(roles: &[Role]) -> bool {
	roles.iter().any(|r| {
		matches!(r, Role::Manufacturer | Role::Wholesaler | Role::Pharmacy | Role::Hospital)
	})
}

/// Every actor: the dev keyring (less One and Two, which the preset does not endow), then the
/// extra accounts.
pub fn actors() -> Vec<Actor> {
	let mut actors: Vec<Actor> = Sr25519Keyring::iter()
		.filter(|k| !matches!(k, Sr25519Keyring::One | Sr25519Keyring::Two))
		.map(|k| Actor { name: format!("{k:?}"), pair: k.pair(), id: k.to_account_id() })
		.collect();
	for (name, _) in EXTRA_ACCOUNTS {
		let pair = sr25519::Pair::from_string(&format!("//Fuzz//{name}"), None)
			.expect("a derivation of the dev phrase is a valid seed");
		let id = MultiSigner::from(pair.public()).into_account();
		actors.push(Actor { name: name.to_string(), pair, id });
	}
	actors
}

/// The dev preset (as the node builds it) with the extra accounts endowed and registered.
pub fn genesis(actors: &[Actor]) -> sp_io::TestExternalities {
	let mut config: RuntimeGenesisConfig =
		serde_json::from_value(genesis_config_presets::development_config_genesis())
			.expect("the dev preset is a valid genesis config");
	for (i, (name, roles)) in EXTRA_ACCOUNTS.iter().enumerate() {
		let actor = actors.iter().find(|a| a.name == *name).expect("every extra is an actor");
		config.balances.balances.push((actor.id.clone(), genesis_config_presets::DEV_ENDOWMENT));
		if !roles.is_empty() {
			// A valid GLN: a made-up company prefix, the actor's number, the check digit.
			let gln = has_location(roles).then(|| {
				let body = 400_638_200_000 + i as u64;
				body * 10 + u64::from(gs1_check_digit(body))
			});
			// A salted commitment, as the registry expects (the salt: the actor's number).
			let name_commitment =
				H256(medchain_primitives::participants::name_commitment(&[i as u8; 32], name));
			config.participants.participants.push((
				actor.id.clone(),
				roles.to_vec(),
				gln,
				name_commitment,
			));
		}
	}
	config.build_storage().expect("the fuzz genesis builds").into()
}

/// A minimal contract, hand-assembled (no Wasm toolchain in the runtime's tests): `deploy`
/// does nothing; `call` takes its input as a little-endian chain extension id (extension
/// << 16 | function) followed by that function's input, calls MedChain's chain extension with
/// it and ignores the answer. Registered as a `HoldAuthority`, it places and releases holds in
/// its own name through the real chain extension, as the shipment-holds contract does
/// (without that contract's own rules: anyone may call it).
///
/// ```wat
/// (module
///   (import "seal0" "seal_input" (func $input (param i32 i32)))
///   (import "seal0" "call_chain_extension" (func $ext (param i32 i32 i32 i32 i32) (result i32)))
///   (import "env" "memory" (memory 1 1))
///   (func (export "deploy"))
///   (func (export "call")
///     (i32.store (i32.const 0) (i32.const 256))   ;; input buffer capacity
///     (i32.store (i32.const 4) (i32.const 64))    ;; output buffer capacity
///     (call $input (i32.const 16) (i32.const 0))  ;; input at 16, its length at 0
///     (drop (call $ext (i32.load (i32.const 16)) (i32.const 20)
///       (i32.sub (i32.load (i32.const 0)) (i32.const 4)) (i32.const 512) (i32.const 4)))))
/// ```
pub fn forwarder_contract() -> Vec<u8> {
	fn name(s: &str) -> Vec<u8> {
		let mut out = vec![s.len() as u8];
		out.extend_from_slice(s.as_bytes());
		out
	}
	fn section(id: u8, body: Vec<u8>) -> Vec<u8> {
		assert!(body.len() < 128, "one-byte section sizes only");
		let mut out = vec![id, body.len() as u8];
		out.extend(body);
		out
	}
	const I32: u8 = 0x7f;
	let types = [
		vec![0x03],
		vec![0x60, 2, I32, I32, 0],                     // 0: (i32, i32) -> ()
		vec![0x60, 5, I32, I32, I32, I32, I32, 1, I32], // 1: (i32 x 5) -> i32
		vec![0x60, 0, 0],                               // 2: () -> ()
	]
	.concat();
	let imports = [
		vec![0x03],
		name("seal0"),
		name("seal_input"),
		vec![0x00, 0],
		name("seal0"),
		name("call_chain_extension"),
		vec![0x00, 1],
		name("env"),
		name("memory"),
		vec![0x02, 0x01, 1, 1],
	]
	.concat();
	let functions = vec![0x02, 2, 2];
	let exports = [vec![0x02], name("deploy"), vec![0x00, 2], name("call"), vec![0x00, 3]].concat();
	let call_body: Vec<u8> = vec![
		0x00, // no locals
		0x41, 0x00, 0x41, 0x80, 0x02, 0x36, 0x02, 0x00, // [0] = 256
		0x41, 0x04, 0x41, 0xc0, 0x00, 0x36, 0x02, 0x00, // [4] = 64
		0x41, 0x10, 0x41, 0x00, 0x10, 0x00, // seal_input(16, 0)
		0x41, 0x10, 0x28, 0x02, 0x00, // id = [16]
		0x41, 0x14, // input at 20
		0x41, 0x00, 0x28, 0x02, 0x00, 0x41, 0x04, 0x6b, // its length: [0] - 4
		0x41, 0x80, 0x04, 0x41, 0x04, // output at 512, its capacity at 4
		0x10, 0x01, 0x1a, // call_chain_extension, drop the status
		0x0b,
	];
	// Two bodies: deploy (size 2: no locals, end), then call.
	let mut code = vec![0x02, 0x02, 0x00, 0x0b];
	code.push(call_body.len() as u8);
	code.extend(call_body);
	[
		b"\0asm".to_vec(),
		vec![1, 0, 0, 0],
		section(1, types),
		section(2, imports),
		section(3, functions),
		section(7, exports),
		section(10, code),
	]
	.concat()
}

/// The chain: its externalities, block number, time and parent hash, and what changed in
/// storage since the fuzz last looked.
pub struct Chain {
	pub ext: sp_io::TestExternalities,
	pub number: u32,
	pub now: u64,
	parent: H256,
	/// The storage values the fuzz last saw in the overlay (see [`Self::changed_prefixes`]).
	seen: HashMap<Vec<u8>, Option<Vec<u8>>>,
}

/// The signed extensions of a transaction from an account with this nonce: immortal, no tip.
pub fn signed_extra(nonce: Nonce) -> SignedExtra {
	(
		frame_system::CheckNonZeroSender::<Runtime>::new(),
		frame_system::CheckSpecVersion::<Runtime>::new(),
		frame_system::CheckTxVersion::<Runtime>::new(),
		frame_system::CheckGenesis::<Runtime>::new(),
		frame_system::CheckEra::<Runtime>::from(Era::Immortal),
		frame_system::CheckNonce::<Runtime>::from(nonce),
		frame_system::CheckWeight::<Runtime>::new(),
		pallet_transaction_payment::ChargeTransactionPayment::<Runtime>::from(0),
	)
}

/// `call` signed by `who` with its current nonce, as a wallet would sign it. Needs the
/// externalities (the genesis hash and runtime version are part of what is signed).
pub fn sign(call: RuntimeCall, who: &Actor) -> UncheckedExtrinsic {
	sign_as(call, &who.id, &who.pair, System::account_nonce(&who.id))
}

/// `call` from `who` with `nonce`, signed with `key` (a forger's, if it is not `who`'s).
pub fn sign_as(
	call: RuntimeCall,
	who: &AccountId,
	key: &sr25519::Pair,
	nonce: Nonce,
) -> UncheckedExtrinsic {
	let payload =
		SignedPayload::new(call, signed_extra(nonce)).expect("the signed extensions' data");
	let signature = payload.using_encoded(|bytes| key.sign(bytes));
	let (call, extra, _) = payload.deconstruct();
	UncheckedExtrinsic::new_signed(
		call,
		Address::Id(who.clone()),
		MultiSignature::Sr25519(signature),
		extra,
	)
}

/// Apply `xt` as a block builder does: in a storage transaction that is rolled back if the
/// transaction is invalid (not included), kept otherwise.
pub fn apply(xt: UncheckedExtrinsic) -> ApplyExtrinsicResult {
	sp_io::storage::start_transaction();
	let result = Executive::apply_extrinsic(xt);
	if result.is_ok() {
		sp_io::storage::commit_transaction();
	} else {
		sp_io::storage::rollback_transaction();
	}
	result
}

impl Chain {
	pub fn new(ext: sp_io::TestExternalities) -> Self {
		Chain { ext, number: 0, now: GENESIS_TIME, parent: H256::zero(), seen: HashMap::new() }
	}

	/// Open the next block at `now` (a later slot than the last block's): Aura's slot digest,
	/// `initialize_block` (every `on_initialize`) and the timestamp inherent.
	pub fn begin_block(&mut self, now: u64) {
		self.number += 1;
		self.now = now;
		let slot = sp_consensus_aura::Slot::from(now / SLOT_DURATION);
		let digest = Digest {
			logs: vec![DigestItem::PreRuntime(sp_consensus_aura::AURA_ENGINE_ID, slot.encode())],
		};
		let header =
			Header::new(self.number, Default::default(), Default::default(), self.parent, digest);
		let timestamp =
			UncheckedExtrinsic::new_unsigned(RuntimeCall::Timestamp(pallet_timestamp::Call::set {
				now,
			}));
		self.ext.execute_with(|| {
			Executive::initialize_block(&header);
			let applied = Executive::apply_extrinsic(timestamp);
			assert!(matches!(applied, Ok(Ok(()))), "the timestamp inherent applies: {applied:?}");
		});
	}

	/// Close the block: `finalize_block` (every `on_idle` and `on_finalize`, the state root).
	pub fn end_block(&mut self) {
		let header = self.ext.execute_with(Executive::finalize_block);
		self.parent = header.hash();
	}

	/// Move the block's changes from the overlay into the backend, so the overlay (which
	/// [`Self::changed_prefixes`] walks) stays one block small.
	pub fn commit(&mut self) {
		self.ext.commit_all().expect("the overlay commits");
		self.seen.clear();
	}

	/// The storage items (by their 32-byte prefix: pallet and item) written since the last
	/// call, read from the overlay of changes: a key whose value differs from what was seen
	/// last time. After a commit every key written again counts (it may not have changed),
	/// which only costs a re-read.
	pub fn changed_prefixes(&mut self) -> BTreeSet<[u8; 32]> {
		let mut changed = BTreeSet::new();
		for (key, entry) in self.ext.overlayed_changes().changes() {
			// Well-known keys (`:extrinsic_index`, `:intrablock_entropy`, ...) are the
			// executive's own bookkeeping; `:code` never changes here.
			if key.starts_with(b":") {
				continue;
			}
			let value = entry.value();
			if self.seen.get(key).map(Option::as_ref) != Some(value) {
				let mut prefix = [0u8; 32];
				let n = key.len().min(32);
				prefix[..n].copy_from_slice(&key[..n]);
				changed.insert(prefix);
				self.seen.insert(key.clone(), value.cloned());
			}
		}
		changed
	}
}

/// The accounts by name, for messages.
pub struct Names(pub BTreeMap<AccountId, String>);

impl Names {
	pub fn of(&self, who: &AccountId) -> String {
		self.0.get(who).cloned().unwrap_or_else(|| format!("{who}"))
	}
}
