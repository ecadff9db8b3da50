//! The chain extension's hold path below the contract layer (the drink tests call it
//! through a real contract): what comes back when the pallet refuses for a reason the
//! contract has no name for, and that a refused hold leaves no trace.
//!
//! Through a contract, every refusal today's drug-tracking pallet can give a hold authority
//! is named (the drink test `the_hold_functions_name_every_refusal`): its only other error,
//! `NotAHoldAuthority`, cannot happen, because the extension asks the registry first. So the
//! `Refused` path is driven here with the real pallet's `do_place_hold` followed by the kind of
//! failure a pallet meets after it has written (a deposit it cannot take).

use super::state_of;
use crate::{
	chain_extension::act_on_holds, genesis_config_presets, DrugTracking, Runtime, RuntimeCall,
	RuntimeOrigin, System,
};
use medchain_primitives::{
	chain_extension::Status,
	tracking::{HoldRefusal, HoldSubject, TemperatureRange},
};
use sp_core::H256;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{traits::Dispatchable, TokenError};

const GTIN: u64 = 10_614_141_000_415;

#[test]
fn a_refusal_with_no_name_is_refused_and_leaves_nothing_behind() {
	state_of(genesis_config_presets::development_config_genesis()).execute_with(|| {
		System::set_block_number(1);
		pallet_timestamp::Now::<Runtime>::put(1_767_225_600_000);
		let charlie = RuntimeOrigin::signed(Sr25519Keyring::Charlie.to_account_id());
		let lot: pallet_drug_tracking::Lot = b"L1".to_vec().try_into().unwrap();
		for call in [
			pallet_drug_tracking::Call::register_product {
				gtin: GTIN,
				ndc: None,
				name_hash: Default::default(),
				dosage_form: pallet_drug_tracking::DosageForm::Tablet,
				storage: TemperatureRange { min: 150, max: 250 },
			},
			pallet_drug_tracking::Call::create_batch {
				gtin: GTIN,
				lot: lot.clone(),
				expiry: 271_231,
				quantity: 10,
			},
		] {
			assert!(RuntimeCall::DrugTracking(call).dispatch(charlie.clone()).is_ok());
		}
		let batch = HoldSubject::Batch(pallet_drug_tracking::batch_id(
			pallet_drug_tracking::Gtin::new(GTIN).unwrap(),
			&lot,
		));
		// Alice is a regulator: the pallet lets her hold (a contract would be a hold
		// authority; the pallet treats both alike).
		let holder = Sr25519Keyring::Alice.to_account_id();
		let root = || sp_io::storage::root(sp_runtime::StateVersion::V1);

		// The pallet holds the batch (its trail grows, an event is deposited), then fails.
		let before = root();
		let refused = act_on_holds(&holder, |who| {
			DrugTracking::do_place_hold(who, batch, H256::repeat_byte(1))?;
			Err(TokenError::FundsUnavailable.into())
		});
		assert_eq!(refused, Err(Status::Refused));
		assert!(!DrugTracking::is_held(batch));
		assert_eq!(root(), before, "a refused hold left state behind");

		// A named refusal is the contract's output, and leaves nothing either.
		let unknown = HoldSubject::Batch([9; 32]);
		let named = act_on_holds(&holder, |who| {
			DrugTracking::do_place_hold(who, unknown, H256::repeat_byte(1))
		});
		assert_eq!(named, Ok(Err(HoldRefusal::UnknownSubject)));
		assert_eq!(root(), before);

		// And a hold that succeeds stays.
		let placed = act_on_holds(&holder, |who| {
			DrugTracking::do_place_hold(who, batch, H256::repeat_byte(1))
		});
		assert_eq!(placed, Ok(Ok(())));
		assert!(DrugTracking::is_held(batch));
	});
}
