//! Undo and redo of a lab's data set, shared by both labs.

/// How many edits undo remembers.
const LIMIT: usize = 100;

/// Undo and redo stacks of snapshots of a lab's data set (`D`), each with the lab's settings
/// (`S`: the picked loss and its parameters) when the edit changed those too (a Reset, a link's
/// points), so that undoing it brings back what the lab showed before, not its data with
/// today's settings.
/// An ordinary edit of the points leaves the settings out: undoing a drag must not undo a
/// change of loss made after it.
///
/// `Eq` (for `Eq` data) lets the states compare an unchanged `Rc<History>` by pointer instead
/// of walking up to 100 snapshots on every frame of a drag.
#[derive(Debug, Clone, PartialEq)]
pub struct History<D, S> {
    undo: Vec<(D, Option<S>)>,
    redo: Vec<(D, Option<S>)>,
}

/// The settings are validated numbers (finite δ, τ, γ, α, λ), never NaN, so their `PartialEq`
/// is an equivalence.
impl<D: Eq, S: PartialEq> Eq for History<D, S> {}

impl<D, S> Default for History<D, S> {
    fn default() -> Self {
        History { undo: Vec::new(), redo: Vec::new() }
    }
}

impl<D, S> History<D, S> {
    /// Whether there is an edit to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is an undone edit to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Records `data` before an edit of the data alone; a new edit forgets what could be
    /// redone.
    pub fn remember(&mut self, data: D) {
        self.push(data, None);
    }

    /// Records `data` and `settings` before an edit that changes both (a Reset).
    /// (A link's points are recorded by `remember`, then given their settings with
    /// [`attach_settings`](Self::attach_settings).)
    pub fn remember_with(&mut self, data: D, settings: S) {
        self.push(data, Some(settings));
    }

    fn push(&mut self, data: D, settings: Option<S>) {
        self.undo.push((data, settings));
        if self.undo.len() > LIMIT {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    /// Adds `settings` to the last recorded snapshot: its edit turned out to change the
    /// settings too (a link with points, which also sets every setting it does not name back
    /// to the opening one).
    pub fn attach_settings(&mut self, settings: S) {
        if let Some(last) = self.undo.last_mut() {
            last.1 = Some(settings);
        }
    }

    /// Forgets the last recorded snapshot when `unchanged` says the edit changed nothing (a
    /// press that did not move a point leaves no undo step behind), and returns its data.
    pub fn forget_if(&mut self, unchanged: impl FnOnce(&D) -> bool) -> Option<D> {
        if self.undo.last().is_some_and(|(data, _)| unchanged(data)) {
            self.undo.pop().map(|(data, _)| data)
        } else {
            None
        }
    }

    /// Steps back: the last snapshot replaces `data` (and `settings`, if it holds them); what
    /// it replaced goes on the redo stack. False when there is nothing to undo.
    pub fn undo(&mut self, data: &mut D, settings: &mut S) -> bool {
        step(&mut self.undo, &mut self.redo, data, settings)
    }

    /// Steps forward again, the same way; false when there is nothing to redo.
    pub fn redo(&mut self, data: &mut D, settings: &mut S) -> bool {
        step(&mut self.redo, &mut self.undo, data, settings)
    }
}

/// Moves the top of `from` into `data` (and `settings`), pushing what it replaced onto `to`,
/// with the settings only if the snapshot had them.
fn step<D, S>(from: &mut Vec<(D, Option<S>)>, to: &mut Vec<(D, Option<S>)>, data: &mut D, settings: &mut S) -> bool {
    let Some((previous, kept)) = from.pop() else { return false };
    let replaced = kept.map(|kept| std::mem::replace(settings, kept));
    to.push((std::mem::replace(data, previous), replaced));
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undo_and_redo_walk_the_snapshots_and_a_new_edit_clears_redo() {
        let mut history = History::default();
        let mut current = 1;
        let mut settings = ();
        history.remember(current);
        current = 2;
        history.remember(current);
        current = 3;
        assert!(history.undo(&mut current, &mut settings) && current == 2);
        assert!(history.undo(&mut current, &mut settings) && current == 1);
        assert!(!history.undo(&mut current, &mut settings) && current == 1);
        assert!(history.redo(&mut current, &mut settings) && current == 2);
        history.remember(current);
        assert!(!history.can_redo());
        history.forget_if(|&last| last == 2);
        assert!(history.can_undo() && history.undo(&mut current, &mut settings) && current == 1);
        for i in 0..2 * LIMIT {
            history.remember(i);
        }
        let mut undone = 0;
        while history.undo(&mut current, &mut settings) {
            undone += 1;
        }
        assert_eq!(undone, LIMIT);
    }

    #[test]
    fn a_step_that_changed_the_settings_restores_them_and_an_edit_of_the_data_alone_does_not() {
        let mut history = History::default();
        let (mut data, mut settings) = ("drag", "mse");
        history.remember(data);
        data = "dragged";
        // A Reset: new data and new settings.
        history.remember_with(data, settings);
        (data, settings) = ("opening", "huber");
        assert!(history.undo(&mut data, &mut settings));
        assert_eq!((data, settings), ("dragged", "mse"), "undoing the Reset brings back both");
        settings = "mae";
        assert!(history.undo(&mut data, &mut settings));
        assert_eq!((data, settings), ("drag", "mae"), "undoing a drag leaves a later change of loss alone");
        assert!(history.redo(&mut data, &mut settings));
        assert_eq!((data, settings), ("dragged", "mae"));
        assert!(history.redo(&mut data, &mut settings));
        assert_eq!((data, settings), ("opening", "huber"), "redoing the Reset applies its settings again");
    }
}
