//! # MedChain's record gateway
//!
//! The provider-side service where medical records live and where access grants are
//! enforced. The access-grants contract records *who may* read a record and when they did;
//! the gateway holds the record and releases it only against that record:
//!
//! - **Upload** (`POST /fhir/{type}`): the provider, signing with its chain key, uploads a
//!   FHIR R4 resource for a patient. It is checked ([`fhir`]), sealed at rest under a key of
//!   its own ([`crypto`]), stored ([`store`]) and registered in access-grants with the hash of
//!   its locator and the data class blinded with the patient's tag secret ([`ledger`]).
//!   Bad input is answered with an `OperationOutcome` and nothing is stored or registered.
//! - **Release** (`GET /fhir/{type}/{id}`): a grantee, signing with its chain key, names its
//!   on-chain access (the block and index of its `Accessed` event). The record is released
//!   only if the signature is valid, fresh and not replayed ([`auth`]); that access is in a
//!   **finalised** block, is the signer's, and is to this record (the [follower](ledger::AccessFollower)
//!   keeps every finalised `Accessed` event of the gateway's records); it was not redeemed
//!   before (one access, one release); and the consent pallet still permits it now (a
//!   revocation between the access and the fetch wins). An unreachable chain means 503 and
//!   nothing released.
//! - **Tag secrets** (`PUT /medchain/tag-secret`): a patient shares the secret their data
//!   classes are blinded with, sealed to this provider's key; it is kept sealed, opened in
//!   memory to tag a record, and never logged.
//! - **FHIR Consent** (`GET /fhir/Consent?patient=…`, `POST /fhir/Consent`): a patient's
//!   on-chain consents as FHIR R4 Consents, and a FHIR Consent as the `grant_consent` call
//!   for the patient to sign, or refused with every element MedChain cannot represent
//!   named ([`consent`]).
//! - **Audit** (`GET /medchain/audit`): every upload, release, share and refusal, with its
//!   reason, in an append-only log.
//!
//! Errors: one type, [`error::GatewayError`], answered as an `OperationOutcome` with a status
//! that says whose move it is. Routes: [`routes`]. The chain is read and written through the
//! shared `medchain-client` crate, as the anomaly oracle does.

pub mod auth;
pub mod capability;
pub mod consent;
pub mod crypto;
pub mod error;
pub mod fhir;
pub mod ledger;
pub mod routes;
pub mod store;
