//! The language-neutral intermediate representation: functions made of basic blocks.
//!
//! Front ends (Java today, Python later) lower each method, constructor, lambda or initializer into a
//! [`Function`]. Locals and temporaries are [`Var`]s (not SSA: a variable may be assigned many times);
//! every instruction and terminator keeps the byte span of the syntax it came from.

use std::sync::Arc;

use vigil_core::TextRange;

/// A byte span in the source file.
pub type Span = TextRange;

/// A local variable or temporary of one function.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Var(pub u32);

/// A basic block of one function.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BlockId(pub u32);

impl BlockId {
    #[must_use]
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A compile-time constant.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Const {
    Null,
    Bool(bool),
    Int(i64),
    Char(char),
    Str(Arc<str>),
}

impl Const {
    /// The value as Java/Python string concatenation renders it.
    #[must_use]
    pub fn render(&self) -> String {
        match self {
            Const::Null => "null".into(),
            Const::Bool(b) => b.to_string(),
            Const::Int(i) => i.to_string(),
            Const::Char(c) => c.to_string(),
            Const::Str(s) => s.to_string(),
        }
    }
}

/// A value read by an instruction.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Operand {
    Var(Var),
    Const(Const),
    /// A value the front end could not model (e.g. a lambda object); never constant, never tainted.
    Opaque,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    /// Logical and/or evaluated on values (short-circuit forms are lowered to branches when it matters).
    And,
    Or,
    BitAnd,
    BitOr,
    BitXor,
    Shl,
    Shr,
    UShr,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnOp {
    Neg,
    Not,
    BitNot,
}

/// How a call is dispatched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CallKind {
    /// A static call (`Class.m(...)`) or a free function.
    Static,
    /// A virtual call on a receiver (`obj.m(...)`, or an implicit `this`).
    Virtual,
    /// An object creation (`new T(...)`); `class` is the created type, `name` is `<init>`.
    Constructor,
}

/// A call site.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Call {
    /// The method or function name (`<init>` for constructors).
    pub name: Arc<str>,
    /// The resolved (fully qualified where known) type of the receiver, or the class of a static call or
    /// constructor. `None` when unknown.
    pub class: Option<Arc<str>>,
    pub kind: CallKind,
    /// The receiver of a virtual call (`None` for static calls and constructors).
    pub receiver: Option<Operand>,
    /// True when the receiver is the enclosing object (`this.m()` or an unqualified call).
    pub on_this: bool,
    pub args: Vec<Operand>,
    pub span: Span,
}

/// The right-hand side of an assignment.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Expr {
    Use(Operand),
    Binary(BinOp, Operand, Operand),
    Unary(UnOp, Operand),
    Call(Call),
    /// Read of a field; `base: None` is a field of `this` (or a static field of the enclosing class).
    FieldLoad {
        base: Option<Operand>,
        field: Arc<str>,
    },
    ArrayLoad {
        array: Operand,
        index: Operand,
    },
    /// A new array with the given initial elements (empty for `new T[n]`).
    ArrayNew(Vec<Operand>),
    /// The `n`-th parameter of the function, on entry.
    Param(u32),
    /// The enclosing object.
    This,
    /// The exception caught by a handler.
    CaughtException,
}

/// One instruction.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Inst {
    /// `dst = expr`; `dst: None` evaluates `expr` for its effect (a call statement).
    Assign {
        dst: Option<Var>,
        expr: Expr,
        span: Span,
    },
    /// `base.field = value`; `base: None` is a field of `this`.
    FieldStore {
        base: Option<Operand>,
        field: Arc<str>,
        value: Operand,
        span: Span,
    },
    ArrayStore {
        array: Operand,
        index: Operand,
        value: Operand,
        span: Span,
    },
}

impl Inst {
    #[must_use]
    pub fn span(&self) -> Span {
        match self {
            Inst::Assign { span, .. }
            | Inst::FieldStore { span, .. }
            | Inst::ArrayStore { span, .. } => *span,
        }
    }
}

/// How a block ends.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Terminator {
    Goto(BlockId),
    /// Two-way branch on a boolean value.
    Branch {
        cond: Operand,
        then: BlockId,
        els: BlockId,
        span: Span,
    },
    /// Multi-way branch on a value compared with constants.
    Switch {
        value: Operand,
        cases: Vec<(Const, BlockId)>,
        default: BlockId,
        span: Span,
    },
    Return(Option<Operand>, Span),
    Throw(Operand, Span),
    /// End of a block that cannot complete normally (e.g. after an infinite loop).
    Unreachable,
}

/// A basic block: straight-line instructions, a terminator, and the handlers its instructions may
/// throw to (exceptional edges).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Block {
    pub insts: Vec<Inst>,
    pub term: Terminator,
    pub handlers: Vec<BlockId>,
}

/// A declared parameter.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Param {
    pub var: Var,
    pub name: Arc<str>,
    /// Resolved declared type, when known.
    pub ty: Option<Arc<str>>,
    /// Annotation names as written, without `@` (`RequestParam`, `javax.ws.rs.QueryParam`).
    pub annotations: Vec<Arc<str>>,
    pub span: Span,
}

/// A local variable's declared (or inferred) type and name, for messages and type-based matching.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Local {
    pub name: Option<Arc<str>>,
    pub ty: Option<Arc<str>>,
}

/// One lowered function (method, constructor, lambda, initializer).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Function {
    /// Simple name (`<init>` for constructors, `<clinit>` for initializers, `lambda$N` for lambdas).
    pub name: Arc<str>,
    /// Fully qualified name of the enclosing class, when known.
    pub owner: Arc<str>,
    pub params: Vec<Param>,
    pub return_type: Option<Arc<str>>,
    pub is_static: bool,
    /// Entry block is `blocks[0]`.
    pub blocks: Vec<Block>,
    pub locals: Vec<Local>,
    /// Span of the whole declaration, and of its name.
    pub span: Span,
    pub name_span: Span,
}

impl Function {
    #[must_use]
    pub fn block(&self, id: BlockId) -> Option<&Block> {
        self.blocks.get(id.index())
    }

    #[must_use]
    pub fn local(&self, v: Var) -> Option<&Local> {
        self.locals.get(v.0 as usize)
    }

    /// Number of instructions in all blocks.
    #[must_use]
    pub fn size(&self) -> usize {
        self.blocks.iter().map(|b| b.insts.len() + 1).sum()
    }
}

/// Every call made by `functions`, in order.
pub fn calls(functions: &[Function]) -> impl Iterator<Item = &Call> {
    functions
        .iter()
        .flat_map(|f| &f.blocks)
        .flat_map(|b| &b.insts)
        .filter_map(|i| match i {
            Inst::Assign {
                expr: Expr::Call(c),
                ..
            } => Some(c),
            _ => None,
        })
}
