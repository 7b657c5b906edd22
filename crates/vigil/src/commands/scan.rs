//! `vigil scan`.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context as _;
use vigil_core::baseline::Baseline;
use vigil_core::config::{find_config, Config, FailOn};
use vigil_core::{Finding, ScanReport};
use vigil_report::{Format, RenderOptions};
use vigil_scan::{CliSettings, ScanOptions, Settings};

use crate::cli::{ColorArg, ScanArgs};
use crate::output::{note, write_atomic, write_stdout};
use crate::{registry, ExitStatus};

/// The configuration: `--config FILE`, else the nearest `vigil.toml` upward from the first path (or
/// the current directory), else the defaults.
fn load_config(explicit: Option<&Path>, paths: &[PathBuf], cwd: &Path) -> anyhow::Result<Config> {
    let found = match explicit {
        Some(p) => Some(p.to_path_buf()),
        None => {
            let start = paths.first().map_or_else(
                || cwd.to_path_buf(),
                |p| {
                    let abs = vigil_scan::discover::normalize(&cwd.join(p));
                    if abs.is_dir() {
                        abs
                    } else {
                        abs.parent()
                            .map_or_else(|| cwd.to_path_buf(), Path::to_path_buf)
                    }
                },
            );
            find_config(&start)
        }
    };
    let Some(path) = found else {
        return Ok(Config::default_for(cwd));
    };
    // Name the file relative to the current directory in messages; resolve globs from its directory.
    let shown = path
        .strip_prefix(cwd)
        .map_or_else(|_| path.clone(), Path::to_path_buf);
    let mut config = Config::load(&shown)?;
    config.dir = vigil_scan::discover::normalize(&cwd.join(&config.dir));
    Ok(config)
}

fn use_color(arg: ColorArg, to_stdout: bool) -> bool {
    match arg {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => {
            to_stdout
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
        }
    }
}

/// Builds the analyzers of a run from its rules.
pub(crate) type BuildAnalyzers =
    fn(&vigil_core::RuleSet) -> anyhow::Result<Vec<Box<dyn vigil_core::Analyzer>>>;

pub(crate) fn run(args: &ScanArgs) -> anyhow::Result<ExitStatus> {
    if args.new_only && args.baseline.is_none() {
        anyhow::bail!("--new-only needs --baseline FILE (the findings that are not new)");
    }
    if args.parse_only {
        return parse_only(args);
    }
    run_with(args, registry::analyzers)
}

/// `vigil scan --parse-only`: the floor. Files are found, read and parsed as in a scan (same walker,
/// limits and threads) and every node is visited; no rule is compiled or run.
fn parse_only(args: &ScanArgs) -> anyhow::Result<ExitStatus> {
    let start = std::time::Instant::now();
    let cwd = std::env::current_dir().context("cannot determine the current directory")?;
    let rules = registry::load_rules(&args.rules)?;
    let config = load_config(args.config.as_deref(), &args.paths, &cwd)?;
    let cli = CliSettings {
        max_file_size: args.max_file_size,
        ..CliSettings::default()
    };
    let settings = Settings::new(&config, &cli, &rules)?;
    let none = vigil_core::RuleSet::new(std::iter::empty())?;
    let analyzers = registry::analyzers(&none)?;
    let opts = ScanOptions {
        paths: args.paths.clone(),
        root: args.root.clone(),
        jobs: args.jobs,
        shard: args.shard,
        parse_only: true,
        ..ScanOptions::default()
    };
    let result = vigil_scan::scan(&analyzers, &settings, &opts)?;
    let stats = result.parse_stats.unwrap_or_default();
    let secs = start.elapsed().as_secs_f64();
    let mb = stats.bytes as f64 / 1e6;
    let line = format!(
        "parse-only: {} files, {:.1} MB, {} nodes in {:.2} s ({:.1} MB/s), {} notices",
        stats.files,
        mb,
        stats.nodes,
        secs,
        mb / secs.max(1e-9),
        result.report.notifications.len()
    );
    write_stdout(format!("{line}\n").as_bytes())?;
    Ok(ExitStatus::Success)
}

/// What a scan produced, before it is rendered.
pub(crate) struct ScanOutcome {
    pub(crate) report: ScanReport,
    /// Findings hidden by the baseline (recorded again by `--write-baseline`).
    pub(crate) baselined: Vec<Finding>,
    pub(crate) fail_on: FailOn,
    /// `--allow-skipped` / `allow-skipped`: files that could not be analyzed do not fail the gate.
    pub(crate) allow_skipped: bool,
}

impl ScanOutcome {
    /// The gate: whether a reported finding is at or above `--fail-on`, or (unless
    /// `--allow-skipped`) a file that was named or found could not be analyzed (an error-level notice
    /// counts as an error finding).
    pub(crate) fn failed(&self) -> bool {
        self.report
            .findings
            .iter()
            .any(|f| self.fail_on.fails(f.severity))
            || (!self.allow_skipped && self.skipped_errors() > 0)
    }

    /// Error-level notices that fail the gate (none when `--fail-on never`).
    pub(crate) fn skipped_errors(&self) -> usize {
        if !self.fail_on.fails(vigil_core::Severity::Error) {
            return 0;
        }
        self.report
            .notifications
            .iter()
            .filter(|n| n.level == vigil_core::NotificationLevel::Error)
            .count()
    }
}

/// The incremental cache of this run: its folder, and a key over everything results depend on
/// besides the files (the vigil binary, so its version, rules and models; the configuration
/// file; user rules; the options that change findings; threat models; the baseline; where paths
/// are relative to).
fn cache_options(
    args: &ScanArgs,
    cwd: &Path,
    settings: &Settings,
    rules: &vigil_core::RuleSet,
    threat_models: &[String],
    build: BuildAnalyzers,
) -> anyhow::Result<vigil_scan::CacheOptions> {
    let mut key = Vec::new();
    let exe =
        std::env::current_exe().context("cannot locate the vigil binary for the cache key")?;
    // The binary by path, size and modification time (hashing its bytes would cost more than a
    // warm scan): a rebuilt or upgraded vigil starts a new cache.
    let meta = std::fs::metadata(&exe)
        .with_context(|| format!("cannot read {} for the cache key", exe.display()))?;
    let built = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    key.extend_from_slice(
        format!(
            "{}\0{}\0{built}\0{}",
            exe.display(),
            meta.len(),
            env!("CARGO_PKG_VERSION")
        )
        .as_bytes(),
    );
    if let Some(config) = &settings.config_path {
        key.extend_from_slice(&std::fs::read(config).unwrap_or_default());
    }
    if let Some(b) = &args.baseline {
        key.extend_from_slice(&std::fs::read(b).unwrap_or_default());
    }
    let user_rules: Vec<String> = rules
        .iter()
        .filter(|r| !r.builtin)
        .map(|r| format!("{r:?}"))
        .collect();
    let options = format!(
        "{:?}",
        (
            cwd,
            &args.paths,
            &args.root,
            &args.select,
            &args.ignore,
            args.max_file_size,
            args.report_unused_suppressions,
            args.file_time_budget,
            args.shard.map(|s| s.to_string()),
            threat_models,
            user_rules,
            // Which analyzers (tests build their own): the function's offset in the binary, which
            // address-space randomization leaves unchanged.
            (build as usize).wrapping_sub(registry::analyzers as BuildAnalyzers as usize),
        )
    );
    key.extend_from_slice(options.as_bytes());
    let dir = match &args.cache_dir {
        Some(d) => cwd.join(d),
        None => PathBuf::from(".vigil_cache"),
    };
    Ok(vigil_scan::CacheOptions {
        dir,
        key: vigil_scan::cache::hash64(&key),
    })
}

/// `vigil scan` with the analyzers built by `build` (the registry, or a test analyzer).
fn run_with(args: &ScanArgs, build: BuildAnalyzers) -> anyhow::Result<ExitStatus> {
    let outcome = execute(args, build)?;
    emit(args, &outcome)
}

/// Load rules and config, scan, and apply `--diff`/`--diff-from-file`.
pub(crate) fn execute(args: &ScanArgs, build: BuildAnalyzers) -> anyhow::Result<ScanOutcome> {
    let cwd = std::env::current_dir().context("cannot determine the current directory")?;
    let rules = registry::load_rules(&args.rules)?;
    let config = load_config(args.config.as_deref(), &args.paths, &cwd)?;
    let cli = CliSettings {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        max_file_size: args.max_file_size,
        fail_on: args.fail_on.map(Into::into),
        allow_skipped: args.allow_skipped,
        report_unused_suppressions: args.report_unused_suppressions,
        file_time_budget: args.file_time_budget,
    };
    let settings = Settings::new(&config, &cli, &rules)?;
    if settings.enabled_rules().is_empty() {
        // Running nothing and passing the gate would hide a typo or an empty category.
        anyhow::bail!(
            "the selection matches no rules: nothing would be checked (see `--select`, `--ignore`, \
             `select`/`ignore` in the configuration, and `vigil rules`; experimental rules run only \
             when selected by id)"
        );
    }
    let mut threat_models = config.options.threat_models.clone().unwrap_or_default();
    threat_models.extend(args.threat_model.iter().cloned());
    vigil_java::set_threat_models(&threat_models).map_err(anyhow::Error::msg)?;
    vigil_python::set_threat_models(&threat_models).map_err(anyhow::Error::msg)?;
    let baseline = args
        .baseline
        .as_deref()
        .map(Baseline::load)
        .transpose()?
        .map(Arc::new);
    let analyzers = build(&rules)?;
    let cache = (!args.no_cache)
        .then(|| cache_options(args, &cwd, &settings, &rules, &threat_models, build))
        .transpose()?;
    let opts = ScanOptions {
        paths: args.paths.clone(),
        root: args.root.clone(),
        jobs: args.jobs,
        shard: args.shard,
        baseline,
        progress: !args.no_progress && !args.quiet,
        parse_only: false,
        cache,
    };
    let mut result = vigil_scan::scan(&analyzers, &settings, &opts)?;
    let missing = registry::unimplemented(&result.report.rules, &analyzers);
    if !missing.is_empty() {
        result.report.notifications.extend(missing);
        result
            .report
            .notifications
            .sort_by(|a, b| (&a.path, &a.kind, &a.message).cmp(&(&b.path, &b.kind, &b.message)));
    }
    let mut report = result.report;
    // Diff-aware gate: keep only findings on changed lines. An unknown revision (e.g. the base commit
    // of a shallow clone was not fetched) is an error, with the fix in the message.
    let diff = match (&args.diff, &args.diff_from_file) {
        (Some(rev), _) => Some(
            vigil_review::diff_since(&report.root, rev)
                .with_context(|| format!("--diff {rev}: cannot compute the changed lines"))?,
        ),
        (None, Some(patch)) => Some(
            vigil_review::read_patch(patch)
                .with_context(|| format!("--diff-from-file {}", patch.display()))?,
        ),
        (None, None) => None,
    };
    if let Some(diff) = &diff {
        vigil_review::filter_report(&mut report, diff);
    }
    Ok(ScanOutcome {
        report,
        baselined: result.baselined,
        fail_on: settings.fail_on,
        allow_skipped: settings.allow_skipped,
    })
}

/// Render the report, write it (and the baseline), and return the gate's status.
pub(crate) fn emit(args: &ScanArgs, outcome: &ScanOutcome) -> anyhow::Result<ExitStatus> {
    let report = &outcome.report;
    let format = args.format.format();
    let render_opts = RenderOptions {
        color: format == Format::Text
            && use_color(
                args.color,
                args.output.as_deref().is_none_or(|p| p == Path::new("-")),
            ),
        tool_version: env!("CARGO_PKG_VERSION").to_owned(),
        category: args.category.clone(),
        include_suppressed: args.include_suppressed,
        quiet: args.quiet,
    };
    // Code hosts (GitHub, GitLab, reviewdog) read paths relative to the repository root, not to the
    // scan root: re-root a scan of a subdirectory.
    let hosted = matches!(
        format,
        Format::Sarif | Format::Github | Format::Gitlab | Format::Rdjson | Format::Rdjsonl
    );
    let shown: std::borrow::Cow<'_, ScanReport> = if hosted {
        vigil_report::paths::for_code_host(report)
    } else {
        std::borrow::Cow::Borrowed(report)
    };
    let mut buf = Vec::new();
    let rendered = if format == Format::Github {
        vigil_report::github::render_with_summary(&shown, &render_opts, &mut buf).map(|_| ())
    } else {
        vigil_report::render(format, &shown, &render_opts, &mut buf)
    };
    rendered.with_context(|| format!("cannot render the {} report", format.as_str()))?;
    match &args.output {
        Some(path) => write_atomic(path, &buf)?,
        None => write_stdout(&buf)?,
    }

    if let Some(path) = &args.write_baseline {
        let b = Baseline::from_findings(report.findings.iter().chain(&outcome.baselined));
        write_atomic(path, b.to_json().as_bytes())
            .with_context(|| "cannot write the baseline".to_owned())?;
        if !args.quiet {
            note(&format!(
                "vigil: wrote {} fingerprints to {}",
                b.len(),
                path.display()
            ));
        }
    }
    if !args.quiet {
        note(&format!(
            "vigil: scanned {} {} in {:.2}s",
            report.files_scanned,
            if report.files_scanned == 1 {
                "file"
            } else {
                "files"
            },
            report.elapsed.as_secs_f64()
        ));
    }
    let failed = args.write_baseline.is_none() && outcome.failed();
    Ok(if failed {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}

#[cfg(test)]
mod tests {
    //! The whole `scan` command in process, with a small test analyzer standing in for the real ones
    //! (which live in other crates): exit codes, `--fail-on`, config severities, baselines, output files
    //! and determinism with real findings.

    use std::path::{Path, PathBuf};

    use clap::Parser;
    use vigil_core::analyzer::FileOutput;
    use vigil_core::{
        Analyzer, CheckContext, FileAnalyzer, FileKind, Finding, RuleSet, SourceFile, TextRange,
    };

    use super::*;
    use crate::cli::{Cli, Command};

    /// Reports every `danger(` call for the rule whose `analysis:` is `test_danger`.
    struct Danger;

    impl FileAnalyzer for Danger {
        type Summary = ();
        type Facts = ();
        fn kind(&self) -> FileKind {
            FileKind::Python
        }
        fn analyses(&self) -> Vec<&'static str> {
            vec!["test_danger"]
        }
        fn check(&self, file: &SourceFile, ctx: &CheckContext<'_, ()>, out: &mut FileOutput) {
            for rule in ctx.rules_for_analysis("test_danger") {
                for (i, _) in file.text.match_indices("danger(") {
                    out.findings.push(Finding::new(
                        rule.id.clone(),
                        rule.severity(),
                        file.location(TextRange::new(i, i + 6)),
                        "call of `danger`",
                    ));
                }
            }
        }
    }

    fn build(_: &RuleSet) -> anyhow::Result<Vec<Box<dyn Analyzer>>> {
        Ok(vec![Box::new(Danger)])
    }

    const RULE: &str = "id: python/test-danger\nname: Danger\ncategory: security\nseverity: error\nsecurity-severity: 7.0\ncwe: [78]\nprecision: high\nshort-description: Calls `danger`\ndescription: d\nnoncompliant: danger(x)\ncompliant: safe(x)\nanalysis: test_danger\n";

    struct Project {
        dir: tempfile::TempDir,
    }

    impl Project {
        fn new(files: &[(&str, &str)]) -> Self {
            let dir = tempfile::tempdir().unwrap();
            let p = Self { dir };
            p.write("rules/danger.yaml", RULE);
            for (path, text) in files {
                p.write(path, text);
            }
            p
        }

        fn root(&self) -> PathBuf {
            self.dir.path().join("src")
        }

        fn write(&self, rel: &str, text: &str) {
            let p = self.dir.path().join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }

        fn read(&self, rel: &str) -> String {
            std::fs::read_to_string(self.dir.path().join(rel)).unwrap()
        }

        /// Run `vigil scan <root> --rules <rules> --root <root> -q -o out/report ARGS...`.
        fn scan(&self, args: &[&str]) -> ExitStatus {
            let d = self.dir.path();
            let root = self.root();
            let out = d.join("report.out");
            let mut argv: Vec<String> =
                ["vigil", "scan", "--no-progress", "-q", "--color", "never"]
                    .iter()
                    .map(|s| (*s).to_owned())
                    .collect();
            for (flag, value) in [
                ("--rules", d.join("rules")),
                ("--root", root.clone()),
                ("--output", out),
            ] {
                argv.push(flag.to_owned());
                argv.push(value.display().to_string());
            }
            argv.push(root.display().to_string());
            argv.extend(
                args.iter()
                    .map(|s| s.replace("{dir}", &d.display().to_string())),
            );
            let Command::Scan(a) = Cli::try_parse_from(&argv).unwrap().command else {
                unreachable!("a scan command line")
            };
            run_with(&a, build).unwrap()
        }

        fn report(&self) -> String {
            self.read("report.out")
        }
    }

    const APP: &str = "import os\n\ndef handler(event):\n    cmd = event[\"cmd\"]\n    danger(cmd)\n    danger(\"ls\")  # vigil-ignore[python/test-danger]: constant\n";

    #[test]
    fn exit_status_follows_fail_on_and_config() {
        let p = Project::new(&[("src/app.py", APP)]);
        assert_eq!(p.scan(&[]), ExitStatus::Failure);
        assert_eq!(p.scan(&["--fail-on", "never"]), ExitStatus::Success);
        assert_eq!(p.scan(&["--ignore", "security"]), ExitStatus::Success);
        p.write(
            "src/vigil.toml",
            "[severity]\n\"python/test-danger\" = \"note\"\n",
        );
        assert_eq!(p.scan(&[]), ExitStatus::Success);
        assert_eq!(p.scan(&["--fail-on", "note"]), ExitStatus::Failure);
        p.write(
            "src/vigil.toml",
            "fail-on = \"note\"\n[severity]\nsecurity = \"note\"\n",
        );
        assert_eq!(p.scan(&[]), ExitStatus::Failure);
        // A clean file passes.
        p.write("src/app.py", "safe(1)\n");
        assert_eq!(p.scan(&[]), ExitStatus::Success);
    }

    #[test]
    fn text_and_json_reports_with_findings() {
        let p = Project::new(&[
            ("src/app.py", APP),
            ("src/lib/util.py", "def f():\n    danger(1)\n"),
        ]);
        assert_eq!(p.scan(&[]), ExitStatus::Failure);
        let text = p.report();
        assert!(
            text.contains("error[python/test-danger]: call of `danger`"),
            "{text}"
        );
        assert!(text.contains("--> app.py:5:5"), "{text}");
        insta::assert_snapshot!("scan_text_with_findings", text);
        assert_eq!(
            p.scan(&["--format", "json", "--include-suppressed"]),
            ExitStatus::Failure
        );
        let v: serde_json::Value = serde_json::from_str(&p.report()).unwrap();
        assert_eq!(v["summary"]["findings"], 2);
        assert_eq!(v["summary"]["suppressed"], 1);
        assert_eq!(v["findings"][0]["location"]["path"], "app.py");
        assert_eq!(v["findings"][1]["location"]["path"], "lib/util.py");
        assert_eq!(v["suppressed"][0]["location"]["start"]["line"], 6);
        assert_eq!(v["findings"][0]["category"], "security");
    }

    #[test]
    fn json_with_findings_is_identical_across_jobs() {
        let files: Vec<(String, String)> = (0..40)
            .map(|i| {
                (
                    format!("src/m{}/f{i}.py", i % 3),
                    format!("danger({i})\nx = {i}\ndanger(x)\n"),
                )
            })
            .collect();
        let refs: Vec<(&str, &str)> = files
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        let p = Project::new(&refs);
        p.scan(&["--format", "json", "--jobs", "1"]);
        let one = p.report();
        p.scan(&["--format", "json", "--jobs", "2"]);
        assert_eq!(one, p.report());
        let v: serde_json::Value = serde_json::from_str(&one).unwrap();
        assert_eq!(v["summary"]["findings"], 80);
    }

    #[test]
    fn baseline_round_trip_survives_inserted_lines() {
        let p = Project::new(&[("src/app.py", APP)]);
        assert_eq!(
            p.scan(&["--write-baseline", "{dir}/baseline.json"]),
            ExitStatus::Success
        );
        let b: serde_json::Value = serde_json::from_str(&p.read("baseline.json")).unwrap();
        assert_eq!(b["findings"].as_array().unwrap().len(), 1);
        assert_eq!(
            p.scan(&["--baseline", "{dir}/baseline.json"]),
            ExitStatus::Success
        );
        // Lines inserted above the known finding, and one new finding.
        p.write(
            "src/app.py",
            &APP.replace(
                "import os\n",
                "import os\nimport sys\n\n\ndef extra():\n    danger(sys.argv)\n",
            ),
        );
        assert_eq!(
            p.scan(&["--baseline", "{dir}/baseline.json", "--format", "json"]),
            ExitStatus::Failure
        );
        let v: serde_json::Value = serde_json::from_str(&p.report()).unwrap();
        assert_eq!(v["summary"]["findings"], 1);
        assert_eq!(v["findings"][0]["location"]["start"]["line"], 6);
        assert_eq!(v["summary"]["suppressed"], 2);
    }

    #[test]
    fn unknown_analysis_is_a_notice() {
        let p = Project::new(&[("src/app.py", "x = 1\n")]);
        p.write(
            "rules/other.yaml",
            &RULE
                .replace("test-danger", "test-other")
                .replace("test_danger", "nobody"),
        );
        assert_eq!(p.scan(&["--format", "json"]), ExitStatus::Success);
        let v: serde_json::Value = serde_json::from_str(&p.report()).unwrap();
        assert_eq!(v["notifications"][0]["kind"], "rule-not-implemented");
        assert!(Path::new(&p.dir.path().join("report.out")).exists());
    }
}
