//! Issue 16, item 19: the consent pallet's purge in spare block weight (`on_idle`), on the
//! real runtime with its benchmarked weights (`pallet_consent::weights::SubstrateWeight`
//! with RocksDB's costs).
//!
//! The expectations come from storage, not from the pallet's loop: `on_idle` promises to
//! walk the stored consents, then the stored requests, in storage order, one item per step,
//! resuming where the last block stopped and starting again after the last request; to look
//! at no more than 64 items per block; and to charge for reading and writing its
//! cursor and reading the clock, then for each step the benchmarked weight of purging one
//! item (the larger of `purge_consent` and `purge_request`), never more than it was given.
//! The end of each map takes a step too (reading past its last key). The test lists the keys
//! in storage order, chooses budgets worth exactly k steps, and checks which items are gone.

use super::state_of;
use crate::{genesis_config_presets, AccountId, Runtime, RuntimeCall, RuntimeOrigin, System};
use frame_support::{traits::Hooks, weights::Weight};
use medchain_primitives::consent::{DataClass, Purpose};
use pallet_consent::{
	ConsentId, Consents, Ends, Grantee, Provision, ProvisionType, PurgeCursor, Requests, Rule,
	WeightInfo, DAY,
};
use sp_keyring::Sr25519Keyring;
use sp_runtime::traits::Dispatchable;

type Consent = pallet_consent::Pallet<Runtime>;
type Weights = <Runtime as pallet_consent::Config>::WeightInfo;

const T0: u64 = 1_767_225_600_000;
/// The most items `on_idle` looks at in one block, as the pallet documents it.
const CAP: u64 = 64;

/// Reading the cursor and the clock and writing the cursor: what a block's purge costs
/// before it looks at anything.
fn overhead() -> Weight {
	<Runtime as frame_system::Config>::DbWeight::get().reads_writes(2, 1)
}

/// The benchmarked cost of one step: looking at an item and purging it.
fn step() -> Weight {
	Weights::purge_consent().max(Weights::purge_request())
}

/// A budget worth exactly `k` steps.
fn budget(k: u64) -> Weight {
	overhead().saturating_add(step().saturating_mul(k))
}

fn signed(who: &AccountId, call: pallet_consent::Call<Runtime>) {
	let result = RuntimeCall::Consent(call).dispatch(RuntimeOrigin::signed(who.clone()));
	assert_eq!(result.map(|_| ()).map_err(|e| e.error), Ok(()));
}

fn treat() -> Provision {
	Provision {
		kind: ProvisionType::Permit,
		rule: Rule {
			purposes: vec![Purpose::TREAT].try_into().unwrap(),
			data_tags: vec![DataClass::Observation.tag(&[1; 32])].try_into().unwrap(),
			actions: Default::default(),
			data_period: None,
		},
		exceptions: Default::default(),
	}
}

fn consent_keys() -> Vec<ConsentId> {
	Consents::<Runtime>::iter_keys().collect()
}

fn held(who: &AccountId) -> u128 {
	use frame_support::traits::fungible::InspectHold;
	pallet_balances::Pallet::<Runtime>::balance_on_hold(
		&crate::RuntimeHoldReason::Consent(pallet_consent::HoldReason::StorageDeposit),
		who,
	)
}

/// `on_idle` as the runtime calls it in block `n` with `spare` weight; what it used.
fn idle(n: u32, spare: Weight) -> Weight {
	System::set_block_number(n);
	let used = Consent::on_idle(n, spare);
	assert!(used.all_lte(spare), "block {n}: used {used:?} of {spare:?}");
	used
}

#[test]
fn on_idle_purges_at_most_64_items_a_block_within_the_spare_weight_and_resumes() {
	let patients: Vec<AccountId> =
		[Sr25519Keyring::DaveStash, Sr25519Keyring::EveStash, Sr25519Keyring::FerdieStash]
			.iter()
			.map(|k| k.to_account_id())
			.collect();
	let hospital = Sr25519Keyring::Bob.to_account_id();
	let researcher = Sr25519Keyring::BobStash.to_account_id();
	state_of(genesis_config_presets::development_config_genesis()).execute_with(|| {
		System::set_block_number(1);
		pallet_timestamp::Now::<Runtime>::put(T0);
		// Each patient: 32 consents (the most a patient may have), 30 of them revoked now and
		// two in force. 90 purgeable, more than a block's 64.
		let mut kept = Vec::new();
		for patient in &patients {
			for i in 0..32 {
				let id = pallet_consent::NextConsentId::<Runtime>::get();
				signed(
					patient,
					pallet_consent::Call::grant_consent {
						patient: patient.clone(),
						grantee: Grantee::Participant(hospital.clone()),
						provisions: vec![treat()].try_into().unwrap(),
						starts_at: None,
						ends: Ends::Never,
						policy: None,
					},
				);
				if i < 30 {
					signed(patient, pallet_consent::Call::revoke_consent { consent: id });
				} else {
					kept.push(id);
				}
			}
		}
		// Three requests from a researcher, two denied: stored until their answer window
		// and the delay after it are over.
		for _ in 0..3 {
			signed(
				&researcher,
				pallet_consent::Call::request_consent {
					patient: patients[0].clone(),
					provisions: vec![treat()].try_into().unwrap(),
					starts_at: None,
					ends: Ends::Never,
					policy: None,
				},
			);
		}
		signed(&patients[0], pallet_consent::Call::deny_request { request: 0 });
		signed(&patients[0], pallet_consent::Call::deny_request { request: 1 });
		let keys = consent_keys();
		assert_eq!(keys.len(), 96);
		let revoked = |id: &ConsentId| !kept.contains(id);
		// What is left once the items at `looked_at` positions of `keys` have been looked at
		// after the delay.
		let left_after = |looked_at: &[ConsentId]| -> Vec<ConsentId> {
			keys.iter().filter(|id| !(looked_at.contains(id) && revoked(id))).copied().collect()
		};
		let spare = <Runtime as frame_system::Config>::BlockWeights::get().max_block;
		let state = || sp_io::storage::root(sp_runtime::StateVersion::V1);

		// Too little spare weight for the cursor and one step: nothing is read, written or
		// charged; in either dimension.
		pallet_timestamp::Now::<Runtime>::put(T0 + DAY);
		System::set_block_number(2);
		let before = state();
		let short = budget(1);
		for tiny in [
			Weight::zero(),
			overhead(),
			short.saturating_sub(Weight::from_parts(1, 0)),
			short.saturating_sub(Weight::from_parts(0, 1)),
		] {
			assert_eq!(idle(2, tiny), Weight::zero(), "with {tiny:?}");
		}
		assert_eq!(state(), before, "a budget too small changed state");

		// Within the delay, a whole block's weight: the first 64 consents are looked at
		// (the cap, not the weight, stops it), none is purged.
		pallet_timestamp::Now::<Runtime>::put(T0 + DAY - 1);
		assert_eq!(idle(3, spare), budget(CAP));
		std::println!(
			"on_idle: {CAP} items a block at most, {:?} a step, {:?} for the cursor and \
			 clock; a capped block uses {:?} of the {:?} a block has",
			step(),
			overhead(),
			budget(CAP),
			spare,
		);
		assert_eq!(consent_keys(), keys);
		assert_eq!(PurgeCursor::<Runtime>::get().consent, Some(keys[63]));

		// The delay is over. A budget of exactly five steps: the next five are looked at,
		// and the weight used is the budget.
		pallet_timestamp::Now::<Runtime>::put(T0 + DAY);
		assert_eq!(idle(4, budget(5)), budget(5));
		assert_eq!(consent_keys(), left_after(&keys[64..69]));
		// A picosecond short of five steps: four.
		let almost = budget(5).saturating_sub(Weight::from_parts(1, 0));
		assert_eq!(idle(5, almost), budget(4));
		assert_eq!(consent_keys(), left_after(&keys[64..73]));
		assert_eq!(PurgeCursor::<Runtime>::get().consent, Some(keys[72]));

		// A whole block: the 23 consents left in this round, the end of the consents, the
		// three requests (not yet purgeable), the end of the requests: 28 steps, and the
		// next block starts again from the first consent.
		assert_eq!(idle(6, spare), budget(28));
		assert_eq!(consent_keys(), left_after(&keys[64..]));
		assert_eq!(PurgeCursor::<Runtime>::get(), Default::default());
		assert_eq!(Requests::<Runtime>::iter().count(), 3);

		// The new round: the cap again, over the consents as they are now stored.
		let now_stored = consent_keys();
		assert!(now_stored.len() >= 64, "the first 64 are all still stored");
		assert_eq!(idle(7, spare), budget(CAP));
		assert_eq!(consent_keys(), left_after(&[&now_stored[..64], &keys[64..]].concat()));
		assert_eq!(PurgeCursor::<Runtime>::get().consent, Some(now_stored[63]));
		// And the rest: every revoked consent is gone, the six in force stay, and every
		// purged deposit went back (a patient's deposits held are its kept consents').
		let rest = now_stored.len() as u64 - 64;
		assert_eq!(idle(8, spare), budget(rest + 1 + 3 + 1));
		let mut stored = consent_keys();
		stored.sort();
		assert_eq!(stored, kept);
		for patient in &patients {
			let deposits: u128 = kept
				.iter()
				.filter_map(Consents::<Runtime>::get)
				.filter(|c| &c.patient == patient)
				.map(|c| c.deposit)
				.sum();
			assert_eq!(held(patient), deposits);
		}

		// The requests go once their answer window (a week) and the delay are over.
		let window = <Runtime as pallet_consent::Config>::RequestLifetime::get();
		pallet_timestamp::Now::<Runtime>::put(T0 + window + DAY);
		// The six consents, the end, the three requests, the end.
		assert_eq!(idle(9, spare), budget(6 + 1 + 3 + 1));
		assert_eq!(Requests::<Runtime>::iter().count(), 0);
		assert_eq!(held(&researcher), 0);
		assert_eq!(consent_keys().len(), 6);
		// An idle registry: two steps a block, one past the end of each map.
		assert_eq!(idle(10, spare), budget(6 + 1 + 1));
	});
}
