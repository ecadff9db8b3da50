//! shipment-holds on the real runtime: the real drug-tracking pallet and participant registry
//! behind the real chain extension, through drink!. The contract is the `.contract` bundle
//! cargo-contract built (path in `SHIPMENT_HOLDS`, which `scripts/test.sh` sets).
//!
//! Dev roles: Alice regulator (and the contract's admin and notified regulator), Alice//stash
//! auditor, Bob hospital, Charlie manufacturer, Charlie//stash anomaly oracle, Dave
//! wholesaler, Eve carrier.

use drink::{
	pallet_contracts,
	session::{bundle::ContractBundle, error::SessionError, Session},
	AccountId32, Sandbox, Ss58Codec,
};
use medchain_drink_tests::MedChainSandbox;
use medchain_primitives::{
	holds::{ReasonCode, MAX_SCORE},
	participants::Role,
	tracking::{HoldSubject, TemperatureRange},
};
use medchain_runtime::{Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin};
use pallet_drug_tracking::{DosageForm, PackId, ShipmentLine};
use parity_scale_codec::{Decode, Encode};
use shipment_holds::shipment_holds::{
	CaseId, CaseStatus, Error, ModelStats, Outcome, Source, Stakeholder,
};
use sp_core::H256;
use sp_keyring::Sr25519Keyring::{Alice, AliceStash, Bob, Charlie, CharlieStash, Dave, Eve};
use sp_runtime::{traits::Dispatchable, DispatchError};

const HOUR: u64 = 60 * 60 * 1000;
/// GS1's example GTIN-14.
const GTIN: u64 = 10_614_141_000_415;
const COLD: TemperatureRange = TemperatureRange { min: 20, max: 80 };
const MODEL: u32 = 7;

fn ss58(who: &AccountId32) -> String {
	who.to_ss58check()
}

fn hash(byte: u8) -> String {
	format!("0x{}", format!("{byte:02x}").repeat(32))
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

fn dispatch(session: &mut Session<MedChainSandbox>, who: AccountId32, call: RuntimeCall) {
	session.sandbox().execute_with(|| {
		call.dispatch(RuntimeOrigin::signed(who)).expect("the pallet call succeeds");
	});
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
/// authority if `authority`, Charlie//stash authorised as an oracle, and one shipment in
/// transit. Returns the session, the contract's account and the shipment.
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
		session.sandbox().execute_with(|| {
			RuntimeCall::Participants(pallet_participants::Call::register {
				who: contract.clone(),
				roles: vec![Role::HoldAuthority].try_into().unwrap(),
				gln: None,
				name_hash: H256::repeat_byte(0x48),
			})
			.dispatch(RuntimeOrigin::root())
			.expect("governance registers the contract");
			// A hold authority pays the deposits of its holds: 100 MED, as on the dev chain.
			RuntimeCall::Balances(pallet_balances::Call::force_set_balance {
				who: contract.clone().into(),
				new_free: 100 * medchain_runtime::UNIT,
			})
			.dispatch(RuntimeOrigin::root())
			.expect("root sets a balance");
		});
	}
	let set: Result<(), Error> = session
		.call("administer", &[oracle_change(&CharlieStash.to_account_id(), true)], None)
		.expect("the call runs")
		.expect("no LangError");
	set.expect("Charlie//stash is an anomaly oracle");
	let shipment = ship(&mut session, "LOT-1");
	(session, contract, shipment)
}

/// The admin's change to these thresholds with the default rules, as polkadot.js writes it.
fn settings(thresholds: [u16; 5]) -> String {
	format!(
		"Settings(Settings {{ thresholds: {thresholds:?}, rules: Rules {{ max_excursion_minutes: Some(30), max_transit_percent: Some(150), quantity_tolerance: Some(0), max_route_deviation_km: Some(50), clone_scan: true, recalled_in_transit: true }} }})"
	)
}

/// The admin's change authorising (or withdrawing) an oracle.
fn oracle_change(oracle: &AccountId32, authorised: bool) -> String {
	format!("Oracle({}, {authorised})", ss58(oracle))
}

fn report(
	session: &mut Session<MedChainSandbox>,
	shipment: u64,
	score: u16,
	reasons: &str,
) -> Result<Outcome, Error> {
	session.set_actor(CharlieStash.to_account_id());
	let args = [
		shipment.to_string(),
		score.to_string(),
		MODEL.to_string(),
		"3".into(),
		hash(0xee),
		reasons.into(),
	];
	answer(session, "report_anomaly", &args)
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

/// `who` takes case 0 one `step` further (a `CaseStep`, as polkadot.js would write it);
/// the case's status after it.
fn step(
	session: &mut Session<MedChainSandbox>,
	who: &AccountId32,
	step: &str,
) -> Result<CaseStatus, Error> {
	session.set_actor(who.clone());
	answer::<()>(session, "advance_case", &["0".to_string(), step.to_string()])?;
	Ok(case(session, 0).status)
}

fn case(
	session: &mut Session<MedChainSandbox>,
	id: CaseId,
) -> shipment_holds::shipment_holds::Case {
	let found: Option<shipment_holds::shipment_holds::Case> =
		session.call("case", &[id.to_string()], None).unwrap().unwrap();
	found.expect("the case exists")
}

fn held(session: &mut Session<MedChainSandbox>, shipment: u64) -> bool {
	session.sandbox().execute_with(|| {
		pallet_drug_tracking::Holds::<Runtime>::contains_key(HoldSubject::Shipment(shipment))
	})
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
fn last_events(
	session: &Session<MedChainSandbox>,
) -> Vec<frame_system::EventRecord<RuntimeEvent, H256>> {
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

fn topic(who: &AccountId32) -> H256 {
	H256(*who.as_ref())
}

#[test]
fn a_report_at_the_threshold_holds_the_shipment_in_the_same_call() {
	let (mut session, contract, shipment) = deployed(true);
	let outcome = report(&mut session, shipment, 8_000, "[CloneScan, QuantityGap]");
	let gas = session.record().last_call_result().gas_consumed;
	assert_eq!(outcome, Ok(Outcome::CaseOpened(0)));

	// The pallet's hold and the contract's events come from that one contract call.
	let events = last_events(&session);
	let hold_placed = events.iter().any(|record| {
		record.event
			== RuntimeEvent::DrugTracking(pallet_drug_tracking::Event::HoldPlaced {
				subject: HoldSubject::Shipment(shipment),
				by: contract.clone(),
				// The evidence the oracle reported is the hold's reason.
				reason_hash: H256::repeat_byte(0xee),
			})
	});
	assert!(hold_placed, "HoldPlaced by the contract in the report's own events");
	assert!(held(&mut session, shipment));

	// One notice per stakeholder, each with the stakeholder as its first topic.
	let notices: Vec<(Stakeholder, H256)> = emitted(&events)
		.into_iter()
		.filter_map(|(data, topics)| {
			// A HoldNotice: to, shipment, case, role.
			let (_, _, case, role) =
				<([u8; 32], u64, CaseId, Stakeholder)>::decode(&mut &data[..]).ok()?;
			(data.len() == 49 && case == 0).then(|| (role, topics[1]))
		})
		.collect();
	assert_eq!(
		notices,
		vec![
			(Stakeholder::Sender, topic(&Charlie.to_account_id())),
			(Stakeholder::Receiver, topic(&Dave.to_account_id())),
			(Stakeholder::Regulator, topic(&Alice.to_account_id())),
			(Stakeholder::Manufacturer, topic(&Charlie.to_account_id())),
		]
	);

	// The case explains the hold: model, version, score, threshold, evidence, reasons.
	let opened = case(&mut session, 0);
	assert_eq!(opened.status, CaseStatus::Suspect);
	assert!(opened.hold_placed);
	assert_eq!(
		opened.raised_by,
		Source::Model { model_id: MODEL, model_version: 3, score: 8_000, threshold: 8_000 }
	);
	let evidence = &opened.evidence[0];
	assert_eq!(evidence.reasons, vec![ReasonCode::CloneScan, ReasonCode::QuantityGap]);
	assert_eq!(evidence.evidence_hash, [0xee; 32].into());
	assert_eq!(evidence.reporter.encode(), CharlieStash.to_account_id().encode());

	// Held: it cannot be received.
	let refused = receive(&mut session, shipment).expect_err("a held shipment is not received");
	assert!(format!("{refused:?}").contains("OnHold"), "{refused:?}");
	println!("gas of report_anomaly with the hold: {gas:?}");
}

#[test]
fn a_report_below_the_threshold_changes_nothing() {
	let (mut session, _, shipment) = deployed(true);
	assert_eq!(report(&mut session, shipment, 7_999, "[CloneScan]"), Ok(Outcome::NoAction));
	assert!(!held(&mut session, shipment));
	let none: Option<CaseId> =
		session.call("open_case", &[shipment.to_string()], None).unwrap().unwrap();
	assert_eq!(none, None);
	// The lowest threshold among the reasons' categories is the one in force.
	session.set_actor(Alice.to_account_id());
	let skimming = settings([8_000, 8_000, 5_000, 8_000, 8_000]);
	let set: Result<(), Error> = session.call("administer", &[skimming], None).unwrap().unwrap();
	assert_eq!(set, Ok(()));
	assert_eq!(report(&mut session, shipment, 6_000, "[CloneScan]"), Ok(Outcome::NoAction));
	assert_eq!(
		report(&mut session, shipment, 6_000, "[CloneScan, QuantityGap]"),
		Ok(Outcome::CaseOpened(0))
	);
	assert!(matches!(case(&mut session, 0).raised_by, Source::Model { threshold: 5_000, .. }));
}

#[test]
fn unauthorised_reporters_and_bad_reports_are_refused() {
	let (mut session, _, shipment) = deployed(true);
	// Bob is no oracle, authorised or registered.
	session.set_actor(Bob.to_account_id());
	let refused: Error = session
		.call_and_expect_error(
			"report_anomaly",
			&[
				shipment.to_string(),
				"9000".into(),
				"1".into(),
				"1".into(),
				hash(1),
				"[CloneScan]".into(),
			],
			None,
		)
		.unwrap();
	assert_eq!(refused, Error::NotAnOracle);
	// Only the admin configures, and only anomaly oracles can be authorised.
	let lower = settings([100; 5]);
	let refused: Error = session.call_and_expect_error("administer", &[lower], None).unwrap();
	assert_eq!(refused, Error::NotAdmin);
	session.set_actor(Alice.to_account_id());
	let refused: Error = session
		.call_and_expect_error("administer", &[oracle_change(&Bob.to_account_id(), true)], None)
		.unwrap();
	assert_eq!(refused, Error::NotAnOracle);
	let too_high = settings([10_001, 8_000, 8_000, 8_000, 8_000]);
	let refused: Error = session.call_and_expect_error("administer", &[too_high], None).unwrap();
	assert_eq!(refused, Error::InvalidThreshold);
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
	session.set_actor(Alice.to_account_id());
	let _: Result<(), Error> = session
		.call("administer", &[oracle_change(&CharlieStash.to_account_id(), false)], None)
		.unwrap()
		.unwrap();
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
	assert_eq!(opened.raised_by, Source::Rules);
	assert_eq!(opened.evidence[0].reasons, vec![ReasonCode::TemperatureExcursion]);
	assert_eq!(opened.evidence[0].evidence_hash, [0x10; 32].into());

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

#[test]
fn duplicate_reports_add_evidence_not_holds() {
	let (mut session, _, shipment) = deployed(true);
	assert_eq!(report(&mut session, shipment, 9_000, "[CloneScan]"), Ok(Outcome::CaseOpened(0)));
	assert_eq!(report(&mut session, shipment, 9_500, "[CloneScan]"), Ok(Outcome::EvidenceAdded(0)));
	let no_second_hold = !last_events(&session).iter().any(|record| {
		matches!(
			record.event,
			RuntimeEvent::DrugTracking(pallet_drug_tracking::Event::HoldPlaced { .. })
		)
	});
	assert!(no_second_hold);
	assert_eq!(
		telemetry(&mut session, &Eve.to_account_id(), shipment, 60),
		Ok(Outcome::EvidenceAdded(0))
	);
	let evidence = case(&mut session, 0).evidence;
	assert_eq!(evidence.len(), 3);
	// The carrier's rule hit joins the model's case: reporter and rule recorded.
	assert_eq!(evidence[2].reporter.encode(), Eve.to_account_id().encode());
	assert_eq!(evidence[2].reasons, vec![ReasonCode::TemperatureExcursion]);
	// A model's record counts the case once.
	let stats: ModelStats =
		session.call("model_stats", &[MODEL.to_string()], None).unwrap().unwrap();
	assert_eq!(stats, ModelStats { raised: 1, cleared: 0, confirmed: 0 });
	// Evidence is bounded.
	for _ in 3..8 {
		assert!(report(&mut session, shipment, 9_000, "[CloneScan]").is_ok());
	}
	assert_eq!(report(&mut session, shipment, 9_000, "[CloneScan]"), Err(Error::EvidenceFull));
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
	assert!(last_events(&session).iter().any(|record| {
		record.event
			== RuntimeEvent::DrugTracking(pallet_drug_tracking::Event::HoldReleased {
				subject: HoldSubject::Shipment(shipment),
				by: contract.clone(),
				resolution_hash: H256::repeat_byte(5),
			})
	}));
	let closed = case(&mut session, 0);
	assert_eq!(closed.status, CaseStatus::Cleared);
	assert_eq!(closed.released.map(|(_, resolution)| resolution), Some([5; 32].into()));
	assert_eq!(step(&mut session, &auditor, &release(5)), Err(Error::AlreadyReleased));
	// Released: it moves again, and the model's false positive is counted.
	assert_eq!(receive(&mut session, shipment), Ok(()));
	let stats: ModelStats =
		session.call("model_stats", &[MODEL.to_string()], None).unwrap().unwrap();
	assert_eq!(stats, ModelStats { raised: 1, cleared: 1, confirmed: 0 });
}

#[test]
fn an_illegitimate_finding_must_be_notified_within_24_hours() {
	let (mut session, _, shipment) = deployed(true);
	assert_eq!(report(&mut session, shipment, 9_000, "[CloneScan]"), Ok(Outcome::CaseOpened(0)));
	let auditor = AliceStash.to_account_id();
	assert_eq!(step(&mut session, &auditor, "ConfirmQuarantine"), Ok(CaseStatus::Quarantined));
	assert_eq!(step(&mut session, &auditor, "Investigate"), Ok(CaseStatus::Investigating));
	let illegitimate = format!("Conclude {{ legitimate: false, finding: {} }}", hash(4));
	assert_eq!(step(&mut session, &auditor, &illegitimate), Ok(CaseStatus::Illegitimate));
	let concluded = session.sandbox().execute_with(pallet_timestamp::Now::<Runtime>::get);
	let deadline = concluded + 24 * HOUR;
	assert_eq!(case(&mut session, 0).finding, Some((concluded, [4; 32].into())));
	let overdue = |session: &mut Session<MedChainSandbox>| -> Vec<(CaseId, u64)> {
		session.call("overdue_cases", &[] as &[String], None).unwrap().unwrap()
	};
	assert_eq!(overdue(&mut session), vec![]);
	// Not released before the regulator is notified.
	let release = format!("ApproveRelease({})", hash(5));
	assert_eq!(step(&mut session, &auditor, &release), Err(Error::NotNotified));
	// A day and a millisecond later it is overdue.
	session.sandbox().execute_with(|| pallet_timestamp::Now::<Runtime>::put(deadline + 1));
	assert_eq!(overdue(&mut session), vec![(0, deadline)]);
	let notify = format!("RecordNotification({})", hash(7));
	assert_eq!(step(&mut session, &Bob.to_account_id(), &notify), Err(Error::NotInvolved));
	assert_eq!(step(&mut session, &Charlie.to_account_id(), &notify), Ok(CaseStatus::Illegitimate));
	assert_eq!(overdue(&mut session), vec![]);
	assert_eq!(case(&mut session, 0).notified, Some((deadline + 1, [7; 32].into())));
	assert_eq!(step(&mut session, &auditor, &notify), Err(Error::AlreadyNotified));
	// Notified, it can be released (to be destroyed or returned) by two signers.
	assert_eq!(step(&mut session, &auditor, &release), Ok(CaseStatus::Illegitimate));
	assert_eq!(step(&mut session, &Alice.to_account_id(), &release), Ok(CaseStatus::Illegitimate));
	assert!(!held(&mut session, shipment));
	let stats: ModelStats =
		session.call("model_stats", &[MODEL.to_string()], None).unwrap().unwrap();
	assert_eq!(stats, ModelStats { raised: 1, cleared: 0, confirmed: 1 });
}

#[test]
fn the_pallet_refuses_holds_from_a_contract_that_is_not_a_hold_authority() {
	let (mut session, _, shipment) = deployed(false);
	assert_eq!(report(&mut session, shipment, 9_000, "[CloneScan]"), Err(Error::NotAHoldAuthority));
	// The call reverted: no hold, no case.
	assert!(!held(&mut session, shipment));
	let none: Option<CaseId> =
		session.call("open_case", &[shipment.to_string()], None).unwrap().unwrap();
	assert_eq!(none, None);
}
