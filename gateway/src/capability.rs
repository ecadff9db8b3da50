//! The gateway's FHIR R4 `CapabilityStatement` (`GET /fhir/metadata`): what a FHIR client
//! may ask of it, and how requests are secured.

use crate::fhir::SUPPORTED;
use serde_json::{json, Value};

/// The CapabilityStatement of a gateway at `base_url` taking resources of at most
/// `max_bytes`.
pub fn statement(base_url: &str, max_bytes: usize) -> Value {
	let resources: Vec<Value> = SUPPORTED
		.iter()
		.map(|kept| {
			json!({
				"type": kept.resource_type,
				"interaction": [
					{ "code": "create", "documentation": "The provider uploads a record for the patient named in the signed request; it is stored sealed and registered in access-grants." },
					{ "code": "read", "documentation": "Released to a grantee once per finalised, consented, unredeemed on-chain access named in the signed request." },
				],
				"versioning": "no-version",
				"readHistory": false,
				"updateCreate": false,
			})
		})
		.collect();
	json!({
		"resourceType": "CapabilityStatement",
		"status": "active",
		"date": "2026-12-01",
		"publisher": "MedChain",
		"kind": "instance",
		"software": { "name": "medchain-gateway", "version": env!("CARGO_PKG_VERSION") },
		"implementation": { "description": "MedChain record gateway", "url": format!("{base_url}/fhir") },
		"fhirVersion": "4.0.1",
		"format": ["application/fhir+json"],
		"rest": [{
			"mode": "server",
			"documentation": format!("Records of at most {max_bytes} bytes. Every create and read is signed with the caller's MedChain (sr25519) key: Authorization: MedChain account, time, nonce, access, patient, signature."),
			"security": {
				"cors": false,
				"description": "Requests are signed with the caller's chain key over the method, path, time, nonce, named access and patient, and the body's blake2-256; a signature is good once, for 60 s. A read is released only against the grantee's finalised Accessed event on the access-grants contract, once, while the patient's consent still permits it.",
			},
			"resource": resources,
		}],
	})
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn it_lists_every_kept_type_for_r4() {
		let statement = statement("http://gw", 1024);
		assert_eq!(statement["fhirVersion"], "4.0.1");
		let types: Vec<&str> = statement["rest"][0]["resource"]
			.as_array()
			.unwrap()
			.iter()
			.map(|r| r["type"].as_str().unwrap())
			.collect();
		assert_eq!(types.len(), SUPPORTED.len());
		assert!(types.contains(&"Observation") && types.contains(&"ImagingStudy"));
	}
}
