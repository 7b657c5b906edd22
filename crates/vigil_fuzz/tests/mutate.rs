//! A stable-Rust stand-in for `cargo fuzz run` (which needs nightly): mutate the seed corpus of every
//! target for a while and feed each mutant to its entry function. Ignored by default; run with
//!
//! ```sh
//! VIGIL_FUZZ_SECONDS=600 cargo test --release -p vigil_fuzz --test mutate -- --ignored --nocapture
//! ```
//!
//! (`VIGIL_FUZZ_TARGETS=java,python` limits the targets.) A panic is caught, the input written to
//! `target/fuzz-crashes/<target>-<n>.bin`, and the test fails at the end; every target's execution
//! count is printed.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// xorshift64*: deterministic, seeded per target.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            usize::try_from(self.next() % n as u64).unwrap_or(0)
        }
    }
}

/// Tokens that reach deeper into the parsers than random bytes.
const DICT: &[&[u8]] = &[
    b"(",
    b")",
    b"{",
    b"}",
    b"[",
    b"]",
    b"\"",
    b"'",
    b"\"\"\"",
    b"'''",
    b"\n",
    b"\t",
    b"    ",
    b"#",
    b"//",
    b"/*",
    b"*/",
    b": ",
    b"- ",
    b"&a ",
    b"*a",
    b"<<: *a",
    b"$ref",
    b"\"#/\"",
    b"|",
    b">",
    b"+",
    b" + x",
    b"if x:",
    b"else:",
    b"try:",
    b"finally:",
    b"while ",
    b"for x in y:",
    b"return ",
    b"lambda",
    b"class A",
    b"def f(x):",
    b"new A(",
    b"request.getParameter(\"a\")",
    b"request.args['a']",
    b"executeQuery(",
    b"eval(",
    b"yaml.load(",
    b"vigil-ignore[",
    b"@@ -1,2 +1,3 @@",
    b"diff --git a/x b/x",
    b"+++ b/x",
    b"--- a/x",
    b"version: 0.2",
    b"openapi: 3.0.0",
    b"\"runs\"",
    b"\"results\"",
    b"\xff",
    b"\x00",
    b"\xc3\xa9",
    b"\xe2\x80\xae",
];

fn mutate(rng: &mut Rng, seed: &[u8], other: &[u8]) -> Vec<u8> {
    let mut v = seed.to_vec();
    for _ in 0..=rng.below(4) {
        let len = v.len();
        match rng.below(8) {
            0 if len > 0 => {
                let i = rng.below(len);
                v[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let a = rng.below(len);
                let b = (a + rng.below(64)).min(len);
                v.drain(a..b);
            }
            2 => {
                let tok = DICT[rng.below(DICT.len())];
                let at = rng.below(len + 1);
                v.splice(at..at, tok.iter().copied());
            }
            3 if len > 0 => {
                // Duplicate a chunk (deep nesting, long lines).
                let a = rng.below(len);
                let b = (a + 1 + rng.below(256)).min(len);
                let chunk = v[a..b].to_vec();
                let max_reps = if rng.below(16) == 0 { 400 } else { 4 };
                let reps = 1 + rng.below(max_reps);
                for _ in 0..reps {
                    v.splice(b..b, chunk.iter().copied());
                }
            }
            4 if !other.is_empty() => {
                // Splice in part of another seed.
                let a = rng.below(other.len());
                let b = (a + rng.below(512)).min(other.len());
                let at = rng.below(len + 1);
                v.splice(at..at, other[a..b].iter().copied());
            }
            5 if len > 0 => v.truncate(rng.below(len)),
            6 if len > 0 => {
                let i = rng.below(len);
                v[i] = DICT[rng.below(DICT.len())].first().copied().unwrap_or(b'x');
            }
            _ => {
                let at = rng.below(len + 1);
                v.insert(at, u8::try_from(rng.below(256)).unwrap_or(0));
            }
        }
    }
    v.truncate(1 << 20);
    v
}

fn seeds(target: &str) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz/corpus")
        .join(target);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.sort();
    paths.iter().filter_map(|p| std::fs::read(p).ok()).collect()
}

#[test]
#[ignore = "a long fuzzing run: VIGIL_FUZZ_SECONDS=N cargo test -p vigil_fuzz --test mutate -- --ignored"]
fn mutate_every_target() {
    let seconds: u64 = std::env::var("VIGIL_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    let only: Option<Vec<String>> = std::env::var("VIGIL_FUZZ_TARGETS")
        .ok()
        .map(|s| s.split(',').map(str::to_owned).collect());
    let crashes = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/fuzz-crashes");
    std::panic::set_hook(Box::new(|_| {}));
    let mut failures = Vec::new();
    for (ti, (name, entry)) in vigil_fuzz::TARGETS.iter().enumerate() {
        if only.as_ref().is_some_and(|o| !o.iter().any(|t| t == name)) {
            continue;
        }
        let pool = seeds(name);
        assert!(!pool.is_empty(), "no seeds for {name}");
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ (ti as u64 + 1));
        let (mut execs, mut slowest) = (0_u64, Duration::ZERO);
        let deadline = Instant::now() + Duration::from_secs(seconds);
        while Instant::now() < deadline {
            let seed = &pool[rng.below(pool.len())];
            let other = &pool[rng.below(pool.len())];
            let input = mutate(&mut rng, seed, other);
            let started = Instant::now();
            let ok = std::panic::catch_unwind(|| entry(&input)).is_ok();
            slowest = slowest.max(started.elapsed());
            execs += 1;
            if !ok {
                let _ = std::fs::create_dir_all(&crashes);
                let file = crashes.join(format!("{name}-{execs}.bin"));
                let _ = std::fs::write(&file, &input);
                failures.push(format!("{name}: panic, input in {}", file.display()));
            }
        }
        println!("fuzz {name}: {execs} executions in {seconds} s, slowest input {slowest:?}");
    }
    let _ = std::panic::take_hook();
    assert!(failures.is_empty(), "{failures:#?}");
}
