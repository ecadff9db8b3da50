//! The anomaly model: multinomial logistic regression over the shipment features, one class
//! per [`Kind`], trained with smartcore. A shipment's score is the probability that it is
//! not normal, in basis points; its reason codes are the features that pushed it most
//! towards its likeliest anomaly.
//!
//! A model file (JSON) holds the fitted weights (in millionths) with the model's id and
//! version. The
//! version is the first four bytes of the blake2-256 hash of the weights, so the same
//! training set always gives the same version and any change gives a new one.
//!
//! smartcore fits the weights and answers the likeliest class; it has no probabilities, so
//! the score is the softmax of the same linear scores (`intercept + weights · features`)
//! that its `predict` takes the largest of. Training checks that those scores pick the class
//! smartcore predicts for every training journey, so the two cannot drift apart.

use crate::{
	features::{Features, FEATURES, NAMES, REASONS},
	generator::{Example, Kind},
};
use medchain_primitives::holds::{ReasonCode, MAX_SCORE};
use serde::{Deserialize, Serialize};
use smartcore::{
	linalg::basic::{arrays::Array, matrix::DenseMatrix},
	linear::logistic_regression::{LogisticRegression, LogisticRegressionParameters},
};
use std::path::Path;

/// L2 regularisation of the fit: enough to keep the weights finite on journeys that are
/// separable, small enough not to blur the kinds.
const ALPHA: f64 = 1.0;
/// The most reason codes a report gives.
pub const MAX_REASONS: usize = 3;

/// What went wrong with a model.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
	/// The fit failed.
	#[error("training failed: {0}")]
	Training(String),
	/// The fitted weights do not reproduce smartcore's own predictions.
	#[error("the fitted weights disagree with smartcore's prediction for {0} training journeys")]
	Inconsistent(usize),
	/// The training set lacks a kind of journey.
	#[error("the training set has no {0:?} journeys")]
	MissingKind(Kind),
	/// The model file could not be read or written.
	#[error("model file {path}: {source}")]
	Io { path: String, source: std::io::Error },
	/// The model file is not a model.
	#[error("model file {path} is not a MedChain oracle model: {source}")]
	Format { path: String, source: serde_json::Error },
	/// The model file was edited: its version does not match its weights.
	#[error("model file {path} says version {claimed:08x} but its weights hash to {actual:08x}")]
	Tampered { path: String, claimed: u32, actual: u32 },
	/// The model was trained on other features than this oracle computes.
	#[error("model file {path} was trained on features {found:?}, this oracle computes {NAMES:?}")]
	Features { path: String, found: Vec<String> },
}

/// A trained model.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Model {
	/// The model's id, as reported to the contract (its record is kept per id).
	pub model_id: u32,
	/// The model's version: a hash of its weights.
	pub version: u32,
	/// How it was trained.
	pub trained_on: TrainingSet,
	/// The features, in input order.
	pub features: Vec<String>,
	/// One linear score per kind, in [`Kind::ALL`] order.
	classes: Vec<ClassWeights>,
	/// The blake2-256 of the model file it was loaded from: the version the shipment-holds
	/// contract registers it under and its reports name (all zero for a model not loaded
	/// from a file).
	#[serde(skip)]
	pub file_hash: [u8; 32],
}

/// The linear score of one kind: `intercept + Σ weights[i] · features[i]`. The file keeps
/// them in millionths, as integers: JSON round-trips integers exactly (floats may come
/// back a bit off), so a model loads with the very weights its version hashes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct ClassWeights {
	kind: Kind,
	weights_e6: [i64; FEATURES],
	intercept_e6: i64,
}

/// Weights are kept to a millionth.
const SCALE: f64 = 1e6;

impl ClassWeights {
	fn new(kind: Kind, weights: Features, intercept: f64) -> Self {
		// `as` saturates, and the fit's weights are far inside i64 millionths anyway.
		let fixed = |w: f64| (w * SCALE).round() as i64;
		ClassWeights { kind, weights_e6: weights.map(fixed), intercept_e6: fixed(intercept) }
	}

	fn score(&self, x: &Features) -> f64 {
		let sum = self.weights_e6.iter().zip(x).fold(0.0, |sum, (w, x)| sum + *w as f64 * x);
		(sum + self.intercept_e6 as f64) / SCALE
	}

	fn weight(&self, i: usize) -> f64 {
		self.weights_e6[i] as f64 / SCALE
	}
}

/// The generated set a model was trained on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingSet {
	/// The generator's seed.
	pub seed: u64,
	/// How many journeys.
	pub count: usize,
}

/// The set `oracle train` trains on by default: the model the oracle ships with.
pub const DEFAULT_TRAINING: TrainingSet = TrainingSet { seed: 1, count: 6_000 };
/// The model id `oracle train` gives by default.
pub const DEFAULT_MODEL_ID: u32 = 1;

/// What the model says about one shipment.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
	/// How likely it is that something is wrong, 0..=10 000.
	pub score: u16,
	/// The likeliest kind (normal or an anomaly).
	pub kind: Kind,
	/// The likeliest anomaly, whatever the likeliest kind is.
	pub anomaly: Kind,
	/// The reasons for the score, strongest first (1 to 3, each once).
	pub reasons: Vec<ReasonCode>,
}

impl Model {
	/// Train model `model_id` on `examples` (generated from `trained_on`).
	pub fn train(
		model_id: u32,
		trained_on: TrainingSet,
		examples: &[Example],
	) -> Result<Self, ModelError> {
		for kind in Kind::ALL {
			if !examples.iter().any(|e| e.kind == kind) {
				return Err(ModelError::MissingKind(kind));
			}
		}
		let rows: Vec<Vec<f64>> =
			examples.iter().map(|e| crate::features::extract(&e.journey, e.now).to_vec()).collect();
		let x = DenseMatrix::from_2d_vec(&rows).map_err(|e| ModelError::Training(e.to_string()))?;
		let y: Vec<u32> = examples.iter().map(|e| e.kind.class() as u32).collect();
		let fitted = LogisticRegression::fit(
			&x,
			&y,
			LogisticRegressionParameters::default().with_alpha(ALPHA),
		)
		.map_err(|e| ModelError::Training(e.to_string()))?;

		// Every kind is present, so smartcore's classes are the class indices 0..6 in order.
		let (coefficients, intercept) = (fitted.coefficients(), fitted.intercept());
		let linear: Vec<(Kind, Features, f64)> = fitted
			.classes()
			.iter()
			.enumerate()
			.map(|(row, class)| {
				(
					Kind::ALL.get(*class as usize).copied().unwrap_or(Kind::Normal),
					core::array::from_fn(|i| *coefficients.get((row, i))),
					*intercept.get((row, 0)),
				)
			})
			.collect();

		// Read smartcore's layout right: the largest linear score is the class it predicts.
		let predicted = fitted.predict(&x).map_err(|e| ModelError::Training(e.to_string()))?;
		let disagree = rows
			.iter()
			.zip(&predicted)
			.filter(|(row, class)| {
				let score = |(_, w, b): &(Kind, Features, f64)| {
					w.iter().zip(row.iter()).fold(*b, |sum, (w, x)| sum + w * x)
				};
				let best = linear.iter().max_by(|l, r| score(l).total_cmp(&score(r)));
				best.map(|(kind, ..)| kind.class()) != Some(**class as usize)
			})
			.count();
		if disagree > 0 {
			return Err(ModelError::Inconsistent(disagree));
		}

		let classes: Vec<ClassWeights> =
			linear.into_iter().map(|(kind, w, b)| ClassWeights::new(kind, w, b)).collect();
		let model = Model {
			model_id,
			version: version_of(&classes),
			trained_on,
			features: NAMES.iter().map(|n| n.to_string()).collect(),
			classes,
			file_hash: [0; 32],
		};
		Ok(model)
	}

	/// Write the model file (whole or not at all).
	pub fn save(&self, path: &Path) -> Result<(), ModelError> {
		let json = serde_json::to_string_pretty(self)
			.map_err(|source| ModelError::Format { path: path.display().to_string(), source })?;
		medchain_client::store::write_atomically(path, json.as_bytes())
			.map_err(|source| ModelError::Io { path: path.display().to_string(), source })
	}

	/// Read a model file, checking that its version matches its weights and that it was
	/// trained on the features this oracle computes.
	pub fn load(path: &Path) -> Result<Self, ModelError> {
		let name = || path.display().to_string();
		let json = std::fs::read_to_string(path)
			.map_err(|source| ModelError::Io { path: name(), source })?;
		let mut model: Model = serde_json::from_str(&json)
			.map_err(|source| ModelError::Format { path: name(), source })?;
		model.file_hash = sp_crypto_hashing::blake2_256(json.as_bytes());
		if model.features != NAMES {
			return Err(ModelError::Features { path: name(), found: model.features });
		}
		let actual = version_of(&model.classes);
		if actual != model.version {
			return Err(ModelError::Tampered { path: name(), claimed: model.version, actual });
		}
		Ok(model)
	}

	/// Assess one shipment.
	pub fn assess(&self, features: &Features) -> Assessment {
		let scores = self.scores(features);
		// The probabilities are the softmax of the scores (shifted by the largest, so no
		// exponential overflows).
		let top = scores.iter().map(|(_, s)| *s).fold(f64::NEG_INFINITY, f64::max);
		let total: f64 = scores.iter().map(|(_, s)| (s - top).exp()).sum();
		let normal = scores
			.iter()
			.find(|(kind, _)| *kind == Kind::Normal)
			.map_or(0.0, |(_, s)| (s - top).exp() / total);
		let score = ((1.0 - normal) * f64::from(MAX_SCORE)).round();
		let anomaly = self.likeliest(&scores, &Kind::ALL[1..]);
		Assessment {
			score: if score.is_finite() {
				score.clamp(0.0, f64::from(MAX_SCORE)) as u16
			} else {
				0
			},
			kind: self.likeliest(&scores, &Kind::ALL),
			anomaly,
			reasons: self.reasons(features, anomaly),
		}
	}

	/// Assess many shipments.
	pub fn assess_all(&self, features: &[Features]) -> Vec<Assessment> {
		features.iter().map(|x| self.assess(x)).collect()
	}

	/// Each kind's linear score.
	fn scores(&self, x: &Features) -> Vec<(Kind, f64)> {
		self.classes.iter().map(|c| (c.kind, c.score(x))).collect()
	}

	/// The kind among `kinds` with the highest score (the first on a tie, as smartcore).
	fn likeliest(&self, scores: &[(Kind, f64)], kinds: &[Kind]) -> Kind {
		let mut best: Option<(Kind, f64)> = None;
		for (kind, score) in scores.iter().filter(|(k, _)| kinds.contains(k)) {
			if best.is_none_or(|(_, b)| *score > b) {
				best = Some((*kind, *score));
			}
		}
		best.map_or(Kind::Normal, |(kind, _)| kind)
	}

	/// The reason codes behind pointing at `anomaly` rather than normal: each feature's
	/// contribution to the difference between the two kinds' scores, the largest positive
	/// ones first, mapped to reason codes (each once, at most three).
	fn reasons(&self, x: &Features, anomaly: Kind) -> Vec<ReasonCode> {
		let weights = |kind: Kind| self.classes.iter().find(|c| c.kind == kind);
		let (Some(a), Some(n)) = (weights(anomaly), weights(Kind::Normal)) else {
			return Vec::new();
		};
		let mut contributions: Vec<(f64, usize)> = (0..FEATURES)
			.map(|i| ((a.weight(i) - n.weight(i)) * x[i], i))
			.filter(|(c, _)| *c > 0.0)
			.collect();
		contributions.sort_by(|l, r| r.0.total_cmp(&l.0));
		// A reason must matter: at least a tenth of the strongest one's push.
		let strongest = contributions.first().map_or(0.0, |(c, _)| *c);
		contributions.retain(|(c, _)| *c >= strongest / 10.0);
		let mut reasons = Vec::new();
		// A report needs a reason: with no feature pushing, the anomaly's own.
		if contributions.is_empty() {
			reasons.extend(anomaly.primary_reason());
		}
		for (_, i) in contributions {
			if let Some(code) = REASONS[i] {
				if !reasons.contains(&code) && reasons.len() < MAX_REASONS {
					reasons.push(code);
				}
			}
		}
		reasons
	}
}

fn version_of(classes: &[ClassWeights]) -> u32 {
	// The weights are integers, so the file's text and the hash always agree.
	let bytes = serde_json::to_vec(classes).unwrap_or_default();
	let hash = sp_crypto_hashing::blake2_256(&bytes);
	u32::from_be_bytes([hash[0], hash[1], hash[2], hash[3]])
}
