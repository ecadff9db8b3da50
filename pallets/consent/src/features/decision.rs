//! The decision: may an accessor act on a patient's data? Also the listings the runtime API
//! serves ("who can see what", "what I may see").

use crate::*;
use alloc::vec::Vec;
use medchain_primitives::paging::take_page;
use medchain_primitives::participants::{ParticipantRoles, Role};

impl<T: Config> Pallet<T> {
	/// Decide whether `accessor` may act on `patient`'s data as `query` describes, at `at`.
	///
	/// In order:
	/// 1. The patient may always act on their own data.
	/// 2. If the question gives the patient's tag secret (`emergency`), an open break-glass
	///    episode of `accessor` (still an active clinician) under the emergency handle of
	///    this secret and *this patient* (`EmergencyHandle::preimage`) permits reading and
	///    using the data for ETREAT or BTG, whatever the consents say; the episode is reviewed
	///    afterwards. The handle is computed here, from the patient asked about, so an episode
	///    declared for one patient permits nothing about another, whatever secret is given.
	///    The record gateway asks so, through the runtime API of its own node; the chain
	///    extension never gives a secret, so a contract's transaction never names an
	///    episode's patient.
	/// 3. Among the patient's consents in force at `at` whose grantee is `accessor`, a deny
	///    overrides every permit: the oldest denying consent is named. A deny reaches
	///    `accessor` whatever its standing in the participant registry: a `Participant`
	///    grantee is that account, suspended or not, and a `Role` grantee every account
	///    registered with the role, suspended or not. Suspension never lifts a deny.
	/// 4. A guardian of the patient may act for them.
	/// 5. Otherwise the oldest permitting consent is named, or the access is denied for want
	///    of consent. A permit reaches `accessor` through a `Participant` or `Role` grantee
	///    only while it is an active participant (holding the role): a suspended participant
	///    gets nothing through them. An `Account` grantee is that account, whoever holds it.
	///
	/// Reads at most `MaxConsentsPerPatient` consents; its weight is benchmarked as
	/// `check_access`.
	pub fn check_access(
		patient: &T::AccountId,
		accessor: &T::AccountId,
		query: &AccessQuery,
		at: Moment,
		emergency: Option<&TagSecret>,
	) -> Decision {
		if accessor == patient {
			return Decision::Permit(Permit::Patient);
		}
		if let Some(secret) = emergency.filter(|_| {
			matches!(query.purpose, Purpose::ETREAT | Purpose::BTG)
				&& matches!(query.action, Action::Access | Action::Use)
				&& T::Participants::has_role(accessor, Role::Clinician)
		}) {
			let subject = Self::emergency_handle(secret, patient);
			if let Some(episode) = Self::open_episode(&subject, accessor, at) {
				return Decision::Permit(Permit::BreakGlass(episode));
			}
		}
		let mut permit = None;
		for id in PatientConsents::<T>::get(patient) {
			let Some(consent) = Consents::<T>::get(id) else { continue };
			if consent.status_at(at) != ConsentStatus::Active {
				continue;
			}
			match consent.decide(query) {
				Some(ProvisionType::Deny) if Self::denial_reaches(&consent.grantee, accessor) => {
					return Decision::Deny(Denial::DeniedByConsent(id))
				}
				Some(ProvisionType::Permit)
					if permit.is_none() && Self::grantee_includes(&consent.grantee, accessor) =>
				{
					permit = Some(id)
				}
				_ => {}
			}
		}
		if Self::is_guardian(patient, accessor) {
			return Decision::Permit(Permit::Guardian);
		}
		match permit {
			Some(id) => Decision::Permit(Permit::Consent(id)),
			None => Decision::Deny(Denial::NoConsent),
		}
	}

	/// Whether `grantee` names `accessor` now for a permit: an active participant for a
	/// `Participant` or `Role` grantee.
	pub fn grantee_includes(grantee: &GranteeOf<T>, accessor: &T::AccountId) -> bool {
		match grantee {
			Grantee::Account(who) => who == accessor,
			Grantee::Participant(who) => who == accessor && T::Participants::is_active(who),
			Grantee::Role(role) => T::Participants::has_role(accessor, *role),
		}
	}

	/// Whether a denial given to `grantee` reaches `accessor`: whatever its standing in the
	/// registry, so that suspension never turns a deny into a permit.
	pub fn denial_reaches(grantee: &GranteeOf<T>, accessor: &T::AccountId) -> bool {
		match grantee {
			Grantee::Account(who) | Grantee::Participant(who) => who == accessor,
			Grantee::Role(role) => T::Participants::is_registered_as(accessor, *role),
		}
	}

	/// A patient's stored consents with their status at `at`, oldest first: at most
	/// `MaxConsentsPerPatient`, so it needs no paging.
	pub fn consents_of(patient: &T::AccountId, at: Moment) -> Vec<(ConsentId, ConsentStatus)> {
		PatientConsents::<T>::get(patient)
			.into_iter()
			.filter_map(|id| Consents::<T>::get(id).map(|c| (id, c.status_at(at))))
			.collect()
	}

	/// A page of the consents that name `accessor` as grantee now, directly, as a participant
	/// or through a role it holds, with their status at `at`: at most `limit` of them
	/// (clamped to `1..=MAX_PAGE`), after `cursor` (none: from the start).
	///
	/// They come grantee by grantee in [`GrantedVia::all`]'s order, and for each grantee in
	/// storage order (not by number). A page reads the participant registry for the ways it
	/// reaches, at most `MAX_PAGE + 1` index entries and `MAX_PAGE` consents, however many
	/// consents name the accessor. A cursor's consent need not exist any more, nor its
	/// grantee still name the accessor: the page goes on after where it was.
	pub fn consents_for(
		accessor: &T::AccountId,
		at: Moment,
		cursor: Option<ConsentsForCursor>,
		limit: u32,
	) -> ConsentsForPage {
		let resume_rank = cursor.map_or(0, |c| c.via.rank());
		let listing = GrantedVia::all()
			// Skipped by rank first, so that the grantees before the cursor cost no reads.
			.skip_while(move |via| via.rank() < resume_rank)
			// The grantees that name `accessor` now: itself, itself as an active participant,
			// and every role it holds.
			.filter(|via| match via {
				GrantedVia::Account => true,
				GrantedVia::Participant => T::Participants::is_active(accessor),
				GrantedVia::Role(role) => T::Participants::has_role(accessor, *role),
			})
			.flat_map(move |via| {
				let grantee = via.grantee(accessor.clone());
				let ids = match cursor {
					Some(c) if c.via == via => GranteeConsents::<T>::iter_key_prefix_from(
						&grantee,
						GranteeConsents::<T>::hashed_key_for(&grantee, c.after),
					),
					_ => GranteeConsents::<T>::iter_key_prefix(&grantee),
				};
				ids.map(move |id| (via, id))
			})
			.filter_map(|(via, id)| {
				let consent = Consents::<T>::get(id)?;
				Some(((id, consent.status_at(at)), ConsentsForCursor { via, after: id }))
			});
		take_page(listing, limit)
	}
}
