//! Genesis presets: the initial state of the `dev` and `local` chains, as JSON patches of
//! [`RuntimeGenesisConfig`] that the node's chain specs apply.

use crate::{
	AccountId, AuraConfig, BalancesConfig, CouncilMembershipConfig, GrandpaConfig,
	ParticipantsConfig, RuntimeGenesisConfig, SudoConfig, UNIT,
};
use medchain_primitives::participants::{name_commitment, Role};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_core::{ed25519, sr25519, Pair};
use sp_keyring::Sr25519Keyring;

/// What each well-known dev account starts with: enough for any deposit or test.
pub const DEV_ENDOWMENT: u128 = 1_000_000 * UNIT;

/// The council: Alice, Bob and Charlie (the local network's validators). Two of the three
/// pass a motion.
fn council() -> Vec<AccountId> {
	use Sr25519Keyring::*;
	[Alice, Bob, Charlie].into_iter().map(|k| k.to_account_id()).collect()
}

/// A genesis state: validators (Aura and GRANDPA keys), funded accounts, the council, and
/// the sudo key if the chain has one (only the dev chain does).
fn genesis(
	authorities: &[(AuraId, GrandpaId)],
	endowed: impl IntoIterator<Item = AccountId>,
	root: Option<AccountId>,
) -> serde_json::Value {
	let config = RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed.into_iter().map(|who| (who, DEV_ENDOWMENT)).collect(),
		},
		aura: AuraConfig {
			authorities: authorities.iter().map(|(aura, _)| aura.clone()).collect(),
		},
		grandpa: GrandpaConfig {
			authorities: authorities.iter().map(|(_, grandpa)| (grandpa.clone(), 1)).collect(),
			..Default::default()
		},
		sudo: SudoConfig { key: root },
		council_membership: CouncilMembershipConfig {
			members: council().try_into().expect("the council fits MaxMembers"),
			..Default::default()
		},
		participants: ParticipantsConfig { participants: dev_participants() },
		..Default::default()
	};
	serde_json::to_value(config).expect("the genesis config always serializes; qed")
}

/// The dev accounts' roles, so both journeys work at once (the README lists them).
/// DaveStash, EveStash and FerdieStash hold no role: they are patients.
fn dev_participants() -> Vec<(AccountId, Vec<Role>, Option<u64>, sp_core::H256)> {
	use Sr25519Keyring::*;
	[
		(Alice, vec![Role::Regulator], None, "MedChain Dev Regulator"),
		(AliceStash, vec![Role::Auditor], None, "MedChain Dev Auditor"),
		(
			Bob,
			vec![Role::Hospital, Role::Clinician],
			Some(4_006_381_000_017),
			"Dev General Hospital",
		),
		(BobStash, vec![Role::Researcher], None, "Dev Research Institute"),
		(Charlie, vec![Role::Manufacturer], Some(4_006_381_000_024), "Dev Pharma Manufacturing"),
		(CharlieStash, vec![Role::AnomalyOracle], None, "Dev Anomaly Oracle"),
		(Dave, vec![Role::Wholesaler], Some(4_006_381_000_031), "Dev Wholesale"),
		(Eve, vec![Role::Carrier], None, "Dev Cold-Chain Logistics"),
		(Ferdie, vec![Role::Pharmacy], Some(4_006_381_000_048), "Dev Community Pharmacy"),
	]
	.into_iter()
	.map(|(who, roles, gln, name)| {
		let commitment = name_commitment(&dev_name_salt(who), name);
		(who.to_account_id(), roles, gln, commitment.into())
	})
	.collect()
}

/// A dev participant's name salt, from its key (the public key of its hard-derived
/// `//medchain//name-salt` child, never used on chain): only who holds the key can rebuild
/// it. `tests/e2e/lib/keys.js` derives the same salt.
pub fn dev_name_salt(who: Sr25519Keyring) -> [u8; 32] {
	let child =
		sr25519::Pair::from_string(&format!("{}//medchain//name-salt", who.to_seed()), None)
			.expect("static dev seeds are valid; qed");
	let mut input = b"medchain:name-salt:v1".to_vec();
	input.extend_from_slice(child.public().as_ref());
	sp_core::blake2_256(&input)
}

/// The Aura (sr25519) and GRANDPA (ed25519) keys of a well-known dev validator.
fn authority(who: Sr25519Keyring) -> (AuraId, GrandpaId) {
	let grandpa = ed25519::Pair::from_string(&who.to_seed(), None)
		.expect("static dev seeds are valid; qed")
		.public();
	(who.public().into(), grandpa.into())
}

/// The well-known dev accounts: Alice … Ferdie and their `//stash` accounts.
fn dev_accounts() -> impl Iterator<Item = AccountId> {
	Sr25519Keyring::iter()
		.filter(|k| !matches!(k, Sr25519Keyring::One | Sr25519Keyring::Two))
		.map(|k| k.to_account_id())
}

/// `--dev`: one validator (Alice, who is also sudo), every dev account funded.
pub fn development_config_genesis() -> serde_json::Value {
	genesis(
		&[authority(Sr25519Keyring::Alice)],
		dev_accounts(),
		Some(Sr25519Keyring::Alice.to_account_id()),
	)
}

/// `--chain local`: three validators (Alice, Bob, Charlie), who are also the council. No
/// sudo: participants are registered, suspended and removed by council motions.
pub fn local_config_genesis() -> serde_json::Value {
	genesis(
		&[
			authority(Sr25519Keyring::Alice),
			authority(Sr25519Keyring::Bob),
			authority(Sr25519Keyring::Charlie),
		],
		dev_accounts(),
		None,
	)
}
