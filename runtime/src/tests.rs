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

	assert!(ProxyType::Any.is_superset(&ProxyType::Contracts));
	assert!(ProxyType::NonTransfer.is_superset(&ProxyType::Contracts));
	assert!(!ProxyType::Contracts.is_superset(&ProxyType::NonTransfer));
	assert!(!ProxyType::NonTransfer.is_superset(&ProxyType::Any));
}

#[test]
fn consent_is_in_the_runtime_and_its_api_answers() {
	use medchain_primitives::consent::{Action, DataClass, Decision, Denial, Permit, Purpose};
	// What `impl_runtime_apis!` implements on the runtime: the API as the node calls it.
	use pallet_consent::{
		runtime_api::runtime_decl_for_consent_api::ConsentApiV1 as ConsentApi, ConsentStatus, Ends,
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
				DataClass::Observation,
				Action::Access,
				None,
				None,
			)
		};
		assert_eq!(ask(), Decision::Deny(Denial::NoConsent));

		let treat_observation = Provision {
			kind: ProvisionType::Permit,
			rule: Rule {
				purposes: vec![Purpose::TREAT].try_into().unwrap(),
				data_classes: vec![DataClass::Observation].try_into().unwrap(),
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
			<Runtime as ConsentApi<_, _, _>>::consents_for(hospital.clone()),
			vec![(0, ConsentStatus::Active)]
		);
		// Thirty days later, the consent has expired.
		let later = <Runtime as ConsentApi<_, _, _>>::check_access(
			patient.clone(),
			hospital.clone(),
			Purpose::TREAT,
			DataClass::Observation,
			Action::Access,
			None,
			Some(1_767_225_600_000 + 30 * pallet_consent::DAY),
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
	use pallet_drug_tracking::{
		runtime_api::runtime_decl_for_drug_tracking_api::DrugTrackingApiV1 as DrugTrackingApi,
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
			<Runtime as DrugTrackingApi<_, _, _>>::verify_pack(GTIN, text("S1"), text(lot), 271_231)
		};
		assert_eq!(verify("L1"), Verdict::Authentic);
		assert_eq!(verify("L2"), Verdict::Mismatch);
		let history = <Runtime as DrugTrackingApi<_, _, _>>::batch_history(batch).expect("a batch");
		assert_eq!(history.holders, vec![(Sr25519Keyring::Charlie.to_account_id(), 10)]);
	});
}
