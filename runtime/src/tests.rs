//! Tests of the runtime's own configuration. (`construct_runtime!` adds one more:
//! `runtime_integrity_tests`, which runs every pallet's `integrity_test`, including
//! pallet-contracts' check that `MaxCodeLen` and the call stack fit the runtime's memory.)

use crate::{
	configs::ProxyType, genesis_config_presets, AccountId, Balances, BalancesCall, Runtime,
	RuntimeCall, RuntimeGenesisConfig, RuntimeOrigin, System, UNIT,
};
use frame_support::traits::{Contains, InstanceFilter};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};
use sp_runtime::{traits::Dispatchable, BuildStorage};

mod chain_extension;
mod consent_idle;

/// The state a preset produces, built the way the node builds it.
fn state_of(preset: serde_json::Value) -> sp_io::TestExternalities {
	let config: RuntimeGenesisConfig =
		serde_json::from_value(preset).expect("a preset is a valid genesis config");
	config.build_storage().expect("genesis builds").into()
}

fn transfer(to: AccountId) -> RuntimeCall {
	RuntimeCall::Balances(BalancesCall::transfer_keep_alive { dest: to.into(), value: UNIT })
}

#[test]
fn dev_preset_funds_the_dev_accounts_with_alice_as_validator_and_sudo() {
	state_of(genesis_config_presets::development_config_genesis()).execute_with(|| {
		let sudo_remark = || {
			RuntimeCall::Sudo(pallet_sudo::Call::sudo {
				call: Box::new(RuntimeCall::System(frame_system::Call::remark { remark: vec![] })),
			})
		};
		let as_signed = |who: Sr25519Keyring| RuntimeOrigin::signed(who.to_account_id());
		assert!(sudo_remark().dispatch(as_signed(Sr25519Keyring::Alice)).is_ok());
		assert_eq!(
			sudo_remark().dispatch(as_signed(Sr25519Keyring::Bob)).map_err(|e| e.error),
			Err(pallet_sudo::Error::<Runtime>::RequireSudo.into())
		);
		for who in [Sr25519Keyring::Alice, Sr25519Keyring::Ferdie, Sr25519Keyring::BobStash] {
			assert_eq!(
				Balances::free_balance(who.to_account_id()),
				genesis_config_presets::DEV_ENDOWMENT
			);
		}
		assert_eq!(
			pallet_aura::Authorities::<Runtime>::get().into_inner(),
			vec![Sr25519Keyring::Alice.public().into()]
		);
		assert_eq!(
			pallet_grandpa::Pallet::<Runtime>::grandpa_authorities(),
			vec![(Ed25519Keyring::Alice.public().into(), 1)]
		);
		assert_eq!(System::block_number(), 0);
	});
}

#[test]
fn dev_preset_registers_participants_in_their_roles() {
	use medchain_primitives::participants::{ParticipantRoles, Role};
	type Registry = pallet_participants::Pallet<Runtime>;
	state_of(genesis_config_presets::development_config_genesis()).execute_with(|| {
		let id = |k: Sr25519Keyring| k.to_account_id();
		assert!(Registry::has_role(&id(Sr25519Keyring::Bob), Role::Clinician));
		assert!(Registry::has_role(&id(Sr25519Keyring::Bob), Role::Hospital));
		assert!(Registry::has_role(&id(Sr25519Keyring::Charlie), Role::Manufacturer));
		assert!(Registry::has_role(&id(Sr25519Keyring::AliceStash), Role::Auditor));
		assert!(Registry::gln_of(&id(Sr25519Keyring::Ferdie)).is_some());
		// Patients are not participants.
		assert!(!Registry::is_active(&id(Sr25519Keyring::DaveStash)));
		assert_eq!(pallet_participants::ParticipantCount::<Runtime>::get(), 9);
	});
}

#[test]
fn dev_participants_names_are_salted_commitments_only_their_keys_rebuild() {
	use medchain_primitives::participants::name_commitment;
	state_of(genesis_config_presets::development_config_genesis()).execute_with(|| {
		let bob = Sr25519Keyring::Bob;
		let stored = pallet_participants::Participants::<Runtime>::get(bob.to_account_id())
			.map(|p| p.name_commitment);
		// The salt `tests/e2e/lib/keys.js` derives from //Bob (nameSalt).
		let salt = genesis_config_presets::dev_name_salt(bob);
		let hex: String = salt.iter().map(|b| format!("{b:02x}")).collect();
		assert_eq!(hex, "e64d30a49e5bf8a3caee92877c567e9665115e973c1fb1967f4c7529dbf1c546");
		assert_eq!(stored, Some(name_commitment(&salt, "Dev General Hospital").into()));
		// The unsalted hash an observer would try from a list of names is not what is stored.
		assert_ne!(stored, Some(sp_core::blake2_256(b"Dev General Hospital").into()));
	});
}

#[test]
fn local_preset_has_three_validators() {
	state_of(genesis_config_presets::local_config_genesis()).execute_with(|| {
		let validators = [Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie];
		assert_eq!(
			pallet_aura::Authorities::<Runtime>::get().into_inner(),
			validators.iter().map(|k| k.public().into()).collect::<Vec<_>>()
		);
		let grandpa: Vec<_> = [Ed25519Keyring::Alice, Ed25519Keyring::Bob, Ed25519Keyring::Charlie]
			.iter()
			.map(|k| (k.public().into(), 1))
			.collect();
		assert_eq!(pallet_grandpa::Pallet::<Runtime>::grandpa_authorities(), grandpa);
	});
}

#[test]
fn contracts_cannot_dispatch_runtime_calls() {
	type Filter = <Runtime as pallet_contracts::Config>::CallFilter;
	assert!(!Filter::contains(&transfer(Sr25519Keyring::Bob.to_account_id())));
	assert!(!Filter::contains(&RuntimeCall::System(frame_system::Call::remark { remark: vec![] })));
}

#[test]
fn proxy_types_allow_only_their_calls() {
	let transfer = transfer(Sr25519Keyring::Bob.to_account_id());
	let remark = RuntimeCall::System(frame_system::Call::remark { remark: vec![1] });
	let contract_call = RuntimeCall::Contracts(pallet_contracts::Call::remove_code {
		code_hash: Default::default(),
	});

	assert!(ProxyType::Any.filter(&transfer));
	assert!(!ProxyType::NonTransfer.filter(&transfer));
	assert!(ProxyType::NonTransfer.filter(&remark));
	assert!(ProxyType::Contracts.filter(&contract_call));
	assert!(!ProxyType::Contracts.filter(&transfer));
	assert!(!ProxyType::CancelProxy.filter(&remark));

	// Neither a non-transfer nor a contracts proxy moves funds through a contract (issue 16,
	// item 13): value sent along with a call or an instantiation is a transfer.
	let bob = Sr25519Keyring::Bob.to_account_id();
	let call_with = |value| {
		RuntimeCall::Contracts(pallet_contracts::Call::call {
			dest: bob.clone().into(),
			value,
			gas_limit: Default::default(),
			storage_deposit_limit: None,
			data: vec![],
		})
	};
	let instantiate_with = |value| {
		RuntimeCall::Contracts(pallet_contracts::Call::instantiate_with_code {
			value,
			gas_limit: Default::default(),
			storage_deposit_limit: None,
			code: vec![],
			data: vec![],
			salt: vec![],
		})
	};
	for proxy in [ProxyType::NonTransfer, ProxyType::Contracts] {
		assert!(!proxy.filter(&call_with(1)), "{proxy:?} sends value with a contract call");
		assert!(!proxy.filter(&instantiate_with(1)), "{proxy:?} endows a new contract");
		assert!(proxy.filter(&call_with(0)) && proxy.filter(&instantiate_with(0)));
	}
	assert!(ProxyType::Any.filter(&call_with(1)));

	assert!(ProxyType::Any.is_superset(&ProxyType::Contracts));
	assert!(ProxyType::NonTransfer.is_superset(&ProxyType::Contracts));
	assert!(!ProxyType::Contracts.is_superset(&ProxyType::NonTransfer));
	assert!(!ProxyType::NonTransfer.is_superset(&ProxyType::Any));
}

#[test]
fn consent_is_in_the_runtime_and_its_api_answers() {
	use medchain_primitives::consent::{Action, DataClass, Decision, Denial, Permit, Purpose};
	use medchain_primitives::paging::Page;
	// What `impl_runtime_apis!` implements on the runtime: the API as the node calls it.
	use pallet_consent::{
		runtime_api::runtime_decl_for_consent_api::ConsentApiV3 as ConsentApi, ConsentStatus, Ends,
		Grantee, Provision, ProvisionType, Rule,
	};

	state_of(genesis_config_presets::development_config_genesis()).execute_with(|| {
		System::set_block_number(1);
		pallet_timestamp::Now::<Runtime>::put(1_767_225_600_000);
		let patient = Sr25519Keyring::DaveStash.to_account_id();
		let hospital = Sr25519Keyring::Bob.to_account_id();
		let ask = || {
			<Runtime as ConsentApi<_, _, _>>::check_access(
				patient.clone(),
				hospital.clone(),
				Purpose::TREAT,
				DataClass::Observation.tag(&[1; 32]),
				Action::Access,
				None,
				None,
				None,
			)
		};
		assert_eq!(ask(), Decision::Deny(Denial::NoConsent));

		let treat_observation = Provision {
			kind: ProvisionType::Permit,
			rule: Rule {
				purposes: vec![Purpose::TREAT].try_into().unwrap(),
				data_tags: vec![DataClass::Observation.tag(&[1; 32])].try_into().unwrap(),
				actions: Default::default(),
				data_period: None,
			},
			exceptions: Default::default(),
		};
		let grant = RuntimeCall::Consent(pallet_consent::Call::grant_consent {
			patient: patient.clone(),
			grantee: Grantee::Participant(hospital.clone()),
			provisions: vec![treat_observation].try_into().unwrap(),
			starts_at: None,
			ends: Ends::AfterDays(30),
			policy: None,
		});
		assert!(grant.dispatch(RuntimeOrigin::signed(patient.clone())).is_ok());
		assert_eq!(ask(), Decision::Permit(Permit::Consent(0)));
		assert_eq!(
			<Runtime as ConsentApi<_, _, _>>::consents_for(hospital.clone(), None, 10),
			Page { items: vec![(0, ConsentStatus::Active)], next: None }
		);
		// Thirty days later, the consent has expired.
		let later = <Runtime as ConsentApi<_, _, _>>::check_access(
			patient.clone(),
			hospital.clone(),
			Purpose::TREAT,
			DataClass::Observation.tag(&[1; 32]),
			Action::Access,
			None,
			Some(1_767_225_600_000 + 30 * pallet_consent::DAY),
			None,
		);
		assert_eq!(later, Decision::Deny(Denial::NoConsent));

		let revoke = RuntimeCall::Consent(pallet_consent::Call::revoke_consent { consent: 0 });
		assert!(revoke.dispatch(RuntimeOrigin::signed(patient.clone())).is_ok());
		assert_eq!(ask(), Decision::Deny(Denial::NoConsent));
		assert_eq!(
			<Runtime as ConsentApi<_, _, _>>::consents_of(patient.clone()),
			vec![(0, ConsentStatus::Revoked)]
		);
	});
}

#[test]
fn drug_tracking_is_in_the_runtime_and_its_api_answers() {
	use medchain_primitives::paging::Page;
	use pallet_drug_tracking::{
		runtime_api::runtime_decl_for_drug_tracking_api::DrugTrackingApiV2 as DrugTrackingApi,
		DosageForm, Gtin, TemperatureRange, Verdict,
	};
	const GTIN: u64 = 10_614_141_000_415;
	let text = |s: &str| s.as_bytes().to_vec().try_into().expect("short");

	state_of(genesis_config_presets::development_config_genesis()).execute_with(|| {
		System::set_block_number(1);
		pallet_timestamp::Now::<Runtime>::put(1_767_225_600_000);
		let manufacturer = RuntimeOrigin::signed(Sr25519Keyring::Charlie.to_account_id());
		let call = |c: pallet_drug_tracking::Call<Runtime>| RuntimeCall::DrugTracking(c);
		assert!(call(pallet_drug_tracking::Call::register_product {
			gtin: GTIN,
			ndc: None,
			name_hash: Default::default(),
			dosage_form: DosageForm::Tablet,
			storage: TemperatureRange { min: 150, max: 250 },
		})
		.dispatch(manufacturer.clone())
		.is_ok());
		assert!(call(pallet_drug_tracking::Call::create_batch {
			gtin: GTIN,
			lot: text("L1"),
			expiry: 271_231,
			quantity: 10,
		})
		.dispatch(manufacturer.clone())
		.is_ok());
		let batch = pallet_drug_tracking::batch_id(Gtin::new(GTIN).unwrap(), &text("L1"));
		assert!(call(pallet_drug_tracking::Call::commission_serials {
			batch,
			serials: vec![text("S1")].try_into().unwrap(),
		})
		.dispatch(manufacturer)
		.is_ok());

		let verify = |lot: &str| {
			<Runtime as DrugTrackingApi<_, _, _, _, _>>::verify_pack(
				GTIN,
				text("S1"),
				text(lot),
				271_231,
			)
		};
		assert_eq!(verify("L1"), Verdict::Authentic);
		assert_eq!(verify("L2"), Verdict::Mismatch);
		let history = <Runtime as DrugTrackingApi<_, _, _, _, _>>::batch_history(batch, None, 10)
			.expect("a batch");
		assert_eq!((history.steps, history.trail.len(), history.next), (1, 1, None));
		let holders = <Runtime as DrugTrackingApi<_, _, _, _, _>>::batch_holders(batch, None, 10);
		assert_eq!(
			holders,
			Some(Page { items: vec![(Sr25519Keyring::Charlie.to_account_id(), 10)], next: None })
		);
	});
}

/// Issue 16, item 15: fees follow congestion and pay for length, so spam has a price that
/// grows while it lasts. Prints what filling one block costs (the README quotes it).
#[test]
fn fees_rise_with_congestion_and_pay_for_length() {
	use frame_support::{dispatch::DispatchClass, weights::Weight};
	use pallet_transaction_payment::Multiplier;
	use sp_runtime::{traits::Convert, FixedPointNumber};
	type Fees = pallet_transaction_payment::Pallet<Runtime>;
	state_of(genesis_config_presets::development_config_genesis()).execute_with(|| {
		let weights = <Runtime as frame_system::Config>::BlockWeights::get();
		let normal = weights.get(DispatchClass::Normal).max_total.expect("a normal limit");
		let one = Multiplier::saturating_from_integer(1);

		// A block full of normal extrinsics raises the next block's multiplier, and
		// block after full block it keeps rising.
		System::set_block_consumed_resources(normal, 0);
		let after_one = crate::configs::FeeAdjustment::convert(one);
		let after_two = crate::configs::FeeAdjustment::convert(after_one);
		assert!(after_one > one && after_two > after_one, "{after_one:?}, {after_two:?}");
		// An empty block lowers it again, but never below the base fee.
		System::set_block_consumed_resources(Weight::zero(), 0);
		assert!(crate::configs::FeeAdjustment::convert(after_two) < after_two);
		assert_eq!(crate::configs::FeeAdjustment::convert(one), one);

		// The price of one block of spam at the base fee: its weight, or its length.
		let by_weight = Fees::weight_to_fee(normal);
		let length =
			*<Runtime as frame_system::Config>::BlockLength::get().max.get(DispatchClass::Normal);
		let by_length = Fees::length_to_fee(length);
		let unit = |planck: u128| planck as f64 / UNIT as f64;
		std::println!(
			"filling a block: {} MED by weight ({} ps), {} MED by length ({length} bytes); \
			 the multiplier after one full block: {after_one:?}",
			unit(by_weight),
			normal.ref_time(),
			unit(by_length),
		);
		assert!(by_weight >= UNIT && by_length >= UNIT, "a block of spam costs at least 1 MED");
	});
}

/// Issue 16, item 14: the `local` network has no sudo key; two thirds of the council
/// register, suspend and remove participants, and fewer cannot.
#[test]
fn local_network_is_governed_by_council_motions() {
	use codec::Encode;
	use frame_support::weights::Weight;
	use medchain_primitives::participants::{ParticipantRoles, Role};
	use sp_runtime::traits::Hash;
	type Registry = pallet_participants::Pallet<Runtime>;
	type Council = pallet_collective::Pallet<Runtime, crate::configs::CouncilInstance>;
	let signed = |k: Sr25519Keyring| RuntimeOrigin::signed(k.to_account_id());
	let newcomer = Sr25519Keyring::One.to_account_id();
	let motion = |call: pallet_participants::Call<Runtime>| {
		let call = RuntimeCall::Participants(call);
		let len = call.encoded_size() as u32;
		(Box::new(call), len)
	};
	let register = pallet_participants::Call::register {
		who: newcomer.clone(),
		roles: vec![Role::Researcher].try_into().unwrap(),
		gln: None,
		name_commitment: Default::default(),
	};
	state_of(genesis_config_presets::local_config_genesis()).execute_with(|| {
		System::set_block_number(1);
		// No sudo key: Alice is no one's root here.
		let sudo = RuntimeCall::Sudo(pallet_sudo::Call::sudo {
			call: Box::new(RuntimeCall::System(frame_system::Call::remark { remark: vec![] })),
		});
		assert!(sudo.dispatch(signed(Sr25519Keyring::Alice)).is_err());
		assert!(RuntimeCall::Participants(register.clone())
			.dispatch(signed(Sr25519Keyring::Alice))
			.is_err());
		assert_eq!(
			pallet_membership::Members::<Runtime, crate::configs::CouncilInstance>::get().len(),
			3
		);

		// One member alone (a motion with threshold 1 executes at once) is not enough.
		let (call, len) = motion(register.clone());
		assert!(Council::propose(signed(Sr25519Keyring::Alice), 1, call, len).is_ok());
		assert!(!Registry::is_active(&newcomer), "one member of three registered a participant");

		// Two of three: the motion passes when closed.
		let pass = |call: pallet_participants::Call<Runtime>, index: u32| {
			let (call, len) = motion(call);
			let hash = <Runtime as frame_system::Config>::Hashing::hash_of(&call);
			let ok = |result: frame_support::dispatch::DispatchResultWithPostInfo| {
				assert_eq!(result.map(|_| ()).map_err(|e| e.error), Ok(()));
			};
			ok(Council::propose(signed(Sr25519Keyring::Alice), 2, call, len));
			// A proposer's motion counts no vote of its own: two ayes are cast.
			ok(Council::vote(signed(Sr25519Keyring::Alice), hash, index, true));
			ok(Council::vote(signed(Sr25519Keyring::Bob), hash, index, true));
			ok(Council::close(
				signed(Sr25519Keyring::Charlie),
				hash,
				index,
				Weight::from_parts(10_000_000_000, 1_000_000),
				len,
			));
		};
		// (The motion that executed at once took no proposal index.)
		pass(register, 0);
		assert!(Registry::has_role(&newcomer, Role::Researcher));
		pass(pallet_participants::Call::suspend { who: newcomer.clone() }, 1);
		assert!(!Registry::is_active(&newcomer));
		pass(pallet_participants::Call::remove { who: newcomer.clone() }, 2);
		assert!(!Registry::is_registered_as(&newcomer, Role::Researcher));
	});
}

/// Issue 16, items 10 and 11: the drug-tracking calls that scale with their input declare,
/// with the measured weights, a worst case that leaves room in a block: at most a quarter of
/// what one extrinsic may take, in time and in proof size. `retire_batch` is the call a
/// runtime constant (`MaxRetireItems`) sizes; the others are sized by their bounds.
#[test]
fn drug_tracking_worst_cases_leave_room_in_a_block() {
	use frame_support::{
		dispatch::{DispatchClass, GetDispatchInfo},
		traits::Get,
	};
	use pallet_drug_tracking::{Call, Config, PackId, ShipmentLine, TemperatureRange};
	let lines: u32 = <Runtime as Config>::MaxShipmentLines::get();
	let packs: u32 = <Runtime as Config>::MaxShipmentSerials::get();
	let serials: u32 = <Runtime as Config>::MaxSerialsPerCall::get();
	let text = |s: String| s.into_bytes().try_into().expect("short");
	let limit = crate::configs::RuntimeBlockWeights::get()
		.get(DispatchClass::Normal)
		.max_extrinsic
		.expect("normal extrinsics are limited");
	let worst: Vec<(&str, Call<Runtime>)> = vec![
		(
			"commission_serials",
			Call::commission_serials {
				batch: [0; 32],
				serials: (0..serials)
					.map(|n| text(format!("{n:020}")))
					.collect::<Vec<_>>()
					.try_into()
					.unwrap(),
			},
		),
		(
			"ship",
			Call::ship {
				receiver: Sr25519Keyring::Dave.to_account_id(),
				carrier: None,
				lines: (0..lines)
					.map(|n| ShipmentLine { batch: [n as u8; 32], quantity: 1 })
					.collect::<Vec<_>>()
					.try_into()
					.unwrap(),
				packs: (0..packs)
					.map(|n| PackId {
						gtin: pallet_drug_tracking::Gtin::new(10_614_141_000_415).unwrap(),
						serial: text(format!("{n:020}")),
					})
					.collect::<Vec<_>>()
					.try_into()
					.unwrap(),
				expected_arrival: 0,
				temperature: TemperatureRange { min: 20, max: 80 },
			},
		),
		("receive", Call::receive { shipment: 0, counted: Default::default() }),
		("reject", Call::reject { shipment: 0, reason_hash: Default::default() }),
		("clear_batch_suspects", Call::clear_batch_suspects { batch: [0; 32] }),
		("retire_batch", Call::retire_batch { batch: [0; 32] }),
	];
	for (name, call) in worst {
		let weight = RuntimeCall::DrugTracking(call).get_dispatch_info().weight;
		println!(
			"{name}: {} µs, {} bytes of proof",
			weight.ref_time() / 1_000_000,
			weight.proof_size()
		);
		assert!(
			weight.ref_time() <= limit.ref_time() / 4
				&& weight.proof_size() <= limit.proof_size() / 4,
			"{name} may take {weight:?} of {limit:?}"
		);
	}
}
