//! Cookie flags (typestate): a servlet `Cookie` created in a function and added to the response with
//! `addCookie` without `setSecure(true)` / `setHttpOnly(true)` on every path before the add.
//!
//! The state per cookie (identified by its `new Cookie(...)` span) is the set of possible flag values
//! on the paths reaching a point: never set, set to `true`, set to `false`, set to a value that is not
//! a constant. Constant propagation prunes dead branches and folds `setSecure(FLAG)`. A cookie that
//! escapes (returned, stored in a field or an array, passed to a call other than its own setters and
//! `addCookie`) is not reported: someone else may set its flags.

use std::collections::{BTreeMap, BTreeSet};

use crate::cfg::{solve, Analysis, BudgetExceeded};
use crate::constprop::{feasible, transfer_inst, ConstEnv};
use crate::ir::{
    Block, BlockId, Call, CallKind, Const, Expr, Function, Inst, Operand, Span, Terminator, Var,
};

/// Possible values of one flag on the paths reaching a point (a bit set).
const UNSET: u8 = 1;
const TRUE: u8 = 2;
const FALSE: u8 = 4;
const UNKNOWN: u8 = 8;

const COOKIE_TYPES: &[&str] = &["javax.servlet.http.Cookie", "jakarta.servlet.http.Cookie"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Flags {
    secure: u8,
    http_only: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct State {
    env: ConstEnv,
    /// Which cookie (creation span) a variable holds.
    vars: BTreeMap<Var, Span>,
    flags: BTreeMap<Span, Flags>,
}

/// A missing flag: what the add call lacks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CookieHit {
    /// The `addCookie(...)` call.
    pub add: Span,
    /// The `new Cookie(...)` expression.
    pub created: Span,
    /// `Secure` is not set to `true` on some path (`false` or never set).
    pub no_secure: bool,
    /// `HttpOnly` likewise.
    pub no_http_only: bool,
    /// The flag was explicitly set to `false` (rather than never set) on some path.
    pub secure_false: bool,
    pub http_only_false: bool,
}

struct CookieFlags {
    report: bool,
    hits: Vec<CookieHit>,
    escaped: BTreeSet<Span>,
}

fn flag_value(arg: Option<&Operand>, env: &ConstEnv) -> u8 {
    match arg.and_then(|a| env.operand(a)) {
        Some(Const::Bool(true)) => TRUE,
        Some(Const::Bool(false)) => FALSE,
        _ => UNKNOWN,
    }
}

impl CookieFlags {
    fn cookie_of(st: &State, o: &Operand) -> Option<Span> {
        match o {
            Operand::Var(v) => st.vars.get(v).copied(),
            _ => None,
        }
    }

    fn call(&mut self, c: &Call, dst: Option<Var>, st: &mut State) {
        if c.kind == CallKind::Constructor
            && c.class
                .as_deref()
                .is_some_and(|t| COOKIE_TYPES.contains(&t))
        {
            if let Some(d) = dst {
                st.vars.insert(d, c.span);
                st.flags.insert(
                    c.span,
                    Flags {
                        secure: UNSET,
                        http_only: UNSET,
                    },
                );
            }
            return;
        }
        let recv = c.receiver.as_ref().and_then(|r| Self::cookie_of(st, r));
        if let Some(id) = recv {
            let v = flag_value(c.args.first(), &st.env);
            if let Some(f) = st.flags.get_mut(&id) {
                match (&*c.name, c.args.len()) {
                    ("setSecure", 1) => f.secure = v,
                    ("setHttpOnly", 1) => f.http_only = v,
                    _ => {}
                }
            }
        }
        let add = &*c.name == "addCookie" && c.args.len() == 1;
        for a in &c.args {
            let Some(id) = Self::cookie_of(st, a) else {
                continue;
            };
            if !add {
                self.escaped.insert(id);
                continue;
            }
            let Some(f) = st.flags.get(&id) else {
                continue;
            };
            if !self.report {
                continue;
            }
            let missing = |x: u8| x & UNKNOWN == 0 && x & (UNSET | FALSE) != 0;
            let hit = CookieHit {
                add: c.span,
                created: id,
                no_secure: missing(f.secure),
                no_http_only: missing(f.http_only),
                secure_false: missing(f.secure) && f.secure & FALSE != 0,
                http_only_false: missing(f.http_only) && f.http_only & FALSE != 0,
            };
            if (hit.no_secure || hit.no_http_only) && !self.hits.contains(&hit) {
                self.hits.push(hit);
            }
        }
    }

    fn escape_operand(&mut self, st: &State, o: &Operand) {
        if let Some(id) = Self::cookie_of(st, o) {
            self.escaped.insert(id);
        }
    }

    fn inst(&mut self, inst: &Inst, st: &mut State) {
        match inst {
            Inst::Assign { dst, expr, .. } => {
                let alias = match expr {
                    Expr::Use(o) => Self::cookie_of(st, o),
                    _ => None,
                };
                if let Expr::Call(c) = expr {
                    self.call(c, *dst, st);
                } else if let Expr::ArrayNew(elems) = expr {
                    for e in elems {
                        self.escape_operand(st, e);
                    }
                }
                if let Some(d) = dst {
                    let is_new = matches!(expr, Expr::Call(c) if st.vars.get(d) == Some(&c.span));
                    if !is_new {
                        match alias {
                            Some(id) => {
                                st.vars.insert(*d, id);
                            }
                            None => {
                                st.vars.remove(d);
                            }
                        }
                    }
                }
            }
            Inst::FieldStore { value, .. } | Inst::ArrayStore { value, .. } => {
                self.escape_operand(st, value);
            }
        }
        transfer_inst(inst, &mut st.env);
    }
}

impl Analysis for CookieFlags {
    type State = State;

    fn entry_state(&self, _f: &Function) -> State {
        State::default()
    }

    fn join(&self, into: &mut State, other: &State) {
        into.env.join(&other.env);
        for (v, id) in &other.vars {
            match into.vars.get(v) {
                Some(x) if x != id => {
                    into.vars.remove(v);
                }
                Some(_) => {}
                None => {
                    into.vars.insert(*v, *id);
                }
            }
        }
        for (id, f) in &other.flags {
            let e = into.flags.entry(*id).or_insert(Flags {
                secure: UNSET,
                http_only: UNSET,
            });
            e.secure |= f.secure;
            e.http_only |= f.http_only;
        }
        // A cookie created on only one side was unset on the other.
        let only_into: Vec<Span> = into
            .flags
            .keys()
            .filter(|k| !other.flags.contains_key(*k))
            .copied()
            .collect();
        for k in only_into {
            if let Some(e) = into.flags.get_mut(&k) {
                e.secure |= UNSET;
                e.http_only |= UNSET;
            }
        }
    }

    fn transfer(
        &mut self,
        _f: &Function,
        _id: BlockId,
        block: &Block,
        st: &mut State,
        out: &mut Vec<(BlockId, State)>,
    ) {
        for inst in &block.insts {
            self.inst(inst, st);
        }
        match &block.term {
            Terminator::Return(Some(o), _) | Terminator::Throw(o, _) => {
                let o = o.clone();
                self.escape_operand(st, &o);
            }
            _ => {}
        }
        for s in feasible(&block.term, &st.env) {
            out.push((s, st.clone()));
        }
    }
}

/// Every `addCookie` of a cookie created in `f` that lacks `Secure` or `HttpOnly` on some path
/// (cookies that escape `f` are left out).
///
/// # Errors
/// [`BudgetExceeded`] when the function is too large.
pub fn check_cookies(f: &Function, budget: usize) -> Result<Vec<CookieHit>, BudgetExceeded> {
    let mut a = CookieFlags {
        report: false,
        hits: Vec::new(),
        escaped: BTreeSet::new(),
    };
    let states = solve(f, &mut a, budget)?;
    a.report = true;
    let mut out = Vec::new();
    for (i, block) in f.blocks.iter().enumerate() {
        let Some(Some(st)) = states.get(i) else {
            continue;
        };
        let mut st = st.clone();
        let id = BlockId(u32::try_from(i).unwrap_or(u32::MAX));
        a.transfer(f, id, block, &mut st, &mut out);
        out.clear();
    }
    let escaped = a.escaped;
    Ok(a.hits
        .into_iter()
        .filter(|h| !escaped.contains(&h.created))
        .collect())
}
