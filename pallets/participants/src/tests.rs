//! Unit tests: every call's success path and every error, and the trait other pallets use.

use crate::{
	mock::*, Error, Event, Gln, Pallet, ParticipantCount, ParticipantRoles, ParticipantStatus,
	Role, RoleList,
};
use frame_support::{assert_noop, assert_ok, BoundedVec};
use sp_core::H256;
use sp_runtime::{BuildStorage, DispatchError};

const GLN: u64 = 614_141_000_012;
const HOSPITAL: u64 = 10;
const CLINICIAN: u64 = 11;

fn roles(list: &[Role]) -> RoleList {
	BoundedVec::try_from(list.to_vec()).unwrap()
}

fn root() -> RuntimeOrigin {
	RuntimeOrigin::root()
}

fn last_event() -> Event<Test> {
	System::events()
		.into_iter()
		.rev()
		.find_map(|r| if let RuntimeEvent::Participants(e) = r.event { Some(e) } else { None })
		.expect("an event was deposited")
}

fn register_hospital() {
	assert_ok!(Participants::register(
		root(),
		HOSPITAL,
		roles(&[Role::Hospital, Role::Researcher]),
		Some(GLN),
		H256::repeat_byte(7)
	));
}

#[test]
fn register_stores_the_participant_and_grants_its_roles() {
	run(|| {
		register_hospital();
		let stored = crate::Participants::<Test>::get(HOSPITAL).unwrap();
		assert_eq!(stored.status, ParticipantStatus::Active);
		assert_eq!(stored.gln, Some(Gln::new(GLN).unwrap()));
		assert_eq!(stored.name_commitment, H256::repeat_byte(7));
		assert_eq!(stored.registered_at, 1);
		assert_eq!(ParticipantCount::<Test>::get(), 1);
		assert!(Pallet::<Test>::has_role(&HOSPITAL, Role::Hospital));
		assert!(Pallet::<Test>::has_role(&HOSPITAL, Role::Researcher));
		assert!(!Pallet::<Test>::has_role(&HOSPITAL, Role::Clinician));
		assert_eq!(Pallet::<Test>::gln_of(&HOSPITAL), Gln::new(GLN).ok());
		assert!(matches!(last_event(), Event::Registered { who: HOSPITAL, .. }));
	});
}

#[test]
fn register_refuses_bad_input_and_changes_nothing() {
	run(|| {
		let h = H256::zero();
		assert_noop!(
			Participants::register(RuntimeOrigin::signed(1), 2, roles(&[Role::Carrier]), None, h),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Participants::register(root(), 2, roles(&[]), None, h),
			Error::<Test>::NoRoles
		);
		assert_noop!(
			Participants::register(root(), 2, roles(&[Role::Carrier, Role::Carrier]), None, h),
			Error::<Test>::DuplicateRole
		);
		assert_noop!(
			Participants::register(root(), 2, roles(&[Role::Carrier]), Some(GLN + 1), h),
			Error::<Test>::InvalidGln
		);
		assert_noop!(
			Participants::register(root(), 2, roles(&[Role::Carrier]), Some(10u64.pow(13)), h),
			Error::<Test>::InvalidGln
		);
		register_hospital();
		assert_noop!(
			Participants::register(root(), HOSPITAL, roles(&[Role::Carrier]), None, h),
			Error::<Test>::AlreadyRegistered
		);
	});
}

#[test]
fn the_registry_is_bounded() {
	run(|| {
		for who in 1..=4 {
			assert_ok!(Participants::register(
				root(),
				who,
				roles(&[Role::Carrier]),
				None,
				H256::zero()
			));
		}
		assert_noop!(
			Participants::register(root(), 5, roles(&[Role::Carrier]), None, H256::zero()),
			Error::<Test>::TooManyParticipants
		);
		// Removing one makes room again.
		assert_ok!(Participants::remove(root(), 1));
		assert_ok!(Participants::register(root(), 5, roles(&[Role::Carrier]), None, H256::zero()));
	});
}

#[test]
fn update_replaces_roles_location_and_name() {
	run(|| {
		register_hospital();
		assert_ok!(Participants::update(
			root(),
			HOSPITAL,
			roles(&[Role::Clinician]),
			None,
			H256::repeat_byte(9)
		));
		assert!(Pallet::<Test>::has_role(&HOSPITAL, Role::Clinician));
		assert!(!Pallet::<Test>::has_role(&HOSPITAL, Role::Hospital));
		assert_eq!(Pallet::<Test>::gln_of(&HOSPITAL), None);
		assert_eq!(
			crate::Participants::<Test>::get(HOSPITAL).unwrap().name_commitment,
			H256::repeat_byte(9)
		);
		assert!(matches!(last_event(), Event::Updated { who: HOSPITAL, .. }));

		assert_noop!(
			Participants::update(
				RuntimeOrigin::signed(HOSPITAL),
				HOSPITAL,
				roles(&[Role::Regulator]),
				None,
				H256::zero()
			),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Participants::update(root(), CLINICIAN, roles(&[Role::Clinician]), None, H256::zero()),
			Error::<Test>::NotRegistered
		);
		assert_noop!(
			Participants::update(root(), HOSPITAL, roles(&[]), None, H256::zero()),
			Error::<Test>::NoRoles
		);
		assert_noop!(
			Participants::update(
				root(),
				HOSPITAL,
				roles(&[Role::Clinician]),
				Some(124),
				H256::zero()
			),
			Error::<Test>::InvalidGln
		);
	});
}

#[test]
fn a_suspended_participant_holds_no_role_until_reinstated() {
	run(|| {
		register_hospital();
		assert_ok!(Participants::suspend(root(), HOSPITAL));
		assert!(matches!(last_event(), Event::Suspended { who: HOSPITAL }));
		assert!(!Pallet::<Test>::has_role(&HOSPITAL, Role::Hospital));
		assert!(!Pallet::<Test>::has_any_role(&HOSPITAL, &[Role::Hospital, Role::Researcher]));
		assert!(!Pallet::<Test>::is_active(&HOSPITAL));
		assert_eq!(Pallet::<Test>::gln_of(&HOSPITAL), None);
		assert_noop!(Participants::suspend(root(), HOSPITAL), Error::<Test>::AlreadySuspended);

		assert_ok!(Participants::reinstate(root(), HOSPITAL));
		assert!(matches!(last_event(), Event::Reinstated { who: HOSPITAL }));
		assert!(Pallet::<Test>::has_role(&HOSPITAL, Role::Hospital));
		assert_noop!(Participants::reinstate(root(), HOSPITAL), Error::<Test>::NotSuspended);
	});
}

#[test]
fn suspend_reinstate_and_remove_check_origin_and_registration() {
	run(|| {
		register_hospital();
		let signed = RuntimeOrigin::signed(HOSPITAL);
		assert_noop!(Participants::suspend(signed.clone(), HOSPITAL), DispatchError::BadOrigin);
		assert_noop!(Participants::reinstate(signed.clone(), HOSPITAL), DispatchError::BadOrigin);
		assert_noop!(Participants::remove(signed, HOSPITAL), DispatchError::BadOrigin);
		assert_noop!(Participants::suspend(root(), CLINICIAN), Error::<Test>::NotRegistered);
		assert_noop!(Participants::reinstate(root(), CLINICIAN), Error::<Test>::NotRegistered);
		assert_noop!(Participants::remove(root(), CLINICIAN), Error::<Test>::NotRegistered);
	});
}

#[test]
fn remove_forgets_the_participant() {
	run(|| {
		register_hospital();
		assert_ok!(Participants::remove(root(), HOSPITAL));
		assert!(matches!(last_event(), Event::Removed { who: HOSPITAL }));
		assert!(!crate::Participants::<Test>::contains_key(HOSPITAL));
		assert_eq!(ParticipantCount::<Test>::get(), 0);
		assert!(!Pallet::<Test>::is_active(&HOSPITAL));
	});
}

#[test]
fn genesis_registers_participants() {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	crate::GenesisConfig::<Test> {
		participants: vec![(CLINICIAN, vec![Role::Clinician], None, H256::zero())],
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	sp_io::TestExternalities::new(storage).execute_with(|| {
		assert!(Pallet::<Test>::has_role(&CLINICIAN, Role::Clinician));
		assert_eq!(ParticipantCount::<Test>::get(), 1);
		Pallet::<Test>::do_try_state().unwrap();
	});
}

#[test]
fn try_state_catches_a_wrong_count() {
	run(|| {
		register_hospital();
		ParticipantCount::<Test>::put(2);
		assert!(Pallet::<Test>::do_try_state().is_err());
		ParticipantCount::<Test>::put(1);
	});
}

/// Issue 16, item 5: a hold authority's holds follow its own release rules (the
/// shipment-holds contract's two signers), so only a contract account may be one: a plain
/// account would place and release holds on its own key.
#[test]
fn only_a_contract_account_may_be_a_hold_authority() {
	new_test_ext().execute_with(|| {
		let plain = HOSPITAL;
		assert!(Participants::register(
			root(),
			plain,
			roles(&[Role::HoldAuthority]),
			None,
			H256::zero()
		)
		.is_err());
		assert!(!Pallet::<Test>::has_role(&plain, Role::HoldAuthority));
		register_hospital();
		assert!(Participants::update(
			root(),
			plain,
			roles(&[Role::Hospital, Role::HoldAuthority]),
			None,
			H256::zero()
		)
		.is_err());
		assert!(!Pallet::<Test>::has_role(&plain, Role::HoldAuthority));
		assert_noop!(
			Participants::register(
				root(),
				CLINICIAN,
				roles(&[Role::HoldAuthority]),
				None,
				H256::zero()
			),
			Error::<Test>::HoldAuthorityNotAContract
		);

		let contract = FIRST_CONTRACT;
		assert_ok!(Participants::register(
			root(),
			contract,
			roles(&[Role::HoldAuthority]),
			None,
			H256::zero()
		));
		assert!(Pallet::<Test>::has_role(&contract, Role::HoldAuthority));
	});
}
