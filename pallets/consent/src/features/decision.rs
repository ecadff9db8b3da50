//! The decision: may an accessor act on a patient's data? Also the listings the runtime API
//! serves ("who can see what", "what I may see").

use crate::*;
use alloc::vec::Vec;
use medchain_primitives::participants::{ParticipantRoles, Role};

impl<T: Config> Pallet<T> {
	/// Decide whether `accessor` may act on `patient`'s data as `query` describes, at `at`.
	///
	/// In order:
	/// 1. The patient may always act on their own data.
	/// 2. An open break-glass episode of `accessor` (still an active clinician) with this
	///    patient permits reading and using the data for ETREAT or BTG, whatever the consents
	///    say; the episode is reviewed afterwards.
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
	) -> Decision {
		if accessor == patient {
			return Decision::Permit(Permit::Patient);
		}
		if matches!(query.purpose, Purpose::ETREAT | Purpose::BTG)
			&& matches!(query.action, Action::Access | Action::Use)
			&& T::Participants::has_role(accessor, Role::Clinician)
		{
			if let Some(episode) = Self::open_episode(patient, accessor, at) {
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

	/// A patient's stored consents with their status at `at`, oldest first.
	pub fn consents_of(patient: &T::AccountId, at: Moment) -> Vec<(ConsentId, ConsentStatus)> {
		PatientConsents::<T>::get(patient)
			.into_iter()
			.filter_map(|id| Consents::<T>::get(id).map(|c| (id, c.status_at(at))))
			.collect()
	}

	/// The consents that name `accessor` as grantee now, directly, as a participant or
	/// through a role it holds, with their status at `at`.
	pub fn consents_for(accessor: &T::AccountId, at: Moment) -> Vec<(ConsentId, ConsentStatus)> {
		// The grantees that name `accessor` now: itself, itself as an active participant, and
		// every role it holds.
		let mut grantees = alloc::vec![Grantee::Account(accessor.clone())];
		if T::Participants::is_active(accessor) {
			grantees.push(Grantee::Participant(accessor.clone()));
		}
		grantees.extend(
			Role::ALL
				.into_iter()
				.filter(|role| T::Participants::has_role(accessor, *role))
				.map(Grantee::Role),
		);
		let mut found: Vec<(ConsentId, ConsentStatus)> = grantees
			.into_iter()
			.flat_map(GranteeConsents::<T>::iter_key_prefix)
			.filter_map(|id| Consents::<T>::get(id).map(|c| (id, c.status_at(at))))
			.collect();
		found.sort_by_key(|(id, _)| *id);
		found
	}
}
