//! Issue 16, item 12: `consents_for` and `unreviewed_episodes` come a page at a time. A page
//! holds at most `limit` items (clamped to `1..=MAX_PAGE`), its `next` takes the walk on
//! without skipping or repeating anything, and is none exactly when nothing is left.
//!
//! What a walk should find is what the test granted or began (numbers the calls returned),
//! and the order within a grantee is read from storage, never written out here.

use crate::{mock::*, *};
use frame_support::{assert_ok, traits::fungible::Mutate};
use medchain_primitives::{
	paging::{Page, MAX_PAGE},
	participants::{mock::MockParticipants, Role},
};
use sp_core::H256;

/// The first of the patients a test makes.
const FIRST_PATIENT: u64 = 1_000;
/// The first of the clinicians a test makes.
const FIRST_CLINICIAN: u64 = 5_000;

fn everything() -> ProvisionsOf<Test> {
	let rule = Rule {
		purposes: Default::default(),
		data_tags: Default::default(),
		actions: Default::default(),
		data_period: None,
	};
	vec![Provision { kind: ProvisionType::Permit, rule, exceptions: Default::default() }]
		.try_into()
		.expect("one provision")
}

/// The `n`th patient a test makes, funded: `MaxConsentsPerPatient` is small in the mock, so
/// each consent comes from a patient of its own.
fn patient(n: u32) -> u64 {
	let who = FIRST_PATIENT + u64::from(n);
	assert_ok!(Balances::mint_into(&who, FUNDS));
	who
}

/// `count` consents to `grantee`, each from a patient of its own; their numbers.
fn grant_many(first_patient: u32, count: u32, grantee: Grantee<u64>) -> Vec<ConsentId> {
	(first_patient..first_patient + count)
		.map(|n| {
			let who = patient(n);
			let id = NextConsentId::<Test>::get();
			assert_ok!(Registry::grant_consent(
				RuntimeOrigin::signed(who),
				who,
				grantee.clone(),
				everything(),
				None,
				Ends::AfterDays(30),
				None
			));
			id
		})
		.collect()
}

/// The consents stored for `grantee`, in storage order.
fn stored_for(grantee: Grantee<u64>) -> Vec<ConsentId> {
	GranteeConsents::<Test>::iter_key_prefix(grantee).collect()
}

fn page_for(cursor: Option<ConsentsForCursor>, limit: u32) -> ConsentsForPage {
	Registry::consents_for(&RESEARCHER, Timestamp::now(), cursor, limit)
}

/// No walk in these tests needs more pages: a cursor that does not move on fails the test
/// here instead of looping.
const MAX_PAGES: usize = 1_000;

/// Walk every page of `RESEARCHER`'s consents with `limit`, checking each page's bound;
/// the consents and how many pages.
fn walk_for(limit: u32) -> (Vec<(ConsentId, ConsentStatus)>, usize) {
	let (mut found, mut cursor, mut pages) = (Vec::new(), None, 0);
	loop {
		let page = page_for(cursor, limit);
		assert!(page.items.len() <= limit as usize, "a page holds at most its limit");
		found.extend(page.items);
		pages += 1;
		assert!(pages < MAX_PAGES, "the walk ends");
		match page.next {
			Some(next) => cursor = Some(next),
			None => return (found, pages),
		}
	}
}

/// The researcher's consents granted three ways, and some to others that must not show.
fn researcher_consents() -> Vec<ConsentId> {
	let mut expected = grant_many(0, 4, Grantee::Account(RESEARCHER));
	expected.extend(grant_many(4, 3, Grantee::Participant(RESEARCHER)));
	expected.extend(grant_many(7, 5, Grantee::Role(Role::Researcher)));
	grant_many(12, 2, Grantee::Participant(HOSPITAL));
	grant_many(14, 2, Grantee::Role(Role::Auditor));
	expected
}

#[test]
fn consent_pages_list_each_consent_once_grantee_by_grantee() {
	run(|| {
		let expected = researcher_consents();
		// One of them revoked: listed, with its status now.
		let revoked = expected[5];
		let granted_by = Consents::<Test>::get(revoked).expect("stored").patient;
		assert_ok!(Registry::revoke_consent(RuntimeOrigin::signed(granted_by), revoked));

		// First page: the account's own consents come first, in storage order.
		let by_account = stored_for(Grantee::Account(RESEARCHER));
		let first = page_for(None, 3);
		assert_eq!(first.items.iter().map(|(id, _)| *id).collect::<Vec<_>>(), by_account[..3]);
		assert_eq!(
			first.next,
			Some(ConsentsForCursor { via: GrantedVia::Account, after: by_account[2] })
		);
		// Middle page: the account's last, then the participant's.
		let second = page_for(first.next, 3);
		let by_participant = stored_for(Grantee::Participant(RESEARCHER));
		let ids: Vec<_> = second.items.iter().map(|(id, _)| *id).collect();
		assert_eq!(ids, [&by_account[3..], &by_participant[..2]].concat());
		assert_eq!(
			second.next,
			Some(ConsentsForCursor { via: GrantedVia::Participant, after: by_participant[1] })
		);

		// 12 consents in pages of 3: the fourth page ends exactly at the end, and is the last.
		let (found, pages) = walk_for(3);
		assert_eq!(pages, 4);
		let mut ids: Vec<_> = found.iter().map(|(id, _)| *id).collect();
		ids.sort();
		assert_eq!(ids, expected, "every consent naming the researcher, once");
		for (id, status) in found {
			let want = if id == revoked { ConsentStatus::Revoked } else { ConsentStatus::Active };
			assert_eq!(status, want, "consent {id}");
		}
		// The same in pages of 5 (the last one short) and in one page.
		assert_eq!(walk_for(5).1, 3);
		assert_eq!(walk_for(12).1, 1);
		assert_eq!(page_for(None, 12).items.len(), 12);
	});
}

#[test]
fn a_consent_limit_is_clamped_to_one_and_the_maximum() {
	run(|| {
		let mut expected = grant_many(0, MAX_PAGE - 10, Grantee::Role(Role::Researcher));
		expected.extend(grant_many(MAX_PAGE, 15, Grantee::Account(RESEARCHER)));

		let most = page_for(None, u32::MAX);
		assert_eq!(most.items.len(), MAX_PAGE as usize);
		assert!(most.next.is_some());
		let rest = page_for(most.next, u32::MAX);
		assert_eq!((rest.items.len(), rest.next), (5, None));
		let mut ids: Vec<_> = most.items.iter().chain(&rest.items).map(|(id, _)| *id).collect();
		ids.sort();
		assert_eq!(ids, expected);

		let one = page_for(None, 0);
		assert_eq!(one.items.len(), 1);
		assert!(one.next.is_some());
	});
}

#[test]
fn a_consent_cursor_past_the_end_gives_an_empty_last_page() {
	run(|| {
		researcher_consents();
		let last = stored_for(Grantee::Role(Role::Researcher));
		let end = ConsentsForCursor {
			via: GrantedVia::Role(Role::Researcher),
			after: *last.last().expect("some"),
		};
		assert_eq!(page_for(Some(end), 10), Page { items: vec![], next: None });
		// A cursor at a grantee after every one naming the researcher.
		let beyond = ConsentsForCursor { via: GrantedVia::Role(Role::HoldAuthority), after: 0 };
		assert_eq!(page_for(Some(beyond), 10), Page { items: vec![], next: None });
	});
}

#[test]
fn a_consent_cursor_goes_on_after_its_consent_is_purged() {
	run(|| {
		let expected = researcher_consents();
		let first = page_for(None, 2);
		let cursor = first.next.expect("more");
		let gone = cursor.after;
		let patient = Consents::<Test>::get(gone).expect("stored").patient;
		assert_ok!(Registry::revoke_consent(RuntimeOrigin::signed(patient), gone));
		assert_ok!(Registry::purge_consent(RuntimeOrigin::signed(patient), gone));
		assert!(Consents::<Test>::get(gone).is_none());

		let mut ids: Vec<_> = first.items.iter().map(|(id, _)| *id).collect();
		let mut cursor = Some(cursor);
		while let Some(at) = cursor {
			let page = page_for(Some(at), 2);
			ids.extend(page.items.iter().map(|(id, _)| *id));
			cursor = page.next;
			assert!(ids.len() < MAX_PAGES, "the walk ends");
		}
		ids.sort();
		assert_eq!(ids, expected, "nothing skipped, nothing twice");
	});
}

#[test]
fn a_consent_cursor_at_a_grantee_that_no_longer_names_the_accessor_goes_on_to_the_next() {
	run(|| {
		researcher_consents();
		let by_role = stored_for(Grantee::Role(Role::Researcher));
		let by_participant = stored_for(Grantee::Participant(RESEARCHER));
		// The walk had reached the participant's consents when the researcher was suspended:
		// neither its participant nor its role consents name it now.
		let cursor = ConsentsForCursor { via: GrantedVia::Participant, after: by_participant[0] };
		MockParticipants::set_suspended(RESEARCHER, true);
		assert_eq!(page_for(Some(cursor), 10), Page { items: vec![], next: None });
		// Reinstated: the page goes on with the participant's other consents, then the role's.
		MockParticipants::set_suspended(RESEARCHER, false);
		let page = page_for(Some(cursor), 10);
		let ids: Vec<_> = page.items.iter().map(|(id, _)| *id).collect();
		assert_eq!(ids, [&by_participant[1..], &by_role[..]].concat());
	});
}

/// `count` unreviewed episodes: each of `count` clinicians of its own breaks the glass for
/// `PATIENT` once. Their numbers.
/// The test patient's emergency handle.
fn handle(patient: u64) -> EmergencyHandle {
	EmergencyHandle::of(&[patient as u8; 32], &codec::Encode::encode(&patient))
}

fn episodes(count: u32) -> Vec<EpisodeId> {
	(0..count)
		.map(|n| {
			let clinician = FIRST_CLINICIAN + u64::from(n);
			MockParticipants::set(clinician, &[Role::Clinician], None);
			assert_ok!(Balances::mint_into(&clinician, FUNDS));
			let id = NextEpisodeId::<Test>::get();
			assert_ok!(Registry::break_glass(
				RuntimeOrigin::signed(clinician),
				handle(PATIENT),
				EmergencyReason::ETREAT,
				5
			));
			id
		})
		.collect()
}

fn unreviewed(after: Option<EpisodeId>, limit: u32) -> Vec<EpisodeId> {
	Registry::unreviewed_episodes(after, limit).items.into_iter().map(|(id, _)| id).collect()
}

#[test]
fn episode_pages_list_each_unreviewed_episode_once() {
	run(|| {
		let begun = episodes(7);
		let all: Vec<EpisodeId> = Episodes::<Test>::iter_keys().collect();

		let first = Registry::unreviewed_episodes(None, 3);
		assert_eq!(unreviewed(None, 3), all[..3]);
		assert_eq!(first.next, Some(all[2]));
		assert_eq!(first.items[0].1, Episodes::<Test>::get(all[0]).expect("stored"));
		let middle = Registry::unreviewed_episodes(first.next, 3);
		assert_eq!(unreviewed(first.next, 3), all[3..6]);
		let last = Registry::unreviewed_episodes(middle.next, 3);
		assert_eq!((unreviewed(middle.next, 3), last.next), (all[6..].to_vec(), None));

		// Exactly at the end, and past it.
		let boundary = Registry::unreviewed_episodes(Some(all[3]), 3);
		assert_eq!(boundary.next, None);
		assert_eq!(boundary.items.len(), 3);
		assert_eq!(Registry::unreviewed_episodes(Some(all[6]), 3), Page::last(vec![]));

		let mut walked = all.clone();
		walked.sort();
		assert_eq!(walked, begun);
	});
}

#[test]
fn an_episode_cursor_goes_on_after_its_episode_is_reviewed() {
	run(|| {
		episodes(5);
		let all: Vec<EpisodeId> = Episodes::<Test>::iter_keys().collect();
		let first = Registry::unreviewed_episodes(None, 2);
		let cursor = first.next.expect("more");
		set_time(START + 10 * MINUTE);
		assert_ok!(Registry::review_break_glass(
			RuntimeOrigin::signed(AUDITOR),
			cursor,
			Finding::Justified,
			H256::zero()
		));
		assert!(Episodes::<Test>::get(cursor).is_none());
		assert_eq!(unreviewed(Some(cursor), 10), all[2..]);
	});
}

#[test]
fn an_episode_limit_is_clamped_to_one_and_the_maximum() {
	run(|| {
		let begun = episodes(MAX_PAGE + 3);
		let most = Registry::unreviewed_episodes(None, u32::MAX);
		assert_eq!(most.items.len(), MAX_PAGE as usize);
		let rest = Registry::unreviewed_episodes(most.next, u32::MAX);
		assert_eq!((rest.items.len(), rest.next), (3, None));
		let mut ids: Vec<_> = most.items.iter().chain(&rest.items).map(|(id, _)| *id).collect();
		ids.sort();
		assert_eq!(ids, begun);

		let one = Registry::unreviewed_episodes(None, 0);
		assert_eq!(one.items.len(), 1);
		assert_eq!(one.next, Some(one.items[0].0));
	});
}
