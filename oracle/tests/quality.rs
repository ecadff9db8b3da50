//! The trained model's quality on a held-out generated set, deterministic (seeded): the
//! oracle must find anomalies with precision and recall of at least 0.95.

use medchain_oracle::{
	evaluation::evaluate,
	features::extract,
	generator::{generate, Kind},
	model::{Model, TrainingSet},
};
use medchain_primitives::holds::{ReasonCode, MAX_SCORE};

fn trained() -> Model {
	let set = TrainingSet { seed: 1, count: 6_000 };
	Model::train(1, set, &generate(set.seed, set.count)).expect("the model trains")
}

#[test]
fn the_model_finds_anomalies_with_precision_and_recall_of_at_least_95_percent() {
	let model = trained();
	let evaluation = evaluate(&model, &generate(2, 3_000));
	println!("{evaluation}");
	let any = evaluation.anomalous;
	assert!(any.precision >= 0.95, "precision {}", any.precision);
	assert!(any.recall >= 0.95, "recall {}", any.recall);
	// Every kind of anomaly is found, and told apart from the others.
	for (k, kind) in Kind::ALL.iter().enumerate() {
		let scores = evaluation.per_kind[k];
		assert!(scores.support > 100, "{kind:?} is in the held-out set");
		assert!(scores.f1 >= 0.9, "{kind:?}: {scores:?}");
	}
}

#[test]
fn training_is_reproducible_and_the_version_names_the_parameters() {
	let a = trained();
	let b = trained();
	assert_eq!(a.version, b.version);
	let other = Model::train(1, TrainingSet { seed: 5, count: 6_000 }, &generate(5, 6_000))
		.expect("the model trains");
	assert_ne!(a.version, other.version);
}

#[test]
fn a_model_file_round_trips_and_edits_are_caught() {
	let model = trained();
	let dir = std::env::temp_dir().join(format!("medchain-oracle-{}", std::process::id()));
	std::fs::create_dir_all(&dir).unwrap();
	let path = dir.join("model.json");
	model.save(&path).unwrap();
	let loaded = Model::load(&path).unwrap();
	assert_eq!((loaded.model_id, loaded.version), (model.model_id, model.version));
	// Change one parameter: the version no longer matches.
	let json = std::fs::read_to_string(&path).unwrap();
	let mut value: serde_json::Value = serde_json::from_str(&json).unwrap();
	let first = &mut value["classes"][0]["weights_e6"][0];
	*first = serde_json::json!(first.as_i64().unwrap() + 1);
	std::fs::write(&path, serde_json::to_string(&value).unwrap()).unwrap();
	let error = Model::load(&path).unwrap_err().to_string();
	assert!(error.contains("hash to"), "{error}");
	std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn scores_and_reasons_explain_each_anomaly() {
	let model = trained();
	let set = generate(3, 600);
	for kind in &Kind::ALL[1..] {
		let examples: Vec<_> = set.iter().filter(|e| e.kind == *kind).collect();
		let mut named = 0;
		for example in &examples {
			let assessment = model.assess(&extract(&example.journey, example.now));
			assert!(assessment.score <= MAX_SCORE);
			assert!(!assessment.reasons.is_empty() && assessment.reasons.len() <= 3);
			if assessment.reasons[0] == kind.primary_reason().unwrap()
				|| (*kind == Kind::Diversion
					&& assessment.reasons.contains(&ReasonCode::RouteDeviation))
			{
				named += 1;
			}
		}
		// The leading reason names the anomaly for nearly all of them.
		assert!(named * 10 >= examples.len() * 9, "{kind:?}: {named} of {}", examples.len());
	}
	// Normal journeys score low.
	let normal: Vec<u16> = set
		.iter()
		.filter(|e| e.kind == Kind::Normal)
		.map(|e| model.assess(&extract(&e.journey, e.now)).score)
		.collect();
	let high = normal.iter().filter(|s| **s >= 5_000).count();
	assert!(high * 50 <= normal.len(), "{high} of {} normal journeys scored high", normal.len());
}
