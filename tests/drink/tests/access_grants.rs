//! access-grants on the real runtime: the real consent pallet and participant registry behind
//! the real chain extension, through drink!. The contract is the `.contract` bundle
//! cargo-contract built (path in `ACCESS_GRANTS`, which `scripts/test.sh` sets).

use access_grants::access_grants::{AccessOutcome, Error, Refusal};
use drink::{
	pallet_contracts,
	session::{bundle::ContractBundle, Session, NO_ARGS},
	AccountId32, Sandbox, Ss58Codec,
};
use medchain_drink_tests::{MedChainSandbox, GENESIS_TIME};
use medchain_primitives::consent::{DataClass, Denial, Purpose};
use medchain_runtime::{Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin};
use parity_scale_codec::Decode;
use sp_keyring::Sr25519Keyring::{Bob, BobStash, Charlie, DaveStash, EveStash};
use sp_runtime::traits::Dispatchable;

const DAY: u64 = 24 * 60 * 60 * 1000;

fn ss58(who: &AccountId32) -> String {
	who.to_ss58check()
}

/// A session with access-grants deployed by Bob (a hospital) and a Genomics record of Eve's
/// stash registered; returns it and the record number.
fn deployed() -> (Session<MedChainSandbox>, u64) {
	let path = std::env::var("ACCESS_GRANTS")
		.expect("ACCESS_GRANTS names the access_grants.contract bundle (scripts/test.sh sets it)");
	let bundle = ContractBundle::load(path).expect("the bundle loads");
	let mut session = Session::<MedChainSandbox>::default().with_actor(Bob.to_account_id());
	session.deploy_bundle(bundle, "new", NO_ARGS, vec![], None).expect("it deploys");
	let record: Result<u64, Error> = session
		.call(
			"register_record",
			&[ss58(&EveStash.to_account_id()), "Genomics".into(), format!("0x{}", "ab".repeat(32))],
			None,
		)
		.expect("the call runs")
		.expect("no LangError");
	(session, record.expect("Bob is a hospital"))
}

fn terms(expires_at: u64, max_uses: u32, depth: u8) -> String {
	format!("Terms {{ expires_at: {expires_at}, max_uses: {max_uses}, reshare_depth: {depth}, envelope: Some(0x0102) }}")
}

fn grant(
	session: &mut Session<MedChainSandbox>,
	to: &AccountId32,
	record: u64,
	uses: u32,
	depth: u8,
) -> u64 {
	session.set_actor(EveStash.to_account_id());
	let granted: Result<u64, Error> = session
		.call(
			"grant",
			&[
				ss58(to),
				format!("[{record}]"),
				"HRESCH".into(),
				terms(GENESIS_TIME + DAY, uses, depth),
			],
			None,
		)
		.expect("the call runs")
		.expect("no LangError");
	granted.expect("Eve grants her own record")
}

fn access(
	session: &mut Session<MedChainSandbox>,
	who: &AccountId32,
	grant: u64,
	record: u64,
	purpose: &str,
) -> AccessOutcome {
	session.set_actor(who.clone());
	let outcome: Result<AccessOutcome, Error> = session
		.call("access", &[grant.to_string(), record.to_string(), purpose.into()], None)
		.expect("the call runs")
		.expect("no LangError");
	outcome.expect("access answers")
}

/// Eve consents in the pallet: researchers may use her genomics for research. Returns the
/// consent number.
fn consent_to_research(session: &mut Session<MedChainSandbox>) -> u64 {
	session.sandbox().execute_with(|| {
		let id = pallet_consent::NextConsentId::<Runtime>::get();
		let provision = pallet_consent::Provision {
			kind: pallet_consent::ProvisionType::Permit,
			rule: pallet_consent::Rule {
				purposes: vec![Purpose::HRESCH].try_into().unwrap(),
				data_classes: vec![DataClass::Genomics].try_into().unwrap(),
				actions: Default::default(),
				data_period: None,
			},
			exceptions: Default::default(),
		};
		RuntimeCall::Consent(pallet_consent::Call::grant_consent {
			patient: EveStash.to_account_id(),
			grantee: pallet_consent::Grantee::Role(
				medchain_primitives::participants::Role::Researcher,
			),
			provisions: vec![provision].try_into().unwrap(),
			starts_at: None,
			ends: pallet_consent::Ends::AfterDays(30),
			policy: None,
		})
		.dispatch(RuntimeOrigin::signed(EveStash.to_account_id()))
		.expect("Eve consents");
		id
	})
}

fn contract_events(session: &Session<MedChainSandbox>) -> Vec<Vec<u8>> {
	session
		.record()
		.last_event_batch()
		.all_events()
		.iter()
		.filter_map(|record| match &record.event {
			RuntimeEvent::Contracts(pallet_contracts::Event::ContractEmitted { data, .. }) => {
				Some(data.clone())
			}
			_ => None,
		})
		.collect()
}

#[test]
fn access_asks_the_consent_pallet_every_time() {
	let (mut session, record) = deployed();
	let researcher = BobStash.to_account_id();
	let id = grant(&mut session, &researcher, record, 5, 0);
	let grant_gas = session.record().last_call_result().gas_consumed;

	// No consent in the pallet: refused, and the refusal is evented.
	assert_eq!(
		access(&mut session, &researcher, id, record, "HRESCH"),
		AccessOutcome::Refused(Refusal::ConsentDenied(Denial::NoConsent))
	);
	assert_eq!(contract_events(&session).len(), 1);

	let consent = consent_to_research(&mut session);
	let granted = access(&mut session, &researcher, id, record, "HRESCH");
	let access_gas = session.record().last_call_result().gas_consumed;
	assert_eq!(
		granted,
		AccessOutcome::Granted { locator: [0xab; 32].into(), envelope: Some(vec![1, 2]) }
	);
	// The Accessed event names the patient, the accessor, the grant, the record, the purpose.
	let events = contract_events(&session);
	assert_eq!(events.len(), 1);
	let (patient, accessor, grant_id, record_id, purpose) =
		<([u8; 32], [u8; 32], u64, u64, Purpose)>::decode(&mut &events[0][..])
			.expect("an Accessed event");
	assert_eq!((patient, accessor), (*EveStash.to_account_id().as_ref(), *researcher.as_ref()));
	assert_eq!((grant_id, record_id, purpose), (id, record, Purpose::HRESCH));

	// The pallet consent is revoked: the contract asks again and is refused at once.
	session.sandbox().execute_with(|| {
		RuntimeCall::Consent(pallet_consent::Call::revoke_consent { consent })
			.dispatch(RuntimeOrigin::signed(EveStash.to_account_id()))
			.expect("Eve revokes");
	});
	assert_eq!(
		access(&mut session, &researcher, id, record, "HRESCH"),
		AccessOutcome::Refused(Refusal::ConsentDenied(Denial::NoConsent))
	);
	println!("gas: grant {grant_gas:?}, access {access_gas:?}");
}

#[test]
fn expiry_spent_uses_and_a_wrong_purpose_are_refused() {
	let (mut session, record) = deployed();
	let researcher = BobStash.to_account_id();
	consent_to_research(&mut session);
	let id = grant(&mut session, &researcher, record, 1, 0);
	assert_eq!(
		access(&mut session, &researcher, id, record, "TREAT"),
		AccessOutcome::Refused(Refusal::WrongPurpose)
	);
	assert!(matches!(
		access(&mut session, &researcher, id, record, "HRESCH"),
		AccessOutcome::Granted { .. }
	));
	assert_eq!(
		access(&mut session, &researcher, id, record, "HRESCH"),
		AccessOutcome::Refused(Refusal::UsesSpent)
	);
	let later = grant(&mut session, &researcher, record, 5, 0);
	session.sandbox().execute_with(|| pallet_timestamp::Now::<Runtime>::put(GENESIS_TIME + DAY));
	assert_eq!(
		access(&mut session, &researcher, later, record, "HRESCH"),
		AccessOutcome::Refused(Refusal::Expired)
	);
}

#[test]
fn revocation_cascades_and_resharing_is_bounded() {
	let (mut session, record) = deployed();
	consent_to_research(&mut session);
	let researcher = BobStash.to_account_id();
	let root = grant(&mut session, &researcher, record, 5, 1);
	session.set_actor(researcher.clone());
	let child: Result<u64, Error> = session
		.call(
			"reshare",
			&[
				root.to_string(),
				ss58(&DaveStash.to_account_id()),
				format!("[{record}]"),
				terms(GENESIS_TIME + DAY, 2, 0),
			],
			None,
		)
		.unwrap()
		.unwrap();
	let child = child.expect("depth 1 allows one re-share");
	session.set_actor(DaveStash.to_account_id());
	let deeper: Error = session
		.call_and_expect_error(
			"reshare",
			&[
				child.to_string(),
				ss58(&Charlie.to_account_id()),
				format!("[{record}]"),
				terms(GENESIS_TIME + DAY, 1, 0),
			],
			None,
		)
		.unwrap();
	assert_eq!(deeper, Error::ReshareNotAllowed);
	session.set_actor(EveStash.to_account_id());
	let _: Result<(), Error> = session.call("revoke", &[root.to_string()], None).unwrap().unwrap();
	assert_eq!(
		access(&mut session, &DaveStash.to_account_id(), child, record, "HRESCH"),
		AccessOutcome::Refused(Refusal::Revoked)
	);
}

#[test]
fn unauthorised_calls_are_refused_and_requests_are_answered() {
	let (mut session, record) = deployed();
	// A patient is not a provider.
	session.set_actor(EveStash.to_account_id());
	let refused: Error = session
		.call_and_expect_error(
			"register_record",
			&[ss58(&EveStash.to_account_id()), "Genomics".into(), format!("0x{}", "cd".repeat(32))],
			None,
		)
		.unwrap();
	assert_eq!(refused, Error::NotAProvider);
	// Someone else cannot grant or revoke Eve's record.
	session.set_actor(Charlie.to_account_id());
	let refused: Error = session
		.call_and_expect_error(
			"grant",
			&[
				ss58(&Bob.to_account_id()),
				format!("[{record}]"),
				"TREAT".into(),
				terms(GENESIS_TIME + DAY, 1, 0),
			],
			None,
		)
		.unwrap();
	assert_eq!(refused, Error::NotThePatient);
	let id = grant(&mut session, &BobStash.to_account_id(), record, 1, 0);
	session.set_actor(Charlie.to_account_id());
	let refused: Error = session.call_and_expect_error("revoke", &[id.to_string()], None).unwrap();
	assert_eq!(refused, Error::NotThePatient);

	// Bob (a hospital) asks; Eve approves one request and denies another.
	session.set_actor(Bob.to_account_id());
	let asked: Result<u64, Error> = session
		.call("request_access", &[record.to_string(), "TREAT".into()], None)
		.unwrap()
		.unwrap();
	let asked = asked.expect("a provider asks");
	let second: Result<u64, Error> = session
		.call("request_access", &[record.to_string(), "HMARKT".into()], None)
		.unwrap()
		.unwrap();
	session.set_actor(EveStash.to_account_id());
	let approved: Result<u64, Error> = session
		.call("approve_request", &[asked.to_string(), terms(GENESIS_TIME + DAY, 1, 0)], None)
		.unwrap()
		.unwrap();
	assert!(approved.is_ok());
	let denied: Result<(), Error> =
		session.call("deny_request", &[second.unwrap().to_string()], None).unwrap().unwrap();
	assert_eq!(denied, Ok(()));
	let again: Error =
		session.call_and_expect_error("deny_request", &[asked.to_string()], None).unwrap();
	assert_eq!(again, Error::RequestSettled);
}
