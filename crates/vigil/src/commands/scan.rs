//! `vigil scan`.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context as _;
use vigil_core::baseline::Baseline;
use vigil_core::config::{find_config, Config};
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

pub(crate) fn run(args: &ScanArgs) -> anyhow::Result<ExitStatus> {
    let cwd = std::env::current_dir().context("cannot determine the current directory")?;
    let rules = registry::load_rules(&args.rules)?;
    let config = load_config(args.config.as_deref(), &args.paths, &cwd)?;
    let cli = CliSettings {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        max_file_size: args.max_file_size,
        fail_on: args.fail_on.map(Into::into),
    };
    let settings = Settings::new(&config, &cli, &rules)?;
    let baseline = args
        .baseline
        .as_deref()
        .map(Baseline::load)
        .transpose()?
        .map(Arc::new);
    let analyzers = registry::analyzers(&rules)?;
    let opts = ScanOptions {
        paths: args.paths.clone(),
        root: args.root.clone(),
        jobs: args.jobs,
        shard: args.shard,
        baseline,
        progress: !args.no_progress && !args.quiet,
        line_filter: None,
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
    let report = result.report;

    let format = args.format.format();
    let render_opts = RenderOptions {
        color: format == Format::Text && use_color(args.color, args.output.is_none()),
        tool_version: env!("CARGO_PKG_VERSION").to_owned(),
        category: args.category.clone(),
        include_suppressed: args.include_suppressed,
        quiet: args.quiet,
    };
    let mut buf = Vec::new();
    vigil_report::render(format, &report, &render_opts, &mut buf)
        .with_context(|| format!("cannot render the {} report", format.as_str()))?;
    match &args.output {
        Some(path) => write_atomic(path, &buf)?,
        None => write_stdout(&buf)?,
    }

    if let Some(path) = &args.write_baseline {
        let b = Baseline::from_findings(report.findings.iter().chain(&result.baselined));
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
    let failed = args.write_baseline.is_none()
        && report
            .findings
            .iter()
            .any(|f| settings.fail_on.fails(f.severity));
    Ok(if failed {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}
