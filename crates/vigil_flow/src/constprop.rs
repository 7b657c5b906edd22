//! Constant propagation with condition folding.
//!
//! [`ConstEnv`] maps variables to known constants (absent = not a constant). [`eval_expr`] folds
//! arithmetic, comparisons, string concatenation and a table of pure string methods on constant
//! receivers (`"abc".equals("abd")`, `s.charAt(2)`, `length()`...); [`feasible`] keeps only the
//! successors of a terminator that its folded condition allows. [`ConstProp`] is the stand-alone
//! analysis; the taint engine embeds the same environment in its state so dead branches drop out of it.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::cfg::Analysis;
use crate::ir::{
    BinOp, Block, BlockId, Call, Const, Expr, Function, Inst, Operand, Terminator, UnOp, Var,
};

/// Known constant values of variables at a program point.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConstEnv {
    vals: BTreeMap<Var, Const>,
}

impl ConstEnv {
    #[must_use]
    pub fn get(&self, v: Var) -> Option<&Const> {
        self.vals.get(&v)
    }

    pub fn set(&mut self, v: Var, c: Option<Const>) {
        match c {
            Some(c) => {
                self.vals.insert(v, c);
            }
            None => {
                self.vals.remove(&v);
            }
        }
    }

    /// The constant value of an operand, if known.
    #[must_use]
    pub fn operand(&self, o: &Operand) -> Option<Const> {
        match o {
            Operand::Var(v) => self.vals.get(v).cloned(),
            Operand::Const(c) => Some(c.clone()),
            Operand::Opaque => None,
        }
    }

    /// Keep only the facts both environments agree on.
    pub fn join(&mut self, other: &ConstEnv) {
        self.vals.retain(|k, v| other.vals.get(k) == Some(v));
    }
}

fn as_int(c: &Const) -> Option<i64> {
    match c {
        Const::Int(i) => Some(*i),
        Const::Char(c) => Some(i64::from(u32::from(*c))),
        _ => None,
    }
}

/// The longest string a fold produces (bytes); a longer result is not a constant. A generated
/// table written as a chain of thousands of concatenated literals (a charset's mapping table in
/// the JDK) would otherwise be copied at every step of the chain, each step's value kept: time
/// and memory quadratic in its length (one 885 KB file took 240 MB and 1.4 s). Nothing a rule
/// looks for in a constant (an algorithm or host name, a URL prefix, a key, a query) is this long,
/// and an unknown value carries no taint.
pub const MAX_FOLDED_STRING: usize = 16 * 1024;

/// A folded string, if it is not longer than [`MAX_FOLDED_STRING`].
#[must_use]
pub fn folded_str(s: String) -> Option<Const> {
    (s.len() <= MAX_FOLDED_STRING).then(|| Const::Str(Arc::from(s)))
}

/// Fold a binary operation on constants.
#[must_use]
pub fn eval_binary(op: BinOp, a: &Const, b: &Const) -> Option<Const> {
    use BinOp::*;
    if op == Add {
        if let (Const::Str(_), _) | (_, Const::Str(_)) = (a, b) {
            return folded_str(format!("{}{}", a.render(), b.render()));
        }
    }
    if let (Some(x), Some(y)) = (as_int(a), as_int(b)) {
        return Some(match op {
            Add => Const::Int(x.checked_add(y)?),
            Sub => Const::Int(x.checked_sub(y)?),
            Mul => Const::Int(x.checked_mul(y)?),
            Div => Const::Int(x.checked_div(y)?),
            Rem => Const::Int(x.checked_rem(y)?),
            Eq => Const::Bool(x == y),
            Ne => Const::Bool(x != y),
            Lt => Const::Bool(x < y),
            Le => Const::Bool(x <= y),
            Gt => Const::Bool(x > y),
            Ge => Const::Bool(x >= y),
            BitAnd => Const::Int(x & y),
            BitOr => Const::Int(x | y),
            BitXor => Const::Int(x ^ y),
            Shl => Const::Int(x.checked_shl(u32::try_from(y & 63).ok()?)?),
            Shr => Const::Int(x.checked_shr(u32::try_from(y & 63).ok()?)?),
            UShr => Const::Int(
                i64::try_from((x as u64).checked_shr(u32::try_from(y & 63).ok()?)?).ok()?,
            ),
            And | Or => return None,
        });
    }
    match (op, a, b) {
        (And, Const::Bool(x), Const::Bool(y)) | (BitAnd, Const::Bool(x), Const::Bool(y)) => {
            Some(Const::Bool(*x && *y))
        }
        (Or, Const::Bool(x), Const::Bool(y)) | (BitOr, Const::Bool(x), Const::Bool(y)) => {
            Some(Const::Bool(*x || *y))
        }
        (BitXor, Const::Bool(x), Const::Bool(y)) => Some(Const::Bool(x != y)),
        (Eq, Const::Bool(x), Const::Bool(y)) => Some(Const::Bool(x == y)),
        (Ne, Const::Bool(x), Const::Bool(y)) => Some(Const::Bool(x != y)),
        (Eq, Const::Null, Const::Null) => Some(Const::Bool(true)),
        (Ne, Const::Null, Const::Null) => Some(Const::Bool(false)),
        // A string literal is never null.
        (Eq, Const::Null, Const::Str(_)) | (Eq, Const::Str(_), Const::Null) => {
            Some(Const::Bool(false))
        }
        (Ne, Const::Null, Const::Str(_)) | (Ne, Const::Str(_), Const::Null) => {
            Some(Const::Bool(true))
        }
        _ => None,
    }
}

/// Fold a unary operation on a constant.
#[must_use]
pub fn eval_unary(op: UnOp, a: &Const) -> Option<Const> {
    match (op, a) {
        (UnOp::Not, Const::Bool(b)) => Some(Const::Bool(!b)),
        (UnOp::Neg, c) => Some(Const::Int(as_int(c)?.checked_neg()?)),
        (UnOp::BitNot, c) => Some(Const::Int(!as_int(c)?)),
        _ => None,
    }
}

fn char_index(s: &str, i: i64) -> Option<usize> {
    let i = usize::try_from(i).ok()?;
    s.char_indices()
        .nth(i)
        .map(|(b, _)| b)
        .or_else(|| (i == s.chars().count()).then_some(s.len()))
}

/// Fold a pure method call on a constant string receiver (`equals`, `length`, `charAt`, `substring`,
/// `toUpperCase`...), or a known pure static conversion (`valueOf`, `parseInt`).
#[must_use]
pub fn eval_call(call: &Call, env: &ConstEnv) -> Option<Const> {
    let args: Vec<Option<Const>> = call.args.iter().map(|a| env.operand(a)).collect();
    let recv = call.receiver.as_ref().and_then(|r| env.operand(r));
    if let Some(Const::Str(s)) = recv {
        let arg_str = |i: usize| match args.get(i) {
            Some(Some(Const::Str(t))) => Some(t.clone()),
            _ => None,
        };
        let arg_int = |i: usize| args.get(i).and_then(|a| a.as_ref().and_then(as_int));
        return match (call.name.as_ref(), args.len()) {
            // Python's `==` on a string, lowered as `__eq__`.
            ("equals" | "__eq__", 1) => match args.first() {
                Some(Some(Const::Str(t))) => Some(Const::Bool(*s == **t)),
                Some(Some(Const::Null)) => Some(Const::Bool(false)),
                _ => None,
            },
            ("equalsIgnoreCase", 1) => {
                Some(Const::Bool(s.to_lowercase() == arg_str(0)?.to_lowercase()))
            }
            ("length", 0) => Some(Const::Int(i64::try_from(s.chars().count()).ok()?)),
            ("isEmpty", 0) => Some(Const::Bool(s.is_empty())),
            ("charAt", 1) => s
                .chars()
                .nth(usize::try_from(arg_int(0)?).ok()?)
                .map(Const::Char),
            ("substring", 1) => {
                let a = char_index(&s, arg_int(0)?)?;
                Some(Const::Str(Arc::from(s.get(a..)?)))
            }
            ("substring", 2) => {
                let a = char_index(&s, arg_int(0)?)?;
                let b = char_index(&s, arg_int(1)?)?;
                Some(Const::Str(Arc::from(s.get(a..b)?)))
            }
            ("contains", 1) => Some(Const::Bool(s.contains(&*arg_str(0)?))),
            ("startsWith", 1) => Some(Const::Bool(s.starts_with(&*arg_str(0)?))),
            ("endsWith", 1) => Some(Const::Bool(s.ends_with(&*arg_str(0)?))),
            ("toUpperCase", 0) => Some(Const::Str(Arc::from(s.to_uppercase()))),
            ("toLowerCase", 0) => Some(Const::Str(Arc::from(s.to_lowercase()))),
            ("trim" | "strip" | "intern" | "toString", 0) => Some(Const::Str(Arc::from(s.trim()))),
            ("concat", 1) => folded_str(format!("{s}{}", arg_str(0)?)),
            ("hashCode", 0) => {
                let mut h: i32 = 0;
                for u in s.encode_utf16() {
                    h = h.wrapping_mul(31).wrapping_add(i32::from(u));
                }
                Some(Const::Int(i64::from(h)))
            }
            _ => None,
        };
    }
    if call.receiver.is_none() && args.len() == 1 {
        let class = call.class.as_deref().unwrap_or("");
        let simple = class.rsplit('.').next().unwrap_or(class);
        match (simple, call.name.as_ref(), args.first()) {
            ("String", "valueOf", Some(Some(c))) => return Some(Const::Str(Arc::from(c.render()))),
            (
                "Integer" | "Long",
                "parseInt" | "parseLong" | "valueOf",
                Some(Some(Const::Str(s))),
            ) => return s.trim().parse::<i64>().ok().map(Const::Int),
            _ => {}
        }
    }
    None
}

/// Fold an expression in an environment.
#[must_use]
pub fn eval_expr(e: &Expr, env: &ConstEnv) -> Option<Const> {
    match e {
        Expr::Use(o) => env.operand(o),
        Expr::Binary(op, a, b) => eval_binary(*op, &env.operand(a)?, &env.operand(b)?),
        Expr::Unary(op, a) => eval_unary(*op, &env.operand(a)?),
        Expr::Call(c) => eval_call(c, env),
        Expr::ArrayLoad { array, index } => match (env.operand(array)?, env.operand(index)?) {
            // Indexing a constant string (Python `s[i]`, negative from the end): the character.
            (Const::Str(s), Const::Int(i)) => {
                let len = i64::try_from(s.chars().count()).ok()?;
                let at = usize::try_from(if i < 0 { len + i } else { i }).ok()?;
                s.chars()
                    .nth(at)
                    .map(|c| Const::Str(Arc::from(c.to_string())))
            }
            _ => None,
        },
        _ => None,
    }
}

/// Apply one instruction to the environment.
pub fn transfer_inst(inst: &Inst, env: &mut ConstEnv) {
    if let Inst::Assign {
        dst: Some(d), expr, ..
    } = inst
    {
        let v = eval_expr(expr, env);
        env.set(*d, v);
    }
}

/// The successors of a terminator that are feasible under `env` (a folded condition keeps one side).
#[must_use]
pub fn feasible(term: &Terminator, env: &ConstEnv) -> Vec<BlockId> {
    match term {
        Terminator::Branch {
            cond, then, els, ..
        } => match env.operand(cond) {
            Some(Const::Bool(true)) => vec![*then],
            Some(Const::Bool(false)) => vec![*els],
            _ => vec![*then, *els],
        },
        Terminator::Switch {
            value,
            cases,
            default,
            ..
        } => match env.operand(value) {
            Some(c) => {
                let hit = cases.iter().find(|(k, _)| match (k, &c) {
                    (Const::Char(a), Const::Int(b)) | (Const::Int(b), Const::Char(a)) => {
                        i64::from(u32::from(*a)) == *b
                    }
                    _ => *k == c,
                });
                vec![hit.map_or(*default, |(_, b)| *b)]
            }
            None => {
                let mut v: Vec<BlockId> = cases.iter().map(|(_, b)| *b).collect();
                v.push(*default);
                v
            }
        },
        Terminator::Goto(b) => vec![*b],
        Terminator::Return(..) | Terminator::Throw(..) | Terminator::Unreachable => Vec::new(),
    }
}

/// Stand-alone constant propagation: the entry state of each block tells which blocks are reachable
/// and which variables are constant there.
#[derive(Debug, Default)]
pub struct ConstProp;

impl Analysis for ConstProp {
    type State = ConstEnv;

    fn entry_state(&self, _f: &Function) -> ConstEnv {
        ConstEnv::default()
    }

    fn join(&self, into: &mut ConstEnv, other: &ConstEnv) {
        into.join(other);
    }

    fn transfer(
        &mut self,
        _f: &Function,
        _id: BlockId,
        block: &Block,
        state: &mut ConstEnv,
        out: &mut Vec<(BlockId, ConstEnv)>,
    ) {
        for i in &block.insts {
            transfer_inst(i, state);
        }
        for s in feasible(&block.term, state) {
            out.push((s, state.clone()));
        }
    }
}
