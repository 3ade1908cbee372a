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
use losslab_core::io::hash::{format_hash, parse_hash, HashState, Mode};
use losslab_core::numerics::points::Points;
use losslab_core::numerics::regression::LossKind;
use regression::{Dataset, RegressionAction, RegressionState};
use std::rc::Rc;
use yew::Reducible;

/// The most problems of a link its message lists (the rest are counted).
const MAX_LINK_PROBLEMS: usize = 10;

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

impl ThemeChoice {
    /// The `theme=` value of a link; `None` for the default, following the system.
    pub fn id(self) -> Option<&'static str> {
        match self {
            ThemeChoice::Auto => None,
            ThemeChoice::Light => Some("light"),
            ThemeChoice::Dark => Some("dark"),
        }
    }
}

/// A message shown to the user (refused input, notes about loaded data).
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    /// The sentence(s) shown.
    pub text: String,
    /// Errors are shown with `data-testid="input-error"`; notes without.
    pub is_error: bool,
}

/// What this browser keeps of the work between visits, as link texts (see
/// [`State::saved_work`] and [`State::opened`]).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SavedWork {
    /// The regression lab's link.
    pub regression: Option<String>,
    /// The classification lab's link.
    pub classification: Option<String>,
    /// The screen shown and the colour scheme, read last. (Versions before each lab had its
    /// own key kept the screen's whole link here, its lab included; such a text still loads.)
    pub shown: Option<String>,
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

/// What a pasted import's report ends with when it changed the points (`Action::Import`).
pub const UNDO_HINT: &str = " Ctrl+Z undoes it.";

/// What an import's report ends with when it held the points shown already.
const NOTHING_CHANGED: &str = " These are the points shown already: nothing changed.";

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
    ApplyHash(Box<HashState>),
    /// Show a message.
    Notify(Notice),
    /// Load imported data (a lab's `Load`) and show the import's report, ending with
    /// [`UNDO_HINT`] when the load changed the points and the flag asks for it (a paste, which
    /// can land by accident); when the data are the ones shown already nothing changes, and
    /// the report says so instead.
    Import(Box<Action>, Notice, bool),
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
            theme: self.theme.id().map(String::from),
            ..HashState::default()
        };
        // In the classification lab the link carries its loss, γ, α, λ and labelled points.
        if self.mode == Mode::Classification {
            self.classification.write_hash(&mut hash);
        }
        hash
    }

    /// The link "Copy link" shares: the data and settings, without how this page is shown
    /// (presentation mode, colour scheme, embedding, latency readout). A teacher copies links
    /// while presenting; the students' phones should not open in presentation mode.
    pub fn shared_link(&self) -> HashState {
        // The article screen's link is that screen: carrying the regression points too, it
        // replaced the receiver's saved points, with the Undo that brings them back in a lab
        // not shown.
        if self.mode == Mode::Article {
            return HashState { mode: Some(Mode::Article), ..HashState::default() };
        }
        HashState { present: None, embed: None, perf: None, theme: None, ..self.to_hash() }
    }

    /// HTML that embeds this lab, as it is now, in a course page: an `<iframe>` of the page at
    /// `page` (the address without its hash) showing [`shared_link`](Self::shared_link) in embed
    /// mode (no header, nothing saved in the student's browser), allowed to use the clipboard.
    pub fn embed_code(&self, page: &str) -> String {
        let hash = HashState { embed: Some(true), ..self.shared_link() };
        let title = match self.mode {
            Mode::Regression => "LossLab: regression losses",
            Mode::Classification => "LossLab: classification losses",
            Mode::Article => "LossLab: from the article",
        };
        // `&` written as `&amp;` in the attribute, as HTML asks; `"`, `<` and `>` cannot occur
        // in a link the app writes (the URL parser percent-encodes them in the address), and
        // are escaped all the same.
        let src = format!("{page}{}", format_hash(&hash))
            .replace('&', "&amp;")
            .replace('"', "&quot;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        format!(
            "<iframe src=\"{src}\" title=\"{title}\" width=\"100%\" height=\"720\" style=\"border:0\" allow=\"clipboard-write\"></iframe>"
        )
    }

    /// The work to keep for the next visit: each lab's own link, so that showing one lab
    /// never drops the other's points, and the screen shown with the colour scheme (no lab
    /// data: a page switching screens must not write its copy of a lab another page has
    /// edited since). Presentation, embedding and the latency readout are how this page is
    /// shown, not the work: left out, or a later visit to the plain address would open in
    /// that mode.
    pub fn saved_work(&self) -> SavedWork {
        let text = |mode: Mode| {
            let mut hash = State { mode, ..self.clone() }.to_hash();
            (hash.present, hash.embed, hash.perf) = (None, None, None);
            format_hash(&hash)
        };
        let shown =
            HashState { mode: Some(self.mode), theme: self.theme.id().map(String::from), ..HashState::default() };
        SavedWork {
            regression: Some(text(Mode::Regression)),
            classification: Some(text(Mode::Classification)),
            shown: Some(format_hash(&shown)),
        }
    }

    /// The state a page opens with: the work this browser saved (not in an embedded copy: a
    /// course page's frame shows what its link says), then the link, if any, on top (see
    /// [`State::with_link`]).
    ///
    /// Nothing to undo: loading a link's data is not an edit of the student's, and Undo must
    /// not swap a teacher's points for a preset the student never saw. One exception keeps
    /// a student's work: when the link replaces points saved from an earlier visit, Undo
    /// brings those back, and a note says so.
    pub fn opened(saved: &SavedWork, link: Option<HashState>) -> State {
        let embedded = link.as_ref().is_some_and(|l| l.embed == Some(true));
        let mut state = State::default();
        if !embedded {
            for text in [&saved.regression, &saved.classification, &saved.shown].into_iter().flatten() {
                state = state.apply_hash(parse_hash(text), "saved in this browser");
            }
            // A damaged saved text keeps what it could; its refused parts are not a link the
            // student typed, so there is nothing to tell them.
            state.notice = None;
        }
        state.regression.history = Rc::default();
        state.classification.history = Rc::default();
        let Some(link) = link else { return state };

        let mut opened = state.with_link(link);
        let defaults = State::default();
        let mut replaced = Vec::new();
        // Saved points a link replaced by others: Undo brings them back. Otherwise (the same
        // points — a link of the opening data set, as the Embed button copies it —, or only
        // the opening data set or nothing replaced) nothing to undo: an Undo that changed
        // nothing looked broken.
        fn replaces<P: PartialEq>(opened: &P, saved: &P, opening: &P, saved_empty: bool) -> bool {
            opened != saved && saved != opening && !saved_empty
        }
        let (before, opening) = (&state.regression.data.points, &defaults.regression.data.points);
        if replaces(&opened.regression.data.points, before, opening, before.is_empty()) {
            replaced.push("regression");
        } else {
            opened.regression.history = Rc::default();
        }
        let (before, opening) = (&state.classification.data.points, &defaults.classification.data.points);
        if replaces(&opened.classification.data.points, before, opening, before.is_empty()) {
            replaced.push("classification");
        } else {
            opened.classification.history = Rc::default();
        }
        if opened.notice.is_none() && !replaced.is_empty() {
            opened.notice = Some(Notice {
                text: format!(
                    "This link's points replaced the {} points saved from your last visit: Undo brings those points back.",
                    replaced.join(" and ")
                ),
                is_error: false,
            });
        }
        opened
    }

    /// The state with a link applied, so that a link shows the same in every browser,
    /// whatever was open or saved there: a link naming any lab setting (loss, points,
    /// parameters, hidden lines) but no `mode` is a regression link (the parser has already
    /// made one naming only classification settings a classification link); and when it carries
    /// points, the settings of their lab that it does not name take their defaults. A link
    /// without points changes only what it names (`#present=1` presents the work as it is).
    fn with_link(&self, mut link: HashState) -> State {
        let names_a_setting = link.loss.is_some()
            || link.points.is_some()
            || link.delta.is_some()
            || link.tau.is_some()
            || link.gamma.is_some()
            || link.alpha.is_some()
            || link.l2.is_some()
            || link.logits.is_some()
            || link.true_class.is_some()
            || link.hidden.is_some();
        if link.mode.is_none() && names_a_setting {
            link.mode = Some(Mode::Regression);
        }
        if link.points.is_some() {
            let defaults = State { mode: link.mode.unwrap_or(self.mode), ..State::default() }.to_hash();
            link.loss = link.loss.or(defaults.loss);
            link.delta = link.delta.or(defaults.delta);
            link.tau = link.tau.or(defaults.tau);
            link.hidden = link.hidden.or(defaults.hidden);
            link.gamma = link.gamma.or(defaults.gamma);
            link.alpha = link.alpha.or(defaults.alpha);
            link.l2 = link.l2.or(defaults.l2);
            if link.mode == Some(Mode::Classification) {
                let softmax = classification::SoftmaxState::default();
                link.logits = link.logits.or(Some(softmax.logits));
                link.true_class = link.true_class.or(Some(softmax.true_class));
            }
        }
        self.apply_hash(link, "from the link")
    }

    /// The state with the valid parts of `hash` applied; loaded points are named `source`.
    fn apply_hash(&self, hash: HashState, source: &str) -> State {
        let mut next = self.clone();
        let mut errors = hash.errors.clone();
        if let Some(mode) = hash.mode {
            next.mode = mode;
        }
        let mut regression = next.regression.clone();
        let mut loaded = false;
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
                    Ok(points) => {
                        loaded = true;
                        apply(
                            RegressionAction::Load(Dataset {
                                label: crate::presets::name_of(&points).unwrap_or(source).into(),
                                points: Rc::new(points),
                                holdout: None,
                            }),
                            &mut errors,
                        )
                    }
                    Err(e) => errors.push(format!("pts: {e} (points not loaded)")),
                }
            }
            let elsewhere: Vec<&str> = [
                ("gamma", hash.gamma.is_some()),
                ("alpha", hash.alpha.is_some()),
                ("l2", hash.l2.is_some()),
                ("logits", hash.logits.is_some()),
                ("class", hash.true_class.is_some()),
            ]
            .into_iter()
            .filter_map(|(key, given)| given.then_some(key))
            .collect();
            if !elsewhere.is_empty() {
                errors.push(format!(
                    "{}: settings of the classification lab, not used here (add mode=classification)",
                    elsewhere.join(", ")
                ));
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
        // Undoing a link's points brings back the settings they were shown with, too.
        if loaded {
            Rc::make_mut(&mut regression.history).attach_settings(self.regression.settings());
        }
        next.regression = regression;
        if next.mode == Mode::Classification {
            next.classification = next.classification.with_hash(&hash, source, &mut errors);
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
        // The same problem twice (`#=&=`) is said once, and at most ten are said: a long
        // damaged link can hold thousands (comparing each with the ten kept stays linear).
        let mut said = 0;
        let mut unsaid = 0usize;
        for i in 0..errors.len() {
            if errors[..said].contains(&errors[i]) {
                continue;
            }
            if said == MAX_LINK_PROBLEMS {
                unsaid += 1;
                continue;
            }
            errors.swap(said, i);
            said += 1;
        }
        errors.truncate(said);
        if unsaid > 0 {
            errors.push(format!("{unsaid} more not listed"));
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

/// The label of data loaded (imported, pasted, dropped) while `shown` is on screen: `loaded`,
/// or "`loaded` (2)", "(3)", … when the shown data set carries that name (without
/// " (edited)", with or without a number) but the points differ — a second paste, a file
/// imported again after editing it. Two data sets under one name read as one; the
/// classification lab keeps its last good fits per name and drew the first's faded over the
/// second. The same points under that name keep the shown label: loading them changes nothing.
fn loaded_label(shown: &Rc<str>, loaded: &Rc<str>, same_points: bool) -> Rc<str> {
    let unedited = shown.strip_suffix(" (edited)").unwrap_or(shown);
    let number = if unedited == &**loaded {
        Some(1)
    } else {
        unedited
            .strip_prefix(&**loaded)
            .and_then(|rest| rest.strip_prefix(" (")?.strip_suffix(')'))
            .filter(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|digits| digits.parse::<u32>().ok())
    };
    match number {
        Some(_) if same_points => shown.clone(),
        Some(k) => format!("{loaded} ({})", k.saturating_add(1)).into(),
        None => loaded.clone(),
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        // One copy of the state, edited in place: a `State { field, ..clone }` per action
        // repeated the clone's code in every arm.
        let mut next = (*self).clone();
        match action {
            // A note (an import's report, a link's replaced points) is about the edit that
            // Undo or Redo takes back or brings again: it goes.
            Action::Regression(RegressionAction::Undo | RegressionAction::Redo)
            | Action::Classification(ClassificationAction::Undo | ClassificationAction::Redo)
                if self.notice.as_ref().is_some_and(|n| !n.is_error) =>
            {
                next.notice = None;
                return Rc::new(next).reduce(action);
            }
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
            Action::SetMode(mode) => {
                // A message is about the screen it was given on: pinned to the window's top,
                // "Python code copied" covered the other lab's panels.
                if mode != self.mode {
                    next.notice = None;
                }
                next.mode = mode;
            }
            Action::ApplyHash(hash) => next = self.with_link(*hash),
            Action::Notify(notice) => next.notice = Some(notice),
            Action::Import(load, mut notice, undo_hint) => {
                let loaded = Rc::clone(&self).reduce(*load);
                if Rc::ptr_eq(&loaded, &self) {
                    notice.text.push_str(NOTHING_CHANGED);
                } else if undo_hint {
                    notice.text.push_str(UNDO_HINT);
                }
                next = (*loaded).clone();
                next.notice = Some(notice);
            }
            Action::DismissNotice => next.notice = None,
            Action::SetPresent(present) => next.present = present,
            Action::SetTheme(theme) => next.theme = theme,
        }
        // A drag cut off by leaving its lab (a click on a tab, or a link opened, while the
        // pointer is held) ends there: the link and the saved work wait for a drag's end, and
        // kept waiting.
        if next.mode != self.mode {
            if let Ok(Some(regression)) = next.regression.apply(RegressionAction::EndDrag) {
                next.regression = regression;
            }
            if let Ok(Some(classification)) = next.classification.apply(ClassificationAction::EndDrag) {
                next.classification = classification;
            }
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

    #[test]
    fn a_hash_round_trips_through_the_state() {
        let state = State::default();
        let hash = format_hash(&state.to_hash());
        let restored = State::default().with_link(parse_hash(&hash));
        assert_eq!(restored.regression.data.points, state.regression.data.points);
        assert_eq!(restored.regression.picked, state.regression.picked);
        assert_eq!(restored.regression.params, state.regression.params);
        assert_eq!(restored.regression.hidden, state.regression.hidden);
        assert!(restored.notice.is_none());
    }

    #[test]
    fn undoing_a_links_points_brings_back_the_settings_they_were_shown_with() {
        // A review: a link with points sets what it does not name back to the opening
        // settings, and Undo brought back the old points with those settings.
        let before = State::default();
        let before = before.regression.apply(RegressionAction::Pick(LossKind::Mae)).unwrap().unwrap();
        let state = State { regression: before.clone(), ..State::default() };
        let opened = state.with_link(parse_hash("#pts=0,1;1,2;2,3"));
        assert_eq!(opened.regression.picked, LossKind::Huber, "the link's default loss");
        let undone = opened.regression.apply(RegressionAction::Undo).unwrap().unwrap();
        assert_eq!((undone.data.points, undone.picked), (before.data.points, LossKind::Mae));

        let picked = |s: &classification::ClassificationState, action| s.apply(action).unwrap().unwrap();
        let c = picked(
            &classification::ClassificationState::new(classification::default_set()),
            ClassificationAction::Pick(classification::BinaryLossKind::Hinge),
        );
        let c = picked(&c, ClassificationAction::SetL2(1.0));
        let state = State { mode: Mode::Classification, classification: c.clone(), ..State::default() };
        let opened = state.with_link(parse_hash("#mode=classification&pts=-1,0;0,1;1,0;2,1"));
        assert_ne!(opened.classification.picked, c.picked);
        let undone = opened.classification.apply(ClassificationAction::Undo).unwrap().unwrap();
        assert_eq!((undone.picked, undone.l2), (c.picked, c.l2));
        assert_eq!(undone.data, c.data);
    }

    #[test]
    fn a_link_holding_a_presets_unedited_points_keeps_its_name() {
        // A review: every link's data were "from the link", in the plot's title and the saved
        // image's, and the preset's hint was gone.
        for preset in crate::presets::Preset::ALL {
            let Some(data) = preset.dataset() else { continue };
            let state = State { regression: RegressionState::new(data), ..State::default() };
            let opened = State::default().with_link(parse_hash(&format_hash(&state.to_hash())));
            assert_eq!(&*opened.regression.data.label, preset.label());
        }
        let moved = State::default().with_link(parse_hash("#pts=0,2.07;0.75,2.19;1.5,3.6"));
        assert_eq!(&*moved.regression.data.label, "from the link");
        for preset in classification::ClassPreset::ALL {
            let state = State {
                mode: Mode::Classification,
                classification: classification::ClassificationState::new(preset.dataset()),
                ..State::default()
            };
            let opened = State::default().with_link(parse_hash(&format_hash(&state.to_hash())));
            assert_eq!(&*opened.classification.data.label, preset.label());
        }
    }

    #[test]
    fn malformed_parts_keep_the_last_good_state_and_say_why() {
        let before = State::default();
        let after = before.with_link(parse_hash("#loss=mae&pts=1,2;3&delta=-2"));
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
        let restored = State::default().with_link(parse_hash(&hash));
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
    fn a_long_damaged_link_lists_ten_problems() {
        let link: String = (0..5000).map(|i| format!("&={i}")).collect();
        let opened = State::opened(&SavedWork::default(), Some(parse_hash(&format!("#pts=0,1;1,2{link}"))));
        let text = opened.notice.expect("a message").text;
        assert_eq!(text.matches("has no key").count(), 10, "{text}");
        assert!(text.ends_with("; 4990 more not listed."), "{text}");
        assert_eq!(opened.regression.data.points.len(), 2);
    }

    #[test]
    fn a_link_problem_given_twice_is_said_once() {
        let opened = State::opened(&SavedWork::default(), Some(parse_hash("#=&=&&loss=nope&=&pts=0,1;1,2")));
        let text = opened.notice.expect("a message").text;
        assert_eq!(text.matches("has no key").count(), 1, "{text}");
        assert!(text.contains("unknown loss"), "{text}");
        assert!(text.find("has no key") < text.find("unknown loss"), "first occurrences keep their order: {text}");
        assert_eq!(opened.regression.data.points.len(), 2, "the rest of the link loads");
    }

    #[test]
    fn a_page_opened_from_a_link_has_nothing_to_undo() {
        let regression = State::opened(&SavedWork::default(), Some(parse_hash("#loss=mae&pts=0,1;1,3;2,4")));
        assert_eq!(regression.regression.data.points.len(), 3, "the link's points load");
        assert!(!regression.regression.history.can_undo() && !regression.regression.history.can_redo());
        let classification =
            State::opened(&SavedWork::default(), Some(parse_hash("#mode=classification&pts=0,0;1,1;2,1")));
        assert_eq!(classification.classification.data.points.len(), 3);
        assert!(!classification.classification.history.can_undo());
        // A link of the opening data set (what "Embed" copies on a fresh page), or of the
        // points saved here: the same points, nothing to undo (Undo did nothing visible).
        let opening = State::default();
        let same = State::opened(&SavedWork::default(), Some(parse_hash(&format_hash(&opening.to_hash()))));
        assert_eq!(same.regression.data.points, opening.regression.data.points);
        assert!(!same.regression.history.can_undo() && !same.classification.history.can_undo());
        let saved = State::opened(&SavedWork::default(), Some(parse_hash("#loss=mae&pts=5,1;6,3;7,9")));
        let again = State::opened(&saved.saved_work(), Some(parse_hash("#loss=huber&pts=5,1;6,3;7,9")));
        assert_eq!(again.regression.picked, LossKind::Huber, "the link's settings apply");
        assert!(!again.regression.history.can_undo() && again.notice.is_none());
        // A link opened while the page is in use (the address bar edited) stays undoable.
        let edited = State::default().with_link(parse_hash("#pts=0,1;1,3;2,4"));
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

    #[test]
    fn a_link_without_a_mode_opens_the_lab_its_settings_belong_to() {
        for (link, mode) in [
            ("#gamma=0.5", Mode::Classification),
            ("#loss=hinge&pts=0,0;1,1;2,0", Mode::Classification),
            ("#l2=0", Mode::Classification),
            ("#loss=mae", Mode::Regression),
            ("#pts=0,0;1,1", Mode::Regression),
            ("#delta=2&gamma=1", Mode::Regression),
        ] {
            assert_eq!(State::opened(&SavedWork::default(), Some(parse_hash(link))).mode, mode, "{link}");
        }
        let hinge = State::opened(&SavedWork::default(), Some(parse_hash("#loss=hinge&pts=0,0;1,1;2,0")));
        assert_eq!(hinge.classification.data.points.len(), 3);
        assert!(hinge.notice.is_none());
        // A classification setting in a regression link is named, not dropped silently.
        // The softmax panel travels with a classification link; a link with points resets it
        // (same screen in every browser), and a regression link names its panel keys.
        let panel = State::opened(&SavedWork::default(), Some(parse_hash("#logits=1,2,3&class=1")));
        assert_eq!(
            (panel.mode, panel.classification.softmax.logits, panel.classification.softmax.true_class),
            (Mode::Classification, [1.0, 2.0, 3.0], 1)
        );
        let reset = State::opened(&panel.saved_work(), Some(parse_hash("#mode=classification&pts=0,0;1,1")));
        assert_eq!(reset.classification.softmax, classification::SoftmaxState::default());
        let kept = State::opened(&panel.saved_work(), Some(parse_hash("#mode=classification&gamma=1")));
        assert_eq!(
            kept.classification.softmax.logits,
            [1.0, 2.0, 3.0],
            "saved with the work, kept by a link without points"
        );
        let named = State::opened(&SavedWork::default(), Some(parse_hash("#delta=2&logits=1,2,3")));
        assert!(
            named.notice.as_ref().is_some_and(|n| n.text.contains("logits: settings of the classification lab")),
            "{:?}",
            named.notice
        );
        let mixed = State::opened(&SavedWork::default(), Some(parse_hash("#delta=2&gamma=1")));
        let notice = mixed.notice.expect("a message");
        assert!(notice.is_error && notice.text.contains("gamma") && notice.text.contains("mode=classification"));
        assert_eq!(mixed.regression.params.delta.get(), 2.0);
    }

    #[test]
    fn undo_and_redo_clear_a_note_about_what_they_undo() {
        let state = Rc::new(State::opened(&students_work(), Some(parse_hash("#pts=0,1;1,2;2,4"))));
        assert!(state.notice.as_ref().is_some_and(|n| !n.is_error));
        let undone = state.reduce(Action::Regression(RegressionAction::Undo));
        assert!(undone.notice.is_none(), "the note about the replaced points outlived their return");
        // A replaced empty set is not a student's work to bring back.
        let empty = SavedWork { regression: Some("#pts=".into()), ..SavedWork::default() };
        assert!(State::opened(&empty, Some(parse_hash("#pts=0,1;1,2"))).notice.is_none());
    }

    /// A student's saved work: edited regression points with δ = 3 and MSE hidden, and
    /// edited classification points with hinge picked, the classification lab shown.
    fn students_work() -> SavedWork {
        let mut state = State::default();
        state.regression = state.regression.apply(RegressionAction::Delete(0)).unwrap().unwrap();
        state.regression = state.regression.apply(RegressionAction::SetDelta(3.0)).unwrap().unwrap();
        state.regression.hidden = vec![LossKind::Mse];
        state.classification = state.classification.apply(ClassificationAction::Flip(0)).unwrap().unwrap();
        state.classification = state
            .classification
            .apply(ClassificationAction::Pick(classification::BinaryLossKind::Hinge))
            .unwrap()
            .unwrap();
        state.mode = Mode::Classification;
        state.saved_work()
    }

    #[test]
    fn the_embed_code_frames_the_shared_link_in_embed_mode() {
        let mut state = State::opened(&students_work(), Some(parse_hash("#present=1&theme=dark&loss=mae")));
        state.mode = Mode::Regression;
        let code = state.embed_code("https://host/losslab/");
        let shared = format_hash(&state.shared_link());
        let src = code.split('"').nth(1).unwrap();
        assert!(
            src.starts_with("https://host/losslab/#") && !src.contains("&pts") && src.contains("&amp;pts="),
            "{code}"
        );
        let link = parse_hash(src.split_once('#').unwrap().1.replace("&amp;", "&").as_str());
        assert_eq!(link.embed, Some(true));
        assert_eq!(link.points, state.shared_link().points, "the frame shows these points");
        assert_eq!(format_hash(&HashState { embed: None, ..link }), shared, "and nothing else changes");
        assert!(!src.contains("present") && !src.contains("theme"), "{code}");
        assert!(code.starts_with("<iframe ") && code.ends_with("></iframe>"), "{code}");
        assert!(
            code.contains("title=\"LossLab: regression losses\"") && code.contains("allow=\"clipboard-write\""),
            "{code}"
        );
        state.mode = Mode::Classification;
        assert!(state.embed_code("p").contains("classification losses"));
        assert!(state
            .embed_code("https://h/\"><script>")
            .starts_with("<iframe src=\"https://h/&quot;&gt;&lt;script&gt;#"));
    }

    #[test]
    fn saved_work_keeps_both_labs_and_the_screen_but_not_how_it_was_shown() {
        let work = students_work();
        let mut shown = State::opened(&work, Some(parse_hash("#present=1&theme=dark&perf=1&loss=mae")));
        let shared = format_hash(&shown.shared_link());
        assert!(shared.contains("loss=mae") && shared.contains("pts="), "{shared}");
        for display in ["present", "theme", "perf", "embed"] {
            assert!(!shared.contains(display), "{display} is the reader's choice, not the link's: {shared}");
        }
        shown.embed = true;
        assert_eq!(format_hash(&shown.shared_link()), shared);
        shown.mode = Mode::Article;
        assert_eq!(format_hash(&shown.shared_link()), "#mode=article");
        let mut presenting = State::opened(&work, None);
        presenting.present = true;
        presenting.perf = true;
        assert_eq!(presenting.saved_work(), work, "presentation and the readout are not saved");
        let reopened = State::opened(&work, None);
        let defaults = State::default();
        assert_eq!(reopened.mode, Mode::Classification);
        assert_eq!(reopened.regression.data.points.len(), defaults.regression.data.points.len() - 1, "regression kept");
        assert_eq!(reopened.regression.params.delta.get(), 3.0);
        assert_eq!(reopened.regression.hidden, vec![LossKind::Mse]);
        assert_ne!(reopened.classification.data.points, defaults.classification.data.points, "classification kept");
        assert_eq!(reopened.classification.picked, classification::BinaryLossKind::Hinge);
        assert!(!reopened.regression.history.can_undo() && !reopened.classification.history.can_undo());
        assert!(reopened.notice.is_none());
        // A version before per-lab saving kept only the screen shown.
        let old = SavedWork { shown: work.regression.clone(), ..SavedWork::default() };
        let from_old = State::opened(&old, None);
        assert_eq!(from_old.regression.data.points, reopened.regression.data.points);
        assert_eq!(from_old.mode, Mode::Regression);
    }

    #[test]
    fn a_link_without_points_keeps_the_saved_work() {
        let work = students_work();
        let saved = State::opened(&work, None);
        for link in ["#present=1", "#theme=dark", "#mode=article", "#loss=mae", "#mode=classification"] {
            let opened = State::opened(&work, Some(parse_hash(link)));
            assert_eq!(opened.regression.data.points, saved.regression.data.points, "{link}");
            assert_eq!(opened.classification.data.points, saved.classification.data.points, "{link}");
            assert!(opened.notice.is_none(), "{link}");
        }
        // View-only links keep the screen; a link naming a regression setting shows that lab.
        assert_eq!(State::opened(&work, Some(parse_hash("#present=1"))).mode, Mode::Classification);
        let mae = State::opened(&work, Some(parse_hash("#loss=mae")));
        assert_eq!((mae.mode, mae.regression.picked), (Mode::Regression, LossKind::Mae));
        assert_eq!(mae.regression.params.delta.get(), 3.0, "a link changes only what it names");
    }

    #[test]
    fn a_link_with_points_shows_the_same_in_every_browser_and_undo_returns_the_students_own() {
        let work = students_work();
        let link = "#loss=huber&pts=0,1;1,3;2,4";
        let fresh = State::opened(&SavedWork::default(), Some(parse_hash(link)));
        let here = State::opened(&work, Some(parse_hash(link)));
        assert_eq!(here.regression.data.points, fresh.regression.data.points);
        assert_eq!(here.regression.params, fresh.regression.params, "δ from the defaults, not the saved 3");
        assert_eq!(here.regression.hidden, fresh.regression.hidden);
        assert_eq!(here.mode, Mode::Regression);
        assert!(!fresh.regression.history.can_undo(), "nothing of the student's to bring back");
        let note = here.notice.clone().expect("a note about the replaced points");
        assert!(!note.is_error && note.text.contains("Undo"), "{}", note.text);
        let undone = here.regression.apply(RegressionAction::Undo).unwrap().unwrap();
        assert_eq!(undone.data.points, State::opened(&work, None).regression.data.points);
        // The other lab is untouched.
        assert_eq!(here.classification.data.points, State::opened(&work, None).classification.data.points);
        // An embedded copy shows exactly its link, whatever is saved.
        let embedded = State::opened(&work, Some(parse_hash("#embed=1&loss=mae")));
        assert_eq!(embedded.regression.data.points, State::default().regression.data.points);
        assert_eq!(embedded.mode, Mode::Regression);
    }

    #[test]
    fn an_import_of_the_points_shown_says_nothing_changed_instead_of_offering_undo() {
        // A review: the same cells pasted twice changed nothing, yet the report said
        // "Ctrl+Z undoes it" (which then undid the edit before).
        let import = |pairs: &[(f64, f64)]| {
            let points = Rc::new(Points::from_pairs(pairs).unwrap());
            let load = Action::Regression(RegressionAction::Load(Dataset {
                points,
                holdout: None,
                label: "pasted cells".into(),
            }));
            let text = format!("“pasted cells”: Read {} points.", pairs.len());
            Action::Import(Box::new(load), Notice { text, is_error: false }, true)
        };
        let cells = [(0.0, 1.0), (1.0, 3.0), (2.0, 4.0)];
        let first = Rc::new(State::default()).reduce(import(&cells));
        assert_eq!(first.regression.data.points.len(), 3);
        assert_eq!(first.notice.as_ref().unwrap().text, "“pasted cells”: Read 3 points. Ctrl+Z undoes it.");
        assert!(first.regression.history.can_undo());
        let again = Rc::clone(&first).reduce(import(&cells));
        assert_eq!(again.regression, first.regression, "the same cells: no new undo step");
        assert_eq!(
            again.notice.as_ref().unwrap().text,
            "“pasted cells”: Read 3 points. These are the points shown already: nothing changed."
        );
        // Undo then takes back the first paste, as it would have before the second.
        let undone = Rc::clone(&again).reduce(Action::Regression(RegressionAction::Undo));
        assert_eq!(undone.regression.data.points, State::default().regression.data.points);
    }

    #[test]
    fn switching_screens_takes_the_message_of_the_screen_left() {
        let notice = Notice { text: "Python code copied".into(), is_error: false };
        let shown = Rc::new(State::default()).reduce(Action::Notify(notice));
        assert!(shown.notice.is_some());
        let same = Rc::clone(&shown).reduce(Action::SetMode(shown.mode));
        assert!(same.notice.is_some(), "the screen shown picked again keeps it");
        let other = shown.reduce(Action::SetMode(Mode::Classification));
        assert_eq!(other.mode, Mode::Classification);
        assert!(other.notice.is_none());
    }

    #[test]
    fn leaving_a_lab_mid_drag_ends_the_drag() {
        // A review: a click on a tab while a point was held left the drag on, and the link and
        // the saved work, which wait for a drag's end, were never written.
        let s = Rc::new(State::default());
        let s = s.reduce(Action::Regression(RegressionAction::BeginDrag(1)));
        let s = s.reduce(Action::Regression(RegressionAction::DragTo { x: 1.0, y: 40.0 }));
        assert!(s.regression.drag.is_some());
        let moved = s.regression.data.points.clone();
        let left = Rc::clone(&s).reduce(Action::SetMode(Mode::Classification));
        assert!(left.regression.drag.is_none(), "the drag ended");
        assert_eq!(left.regression.data.points, moved, "with the point where it was taken");
        assert!(left.regression.history.can_undo(), "and one undo step for it");
        // A link that opens the other lab (typed, or Back) does the same.
        let linked = s.reduce(Action::ApplyHash(Box::new(parse_hash("#mode=classification"))));
        assert_eq!(linked.mode, Mode::Classification);
        assert!(linked.regression.drag.is_none(), "the drag ended");
    }
}
