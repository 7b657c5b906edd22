//! A bounded smoke run of every fuzz target: each file of its seed corpus (`fuzz/corpus/<target>/`)
//! goes through the same entry function the cargo-fuzz target calls, unchanged and with a few
//! deterministic mutations (truncations, a byte flip, a doubled input).

use std::path::Path;

fn corpus(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz/corpus")
        .join(target);
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| {
            let p = e.path();
            let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p.display().to_string(), bytes)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn every_target_survives_its_seed_corpus() {
    let mut runs = 0;
    for (name, entry) in vigil_fuzz::TARGETS {
        let seeds = corpus(name);
        assert!(!seeds.is_empty(), "fuzz/corpus/{name}/ is empty");
        for (path, bytes) in &seeds {
            let half = &bytes[..bytes.len() / 2];
            let mut flipped = bytes.clone();
            if let Some(b) = flipped.get_mut(bytes.len() / 3) {
                *b ^= 0x5a;
            }
            let doubled = [bytes.as_slice(), bytes.as_slice()].concat();
            for input in [bytes.as_slice(), half, &flipped, &doubled, &[][..]] {
                let started = std::time::Instant::now();
                entry(input);
                runs += 1;
                assert!(
                    started.elapsed() < std::time::Duration::from_secs(30),
                    "{name}: {path} took {:?}",
                    started.elapsed()
                );
            }
        }
    }
    assert!(runs >= 50, "{runs} runs");
}
