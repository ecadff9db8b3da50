//! access-grants on the real runtime: the real consent pallet and participant registry behind
//! the real chain extension, through drink!. The contract is the `.contract` bundle
//! cargo-contract built (path in `ACCESS_GRANTS`, which `scripts/test.sh` sets).

use access_grants::access_grants::{AccessOutcome, Error, Grant, Refusal};
use drink::{
	pallet_contracts,
	session::{bundle::ContractBundle, error::SessionError, Session},
	AccountId32, Sandbox, Ss58Codec,
};
use medchain_drink_tests::{MedChainSandbox, GENESIS_TIME};
use medchain_primitives::{
	consent::{Action, DataClass, Purpose},
	participants::Role,
};
use medchain_runtime::{Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin};
use parity_scale_codec::Decode;
use sp_core::H256;
use sp_keyring::Sr25519Keyring::{Bob, BobStash, Charlie, DaveStash, EveStash};
use sp_runtime::traits::Dispatchable;

const DAY: u64 = 24 * 60 * 60 * 1000;

fn ss58(who: &AccountId32) -> String {
	who.to_ss58check()
}

/// The tag secret of the tests' patients (the chain only ever sees the tags).
const SECRET: medchain_primitives::consent::TagSecret = [7; 32];

/// A data class as a patient's provider and consents name it: its tag.
fn tag(class: DataClass) -> medchain_primitives::consent::DataTag {
	class.tag(&SECRET)
}

/// The same tag as a message argument.
fn tag_arg(class: DataClass) -> String {
	let hex: String = tag(class).0.iter().map(|b| format!("{b:02x}")).collect();
	format!("0x{hex}")
}

/// A session with access-grants deployed by Bob (a hospital) and a Genomics record of Eve's
/// stash registered; returns it and the record number.
fn deployed() -> (Session<MedChainSandbox>, u64) {
	let path = std::env::var("ACCESS_GRANTS")
		.expect("ACCESS_GRANTS names the access_grants.contract bundle (scripts/test.sh sets it)");
	let bundle = ContractBundle::load(path).expect("the bundle loads");
	let mut session = Session::<MedChainSandbox>::default().with_actor(Bob.to_account_id());
	// Alice administers it (deploy-args).
	let admin = [ss58(&sp_keyring::Sr25519Keyring::Alice.to_account_id())];
	session.deploy_bundle(bundle, "new", &admin, vec![], None).expect("it deploys");
	let record: Result<u64, Error> = session
		.call(
			"register_record",
			&[
				ss58(&EveStash.to_account_id()),
				tag_arg(DataClass::Genomics),
				format!("0x{}", "ab".repeat(32)),
			],
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

/// Send `message` as `who` and decode its answer: what it returns, or the named error it
/// reverted with.
fn send<T: Decode>(
	session: &mut Session<MedChainSandbox>,
	who: &AccountId32,
	message: &str,
	args: &[String],
) -> Result<T, Error> {
	session.set_actor(who.clone());
	match session.call::<_, Result<T, Error>>(message, args, None) {
		Ok(answer) => answer.expect("no LangError"),
		Err(reverted @ SessionError::CallReverted(_)) => {
			let answer = reverted.decode_revert::<Result<(), Error>>().expect("a revert");
			Err(answer.expect("no LangError").expect_err("a revert is an error"))
		}
		Err(other) => panic!("{message} failed to run: {other:?}"),
	}
}

/// Re-share `parent` as `who` to `to`: the record, `uses` and `depth`, for a day.
fn reshare(
	session: &mut Session<MedChainSandbox>,
	who: &AccountId32,
	parent: u64,
	to: &AccountId32,
	record: u64,
	uses: u32,
	depth: u8,
) -> Result<u64, Error> {
	let args = [
		parent.to_string(),
		ss58(to),
		format!("[{record}]"),
		terms(GENESIS_TIME + DAY, uses, depth),
	];
	send(session, who, "reshare", &args)
}

/// Call a read-only `message` as Charlie (a stranger to every grant) and decode its answer.
fn read<T: Decode>(session: &mut Session<MedChainSandbox>, message: &str, args: &[String]) -> T {
	session.set_actor(Charlie.to_account_id());
	session.call::<_, T>(message, args, None).expect("it runs").expect("no LangError")
}

fn grant_of(session: &mut Session<MedChainSandbox>, grant: u64) -> Grant {
	let stored: Option<Grant> = read(session, "grant_of", &[grant.to_string()]);
	stored.expect("the grant is stored")
}

/// Eve consents in the pallet: researchers may use her genomics for research (any action).
/// Returns the consent number.
fn consent_to_research(session: &mut Session<MedChainSandbox>) -> u64 {
	consent_to_research_for(session, vec![])
}

/// Eve consents in the pallet: researchers may take these `actions` (none: any) on her
/// genomics for research. Returns the consent number.
fn consent_to_research_for(session: &mut Session<MedChainSandbox>, actions: Vec<Action>) -> u64 {
	session.sandbox().execute_with(|| {
		let id = pallet_consent::NextConsentId::<Runtime>::get();
		let provision = pallet_consent::Provision {
			kind: pallet_consent::ProvisionType::Permit,
			rule: pallet_consent::Rule {
				purposes: vec![Purpose::HRESCH].try_into().unwrap(),
				data_tags: vec![tag(DataClass::Genomics)].try_into().unwrap(),
				actions: actions.try_into().unwrap(),
				data_period: None,
			},
			exceptions: Default::default(),
		};
		RuntimeCall::Consent(pallet_consent::Call::grant_consent {
			patient: EveStash.to_account_id(),
			grantee: pallet_consent::Grantee::Role(Role::Researcher),
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

/// The contract's events in the last call: each one's topics and data.
fn emitted(session: &Session<MedChainSandbox>) -> Vec<(Vec<H256>, Vec<u8>)> {
	session
		.record()
		.last_event_batch()
		.all_events()
		.iter()
		.filter_map(|record| match &record.event {
			RuntimeEvent::Contracts(pallet_contracts::Event::ContractEmitted { data, .. }) => {
				Some((record.topics.clone(), data.clone()))
			}
			_ => None,
		})
		.collect()
}

/// The topic an event is found by: its signature's blake2-256 (`Name(Type,..)`, the field
/// types as the contract spells them), or an account's 32 bytes.
fn signature(signature: &str) -> H256 {
	H256(sp_core::hashing::blake2_256(signature.as_bytes()))
}

fn topic(who: &AccountId32) -> H256 {
	H256(*who.as_ref())
}

const REVOKED: &str = "Revoked(AccountId,AccountId,GrantId,AccountId,Option<GrantId>)";

/// The `Revoked` events of the last call: (grant, by, cascade_from) of each, checking that
/// each is filed under its signature, the patient's (Eve's stash) and its grantee's topics.
fn revocations(session: &Session<MedChainSandbox>) -> Vec<(u64, AccountId32, Option<u64>)> {
	emitted(session)
		.into_iter()
		.filter(|(topics, _)| topics.first() == Some(&signature(REVOKED)))
		.map(|(topics, data)| {
			let (patient, grantee, grant, by, cascade) =
				<(AccountId32, AccountId32, u64, AccountId32, Option<u64>)>::decode(&mut &data[..])
					.expect("a Revoked event");
			assert_eq!(patient, EveStash.to_account_id());
			assert_eq!(topics, vec![signature(REVOKED), topic(&patient), topic(&grantee)]);
			(grant, by, cascade)
		})
		.collect()
}

const ACCESS_REFUSED: &str = "AccessRefused(AccountId,AccountId,GrantId,RecordId,Refusal)";

/// `who` accesses `record` under `grant` for real (an executed call, not a dry run) and is
/// refused for `reason`: the one event is AccessRefused, found by its signature topic and
/// under the patient's and the accessor's topics, with every field; no use is counted.
fn refused_for_real(
	session: &mut Session<MedChainSandbox>,
	who: &AccountId32,
	grant: u64,
	record: u64,
	purpose: &str,
	reason: Refusal,
) {
	let uses = grant_of(session, grant).uses;
	assert_eq!(access(session, who, grant, record, purpose), AccessOutcome::Refused(reason));
	let events = emitted(session);
	assert_eq!(events.len(), 1, "one event");
	let (topics, data) = &events[0];
	let patient = EveStash.to_account_id();
	assert_eq!(topics, &vec![signature(ACCESS_REFUSED), topic(&patient), topic(who)]);
	let fields =
		<(AccountId32, AccountId32, u64, u64, Refusal)>::decode(&mut &data[..]).expect("fields");
	assert_eq!(fields, (patient, who.clone(), grant, record, reason));
	assert_eq!(grant_of(session, grant).uses, uses, "a refused access uses nothing");
}

#[test]
fn access_asks_the_consent_pallet_every_time() {
	let (mut session, record) = deployed();
	let researcher = BobStash.to_account_id();
	let id = grant(&mut session, &researcher, record, 5, 0);
	let grant_gas = session.record().last_call_result().gas_consumed;

	// No consent in the pallet: refused, and the refusal is evented.
	refused_for_real(&mut session, &researcher, id, record, "HRESCH", Refusal::NoConsent);

	let consent = consent_to_research(&mut session);
	let granted = access(&mut session, &researcher, id, record, "HRESCH");
	let access_gas = session.record().last_call_result().gas_consumed;
	assert_eq!(
		granted,
		AccessOutcome::Granted { locator: [0xab; 32].into(), envelope: Some(vec![1, 2]) }
	);
	// The Accessed event names the patient, the accessor, the grant, the record, the purpose.
	let events = emitted(&session);
	assert_eq!(events.len(), 1);
	let accessed = "Accessed(AccountId,AccountId,GrantId,RecordId,Purpose)";
	assert_eq!(events[0].0[0], signature(accessed));
	let (patient, accessor, grant_id, record_id, purpose) =
		<([u8; 32], [u8; 32], u64, u64, Purpose)>::decode(&mut &events[0].1[..])
			.expect("an Accessed event");
	assert_eq!((patient, accessor), (*EveStash.to_account_id().as_ref(), *researcher.as_ref()));
	assert_eq!((grant_id, record_id, purpose), (id, record, Purpose::HRESCH));
	assert_eq!(grant_of(&mut session, id).uses, 1);

	// The pallet consent is revoked: the contract asks again and is refused at once.
	session.sandbox().execute_with(|| {
		RuntimeCall::Consent(pallet_consent::Call::revoke_consent { consent })
			.dispatch(RuntimeOrigin::signed(EveStash.to_account_id()))
			.expect("Eve revokes");
	});
	refused_for_real(&mut session, &researcher, id, record, "HRESCH", Refusal::NoConsent);
	assert_eq!(grant_of(&mut session, id).uses, 1);
	println!("gas: grant {grant_gas:?}, access {access_gas:?}");
}

#[test]
fn expiry_spent_uses_and_a_wrong_purpose_are_refused() {
	let (mut session, record) = deployed();
	let researcher = BobStash.to_account_id();
	consent_to_research(&mut session);
	let id = grant(&mut session, &researcher, record, 1, 0);
	refused_for_real(&mut session, &researcher, id, record, "TREAT", Refusal::WrongPurpose);
	let stranger = DaveStash.to_account_id();
	refused_for_real(&mut session, &stranger, id, record, "HRESCH", Refusal::NotTheGrantee);
	assert!(matches!(
		access(&mut session, &researcher, id, record, "HRESCH"),
		AccessOutcome::Granted { .. }
	));
	refused_for_real(&mut session, &researcher, id, record, "HRESCH", Refusal::UsesSpent);
	let later = grant(&mut session, &researcher, record, 5, 0);
	session.sandbox().execute_with(|| pallet_timestamp::Now::<Runtime>::put(GENESIS_TIME + DAY));
	refused_for_real(&mut session, &researcher, later, record, "HRESCH", Refusal::Expired);
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
			&[
				ss58(&EveStash.to_account_id()),
				tag_arg(DataClass::Genomics),
				format!("0x{}", "cd".repeat(32)),
			],
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
		session.call("decline_request", &[second.unwrap().to_string()], None).unwrap().unwrap();
	assert_eq!(denied, Ok(()));
	let again: Error =
		session.call_and_expect_error("decline_request", &[asked.to_string()], None).unwrap();
	assert_eq!(again, Error::RequestSettled);
}

#[test]
fn a_reshare_needs_the_pallets_consent_to_disclose() {
	let (mut session, record) = deployed();
	let researcher = BobStash.to_account_id();
	// Eve lets researchers access her genomics for research, not pass them on.
	consent_to_research_for(&mut session, vec![Action::Access]);
	let root = grant(&mut session, &researcher, record, 5, 1);
	let dave = DaveStash.to_account_id();
	assert_eq!(
		reshare(&mut session, &researcher, root, &dave, record, 2, 0),
		Err(Error::DisclosureRefused)
	);
	assert_eq!(grant_of(&mut session, root).uses, 0, "a refused re-share hands on no uses");
	// Once she lets them disclose too, the re-share goes through, its uses out of the root's.
	consent_to_research_for(&mut session, vec![Action::Disclose]);
	let child = reshare(&mut session, &researcher, root, &dave, record, 2, 0).expect("disclosable");
	let held = grant_of(&mut session, root);
	assert_eq!((held.uses, held.children), (2, vec![child]));
	assert_eq!(
		reshare(&mut session, &researcher, root, &Charlie.to_account_id(), record, 4, 0),
		Err(Error::ReshareNotAllowed),
		"3 uses are left, not 4"
	);
}

#[test]
fn a_cascade_revocation_stops_84_grants_in_one_call_each_evented() {
	let (mut session, record) = deployed();
	consent_to_research(&mut session);
	// 84 researchers below Bob//stash, four under each grant, three levels deep.
	let researchers: Vec<AccountId32> = (1..=84u8).map(|n| AccountId32::new([n; 32])).collect();
	session.sandbox().execute_with(|| {
		for who in &researchers {
			RuntimeCall::Balances(pallet_balances::Call::force_set_balance {
				who: who.clone().into(),
				new_free: 10u128.pow(15),
			})
			.dispatch(RuntimeOrigin::root())
			.expect("root funds");
			RuntimeCall::Participants(pallet_participants::Call::register {
				who: who.clone(),
				roles: vec![Role::Researcher].try_into().unwrap(),
				gln: None,
				name_commitment: H256::repeat_byte(0x52),
			})
			.dispatch(RuntimeOrigin::root())
			.expect("governance registers a researcher");
		}
	});
	let root_holder = BobStash.to_account_id();
	// Each holder keeps one use and hands four uses on to each of its four re-shares:
	// 85 = 4 * 21 + 1, 21 = 4 * 5 + 1, 5 = 4 * 1 + 1.
	let root = grant(&mut session, &root_holder, record, 85, 3);
	let mut tree = vec![root];
	let mut next = researchers.iter();
	let mut level = vec![(root, root_holder, 85u32, 3u8)];
	while let Some((_, _, uses, depth)) = level.first().cloned() {
		if depth == 0 {
			break;
		}
		let mut below = Vec::new();
		for (parent, holder, _, _) in &level {
			for _ in 0..4 {
				let to = next.next().expect("84 researchers").clone();
				let share = (uses - 1) / 4;
				let child = reshare(&mut session, holder, *parent, &to, record, share, depth - 1)
					.expect("within the parent's uses, depth and fan-out");
				tree.push(child);
				below.push((child, to, share, depth - 1));
			}
		}
		let (parent, holder, _, _) = &level[0];
		assert_eq!(
			reshare(&mut session, holder, *parent, &Charlie.to_account_id(), record, 1, 0),
			Err(Error::TooManyReshares)
		);
		level = below;
	}
	assert_eq!(tree.len(), 85);

	let eve = EveStash.to_account_id();
	let revoked: Result<(), Error> = send(&mut session, &eve, "revoke", &[root.to_string()]);
	assert_eq!(revoked, Ok(()));
	let gas = session.record().last_call_result().gas_consumed;
	let mut stopped = revocations(&session);
	stopped.sort_by_key(|(grant, _, _)| *grant);
	let expected: Vec<_> =
		tree.iter().map(|grant| (*grant, eve.clone(), (*grant != root).then_some(root))).collect();
	assert_eq!(stopped, expected, "one Revoked event for every grant stopped");
	for grant in &tree {
		assert!(grant_of(&mut session, *grant).revoked);
	}
	// Within what one extrinsic may take, and paid by the patient who revoked.
	let max = <Runtime as frame_system::Config>::BlockWeights::get()
		.get(frame_support::dispatch::DispatchClass::Normal)
		.max_extrinsic
		.expect("a bound");
	assert!(gas.all_lt(max), "{gas:?} fits in {max:?}");
	println!("gas: revoke with an 84-grant cascade {gas:?}");
}

#[test]
fn requests_are_bounded_per_patient_lapse_and_can_be_withdrawn() {
	let (mut session, record) = deployed();
	let (bob, eve) = (Bob.to_account_id(), EveStash.to_account_id());
	let ask = |session: &mut Session<MedChainSandbox>, who: &AccountId32| -> Result<u64, Error> {
		send(session, who, "request_access", &[record.to_string(), "TREAT".into()])
	};
	let approve = |session: &mut Session<MedChainSandbox>, request: u64| -> Result<u64, Error> {
		send(
			session,
			&eve,
			"approve_request",
			&[request.to_string(), terms(GENESIS_TIME + 9 * DAY, 1, 0)],
		)
	};
	// Eight requests may await Eve's answer; a ninth waits until one is settled.
	let asked: Vec<u64> =
		(0..8).map(|_| ask(&mut session, &bob).expect("a hospital asks")).collect();
	assert_eq!(ask(&mut session, &bob), Err(Error::TooManyRequests));
	// The provider that asked may withdraw (a stranger may not); that frees a place.
	let decline = |session: &mut Session<MedChainSandbox>, who: &AccountId32, request: u64| {
		send::<()>(session, who, "decline_request", &[request.to_string()])
	};
	assert_eq!(
		decline(&mut session, &Charlie.to_account_id(), asked[7]),
		Err(Error::NotThePatient)
	);
	assert_eq!(decline(&mut session, &bob, asked[7]), Ok(()));
	assert_eq!(approve(&mut session, asked[7]), Err(Error::RequestSettled));
	let researcher = BobStash.to_account_id();
	let late = ask(&mut session, &researcher).expect("a place is free");
	assert!(approve(&mut session, asked[0]).is_ok());

	// Governance suspends Bob: his requests can no longer be approved.
	session.sandbox().execute_with(|| {
		RuntimeCall::Participants(pallet_participants::Call::suspend { who: bob.clone() })
			.dispatch(RuntimeOrigin::root())
			.expect("governance suspends Bob");
	});
	assert_eq!(approve(&mut session, asked[1]), Err(Error::RequesterNotAProvider));

	// Seven days on, an unanswered request has lapsed: it cannot be approved, only settled.
	session.sandbox().execute_with(|| {
		pallet_timestamp::Now::<Runtime>::put(GENESIS_TIME + 7 * DAY);
	});
	assert_eq!(approve(&mut session, late), Err(Error::RequestExpired));
	assert_eq!(decline(&mut session, &eve, late), Ok(()));
}

#[test]
fn a_patient_cannot_approve_a_grant_to_themself() {
	let (mut session, _) = deployed();
	// Bob, a hospital, registers a record of his own and asks for it.
	let bob = Bob.to_account_id();
	let own: u64 = send(
		&mut session,
		&bob,
		"register_record",
		&[ss58(&bob), tag_arg(DataClass::Observation), format!("0x{}", "cd".repeat(32))],
	)
	.expect("a hospital registers");
	let request: u64 =
		send(&mut session, &bob, "request_access", &[own.to_string(), "TREAT".into()])
			.expect("a hospital asks");
	let approved: Result<u64, Error> = send(
		&mut session,
		&bob,
		"approve_request",
		&[request.to_string(), terms(GENESIS_TIME + DAY, 1, 0)],
	);
	assert_eq!(approved, Err(Error::GrantToSelf));
}

#[test]
fn no_read_message_shows_the_key_envelope() {
	let (mut session, record) = deployed();
	consent_to_research(&mut session);
	let (eve, researcher) = (EveStash.to_account_id(), BobStash.to_account_id());
	let sealed = "ee".repeat(64);
	let with_key = format!(
		"Terms {{ expires_at: {}, max_uses: 2, reshare_depth: 0, envelope: Some(0x{sealed}) }}",
		GENESIS_TIME + DAY
	);
	let id: u64 = send(
		&mut session,
		&eve,
		"grant",
		&[ss58(&researcher), format!("[{record}]"), "HRESCH".into(), with_key],
	)
	.expect("Eve grants her record");
	let shows = |bytes: &[u8]| bytes.windows(64).any(|w| w == [0xee; 64]);
	for who in [&eve, &researcher, &Charlie.to_account_id()] {
		session.set_actor(who.clone());
		// Its answer's raw bytes, whatever version of the contract answers.
		let _: () = session.call("grant_of", &[id.to_string()], None).unwrap().unwrap();
		assert!(!shows(session.record().last_call_return()), "grant_of shows the envelope");
	}
	// The grantee's own access returns it.
	assert_eq!(
		access(&mut session, &researcher, id, record, "HRESCH"),
		AccessOutcome::Granted { locator: [0xab; 32].into(), envelope: Some(vec![0xee; 64]) }
	);
}

/// Who is refunded what when the last call freed storage: the runtime's
/// `StorageDepositTransferredAndReleased` events of that call, (from, to, amount).
fn released(session: &Session<MedChainSandbox>) -> Vec<(AccountId32, AccountId32, u128)> {
	session
		.record()
		.last_event_batch()
		.all_events()
		.iter()
		.filter_map(|record| match &record.event {
			RuntimeEvent::Contracts(
				pallet_contracts::Event::StorageDepositTransferredAndReleased { from, to, amount },
			) => Some((from.clone(), to.clone(), *amount)),
			_ => None,
		})
		.collect()
}

fn free_balance(session: &mut Session<MedChainSandbox>, who: &AccountId32) -> u128 {
	session.sandbox().execute_with(|| pallet_balances::Pallet::<Runtime>::free_balance(who))
}

/// Call `message` as `who`, expecting it to free storage: returns the deposit refunded to
/// `who`, after checking it is the contract's one release and that `who`'s free balance
/// grew by exactly that much (drink charges no transaction fees).
fn refund_of(
	session: &mut Session<MedChainSandbox>,
	who: &AccountId32,
	message: &str,
	id: u64,
) -> u128 {
	let contract = session.record().last_deploy_return().clone();
	let before = free_balance(session, who);
	assert_eq!(send::<()>(session, who, message, &[id.to_string()]), Ok(()));
	let released = released(session);
	assert_eq!(released.len(), 1, "{message} released one deposit: {released:?}");
	let (from, to, amount) = released[0].clone();
	assert_eq!((from, &to), (contract, who), "from the contract to the caller");
	assert!(amount > 0);
	assert_eq!(free_balance(session, who) - before, amount, "the caller got it back");
	amount
}

#[test]
fn removing_what_is_over_returns_its_storage_deposit_to_the_caller() {
	let (mut session, record) = deployed();
	consent_to_research(&mut session);
	let (eve, bob, researcher) =
		(EveStash.to_account_id(), Bob.to_account_id(), BobStash.to_account_id());
	// A grant with a 512-byte key envelope, a re-share of it, and an open request.
	let sealed = format!(
		"Terms {{ expires_at: {}, max_uses: 3, reshare_depth: 1, envelope: Some(0x{}) }}",
		GENESIS_TIME + DAY,
		"ee".repeat(512)
	);
	let root: u64 = send(
		&mut session,
		&eve,
		"grant",
		&[ss58(&researcher), format!("[{record}]"), "HRESCH".into(), sealed],
	)
	.expect("Eve grants");
	let dave = DaveStash.to_account_id();
	let child = reshare(&mut session, &researcher, root, &dave, record, 1, 0).expect("disclosable");
	let request: u64 =
		send(&mut session, &bob, "request_access", &[record.to_string(), "TREAT".into()])
			.expect("a hospital asks");

	// In use or live: refused with a name, and nothing changes.
	let refused =
		|session: &mut Session<MedChainSandbox>, who: &AccountId32, message: &str, id: u64| {
			send::<()>(session, who, message, &[id.to_string()]).expect_err("refused")
		};
	assert_eq!(refused(&mut session, &bob, "remove_record", record), Error::RecordInUse);
	assert_eq!(refused(&mut session, &eve, "remove_grant", root), Error::StillLive);
	assert_eq!(refused(&mut session, &bob, "remove_grant", root), Error::NotThePatient);
	assert_eq!(grant_of(&mut session, root).children, vec![child]);

	// Revoked, the grants go (the re-share by its granter), each refunding its deposit.
	assert_eq!(send::<()>(&mut session, &eve, "revoke", &[root.to_string()]), Ok(()));
	let child_deposit = refund_of(&mut session, &researcher, "remove_grant", child);
	let root_deposit = refund_of(&mut session, &eve, "remove_grant", root);
	assert!(root_deposit > child_deposit + 512, "the envelope's bytes came back too");
	let gone: Option<Grant> = read(&mut session, "grant_of", &[root.to_string()]);
	assert_eq!(gone, None);
	// The provider withdraws its request: removed, its deposit back to the provider.
	refund_of(&mut session, &bob, "decline_request", request);
	// No grant covers the record now: its provider removes it.
	refund_of(&mut session, &bob, "remove_record", record);
	let gone: Option<access_grants::access_grants::Record> =
		read(&mut session, "record", &[record.to_string()]);
	assert_eq!(gone, None);
}
