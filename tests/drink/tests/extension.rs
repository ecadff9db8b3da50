//! The chain extension itself on the real runtime, through the fixture contract (the counter,
//! path in `FIXTURE_COUNTER`, which `scripts/test.sh` sets): every verdict `verify_pack`
//! gives, the hold functions' answers, and running out of gas.

use drink::{
	session::{bundle::ContractBundle, error::SessionError, Session},
	AccountId32, Sandbox,
};
use frame_support::weights::Weight;
use medchain_drink_tests::{MedChainSandbox, GENESIS_TIME};
use medchain_primitives::{
	chain_extension::{func, PlaceHold, Status, VerifyPack, EXTENSION_ID},
	participants::Role,
	tracking::{DecommissionReason, HoldRefusal, HoldSubject, TemperatureRange, Verdict},
};
use medchain_runtime::{Runtime, RuntimeCall, RuntimeOrigin};
use pallet_drug_tracking::WeightInfo as _;
use pallet_participants::WeightInfo as _;
use parity_scale_codec::{Decode, Encode};
use sp_core::H256;
use sp_keyring::Sr25519Keyring::{Alice, Charlie, Ferdie};
use sp_runtime::traits::Dispatchable;

type ParticipantWeights = <Runtime as pallet_participants::Config>::WeightInfo;
type TrackingWeights = <Runtime as pallet_drug_tracking::Config>::WeightInfo;

const HOUR: u64 = 60 * 60 * 1000;
/// GS1's example GTIN-14.
const GTIN: u64 = 10_614_141_000_415;
const COLD: TemperatureRange = TemperatureRange { min: 20, max: 80 };
/// Far in the future: packs of these batches are in date.
const LATE_EXPIRY: u32 = 301_231;

/// A session on the dev chain with the fixture deployed by Alice; if `authority`, the
/// contract's account is registered as a hold authority by governance. Returns the session
/// and the contract's account.
fn deployed(authority: bool) -> (Session<MedChainSandbox>, AccountId32) {
	let mut session = Session::<MedChainSandbox>::default().with_actor(Alice.to_account_id());
	let contract = deploy(&mut session, authority, 0);
	(session, contract)
}

/// Deploy another fixture into `session` (each with its own `salt`).
fn deploy(session: &mut Session<MedChainSandbox>, authority: bool, salt: u8) -> AccountId32 {
	let path = std::env::var("FIXTURE_COUNTER").expect(
		"FIXTURE_COUNTER names the fixture_counter.contract bundle (scripts/test.sh sets it)",
	);
	let bundle = ContractBundle::load(path).expect("the bundle loads");
	let contract =
		session.deploy_bundle(bundle, "new", &["0"], vec![salt], None).expect("it deploys");
	if authority {
		root(
			session,
			RuntimeCall::Participants(pallet_participants::Call::register {
				who: contract.clone(),
				roles: vec![Role::HoldAuthority].try_into().unwrap(),
				gln: None,
				name_hash: H256::repeat_byte(0x48),
			}),
		);
	}
	contract
}

fn root(session: &mut Session<MedChainSandbox>, call: RuntimeCall) {
	session.sandbox().execute_with(|| {
		call.dispatch(RuntimeOrigin::root()).expect("governance's call succeeds");
	});
}

fn dispatch(session: &mut Session<MedChainSandbox>, who: AccountId32, call: RuntimeCall) {
	session.sandbox().execute_with(|| {
		call.dispatch(RuntimeOrigin::signed(who)).expect("the pallet call succeeds");
	});
}

fn tracking(session: &mut Session<MedChainSandbox>, who: AccountId32, call: DrugCall) {
	dispatch(session, who, RuntimeCall::DrugTracking(call));
}

type DrugCall = pallet_drug_tracking::Call<Runtime>;

/// Bytes as polkadot.js writes them (an empty sequence as `[]`: `0x` alone reads as a number).
fn hex(bytes: &[u8]) -> String {
	if bytes.is_empty() {
		return "[]".into();
	}
	format!("0x{}", bytes.iter().map(|b| format!("{b:02x}")).collect::<String>())
}

fn text(s: &str) -> pallet_drug_tracking::SerialNumber {
	s.as_bytes().to_vec().try_into().expect("short enough")
}

/// Call `message` as the session's actor; its answer. (ink! reverts a message that answers
/// `Err`: its answer is then the revert data.)
fn call<T: Decode>(session: &mut Session<MedChainSandbox>, message: &str, args: &[String]) -> T {
	match session.call::<_, T>(message, args, None) {
		Ok(answer) => answer.expect("no LangError"),
		Err(SessionError::CallReverted(data)) => <Result<T, u8>>::decode(&mut &data[..])
			.expect("the revert data is the message's answer")
			.expect("no LangError"),
		Err(other) => panic!("{message} did not run: {other:?}"),
	}
}

fn ext(function: u16) -> u32 {
	(u32::from(EXTENSION_ID) << 16) | u32::from(function)
}

fn is_held(session: &mut Session<MedChainSandbox>, subject: HoldSubject) -> bool {
	session.sandbox().execute_with(|| pallet_drug_tracking::Holds::<Runtime>::contains_key(subject))
}

fn state_root(session: &mut Session<MedChainSandbox>) -> Vec<u8> {
	session.sandbox().execute_with(|| sp_io::storage::root(sp_runtime::StateVersion::V1))
}

// --- drug tracking: a product, batches and packs ---------------------------------------------

/// Charlie's product (registered once per session).
fn product(session: &mut Session<MedChainSandbox>) {
	let gtin = medchain_primitives::tracking::Gtin::new(GTIN).unwrap();
	let registered = session
		.sandbox()
		.execute_with(|| pallet_drug_tracking::Products::<Runtime>::contains_key(gtin));
	if !registered {
		tracking(
			session,
			Charlie.to_account_id(),
			DrugCall::register_product {
				gtin: GTIN,
				ndc: None,
				name_hash: H256::repeat_byte(1),
				dosage_form: pallet_drug_tracking::DosageForm::Injection,
				storage: COLD,
			},
		);
	}
}

/// Charlie makes batch `lot` of 10 units expiring `expiry` with one pack, `SN-<lot>`, named;
/// returns the batch and the pack's serial.
fn batch(
	session: &mut Session<MedChainSandbox>,
	lot: &str,
	expiry: u32,
) -> (pallet_drug_tracking::BatchId, Vec<u8>) {
	product(session);
	let gtin = medchain_primitives::tracking::Gtin::new(GTIN).unwrap();
	let batch = pallet_drug_tracking::batch_id(gtin, &text(lot));
	let serial = format!("SN-{lot}");
	let charlie = Charlie.to_account_id();
	tracking(
		session,
		charlie.clone(),
		DrugCall::create_batch { gtin: GTIN, lot: text(lot), expiry, quantity: 10 },
	);
	tracking(
		session,
		charlie,
		DrugCall::commission_serials { batch, serials: vec![text(&serial)].try_into().unwrap() },
	);
	(batch, serial.into_bytes())
}

/// Charlie ships `quantity` units of `batch` with the pack `serial` to `receiver`, due in
/// ten hours; returns the shipment.
fn ship(
	session: &mut Session<MedChainSandbox>,
	batch: pallet_drug_tracking::BatchId,
	serial: &[u8],
	receiver: AccountId32,
) -> u64 {
	let id = session.sandbox().execute_with(pallet_drug_tracking::NextShipmentId::<Runtime>::get);
	let now = session.sandbox().execute_with(pallet_timestamp::Now::<Runtime>::get);
	let pack = pallet_drug_tracking::PackId {
		gtin: medchain_primitives::tracking::Gtin::new(GTIN).unwrap(),
		serial: serial.to_vec().try_into().unwrap(),
	};
	tracking(
		session,
		Charlie.to_account_id(),
		DrugCall::ship {
			receiver,
			carrier: None,
			lines: vec![pallet_drug_tracking::ShipmentLine { batch, quantity: 5 }]
				.try_into()
				.unwrap(),
			packs: vec![pack].try_into().unwrap(),
			expected_arrival: now + 10 * HOUR,
			temperature: COLD,
		},
	);
	id
}

/// The verdict the fixture gets through the extension, checked against the pallet's own.
fn verdict(
	session: &mut Session<MedChainSandbox>,
	serial: &[u8],
	lot: &str,
	expiry: u32,
) -> Verdict {
	let args = [GTIN.to_string(), hex(serial), hex(lot.as_bytes()), expiry.to_string()];
	let through_extension: Result<Verdict, medchain_ink::ExtensionError> =
		call(session, "verify_pack", &args);
	let verdict = through_extension.expect("verify_pack answers");
	let (serial, lot) = (serial.to_vec(), lot.as_bytes().to_vec());
	let pallet = session.sandbox().execute_with(|| {
		let now = pallet_timestamp::Now::<Runtime>::get();
		match (serial.try_into(), lot.try_into()) {
			(Ok(serial), Ok(lot)) => pallet_drug_tracking::Pallet::<Runtime>::verify_pack(
				GTIN, &serial, &lot, expiry, now,
			),
			_ => Verdict::Unknown,
		}
	});
	assert_eq!(verdict, pallet, "the extension answers as the pallet does");
	verdict
}

/// Issue 16, item 20: a pharmacist's every verdict, through the extension.
#[test]
fn verify_pack_gives_every_verdict_through_the_extension() {
	let (mut session, _) = deployed(true);
	let (_, authentic) = batch(&mut session, "LOT-A", LATE_EXPIRY);
	assert_eq!(verdict(&mut session, &authentic, "LOT-A", LATE_EXPIRY), Verdict::Authentic);
	// A serial never commissioned; and one longer than any the pallet stores.
	assert_eq!(verdict(&mut session, b"SN-NONE", "LOT-A", LATE_EXPIRY), Verdict::Unknown);
	assert_eq!(verdict(&mut session, &[b'9'; 21], "LOT-A", LATE_EXPIRY), Verdict::Unknown);
	// The lot or the expiry printed on the pack disagree with the record.
	assert_eq!(verdict(&mut session, &authentic, "LOT-B", LATE_EXPIRY), Verdict::Mismatch);
	assert_eq!(verdict(&mut session, &authentic, "LOT-A", 301_130), Verdict::Mismatch);

	let (recalled_batch, recalled) = batch(&mut session, "LOT-R", LATE_EXPIRY);
	tracking(
		&mut session,
		Charlie.to_account_id(),
		DrugCall::recall {
			batch: recalled_batch,
			class: pallet_drug_tracking::RecallClass::ClassII,
			reason_hash: H256::repeat_byte(2),
		},
	);
	assert_eq!(verdict(&mut session, &recalled, "LOT-R", LATE_EXPIRY), Verdict::Recalled);

	// Dispensed by the pharmacy that received it.
	let (dispensed_batch, dispensed) = batch(&mut session, "LOT-D", LATE_EXPIRY);
	let shipment = ship(&mut session, dispensed_batch, &dispensed, Ferdie.to_account_id());
	tracking(
		&mut session,
		Ferdie.to_account_id(),
		DrugCall::receive { shipment, counted: vec![5].try_into().unwrap() },
	);
	assert_eq!(verdict(&mut session, &dispensed, "LOT-D", LATE_EXPIRY), Verdict::Authentic);
	tracking(
		&mut session,
		Ferdie.to_account_id(),
		DrugCall::decommission {
			gtin: GTIN,
			serial: text(std::str::from_utf8(&dispensed).unwrap()),
			reason: DecommissionReason::Dispensed,
		},
	);
	assert_eq!(
		verdict(&mut session, &dispensed, "LOT-D", LATE_EXPIRY),
		Verdict::Decommissioned(DecommissionReason::Dispensed)
	);

	// On hold: its batch held by a regulator; or its shipment held by the contract itself.
	let (held_batch, held) = batch(&mut session, "LOT-H", LATE_EXPIRY);
	tracking(
		&mut session,
		Alice.to_account_id(),
		DrugCall::place_hold {
			subject: HoldSubject::Batch(held_batch),
			reason_hash: H256::repeat_byte(3),
		},
	);
	assert_eq!(verdict(&mut session, &held, "LOT-H", LATE_EXPIRY), Verdict::OnHold);
	let (moving_batch, moving) = batch(&mut session, "LOT-S", LATE_EXPIRY);
	let shipment = ship(&mut session, moving_batch, &moving, Ferdie.to_account_id());
	assert_eq!(verdict(&mut session, &moving, "LOT-S", LATE_EXPIRY), Verdict::Authentic);
	let placed: Result<Result<(), HoldRefusal>, medchain_ink::ExtensionError> =
		call(&mut session, "place_hold", &[format!("Shipment({shipment})"), hex(&[4; 32])]);
	assert_eq!(placed, Ok(Ok(())));
	assert_eq!(verdict(&mut session, &moving, "LOT-S", LATE_EXPIRY), Verdict::OnHold);

	// A batch that expires at the end of 2026-01-01: in date at genesis, expired a day later.
	let (_, short_lived) = batch(&mut session, "LOT-E", 260_101);
	assert_eq!(verdict(&mut session, &short_lived, "LOT-E", 260_101), Verdict::Authentic);
	session.sandbox().execute_with(|| {
		pallet_timestamp::Now::<Runtime>::put(GENESIS_TIME + 24 * HOUR);
	});
	assert_eq!(verdict(&mut session, &short_lived, "LOT-E", 260_101), Verdict::Expired);
	assert_eq!(verdict(&mut session, &authentic, "LOT-A", LATE_EXPIRY), Verdict::Authentic);
}

type HoldAnswer = Result<Result<(), HoldRefusal>, medchain_ink::ExtensionError>;

fn hold_call(
	session: &mut Session<MedChainSandbox>,
	message: &str,
	subject: &HoldSubject,
	hash: u8,
) -> HoldAnswer {
	let subject = match subject {
		HoldSubject::Shipment(id) => format!("Shipment({id})"),
		HoldSubject::Batch(batch) => format!("Batch({})", hex(batch.as_ref())),
	};
	call(session, message, &[subject, hex(&[hash; 32])])
}

fn place(session: &mut Session<MedChainSandbox>, subject: &HoldSubject) -> HoldAnswer {
	hold_call(session, "place_hold", subject, 1)
}

fn release(session: &mut Session<MedChainSandbox>, subject: &HoldSubject) -> HoldAnswer {
	hold_call(session, "release_hold", subject, 2)
}

/// Half of `weight`, in both dimensions.
fn half(weight: Weight) -> Weight {
	Weight::from_parts(weight.ref_time() / 2, weight.proof_size() / 2)
}

/// Issue 16, item 20: every answer a hold authority gets from the hold functions. Each
/// refusal the pallet can give it is named; a contract that is no (active) hold authority
/// gets `NotAuthorized` before the pallet is asked.
#[test]
fn the_hold_functions_name_every_refusal() {
	let (mut session, contract) = deployed(true);
	let (batch_id, serial) = batch(&mut session, "LOT-1", LATE_EXPIRY);
	let shipment_id = ship(&mut session, batch_id, &serial, Ferdie.to_account_id());
	let shipment = HoldSubject::Shipment(shipment_id);
	let batch = HoldSubject::Batch(batch_id);

	assert_eq!(
		place(&mut session, &HoldSubject::Shipment(99)),
		Ok(Err(HoldRefusal::UnknownSubject))
	);
	assert_eq!(
		place(&mut session, &HoldSubject::Batch([9; 32])),
		Ok(Err(HoldRefusal::UnknownSubject))
	);
	assert_eq!(release(&mut session, &shipment), Ok(Err(HoldRefusal::NotHeld)));
	assert_eq!(place(&mut session, &shipment), Ok(Ok(())));
	assert!(is_held(&mut session, shipment));
	assert_eq!(place(&mut session, &shipment), Ok(Err(HoldRefusal::AlreadyHeld)));
	assert_eq!(release(&mut session, &shipment), Ok(Ok(())));
	assert!(!is_held(&mut session, shipment));
	// Received, the shipment is no longer in transit.
	tracking(
		&mut session,
		Ferdie.to_account_id(),
		DrugCall::receive { shipment: shipment_id, counted: vec![5].try_into().unwrap() },
	);
	assert_eq!(place(&mut session, &shipment), Ok(Err(HoldRefusal::NotInTransit)));
	// A regulator's hold is the regulator's to release.
	tracking(
		&mut session,
		Alice.to_account_id(),
		DrugCall::place_hold { subject: batch, reason_hash: H256::repeat_byte(9) },
	);
	assert_eq!(release(&mut session, &batch), Ok(Err(HoldRefusal::NotYourHold)));
	assert!(is_held(&mut session, batch));

	// Suspended by governance, the contract is no hold authority: refused before the
	// pallet looks (a held batch would otherwise answer `AlreadyHeld` and `NotYourHold`).
	root(
		&mut session,
		RuntimeCall::Participants(pallet_participants::Call::suspend { who: contract }),
	);
	assert_eq!(place(&mut session, &batch), Err(medchain_ink::ExtensionError::NotAuthorized));
	assert_eq!(release(&mut session, &batch), Err(medchain_ink::ExtensionError::NotAuthorized));
	assert!(is_held(&mut session, batch));
}

/// Issue 16, item 20: a call whose gas runs out in the extension fails with `OutOfGas` and
/// changes nothing: the function's weight is charged before it runs.
#[test]
fn running_out_of_gas_in_the_extension_fails_the_call_and_changes_nothing() {
	let (mut session, _) = deployed(true);
	let (batch_id, serial) = batch(&mut session, "LOT-1", LATE_EXPIRY);
	let shipment =
		HoldSubject::Shipment(ship(&mut session, batch_id, &serial, Ferdie.to_account_id()));
	let input = PlaceHold { subject: shipment, reason: [7; 32] }.encode();
	let args = |call: bool| [ext(func::PLACE_HOLD).to_string(), hex(&input), call.to_string()];
	// What the message costs without the call, and what the hold costs in the pallet.
	let _: (u32, Vec<u8>) = call(&mut session, "probe", &args(false));
	let without = session.record().last_call_result().gas_consumed;
	let full = session.get_gas_limit();
	for short in [
		// Not even the role check.
		without.saturating_add(half(ParticipantWeights::has_role())),
		// The role checked, but not the hold.
		without
			.saturating_add(ParticipantWeights::has_role())
			.saturating_add(half(TrackingWeights::place_shipment_hold())),
	] {
		let limit = Weight::from_parts(short.ref_time(), full.proof_size());
		let before = state_root(&mut session);
		session.set_gas_limit(limit);
		let result = session.call::<_, (u32, Vec<u8>)>("probe", &args(true), None);
		session.set_gas_limit(full);
		match result {
			Err(SessionError::CallFailed(error)) => assert_eq!(
				error,
				pallet_contracts::Error::<Runtime>::OutOfGas.into(),
				"with {limit:?}"
			),
			other => panic!("with {limit:?} the call did not run out of gas: {other:?}"),
		}
		assert!(!is_held(&mut session, shipment));
		assert_eq!(state_root(&mut session), before, "an out-of-gas call changed state");
	}
	// With enough gas the same call holds the shipment.
	let (status, output): (u32, Vec<u8>) = call(&mut session, "probe", &args(true));
	assert_eq!((status, output), (Status::Success.code(), Ok::<(), HoldRefusal>(()).encode()));
	assert!(is_held(&mut session, shipment));

	// A read-only function runs out the same way.
	let verify = VerifyPack { gtin: GTIN, serial, lot: b"LOT-1".to_vec(), expiry: LATE_EXPIRY };
	let input = verify.encode();
	let args = |call: bool| [ext(func::VERIFY_PACK).to_string(), hex(&input), call.to_string()];
	let _: (u32, Vec<u8>) = call(&mut session, "probe", &args(false));
	let without = session.record().last_call_result().gas_consumed;
	let short = without.saturating_add(half(TrackingWeights::verify_pack()));
	session.set_gas_limit(Weight::from_parts(short.ref_time(), full.proof_size()));
	let result = session.call::<_, (u32, Vec<u8>)>("probe", &args(true), None);
	session.set_gas_limit(full);
	assert!(
		matches!(&result, Err(SessionError::CallFailed(e)) if *e == pallet_contracts::Error::<Runtime>::OutOfGas.into()),
		"{result:?}"
	);
}
