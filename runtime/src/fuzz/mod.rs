//! A property test of the whole runtime (issue 16, item 16): random sequences of signed calls
//! across MedChain's pallets, a block at a time, on the real runtime.
//!
//! **What runs.** The dev preset's genesis (Alice sudo and validator, the council of Alice,
//! Bob and Charlie, the dev accounts in their roles), with 24 more accounts: participants in
//! every role, patients, and newcomers the council may register; 36 signing accounts in all.
//! The `HoldAuthority` is a contract account, as the registry demands: a tiny hand-assembled
//! contract ([`chain::forwarder_contract`]) that forwards its input to MedChain's chain
//! extension, deployed and registered by sudo in the first block. Blocks are real: an Aura slot
//! digest, `Executive::initialize_block`, the timestamp inherent, then signed extrinsics (sr25519
//! signatures, every signed extension: nonce, weight, fees) through `Executive::apply_extrinsic`,
//! then `Executive::finalize_block` (`on_idle`, `on_finalize`). Time moves by a slot, by hours or
//! by days between blocks, so consents expire, requests lapse and purges run. The calls
//! ([`generate`]): balances transfers, council motions on the registry (propose, vote, close),
//! sudo, every consent call, every drug-tracking call, and the contract's holds; most are built
//! from the state to be able to succeed, one in eight is spoiled (wrong signer, bad argument),
//! and one in a hundred is signed wrongly (another's key, a used nonce) so a node refuses it.
//!
//! **What is checked.**
//! - After every call ([`rules`]): an invalid transaction changes nothing; a failed call changes
//!   nothing but its fee and nonce; total issuance falls by exactly the fee (fees are burnt) and
//!   every account's balance changes only by the fee of a call it signed and that call's
//!   transfers; each account's held deposits move exactly as the deposits of the records in its
//!   name, and a deposit is only ever held from the signer; and no call by X changes Y's
//!   consents, requests, guardians, break-glass episodes, units, packs, shipments, events, holds,
//!   overrides or clone reports unless the pallets' rules let X do it (each rule is written out
//!   in [`rules`], with roles as they were when X signed). The registry changes only by
//!   governance (sudo, or a council motion), and only for the participant it names.
//! - After every block: the block's hooks moved no money and changed nothing but the consents
//!   and requests they purge once `AutoPurgeDelay` has passed; every MedChain pallet's own
//!   `do_try_state` (exposed to native builds for this, see the pallets' `features/try_state.rs`);
//!   and what can be checked of frame-system and pallet-balances: total issuance is the sum of
//!   all accounts, every account's reserved balance is its holds, accounts with holds have a
//!   consumer, accounts with a balance a provider and at least the existential deposit.
//! - Zero panics: a panic anywhere in a block fails the test with the seed and the call.
//! - A healthy share of calls succeeds, and every kind of call succeeds sometimes, so the test
//!   cannot pass because nothing works. The outcome mix is printed (`--nocapture`).
//!
//! **What is not checked.** The runtime is not built with `try-runtime` (a second build of the
//! whole runtime CI cannot afford), so the SDK pallets' own `try_state` hooks do not run;
//! frame-system and balances are checked by hand as above. The pallets' index maps
//! (`PatientConsents`, `GranteeConsents`, `ReportedPacks`, ...) are left to their `try_state`.
//! Proxy, multisig and utility calls are not generated (SDK pallets with their own tests), nor
//! contract uploads beyond the one hold-authority contract. Arithmetic overflow is not trapped
//! here: the runtime's tests build in release without overflow checks (the pallets' tests run
//! with them, see `scripts/test.sh`).
//!
//! **Size.** 10,000 calls by default; `MEDCHAIN_FUZZ_CALLS` sets another count and
//! `MEDCHAIN_FUZZ_SEED` (decimal or 0x-hex) another seed. A failure names the seed, the block,
//! the call and what broke: run again with that seed to reproduce it.

mod chain;
mod generate;
mod rules;
mod state;

use crate::{AccountId, Runtime, RuntimeCall, RuntimeEvent, System, SLOT_DURATION};
use chain::{Actor, Chain, Names};
use frame_support::traits::Get;
use generate::{Generator, Motion, World};
use rules::{CallContext, Checker, Outcome};
use sp_core::Pair;
use state::Snapshot;
use std::{
	collections::{BTreeMap, BTreeSet},
	panic::{catch_unwind, AssertUnwindSafe},
	time::Instant,
};

/// The seed CI runs with.
const DEFAULT_SEED: u64 = 0x4d45_4443_4841_494e; // "MEDCHAIN"
/// The calls CI makes.
const DEFAULT_CALLS: u64 = 10_000;

fn env_number(name: &str, default: u64) -> u64 {
	match std::env::var(name) {
		Ok(text) => {
			let text = text.trim().replace('_', "");
			let parsed = match text.strip_prefix("0x") {
				Some(hex) => u64::from_str_radix(hex, 16),
				None => text.parse(),
			};
			parsed.unwrap_or_else(|_| panic!("{name} must be a number, not {text:?}"))
		}
		Err(_) => default,
	}
}

/// How a call is signed wrongly.
enum Forgery {
	/// With this key, not the signer's.
	Key(Box<sp_core::sr25519::Pair>),
	/// With a nonce already used (or, for a first transaction, not yet due).
	Nonce,
}

/// How the calls of one kind turned out.
#[derive(Default)]
struct Tally {
	ok: u64,
	failed: BTreeMap<String, u64>,
	invalid: BTreeMap<String, u64>,
}

impl Tally {
	fn attempts(&self) -> u64 {
		self.ok + self.failed.values().sum::<u64>() + self.invalid.values().sum::<u64>()
	}
}

fn error_name(error: &sp_runtime::DispatchError) -> String {
	match error {
		sp_runtime::DispatchError::Module(m) => m.message.unwrap_or("Module").to_string(),
		other => format!("{other:?}"),
	}
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
	payload
		.downcast_ref::<&str>()
		.map(|s| s.to_string())
		.or_else(|| payload.downcast_ref::<String>().cloned())
		.unwrap_or_else(|| "a panic without a message".into())
}

/// frame-system's and pallet-balances' invariants, read from storage.
fn system_and_balances_try_state() -> Result<(), String> {
	let ed = <Runtime as pallet_balances::Config>::ExistentialDeposit::get();
	let mut sum = 0u128;
	for (who, info) in frame_system::Account::<Runtime>::iter() {
		let data = info.data;
		sum += data.free + data.reserved;
		let held: u128 =
			pallet_balances::Holds::<Runtime>::get(&who).iter().map(|h| h.amount).sum();
		if data.reserved != held {
			return Err(format!(
				"{who}'s reserved balance {} is not its holds {held}",
				data.reserved
			));
		}
		if data.reserved > 0 && info.consumers == 0 {
			return Err(format!("{who} has holds but no consumer reference"));
		}
		if data.free + data.reserved > 0 && info.providers == 0 {
			return Err(format!("{who} has a balance but no provider reference"));
		}
		if data.free < ed && data.reserved == 0 {
			return Err(format!("{who} is below the existential deposit ({})", data.free));
		}
	}
	let issuance = pallet_balances::TotalIssuance::<Runtime>::get();
	if sum != issuance {
		return Err(format!("the accounts hold {sum}, total issuance is {issuance}"));
	}
	Ok(())
}

/// Every pallet's checks after a block.
fn try_state() -> Result<(), String> {
	pallet_participants::Pallet::<Runtime>::do_try_state()
		.map_err(|e| format!("pallet-participants try_state: {e:?}"))?;
	pallet_consent::Pallet::<Runtime>::do_try_state()
		.map_err(|e| format!("pallet-consent try_state: {e:?}"))?;
	pallet_drug_tracking::Pallet::<Runtime>::do_try_state()
		.map_err(|e| format!("pallet-drug-tracking try_state: {e:?}"))?;
	system_and_balances_try_state().map_err(|e| format!("frame-system/balances: {e}"))
}

/// The fuzz's run: the chain, its accounts and what it has seen.
struct Run {
	seed: u64,
	chain: Chain,
	actors: Vec<Actor>,
	names: Names,
	contract: AccountId,
	snapshot: Snapshot,
	motions: Vec<Motion>,
	tallies: BTreeMap<&'static str, Tally>,
	/// This block's calls, for a try_state failure's message.
	block_calls: Vec<String>,
}

impl Run {
	fn fail(&self, what: &str) -> ! {
		panic!(
			"\nfuzz failed (seed {:#x}; MEDCHAIN_FUZZ_SEED={:#x} reproduces it), block {}:\n{what}\n",
			self.seed, self.seed, self.chain.number
		)
	}

	/// Run `f` in the externalities; a panic fails the fuzz, naming `doing`.
	fn guarded<R>(&mut self, doing: &str, f: impl FnOnce() -> R) -> R {
		let result = self.chain.ext.execute_with(|| catch_unwind(AssertUnwindSafe(f)));
		result.unwrap_or_else(|payload| {
			self.fail(&format!("the runtime panicked {doing}: {}", panic_message(&*payload)))
		})
	}

	fn actor(&self, who: &AccountId) -> &Actor {
		self.actors.iter().find(|a| &a.id == who).expect("signers are actors")
	}

	/// Read what changed into a new snapshot; returns (before, after, what changed).
	fn step(&mut self) -> (Snapshot, BTreeSet<[u8; 32]>) {
		let changed = self.chain.changed_prefixes();
		let previous = self.snapshot.clone();
		let post = self.chain.ext.execute_with(|| Snapshot::read(Some(&previous), &changed));
		self.snapshot = post;
		(previous, changed)
	}

	/// Check the block's hooks since the last look.
	fn check_hooks(&mut self, which: &str) {
		let (pre, _) = self.step();
		let mut checker = Checker::new(&pre, &self.snapshot, &self.names);
		checker.check_hooks();
		if !checker.violations.is_empty() {
			self.fail(&format!("{which}:\n  {}", checker.violations.join("\n  ")));
		}
	}

	fn begin_block(&mut self, now: u64) {
		let number = self.chain.number + 1;
		let chain = &mut self.chain;
		let result = catch_unwind(AssertUnwindSafe(|| chain.begin_block(now)));
		if let Err(payload) = result {
			self.fail(&format!(
				"the runtime panicked opening block {number}: {}",
				panic_message(&*payload)
			));
		}
		self.block_calls.clear();
		self.check_hooks("opening the block (on_initialize, timestamp)");
	}

	fn end_block(&mut self) {
		let chain = &mut self.chain;
		let result = catch_unwind(AssertUnwindSafe(|| chain.end_block()));
		if let Err(payload) = result {
			self.fail(&format!(
				"the runtime panicked finalizing the block: {}",
				panic_message(&*payload)
			));
		}
		self.check_hooks("finalizing the block (on_idle, on_finalize)");
		if let Err(broken) = self.chain.ext.execute_with(try_state) {
			self.fail(&format!(
				"{broken}\nafter this block's calls:\n  {}",
				self.block_calls.join("\n  ")
			));
		}
		self.chain.commit();
	}

	/// Sign and apply one planned call, then check every rule.
	fn call(
		&mut self,
		generator: &mut Generator,
		council: &[AccountId],
		sudo: &AccountId,
		newcomers: &[AccountId],
	) {
		let ids: Vec<AccountId> = self.actors.iter().map(|a| a.id.clone()).collect();
		let live: BTreeSet<_> = self
			.chain
			.ext
			.execute_with(|| {
				pallet_collective::Proposals::<Runtime, crate::configs::CouncilInstance>::get()
			})
			.into_iter()
			.collect();
		self.motions.retain(|m| live.contains(&m.hash));
		let world = World {
			snap: &self.snapshot,
			actors: &ids,
			contract: &self.contract,
			sudo,
			council,
			newcomers,
			motions: &self.motions,
		};
		let planned = generator.next(&world);
		let signer = self.actor(&planned.signer);
		let (pair, signer_name) = (signer.pair.clone(), signer.name.clone());
		let signing = Actor { name: signer_name.clone(), pair, id: planned.signer.clone() };
		let described = format!("{signer_name} signed {:?}", planned.call);
		let call = planned.call.clone();
		// One call in a hundred is signed wrongly: with someone else's key, or with a nonce
		// already used or not yet due. A node refuses it, and it must change nothing.
		let forged = match generator.rng.range(1, 200) {
			1 => Some(Forgery::Key(Box::new(self.actors[0].pair.clone()))),
			2 => Some(Forgery::Nonce),
			_ => None,
		};
		let (result, events) = self.guarded(&format!("applying a call: {described}"), || {
			let before = System::event_count() as usize;
			let xt = match forged {
				None => chain::sign(call, &signing),
				Some(Forgery::Key(key)) if key.public() != signing.pair.public() => {
					chain::sign_as(call, &signing.id, &key, System::account_nonce(&signing.id))
				}
				Some(_) => {
					let nonce = System::account_nonce(&signing.id);
					let wrong = if nonce > 0 { nonce - 1 } else { nonce + 3 };
					chain::sign_as(call, &signing.id, &signing.pair, wrong)
				}
			};
			let result = chain::apply(xt);
			let events: Vec<RuntimeEvent> =
				System::events().into_iter().skip(before).map(|r| r.event).collect();
			(result, events)
		});
		let outcome = match result {
			Ok(dispatched) => Outcome::Included(dispatched),
			Err(invalid) => Outcome::Invalid(invalid),
		};
		let tally = self.tallies.entry(planned.kind).or_default();
		let outcome_name = match &outcome {
			Outcome::Included(Ok(())) => {
				tally.ok += 1;
				"ok".to_string()
			}
			Outcome::Included(Err(e)) => {
				*tally.failed.entry(error_name(e)).or_default() += 1;
				error_name(e)
			}
			Outcome::Invalid(e) => {
				*tally.invalid.entry(format!("{e:?}")).or_default() += 1;
				format!("invalid: {e:?}")
			}
		};
		self.block_calls.push(format!("{}: {} -> {outcome_name}", planned.kind, signer_name));

		let (pre, changed) = self.step();
		let ctx = CallContext {
			signer: &planned.signer,
			call: &planned.call,
			outcome: &outcome,
			events: &events,
			contract: &self.contract,
			registry_target: planned.registry_target.clone(),
		};
		let mut checker = Checker::new(&pre, &self.snapshot, &self.names);
		checker.check_call(&ctx, &changed);
		if !checker.violations.is_empty() {
			self.fail(&format!(
				"call {} of the block, {described}\n  -> {outcome_name}\nbroke:\n  {}",
				self.block_calls.len(),
				checker.violations.join("\n  ")
			));
		}
		self.note_motions(&planned, &events);
	}

	/// Follow the council's motions by their events.
	fn note_motions(&mut self, planned: &generate::Planned, events: &[RuntimeEvent]) {
		for event in events {
			if let RuntimeEvent::Council(pallet_collective::Event::Proposed {
				proposal_index,
				proposal_hash,
				..
			}) = event
			{
				let len = match &planned.call {
					RuntimeCall::Council(pallet_collective::Call::propose {
						length_bound, ..
					}) => *length_bound,
					_ => continue,
				};
				if let Some(target) = planned.motion_target.clone() {
					self.motions.push(Motion {
						hash: *proposal_hash,
						index: *proposal_index,
						len,
						target,
					});
				}
			}
		}
	}

	fn report(&self, calls: u64, blocks: u32, seconds: f64) -> String {
		let mut out = format!(
			"fuzz: seed {:#x}, {calls} calls in {blocks} blocks, {seconds:.1} s; outcomes by call:\n",
			self.seed
		);
		for (kind, tally) in &self.tallies {
			let top = |m: &BTreeMap<String, u64>| {
				let mut v: Vec<_> = m.iter().collect();
				v.sort_by(|a, b| b.1.cmp(a.1));
				v.iter().take(4).map(|(k, n)| format!("{k} {n}")).collect::<Vec<_>>().join(", ")
			};
			out += &format!(
				"  {kind:32} {:5} calls, {:5} ok, {:5} failed ({}), {:3} invalid ({})\n",
				tally.attempts(),
				tally.ok,
				tally.failed.values().sum::<u64>(),
				top(&tally.failed),
				tally.invalid.values().sum::<u64>(),
				top(&tally.invalid),
			);
		}
		out
	}
}

/// Issue 16, item 16: see the module's documentation.
#[test]
fn random_signed_calls_keep_every_invariant_of_the_runtime() {
	let seed = env_number("MEDCHAIN_FUZZ_SEED", DEFAULT_SEED);
	let calls = env_number("MEDCHAIN_FUZZ_CALLS", DEFAULT_CALLS);
	println!("fuzz: seed {seed:#x} (MEDCHAIN_FUZZ_SEED), {calls} calls (MEDCHAIN_FUZZ_CALLS)");
	let started = Instant::now();

	let actors = chain::actors();
	let mut names: BTreeMap<AccountId, String> =
		actors.iter().map(|a| (a.id.clone(), a.name.clone())).collect();
	let id_of =
		|name: &str| actors.iter().find(|a| a.name == name).expect("a known actor").id.clone();
	let sudo = id_of("Alice");
	let council = vec![id_of("Alice"), id_of("Bob"), id_of("Charlie")];
	let newcomers = vec![id_of("Newcomer1"), id_of("Newcomer2")];
	let mut chain = Chain::new(chain::genesis(&actors));

	// Block 1: Ferdie deploys the hold-authority contract, the sudo key registers it.
	chain.begin_block(chain::GENESIS_TIME);
	let contract = chain.ext.execute_with(|| {
		let ferdie = actors.iter().find(|a| a.name == "Ferdie").expect("Ferdie");
		let deploy = RuntimeCall::Contracts(pallet_contracts::Call::instantiate_with_code {
			value: 0,
			gas_limit: frame_support::weights::Weight::from_parts(100_000_000_000, 10_000_000),
			storage_deposit_limit: None,
			code: chain::forwarder_contract(),
			data: vec![],
			salt: vec![],
		});
		let applied = chain::apply(chain::sign(deploy, ferdie));
		assert!(matches!(applied, Ok(Ok(()))), "the hold-authority contract deploys: {applied:?}");
		let contract = System::events()
			.into_iter()
			.find_map(|r| match r.event {
				RuntimeEvent::Contracts(pallet_contracts::Event::Instantiated {
					contract, ..
				}) => Some(contract),
				_ => None,
			})
			.expect("an Instantiated event");
		let register = RuntimeCall::Sudo(pallet_sudo::Call::sudo {
			call: Box::new(RuntimeCall::Participants(pallet_participants::Call::register {
				who: contract.clone(),
				roles: vec![medchain_primitives::participants::Role::HoldAuthority]
					.try_into()
					.expect("one role"),
				gln: None,
				name_commitment: sp_core::H256(sp_core::blake2_256(b"hold-authority contract")),
			})),
		});
		let alice = actors.iter().find(|a| a.name == "Alice").expect("Alice");
		let applied = chain::apply(chain::sign(register, alice));
		assert!(matches!(applied, Ok(Ok(()))), "sudo registers the contract: {applied:?}");
		use medchain_primitives::participants::{ParticipantRoles, Role};
		assert!(pallet_participants::Pallet::<Runtime>::has_role(&contract, Role::HoldAuthority));
		contract
	});
	names.insert(contract.clone(), "HoldAuthorityContract".into());
	chain.end_block();
	chain.ext.execute_with(try_state).expect("the setup block keeps every invariant");
	chain.commit();

	let snapshot = chain.ext.execute_with(|| Snapshot::read(None, &BTreeSet::new()));
	let mut run = Run {
		seed,
		chain,
		actors,
		names: Names(names),
		contract,
		snapshot,
		motions: Vec::new(),
		tallies: BTreeMap::new(),
		block_calls: Vec::new(),
	};
	let mut generator = Generator::new(seed);
	let mut made = 0u64;
	let mut now = chain::GENESIS_TIME;
	while made < calls {
		// Mostly the next slots; now and then hours or days pass.
		let slots = match generator.rng.range(1, 100) {
			1..=80 => generator.rng.range(1, 3),
			81..=95 => generator.rng.range(100, 3_600),
			_ => generator.rng.range(14_400, 43_200),
		};
		now += slots * SLOT_DURATION;
		run.begin_block(now);
		let in_block = generator.rng.range(8, 40).min(calls - made);
		for _ in 0..in_block {
			run.call(&mut generator, &council, &sudo, &newcomers);
		}
		made += in_block;
		run.end_block();
	}
	let blocks = run.chain.number;
	let seconds = started.elapsed().as_secs_f64();
	let report = run.report(made, blocks, seconds);
	println!("{report}");

	// The run means something only if calls succeed: overall, and every kind of them.
	let ok: u64 = run.tallies.values().map(|t| t.ok).sum();
	assert!(ok * 100 >= made * 60, "only {ok} of {made} calls succeeded:\n{report}");
	// Wrongly signed calls were refused (and then changed nothing, as checked).
	let invalid: u64 = run.tallies.values().map(|t| t.invalid.values().sum::<u64>()).sum();
	assert!(
		invalid * 400 >= made,
		"only {invalid} of {made} calls were refused as invalid:\n{report}"
	);
	for (kind, tally) in &run.tallies {
		if tally.attempts() >= 20 {
			assert!(tally.ok > 0, "no {kind} call ever succeeded:\n{report}");
		}
	}
	for (kind, share) in [
		("tracking.ship", 40),
		("tracking.receive", 40),
		("tracking.commission_serials", 40),
		("tracking.decommission", 30),
		("consent.grant_consent", 40),
		("council.close", 20),
	] {
		let tally = run.tallies.get(kind).unwrap_or_else(|| panic!("no {kind} call was made"));
		assert!(
			tally.ok * 100 >= tally.attempts() * share,
			"fewer than {share}% of {kind} calls succeeded:\n{report}"
		);
	}
}
