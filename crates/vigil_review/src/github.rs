//! A small blocking client for the GitHub REST endpoints `vigil review` uses: list review comments and
//! issue comments (paginated through `Link` headers), post one review, create or update the summary
//! comment, fetch the pull request's diff and head.
//!
//! Errors are typed ([`ReviewError`]): rate limits (with `retry-after` / `x-ratelimit-reset`),
//! permission problems (a read-only token on a fork's pull request), other API errors with GitHub's
//! own message, transport failures. Nothing here panics on a server's answer.

use std::time::Duration;

use serde_json::{json, Value};

use crate::diff::DiffError;

/// GitHub's default REST base.
pub const DEFAULT_API_URL: &str = "https://api.github.com";

/// Why a review could not be posted.
#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    /// Missing token, repository or pull request.
    #[error("{0}")]
    Config(String),
    /// A primary or secondary rate limit (403/429).
    #[error("GitHub rate limit hit on {method} {url} (HTTP {status}){}: {message}", retry_hint(*retry_after, *reset))]
    RateLimited {
        method: String,
        url: String,
        status: u16,
        /// Seconds to wait (`retry-after`).
        retry_after: Option<u64>,
        /// Unix time the limit resets (`x-ratelimit-reset`).
        reset: Option<u64>,
        message: String,
    },
    /// 401/403/404 without a rate limit: token, permissions, or repository.
    #[error("GitHub refused {method} {url} (HTTP {status}): {message}. {hint}")]
    Forbidden {
        method: String,
        url: String,
        status: u16,
        message: String,
        hint: &'static str,
    },
    /// Any other non-success answer (e.g. 422 for a comment outside the diff).
    #[error("GitHub API error on {method} {url} (HTTP {status}): {message}")]
    Api {
        method: String,
        url: String,
        status: u16,
        message: String,
    },
    /// The request did not reach GitHub or the answer was cut.
    #[error("cannot reach GitHub ({method} {url}): {message}")]
    Transport {
        method: String,
        url: String,
        message: String,
    },
    /// An answer that is not the JSON expected.
    #[error("unexpected answer from {url}: {message}")]
    Json { url: String, message: String },
    /// The diff could not be computed.
    #[error(transparent)]
    Diff(#[from] DiffError),
}

fn retry_hint(retry_after: Option<u64>, reset: Option<u64>) -> String {
    match (retry_after, reset) {
        (Some(s), _) => format!(", retry after {s} s"),
        (None, Some(t)) => format!(", the limit resets at {}", utc_time(t)),
        (None, None) => ", wait at least a minute before retrying".to_owned(),
    }
}

/// A unix time as `YYYY-MM-DD HH:MM:SS UTC` (proleptic Gregorian calendar).
#[must_use]
pub fn utc_time(unix: u64) -> String {
    let days = i64::try_from(unix / 86_400).unwrap_or(i64::MAX / 2);
    let secs = unix % 86_400;
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02} UTC",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// The pull request a review goes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PullRequest {
    pub owner: String,
    pub repo: String,
    pub number: u64,
    /// The head commit (`pull_request.head.sha`), not the merge commit `GITHUB_SHA`.
    pub head_sha: String,
}

/// Explicit options that take precedence over the Actions environment (`vigil review` flags).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TargetOptions {
    /// `--api-url` (GitHub Enterprise: `https://HOST/api/v3`).
    pub api_url: Option<String>,
    /// `--repo owner/name`.
    pub repo: Option<String>,
    /// `--pr N`.
    pub pr: Option<u64>,
    /// `--head-sha SHA`.
    pub head_sha: Option<String>,
    /// A token (default: `GITHUB_TOKEN`).
    pub token: Option<String>,
}

/// Where and how to talk to GitHub.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GithubConfig {
    pub api_url: String,
    pub token: String,
    pub pr: PullRequest,
}

impl GithubConfig {
    /// From the GitHub Actions environment (`GITHUB_TOKEN`, `GITHUB_API_URL`, `GITHUB_REPOSITORY`,
    /// `GITHUB_EVENT_PATH` → `pull_request.number` and `pull_request.head.sha`), overridden by `opts`.
    ///
    /// # Errors
    /// [`ReviewError::Config`] naming what is missing.
    pub fn from_env(opts: &TargetOptions) -> Result<Self, ReviewError> {
        Self::from_vars(|k| std::env::var(k).ok().filter(|v| !v.is_empty()), opts)
    }

    /// As [`GithubConfig::from_env`], reading variables through `var`.
    ///
    /// # Errors
    /// [`ReviewError::Config`] naming what is missing.
    pub fn from_vars(
        var: impl Fn(&str) -> Option<String>,
        opts: &TargetOptions,
    ) -> Result<Self, ReviewError> {
        let token = opts.token.clone().or_else(|| var("GITHUB_TOKEN")).ok_or_else(|| {
            ReviewError::Config(
                "GITHUB_TOKEN is not set: pass `env: GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}` to the step \
                 (the job needs `permissions: pull-requests: write`)"
                    .into(),
            )
        })?;
        let api_url = opts
            .api_url
            .clone()
            .or_else(|| var("GITHUB_API_URL"))
            .unwrap_or_else(|| DEFAULT_API_URL.to_owned())
            .trim_end_matches('/')
            .to_owned();
        let repo = opts
            .repo
            .clone()
            .or_else(|| var("GITHUB_REPOSITORY"))
            .ok_or_else(|| {
                ReviewError::Config(
                    "no repository: set GITHUB_REPOSITORY or pass --repo OWNER/NAME".into(),
                )
            })?;
        let (owner, name) = repo
            .split_once('/')
            .filter(|(o, n)| !o.is_empty() && !n.is_empty() && !n.contains('/'))
            .ok_or_else(|| ReviewError::Config(format!("repository `{repo}` is not OWNER/NAME")))?;
        let event: Option<Value> = match var("GITHUB_EVENT_PATH") {
            Some(path) => {
                let text = std::fs::read_to_string(&path).map_err(|e| {
                    ReviewError::Config(format!(
                        "cannot read the event file {path} (GITHUB_EVENT_PATH): {e}"
                    ))
                })?;
                Some(serde_json::from_str(&text).map_err(|e| {
                    ReviewError::Config(format!("the event file {path} is not JSON: {e}"))
                })?)
            }
            None => None,
        };
        let pr_event = event.as_ref().map(|e| &e["pull_request"]);
        let number = opts
            .pr
            .or_else(|| pr_event.and_then(|p| p["number"].as_u64()))
            .ok_or_else(|| {
                ReviewError::Config(
                    "no pull request: run on a `pull_request` event (GITHUB_EVENT_PATH) or pass --pr N".into(),
                )
            })?;
        let head_sha = opts
            .head_sha
            .clone()
            .or_else(|| {
                pr_event
                    .and_then(|p| p["head"]["sha"].as_str())
                    .map(str::to_owned)
            })
            .unwrap_or_default();
        Ok(Self {
            api_url,
            token,
            pr: PullRequest {
                owner: owner.to_owned(),
                repo: name.to_owned(),
                number,
                head_sha,
            },
        })
    }
}

/// A review comment or issue comment as listed by GitHub.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub id: u64,
    pub body: String,
    /// File of a review comment.
    pub path: Option<String>,
    /// Line of a review comment.
    pub line: Option<u64>,
}

/// One inline comment of a review (`POST /pulls/{n}/reviews` `comments[]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewComment {
    pub path: String,
    /// The (last) line, on the `RIGHT` side.
    pub line: u32,
    /// First line of a multi-line comment (strictly before `line`, in the same hunk).
    pub start_line: Option<u32>,
    pub body: String,
}

impl ReviewComment {
    fn to_json(&self) -> Value {
        let mut v =
            json!({ "path": self.path, "line": self.line, "side": "RIGHT", "body": self.body });
        if let (Some(start), Some(obj)) = (
            self.start_line.filter(|s| *s < self.line),
            v.as_object_mut(),
        ) {
            obj.insert("start_line".into(), json!(start));
            obj.insert("start_side".into(), json!("RIGHT"));
        }
        v
    }
}

/// The client.
pub struct Client {
    agent: ureq::Agent,
    cfg: GithubConfig,
    /// `scheme://host:port` of `cfg.api_url`: the only origin that receives the token.
    origin: Option<String>,
}

/// The origin (`scheme://host:port`) of a URL, `None` when it does not parse.
#[must_use]
pub fn origin_of(url: &str) -> Option<String> {
    let u = url::Url::parse(url).ok()?;
    u.has_host().then(|| u.origin().ascii_serialization())
}

/// `text` with anything that looks like a credential replaced by `[REDACTED]`: the token itself,
/// GitHub token formats (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`, `github_pat_`) and the value of a
/// `Bearer`/`token` authorization.
#[must_use]
pub fn redact(text: &str, token: &str) -> String {
    static PATTERNS: std::sync::OnceLock<Option<regex::Regex>> = std::sync::OnceLock::new();
    let mut out = if token.trim().len() >= 4 {
        text.replace(token.trim(), "[REDACTED]")
    } else {
        text.to_owned()
    };
    if let Some(re) = PATTERNS.get_or_init(|| {
        regex::Regex::new(
            r"(?i)\b(?:gh[pousr]_[A-Za-z0-9_]{8,}|github_pat_[A-Za-z0-9_]{8,})|\b(bearer|token|basic)(\s+)[A-Za-z0-9_\-.~+/=\[\]]+",
        )
        .ok()
    }) {
        out = re
            .replace_all(&out, |c: &regex::Captures<'_>| match (c.get(1), c.get(2)) {
                (Some(kw), Some(sp)) => format!("{}{}[REDACTED]", kw.as_str(), sp.as_str()),
                _ => "[REDACTED]".to_owned(),
            })
            .into_owned();
    }
    out
}

impl Client {
    #[must_use]
    pub fn new(cfg: GithubConfig) -> Self {
        let agent = ureq::AgentBuilder::new()
            .timeout(Duration::from_secs(60))
            .user_agent(&format!("vigil/{}", env!("CARGO_PKG_VERSION")))
            .build();
        let origin = origin_of(&cfg.api_url);
        Self { agent, cfg, origin }
    }

    /// True when `url` is on the origin of the API URL (the only one that gets the token).
    fn same_origin(&self, url: &str) -> bool {
        self.origin.is_some() && origin_of(url) == self.origin
    }

    fn redact(&self, text: &str) -> String {
        redact(text, &self.cfg.token)
    }

    #[must_use]
    pub fn config(&self) -> &GithubConfig {
        &self.cfg
    }

    fn repo_url(&self, tail: &str) -> String {
        format!(
            "{}/repos/{}/{}/{tail}",
            self.cfg.api_url, self.cfg.pr.owner, self.cfg.pr.repo
        )
    }

    fn request(&self, method: &str, url: &str, accept: &str) -> ureq::Request {
        let req = self
            .agent
            .request(method, url)
            .set("Accept", accept)
            .set("X-GitHub-Api-Version", "2022-11-28");
        // Never send the token to another origin.
        if self.same_origin(url) {
            req.set("Authorization", &format!("Bearer {}", self.cfg.token))
        } else {
            req
        }
    }

    /// Send, mapping every failure to a typed error. Returns the response body and `Link` header.
    fn send(
        &self,
        method: &str,
        url: &str,
        accept: &str,
        body: Option<&Value>,
    ) -> Result<(String, Option<String>), ReviewError> {
        let req = self.request(method, url, accept);
        let res = match body {
            Some(b) => req
                .set("Content-Type", "application/json")
                .send_string(&b.to_string()),
            None => req.call(),
        };
        match res {
            Ok(resp) => {
                let link = resp.header("link").map(str::to_owned);
                let text = resp.into_string().map_err(|e| ReviewError::Transport {
                    method: method.to_owned(),
                    url: self.redact(url),
                    message: self.redact(&e.to_string()),
                })?;
                Ok((text, link))
            }
            Err(ureq::Error::Status(status, resp)) => {
                Err(api_error(method, url, status, resp, &self.cfg.token))
            }
            Err(ureq::Error::Transport(t)) => Err(ReviewError::Transport {
                method: method.to_owned(),
                url: self.redact(url),
                message: self.redact(&t.to_string()),
            }),
        }
    }

    fn json(
        &self,
        method: &str,
        url: &str,
        body: Option<&Value>,
    ) -> Result<(Value, Option<String>), ReviewError> {
        let (text, link) = self.send(method, url, "application/vnd.github+json", body)?;
        let v = if text.trim().is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).map_err(|e| ReviewError::Json {
                url: self.redact(url),
                message: self.redact(&e.to_string()),
            })?
        };
        Ok((v, link))
    }

    /// GET every page of a list endpoint, following `Link: <…>; rel="next"`.
    fn list(&self, url: &str) -> Result<Vec<Value>, ReviewError> {
        let mut out = Vec::new();
        let mut next = Some(format!("{url}?per_page=100"));
        let mut pages = 0;
        while let Some(u) = next.take() {
            let (v, link) = self.json("GET", &u, None)?;
            let Value::Array(items) = v else {
                return Err(ReviewError::Json {
                    url: u,
                    message: "expected a JSON array".into(),
                });
            };
            out.extend(items);
            pages += 1;
            if pages >= 1000 {
                break; // 100,000 comments: stop rather than loop on a broken server.
            }
            next = link.as_deref().and_then(next_link);
            if let Some(n) = next.as_deref().filter(|n| !self.same_origin(n)) {
                return Err(ReviewError::Json {
                    url: self.redact(&u),
                    message: format!(
                        "the `Link: rel=\"next\"` page {} is not on the origin of the API URL ({}); refusing to follow it",
                        self.redact(n),
                        self.origin.as_deref().unwrap_or("?")
                    ),
                });
            }
        }
        Ok(out)
    }

    fn comments(items: Vec<Value>) -> Vec<Comment> {
        items
            .into_iter()
            .filter_map(|c| {
                Some(Comment {
                    id: c["id"].as_u64()?,
                    body: c["body"].as_str().unwrap_or_default().to_owned(),
                    path: c["path"].as_str().map(str::to_owned),
                    line: c["line"].as_u64(),
                })
            })
            .collect()
    }

    /// All review (inline) comments of the pull request.
    ///
    /// # Errors
    /// A [`ReviewError`] from the API.
    pub fn list_review_comments(&self) -> Result<Vec<Comment>, ReviewError> {
        let url = self.repo_url(&format!("pulls/{}/comments", self.cfg.pr.number));
        Ok(Self::comments(self.list(&url)?))
    }

    /// All issue (conversation) comments of the pull request.
    ///
    /// # Errors
    /// A [`ReviewError`] from the API.
    pub fn list_issue_comments(&self) -> Result<Vec<Comment>, ReviewError> {
        let url = self.repo_url(&format!("issues/{}/comments", self.cfg.pr.number));
        Ok(Self::comments(self.list(&url)?))
    }

    /// Post one review with `event: COMMENT` on the head commit. Returns the review id.
    ///
    /// # Errors
    /// A [`ReviewError`] (422 when a comment is outside the diff).
    pub fn create_review(
        &self,
        body: &str,
        comments: &[ReviewComment],
    ) -> Result<u64, ReviewError> {
        let url = self.repo_url(&format!("pulls/{}/reviews", self.cfg.pr.number));
        let mut payload = json!({
            "body": body,
            "event": "COMMENT",
            "comments": comments.iter().map(ReviewComment::to_json).collect::<Vec<_>>(),
        });
        if !self.cfg.pr.head_sha.is_empty() {
            if let Some(obj) = payload.as_object_mut() {
                obj.insert("commit_id".into(), json!(self.cfg.pr.head_sha));
            }
        }
        let (v, _) = self.json("POST", &url, Some(&payload))?;
        Ok(v["id"].as_u64().unwrap_or_default())
    }

    /// Create an issue comment. Returns its id.
    ///
    /// # Errors
    /// A [`ReviewError`] from the API.
    pub fn create_issue_comment(&self, body: &str) -> Result<u64, ReviewError> {
        let url = self.repo_url(&format!("issues/{}/comments", self.cfg.pr.number));
        let (v, _) = self.json("POST", &url, Some(&json!({ "body": body })))?;
        Ok(v["id"].as_u64().unwrap_or_default())
    }

    /// Replace the body of an issue comment.
    ///
    /// # Errors
    /// A [`ReviewError`] from the API.
    pub fn update_issue_comment(&self, id: u64, body: &str) -> Result<(), ReviewError> {
        let url = self.repo_url(&format!("issues/comments/{id}"));
        self.json("PATCH", &url, Some(&json!({ "body": body })))?;
        Ok(())
    }

    /// The pull request's unified diff (as GitHub computes it: what review comments may refer to).
    ///
    /// # Errors
    /// A [`ReviewError`] from the API.
    pub fn pull_request_diff(&self) -> Result<String, ReviewError> {
        let url = self.repo_url(&format!("pulls/{}", self.cfg.pr.number));
        Ok(self
            .send("GET", &url, "application/vnd.github.diff", None)?
            .0)
    }

    /// The pull request's head commit SHA.
    ///
    /// # Errors
    /// A [`ReviewError`] from the API.
    pub fn pull_request_head(&self) -> Result<String, ReviewError> {
        let url = self.repo_url(&format!("pulls/{}", self.cfg.pr.number));
        let (v, _) = self.json("GET", &url, None)?;
        v["head"]["sha"]
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| ReviewError::Json {
                url,
                message: "no head.sha in the pull request".into(),
            })
    }

    /// Fill in the head SHA from the API when the environment did not give it.
    ///
    /// # Errors
    /// A [`ReviewError`] from the API.
    pub fn ensure_head_sha(&mut self) -> Result<(), ReviewError> {
        if self.cfg.pr.head_sha.is_empty() {
            self.cfg.pr.head_sha = self.pull_request_head()?;
        }
        Ok(())
    }
}

/// The `rel="next"` URL of a `Link` header.
#[must_use]
pub fn next_link(header: &str) -> Option<String> {
    header.split(',').find_map(|part| {
        let (url, params) = part.split_once(';')?;
        params
            .split(';')
            .any(|p| p.trim() == "rel=\"next\"")
            .then(|| {
                url.trim()
                    .trim_start_matches('<')
                    .trim_end_matches('>')
                    .to_owned()
            })
    })
}

fn api_error(
    method: &str,
    url: &str,
    status: u16,
    resp: ureq::Response,
    token: &str,
) -> ReviewError {
    let header_u64 = |k: &str| resp.header(k).and_then(|v| v.trim().parse::<u64>().ok());
    let retry_after = header_u64("retry-after");
    let reset = header_u64("x-ratelimit-reset");
    let remaining = header_u64("x-ratelimit-remaining");
    let text = resp.into_string().unwrap_or_default();
    let message = match serde_json::from_str::<Value>(&text) {
        Ok(v) => {
            let mut m = v["message"].as_str().unwrap_or("no message").to_owned();
            if let Some(errors) = v["errors"].as_array() {
                let details: Vec<String> = errors
                    .iter()
                    .map(|e| {
                        e.as_str().map_or_else(
                            || {
                                e.get("message")
                                    .and_then(Value::as_str)
                                    .map_or_else(|| e.to_string(), str::to_owned)
                            },
                            str::to_owned,
                        )
                    })
                    .collect();
                if !details.is_empty() {
                    m.push_str(&format!(" ({})", details.join("; ")));
                }
            }
            m
        }
        Err(_) => text.chars().take(300).collect(),
    };
    let message = redact(&message, token);
    let (method, url) = (method.to_owned(), redact(url, token));
    let rate_limited = status == 429
        || (status == 403
            && (remaining == Some(0)
                || retry_after.is_some()
                || message.to_lowercase().contains("rate limit")));
    if rate_limited {
        return ReviewError::RateLimited {
            method,
            url,
            status,
            retry_after,
            reset,
            message,
        };
    }
    match status {
        401 | 403 | 404 => ReviewError::Forbidden {
            method,
            url,
            status,
            message,
            hint: "Check the token and the job's `permissions: pull-requests: write`; on pull requests from forks \
                   GITHUB_TOKEN is read-only, so reviews cannot be posted (the scan result and exit code are unaffected)",
        },
        _ => ReviewError::Api {
            method,
            url,
            status,
            message,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_header() {
        let h = "<https://api.github.com/x?page=2>; rel=\"next\", <https://api.github.com/x?page=5>; rel=\"last\"";
        assert_eq!(
            next_link(h).as_deref(),
            Some("https://api.github.com/x?page=2")
        );
        assert_eq!(next_link("<https://a/x?page=1>; rel=\"prev\""), None);
    }

    #[test]
    fn unix_times_read_as_utc() {
        assert_eq!(utc_time(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(utc_time(1_700_000_000), "2023-11-14 22:13:20 UTC");
        assert_eq!(utc_time(951_782_400), "2000-02-29 00:00:00 UTC");
    }
}
