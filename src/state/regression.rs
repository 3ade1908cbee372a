//! The regression lab's source of truth and how actions change it.

use super::history::History;
use crate::view_box::ViewBox;
use losslab_core::io::hash::MAX_POINTS;
use losslab_core::numerics::points::Points;
use losslab_core::numerics::regression::{Delta, LossKind, LossParams, Tau};
use std::rc::Rc;

/// How far past the frozen view a point can be dragged, in view sizes.
const DRAG_REACH: f64 = 2.0;

/// A data set together with the held-out test points that came with it (the article's
/// example has 20), so undo restores both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dataset {
    /// The points the fits use.
    pub points: Rc<Points>,
    /// Test points shown with their error, when the data set has them.
    pub holdout: Option<Rc<Points>>,
    /// A short description: the preset's name, "custom", "from the link"…
    pub label: Rc<str>,
}

/// An in-progress drag: which point, and the view frozen when it began (so the axes do not
/// jump under the pointer).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Drag {
    /// Index of the dragged point.
    pub index: usize,
    /// The view shown while dragging.
    pub view: ViewBox,
}

/// The regression lab's settings that a Reset (or a link with points) changes with the data,
/// and its undo brings back: the picked loss, δ and τ, the hidden lines.
pub type RegressionSettings = (LossKind, LossParams, Vec<LossKind>);

/// Everything the regression lab shows is derived from this.
#[derive(Debug, Clone, PartialEq)]
pub struct RegressionState {
    /// The data.
    pub data: Dataset,
    /// The loss whose line, residuals and curves are emphasised.
    pub picked: LossKind,
    /// δ and τ.
    pub params: LossParams,
    /// Losses hidden with their "show" boxes: their fitted lines on the scatter plot and their
    /// curves in the ρ and ψ panels.
    pub hidden: Vec<LossKind>,
    /// The selected point.
    pub selected: Option<usize>,
    /// The drag in progress.
    pub drag: Option<Drag>,
    /// Undo/redo, shared until an edit changes it.
    pub history: Rc<History<Dataset, RegressionSettings>>,
    /// "Place" mode, the single-pointer alternative to dragging: the next click on the plot
    /// moves the selected point there instead of adding one.
    pub placing: bool,
}

/// What can happen in the regression lab.
#[derive(Debug, Clone, PartialEq)]
pub enum RegressionAction {
    /// Emphasise a loss.
    Pick(LossKind),
    /// Set Huber's δ (ignored unless finite and > 0).
    SetDelta(f64),
    /// Set the quantile τ (ignored unless strictly between 0 and 1).
    SetTau(f64),
    /// Show or hide a loss's line.
    ToggleLine(LossKind),
    /// Select a point, or clear the selection.
    Select(Option<usize>),
    /// Add a point and select it.
    Add {
        /// x of the new point.
        x: f64,
        /// y of the new point.
        y: f64,
    },
    /// Add a point at the plot's centre, or beside it when a point is there (the A key; up to
    /// ten spots each side, then the centre again), and select it. Placed here, against the
    /// points as they are: a burst of key presses handled before the plot had redrawn
    /// stacked points on one spot.
    AddAtCentre,
    /// Start dragging a point.
    BeginDrag(usize),
    /// Move the dragged point (clamped to the frozen view).
    DragTo {
        /// Target x.
        x: f64,
        /// Target y.
        y: f64,
    },
    /// Finish the drag.
    EndDrag,
    /// Move a point by an offset (keyboard nudges), one undo step.
    Nudge {
        /// Which point.
        index: usize,
        /// Offset in x.
        dx: f64,
        /// Offset in y.
        dy: f64,
    },
    /// Move a point to a place (single-pointer alternative to dragging), one undo step.
    MoveTo {
        /// Which point.
        index: usize,
        /// New x.
        x: f64,
        /// New y.
        y: f64,
    },
    /// Turn "place" mode on or off (the next click moves the selected point).
    SetPlacing(bool),
    /// Delete a point.
    Delete(usize),
    /// Replace the data set (preset, file, link); undoable.
    Load(Dataset),
    /// Start over: this data set (undoable, like [`RegressionAction::Load`]) with the opening
    /// loss, δ, τ and shown lines.
    Reset(Dataset),
    /// Undo the last edit.
    Undo,
    /// Redo the last undone edit.
    Redo,
}

impl RegressionState {
    /// A state showing `data` with the default loss settings.
    pub fn new(data: Dataset) -> Self {
        RegressionState {
            data,
            picked: LossKind::Huber,
            params: LossParams::default(),
            hidden: vec![LossKind::PseudoHuber],
            selected: None,
            drag: None,
            history: Rc::new(History::default()),
            placing: false,
        }
    }

    /// The view the scatter plot shows. During a drag it is the view frozen when the drag
    /// began, grown only if the dragged point leaves it; otherwise it fits all points.
    pub fn view(&self) -> ViewBox {
        match self.drag {
            Some(drag) => match self.data.points.get(drag.index) {
                Some((x, y)) => drag.view.including(x, y),
                None => drag.view,
            },
            None => ViewBox::fit(&self.data.points),
        }
    }

    /// The settings a Reset changes (see [`RegressionSettings`]).
    pub(crate) fn settings(&self) -> RegressionSettings {
        (self.picked, self.params, self.hidden.clone())
    }

    /// Records the current data set for undo before an edit.
    fn remember(&mut self) {
        Rc::make_mut(&mut self.history).remember(self.data.clone());
    }

    /// Replaces the points after an edit; the label then says the set was edited.
    fn replace_points(&mut self, points: Points) {
        let label = super::edited_label(&self.data.label);
        self.data = Dataset { points: Rc::new(points), holdout: self.data.holdout.clone(), label };
    }

    /// Applies an action. Returns `Ok(None)` when nothing changed (so the caller can keep the
    /// same `Rc` and skip a render), `Ok(Some(next))` for a change, and `Err(message)` for a
    /// refused input (the state is kept).
    pub fn apply(&self, action: RegressionAction) -> Result<Option<RegressionState>, String> {
        let mut next = self.clone();
        match action {
            RegressionAction::Pick(kind) => {
                if kind == self.picked {
                    return Ok(None);
                }
                next.picked = kind;
                next.hidden.retain(|&k| k != kind);
            }
            RegressionAction::SetDelta(value) => {
                let delta = Delta::new(value).map_err(|e| e.to_string())?;
                if delta == self.params.delta {
                    return Ok(None);
                }
                next.params.delta = delta;
            }
            RegressionAction::SetTau(value) => {
                let tau = Tau::new(value).map_err(|e| e.to_string())?;
                if tau == self.params.tau {
                    return Ok(None);
                }
                next.params.tau = tau;
            }
            RegressionAction::ToggleLine(kind) => {
                if self.hidden.contains(&kind) {
                    next.hidden.retain(|&k| k != kind);
                } else {
                    next.hidden.push(kind);
                }
            }
            RegressionAction::Select(index) => {
                let index = index.filter(|&i| i < self.data.points.len());
                if index == self.selected {
                    return Ok(None);
                }
                next.selected = index;
                next.placing = next.placing && index.is_some();
            }
            RegressionAction::Add { x, y } => {
                if self.data.points.len() >= MAX_POINTS {
                    return Err(format!("LossLab holds at most {MAX_POINTS} points."));
                }
                let mut xs = self.data.points.xs().to_vec();
                let mut ys = self.data.points.ys().to_vec();
                xs.push(x);
                ys.push(y);
                let points = Points::new(xs, ys).map_err(|e| e.to_string())?;
                next.remember();
                next.replace_points(points);
                next.selected = Some(next.data.points.len() - 1);
            }
            RegressionAction::AddAtCentre => {
                let (x, y) = crate::view_box::keyboard_spot(&self.data.points, &self.view());
                return self.apply(RegressionAction::Add { x, y });
            }
            RegressionAction::BeginDrag(index) => {
                if index >= self.data.points.len() {
                    return Ok(None);
                }
                next.remember();
                next.drag = Some(Drag { index, view: self.view() });
                next.selected = Some(index);
            }
            RegressionAction::DragTo { x, y } => {
                let Some(drag) = self.drag else { return Ok(None) };
                // A point may be pulled past the plot's edge (the view then grows with it), but
                // not without limit: at most two view sizes beyond the frozen view.
                let (x, y) = drag.view.expanded(DRAG_REACH).clamp(x, y);
                if self.data.points.get(drag.index) == Some((x, y)) {
                    return Ok(None);
                }
                let points = self.data.points.with_point(drag.index, x, y).map_err(|e| e.to_string())?;
                next.replace_points(points);
            }
            RegressionAction::EndDrag => {
                if self.drag.is_none() {
                    return Ok(None);
                }
                next.drag = None;
                // A press that did not move the point (or a drag that brought it back) leaves no
                // undo step behind, and the data set as it was (its name without "(edited)").
                if let Some(before) = Rc::make_mut(&mut next.history).forget_if(|last| last.points == self.data.points)
                {
                    next.data = before;
                }
            }
            RegressionAction::Nudge { index, dx, dy } => {
                let Some((x, y)) = self.data.points.get(index) else { return Ok(None) };
                let (x, y) = (crate::format::nudged(x, dx), crate::format::nudged(y, dy));
                let points = self.data.points.with_point(index, x, y).map_err(|e| e.to_string())?;
                next.remember();
                next.replace_points(points);
                next.selected = Some(index);
            }
            RegressionAction::MoveTo { index, x, y } => {
                if index >= self.data.points.len() {
                    return Ok(None);
                }
                let points = self.data.points.with_point(index, x, y).map_err(|e| e.to_string())?;
                next.remember();
                next.replace_points(points);
                next.selected = Some(index);
                next.placing = false;
            }
            RegressionAction::SetPlacing(placing) => {
                let placing = placing && self.selected.is_some();
                if placing == self.placing {
                    return Ok(None);
                }
                next.placing = placing;
            }
            RegressionAction::Delete(index) => {
                if index >= self.data.points.len() {
                    return Ok(None);
                }
                let mut xs = self.data.points.xs().to_vec();
                let mut ys = self.data.points.ys().to_vec();
                xs.remove(index);
                ys.remove(index);
                let points = Points::new(xs, ys).map_err(|e| e.to_string())?;
                next.remember();
                next.replace_points(points);
                next.selected = None;
                next.drag = None;
                next.placing = false;
            }
            RegressionAction::Load(mut data) => {
                data.label = super::loaded_label(&self.data.label, &data.label, data.points == self.data.points);
                // The very data shown (the same cells pasted again): no undo step that changes nothing.
                if data == self.data {
                    return Ok(None);
                }
                next.remember();
                next.data = data;
                next.selected = None;
                next.drag = None;
                next.placing = false;
            }
            RegressionAction::Reset(data) => {
                let fresh = RegressionState::new(data);
                // Already as it opened: no undo step that would change nothing.
                if self.data == fresh.data && self.settings() == fresh.settings() {
                    return Ok(None);
                }
                Rc::make_mut(&mut next.history).remember_with(self.data.clone(), self.settings());
                next = RegressionState { history: next.history, ..fresh };
            }
            RegressionAction::Undo => {
                let mut settings = self.settings();
                if !Rc::make_mut(&mut next.history).undo(&mut next.data, &mut settings) {
                    return Ok(None);
                }
                (next.picked, next.params, next.hidden) = settings;
                next.selected = None;
                next.drag = None;
            }
            RegressionAction::Redo => {
                let mut settings = self.settings();
                if !Rc::make_mut(&mut next.history).redo(&mut next.data, &mut settings) {
                    return Ok(None);
                }
                (next.picked, next.params, next.hidden) = settings;
                next.selected = None;
                next.drag = None;
            }
        }
        Ok(Some(next))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state() -> RegressionState {
        let points = Points::from_pairs(&[(0.0, 1.0), (1.0, 3.0), (2.0, 5.0)]).unwrap();
        RegressionState::new(Dataset { points: Rc::new(points), holdout: None, label: "test".into() })
    }

    #[test]
    fn a_second_load_under_the_shown_name_is_named_apart() {
        let load = |pairs: &[(f64, f64)]| {
            let points = Rc::new(Points::from_pairs(pairs).unwrap());
            RegressionAction::Load(Dataset { points, holdout: None, label: "pasted cells".into() })
        };
        let (a, b) = ([(0.0, 1.0), (1.0, 2.0)], [(0.0, 5.0), (1.0, 2.0)]);
        let first = state().apply(load(&a)).unwrap().unwrap();
        assert_eq!(&*first.data.label, "pasted cells");
        let second = first.apply(load(&b)).unwrap().unwrap();
        assert_eq!(&*second.data.label, "pasted cells (2)");
        assert!(first.apply(load(&a)).unwrap().is_none(), "the very data shown: nothing to change, nothing to undo");
        assert!(second.apply(load(&b)).unwrap().is_none(), "the second pasted again changes nothing");
        assert_eq!(&*second.apply(load(&a)).unwrap().unwrap().data.label, "pasted cells (3)");
        let edited = second.apply(RegressionAction::Delete(0)).unwrap().unwrap();
        assert_eq!(&*edited.data.label, "pasted cells (2) (edited)");
        assert_eq!(&*edited.apply(load(&b)).unwrap().unwrap().data.label, "pasted cells (3)");
    }

    #[test]
    fn a_burst_of_a_key_presses_adds_points_on_distinct_spots() {
        // A review: 25 presses handled before the plot redrew put 11 points on earlier ones,
        // as the plot chose the spot from the points it last drew.
        let mut s = state();
        for _ in 0..12 {
            s = s.apply(RegressionAction::AddAtCentre).unwrap().unwrap();
        }
        let added: Vec<(f64, f64)> = s.data.points.iter().skip(3).collect();
        assert_eq!(added.len(), 12);
        for (i, a) in added.iter().enumerate() {
            assert!(added[..i].iter().all(|b| a != b), "{a:?} added twice: {added:?}");
        }
        assert_eq!(s.selected, Some(14), "the last one added is selected");
        assert_eq!(s.apply(RegressionAction::Undo).unwrap().unwrap().data.points.len(), 14, "one undo step each");
    }

    #[test]
    fn reset_restores_the_opening_loss_parameters_and_lines_and_can_be_undone() {
        // A review: Reset brought back the data, loss, δ and τ but left hidden lines hidden.
        let fresh = RegressionState::new(crate::presets::default_dataset());
        assert!(
            fresh.apply(RegressionAction::Reset(crate::presets::default_dataset())).unwrap().is_none(),
            "nothing to reset, no undo step"
        );
        let mut s = state();
        for action in [
            RegressionAction::Pick(LossKind::Mse),
            RegressionAction::SetDelta(2.0),
            RegressionAction::SetTau(0.3),
            RegressionAction::ToggleLine(LossKind::Mae),
            RegressionAction::ToggleLine(LossKind::PseudoHuber),
            RegressionAction::Select(Some(1)),
        ] {
            s = s.apply(action).unwrap().unwrap();
        }
        let reset = s.apply(RegressionAction::Reset(crate::presets::default_dataset())).unwrap().unwrap();
        assert_eq!(reset.data, fresh.data);
        assert_eq!((reset.picked, reset.params, &reset.hidden), (fresh.picked, fresh.params, &fresh.hidden));
        assert_eq!((reset.selected, reset.drag, reset.placing), (None, None, false));
        // Undo brings back what the lab showed before, settings included (a review: it
        // brought back the data alone, with Huber picked on data shown with MSE), and Redo
        // the Reset again.
        let undone = reset.apply(RegressionAction::Undo).unwrap().unwrap();
        assert_eq!(undone.data, s.data);
        assert_eq!((undone.picked, undone.params, &undone.hidden), (s.picked, s.params, &s.hidden));
        let redone = undone.apply(RegressionAction::Redo).unwrap().unwrap();
        assert_eq!(
            (redone.data, redone.picked, redone.params, redone.hidden),
            (reset.data, reset.picked, reset.params, reset.hidden)
        );
    }

    #[test]
    fn drag_freezes_the_view_and_is_one_undo_step() {
        let s = state();
        let view = s.view();
        let s = s.apply(RegressionAction::BeginDrag(2)).unwrap().unwrap();
        let s = s.apply(RegressionAction::DragTo { x: 2.0, y: 1000.0 }).unwrap().unwrap();
        // Clamped to two view heights above the frozen view; the shown view grows to hold it.
        let reach = view.y_max + 2.0 * view.height();
        assert_eq!(s.data.points.get(2), Some((2.0, reach)));
        assert!(s.view().y_max > reach && s.view().y_min == view.y_min);
        let s = s.apply(RegressionAction::DragTo { x: 1.0, y: 3.0 }).unwrap().unwrap();
        assert_eq!(s.view(), view, "back inside, the frozen view is shown again");
        let s = s.apply(RegressionAction::DragTo { x: 1.5, y: 4.0 }).unwrap().unwrap();
        let s = s.apply(RegressionAction::EndDrag).unwrap().unwrap();
        assert_ne!(s.view(), view, "the view refits after the drag");
        let s = s.apply(RegressionAction::Undo).unwrap().unwrap();
        assert_eq!(s.data.points.get(2), Some((2.0, 5.0)));
        let s = s.apply(RegressionAction::Redo).unwrap().unwrap();
        assert_eq!(s.data.points.get(2), Some((1.5, 4.0)));
        assert!(s.apply(RegressionAction::Redo).unwrap().is_none());
    }

    #[test]
    fn unchanged_actions_report_no_change_and_bad_input_is_refused() {
        let s = state();
        assert!(s.apply(RegressionAction::Pick(LossKind::Huber)).unwrap().is_none());
        assert!(s.apply(RegressionAction::Select(Some(99))).unwrap().is_none());
        assert!(s.apply(RegressionAction::SetDelta(-1.0)).is_err());
        assert!(s.apply(RegressionAction::SetTau(1.0)).is_err());
        assert!(s.apply(RegressionAction::Add { x: f64::NAN, y: 0.0 }).is_err());
        assert!(s.apply(RegressionAction::Delete(7)).unwrap().is_none());
        assert!(s.apply(RegressionAction::DragTo { x: 0.0, y: 0.0 }).unwrap().is_none());
    }

    #[test]
    fn place_mode_moves_the_selected_point_in_one_click() {
        let s = state();
        assert!(s.apply(RegressionAction::SetPlacing(true)).unwrap().is_none(), "needs a selection");
        let s = s.apply(RegressionAction::Select(Some(1))).unwrap().unwrap();
        let s = s.apply(RegressionAction::SetPlacing(true)).unwrap().unwrap();
        assert!(s.placing);
        let s = s.apply(RegressionAction::MoveTo { index: 1, x: 4.0, y: -2.0 }).unwrap().unwrap();
        assert_eq!((s.data.points.get(1), s.placing), (Some((4.0, -2.0)), false));
        let s = s.apply(RegressionAction::Undo).unwrap().unwrap();
        assert_eq!(s.data.points.get(1), Some((1.0, 3.0)));
    }

    #[test]
    fn add_delete_and_nudge_edit_the_points() {
        let s = state();
        let s = s.apply(RegressionAction::Add { x: 3.0, y: 7.0 }).unwrap().unwrap();
        assert_eq!((s.data.points.len(), s.selected), (4, Some(3)));
        let s = s.apply(RegressionAction::Nudge { index: 3, dx: 0.5, dy: -1.0 }).unwrap().unwrap();
        assert_eq!(s.data.points.get(3), Some((3.5, 6.0)));
        let s = s.apply(RegressionAction::Delete(0)).unwrap().unwrap();
        assert_eq!(s.data.points.len(), 3);
        assert_eq!(s.data.points.get(0), Some((1.0, 3.0)));
        let s = s.apply(RegressionAction::Undo).unwrap().unwrap();
        assert_eq!(s.data.points.len(), 4);
    }
}
