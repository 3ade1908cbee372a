//! The app's single source of truth: one `State`, one `Action` enum, one reducer.
//!
//! Only what cannot be derived is stored here: the points, the picked loss and its parameters,
//! which lines are shown, the selection, the view options. Fits, residuals, curves and bars
//! are derived from it (memoised in the components).

pub mod classification;
pub mod history;
pub mod regression;

use crate::presets;
use classification::{ClassificationAction, ClassificationState};
use losslab_core::io::hash::{HashState, Mode};
use losslab_core::numerics::points::Points;
use losslab_core::numerics::regression::LossKind;
use regression::{Dataset, RegressionAction, RegressionState};
use std::rc::Rc;
use yew::Reducible;

/// The colour scheme the user chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeChoice {
    /// Follow `prefers-color-scheme`.
    Auto,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

/// A message shown to the user (refused input, notes about loaded data).
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    /// The sentence(s) shown.
    pub text: String,
    /// Errors are shown with `data-testid="input-error"`; notes without.
    pub is_error: bool,
}

/// Everything the app shows is derived from this.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// The screen shown.
    pub mode: Mode,
    /// The regression lab.
    pub regression: RegressionState,
    /// The classification lab.
    pub classification: ClassificationState,
    /// The last message, until dismissed or replaced.
    pub notice: Option<Notice>,
    /// Presentation mode: large type, thick lines, secondary panels folded.
    pub present: bool,
    /// Embed mode: no page chrome.
    pub embed: bool,
    /// Show the latency readout.
    pub perf: bool,
    /// Colour scheme.
    pub theme: ThemeChoice,
}

/// Everything that can happen.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// A regression-lab action.
    Regression(RegressionAction),
    /// A classification-lab action.
    Classification(ClassificationAction),
    /// Switch screens.
    SetMode(Mode),
    /// Apply the valid parts of a URL hash; report the refused ones.
    ApplyHash(HashState),
    /// Show a message.
    Notify(Notice),
    /// Hide the message.
    DismissNotice,
    /// Turn presentation mode on or off.
    SetPresent(bool),
    /// Choose the colour scheme.
    SetTheme(ThemeChoice),
}

impl Default for State {
    fn default() -> Self {
        State {
            mode: Mode::Regression,
            regression: RegressionState::new(presets::default_dataset()),
            classification: ClassificationState::new(classification::default_set()),
            notice: None,
            present: false,
            embed: false,
            perf: false,
            theme: ThemeChoice::Auto,
        }
    }
}

impl State {
    /// The URL-hash view of the state: what a shared link must carry.
    pub fn to_hash(&self) -> HashState {
        let r = &self.regression;
        let mut hash = HashState {
            mode: Some(self.mode),
            loss: Some(r.picked.id().to_string()),
            delta: Some(r.params.delta.get()),
            tau: Some(r.params.tau.get()),
            points: Some(r.data.points.iter().collect()),
            hidden: Some(r.hidden.iter().map(|k| k.id().to_string()).collect()),
            present: Some(self.present),
            embed: Some(self.embed),
            perf: Some(self.perf),
            theme: match self.theme {
                ThemeChoice::Auto => None,
                ThemeChoice::Light => Some("light".into()),
                ThemeChoice::Dark => Some("dark".into()),
            },
            ..HashState::default()
        };
        // In the classification lab the link carries its loss, γ, α, λ and labelled points.
        if self.mode == Mode::Classification {
            self.classification.write_hash(&mut hash);
        }
        hash
    }

    /// The state a page opens with from a link (or the state saved by the last visit): the
    /// defaults with `hash` applied, and nothing to undo. Loading the link's data is not an
    /// edit of the student's: Undo must not swap a teacher's points for the default preset.
    pub fn opened_from(hash: HashState) -> State {
        let mut state = State::default().apply_hash(hash);
        state.regression.history = Rc::default();
        state.classification.history = Rc::default();
        state
    }

    fn apply_hash(&self, hash: HashState) -> State {
        let mut next = self.clone();
        let mut errors = hash.errors.clone();
        if let Some(mode) = hash.mode {
            next.mode = mode;
        }
        let mut regression = next.regression.clone();
        let mut apply = |action: RegressionAction, errors: &mut Vec<String>| match regression.apply(action) {
            Ok(Some(s)) => regression = s,
            Ok(None) => {}
            Err(e) => errors.push(e),
        };
        if next.mode != Mode::Classification {
            if let Some(kind) = hash.loss.as_deref().and_then(LossKind::from_id) {
                apply(RegressionAction::Pick(kind), &mut errors);
            }
            if let Some(points) = &hash.points {
                match Points::from_pairs(points) {
                    Ok(points) => apply(
                        RegressionAction::Load(Dataset {
                            points: Rc::new(points),
                            holdout: None,
                            label: "from the link".into(),
                        }),
                        &mut errors,
                    ),
                    Err(e) => errors.push(format!("pts: {e} (points not loaded)")),
                }
            }
        }
        if let Some(delta) = hash.delta {
            apply(RegressionAction::SetDelta(delta), &mut errors);
        }
        if let Some(tau) = hash.tau {
            apply(RegressionAction::SetTau(tau), &mut errors);
        }
        if let Some(hidden) = &hash.hidden {
            regression.hidden =
                hidden.iter().filter_map(|id| LossKind::from_id(id)).filter(|&k| k != regression.picked).collect();
        }
        next.regression = regression;
        if next.mode == Mode::Classification {
            next.classification = next.classification.with_hash(&hash, &mut errors);
        }
        if let Some(present) = hash.present {
            next.present = present;
        }
        if let Some(embed) = hash.embed {
            next.embed = embed;
        }
        if let Some(perf) = hash.perf {
            next.perf = perf;
        }
        if let Some(theme) = &hash.theme {
            next.theme = match theme.as_str() {
                "dark" => ThemeChoice::Dark,
                "light" => ThemeChoice::Light,
                _ => ThemeChoice::Auto,
            };
        }
        next.notice = if errors.is_empty() {
            None
        } else {
            Some(Notice { text: format!("Some of the link could not be used: {}.", errors.join("; ")), is_error: true })
        };
        next
    }
}

/// A data set's label once its points have been edited: "One outlier" becomes "One outlier
/// (edited)" (once), so the plot does not name a preset the points no longer are.
fn edited_label(label: &Rc<str>) -> Rc<str> {
    const MARK: &str = " (edited)";
    if label.ends_with(MARK) {
        label.clone()
    } else {
        format!("{label}{MARK}").into()
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        // One copy of the state, edited in place: a `State { field, ..clone }` per action
        // repeated the clone's code in every arm.
        let mut next = (*self).clone();
        match action {
            Action::Regression(action) => match self.regression.apply(action) {
                Ok(Some(regression)) => next.regression = regression,
                Ok(None) => return self,
                Err(text) => next.notice = Some(Notice { text, is_error: true }),
            },
            Action::Classification(action) => match self.classification.apply(action) {
                Ok(Some(classification)) => next.classification = classification,
                Ok(None) => return self,
                Err(text) => next.notice = Some(Notice { text, is_error: true }),
            },
            Action::SetMode(mode) => next.mode = mode,
            Action::ApplyHash(hash) => next = self.apply_hash(hash),
            Action::Notify(notice) => next.notice = Some(notice),
            Action::DismissNotice => next.notice = None,
            Action::SetPresent(present) => next.present = present,
            Action::SetTheme(theme) => next.theme = theme,
        }
        // Nothing changed (e.g. the mode already shown): the same `Rc`, so nothing re-renders.
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use losslab_core::io::hash::{format_hash, parse_hash};

    #[test]
    fn a_hash_round_trips_through_the_state() {
        let state = State::default();
        let hash = format_hash(&state.to_hash());
        let restored = State::default().apply_hash(parse_hash(&hash));
        assert_eq!(restored.regression.data.points, state.regression.data.points);
        assert_eq!(restored.regression.picked, state.regression.picked);
        assert_eq!(restored.regression.params, state.regression.params);
        assert_eq!(restored.regression.hidden, state.regression.hidden);
        assert!(restored.notice.is_none());
    }

    #[test]
    fn malformed_parts_keep_the_last_good_state_and_say_why() {
        let before = State::default();
        let after = before.apply_hash(parse_hash("#loss=mae&pts=1,2;3&delta=-2"));
        assert_eq!(after.regression.picked, LossKind::Mae, "the valid part loads");
        assert_eq!(after.regression.data.points, before.regression.data.points, "bad pts keep the old points");
        assert_eq!(after.regression.params, before.regression.params);
        let notice = after.notice.expect("a message");
        assert!(notice.is_error && notice.text.contains("pts") && notice.text.contains("delta"), "{}", notice.text);
    }

    #[test]
    fn a_classification_link_round_trips_through_the_state() {
        let mut state = State { mode: Mode::Classification, ..State::default() };
        state.classification = state.classification.apply(ClassificationAction::Flip(0)).unwrap().unwrap();
        let hash = format_hash(&state.to_hash());
        assert!(hash.starts_with("#mode=classification&loss=focal&gamma=2&l2=0.01&alpha=none"), "{hash}");
        let restored = State::default().apply_hash(parse_hash(&hash));
        assert_eq!(restored.mode, Mode::Classification);
        assert_eq!(restored.classification.data.points, state.classification.data.points);
        assert_eq!(restored.classification.focal, state.classification.focal);
        assert_eq!(restored.regression.data.points, State::default().regression.data.points, "regression untouched");
        assert!(restored.notice.is_none());
    }

    #[test]
    fn an_edited_set_says_so_once_and_undo_restores_its_name() {
        let state = State::default();
        let name = state.regression.data.label.clone();
        let moved = state.regression.apply(RegressionAction::Delete(0)).unwrap().unwrap();
        assert_eq!(&*moved.data.label, format!("{name} (edited)"));
        let again = moved.apply(RegressionAction::Delete(0)).unwrap().unwrap();
        assert_eq!(again.data.label, moved.data.label, "marked once");
        let undone =
            again.apply(RegressionAction::Undo).unwrap().unwrap().apply(RegressionAction::Undo).unwrap().unwrap();
        assert_eq!(undone.data.label, name);
        // A drag that brings the point back to where it was leaves the name (and no undo step).
        let (x, y) = state.regression.data.points.get(0).unwrap();
        let pressed = state.regression.apply(RegressionAction::BeginDrag(0)).unwrap().unwrap();
        let away = pressed.apply(RegressionAction::DragTo { x, y: y + 1.0 }).unwrap().unwrap();
        assert!(away.data.label.ends_with(" (edited)"));
        let back = away.apply(RegressionAction::DragTo { x, y }).unwrap().unwrap();
        let released = back.apply(RegressionAction::EndDrag).unwrap().unwrap();
        assert_eq!(released.data.label, name);
        assert!(!released.history.can_undo());
        let flipped = state.classification.apply(ClassificationAction::Flip(0)).unwrap().unwrap();
        assert!(flipped.data.label.ends_with(" (edited)"), "{}", flipped.data.label);
    }

    #[test]
    fn a_page_opened_from_a_link_has_nothing_to_undo() {
        let regression = State::opened_from(parse_hash("#loss=mae&pts=0,1;1,3;2,4"));
        assert_eq!(regression.regression.data.points.len(), 3, "the link's points load");
        assert!(!regression.regression.history.can_undo() && !regression.regression.history.can_redo());
        let classification = State::opened_from(parse_hash("#mode=classification&pts=0,0;1,1;2,1"));
        assert_eq!(classification.classification.data.points.len(), 3);
        assert!(!classification.classification.history.can_undo());
        // A link opened while the page is in use (the address bar edited) stays undoable.
        let edited = State::default().apply_hash(parse_hash("#pts=0,1;1,3;2,4"));
        assert!(edited.regression.history.can_undo());
    }

    #[test]
    fn reducer_returns_the_same_rc_when_nothing_changes() {
        let state = Rc::new(State::default());
        let same = state.clone().reduce(Action::Regression(RegressionAction::Pick(state.regression.picked)));
        assert!(Rc::ptr_eq(&state, &same));
        let same = state.clone().reduce(Action::DismissNotice);
        assert!(Rc::ptr_eq(&state, &same));
    }
}
