//! Undo and redo of a lab's data set, shared by both labs.

/// How many edits undo remembers.
const LIMIT: usize = 100;

/// Undo and redo stacks of snapshots of type `T` (a lab's data set).
///
/// `Eq` (for `Eq` snapshots) lets the states compare an unchanged `Rc<History>` by pointer
/// instead of walking up to 100 snapshots on every frame of a drag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct History<T> {
    undo: Vec<T>,
    redo: Vec<T>,
}

impl<T> Default for History<T> {
    fn default() -> Self {
        History { undo: Vec::new(), redo: Vec::new() }
    }
}

impl<T> History<T> {
    /// Whether there is an edit to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is an undone edit to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Records `current` before an edit; a new edit forgets what could be redone.
    pub fn remember(&mut self, current: T) {
        self.undo.push(current);
        if self.undo.len() > LIMIT {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    /// Forgets the last recorded snapshot when `unchanged` says the edit changed nothing (a
    /// press that did not move a point leaves no undo step behind), and returns it.
    pub fn forget_if(&mut self, unchanged: impl FnOnce(&T) -> bool) -> Option<T> {
        if self.undo.last().is_some_and(unchanged) {
            self.undo.pop()
        } else {
            None
        }
    }

    /// Steps back: swaps `current` with the last snapshot; false when there is none.
    pub fn undo(&mut self, current: &mut T) -> bool {
        let Some(previous) = self.undo.pop() else { return false };
        self.redo.push(std::mem::replace(current, previous));
        true
    }

    /// Steps forward again: swaps `current` with the last undone snapshot; false when there is
    /// none.
    pub fn redo(&mut self, current: &mut T) -> bool {
        let Some(undone) = self.redo.pop() else { return false };
        self.undo.push(std::mem::replace(current, undone));
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undo_and_redo_walk_the_snapshots_and_a_new_edit_clears_redo() {
        let mut history = History::default();
        let mut current = 1;
        history.remember(current);
        current = 2;
        history.remember(current);
        current = 3;
        assert!(history.undo(&mut current) && current == 2);
        assert!(history.undo(&mut current) && current == 1);
        assert!(!history.undo(&mut current) && current == 1);
        assert!(history.redo(&mut current) && current == 2);
        history.remember(current);
        assert!(!history.can_redo());
        history.forget_if(|&last| last == 2);
        assert!(history.can_undo() && history.undo(&mut current) && current == 1);
        for i in 0..2 * LIMIT {
            history.remember(i);
        }
        let mut undone = 0;
        while history.undo(&mut current) {
            undone += 1;
        }
        assert_eq!(undone, LIMIT);
    }
}
