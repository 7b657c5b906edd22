//! Engine tests on hand-built IR: constant folding, dead branches, containers, sanitizers, guards,
//! summaries. (Java-level behaviour is covered by the fixtures of `vigil_java`.)

use std::sync::Arc;

use vigil_core::TextRange;
use vigil_flow::cfg::solve;
use vigil_flow::constprop::{eval_binary, eval_call, ConstEnv, ConstProp};
use vigil_flow::ir::{
    BinOp, Block, BlockId, Call, CallKind, Const, Expr, Function, Inst, Local, Operand, Param,
    Terminator, Var,
};
use vigil_flow::taint::{analyze, Callees, FnSummary, TaintRun};
use vigil_flow::Models;

const MODELS: &str = r#"
library: test
taint-kinds: [sql]
sources:
  - types: [Req]
    methods: [param]
sinks:
  - types: [Db]
    methods: [run]
    args: [arg0]
    kind: sql
sanitizers:
  - types: [Enc]
    methods: [sql]
    kinds: [sql]
  - types: [Num]
    methods: [parse]
    kinds: [all]
guards:
  - types: [Set]
    methods: [contains]
    target: arg0
    kinds: [all]
containers:
  - types: [Map]
    methods: [put]
    op: store-key
  - types: [Map]
    methods: [get]
    op: load-key
"#;

fn models() -> Models {
    Models::load(&[("test.yaml", MODELS)]).expect("models load")
}

fn sp(n: u32) -> TextRange {
    TextRange {
        start: n,
        end: n + 1,
    }
}

fn call(class: &str, name: &str, recv: Option<Var>, args: Vec<Operand>, at: u32) -> Expr {
    Expr::Call(Call {
        name: Arc::from(name),
        class: Some(Arc::from(class)),
        kind: if recv.is_some() {
            CallKind::Virtual
        } else {
            CallKind::Static
        },
        receiver: recv.map(Operand::Var),
        on_this: false,
        args,
        span: sp(at),
    })
}

fn assign(dst: u32, e: Expr, at: u32) -> Inst {
    Inst::Assign {
        dst: Some(Var(dst)),
        expr: e,
        span: sp(at),
    }
}

fn func(blocks: Vec<Block>, nlocals: usize, params: Vec<Param>) -> Function {
    Function {
        name: Arc::from("f"),
        owner: Arc::from("C"),
        params,
        return_type: None,
        is_static: true,
        blocks,
        locals: vec![Local::default(); nlocals],
        span: sp(0),
        name_span: sp(0),
    }
}

fn block(insts: Vec<Inst>, term: Terminator) -> Block {
    Block {
        insts,
        term,
        handlers: Vec::new(),
    }
}

struct NoCallees;
impl Callees for NoCallees {
    fn summary(&self, _: &Call, _: &Function) -> Option<FnSummary> {
        None
    }
}

fn sinks(f: &Function) -> Vec<u32> {
    let m = models();
    let describe = |_: TextRange| String::from("x");
    let fields = std::collections::BTreeMap::new();
    let run = TaintRun {
        field_sources: &fields,
        models: &m,
        kinds: u64::MAX,
        callees: &NoCallees,
        param_sources: vec![None; f.params.len()],
        describe: &describe,
        budget: 10_000,
    };
    analyze(f, &run)
        .hits
        .iter()
        .map(|h| h.call.span.start)
        .collect()
}

#[test]
fn folds_arithmetic_strings_and_calls() {
    assert_eq!(
        eval_binary(BinOp::Gt, &Const::Int(7 * 42 - 86), &Const::Int(200)),
        Some(Const::Bool(true))
    );
    assert_eq!(
        eval_binary(BinOp::Add, &Const::Str(Arc::from("a")), &Const::Int(1)),
        Some(Const::Str(Arc::from("a1")))
    );
    let env = ConstEnv::default();
    let c = Call {
        name: Arc::from("equals"),
        class: None,
        kind: CallKind::Virtual,
        receiver: Some(Operand::Const(Const::Str(Arc::from("abc")))),
        on_this: false,
        args: vec![Operand::Const(Const::Str(Arc::from("abd")))],
        span: sp(0),
    };
    assert_eq!(eval_call(&c, &env), Some(Const::Bool(false)));
}

#[test]
fn dead_branch_is_unreachable_for_constprop_and_taint() {
    // v0 = req.param(); v1 = 20 > 200; if v1 { db.run(v0) @10 } else { db.run("x") @20 }
    let f = func(
        vec![
            block(
                vec![
                    assign(0, call("Req", "param", Some(Var(9)), vec![], 1), 1),
                    assign(
                        1,
                        Expr::Binary(
                            BinOp::Gt,
                            Operand::Const(Const::Int(20)),
                            Operand::Const(Const::Int(200)),
                        ),
                        2,
                    ),
                ],
                Terminator::Branch {
                    cond: Operand::Var(Var(1)),
                    then: BlockId(1),
                    els: BlockId(2),
                    span: sp(2),
                },
            ),
            block(
                vec![assign(
                    2,
                    call("Db", "run", Some(Var(8)), vec![Operand::Var(Var(0))], 10),
                    10,
                )],
                Terminator::Return(None, sp(11)),
            ),
            block(
                vec![assign(
                    2,
                    call(
                        "Db",
                        "run",
                        Some(Var(8)),
                        vec![Operand::Const(Const::Str(Arc::from("x")))],
                        20,
                    ),
                    20,
                )],
                Terminator::Return(None, sp(21)),
            ),
        ],
        10,
        vec![],
    );
    let states = solve(&f, &mut ConstProp, 100).expect("converges");
    assert!(states[1].is_none(), "the then-block is dead");
    assert!(states[2].is_some());
    assert!(sinks(&f).is_empty());
}

#[test]
fn taint_reaches_sink_unless_sanitized_or_overwritten() {
    // v0 = param(); v1 = "q" + v0; run(v1) @5; v2 = Enc.sql(v1); run(v2) @7; v0 = "c"; run(v0) @9
    let f = func(
        vec![block(
            vec![
                assign(0, call("Req", "param", Some(Var(9)), vec![], 1), 1),
                assign(
                    1,
                    Expr::Binary(
                        BinOp::Add,
                        Operand::Const(Const::Str(Arc::from("q"))),
                        Operand::Var(Var(0)),
                    ),
                    2,
                ),
                assign(
                    3,
                    call("Db", "run", Some(Var(8)), vec![Operand::Var(Var(1))], 5),
                    5,
                ),
                assign(
                    2,
                    call("Enc", "sql", None, vec![Operand::Var(Var(1))], 6),
                    6,
                ),
                assign(
                    3,
                    call("Db", "run", Some(Var(8)), vec![Operand::Var(Var(2))], 7),
                    7,
                ),
                assign(0, Expr::Use(Operand::Const(Const::Str(Arc::from("c")))), 8),
                assign(
                    3,
                    call("Db", "run", Some(Var(8)), vec![Operand::Var(Var(0))], 9),
                    9,
                ),
            ],
            Terminator::Return(None, sp(10)),
        )],
        10,
        vec![],
    );
    assert_eq!(sinks(&f), vec![5]);
}

#[test]
fn map_keys_are_kept_apart() {
    // m.put("a", param()); m.put("b", "k"); run(m.get("b")) @6; run(m.get("a")) @8
    let k = |s: &str| Operand::Const(Const::Str(Arc::from(s)));
    let f = func(
        vec![block(
            vec![
                assign(0, call("Req", "param", Some(Var(9)), vec![], 1), 1),
                assign(
                    2,
                    call(
                        "Map",
                        "put",
                        Some(Var(1)),
                        vec![k("a"), Operand::Var(Var(0))],
                        2,
                    ),
                    2,
                ),
                assign(
                    2,
                    call("Map", "put", Some(Var(1)), vec![k("b"), k("k")], 3),
                    3,
                ),
                assign(3, call("Map", "get", Some(Var(1)), vec![k("b")], 4), 4),
                assign(
                    2,
                    call("Db", "run", Some(Var(8)), vec![Operand::Var(Var(3))], 6),
                    6,
                ),
                assign(4, call("Map", "get", Some(Var(1)), vec![k("a")], 7), 7),
                assign(
                    2,
                    call("Db", "run", Some(Var(8)), vec![Operand::Var(Var(4))], 8),
                    8,
                ),
            ],
            Terminator::Return(None, sp(10)),
        )],
        10,
        vec![],
    );
    assert_eq!(sinks(&f), vec![8]);
}

#[test]
fn guard_dominating_the_sink_cleans_and_summary_tracks_params() {
    // v0 = param; v1 = set.contains(v0); if v1 { run(v0) @5 } else { run(v0) @7 }; return p0
    let f = func(
        vec![
            block(
                vec![
                    assign(5, Expr::Param(0), 0),
                    assign(0, call("Req", "param", Some(Var(9)), vec![], 1), 1),
                    assign(
                        1,
                        call(
                            "Set",
                            "contains",
                            Some(Var(7)),
                            vec![Operand::Var(Var(0))],
                            2,
                        ),
                        2,
                    ),
                ],
                Terminator::Branch {
                    cond: Operand::Var(Var(1)),
                    then: BlockId(1),
                    els: BlockId(2),
                    span: sp(2),
                },
            ),
            block(
                vec![assign(
                    2,
                    call("Db", "run", Some(Var(8)), vec![Operand::Var(Var(0))], 5),
                    5,
                )],
                Terminator::Return(Some(Operand::Var(Var(5))), sp(6)),
            ),
            block(
                vec![assign(
                    2,
                    call("Db", "run", Some(Var(8)), vec![Operand::Var(Var(0))], 7),
                    7,
                )],
                Terminator::Return(Some(Operand::Const(Const::Null)), sp(8)),
            ),
        ],
        10,
        vec![Param {
            var: Var(5),
            name: Arc::from("p"),
            ty: None,
            annotations: Vec::new(),
            span: sp(0),
        }],
    );
    assert_eq!(sinks(&f), vec![7]);
    let m = models();
    let describe = |_: TextRange| String::new();
    let fields = std::collections::BTreeMap::new();
    let run = TaintRun {
        field_sources: &fields,
        models: &m,
        kinds: u64::MAX,
        callees: &NoCallees,
        param_sources: vec![None],
        describe: &describe,
        budget: 10_000,
    };
    let r = analyze(&f, &run);
    assert_eq!(r.summary.param_to_return, vec![(0, 0)]);
    assert!(r.summary.returns_source.is_none());
}

#[test]
fn bad_model_files_are_rejected_with_their_name() {
    let e = Models::load(&[(
        "bad.yaml",
        "library: x\nsinks:\n  - types: [A]\n    methods: [b]\n",
    )])
    .expect_err("a sink needs a kind");
    assert!(e.to_string().contains("bad.yaml"), "{e}");
    let e = Models::load(&[("bad2.yaml", "library: x\nunknown: 1\n")]).expect_err("unknown field");
    assert!(e.to_string().contains("bad2.yaml"), "{e}");
}

#[test]
fn builtin_java_models_load() {
    let files: Vec<(&str, &str)> = vigil_core::builtin::model_files()
        .iter()
        .filter(|(p, _)| p.starts_with("java/"))
        .copied()
        .collect();
    assert!(!files.is_empty());
    let m = Models::load(&files).expect("builtin models are valid");
    assert!(m.kind_index("sql-injection").is_some());
}

#[test]
fn a_constructor_sink_step_names_the_created_type() {
    // v0 = param(); new java.io.File(v0) @5: the last step says `new File(...)`, not `<init>`.
    let m = Models::load(&[(
        "t.yaml",
        "library: t\ntaint-kinds: [path-traversal]\nsources:\n  - types: [Req]\n    methods: [param]\nsinks:\n  - types: [java.io.File]\n    methods: [\"<init>\"]\n    args: [arg0]\n    kind: path-traversal\n",
    )])
    .expect("models load");
    let f = func(
        vec![block(
            vec![
                assign(0, call("Req", "param", Some(Var(9)), vec![], 1), 1),
                assign(
                    1,
                    Expr::Call(Call {
                        name: Arc::from("<init>"),
                        class: Some(Arc::from("java.io.File")),
                        kind: CallKind::Constructor,
                        receiver: None,
                        on_this: false,
                        args: vec![Operand::Var(Var(0))],
                        span: sp(5),
                    }),
                    5,
                ),
            ],
            Terminator::Return(None, sp(10)),
        )],
        10,
        vec![],
    );
    let describe = |_: TextRange| String::from("x");
    let fields = std::collections::BTreeMap::new();
    let run = TaintRun {
        field_sources: &fields,
        models: &m,
        kinds: u64::MAX,
        callees: &NoCallees,
        param_sources: vec![],
        describe: &describe,
        budget: 10_000,
    };
    let hits = analyze(&f, &run).hits;
    let notes: Vec<String> = hits
        .iter()
        .flat_map(|h| h.trace.iter().map(|s| s.note.to_string()))
        .collect();
    assert!(
        notes.iter().any(|n| n == "reaches `new File(...)`"),
        "{notes:?}"
    );
    assert!(!notes.iter().any(|n| n.contains("<init>")), "{notes:?}");
}

#[test]
fn the_solver_gives_up_past_its_budget_and_says_so() {
    // A loop whose state changes for a while: v1 = v1 + "x" on every turn.
    let f = func(
        vec![
            block(
                vec![assign(0, call("Req", "param", Some(Var(9)), vec![], 1), 1)],
                Terminator::Goto(BlockId(1)),
            ),
            block(
                vec![assign(
                    1,
                    Expr::Binary(BinOp::Add, Operand::Var(Var(1)), Operand::Var(Var(0))),
                    2,
                )],
                Terminator::Branch {
                    cond: Operand::Var(Var(2)),
                    then: BlockId(1),
                    els: BlockId(2),
                    span: sp(3),
                },
            ),
            block(
                vec![assign(
                    3,
                    call("Db", "run", Some(Var(8)), vec![Operand::Var(Var(1))], 5),
                    5,
                )],
                Terminator::Return(None, sp(6)),
            ),
        ],
        10,
        vec![],
    );
    let m = models();
    let describe = |_: TextRange| String::from("x");
    let fields = std::collections::BTreeMap::new();
    let run = |budget: usize| TaintRun {
        field_sources: &fields,
        models: &m,
        kinds: u64::MAX,
        callees: &NoCallees,
        param_sources: vec![],
        describe: &describe,
        budget,
    };
    let small = analyze(&f, &run(1));
    assert!(small.gave_up, "a budget of one block visit is exceeded");
    assert!(small.hits.is_empty());
    let enough = analyze(&f, &run(10_000));
    assert!(!enough.gave_up);
    assert_eq!(enough.hits.len(), 1);
}

/// Per language, the declared taint kinds are exactly the `analysis: taint` rules of that language.
#[test]
fn declared_kinds_equal_the_taint_rules_of_each_language() {
    let rules = vigil_core::builtin::rules().expect("builtin rules parse");
    let mut langs: Vec<&str> = vigil_core::builtin::model_files()
        .iter()
        .filter_map(|(p, _)| p.split('/').next())
        .collect();
    langs.sort_unstable();
    langs.dedup();
    assert!(langs.contains(&"java"));
    for lang in langs {
        let files: Vec<(&str, &str)> = vigil_core::builtin::model_files()
            .iter()
            .filter(|(p, _)| p.split('/').next() == Some(lang))
            .copied()
            .collect();
        let m = Models::load(&files).unwrap_or_else(|e| panic!("{lang}: {e}"));
        let declared: std::collections::BTreeSet<String> =
            m.declared_kinds().iter().map(ToString::to_string).collect();
        let taint_rules: std::collections::BTreeSet<String> = rules
            .iter()
            .filter(|r| r.analysis() == Some("taint"))
            .filter_map(|r| r.id.strip_prefix(&format!("{lang}/")).map(str::to_owned))
            .collect();
        assert_eq!(
            declared, taint_rules,
            "{lang}: taint-kinds vs analysis: taint rules"
        );
        let used: std::collections::BTreeSet<String> =
            m.kinds().iter().map(ToString::to_string).collect();
        assert_eq!(used, declared, "{lang}: every kind has a bit");
    }
}

#[test]
fn only_files_with_a_sink_are_checked_again_and_restricted_sources_need_their_kind() {
    use vigil_flow::taint::{files_to_recheck, has_reportable_source, sink_kinds, FileReach};
    let m = Models::load(&[(
        "t.yaml",
        r#"
library: t
taint-kinds: [sql, insecure-random]
sources:
  - types: [Req]
    methods: [param]
  - types: [Rnd]
    methods: [next]
    only: [insecure-random]
sinks:
  - types: [Db]
    methods: [run]
    args: [arg0]
    kind: sql
  - types: [Tok]
    methods: [set]
    args: [arg0]
    kind: insecure-random
"#,
    )])
    .expect("models load");
    let one = |class: &str, name: &str| {
        func(
            vec![block(
                vec![assign(0, call(class, name, None, Vec::new(), 1), 1)],
                Terminator::Return(None, sp(2)),
            )],
            1,
            Vec::new(),
        )
    };
    let (user, rnd) = (one("Req", "param"), one("Rnd", "next"));
    let (sql, tok) = (one("Db", "run"), one("Tok", "set"));
    assert_eq!(sink_kinds(std::slice::from_ref(&user), &m), 0);
    assert_ne!(sink_kinds(&[user.clone(), sql.clone()], &m), 0);
    // User input matters wherever it is; a predictable number only next to a sink of its kind.
    assert!(has_reportable_source(std::slice::from_ref(&user), &[], &m));
    assert!(!has_reportable_source(&[rnd.clone(), sql.clone()], &[], &m));
    assert!(has_reportable_source(&[rnd, tok], &[], &m));
    let reach = |path: &str, may_sink: bool| FileReach::<Arc<str>> {
        path: Arc::from(path),
        local_source: true,
        may_sink,
        defines: Vec::new(),
        calls: Vec::new(),
    };
    let again = files_to_recheck(
        vec![reach("sinks.py", true), reach("none.py", false)],
        &std::collections::HashSet::new(),
        |_| true,
    );
    assert!(again.contains("sinks.py"));
    assert!(!again.contains("none.py"));
}

#[test]
fn string_folding_stops_at_the_length_bound() {
    use vigil_flow::constprop::MAX_FOLDED_STRING;
    let s = |n: usize| Const::Str(Arc::from("x".repeat(n)));
    // Up to the bound, concatenation folds.
    let folded = eval_binary(BinOp::Add, &s(MAX_FOLDED_STRING - 1), &s(1));
    assert_eq!(folded, Some(s(MAX_FOLDED_STRING)));
    // One byte more is not a constant (a chain of thousands of literals would be copied at
    // every step otherwise).
    assert_eq!(eval_binary(BinOp::Add, &s(MAX_FOLDED_STRING), &s(1)), None);
    assert_eq!(
        eval_binary(BinOp::Add, &s(3), &Const::Int(42)),
        Some(Const::Str(Arc::from("xxx42")))
    );
}
