//! Control-flow graph queries over a [`Function`] and the generic worklist solver.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::ir::{Block, BlockId, Function, Terminator};

/// Normal successors of a block (the targets of its terminator).
#[must_use]
pub fn successors(block: &Block) -> Vec<BlockId> {
    match &block.term {
        Terminator::Goto(b) => vec![*b],
        Terminator::Branch { then, els, .. } => vec![*then, *els],
        Terminator::Switch { cases, default, .. } => {
            let mut v: Vec<BlockId> = cases.iter().map(|(_, b)| *b).collect();
            v.push(*default);
            v
        }
        Terminator::Return(..) | Terminator::Throw(..) | Terminator::Unreachable => Vec::new(),
    }
}

/// Predecessors of every block (normal and exceptional edges).
#[must_use]
pub fn predecessors(f: &Function) -> Vec<Vec<BlockId>> {
    let mut preds = vec![Vec::new(); f.blocks.len()];
    for (i, b) in f.blocks.iter().enumerate() {
        let id = BlockId(u32::try_from(i).unwrap_or(u32::MAX));
        for s in successors(b).into_iter().chain(b.handlers.iter().copied()) {
            if let Some(p) = preds.get_mut(s.index()) {
                if !p.contains(&id) {
                    p.push(id);
                }
            }
        }
    }
    preds
}

/// Blocks in reverse post-order from the entry (unreachable blocks are left out).
#[must_use]
pub fn reverse_postorder(f: &Function) -> Vec<BlockId> {
    let n = f.blocks.len();
    let mut seen = vec![false; n];
    let mut order = Vec::with_capacity(n);
    if n == 0 {
        return order;
    }
    // Iterative DFS: (block, next successor index).
    let mut stack: Vec<(BlockId, usize)> = vec![(BlockId(0), 0)];
    seen[0] = true;
    while let Some((b, i)) = stack.pop() {
        let Some(block) = f.block(b) else { continue };
        let succ: Vec<BlockId> = successors(block)
            .into_iter()
            .chain(block.handlers.iter().copied())
            .collect();
        if let Some(&s) = succ.get(i) {
            stack.push((b, i + 1));
            if s.index() < n && !seen[s.index()] {
                seen[s.index()] = true;
                stack.push((s, 0));
            }
        } else {
            order.push(b);
        }
    }
    order.reverse();
    order
}

/// A forward dataflow analysis over a [`Function`].
pub trait Analysis {
    /// The abstract state at a program point. `PartialEq` decides convergence.
    type State: Clone + PartialEq;

    /// The state on entry to the function.
    fn entry_state(&self, f: &Function) -> Self::State;

    /// Join `other` into `into` (least upper bound).
    fn join(&self, into: &mut Self::State, other: &Self::State);

    /// Run the block's instructions over `state` and push the state for each feasible normal successor
    /// (an analysis that folds a branch condition pushes only the feasible side). The state on exceptional
    /// edges is handled by the solver (the join of the block's entry and exit states).
    fn transfer(
        &mut self,
        f: &Function,
        id: BlockId,
        block: &Block,
        state: &mut Self::State,
        out: &mut Vec<(BlockId, Self::State)>,
    );

    /// The state passed along the block's exceptional edges to its handlers, from its entry and exit
    /// states: by default their join. An analysis that pushes the states at its throwing
    /// instructions to the handlers itself (from `transfer`) returns `None`.
    fn exceptional(&self, entry: &Self::State, exit: &Self::State) -> Option<Self::State> {
        let mut exc = entry.clone();
        self.join(&mut exc, exit);
        Some(exc)
    }
}

/// The solver gave up: the function needed more than the budget of block visits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BudgetExceeded;

/// Solve `analysis` over `f` with a worklist in reverse post-order; returns the entry state of every
/// block (`None` = unreachable). At most `budget` block visits.
///
/// # Errors
/// [`BudgetExceeded`] when the fixpoint is not reached within the budget.
pub fn solve<A: Analysis>(
    f: &Function,
    analysis: &mut A,
    budget: usize,
) -> Result<Vec<Option<A::State>>, BudgetExceeded> {
    let n = f.blocks.len();
    let mut states: Vec<Option<A::State>> = vec![None; n];
    if n == 0 {
        return Ok(states);
    }
    let rpo = reverse_postorder(f);
    let mut rank = vec![usize::MAX; n];
    for (i, b) in rpo.iter().enumerate() {
        rank[b.index()] = i;
    }
    states[0] = Some(analysis.entry_state(f));
    let mut queued = vec![false; n];
    // Lowest reverse-post-order rank first.
    let mut work: BinaryHeap<Reverse<(usize, u32)>> = BinaryHeap::new();
    work.push(Reverse((rank[0], 0)));
    queued[0] = true;
    let mut visits = 0usize;
    let mut out = Vec::new();
    while let Some(Reverse((_, b))) = work.pop() {
        let b = BlockId(b);
        queued[b.index()] = false;
        visits += 1;
        // The per-file time budget of the scan, polled on the first visit and every 64 after.
        if visits > budget || (visits % 64 == 1 && vigil_core::budget::expired()) {
            return Err(BudgetExceeded);
        }
        let (Some(block), Some(Some(entry))) = (f.block(b), states.get(b.index())) else {
            continue;
        };
        let mut state = entry.clone();
        // The entry state is kept only for blocks with handlers (`exceptional` is pure, and its
        // result goes nowhere else): most blocks have none, and each copy is a set of maps.
        let entry = (!block.handlers.is_empty()).then(|| entry.clone());
        out.clear();
        analysis.transfer(f, b, block, &mut state, &mut out);
        if let Some(exc) = entry.and_then(|entry| analysis.exceptional(&entry, &state)) {
            for &h in &block.handlers {
                out.push((h, exc.clone()));
            }
        }
        for (s, st) in out.drain(..) {
            let Some(slot) = states.get_mut(s.index()) else {
                continue;
            };
            let changed = match slot {
                None => {
                    *slot = Some(st);
                    true
                }
                Some(old) => {
                    let mut joined = old.clone();
                    analysis.join(&mut joined, &st);
                    if joined == *old {
                        false
                    } else {
                        *old = joined;
                        true
                    }
                }
            };
            if changed && !queued[s.index()] {
                queued[s.index()] = true;
                work.push(Reverse((
                    rank.get(s.index()).copied().unwrap_or(usize::MAX),
                    s.0,
                )));
            }
        }
    }
    Ok(states)
}
