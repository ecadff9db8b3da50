//! How fast the oracle trains and scores: `scripts/bench-oracle.sh` (or `cargo bench
//! --workspace --bench scoring`). Prints shipments per second for feature extraction and
//! scoring together and for scoring alone, the median of several rounds over generated
//! journeys, and the training time of the default model.

use medchain_oracle::{
	features::{extract, Features},
	generator::generate,
	model::{Model, TrainingSet},
};
use std::{hint::black_box, time::Instant};

const JOURNEYS: usize = 20_000;
const ROUNDS: usize = 7;

fn median(mut values: Vec<f64>) -> f64 {
	values.sort_by(f64::total_cmp);
	values[values.len() / 2]
}

fn main() {
	let set = TrainingSet { seed: 1, count: 6_000 };
	let training = generate(set.seed, set.count);
	let started = Instant::now();
	let model = Model::train(1, set, &training).expect("the default model trains");
	let trained_in = started.elapsed();

	let journeys = generate(9, JOURNEYS);
	let mut end_to_end = Vec::new();
	let mut scoring = Vec::new();
	for _ in 0..ROUNDS {
		let started = Instant::now();
		for example in &journeys {
			black_box(model.assess(&extract(black_box(&example.journey), example.now)));
		}
		end_to_end.push(JOURNEYS as f64 / started.elapsed().as_secs_f64());

		let features: Vec<Features> = journeys.iter().map(|e| extract(&e.journey, e.now)).collect();
		let started = Instant::now();
		for x in &features {
			black_box(model.assess(black_box(x)));
		}
		scoring.push(JOURNEYS as f64 / started.elapsed().as_secs_f64());
	}

	println!(
		"oracle scoring, {JOURNEYS} generated journeys, median of {ROUNDS} rounds, one thread"
	);
	println!("  features + score + reasons   {:>12.0} shipments/s", median(end_to_end));
	println!("  score + reasons only         {:>12.0} shipments/s", median(scoring));
	println!(
		"  training ({} journeys)       {:>12.0} ms",
		set.count,
		trained_in.as_secs_f64() * 1000.0
	);
}
