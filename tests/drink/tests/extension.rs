//! The chain extension itself on the real runtime, through the fixture contract (the counter,
//! path in `FIXTURE_COUNTER`, which `scripts/test.sh` sets): every verdict `verify_pack`
//! gives, the hold functions' answers, running out of gas, `check_access` at its benchmarked
//! worst case, and what each call is charged.
//!
//! What a call is charged is measured with the fixture's `probe` message: the same message
//! with the same input, once calling the extension and once skipping the call. The difference
//! in gas is the extension's charge plus the few Wasm instructions of the call itself (ink!
//! encoding the input and decoding the output), which cost `ref_time` only: so the proof size
//! of the difference is the extension's charge exactly, and its `ref_time` is the charge plus
//! at most [`call_instructions`] of the input's length.

use drink::{
	session::{bundle::ContractBundle, error::SessionError, Session},
	AccountId32, Sandbox,
};
use frame_support::{traits::Get, weights::Weight};
use medchain_drink_tests::{MedChainSandbox, GENESIS_TIME};
use medchain_primitives::{
	chain_extension::{
		func, CheckAccess, HasRole, PlaceHold, ReleaseHold, Status, VerifyPack, EXTENSION_ID,
		MAX_INPUT_LEN,
	},
	consent::{AccessQuery, Action, DataClass, DataTag, Decision, Permit, Purpose},
	participants::Role,
	tracking::{DecommissionReason, HoldRefusal, HoldSubject, HoldView, TemperatureRange, Verdict},
};
use medchain_runtime::{Runtime, RuntimeCall, RuntimeOrigin};
use pallet_consent::WeightInfo as _;
use pallet_drug_tracking::WeightInfo as _;
use pallet_participants::WeightInfo as _;
use parity_scale_codec::{Decode, Encode};
use sp_core::H256;
use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie, DaveStash, Ferdie};
use sp_runtime::traits::Dispatchable;

type ConsentWeights = <Runtime as pallet_consent::Config>::WeightInfo;
type ParticipantWeights = <Runtime as pallet_participants::Config>::WeightInfo;
type TrackingWeights = <Runtime as pallet_drug_tracking::Config>::WeightInfo;

/// The most `ref_time` the fixture's own instructions around one extension call may add to
/// a measured charge, for `len` bytes of input and output together: ink! copies the input
/// into its buffer, and the output out of it, byte by byte. Measured: 0.12 µs for no input, about 50 ns a
/// byte (1025 bytes: 51 µs); allowed: twice that. Far below any benchmarked pallet weight.
fn call_instructions(len: usize) -> u64 {
	5_000_000 + 100_000 * len as u64
}

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
				name_commitment: H256::repeat_byte(0x48),
			}),
		);
		// A hold authority pays the deposits of its holds.
		fund(session, &contract, HOLD_AUTHORITY_FUNDS);
	}
	contract
}

/// What the dev chain gives a hold authority for its holds' deposits (100 MED).
const HOLD_AUTHORITY_FUNDS: u128 = 100 * medchain_runtime::UNIT;

/// Set `who`'s free balance to `amount`.
fn fund(session: &mut Session<MedChainSandbox>, who: &AccountId32, amount: u128) {
	root(
		session,
		RuntimeCall::Balances(pallet_balances::Call::force_set_balance {
			who: who.clone().into(),
			new_free: amount,
		}),
	);
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

/// What one extension call answered and was charged.
#[derive(Debug)]
struct Probed {
	status: u32,
	output: Vec<u8>,
	/// The gas the call to the extension added to the message.
	charged: Weight,
	/// How many bytes of input the call was given.
	input_len: usize,
}

/// Call extension function `id` with exactly `input` through the fixture, and measure its
/// charge (see the module's comment).
fn probe(session: &mut Session<MedChainSandbox>, id: u32, input: &[u8]) -> Probed {
	let args = |call: bool| [id.to_string(), hex(input), call.to_string()];
	// Skipped first: the real call may change state.
	let skipped: (u32, Vec<u8>) = call(session, "probe", &args(false));
	assert_eq!(skipped, (u32::MAX, vec![]));
	let without = session.record().last_call_result().gas_consumed;
	let (status, output): (u32, Vec<u8>) = call(session, "probe", &args(true));
	let with = session.record().last_call_result().gas_consumed;
	Probed { status, output, charged: with.saturating_sub(without), input_len: input.len() }
}

fn ext(function: u16) -> u32 {
	(u32::from(EXTENSION_ID) << 16) | u32::from(function)
}

/// What entering the extension costs before any function runs: what pallet-contracts
/// charges for a host call that copies nothing (`seal_input` without its bytes).
fn entry() -> Weight {
	<Runtime as pallet_contracts::Config>::Schedule::get().host_fn_weights.input
}

/// What copying `len` bytes of input out of the contract costs, as pallet-contracts charges
/// it (`seal_return`'s per-byte cost, its copy out of contract memory).
fn copy_in(len: usize) -> Weight {
	<Runtime as pallet_contracts::Config>::Schedule::get()
		.host_fn_weights
		.return_per_byte
		.saturating_mul(len as u64)
}

/// What writing `len` bytes of output into the contract costs (`seal_input`'s per byte).
fn copy_out(len: usize) -> Weight {
	<Runtime as pallet_contracts::Config>::Schedule::get()
		.host_fn_weights
		.input_per_byte
		.saturating_mul(len as u64)
}

/// The `probed` call was charged `expected`: the proof size exactly, the `ref_time` up to
/// the call's own instructions (see [`call_instructions`]).
#[track_caller]
fn assert_charged(what: &str, probed: &Probed, expected: Weight) {
	let measured = probed.charged;
	println!("{what}: charged {measured:?}, expected {expected:?}");
	let slack = call_instructions(probed.input_len + probed.output.len());
	assert_eq!(measured.proof_size(), expected.proof_size(), "{what}: proof size charged");
	assert!(
		expected.ref_time() <= measured.ref_time()
			&& measured.ref_time() <= expected.ref_time() + slack,
		"{what}: charged {measured:?}, expected {expected:?} (+ up to {slack} ps of the call's own instructions)"
	);
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

/// Issue 16, items 9 and 20: a hold authority that cannot pay its hold's deposit is refused
/// (`Refused`: the pallet's `CannotHoldDeposit` has no name a contract acts on), and the
/// refused hold leaves nothing behind; with funds again, the same hold is placed.
#[test]
fn a_hold_authority_that_cannot_pay_is_refused_and_nothing_changes() {
	let (mut session, contract) = deployed(true);
	let (batch_id, _) = batch(&mut session, "LOT-1", LATE_EXPIRY);
	let batch = HoldSubject::Batch(batch_id);
	fund(&mut session, &contract, medchain_runtime::EXISTENTIAL_DEPOSIT);
	let before = state_root(&mut session);
	assert_eq!(place(&mut session, &batch), Err(medchain_ink::ExtensionError::Refused));
	assert!(!is_held(&mut session, batch));
	assert_eq!(state_root(&mut session), before, "a refused hold left state behind");
	fund(&mut session, &contract, HOLD_AUTHORITY_FUNDS);
	assert_eq!(place(&mut session, &batch), Ok(Ok(())));
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

/// Issue 16, item 20: `check_access` through the extension at the case its weight was
/// benchmarked for, built with the consent pallet's own calls: the patient's index full of
/// the largest consents (every provision with every code and every exception), all naming
/// the accessor by role, so that every one is read and every provision evaluated; ended
/// break-glass episodes of the accessor with the patient; and the accessor the last of the
/// patient's guardians. The decision is the guardian's permit, and the call is charged the
/// benchmarked weight, no more.
#[test]
fn check_access_at_its_benchmarked_worst_case() {
	use pallet_consent::{
		DataPeriod, Ends, Grantee, PolicyRef, Provision, ProvisionType, Rule, MAX_EXCEPTIONS,
	};
	// Twelve distinct tags, the most a rule lists; the question names the last.
	let tags: Vec<DataTag> = DataClass::ALL.iter().map(|class| class.tag(&[7; 32])).collect();
	let (mut session, _) = deployed(false);
	let patient = DaveStash.to_account_id();
	// Bob is a hospital and a clinician.
	let accessor = Bob.to_account_id();
	let consent = |call| RuntimeCall::Consent(call);

	let max_guardians: u32 = <Runtime as pallet_consent::Config>::MaxGuardians::get();
	for i in 0..max_guardians - 1 {
		let guardian = AccountId32::new([0x60 + i as u8; 32]);
		dispatch(
			&mut session,
			patient.clone(),
			consent(pallet_consent::Call::add_guardian { guardian }),
		);
	}
	dispatch(
		&mut session,
		patient.clone(),
		consent(pallet_consent::Call::add_guardian { guardian: accessor.clone() }),
	);

	let full_rule = || Rule {
		purposes: Purpose::ALL.to_vec().try_into().unwrap(),
		data_tags: tags.clone().try_into().unwrap(),
		actions: Action::ALL.to_vec().try_into().unwrap(),
		data_period: Some(DataPeriod { from: 0, to: u64::MAX }),
	};
	// Exceptions that cover only records of the epoch's first millisecond: each must be
	// looked at, none applies.
	let exception = Rule { data_period: Some(DataPeriod { from: 0, to: 0 }), ..full_rule() };
	let provision = Provision {
		kind: ProvisionType::Permit,
		rule: full_rule(),
		exceptions: vec![exception; MAX_EXCEPTIONS as usize].try_into().unwrap(),
	};
	let max_provisions: u32 = <Runtime as pallet_consent::Config>::MaxProvisions::get();
	let max_consents: u32 = <Runtime as pallet_consent::Config>::MaxConsentsPerPatient::get();
	assert_eq!((max_consents, max_provisions), (32, 8), "the case issue 16 names");
	for _ in 0..max_consents {
		dispatch(
			&mut session,
			patient.clone(),
			consent(pallet_consent::Call::grant_consent {
				patient: patient.clone(),
				grantee: Grantee::Role(Role::Hospital),
				provisions: vec![provision.clone(); max_provisions as usize].try_into().unwrap(),
				starts_at: None,
				ends: Ends::Never,
				policy: Some(PolicyRef { hash: H256::repeat_byte(1) }),
			}),
		);
	}
	// Ended episodes: the index and the latest episode are read, none is open.
	let episodes = {
		let unreviewed: u32 = <Runtime as pallet_consent::Config>::MaxUnreviewedBreakGlass::get();
		let per_day: u32 = <Runtime as pallet_consent::Config>::MaxBreakGlassPerDay::get();
		unreviewed.min(per_day)
	};
	for i in 0..u64::from(episodes) {
		session.sandbox().execute_with(|| {
			pallet_timestamp::Now::<Runtime>::put(GENESIS_TIME + i * pallet_consent::MINUTE);
		});
		dispatch(
			&mut session,
			accessor.clone(),
			consent(pallet_consent::Call::break_glass {
				// The question below names no handle (a contract's never does), so the
				// episodes are not looked at; they stay for the guardian's case all the same.
				subject: pallet_consent::EmergencyHandle([0x70; 32]),
				reason: pallet_consent::EmergencyReason::BTG,
				minutes: 1,
			}),
		);
	}
	let now = GENESIS_TIME + u64::from(episodes) * pallet_consent::MINUTE;
	session.sandbox().execute_with(|| pallet_timestamp::Now::<Runtime>::put(now));

	let query = AccessQuery {
		purpose: Purpose::BTG,
		data_tag: tags[tags.len() - 1],
		action: Action::Use,
		record_date: Some(now),
	};
	let input =
		CheckAccess { patient: *patient.as_ref(), accessor: *accessor.as_ref(), query }.encode();
	let started = std::time::Instant::now();
	let probed = probe(&mut session, ext(func::CHECK_ACCESS), &input);
	let elapsed = started.elapsed();
	assert_eq!(probed.status, Status::Success.code());
	let decision = Decision::decode(&mut &probed.output[..]).expect("a decision");
	assert_eq!(decision, Decision::Permit(Permit::Guardian));
	let pallet = session.sandbox().execute_with(|| {
		// As the extension asks: without an emergency handle.
		pallet_consent::Pallet::<Runtime>::check_access(&patient, &accessor, &query, now, None)
	});
	assert_eq!(decision, pallet);
	assert_eq!(
		session
			.sandbox()
			.execute_with(|| pallet_consent::PatientConsents::<Runtime>::get(&patient).len()),
		32
	);
	let benchmarked = ConsentWeights::check_access();
	assert_charged(
		"check_access (32 consents x 8 provisions)",
		&probed,
		entry()
			.saturating_add(copy_in(input.len()))
			.saturating_add(benchmarked)
			.saturating_add(copy_out(probed.output.len())),
	);
	println!(
		"check_access at its worst case: benchmarked {benchmarked:?}; the whole contract call \
		 consumed {:?}; two probe calls took {elapsed:?} (debug build)",
		session.record().last_call_result().gas_consumed
	);
}

/// Issue 16, item 11: a refusal is charged what it cost, not the function's full weight;
/// an unknown function is charged the host call it is.
#[test]
fn refusals_and_unknown_functions_are_charged_what_they_cost() {
	let (mut session, _) = deployed(false);
	let (batch_id, serial) = batch(&mut session, "LOT-1", LATE_EXPIRY);
	let shipment =
		HoldSubject::Shipment(ship(&mut session, batch_id, &serial, Ferdie.to_account_id()));
	let has_role = ParticipantWeights::has_role();

	// No such function, in this extension or in another: the host call, and nothing read.
	for id in [ext(0xfffe), 0x0001_0001] {
		let unknown = probe(&mut session, id, &[]);
		assert_eq!(unknown.status, Status::UnknownFunction.code());
		println!("unknown function {id:#010x}: charged {:?}", unknown.charged);
		assert!(unknown.charged.all_gt(Weight::zero()), "an unknown function is charged");
		assert_charged(&format!("unknown function {id:#010x}"), &unknown, entry());
	}
	// Too large: refused before a byte is read, the same as an unknown function.
	let large = vec![0xff; MAX_INPUT_LEN as usize + 1];
	let too_large = probe(&mut session, ext(func::CHECK_ACCESS), &large);
	assert_eq!(too_large.status, Status::InputTooLarge.code());
	assert_charged("input too large", &too_large, entry());
	let unknown = probe(&mut session, ext(0xfffe), &large);
	assert_eq!(too_large.charged, unknown.charged, "the same input, the same work");
	// Garbage: read and not decoded, nothing asked of any pallet.
	let garbage = probe(&mut session, ext(func::CHECK_ACCESS), &[0xff; 10]);
	assert_eq!(garbage.status, Status::DecodeFailed.code());
	assert_charged("input that does not decode", &garbage, entry().saturating_add(copy_in(10)));
	assert!(garbage.charged.all_lt(ConsentWeights::check_access()));

	// A contract that is no hold authority: one role read, and no hold weight.
	let place = PlaceHold { subject: shipment, reason: [1; 32] }.encode();
	let refused = probe(&mut session, ext(func::PLACE_HOLD), &place);
	assert_eq!(refused.status, Status::NotAuthorized.code());
	assert_charged(
		"place_hold by no hold authority",
		&refused,
		entry().saturating_add(copy_in(place.len())).saturating_add(has_role),
	);
	let release = ReleaseHold { subject: shipment, resolution: [2; 32] }.encode();
	let refused_release = probe(&mut session, ext(func::RELEASE_HOLD), &release);
	assert_eq!(refused_release.status, Status::NotAuthorized.code());
	assert_charged(
		"release_hold by no hold authority",
		&refused_release,
		entry().saturating_add(copy_in(release.len())).saturating_add(has_role),
	);
	assert!(!is_held(&mut session, shipment));

	// A hold authority's hold is charged the role check and the pallet's weight for what it
	// holds: a shipment (read whole), or a batch (its trail grows).
	let authority = deploy(&mut session, true, 1);
	let held = probe(&mut session, ext(func::PLACE_HOLD), &place);
	assert_eq!(held.status, Status::Success.code());
	assert!(is_held(&mut session, shipment));
	assert_charged(
		"place_hold of a shipment",
		&held,
		entry()
			.saturating_add(copy_in(place.len()))
			.saturating_add(has_role)
			.saturating_add(TrackingWeights::place_shipment_hold())
			.saturating_add(copy_out(held.output.len())),
	);
	assert!(refused.charged.all_lt(held.charged), "a refusal costs less than the hold");
	let batch_hold = PlaceHold { subject: HoldSubject::Batch(batch_id), reason: [3; 32] }.encode();
	let held_batch = probe(&mut session, ext(func::PLACE_HOLD), &batch_hold);
	assert_eq!(held_batch.status, Status::Success.code());
	assert_charged(
		"place_hold of a batch",
		&held_batch,
		entry()
			.saturating_add(copy_in(batch_hold.len()))
			.saturating_add(has_role)
			.saturating_add(TrackingWeights::place_hold())
			.saturating_add(copy_out(held_batch.output.len())),
	);
	let released = probe(&mut session, ext(func::RELEASE_HOLD), &release);
	assert_eq!(released.status, Status::Success.code());
	assert_charged(
		"release_hold",
		&released,
		entry()
			.saturating_add(copy_in(release.len()))
			.saturating_add(has_role)
			.saturating_add(TrackingWeights::release_hold())
			.saturating_add(copy_out(released.output.len())),
	);

	// The read-only functions: their benchmarked weight; a serial longer than any stored is
	// unknown without a read.
	let who = HasRole { who: *Charlie.to_account_id().as_ref(), role: Role::Manufacturer }.encode();
	let role = probe(&mut session, ext(func::HAS_ROLE), &who);
	assert_eq!((role.status, &role.output[..]), (Status::Success.code(), &true.encode()[..]));
	assert_charged(
		"has_role",
		&role,
		entry()
			.saturating_add(copy_in(who.len()))
			.saturating_add(has_role)
			.saturating_add(copy_out(1)),
	);
	let pack = VerifyPack {
		gtin: GTIN,
		serial: serial.clone(),
		lot: b"LOT-1".to_vec(),
		expiry: LATE_EXPIRY,
	}
	.encode();
	let verified = probe(&mut session, ext(func::VERIFY_PACK), &pack);
	assert_eq!(Verdict::decode(&mut &verified.output[..]), Ok(Verdict::OnHold));
	assert_charged(
		"verify_pack",
		&verified,
		entry()
			.saturating_add(copy_in(pack.len()))
			.saturating_add(TrackingWeights::verify_pack())
			.saturating_add(copy_out(verified.output.len())),
	);
	let long = VerifyPack {
		gtin: GTIN,
		serial: vec![b'9'; 21],
		lot: b"LOT-1".to_vec(),
		expiry: LATE_EXPIRY,
	}
	.encode();
	let unknown_pack = probe(&mut session, ext(func::VERIFY_PACK), &long);
	assert_eq!(Verdict::decode(&mut &unknown_pack.output[..]), Ok(Verdict::Unknown));
	assert_charged(
		"verify_pack of a serial too long to exist",
		&unknown_pack,
		entry()
			.saturating_add(copy_in(long.len()))
			.saturating_add(copy_out(unknown_pack.output.len())),
	);

	// Issue 17, item 1: who holds a subject, read by the contract that asks: its own hold,
	// then a regulator's override of it, each charged the pallet's benchmarked read.
	let batch = HoldSubject::Batch(batch_id).encode();
	let view = |session: &mut Session<MedChainSandbox>| {
		let viewed = probe(session, ext(func::HOLD), &batch);
		assert_eq!(viewed.status, Status::Success.code());
		assert_charged(
			"hold",
			&viewed,
			entry()
				.saturating_add(copy_in(batch.len()))
				.saturating_add(TrackingWeights::hold_view())
				.saturating_add(copy_out(viewed.output.len())),
		);
		HoldView::<AccountId32>::decode(&mut &viewed.output[..]).expect("a hold view")
	};
	let own = view(&mut session);
	assert_eq!(own.hold.map(|hold| (hold.by, hold.reason)), Some((authority.clone(), [3; 32])));
	assert_eq!(own.overridden, None);
	tracking(
		&mut session,
		Alice.to_account_id(),
		DrugCall::override_hold {
			subject: HoldSubject::Batch(batch_id),
			reason_hash: H256::repeat_byte(4),
		},
	);
	let lifted = view(&mut session);
	assert_eq!(lifted.hold, None);
	assert_eq!(lifted.overridden.map(|(by, _)| by), Some(Alice.to_account_id()));
}
