//! shipment-holds on the real runtime: the real drug-tracking pallet and participant registry
//! behind the real chain extension, through drink!. The contract is the `.contract` bundle
//! cargo-contract built (path in `SHIPMENT_HOLDS`, which `scripts/test.sh` sets).
//!
//! Dev roles: Alice regulator (and the contract's admin and notified regulator), Alice//stash
//! auditor, Bob hospital, Charlie manufacturer, Charlie//stash anomaly oracle, Dave
//! wholesaler, Eve carrier. Tests register more where they need them (a second oracle, a
//! second regulator).

use drink::{
	pallet_contracts,
	session::{bundle::ContractBundle, error::SessionError, Session},
	AccountId32, Sandbox, Ss58Codec,
};
use medchain_drink_tests::MedChainSandbox;
use medchain_primitives::{
	holds::{ReasonCode, MAX_SCORE},
	participants::Role,
	tracking::HoldSubject,
	tracking::TemperatureRange,
};
use medchain_runtime::{Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin};
use pallet_drug_tracking::{DosageForm, PackId, ShipmentLine};
use parity_scale_codec::Decode;
use shipment_holds::shipment_holds::{
	Case, CaseHold, CaseId, CaseStatus, Error, ModelStats, Outcome, Pending, Settings, Source,
	Stakeholder, Step,
};
use sp_core::H256;
use sp_keyring::Sr25519Keyring::{
	Alice, AliceStash, Bob, Charlie, CharlieStash, Dave, DaveStash, Eve, EveStash, FerdieStash,
};
use sp_runtime::{traits::Dispatchable, DispatchError};

const HOUR: u64 = 60 * 60 * 1000;
/// GS1's example GTIN-14.
const GTIN: u64 = 10_614_141_000_415;
const COLD: TemperatureRange = TemperatureRange { min: 20, max: 80 };
/// The registered model: its id, the byte its version hash repeats, its threshold.
const MODEL: u32 = 7;
const VERSION: u8 = 0x33;
const THRESHOLD: u16 = 8_000;

type Events = Vec<frame_system::EventRecord<RuntimeEvent, H256>>;

fn ss58(who: &AccountId32) -> String {
	who.to_ss58check()
}

fn hash(byte: u8) -> String {
	format!("0x{}", format!("{byte:02x}").repeat(32))
}

fn h(byte: u8) -> ink::primitives::Hash {
	[byte; 32].into()
}

/// The contract's account type for a keyring account.
fn ink_id(who: &AccountId32) -> ink::primitives::AccountId {
	let bytes: [u8; 32] = who.clone().into();
	ink::primitives::AccountId::from(bytes)
}

/// Call `message` with `args` as the session's actor and return the contract's answer: its
/// `Ok`, or the `Error` it reverted with.
fn answer<T: Decode>(
	session: &mut Session<MedChainSandbox>,
	message: &str,
	args: &[String],
) -> Result<T, Error> {
	match session.call::<_, Result<T, Error>>(message, args, None) {
		Ok(answer) => answer.expect("no LangError"),
		Err(SessionError::CallReverted(data)) => {
			// The revert data is the message's whole result: Ok(Err(error)).
			let reverted = <Result<Result<T, Error>, u8>>::decode(&mut &data[..]);
			match reverted {
				Ok(Ok(Err(error))) => Err(error),
				_ => panic!("{message} reverted without a contract error: {data:?}"),
			}
		}
		Err(other) => panic!("{message} did not run: {other:?}"),
	}
}

/// A read-only message's answer.
fn read<T: Decode>(session: &mut Session<MedChainSandbox>, message: &str, args: &[String]) -> T {
	session.call(message, args, None).expect("the query runs").expect("no LangError")
}

fn dispatch(session: &mut Session<MedChainSandbox>, who: AccountId32, call: RuntimeCall) {
	session.sandbox().execute_with(|| {
		call.dispatch(RuntimeOrigin::signed(who)).expect("the pallet call succeeds");
	});
}

fn root(session: &mut Session<MedChainSandbox>, call: RuntimeCall) {
	session.sandbox().execute_with(|| {
		call.dispatch(RuntimeOrigin::root()).expect("governance's call succeeds");
	});
}

/// Governance registers `who` with `roles`.
fn register(session: &mut Session<MedChainSandbox>, who: &AccountId32, roles: Vec<Role>) {
	root(
		session,
		RuntimeCall::Participants(pallet_participants::Call::register {
			who: who.clone(),
			roles: roles.try_into().unwrap(),
			gln: None,
			name_commitment: H256::repeat_byte(0x48),
		}),
	);
}

/// Charlie makes a batch of 100 packs (two serialised) and ships 60 units with both packs
/// to Dave through Eve, due in ten hours. Returns the shipment's number.
fn ship(session: &mut Session<MedChainSandbox>, lot: &str) -> u64 {
	use pallet_drug_tracking::Call;
	let gtin = medchain_primitives::tracking::Gtin::new(GTIN).unwrap();
	let lot: pallet_drug_tracking::Lot = lot.as_bytes().to_vec().try_into().unwrap();
	let batch = pallet_drug_tracking::batch_id(gtin, &lot);
	let registered = session
		.sandbox()
		.execute_with(|| pallet_drug_tracking::Products::<Runtime>::contains_key(gtin));
	if !registered {
		let register = Call::register_product {
			gtin: GTIN,
			ndc: None,
			name_hash: H256::repeat_byte(1),
			dosage_form: DosageForm::Injection,
			storage: COLD,
		};
		dispatch(session, Charlie.to_account_id(), RuntimeCall::DrugTracking(register));
	}
	let serials: Vec<pallet_drug_tracking::SerialNumber> = ["SN1", "SN2"]
		.iter()
		.map(|s| [s.as_bytes(), b"-", &lot[..]].concat().try_into().unwrap())
		.collect();
	let calls = [
		Call::create_batch { gtin: GTIN, lot: lot.clone(), expiry: 301231, quantity: 100 },
		Call::commission_serials { batch, serials: serials.clone().try_into().unwrap() },
	];
	for call in calls {
		dispatch(session, Charlie.to_account_id(), RuntimeCall::DrugTracking(call));
	}
	let id = session.sandbox().execute_with(pallet_drug_tracking::NextShipmentId::<Runtime>::get);
	let now = session.sandbox().execute_with(pallet_timestamp::Now::<Runtime>::get);
	let packs: Vec<PackId> = serials.into_iter().map(|serial| PackId { gtin, serial }).collect();
	let ship = Call::ship {
		receiver: Dave.to_account_id(),
		carrier: Some(Eve.to_account_id()),
		lines: vec![ShipmentLine { batch, quantity: 60 }].try_into().unwrap(),
		packs: packs.try_into().unwrap(),
		expected_arrival: now + 10 * HOUR,
		temperature: COLD,
	};
	dispatch(session, Charlie.to_account_id(), RuntimeCall::DrugTracking(ship));
	id
}

/// shipment-holds deployed by Alice (admin and regulator), its account registered as a hold
/// authority and funded if `authority`, model 7 registered at threshold 8 000, Charlie//stash
/// authorised as an oracle, and one shipment in transit. Returns the session, the contract's
/// account and the shipment.
fn deployed(authority: bool) -> (Session<MedChainSandbox>, AccountId32, u64) {
	let path = std::env::var("SHIPMENT_HOLDS").expect(
		"SHIPMENT_HOLDS names the shipment_holds.contract bundle (scripts/test.sh sets it)",
	);
	let bundle = ContractBundle::load(path).expect("the bundle loads");
	let mut session = Session::<MedChainSandbox>::default().with_actor(Alice.to_account_id());
	let alice = ss58(&Alice.to_account_id());
	let contract = session
		.deploy_bundle(bundle, "new", &[alice.clone(), alice], vec![], None)
		.expect("it deploys");
	if authority {
		register(&mut session, &contract, vec![Role::HoldAuthority]);
		// A hold authority pays the deposits of its holds: 100 MED, as on the dev chain.
		fund(&mut session, &contract, 100 * medchain_runtime::UNIT);
	}
	admin(&mut session, &model_change(MODEL, VERSION, THRESHOLD)).expect("a model registers");
	admin(&mut session, &oracle_change(&CharlieStash.to_account_id(), true))
		.expect("Charlie//stash is an anomaly oracle");
	let shipment = ship(&mut session, "LOT-1");
	(session, contract, shipment)
}

fn fund(session: &mut Session<MedChainSandbox>, who: &AccountId32, amount: u128) {
	root(
		session,
		RuntimeCall::Balances(pallet_balances::Call::force_set_balance {
			who: who.clone().into(),
			new_free: amount,
		}),
	);
}

/// Alice, the admin, makes a change (as polkadot.js writes it).
fn admin(session: &mut Session<MedChainSandbox>, change: &str) -> Result<(), Error> {
	session.set_actor(Alice.to_account_id());
	answer(session, "administer", &[change.to_string()])
}

/// The admin's change registering model `id` at a version, with a threshold.
fn model_change(id: u32, version: u8, threshold: u16) -> String {
	format!(
		"Model({id}, Some(Model {{ version: {}, evaluation: {}, threshold: {threshold} }}))",
		hash(version),
		hash(version.wrapping_add(1))
	)
}

/// The admin's change to the default rules with this cool-down, margin and cap.
fn settings(cooldown: u64, margin: u16, max_open: u32) -> String {
	format!(
		"Settings(Settings {{ rules: Rules {{ max_excursion_minutes: Some(30), max_transit_percent: Some(150), quantity_tolerance: Some(0), max_route_deviation_km: Some(50), clone_scan: true, recalled_in_transit: true }}, cooldown: {cooldown}, rescore_margin: {margin}, max_open_per_oracle: {max_open} }})"
	)
}

/// The admin's change authorising (or withdrawing) an oracle.
fn oracle_change(oracle: &AccountId32, authorised: bool) -> String {
	format!("Oracle({}, {authorised})", ss58(oracle))
}

/// `oracle` reports a score from model `model` at version `version` with these reasons.
fn report_by(
	session: &mut Session<MedChainSandbox>,
	oracle: &AccountId32,
	shipment: u64,
	(model, version): (u32, u8),
	score: u16,
	reasons: &str,
) -> Result<Outcome, Error> {
	session.set_actor(oracle.clone());
	let args = [
		shipment.to_string(),
		score.to_string(),
		model.to_string(),
		hash(version),
		hash(0xee),
		reasons.into(),
	];
	answer(session, "report_anomaly", &args)
}

/// Charlie//stash reports a score from the registered model.
fn report(
	session: &mut Session<MedChainSandbox>,
	shipment: u64,
	score: u16,
	reasons: &str,
) -> Result<Outcome, Error> {
	let oracle = CharlieStash.to_account_id();
	report_by(session, &oracle, shipment, (MODEL, VERSION), score, reasons)
}

fn telemetry(
	session: &mut Session<MedChainSandbox>,
	who: &AccountId32,
	shipment: u64,
	minutes_outside: u32,
) -> Result<Outcome, Error> {
	session.set_actor(who.clone());
	let summary = format!(
		"Telemetry {{ minutes_outside: {minutes_outside}, min_temperature: 25, max_temperature: 95, units_counted: Some(60), route_deviation_km: 3, log_hash: {} }}",
		hash(0x10)
	);
	answer(session, "report_telemetry", &[shipment.to_string(), summary])
}

/// `who` takes case `id` one `step` further (a `CaseStep`, as polkadot.js would write it);
/// the case's status after it.
fn step_on(
	session: &mut Session<MedChainSandbox>,
	id: CaseId,
	who: &AccountId32,
	step: &str,
) -> Result<CaseStatus, Error> {
	session.set_actor(who.clone());
	answer::<()>(session, "advance_case", &[id.to_string(), step.to_string()])?;
	Ok(case(session, id).status)
}

/// The same, on case 0.
fn step(
	session: &mut Session<MedChainSandbox>,
	who: &AccountId32,
	step: &str,
) -> Result<CaseStatus, Error> {
	step_on(session, 0, who, step)
}

fn case(session: &mut Session<MedChainSandbox>, id: CaseId) -> Case {
	let found: Option<Case> = read(session, "case", &[id.to_string()]);
	found.expect("the case exists")
}

fn stats(session: &mut Session<MedChainSandbox>) -> ModelStats {
	read(session, "model_stats", &[MODEL.to_string(), hash(VERSION)])
}

fn open_case(session: &mut Session<MedChainSandbox>, shipment: u64) -> Option<CaseId> {
	read(session, "open_case", &[shipment.to_string()])
}

/// Who holds the shipment in the pallet.
fn holder(session: &mut Session<MedChainSandbox>, shipment: u64) -> Option<AccountId32> {
	session.sandbox().execute_with(|| {
		pallet_drug_tracking::Holds::<Runtime>::get(HoldSubject::Shipment(shipment))
			.map(|hold| hold.by)
	})
}

fn held(session: &mut Session<MedChainSandbox>, shipment: u64) -> bool {
	holder(session, shipment).is_some()
}

/// Alice, a regulator, lifts the contract's hold on the shipment in the pallet.
fn regulator_lifts(session: &mut Session<MedChainSandbox>, shipment: u64) {
	let call = pallet_drug_tracking::Call::override_hold {
		subject: HoldSubject::Shipment(shipment),
		reason_hash: H256::repeat_byte(0x0a),
	};
	dispatch(session, Alice.to_account_id(), RuntimeCall::DrugTracking(call));
}

/// Alice, a regulator, holds the shipment in her own name.
fn regulator_holds(session: &mut Session<MedChainSandbox>, shipment: u64) {
	let call = pallet_drug_tracking::Call::place_hold {
		subject: HoldSubject::Shipment(shipment),
		reason_hash: H256::repeat_byte(0x0b),
	};
	dispatch(session, Alice.to_account_id(), RuntimeCall::DrugTracking(call));
}

/// Dave tries to receive the whole shipment.
fn receive(session: &mut Session<MedChainSandbox>, shipment: u64) -> Result<(), DispatchError> {
	session.sandbox().execute_with(|| {
		RuntimeCall::DrugTracking(pallet_drug_tracking::Call::receive {
			shipment,
			counted: vec![60].try_into().unwrap(),
		})
		.dispatch(RuntimeOrigin::signed(Dave.to_account_id()))
		.map(|_| ())
		.map_err(|e| e.error)
	})
}

/// The last call's runtime events.
fn last_events(session: &Session<MedChainSandbox>) -> Events {
	session.record().last_event_batch().all_events().to_vec()
}

fn emitted(events: &[frame_system::EventRecord<RuntimeEvent, H256>]) -> Vec<(Vec<u8>, Vec<H256>)> {
	events
		.iter()
		.filter_map(|record| match &record.event {
			RuntimeEvent::Contracts(pallet_contracts::Event::ContractEmitted { data, .. }) => {
				Some((data.clone(), record.topics.clone()))
			}
			_ => None,
		})
		.collect()
}

/// The steps of the `CaseUpdated` events in `events`, with their case.
fn steps(events: &[frame_system::EventRecord<RuntimeEvent, H256>]) -> Vec<(CaseId, Step)> {
	emitted(events)
		.into_iter()
		.filter_map(|(data, topics)| {
			// CaseUpdated: case, shipment, step, by; its signature is the first topic.
			(topics.first() == Some(&signature(CASE_UPDATED)))
				.then(|| <(CaseId, u64, Step, [u8; 32])>::decode(&mut &data[..]).ok())
				.flatten()
				.map(|(case, _, step, _)| (case, step))
		})
		.collect()
}

/// The signature topic ink! gives an event: blake2-256 of its name and its fields' types as
/// the contract's source writes them, `Name(Type,Type)`.
fn signature(event: &str) -> H256 {
	H256(sp_core::hashing::blake2_256(event.as_bytes()))
}

#[test]
fn the_event_signatures_are_those_in_the_contracts_metadata() {
	let path = std::env::var("SHIPMENT_HOLDS").expect("SHIPMENT_HOLDS names the bundle");
	let bundle: serde_json::Value =
		serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
	let topic_of = |label: &str| {
		let events = bundle["spec"]["events"].as_array().unwrap();
		let event = events.iter().find(|e| e["label"] == label).unwrap();
		event["signature_topic"].as_str().unwrap().to_string()
	};
	for (label, signature_text) in [("HoldNotice", HOLD_NOTICE), ("CaseUpdated", CASE_UPDATED)] {
		assert_eq!(topic_of(label), format!("{:?}", signature(signature_text)));
	}
}

const HOLD_NOTICE: &str = "HoldNotice(AccountId,ShipmentId,CaseId,Stakeholder)";
const CASE_UPDATED: &str = "CaseUpdated(CaseId,ShipmentId,Step,AccountId)";

fn topic(who: &AccountId32) -> H256 {
	H256(*who.as_ref())
}

/// A pallet event among `events`.
fn has(events: &Events, event: pallet_drug_tracking::Event<Runtime>) -> bool {
	events.iter().any(|record| record.event == RuntimeEvent::DrugTracking(event.clone()))
}

/// Clear case `id` (investigate and conclude legitimate) as the auditor, without releasing.
fn clear(session: &mut Session<MedChainSandbox>, id: CaseId) {
	let auditor = AliceStash.to_account_id();
	assert_eq!(step_on(session, id, &auditor, "ConfirmQuarantine"), Ok(CaseStatus::Quarantined));
	assert_eq!(step_on(session, id, &auditor, "Investigate"), Ok(CaseStatus::Investigating));
	let cleared = format!("Conclude {{ legitimate: true, finding: {} }}", hash(4));
	assert_eq!(step_on(session, id, &auditor, &cleared), Ok(CaseStatus::Cleared));
}

/// Conclude case `id` illegitimate, as `investigator`.
fn find_illegitimate(
	session: &mut Session<MedChainSandbox>,
	id: CaseId,
	investigator: &AccountId32,
) -> Result<CaseStatus, Error> {
	step_on(session, id, investigator, "ConfirmQuarantine")?;
	step_on(session, id, investigator, "Investigate")?;
	let illegitimate = format!("Conclude {{ legitimate: false, finding: {} }}", hash(4));
	step_on(session, id, investigator, &illegitimate)
}

/// `who` takes case `id` one `step` further; the runtime events of that call.
fn step_events(
	session: &mut Session<MedChainSandbox>,
	id: CaseId,
	who: &AccountId32,
	step: &str,
) -> Events {
	session.set_actor(who.clone());
	let taken = answer::<()>(session, "advance_case", &[id.to_string(), step.to_string()]);
	assert_eq!(taken, Ok(()), "{step}");
	last_events(session)
}

/// Release case `id` with resolution 5: the auditor, then the regulator. The events of the
/// releasing call.
fn release(session: &mut Session<MedChainSandbox>, id: CaseId) -> Events {
	let approve = format!("ApproveRelease({})", hash(5));
	step_on(session, id, &AliceStash.to_account_id(), &approve).expect("the auditor approves");
	let events = step_events(session, id, &Alice.to_account_id(), &approve);
	assert!(case(session, id).released.is_some());
	events
}

#[test]
fn a_report_at_the_models_threshold_holds_the_shipment_in_the_same_call() {
	let (mut session, contract, shipment) = deployed(true);
	let outcome = report(&mut session, shipment, THRESHOLD, "[CloneScan, QuantityGap]");
	let gas = session.record().last_call_result().gas_consumed;
	assert_eq!(outcome, Ok(Outcome::CaseOpened(0)));

	// The pallet's hold and the contract's events come from that one contract call.
	let events = last_events(&session);
	assert!(has(
		&events,
		pallet_drug_tracking::Event::HoldPlaced {
			subject: HoldSubject::Shipment(shipment),
			by: contract.clone(),
			// The evidence the oracle reported is the hold's reason.
			reason_hash: H256::repeat_byte(0xee),
		}
	));
	assert_eq!(holder(&mut session, shipment), Some(contract.clone()));

	// One notice per stakeholder, each a HoldNotice (its signature the first topic) with the
	// stakeholder as its own topic and in its data.
	let notice = signature(HOLD_NOTICE);
	let notices: Vec<(Stakeholder, [u8; 32], H256)> = emitted(&events)
		.into_iter()
		.filter(|(_, topics)| topics.first() == Some(&notice))
		.map(|(data, topics)| {
			let (to, shipment_in, case, role) =
				<([u8; 32], u64, CaseId, Stakeholder)>::decode(&mut &data[..]).unwrap();
			assert_eq!((shipment_in, case), (shipment, 0));
			(role, to, topics[1])
		})
		.collect();
	let expected = [
		(Stakeholder::Sender, Charlie.to_account_id()),
		(Stakeholder::Receiver, Dave.to_account_id()),
		(Stakeholder::Regulator, Alice.to_account_id()),
		(Stakeholder::Manufacturer, Charlie.to_account_id()),
	];
	assert_eq!(notices.len(), expected.len());
	for ((role, to, topic_to), (expected_role, expected_to)) in notices.iter().zip(expected) {
		assert_eq!(*role, expected_role);
		assert_eq!(*to, <[u8; 32]>::from(expected_to.clone()));
		assert_eq!(*topic_to, topic(&expected_to), "{role:?}'s notice is on its own topic");
	}

	// The case explains the hold: model, version, score, threshold, evidence, reasons.
	let opened = case(&mut session, 0);
	assert_eq!(opened.status, CaseStatus::Suspect);
	assert_eq!(opened.hold, CaseHold::Placed);
	let evidence = &opened.evidence[0];
	assert_eq!(
		evidence.source,
		Source::Model {
			model_id: MODEL,
			version: h(VERSION),
			score: THRESHOLD,
			threshold: THRESHOLD
		}
	);
	assert_eq!(evidence.reasons, vec![ReasonCode::CloneScan, ReasonCode::QuantityGap]);
	assert_eq!(evidence.evidence_hash, h(0xee));
	assert_eq!(evidence.reporter, ink_id(&CharlieStash.to_account_id()));
	assert_eq!(stats(&mut session), ModelStats { raised: 1, cleared: 0, confirmed: 0 });

	// Held: it cannot be received.
	let refused = receive(&mut session, shipment).expect_err("a held shipment is not received");
	assert!(format!("{refused:?}").contains("OnHold"), "{refused:?}");
	println!("gas of report_anomaly with the hold: {gas:?}");
}

/// Issue 17, item 3: the threshold is the registered model's; the reasons do not choose it.
#[test]
fn the_registered_models_threshold_applies_whatever_the_reasons() {
	let (mut session, _, shipment) = deployed(true);
	// Below the model's threshold nothing is stored, whichever reasons are given.
	for reasons in ["[CloneScan]", "[CloneScan, QuantityGap, TransitDelay, RouteDeviation]"] {
		assert_eq!(report(&mut session, shipment, THRESHOLD - 1, reasons), Ok(Outcome::NoAction));
	}
	assert!(!held(&mut session, shipment));
	assert_eq!(open_case(&mut session, shipment), None);
	// A model nobody registered, or the registered one at another version, is refused.
	let oracle = CharlieStash.to_account_id();
	let unknown = report_by(&mut session, &oracle, shipment, (8, VERSION), 9_000, "[CloneScan]");
	assert_eq!(unknown, Err(Error::UnknownModel));
	let stale = report_by(&mut session, &oracle, shipment, (MODEL, 0x34), 9_000, "[CloneScan]");
	assert_eq!(stale, Err(Error::UnknownModel));
	// A new version registered at a lower threshold is the one in force.
	assert_eq!(admin(&mut session, &model_change(MODEL, 0x40, 5_000)), Ok(()));
	let old = report_by(&mut session, &oracle, shipment, (MODEL, VERSION), 9_000, "[CloneScan]");
	assert_eq!(old, Err(Error::UnknownModel));
	let new = report_by(&mut session, &oracle, shipment, (MODEL, 0x40), 6_000, "[QuantityGap]");
	assert_eq!(new, Ok(Outcome::CaseOpened(0)));
	assert!(matches!(
		case(&mut session, 0).evidence[0].source,
		Source::Model { threshold: 5_000, .. }
	));
	// A withdrawn model is refused; a threshold outside 1–10 000 is not registered.
	assert_eq!(admin(&mut session, &format!("Model({MODEL}, None)")), Ok(()));
	let withdrawn = report_by(&mut session, &oracle, shipment, (MODEL, 0x40), 9_000, "[CloneScan]");
	assert_eq!(withdrawn, Err(Error::UnknownModel));
	assert_eq!(admin(&mut session, &model_change(9, 1, 0)), Err(Error::InvalidSettings));
	assert_eq!(
		admin(&mut session, &model_change(9, 1, MAX_SCORE + 1)),
		Err(Error::InvalidSettings)
	);
}

#[test]
fn unauthorised_reporters_and_bad_reports_are_refused() {
	let (mut session, _, shipment) = deployed(true);
	// Bob is no oracle, authorised or registered.
	let bob = Bob.to_account_id();
	let refused = report_by(&mut session, &bob, shipment, (MODEL, VERSION), 9_000, "[CloneScan]");
	assert_eq!(refused, Err(Error::NotAnOracle));
	// Only the admin configures, and only anomaly oracles can be authorised.
	session.set_actor(Bob.to_account_id());
	let refused: Result<(), Error> = answer(&mut session, "administer", &[settings(0, 0, 1)]);
	assert_eq!(refused, Err(Error::NotAdmin));
	assert_eq!(admin(&mut session, &oracle_change(&bob, true)), Err(Error::NotAnOracle));
	assert_eq!(admin(&mut session, &settings(0, 0, 0)), Err(Error::InvalidSettings));
	assert_eq!(admin(&mut session, &settings(0, MAX_SCORE + 1, 1)), Err(Error::InvalidSettings));
	// Bad reports from an oracle: named errors, nothing held.
	let over = MAX_SCORE + 1;
	assert_eq!(report(&mut session, shipment, over, "[CloneScan]"), Err(Error::InvalidScore));
	assert_eq!(report(&mut session, shipment, 9_000, "[]"), Err(Error::InvalidReasons));
	assert_eq!(
		report(&mut session, shipment, 9_000, "[CloneScan, CloneScan]"),
		Err(Error::InvalidReasons)
	);
	assert_eq!(report(&mut session, 99, 9_000, "[CloneScan]"), Err(Error::UnknownShipment));
	// A withdrawn oracle is refused.
	let oracle = CharlieStash.to_account_id();
	assert_eq!(admin(&mut session, &oracle_change(&oracle, false)), Ok(()));
	assert_eq!(report(&mut session, shipment, 9_000, "[CloneScan]"), Err(Error::NotAnOracle));
	assert!(!held(&mut session, shipment));
}

#[test]
fn the_carriers_telemetry_is_checked_against_the_rules() {
	let (mut session, _, shipment) = deployed(true);
	let carrier = Eve.to_account_id();
	// Only the carrier the sender named may report.
	assert_eq!(
		telemetry(&mut session, &Dave.to_account_id(), shipment, 45),
		Err(Error::NotTheCarrier)
	);
	// Within every rule: nothing.
	assert_eq!(telemetry(&mut session, &carrier, shipment, 30), Ok(Outcome::NoAction));
	assert!(!held(&mut session, shipment));
	// 45 minutes out of range breaks the 30-minute rule: held, with the rule named.
	assert_eq!(telemetry(&mut session, &carrier, shipment, 45), Ok(Outcome::CaseOpened(0)));
	assert!(held(&mut session, shipment));
	let opened = case(&mut session, 0);
	assert_eq!(opened.evidence[0].source, Source::Rules);
	assert_eq!(opened.evidence[0].reasons, vec![ReasonCode::TemperatureExcursion]);
	assert_eq!(opened.evidence[0].evidence_hash, h(0x10));

	// The chain's own signals: a recalled batch in transit breaks a rule too.
	let second = ship(&mut session, "LOT-2");
	let gtin = medchain_primitives::tracking::Gtin::new(GTIN).unwrap();
	let lot: pallet_drug_tracking::Lot = b"LOT-2".to_vec().try_into().unwrap();
	dispatch(
		&mut session,
		Charlie.to_account_id(),
		RuntimeCall::DrugTracking(pallet_drug_tracking::Call::recall {
			batch: pallet_drug_tracking::batch_id(gtin, &lot),
			class: pallet_drug_tracking::RecallClass::ClassI,
			reason_hash: H256::repeat_byte(2),
		}),
	);
	assert_eq!(telemetry(&mut session, &carrier, second, 0), Ok(Outcome::CaseOpened(1)));
	assert_eq!(case(&mut session, 1).evidence[0].reasons, vec![ReasonCode::RecalledInTransit]);
	// And a transit far beyond the expected ten hours.
	let third = ship(&mut session, "LOT-3");
	session.sandbox().execute_with(|| {
		pallet_timestamp::Now::<Runtime>::mutate(|now| *now += 16 * HOUR);
	});
	assert_eq!(telemetry(&mut session, &carrier, third, 0), Ok(Outcome::CaseOpened(2)));
	assert_eq!(case(&mut session, 2).evidence[0].reasons, vec![ReasonCode::TransitDelay]);
}

/// Issue 17, item 4: a suspended carrier's telemetry opens nothing.
#[test]
fn a_suspended_carrier_cannot_report() {
	let (mut session, _, shipment) = deployed(true);
	let carrier = Eve.to_account_id();
	root(
		&mut session,
		RuntimeCall::Participants(pallet_participants::Call::suspend { who: carrier.clone() }),
	);
	assert_eq!(telemetry(&mut session, &carrier, shipment, 45), Err(Error::NotTheCarrier));
	assert!(!held(&mut session, shipment));
	root(
		&mut session,
		RuntimeCall::Participants(pallet_participants::Call::reinstate { who: carrier.clone() }),
	);
	assert_eq!(telemetry(&mut session, &carrier, shipment, 45), Ok(Outcome::CaseOpened(0)));
}

/// Issue 17, item 4: evidence is kept per source, so the carrier's trivial rule hits cannot
/// fill a case and shut the oracle out.
#[test]
fn a_carrier_cannot_crowd_the_oracle_out_of_a_case() {
	let (mut session, _, shipment) = deployed(true);
	let carrier = Eve.to_account_id();
	assert_eq!(telemetry(&mut session, &carrier, shipment, 45), Ok(Outcome::CaseOpened(0)));
	for _ in 1..4 {
		assert_eq!(telemetry(&mut session, &carrier, shipment, 45), Ok(Outcome::EvidenceAdded(0)));
	}
	assert_eq!(telemetry(&mut session, &carrier, shipment, 45), Err(Error::EvidenceFull));
	// The oracle's report still joins the case, and a model's record counts only cases it
	// opened.
	assert_eq!(report(&mut session, shipment, 9_000, "[CloneScan]"), Ok(Outcome::EvidenceAdded(0)));
	let evidence = case(&mut session, 0).evidence;
	assert_eq!(evidence.len(), 5);
	assert_eq!(evidence[4].reporter, ink_id(&CharlieStash.to_account_id()));
	assert_eq!(stats(&mut session), ModelStats::default());
	// Each source is bounded, and so is the number of sources.
	for _ in 1..4 {
		assert!(report(&mut session, shipment, 9_000, "[CloneScan]").is_ok());
	}
	assert_eq!(report(&mut session, shipment, 9_000, "[CloneScan]"), Err(Error::EvidenceFull));
	// Dave//stash, Eve//stash and Ferdie//stash hold no role in the dev genesis.
	let others = [DaveStash.to_account_id(), EveStash.to_account_id()];
	for oracle in &others {
		register(&mut session, oracle, vec![Role::AnomalyOracle]);
		assert_eq!(admin(&mut session, &oracle_change(oracle, true)), Ok(()));
		let added =
			report_by(&mut session, oracle, shipment, (MODEL, VERSION), 9_000, "[CloneScan]");
		assert_eq!(added, Ok(Outcome::EvidenceAdded(0)));
	}
	let fifth = FerdieStash.to_account_id();
	register(&mut session, &fifth, vec![Role::AnomalyOracle]);
	assert_eq!(admin(&mut session, &oracle_change(&fifth, true)), Ok(()));
	let refused = report_by(&mut session, &fifth, shipment, (MODEL, VERSION), 9_000, "[CloneScan]");
	assert_eq!(refused, Err(Error::TooManySources));
}

/// Issue 17, item 1: the case reads the hold's real state. After a regulator lifts the
/// contract's hold, the case records the override, and new evidence holds the shipment again.
#[test]
fn a_regulators_override_is_recorded_and_new_evidence_holds_again() {
	let (mut session, contract, shipment) = deployed(true);
	assert_eq!(report(&mut session, shipment, 9_000, "[CloneScan]"), Ok(Outcome::CaseOpened(0)));
	regulator_lifts(&mut session, shipment);
	assert!(!held(&mut session, shipment));

	assert_eq!(report(&mut session, shipment, 9_100, "[CloneScan]"), Ok(Outcome::EvidenceAdded(0)));
	let events = last_events(&session);
	let alice = ink_id(&Alice.to_account_id());
	assert_eq!(
		steps(&events),
		vec![(0, Step::HoldLifted(alice)), (0, Step::Reheld), (0, Step::EvidenceAdded)]
	);
	// The contract took note of the override in the pallet (Alice's deposit comes back) and
	// held the shipment again in its own name.
	assert!(has(
		&events,
		pallet_drug_tracking::Event::HoldOverrideNoted {
			subject: HoldSubject::Shipment(shipment),
			placed_by: contract.clone(),
			by: Alice.to_account_id(),
		}
	));
	assert_eq!(holder(&mut session, shipment), Some(contract.clone()));
	assert_eq!(case(&mut session, 0).hold, CaseHold::Placed);
}

/// Issue 17, item 1: a regulator who lifts the contract's hold and holds the shipment in its
/// own name keeps its hold: the case records it and never releases it.
#[test]
fn a_case_never_releases_a_hold_it_did_not_place() {
	let (mut session, contract, shipment) = deployed(true);
	assert_eq!(report(&mut session, shipment, 9_000, "[CloneScan]"), Ok(Outcome::CaseOpened(0)));
	regulator_lifts(&mut session, shipment);
	regulator_holds(&mut session, shipment);
	// New evidence: the case sees Alice's hold, and places none of its own.
	assert_eq!(report(&mut session, shipment, 9_100, "[CloneScan]"), Ok(Outcome::EvidenceAdded(0)));
	let alice = Alice.to_account_id();
	let alice_ink = ink_id(&alice);
	assert_eq!(
		steps(&last_events(&session)),
		vec![(0, Step::HoldLifted(alice_ink)), (0, Step::EvidenceAdded)],
		"the override is noted, and nothing is held again"
	);
	assert_eq!(case(&mut session, 0).hold, CaseHold::HeldBy(alice_ink));
	clear(&mut session, 0);
	let events = release(&mut session, 0);
	// Released: the case is closed, and Alice's hold is still hers.
	assert_eq!(holder(&mut session, shipment), Some(alice.clone()));
	assert!(steps(&events).contains(&(0, Step::Released(h(5)))));
	let no_release_by_contract = !events.iter().any(|record| {
		matches!(&record.event, RuntimeEvent::DrugTracking(pallet_drug_tracking::Event::HoldReleased { by, .. }) if *by == contract)
	});
	assert!(no_release_by_contract);
	assert_eq!(case(&mut session, 0).hold, CaseHold::HeldBy(ink_id(&alice)));
	assert_eq!(open_case(&mut session, shipment), None);
}

/// Issue 17, item 16: a case opened on a shipment someone else held already does not hold it
/// again, and leaves that hold in place when it is released.
#[test]
fn a_case_opened_on_an_existing_hold_leaves_it_to_its_placer() {
	let (mut session, _, shipment) = deployed(true);
	regulator_holds(&mut session, shipment);
	assert_eq!(report(&mut session, shipment, 9_000, "[CloneScan]"), Ok(Outcome::CaseOpened(0)));
	let no_hold_placed = !last_events(&session).iter().any(|record| {
		matches!(
			record.event,
			RuntimeEvent::DrugTracking(pallet_drug_tracking::Event::HoldPlaced { .. })
		)
	});
	assert!(no_hold_placed);
	let alice = Alice.to_account_id();
	assert_eq!(case(&mut session, 0).hold, CaseHold::HeldBy(ink_id(&alice)));
	let dismiss = format!("Dismiss({})", hash(6));
	assert_eq!(step(&mut session, &AliceStash.to_account_id(), &dismiss), Ok(CaseStatus::Cleared));
	assert_eq!(holder(&mut session, shipment), Some(alice));
}

/// Issue 17, item 16 (`NotHeld`): after a regulator lifted the hold, the release closes the
/// case without lifting anything, and takes note of the override.
#[test]
fn a_release_after_the_hold_was_lifted_closes_the_case() {
	let (mut session, contract, shipment) = deployed(true);
	assert_eq!(report(&mut session, shipment, 9_000, "[CloneScan]"), Ok(Outcome::CaseOpened(0)));
	clear(&mut session, 0);
	regulator_lifts(&mut session, shipment);
	let events = release(&mut session, 0);
	assert!(has(
		&events,
		pallet_drug_tracking::Event::HoldOverrideNoted {
			subject: HoldSubject::Shipment(shipment),
			placed_by: contract,
			by: Alice.to_account_id(),
		}
	));
	let alice = ink_id(&Alice.to_account_id());
	assert_eq!(case(&mut session, 0).hold, CaseHold::Lifted(alice));
	assert!(!held(&mut session, shipment));
	assert_eq!(receive(&mut session, shipment), Ok(()));
}

/// Issue 17, item 1: once the case took note of a regulator's override, the record keeps it
/// (the shipment, no longer held, was received meanwhile: nothing is held again).
#[test]
fn an_override_stays_on_the_case_once_noted() {
	let (mut session, _, shipment) = deployed(true);
	assert_eq!(report(&mut session, shipment, 9_000, "[CloneScan]"), Ok(Outcome::CaseOpened(0)));
	regulator_lifts(&mut session, shipment);
	assert_eq!(receive(&mut session, shipment), Ok(()));
	let alice = ink_id(&Alice.to_account_id());
	assert_eq!(report(&mut session, shipment, 9_100, "[CloneScan]"), Ok(Outcome::EvidenceAdded(0)));
	assert_eq!(
		steps(&last_events(&session)),
		vec![(0, Step::HoldLifted(alice)), (0, Step::EvidenceAdded)]
	);
	assert_eq!(report(&mut session, shipment, 9_200, "[CloneScan]"), Ok(Outcome::EvidenceAdded(0)));
	assert_eq!(steps(&last_events(&session)), vec![(0, Step::EvidenceAdded)]);
	assert_eq!(case(&mut session, 0).hold, CaseHold::Lifted(alice));
	assert!(!held(&mut session, shipment));
}

/// Issue 17, item 2: evidence on a cleared, unreleased case reopens it; once released, a
/// report opens a fresh case.
#[test]
fn evidence_after_a_clearance_reopens_the_case() {
	let (mut session, _, shipment) = deployed(true);
	assert_eq!(report(&mut session, shipment, 9_000, "[CloneScan]"), Ok(Outcome::CaseOpened(0)));
	clear(&mut session, 0);
	let approve = format!("ApproveRelease({})", hash(5));
	assert_eq!(step(&mut session, &AliceStash.to_account_id(), &approve), Ok(CaseStatus::Cleared));
	assert_eq!(stats(&mut session), ModelStats { raised: 1, cleared: 1, confirmed: 0 });

	let carrier = Eve.to_account_id();
	assert_eq!(telemetry(&mut session, &carrier, shipment, 45), Ok(Outcome::EvidenceAdded(0)));
	assert_eq!(steps(&last_events(&session)), vec![(0, Step::EvidenceAdded), (0, Step::Reopened)]);
	let reopened = case(&mut session, 0);
	assert_eq!(reopened.status, CaseStatus::Investigating);
	assert_eq!((reopened.finding, reopened.release_approval), (None, None));
	// Not a false positive any more, and the old approval cannot release it.
	assert_eq!(stats(&mut session), ModelStats { raised: 1, cleared: 0, confirmed: 0 });
	assert_eq!(step(&mut session, &Alice.to_account_id(), &approve), Err(Error::WrongStatus));
	assert!(held(&mut session, shipment));

	// Concluded again and released: the case is closed to evidence; a rule hit (never cooled
	// down) opens a fresh case.
	let cleared = format!("Conclude {{ legitimate: true, finding: {} }}", hash(4));
	assert_eq!(step(&mut session, &AliceStash.to_account_id(), &cleared), Ok(CaseStatus::Cleared));
	release(&mut session, 0);
	assert_eq!(
		step(&mut session, &AliceStash.to_account_id(), "Investigate"),
		Err(Error::AlreadyReleased)
	);
	assert_eq!(telemetry(&mut session, &carrier, shipment, 45), Ok(Outcome::CaseOpened(1)));
	assert_eq!(case(&mut session, 0).evidence.len(), 2);
}

/// Issue 17, item 2: an illegitimate finding carries a duty to notify; later evidence joins
/// the case but does not reopen it.
#[test]
fn evidence_after_an_illegitimate_finding_does_not_reopen_it() {
	let (mut session, _, shipment) = deployed(true);
	assert_eq!(report(&mut session, shipment, 9_000, "[CloneScan]"), Ok(Outcome::CaseOpened(0)));
	let auditor = AliceStash.to_account_id();
	assert_eq!(find_illegitimate(&mut session, 0, &auditor), Ok(CaseStatus::Illegitimate));
	assert_eq!(
		report(&mut session, shipment, 9_000, "[QuantityGap]"),
		Ok(Outcome::EvidenceAdded(0))
	);
	let found = case(&mut session, 0);
	assert_eq!(found.status, CaseStatus::Illegitimate);
	assert!(found.finding.is_some());
	assert_eq!(found.evidence.len(), 2);
}

/// Issue 17, item 3: a cleared model does not hold the same shipment again within the
/// cool-down unless its score rises by the margin; rule evidence always counts.
#[test]
fn a_cleared_model_is_cooled_down_on_that_shipment() {
	let (mut session, _, shipment) = deployed(true);
	assert_eq!(admin(&mut session, &settings(2 * HOUR, 500, 32)), Ok(()));
	assert_eq!(report(&mut session, shipment, 8_500, "[CloneScan]"), Ok(Outcome::CaseOpened(0)));
	assert_eq!(report(&mut session, shipment, 8_700, "[CloneScan]"), Ok(Outcome::EvidenceAdded(0)));
	let dismiss = format!("Dismiss({})", hash(6));
	assert_eq!(step(&mut session, &AliceStash.to_account_id(), &dismiss), Ok(CaseStatus::Cleared));
	let clearance: Option<shipment_holds::shipment_holds::Clearance> =
		read(&mut session, "clearance", &[shipment.to_string(), MODEL.to_string()]);
	assert_eq!(clearance.map(|c| (c.version, c.score)), Some((h(VERSION), 8_700)));

	// The same reasons, or new ones, at a score below 8 700 + 500: nothing.
	assert_eq!(report(&mut session, shipment, 9_000, "[QuantityGap]"), Ok(Outcome::CoolingDown));
	assert_eq!(report(&mut session, shipment, 9_199, "[CloneScan]"), Ok(Outcome::CoolingDown));
	assert!(!held(&mut session, shipment));
	// A new version of the model (another model file) is not cooled down by the old one's
	// clearance; once it is cleared, the cool-down is its own.
	assert_eq!(admin(&mut session, &model_change(MODEL, 0x50, THRESHOLD)), Ok(()));
	let oracle = CharlieStash.to_account_id();
	let v50 = (MODEL, 0x50);
	let new = report_by(&mut session, &oracle, shipment, v50, 9_000, "[CloneScan]");
	assert_eq!(new, Ok(Outcome::CaseOpened(1)));
	let dismiss_new = format!("Dismiss({})", hash(7));
	let auditor = AliceStash.to_account_id();
	assert_eq!(step_on(&mut session, 1, &auditor, &dismiss_new), Ok(CaseStatus::Cleared));
	// Another registered model's clearance does not end this one's cool-down.
	assert_eq!(admin(&mut session, &model_change(8, 0x60, THRESHOLD)), Ok(()));
	let other = report_by(&mut session, &oracle, shipment, (8, 0x60), 9_000, "[CloneScan]");
	assert_eq!(other, Ok(Outcome::CaseOpened(2)));
	let dismiss_other = format!("Dismiss({})", hash(8));
	assert_eq!(step_on(&mut session, 2, &auditor, &dismiss_other), Ok(CaseStatus::Cleared));
	let again = report_by(&mut session, &oracle, shipment, v50, 9_499, "[CloneScan]");
	assert_eq!(again, Ok(Outcome::CoolingDown));
	// A score up by the margin over the cleared case's highest counts.
	let higher = report_by(&mut session, &oracle, shipment, v50, 9_500, "[CloneScan]");
	assert_eq!(higher, Ok(Outcome::CaseOpened(3)));
	let dismiss_last = format!("Dismiss({})", hash(9));
	assert_eq!(step_on(&mut session, 3, &auditor, &dismiss_last), Ok(CaseStatus::Cleared));
	// So does the carrier's rule evidence, at once.
	assert_eq!(
		telemetry(&mut session, &Eve.to_account_id(), shipment, 45),
		Ok(Outcome::CaseOpened(4))
	);
	let dismiss_rules = format!("Dismiss({})", hash(10));
	assert_eq!(
		step_on(&mut session, 4, &AliceStash.to_account_id(), &dismiss_rules),
		Ok(CaseStatus::Cleared)
	);
	// And the model, once the cool-down is over.
	let cooled = report_by(&mut session, &oracle, shipment, v50, 9_500, "[CloneScan]");
	assert_eq!(cooled, Ok(Outcome::CoolingDown));
	session.sandbox().execute_with(|| {
		pallet_timestamp::Now::<Runtime>::mutate(|now| *now += 2 * HOUR);
	});
	let over = report_by(&mut session, &oracle, shipment, v50, 9_500, "[CloneScan]");
	assert_eq!(over, Ok(Outcome::CaseOpened(5)));
}

/// Issue 17, item 3: one oracle's reports have at most the configured number of cases open.
#[test]
fn an_oracle_has_at_most_its_cap_of_open_cases() {
	let (mut session, _, first) = deployed(true);
	assert_eq!(admin(&mut session, &settings(HOUR, 1_000, 1)), Ok(()));
	let second = ship(&mut session, "LOT-2");
	assert_eq!(report(&mut session, first, 9_000, "[CloneScan]"), Ok(Outcome::CaseOpened(0)));
	// More evidence on its open case is still taken; a second case is not.
	assert_eq!(report(&mut session, first, 9_000, "[CloneScan]"), Ok(Outcome::EvidenceAdded(0)));
	assert_eq!(report(&mut session, second, 9_000, "[CloneScan]"), Err(Error::TooManyOpenCases));
	assert!(!held(&mut session, second));
	// Withdrawing the oracle and authorising it again does not reset its count.
	let oracle = CharlieStash.to_account_id();
	assert_eq!(admin(&mut session, &oracle_change(&oracle, false)), Ok(()));
	assert_eq!(report(&mut session, second, 9_000, "[CloneScan]"), Err(Error::NotAnOracle));
	assert_eq!(admin(&mut session, &oracle_change(&oracle, true)), Ok(()));
	assert_eq!(report(&mut session, second, 9_000, "[CloneScan]"), Err(Error::TooManyOpenCases));
	// The carrier's rules are not the oracle's cap.
	assert_eq!(
		telemetry(&mut session, &Eve.to_account_id(), second, 45),
		Ok(Outcome::CaseOpened(1))
	);
	let third = ship(&mut session, "LOT-3");
	let dismiss = format!("Dismiss({})", hash(6));
	assert_eq!(step(&mut session, &AliceStash.to_account_id(), &dismiss), Ok(CaseStatus::Cleared));
	assert_eq!(report(&mut session, third, 9_000, "[CloneScan]"), Ok(Outcome::CaseOpened(2)));
}

/// Issue 17, item 3: an investigator dismisses a Suspect case as a false alarm in one step.
#[test]
fn an_investigator_dismisses_a_false_alarm_in_one_step() {
	let (mut session, contract, shipment) = deployed(true);
	assert_eq!(report(&mut session, shipment, 9_000, "[CloneScan]"), Ok(Outcome::CaseOpened(0)));
	let dismiss = format!("Dismiss({})", hash(6));
	assert_eq!(step(&mut session, &Dave.to_account_id(), &dismiss), Err(Error::NotAnInvestigator));
	let events = step_events(&mut session, 0, &AliceStash.to_account_id(), &dismiss);
	assert_eq!(case(&mut session, 0).status, CaseStatus::Cleared);
	assert!(has(
		&events,
		pallet_drug_tracking::Event::HoldReleased {
			subject: HoldSubject::Shipment(shipment),
			by: contract,
			resolution_hash: H256::repeat_byte(6),
		}
	));
	assert_eq!(steps(&events), vec![(0, Step::Released(h(6)))]);
	let dismissed = case(&mut session, 0);
	assert_eq!(dismissed.released.map(|(_, resolution)| resolution), Some(h(6)));
	assert_eq!(dismissed.finding.map(|f| f.finding), Some(h(6)));
	assert_eq!(stats(&mut session), ModelStats { raised: 1, cleared: 1, confirmed: 0 });
	assert_eq!(receive(&mut session, shipment), Ok(()));
	// Only a Suspect case is dismissed.
	let second = ship(&mut session, "LOT-2");
	assert_eq!(report(&mut session, second, 9_000, "[CloneScan]"), Ok(Outcome::CaseOpened(1)));
	let auditor = AliceStash.to_account_id();
	assert_eq!(
		step_on(&mut session, 1, &auditor, "ConfirmQuarantine"),
		Ok(CaseStatus::Quarantined)
	);
	assert_eq!(step_on(&mut session, 1, &auditor, &dismiss), Err(Error::WrongStatus));
}

#[test]
fn a_release_needs_two_different_signers_one_an_auditor() {
	let (mut session, contract, shipment) = deployed(true);
	assert_eq!(report(&mut session, shipment, 9_000, "[CloneScan]"), Ok(Outcome::CaseOpened(0)));
	let auditor = AliceStash.to_account_id();
	let regulator = Alice.to_account_id();
	let release = |hash_byte| format!("ApproveRelease({})", hash(hash_byte));
	// Steps in order, by those allowed.
	assert_eq!(step(&mut session, &auditor, "Investigate"), Err(Error::WrongStatus));
	assert_eq!(
		step(&mut session, &Bob.to_account_id(), "ConfirmQuarantine"),
		Err(Error::NotInvolved)
	);
	assert_eq!(
		step(&mut session, &Dave.to_account_id(), "ConfirmQuarantine"),
		Ok(CaseStatus::Quarantined)
	);
	assert_eq!(
		step(&mut session, &Dave.to_account_id(), "Investigate"),
		Err(Error::NotAnInvestigator)
	);
	assert_eq!(step(&mut session, &auditor, "Investigate"), Ok(CaseStatus::Investigating));
	assert_eq!(step(&mut session, &auditor, &release(5)), Err(Error::WrongStatus));
	let cleared = format!("Conclude {{ legitimate: true, finding: {} }}", hash(4));
	assert_eq!(step(&mut session, &auditor, &cleared), Ok(CaseStatus::Cleared));

	// The first signature releases nothing; the same signer twice, or a different
	// resolution, is refused.
	assert_eq!(step(&mut session, &auditor, &release(5)), Ok(CaseStatus::Cleared));
	assert!(held(&mut session, shipment));
	assert_eq!(step(&mut session, &auditor, &release(5)), Err(Error::SameSigner));
	assert_eq!(step(&mut session, &regulator, &release(6)), Err(Error::ResolutionMismatch));
	// The second signature, taken without `step` so its own events are the last ones.
	session.set_actor(regulator);
	let second = answer::<()>(&mut session, "advance_case", &["0".into(), release(5)]);
	assert_eq!(second, Ok(()));
	assert!(!held(&mut session, shipment));
	assert!(has(
		&last_events(&session),
		pallet_drug_tracking::Event::HoldReleased {
			subject: HoldSubject::Shipment(shipment),
			by: contract.clone(),
			resolution_hash: H256::repeat_byte(5),
		}
	));
	let closed = case(&mut session, 0);
	assert_eq!(closed.status, CaseStatus::Cleared);
	assert_eq!(closed.hold, CaseHold::NotHeld);
	assert_eq!(closed.released.map(|(_, resolution)| resolution), Some(h(5)));
	assert_eq!(step(&mut session, &auditor, &release(5)), Err(Error::AlreadyReleased));
	// Released: it moves again, and the model's false positive is counted.
	assert_eq!(receive(&mut session, shipment), Ok(()));
	assert_eq!(stats(&mut session), ModelStats { raised: 1, cleared: 1, confirmed: 0 });
}

/// Issue 17, items 6 and 16: the first approval can be withdrawn before the second
/// signature; two regulators alone cannot release (`NeedsAnAuditor`).
#[test]
fn a_first_approval_can_be_withdrawn_and_two_regulators_need_an_auditor() {
	let (mut session, _, shipment) = deployed(true);
	assert_eq!(report(&mut session, shipment, 9_000, "[CloneScan]"), Ok(Outcome::CaseOpened(0)));
	clear(&mut session, 0);
	let approve = format!("ApproveRelease({})", hash(5));
	let regulator = Alice.to_account_id();
	let auditor = AliceStash.to_account_id();
	assert_eq!(step(&mut session, &auditor, &approve), Ok(CaseStatus::Cleared));
	assert_eq!(step(&mut session, &regulator, "WithdrawApproval"), Err(Error::NotTheSigner));
	assert_eq!(step(&mut session, &auditor, "WithdrawApproval"), Ok(CaseStatus::Cleared));
	assert_eq!(case(&mut session, 0).release_approval, None);
	assert_eq!(step(&mut session, &auditor, "WithdrawApproval"), Err(Error::NotTheSigner));
	// With the approval gone, the regulator's signature is a first one, not a release.
	let second_regulator = EveStash.to_account_id();
	register(&mut session, &second_regulator, vec![Role::Regulator]);
	assert_eq!(step(&mut session, &regulator, &approve), Ok(CaseStatus::Cleared));
	assert!(held(&mut session, shipment));
	assert_eq!(step(&mut session, &second_regulator, &approve), Err(Error::NeedsAnAuditor));
	assert_eq!(step(&mut session, &auditor, &approve), Ok(CaseStatus::Cleared));
	assert!(!held(&mut session, shipment));
}

/// Issue 17, item 5: only the regulator or its delegate acknowledges the notice of an
/// illegitimate finding; overdue cases stay listed until then.
#[test]
fn only_the_regulator_or_its_delegate_acknowledges_a_notice() {
	let (mut session, _, shipment) = deployed(true);
	assert_eq!(report(&mut session, shipment, 9_000, "[CloneScan]"), Ok(Outcome::CaseOpened(0)));
	let auditor = AliceStash.to_account_id();
	assert_eq!(find_illegitimate(&mut session, 0, &auditor), Ok(CaseStatus::Illegitimate));
	let concluded = session.sandbox().execute_with(pallet_timestamp::Now::<Runtime>::get);
	let deadline = concluded + 24 * HOUR;
	let found = case(&mut session, 0).finding.expect("a finding");
	assert_eq!((found.at, found.finding, found.by), (concluded, h(4), ink_id(&auditor)));
	let overdue = |session: &mut Session<MedChainSandbox>| -> (Vec<(CaseId, u64)>, Option<CaseId>) {
		read(session, "overdue_cases", &["0".to_string()])
	};
	assert_eq!(overdue(&mut session), (vec![], None));
	// Not released before the regulator acknowledges.
	let release = format!("ApproveRelease({})", hash(5));
	assert_eq!(step(&mut session, &auditor, &release), Err(Error::NotNotified));
	// A day and a millisecond later it is overdue.
	session.sandbox().execute_with(|| pallet_timestamp::Now::<Runtime>::put(deadline + 1));
	assert_eq!(overdue(&mut session), (vec![(0, deadline)], None));
	// The shipment's sender and receiver, and the auditor, cannot acknowledge it.
	let notice = format!("AcknowledgeNotice({})", hash(7));
	for who in [Charlie.to_account_id(), Dave.to_account_id(), auditor.clone()] {
		assert_eq!(step(&mut session, &who, &notice), Err(Error::NotTheRegulatorOrDelegate));
	}
	// A delegate the regulator appointed can; only the regulator appoints.
	let delegate = Bob.to_account_id();
	session.set_actor(delegate.clone());
	let refused: Result<(), Error> =
		answer(&mut session, "delegate", &[ss58(&delegate), "true".into()]);
	assert_eq!(refused, Err(Error::NotTheRegulator));
	session.set_actor(Alice.to_account_id());
	let appointed: Result<(), Error> =
		answer(&mut session, "delegate", &[ss58(&delegate), "true".into()]);
	assert_eq!(appointed, Ok(()));
	assert_eq!(step(&mut session, &delegate, &notice), Ok(CaseStatus::Illegitimate));
	assert_eq!(overdue(&mut session), (vec![], None));
	assert_eq!(case(&mut session, 0).notified, Some((deadline + 1, h(7))));
	assert_eq!(step(&mut session, &Alice.to_account_id(), &notice), Err(Error::AlreadyNotified));
	// Acknowledged, it can be released (to be destroyed or returned) by two signers.
	assert_eq!(step(&mut session, &auditor, &release), Ok(CaseStatus::Illegitimate));
	assert_eq!(step(&mut session, &Alice.to_account_id(), &release), Ok(CaseStatus::Illegitimate));
	assert!(!held(&mut session, shipment));
	assert_eq!(stats(&mut session), ModelStats { raised: 1, cleared: 0, confirmed: 1 });
}

/// Issue 17, item 5: one investigator's findings awaiting acknowledgement are bounded, and
/// reaching the bound blocks only that investigator.
#[test]
fn one_investigators_backlog_does_not_block_another() {
	let (mut session, _, _) = deployed(true);
	let auditor = AliceStash.to_account_id();
	let carrier = Eve.to_account_id();
	for n in 0..=16u64 {
		let shipment = ship(&mut session, &format!("LOT-B{n}"));
		assert_eq!(telemetry(&mut session, &carrier, shipment, 45), Ok(Outcome::CaseOpened(n)));
		let found = find_illegitimate(&mut session, n, &auditor);
		if n < 16 {
			assert_eq!(found, Ok(CaseStatus::Illegitimate));
		} else {
			assert_eq!(found, Err(Error::TooManyAwaitingNotice));
		}
	}
	// Another investigator still concludes.
	let illegitimate = format!("Conclude {{ legitimate: false, finding: {} }}", hash(4));
	let regulator = Alice.to_account_id();
	assert_eq!(step_on(&mut session, 16, &regulator, &illegitimate), Ok(CaseStatus::Illegitimate));
	// The deadlines page by case number, and each acknowledgement frees a place.
	session.sandbox().execute_with(|| {
		pallet_timestamp::Now::<Runtime>::mutate(|now| *now += 25 * HOUR);
	});
	let (late, next): (Vec<(CaseId, u64)>, Option<CaseId>) =
		read(&mut session, "overdue_cases", &["0".to_string()]);
	assert_eq!((late.len(), next), (17, None));
	let (late, _): (Vec<(CaseId, u64)>, Option<CaseId>) =
		read(&mut session, "overdue_cases", &["10".to_string()]);
	assert_eq!(late.first().map(|(case, _)| *case), Some(10));
	let notice = format!("AcknowledgeNotice({})", hash(7));
	assert_eq!(step_on(&mut session, 0, &regulator, &notice), Ok(CaseStatus::Illegitimate));
	let shipment = ship(&mut session, "LOT-C");
	assert_eq!(telemetry(&mut session, &carrier, shipment, 45), Ok(Outcome::CaseOpened(17)));
	assert_eq!(find_illegitimate(&mut session, 17, &auditor), Ok(CaseStatus::Illegitimate));
}

/// Issue 17, item 6: the admin hands over in two steps; the regulator changes only with the
/// admin's proposal and the current regulator's acceptance.
#[test]
fn admin_and_regulator_change_hands_in_two_steps() {
	let (mut session, _, _) = deployed(true);
	let config = |session: &mut Session<MedChainSandbox>| {
		let (admin, regulator, _, pending, _): (
			ink::primitives::AccountId,
			ink::primitives::AccountId,
			Settings,
			Pending,
			u32,
		) = read(session, "config", &[]);
		(admin, regulator, pending)
	};
	let bob = Bob.to_account_id();
	assert_eq!(admin(&mut session, &format!("ProposeAdmin({})", ss58(&bob))), Ok(()));
	let (still, _, pending) = config(&mut session);
	assert_eq!((still, pending.admin), (ink_id(&Alice.to_account_id()), Some(ink_id(&bob))));
	// Only the proposed account accepts, and only what was proposed.
	session.set_actor(Charlie.to_account_id());
	let refused: Result<(), Error> =
		answer(&mut session, "accept", &[format!("Admin({})", ss58(&bob))]);
	assert_eq!(refused, Err(Error::NotProposed));
	session.set_actor(bob.clone());
	let wrong: Result<(), Error> =
		answer(&mut session, "accept", &[format!("Admin({})", ss58(&Charlie.to_account_id()))]);
	assert_eq!(wrong, Err(Error::NotProposed));
	let accepted: Result<(), Error> =
		answer(&mut session, "accept", &[format!("Admin({})", ss58(&bob))]);
	assert_eq!(accepted, Ok(()));
	let (now, _, pending) = config(&mut session);
	assert_eq!((now, pending.admin), (ink_id(&bob), None));
	assert_eq!(admin(&mut session, &settings(0, 0, 1)), Err(Error::NotAdmin));

	// The regulator: Bob (admin now) proposes Alice//stash; Alice (the regulator) accepts.
	let next = AliceStash.to_account_id();
	session.set_actor(bob.clone());
	let proposed: Result<(), Error> =
		answer(&mut session, "administer", &[format!("ProposeRegulator({})", ss58(&next))]);
	assert_eq!(proposed, Ok(()));
	for who in [bob.clone(), next.clone()] {
		session.set_actor(who);
		let refused: Result<(), Error> =
			answer(&mut session, "accept", &[format!("Regulator({})", ss58(&next))]);
		assert_eq!(refused, Err(Error::NotTheRegulator));
	}
	session.set_actor(Alice.to_account_id());
	let handed: Result<(), Error> =
		answer(&mut session, "accept", &[format!("Regulator({})", ss58(&next))]);
	assert_eq!(handed, Ok(()));
	let (_, regulator, pending) = config(&mut session);
	assert_eq!((regulator, pending.regulator), (ink_id(&next), None));
}

/// Issue 17, item 16: a hold the pallet refuses for a reason the contract cannot act on
/// (here: it cannot pay the hold's deposit) is `HoldRefused`; a shipment no longer in transit
/// is `NotInTransit`. Either way nothing is stored.
#[test]
fn refused_holds_are_named_and_store_nothing() {
	let (mut session, contract, shipment) = deployed(true);
	fund(&mut session, &contract, medchain_runtime::EXISTENTIAL_DEPOSIT);
	assert_eq!(report(&mut session, shipment, 9_000, "[CloneScan]"), Err(Error::HoldRefused));
	assert_eq!(open_case(&mut session, shipment), None);
	assert!(!held(&mut session, shipment));
	fund(&mut session, &contract, 100 * medchain_runtime::UNIT);
	assert_eq!(receive(&mut session, shipment), Ok(()));
	assert_eq!(report(&mut session, shipment, 9_000, "[CloneScan]"), Err(Error::NotInTransit));
	assert_eq!(open_case(&mut session, shipment), None);
	assert_eq!(stats(&mut session), ModelStats::default());
}

#[test]
fn the_pallet_refuses_holds_from_a_contract_that_is_not_a_hold_authority() {
	let (mut session, _, shipment) = deployed(false);
	assert_eq!(report(&mut session, shipment, 9_000, "[CloneScan]"), Err(Error::NotAHoldAuthority));
	// The call reverted: no hold, no case.
	assert!(!held(&mut session, shipment));
	assert_eq!(open_case(&mut session, shipment), None);
}
