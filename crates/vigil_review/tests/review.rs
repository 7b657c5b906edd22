//! `vigil review` end to end against a local HTTP server on 127.0.0.1 that mimics the GitHub REST
//! endpoints vigil uses (and, like GitHub, rejects a review with a comment outside the diff), and
//! records every request.

#![expect(
    clippy::unwrap_used,
    reason = "test helpers: a failure is a test failure"
)]

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use serde_json::{json, Value};
use vigil_core::rule::parse_rule;
use vigil_core::{
    fingerprint, Edit, FileKind, Finding, Fix, FixApplicability, FlowStep, ScanReport, Severity,
    SourceFile, TextRange,
};
use vigil_review::github::{Client, GithubConfig, PullRequest, ReviewError, TargetOptions};
use vigil_review::review::{self, fingerprints_in, ReviewOptions, SUMMARY_MARKER};
use vigil_review::Diff;

const HEAD: &str = "0123456789abcdef0123456789abcdef01234567";
const TOKEN: &str = "test-token";

#[derive(Debug, Clone)]
struct Request {
    method: String,
    path: String,
    body: Value,
}

/// A canned answer: status, headers, body.
type Canned = (u16, Vec<(String, String)>, String);

#[derive(Default)]
struct State {
    review_comments: Vec<Value>,
    issue_comments: Vec<Value>,
    requests: Vec<Request>,
    next_id: u64,
    page_size: usize,
    diff: String,
    /// Answer the next request with (status, headers, body).
    fail_next: Option<Canned>,
}

struct Server {
    base: String,
    state: Arc<Mutex<State>>,
}

impl Server {
    fn start(diff: &str) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let state = Arc::new(Mutex::new(State {
            next_id: 1000,
            page_size: 2,
            diff: diff.to_owned(),
            ..State::default()
        }));
        let (st, b) = (state.clone(), base.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                handle(stream, &st, &b);
            }
        });
        Self { base, state }
    }

    fn client(&self) -> Client {
        Client::new(GithubConfig {
            api_url: self.base.clone(),
            token: TOKEN.into(),
            pr: PullRequest {
                owner: "octo".into(),
                repo: "app".into(),
                number: 7,
                head_sha: HEAD.into(),
            },
        })
    }

    fn take_requests(&self) -> Vec<Request> {
        std::mem::take(&mut self.state.lock().unwrap().requests)
    }

    fn summary(&self) -> Vec<Value> {
        self.state.lock().unwrap().issue_comments.clone()
    }
}

fn respond(mut stream: TcpStream, status: u16, headers: &[(String, String)], body: &str) {
    let mut head = format!("HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\nContent-Type: application/json\r\n", body.len());
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body.as_bytes());
}

fn handle(stream: TcpStream, state: &Arc<Mutex<State>>, base: &str) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or("").to_owned();
    let target = parts.next().unwrap_or("").to_owned();
    let mut len = 0;
    let mut auth = String::new();
    let mut accept = String::new();
    loop {
        let mut h = String::new();
        reader.read_line(&mut h).unwrap();
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        let (k, v) = h.split_once(':').unwrap();
        match k.to_ascii_lowercase().as_str() {
            "content-length" => len = v.trim().parse().unwrap(),
            "authorization" => auth = v.trim().to_owned(),
            "accept" => accept = v.trim().to_owned(),
            _ => {}
        }
    }
    let mut body = vec![0; len];
    reader.read_exact(&mut body).unwrap();
    let body: Value = if body.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&body).unwrap()
    };
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    let page: usize = query
        .split('&')
        .find_map(|kv| kv.strip_prefix("page="))
        .map_or(1, |p| p.parse().unwrap());
    let mut st = state.lock().unwrap();
    st.requests.push(Request {
        method: method.clone(),
        path: path.to_owned(),
        body: body.clone(),
    });
    if let Some((status, headers, text)) = st.fail_next.take() {
        drop(st);
        return respond(stream, status, &headers, &text);
    }
    if auth != format!("Bearer {TOKEN}") {
        drop(st);
        return respond(stream, 401, &[], r#"{"message":"Bad credentials"}"#);
    }
    let list = |items: &[Value], size: usize| -> (String, Vec<(String, String)>) {
        let chunk: Vec<Value> = items
            .iter()
            .skip((page - 1) * size)
            .take(size)
            .cloned()
            .collect();
        let mut headers = Vec::new();
        if page * size < items.len() {
            headers.push((
                "Link".to_owned(),
                format!(
                    "<{base}{path}?per_page=100&page={}>; rel=\"next\"",
                    page + 1
                ),
            ));
        }
        (Value::Array(chunk).to_string(), headers)
    };
    let size = st.page_size;
    match (method.as_str(), path) {
        ("GET", "/repos/octo/app/pulls/7/comments") => {
            let (b, h) = list(&st.review_comments, size);
            drop(st);
            respond(stream, 200, &h, &b);
        }
        ("GET", "/repos/octo/app/issues/7/comments") => {
            let (b, h) = list(&st.issue_comments, size);
            drop(st);
            respond(stream, 200, &h, &b);
        }
        ("GET", "/repos/octo/app/pulls/7") if accept.contains("diff") => {
            let d = st.diff.clone();
            drop(st);
            respond(stream, 200, &[], &d);
        }
        ("GET", "/repos/octo/app/pulls/7") => {
            drop(st);
            respond(
                stream,
                200,
                &[],
                &json!({ "number": 7, "head": { "sha": HEAD } }).to_string(),
            );
        }
        ("POST", "/repos/octo/app/pulls/7/reviews") => {
            // GitHub: every comment must be on a line of the diff, or the whole review fails.
            let diff = Diff::parse(&st.diff).unwrap();
            for c in body["comments"].as_array().unwrap() {
                let file = diff.file(c["path"].as_str().unwrap());
                let line = u32::try_from(c["line"].as_u64().unwrap()).unwrap();
                let hunk = file.and_then(|f| f.hunk_of(line));
                let start_ok = c.get("start_line").is_none_or(|s| {
                    let s = u32::try_from(s.as_u64().unwrap()).unwrap();
                    s < line && file.and_then(|f| f.hunk_of(s)) == hunk
                });
                if hunk.is_none() || !start_ok {
                    drop(st);
                    return respond(
                        stream,
                        422,
                        &[],
                        r#"{"message":"Unprocessable Entity","errors":["Pull request review thread line must be part of the diff"]}"#,
                    );
                }
            }
            st.next_id += 1;
            let review_id = st.next_id;
            for c in body["comments"].as_array().unwrap() {
                st.next_id += 1;
                let id = st.next_id;
                st.review_comments.push(json!({ "id": id, "body": c["body"], "path": c["path"], "line": c["line"], "pull_request_review_id": review_id }));
            }
            drop(st);
            respond(
                stream,
                200,
                &[],
                &json!({ "id": review_id, "state": "COMMENTED" }).to_string(),
            );
        }
        ("POST", "/repos/octo/app/issues/7/comments") => {
            st.next_id += 1;
            let c = json!({ "id": st.next_id, "body": body["body"] });
            st.issue_comments.push(c.clone());
            drop(st);
            respond(stream, 201, &[], &c.to_string());
        }
        ("PATCH", p) if p.starts_with("/repos/octo/app/issues/comments/") => {
            let id: u64 = p.rsplit('/').next().unwrap().parse().unwrap();
            let found = st
                .issue_comments
                .iter_mut()
                .find(|c| c["id"] == id)
                .map(|c| {
                    c["body"] = body["body"].clone();
                    c.clone()
                });
            drop(st);
            match found {
                Some(c) => respond(stream, 200, &[], &c.to_string()),
                None => respond(stream, 404, &[], r#"{"message":"Not Found"}"#),
            }
        }
        _ => {
            drop(st);
            respond(stream, 404, &[], r#"{"message":"Not Found"}"#);
        }
    }
}

// ------------------------------------------------------------------------------------------------
// the scan being reviewed

const RULE: &str = "id: python/code-injection
name: CodeInjection
category: security
severity: error
security-severity: 9.3
cwe: [95]
precision: high
short-description: Code built from user input is executed
description: Passing user-controlled text to `eval` lets the user run any code.
noncompliant: eval(request.args['x'])
compliant: ast.literal_eval(request.args['x'])
references: [https://docs.python.org/3/library/ast.html#ast.literal_eval]
analysis: taint
";

const SRC: &str = "import ast\nfrom flask import request\n\ndef old(v):\n    return eval(v)\n\ndef handler():\n    x = request.args['x']\n    y = eval(x)\n    z = eval(request.args['z'])\n    return y, z\n";

/// The pull request added lines 7-11 (`handler`); line 5 (`old`) predates it.
const PR_DIFF: &str = "diff --git a/app/views.py b/app/views.py
index 1111111..2222222 100644
--- a/app/views.py
+++ b/app/views.py
@@ -4,2 +4,8 @@ from flask import request
 def old(v):
     return eval(v)
+
+def handler():
+    x = request.args['x']
+    y = eval(x)
+    z = eval(request.args['z'])
+    return y, z
";

fn report(src: &str) -> ScanReport {
    let rule = Arc::new(
        parse_rule(
            "python/code-injection.yaml",
            RULE,
            Some(FileKind::Python),
            false,
        )
        .unwrap(),
    );
    let file = SourceFile::new(
        PathBuf::from("app/views.py"),
        "app/views.py",
        FileKind::Python,
        src,
    );
    let at = |needle: &str| {
        let s = src.find(needle).unwrap();
        TextRange::new(s, s + needle.len())
    };
    let mut findings = Vec::new();
    if src.contains("eval(v)") {
        findings.push(Finding::new(
            "python/code-injection",
            Severity::Error,
            file.location(at("eval(v)")),
            "`eval(v)` runs the parameter `v`",
        ));
    }
    if src.contains("eval(x)") {
        findings.push(
            Finding::new(
                "python/code-injection",
                Severity::Error,
                file.location(at("eval(x)")),
                "`request.args['x']` reaches `eval(x)`",
            )
            .with_flow(vec![
                FlowStep {
                    location: file.location(at("request.args['x']")),
                    message: "source: `request.args`".into(),
                },
                FlowStep {
                    location: file.location(at("eval(x)")),
                    message: "sink: `eval`".into(),
                },
            ]),
        );
    }
    if let Some(s) = src
        .find("eval(request.args['z'])")
        .filter(|_| !src.contains("literal_eval(request"))
    {
        findings.push(
            Finding::new(
                "python/code-injection",
                Severity::Error,
                file.location(at("eval(request.args['z'])")),
                "`request.args['z']` reaches `eval`",
            )
            .with_fix(Fix {
                description: "Parse literals only".into(),
                edits: vec![Edit {
                    range: TextRange::new(s, s + 4),
                    replacement: "ast.literal_eval".into(),
                }],
                applicability: FixApplicability::Unsafe,
            }),
        );
    }
    findings.sort();
    fingerprint::assign(&file, &mut findings);
    ScanReport {
        findings,
        rules: vec![rule],
        sources: [(file.rel_path.clone(), file.text.clone())]
            .into_iter()
            .collect(),
        files_scanned: 1,
        ..ScanReport::default()
    }
}

fn summary_of(req: &Request) -> String {
    req.body["body"].as_str().unwrap().to_owned()
}

#[test]
fn first_run_rerun_and_fix() {
    let server = Server::start(PR_DIFF);
    let client = server.client();
    let diff = Diff::parse(&client.pull_request_diff().unwrap()).unwrap();
    server.take_requests();
    let scan = report(SRC);

    // 1. First run: one review with the two findings on changed lines; the old one goes to the summary.
    let out = review::post(&client, &scan, &diff, &ReviewOptions::default()).unwrap();
    assert_eq!(
        (
            out.posted_inline,
            out.already_posted,
            out.outside_diff,
            out.summary_updated
        ),
        (2, 0, 1, false)
    );
    let reqs = server.take_requests();
    let calls: Vec<(&str, &str)> = reqs
        .iter()
        .map(|r| (r.method.as_str(), r.path.as_str()))
        .collect();
    assert_eq!(
        calls,
        [
            ("GET", "/repos/octo/app/pulls/7/comments"),
            ("POST", "/repos/octo/app/pulls/7/reviews"),
            ("GET", "/repos/octo/app/issues/7/comments"),
            ("POST", "/repos/octo/app/issues/7/comments"),
        ]
    );
    let review = &reqs[1].body;
    assert_eq!(review["event"], "COMMENT");
    assert_eq!(review["commit_id"], HEAD);
    let comments = review["comments"].as_array().unwrap();
    assert_eq!(comments.len(), 2);
    assert!(comments
        .iter()
        .all(|c| c["side"] == "RIGHT" && c["path"] == "app/views.py"));
    assert_eq!(comments[0]["line"], 9);
    let first = comments[0]["body"].as_str().unwrap();
    assert!(
        first.contains(&format!(
            "<!-- vigil:fp={} -->",
            scan.findings[1].fingerprint
        )),
        "{first}"
    );
    for part in [
        "[`python/code-injection`]",
        "CWE-95",
        "**Flow path**",
        "1. `app/views.py:8` source",
        "<details><summary>",
        "ast.literal_eval",
    ] {
        assert!(first.contains(part), "{part} missing in:\n{first}");
    }
    let second = comments[1]["body"].as_str().unwrap();
    assert_eq!(comments[1]["line"], 10);
    assert!(
        second.contains("```suggestion\n    z = ast.literal_eval(request.args['z'])\n```"),
        "{second}"
    );
    let summary = summary_of(&reqs[3]);
    assert!(summary.starts_with(SUMMARY_MARKER));
    assert!(
        summary.contains("**3** finding(s)")
            && summary.contains("1 finding(s) outside the diff")
            && summary.contains("`app/views.py:5`"),
        "{summary}"
    );

    // 2. Re-run without change: no review (nothing new), the summary is edited in place. The existing
    //    comments span two pages (page size 2 + the summary): pagination is followed.
    let out = review::post(&client, &scan, &diff, &ReviewOptions::default()).unwrap();
    assert_eq!(
        (
            out.posted_inline,
            out.already_posted,
            out.review_id,
            out.summary_updated
        ),
        (0, 2, None, true)
    );
    let reqs = server.take_requests();
    let calls: Vec<(&str, &str)> = reqs
        .iter()
        .map(|r| (r.method.as_str(), r.path.as_str()))
        .collect();
    let summary_id = server.summary()[0]["id"].as_u64().unwrap();
    assert_eq!(
        calls,
        [
            ("GET", "/repos/octo/app/pulls/7/comments"),
            ("GET", "/repos/octo/app/issues/7/comments"),
            (
                "PATCH",
                format!("/repos/octo/app/issues/comments/{summary_id}").as_str()
            ),
        ]
    );
    assert!(summary_of(&reqs[2]).contains("2 finding(s) on changed lines already commented on"));
    assert_eq!(server.summary().len(), 1);

    // 3. Re-run after fixing `z` and adding a new finding on another changed line: only the new one
    //    is posted, the fixed one is not re-posted, the summary counts drop.
    let fixed = SRC
        .replace(
            "eval(request.args['z'])",
            "ast.literal_eval(request.args['z'])",
        )
        .replace("    return y, z\n", "    return eval(y), z\n");
    let mut scan2 = report(&fixed);
    let extra = {
        let file = SourceFile::new(
            PathBuf::from("app/views.py"),
            "app/views.py",
            FileKind::Python,
            fixed.as_str(),
        );
        let s = fixed.find("eval(y)").unwrap();
        let mut v = vec![Finding::new(
            "python/code-injection",
            Severity::Error,
            file.location(TextRange::new(s, s + 7)),
            "`y` reaches `eval(y)`",
        )];
        fingerprint::assign(&file, &mut v);
        v.remove(0)
    };
    scan2.findings.push(extra.clone());
    scan2.findings.sort();
    let out = review::post(&client, &scan2, &diff, &ReviewOptions::default()).unwrap();
    assert_eq!(
        (out.posted_inline, out.already_posted, out.outside_diff),
        (1, 1, 1)
    );
    let reqs = server.take_requests();
    let posted = reqs.iter().find(|r| r.path.ends_with("/reviews")).unwrap();
    let comments = posted.body["comments"].as_array().unwrap();
    assert_eq!(comments.len(), 1);
    assert_eq!(
        fingerprints_in(comments[0]["body"].as_str().unwrap()),
        std::slice::from_ref(&extra.fingerprint)
    );
    assert_eq!(comments[0]["line"], 11);
    let patch = reqs.iter().find(|r| r.method == "PATCH").unwrap();
    assert!(summary_of(patch).contains("**3** finding(s)"));
    // Every fingerprint was posted exactly once over the three runs.
    let all: Vec<String> = server
        .state
        .lock()
        .unwrap()
        .review_comments
        .iter()
        .flat_map(|c| fingerprints_in(c["body"].as_str().unwrap()))
        .collect();
    assert_eq!(all.len(), all.iter().collect::<BTreeSet<_>>().len());
    assert_eq!(all.len(), 3);
}

#[test]
fn api_errors_are_typed_and_clear() {
    let server = Server::start(PR_DIFF);
    let client = server.client();
    let diff = Diff::parse(PR_DIFF).unwrap();
    let scan = report(SRC);

    // A secondary rate limit on the first call.
    server.state.lock().unwrap().fail_next = Some((
        403,
        vec![
            ("x-ratelimit-remaining".into(), "0".into()),
            ("x-ratelimit-reset".into(), "1700000000".into()),
        ],
        r#"{"message":"API rate limit exceeded for installation."}"#.into(),
    ));
    let err = review::post(&client, &scan, &diff, &ReviewOptions::default()).unwrap_err();
    match &err {
        ReviewError::RateLimited {
            status,
            reset,
            retry_after,
            ..
        } => assert_eq!(
            (*status, *reset, *retry_after),
            (403, Some(1_700_000_000), None)
        ),
        other => panic!("expected a rate limit, got {other:?}"),
    }
    assert!(
        err.to_string()
            .contains("resets at 2023-11-14 22:13:20 UTC"),
        "{err}"
    );
    server.state.lock().unwrap().fail_next = Some((
        429,
        vec![("retry-after".into(), "30".into())],
        r#"{"message":"slow down"}"#.into(),
    ));
    let err = review::post(&client, &scan, &diff, &ReviewOptions::default()).unwrap_err();
    assert!(
        matches!(
            err,
            ReviewError::RateLimited {
                retry_after: Some(30),
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("retry after 30 s"));

    // A read-only token (fork pull request).
    server.state.lock().unwrap().fail_next = Some((
        403,
        vec![],
        r#"{"message":"Resource not accessible by integration"}"#.into(),
    ));
    let err = review::post(&client, &scan, &diff, &ReviewOptions::default()).unwrap_err();
    assert!(
        matches!(err, ReviewError::Forbidden { status: 403, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("forks"), "{err}");

    // A diff that disagrees with GitHub's: the server rejects the review with 422 and GitHub's text.
    let wrong = Diff::parse(&PR_DIFF.replace("@@ -4,2 +4,8 @@", "@@ -4,2 +40,8 @@")).unwrap();
    let mut moved = scan.clone();
    for f in &mut moved.findings {
        f.location.start.line += 36;
        f.location.end.line += 36;
    }
    server.take_requests();
    let err = review::post(&client, &moved, &wrong, &ReviewOptions::default()).unwrap_err();
    match &err {
        ReviewError::Api {
            status: 422,
            message,
            ..
        } => assert!(message.contains("must be part of the diff"), "{message}"),
        other => panic!("expected a 422, got {other:?}"),
    }
    let reqs = server.take_requests();
    assert_eq!(reqs.len(), 2, "stops after the failed review: {reqs:?}");

    // Bad credentials and an unreachable server.
    let bad = Client::new(GithubConfig {
        token: "nope".into(),
        ..server.client().config().clone()
    });
    assert!(matches!(
        bad.list_review_comments(),
        Err(ReviewError::Forbidden { status: 401, .. })
    ));
    let gone = Client::new(GithubConfig {
        api_url: "http://127.0.0.1:9".into(),
        ..server.client().config().clone()
    });
    assert!(matches!(
        gone.list_issue_comments(),
        Err(ReviewError::Transport { .. })
    ));
}

#[test]
fn dry_run_renders_the_review() {
    let diff = Diff::parse(PR_DIFF).unwrap();
    let scan = report(SRC);
    let plan = review::plan(&scan, &diff, &BTreeSet::new(), &ReviewOptions::default());
    let md = review::render_dry_run(&plan);
    assert!(md.starts_with("# vigil review (dry run)"));
    assert_eq!(md.matches("<!-- vigil:fp=").count(), 2);
    assert!(md.contains("### `app/views.py` line 10") && md.contains("```suggestion"));
    assert!(md.contains(SUMMARY_MARKER));
    // With max_inline 1 the second finding on a changed line goes to the summary instead.
    let capped = review::plan(
        &scan,
        &diff,
        &BTreeSet::new(),
        &ReviewOptions {
            max_inline: 1,
            ..ReviewOptions::default()
        },
    );
    assert_eq!((capped.inline.len(), capped.outside_diff.len()), (1, 2));
}

#[test]
fn config_from_the_actions_environment() {
    let dir = tempfile::tempdir().unwrap();
    let event = dir.path().join("event.json");
    std::fs::write(
        &event,
        json!({ "pull_request": { "number": 42, "head": { "sha": "abc123" } } }).to_string(),
    )
    .unwrap();
    let vars = |k: &str| match k {
        "GITHUB_TOKEN" => Some("t".to_owned()),
        "GITHUB_REPOSITORY" => Some("octo/app".to_owned()),
        "GITHUB_API_URL" => Some("https://ghe.example.com/api/v3/".to_owned()),
        "GITHUB_EVENT_PATH" => Some(event.display().to_string()),
        _ => None,
    };
    let cfg = GithubConfig::from_vars(vars, &TargetOptions::default()).unwrap();
    assert_eq!(cfg.api_url, "https://ghe.example.com/api/v3");
    assert_eq!(
        cfg.pr,
        PullRequest {
            owner: "octo".into(),
            repo: "app".into(),
            number: 42,
            head_sha: "abc123".into()
        }
    );
    let cfg = GithubConfig::from_vars(
        vars,
        &TargetOptions {
            pr: Some(5),
            head_sha: Some("def".into()),
            repo: Some("a/b".into()),
            ..TargetOptions::default()
        },
    )
    .unwrap();
    assert_eq!(
        (
            cfg.pr.number,
            cfg.pr.head_sha.as_str(),
            cfg.pr.owner.as_str()
        ),
        (5, "def", "a")
    );
    let err = GithubConfig::from_vars(|_| None, &TargetOptions::default()).unwrap_err();
    assert!(err.to_string().contains("GITHUB_TOKEN is not set"), "{err}");
    let no_pr = |k: &str| {
        if k == "GITHUB_EVENT_PATH" {
            None
        } else {
            vars(k)
        }
    };
    assert!(GithubConfig::from_vars(no_pr, &TargetOptions::default())
        .unwrap_err()
        .to_string()
        .contains("--pr N"));
}

#[test]
fn run_resolves_head_and_diff_then_posts() {
    use vigil_review::review::{run, DiffSource, ReviewRequest, ReviewRun};
    let server = Server::start(PR_DIFF);
    let target = TargetOptions {
        api_url: Some(server.base.clone()),
        repo: Some("octo/app".into()),
        pr: Some(7),
        head_sha: None,
        token: Some(TOKEN.into()),
    };
    let req = ReviewRequest {
        target: target.clone(),
        diff: DiffSource::PullRequest,
        options: ReviewOptions::default(),
        dry_run: false,
    };
    let ReviewRun::Posted(out) = run(&report(SRC), &req).unwrap() else {
        panic!("expected a posted review")
    };
    assert_eq!((out.posted_inline, out.outside_diff), (2, 1));
    let reqs = server.take_requests();
    let calls: Vec<(&str, &str)> = reqs
        .iter()
        .map(|r| (r.method.as_str(), r.path.as_str()))
        .collect();
    assert_eq!(
        calls[..2],
        [
            ("GET", "/repos/octo/app/pulls/7"),
            ("GET", "/repos/octo/app/pulls/7")
        ],
        "diff, then head"
    );
    let review = reqs.iter().find(|r| r.path.ends_with("/reviews")).unwrap();
    assert_eq!(review.body["commit_id"], HEAD);

    // A dry run from a patch file makes no request and needs no token.
    let dir = tempfile::tempdir().unwrap();
    let patch = dir.path().join("pr.diff");
    std::fs::write(&patch, PR_DIFF).unwrap();
    let req = ReviewRequest {
        target: TargetOptions::default(),
        diff: DiffSource::Patch(patch),
        options: ReviewOptions::default(),
        dry_run: true,
    };
    let ReviewRun::DryRun(md) = run(&report(SRC), &req).unwrap() else {
        panic!("expected a dry run")
    };
    assert_eq!(md.matches("<!-- vigil:fp=").count(), 2);
    assert!(server.take_requests().is_empty());
}

/// A listener on another origin that records the `Authorization` header of every request it gets.
fn thief() -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let s = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut auth = String::from("<none>");
            loop {
                let mut h = String::new();
                if reader.read_line(&mut h).unwrap_or(0) == 0 || h.trim_end().is_empty() {
                    break;
                }
                if let Some((k, v)) = h.split_once(':') {
                    if k.eq_ignore_ascii_case("authorization") {
                        auth = v.trim().to_owned();
                    }
                }
            }
            s.lock().unwrap().push(auth);
            respond(stream, 200, &[], "[]");
        }
    });
    (base, seen)
}

#[test]
fn pagination_never_sends_the_token_to_another_origin() {
    let server = Server::start(PR_DIFF);
    let (other, seen) = thief();
    server.state.lock().unwrap().fail_next = Some((
        200,
        vec![(
            "Link".into(),
            format!("<{other}/steal?page=2>; rel=\"next\""),
        )],
        "[]".into(),
    ));
    let err = server.client().list_review_comments().unwrap_err();
    assert!(
        err.to_string().contains("origin"),
        "a cross-origin next link is refused: {err}"
    );
    assert!(
        seen.lock().unwrap().iter().all(|a| !a.contains(TOKEN)),
        "the token reached another origin: {:?}",
        seen.lock().unwrap()
    );
    // A next link on the same origin is still followed (pagination of the mock).
    assert!(server.client().list_review_comments().unwrap().is_empty());
}

#[test]
fn token_like_text_is_redacted_from_every_error() {
    let server = Server::start(PR_DIFF);
    let secret_pat = format!("ghp_{}", "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8");
    let fine_grained = format!(
        "github_pat_{}",
        "11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz"
    );
    for status in [500_u16, 403, 422] {
        server.state.lock().unwrap().fail_next = Some((
            status,
            vec![],
            json!({
                "message": format!("echo: Bearer {TOKEN} {secret_pat} gho_abcdefABCDEF0123456789 {fine_grained}"),
                "errors": [format!("token {TOKEN}")],
            })
            .to_string(),
        ));
        let err = server.client().list_issue_comments().unwrap_err();
        let text = format!("{err} {err:?}");
        for leaked in [TOKEN, &secret_pat, "gho_abcdef", &fine_grained] {
            assert!(
                !text.contains(leaked),
                "HTTP {status} leaks {leaked}: {text}"
            );
        }
        assert!(text.contains("[REDACTED]"), "{text}");
    }
    // A non-JSON answer (a proxy's page) is redacted too.
    server.state.lock().unwrap().fail_next = Some((
        502,
        vec![],
        format!("<html>Authorization: Bearer {TOKEN}</html>"),
    ));
    let err = server.client().list_issue_comments().unwrap_err();
    assert!(!format!("{err} {err:?}").contains(TOKEN), "{err}");
}

#[test]
fn max_comments_zero_means_summary_only() {
    let diff = Diff::parse(PR_DIFF).unwrap();
    let plan = review::plan(
        &report(SRC),
        &diff,
        &BTreeSet::new(),
        &ReviewOptions {
            max_inline: 0,
            ..ReviewOptions::default()
        },
    );
    assert_eq!((plan.inline.len(), plan.outside_diff.len()), (0, 3));
    assert!(plan.summary.contains(SUMMARY_MARKER));
}

#[test]
fn dry_run_without_a_pull_request_needs_no_token() {
    use vigil_review::review::{run, DiffSource, ReviewRequest, ReviewRun};
    let req = ReviewRequest {
        // No repository, no pull request: nothing to ask GitHub, and no token is needed.
        target: TargetOptions {
            api_url: Some("http://127.0.0.1:9".into()),
            repo: Some(String::new()),
            ..TargetOptions::default()
        },
        diff: DiffSource::PullRequest,
        options: ReviewOptions::default(),
        dry_run: true,
    };
    let ReviewRun::DryRun(md) = run(&report(SRC), &req).unwrap() else {
        panic!("expected a dry run")
    };
    assert_eq!(md.matches("<!-- vigil:fp=").count(), 3, "{md}");
    assert!(md.contains("every finding is shown"), "{md}");
}
