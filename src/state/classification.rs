//! The classification lab's source of truth and how actions change it.
//!
//! Stored: the labelled points, the emphasised loss, focal γ and α, the L2 strength λ, the
//! selection, the drag in progress, undo/redo, and the logits of the categorical
//! cross-entropy panel. Every fit, probability, loss and boundary is derived from these in
//! the components.

use super::history::History;
use crate::view_box::padded;
use losslab_core::io::hash::{HashState, MAX_POINTS};
use losslab_core::numerics::classification::{BinaryLoss, FocalParams, L2Penalty, LabeledPoints, CLASS_COUNT};
use std::rc::Rc;

/// How far past the frozen view a point can be dragged, in view widths.
const DRAG_REACH: f64 = 2.0;

/// Fraction of the x span added on each side of the view.
const MARGIN: f64 = 0.08;

/// The λ the lab opens with: small enough not to bend the fits visibly, large enough that
/// separable classes still have a best line.
pub const DEFAULT_L2: f64 = 0.01;

/// The focal γ the lab opens with (RetinaNet's).
pub const DEFAULT_GAMMA: f64 = 2.0;

/// The α offered when class weighting is switched on (RetinaNet's).
pub const DEFAULT_ALPHA: f64 = 0.25;

/// The γ values of the focal-loss paper's figure; the γ slider marks them.
pub const GAMMA_STOPS: [f64; 5] = [0.0, 0.5, 1.0, 2.0, 5.0];

/// The largest γ the slider offers (a link may carry up to the core's limit of 100).
pub const GAMMA_SLIDER_MAX: f64 = 5.0;

/// The λ values the L2 slider steps through.
pub const L2_LADDER: [f64; 8] = [0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0];

/// The largest magnitude a logit of the categorical cross-entropy panel can take.
pub const LOGIT_LIMIT: f64 = 8.0;

/// The vertical range of the classification plot: label 0 sits at y = 0, label 1 at y = 1.
pub const PROBABILITY_VIEW: (f64, f64) = (-0.15, 1.15);

/// The three binary losses the lab fits; one is emphasised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BinaryLossKind {
    /// Binary cross-entropy (log loss).
    Bce,
    /// Focal loss.
    Focal,
    /// Hinge loss.
    Hinge,
}

impl BinaryLossKind {
    /// Every binary loss, in the order the lab lists them.
    pub const ALL: [BinaryLossKind; 3] = [BinaryLossKind::Bce, BinaryLossKind::Focal, BinaryLossKind::Hinge];

    /// The identifier used in links and test ids: `bce`, `focal`, `hinge`.
    pub fn id(self) -> &'static str {
        match self {
            BinaryLossKind::Bce => "bce",
            BinaryLossKind::Focal => "focal",
            BinaryLossKind::Hinge => "hinge",
        }
    }

    /// The loss with identifier `id`.
    pub fn from_id(id: &str) -> Option<BinaryLossKind> {
        BinaryLossKind::ALL.into_iter().find(|k| k.id() == id)
    }

    /// A short name for people.
    pub fn label(self) -> &'static str {
        match self {
            BinaryLossKind::Bce => "BCE",
            BinaryLossKind::Focal => "Focal",
            BinaryLossKind::Hinge => "Hinge",
        }
    }

    /// The core's loss, with the focal parameters where they apply.
    pub fn with(self, focal: FocalParams) -> BinaryLoss {
        match self {
            BinaryLossKind::Bce => BinaryLoss::Bce,
            BinaryLossKind::Focal => BinaryLoss::Focal(focal),
            BinaryLossKind::Hinge => BinaryLoss::Hinge,
        }
    }

    /// Position in [`BinaryLossKind::ALL`].
    pub fn index(self) -> usize {
        match self {
            BinaryLossKind::Bce => 0,
            BinaryLossKind::Focal => 1,
            BinaryLossKind::Hinge => 2,
        }
    }
}

/// Labelled points with a description, kept together so undo restores both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabeledSet {
    /// The points.
    pub points: Rc<LabeledPoints>,
    /// A short description: the preset's name, "custom", "from the link"…
    pub label: Rc<str>,
}

impl LabeledSet {
    /// A set from `(x, label is 1)` pairs; invalid x values give an empty set (the presets
    /// never produce any).
    fn from_pairs(pairs: &[(f64, bool)], label: &str) -> LabeledSet {
        let points = LabeledPoints::from_pairs(pairs).unwrap_or_default();
        LabeledSet { points: Rc::new(points), label: label.into() }
    }
}

/// A drag along x: which point, and the x range frozen when it began.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct XDrag {
    /// Index of the dragged point.
    pub index: usize,
    /// The x range shown when the drag began.
    pub x_range: (f64, f64),
}

/// The categorical cross-entropy panel: three logits and the true class.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SoftmaxState {
    /// The logits z₀, z₁, z₂, each within ±[`LOGIT_LIMIT`].
    pub logits: [f64; CLASS_COUNT],
    /// The true class, `< CLASS_COUNT`.
    pub true_class: usize,
}

impl Default for SoftmaxState {
    fn default() -> Self {
        SoftmaxState { logits: [2.0, 1.0, -1.0], true_class: 0 }
    }
}

/// The classification lab's settings that a Reset (or a link with points) changes with the
/// data, and its undo brings back: the picked loss, focal γ and α, the L2 strength λ.
pub type ClassificationSettings = (BinaryLossKind, FocalParams, L2Penalty);

/// Everything the classification lab shows is derived from this.
#[derive(Debug, Clone, PartialEq)]
pub struct ClassificationState {
    /// The labelled points.
    pub data: LabeledSet,
    /// The loss whose curve, bars and markers are emphasised.
    pub picked: BinaryLossKind,
    /// Focal γ and α.
    pub focal: FocalParams,
    /// The L2 strength λ of every fit.
    pub l2: L2Penalty,
    /// The selected point.
    pub selected: Option<usize>,
    /// The drag in progress.
    pub drag: Option<XDrag>,
    /// Undo/redo of the points.
    pub history: Rc<History<LabeledSet, ClassificationSettings>>,
    /// The categorical cross-entropy panel.
    pub softmax: SoftmaxState,
}

/// What can happen in the classification lab.
#[derive(Debug, Clone, PartialEq)]
pub enum ClassificationAction {
    /// Emphasise a loss.
    Pick(BinaryLossKind),
    /// Set focal γ (refused unless 0 ≤ γ ≤ 100).
    SetGamma(f64),
    /// Set focal α, or `None` for no class weighting (refused unless 0 ≤ α ≤ 1).
    SetAlpha(Option<f64>),
    /// Set the L2 strength λ (refused unless finite and ≥ 0).
    SetL2(f64),
    /// Select a point, or clear the selection.
    Select(Option<usize>),
    /// Add a point and select it.
    Add {
        /// x of the new point.
        x: f64,
        /// Whether its label is 1.
        label: bool,
    },
    /// Add a point of class `label` at the plot's centre, or beside it when one of that class
    /// is there (the A key), and select it; placed against the points as they are (see
    /// `RegressionAction::AddAtCentre`).
    AddAtCentre {
        /// Whether its label is 1.
        label: bool,
    },
    /// Flip a point's label (0 ↔ 1) and select it.
    Flip(usize),
    /// Start dragging a point along x.
    BeginDrag(usize),
    /// Move the dragged point to x (clamped near the frozen view); its label stays.
    DragTo(f64),
    /// Finish the drag.
    EndDrag,
    /// Move a point along x by an offset (keyboard), one undo step.
    Nudge {
        /// Which point.
        index: usize,
        /// Offset in x.
        dx: f64,
    },
    /// Delete a point.
    Delete(usize),
    /// Delete a point by double-click. The double-click's first click flipped the point's
    /// label; when that flip is the last edit it is taken back, so the point is deleted (and
    /// one undo restores it) with the label it had.
    DeleteDoubleClicked(usize),
    /// Replace the points (preset, link); undoable.
    Load(LabeledSet),
    /// Start over: this data set (undoable, like [`ClassificationAction::Load`]) with the
    /// opening loss, γ, α and λ; the softmax panel keeps its logits.
    Reset(LabeledSet),
    /// Undo the last edit of the points.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Set one logit of the categorical cross-entropy panel (clamped to ±[`LOGIT_LIMIT`]).
    SetLogit {
        /// Which class.
        class: usize,
        /// The new logit.
        value: f64,
    },
    /// Choose the true class of the categorical cross-entropy panel.
    SetTrueClass(usize),
}

/// The classification presets, in the order the preset bar lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClassPreset {
    /// Two balanced classes with a gap between them (separable: needs λ > 0).
    Balanced,
    /// Two balanced classes that overlap: no line gets every point right.
    Overlap,
    /// 30 negatives and 3 positives: BCE's boundary is pulled toward the minority.
    Imbalanced,
}

impl ClassPreset {
    /// Every preset.
    pub const ALL: [ClassPreset; 3] = [ClassPreset::Balanced, ClassPreset::Overlap, ClassPreset::Imbalanced];

    /// Identifier used in test ids (`preset-<id>`).
    pub fn id(self) -> &'static str {
        match self {
            ClassPreset::Balanced => "balanced",
            ClassPreset::Overlap => "overlap",
            ClassPreset::Imbalanced => "imbalanced",
        }
    }

    /// Button label.
    pub fn label(self) -> &'static str {
        match self {
            ClassPreset::Balanced => "Balanced, separable",
            ClassPreset::Overlap => "Overlapping",
            ClassPreset::Imbalanced => "Imbalanced 30 : 3",
        }
    }

    /// The generated points.
    pub fn dataset(self) -> LabeledSet {
        let pairs = match self {
            ClassPreset::Balanced => balanced(),
            ClassPreset::Overlap => overlapping(),
            ClassPreset::Imbalanced => imbalanced(),
        };
        LabeledSet::from_pairs(&pairs, self.label())
    }
}

/// x of the balanced preset's points, in tenths; even indices have label 0, odd label 1.
/// Each class is Gaussian around ∓1.6 (σ = 0.8, seed 3) and stays on its side of a gap
/// around 0; no two points of a label share an x (a twin would hide under the other). Stored rather than generated, as the regression presets are (see
/// `presets::CLEAN_LINE_Y`); the generator lives on in the tests.
const BALANCED_X: [i8; 20] = [-24, 12, -22, 7, -19, 17, -15, 18, -14, 19, -29, 13, -30, 14, -21, 21, -18, 15, -35, 5];

/// x of the overlapping preset's points, in tenths; even indices have label 0, odd label 1.
/// Each class is Gaussian around ∓0.8 (σ = 1.1, seed 11), clipped to ±4; no two points of a
/// label share an x.
const OVERLAP_X: [i8; 24] =
    [-13, 16, -4, 17, -11, 8, -30, 6, -20, 14, -10, 23, 1, 9, -8, -12, -7, -11, -12, 27, -17, 5, 7, 20];

/// Rounds to one decimal, so shared links stay short.
fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// Points from x in tenths, alternating label 0 and 1.
fn alternating(tenths: &[i8]) -> Vec<(f64, bool)> {
    tenths.iter().enumerate().map(|(i, &x)| (f64::from(x) / 10.0, i % 2 == 1)).collect()
}

fn balanced() -> Vec<(f64, bool)> {
    alternating(&BALANCED_X)
}

fn overlapping() -> Vec<(f64, bool)> {
    alternating(&OVERLAP_X)
}

/// The generators the stored presets come from, kept to check the tables.
#[cfg(test)]
pub mod generators {
    use crate::presets::generators::Lcg;

    /// `x` in tenths, moved to the nearest tenth (within `range`, nearer first, the higher
    /// one on a tie) that no point of the same label takes yet: a duplicate would hide
    /// under its twin on the plot, which then shows fewer points than the count says.
    fn free_tenth(x: f64, positive: bool, range: (i32, i32), taken: &mut Vec<(i32, bool)>) -> f64 {
        let wanted = (x * 10.0).round() as i32;
        let candidates = (0..).flat_map(|d| [wanted + d, wanted - d]);
        let tenth = candidates
            .filter(|t| (range.0..=range.1).contains(t))
            .find(|t| !taken.contains(&(*t, positive)))
            .expect("fewer points than tenths in the range");
        taken.push((tenth, positive));
        f64::from(tenth) / 10.0
    }

    /// The balanced preset as generated.
    pub fn balanced() -> Vec<(f64, bool)> {
        let mut rng = Lcg(3);
        let mut taken = Vec::new();
        let mut pairs = Vec::with_capacity(20);
        for i in 0..20 {
            let positive = i % 2 == 1;
            let centre = if positive { 1.6 } else { -1.6 };
            // Each class stays on its side of a gap around 0.
            let x = (centre + 0.8 * rng.normal()).clamp(-3.5, 3.5);
            let range = if positive { (4, 35) } else { (-35, -4) };
            pairs.push((free_tenth(x, positive, range, &mut taken), positive));
        }
        pairs
    }

    /// The overlapping preset as generated.
    pub fn overlapping() -> Vec<(f64, bool)> {
        let mut rng = Lcg(11);
        let mut taken = Vec::new();
        (0..24)
            .map(|i| {
                let positive = i % 2 == 1;
                let centre = if positive { 0.8 } else { -0.8 };
                let x = centre + 1.1 * rng.normal();
                (free_tenth(x, positive, (-40, 40), &mut taken), positive)
            })
            .collect()
    }

    /// Whether the stored presets equal the generated ones, bit for bit.
    pub fn tables_match() -> bool {
        super::balanced() == balanced() && super::overlapping() == overlapping()
    }
}

/// 30 negatives spread evenly from about −2.9 to 1.7, and 3 positives at 1, 2 and 3. BCE
/// lets the many negatives push its boundary past the positive at x = 2; focal loss
/// discounts the easy negatives and keeps that positive on the right side.
fn imbalanced() -> Vec<(f64, bool)> {
    let mut pairs: Vec<(f64, bool)> = (0..30)
        .map(|i| {
            let t = (f64::from(i) + 0.5) / 30.0;
            (round1(1.75 - 4.75 * t), false)
        })
        .collect();
    pairs.extend([(1.0, true), (2.0, true), (3.0, true)]);
    pairs
}

/// The indices of the points ordered by x (ties by index): the order of the per-point bars
/// and of `[`/`]` selection.
pub fn x_order(points: &LabeledPoints) -> Vec<usize> {
    // Sorting plain (key, index) pairs reuses the sort the CSV reader already compiles in,
    // where a sort with its own comparison closure cost about 2.7 KB of WebAssembly.
    let mut keys: Vec<(u64, u64)> =
        points.xs().iter().enumerate().map(|(i, &x)| (total_order_key(x), i as u64)).collect();
    keys.sort_unstable();
    keys.into_iter().map(|(_, i)| i as usize).collect()
}

/// An unsigned key that orders like [`f64::total_cmp`]: negative numbers have every bit
/// flipped, the others only the sign bit.
fn total_order_key(x: f64) -> u64 {
    let bits = x.to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | 1 << 63
    }
}

/// The points the lab opens with.
pub fn default_set() -> LabeledSet {
    ClassPreset::Overlap.dataset()
}

impl ClassificationState {
    /// The settings a Reset changes (see [`ClassificationSettings`]).
    pub(crate) fn settings(&self) -> ClassificationSettings {
        (self.picked, self.focal, self.l2)
    }

    /// A state showing `data` with the default settings.
    pub fn new(data: LabeledSet) -> Self {
        ClassificationState {
            data,
            picked: BinaryLossKind::Focal,
            focal: FocalParams::new(DEFAULT_GAMMA, None).unwrap_or(FocalParams::RETINANET),
            l2: L2Penalty::new(DEFAULT_L2).unwrap_or(L2Penalty::NONE),
            selected: None,
            drag: None,
            history: Rc::new(History::default()),
            softmax: SoftmaxState::default(),
        }
    }

    /// The x range the plot shows: during a drag the range frozen when it began (grown if the
    /// point leaves it); otherwise all points with a margin.
    pub fn x_range(&self) -> (f64, f64) {
        if let Some(drag) = self.drag {
            let (mut lo, mut hi) = drag.x_range;
            if let Some(&x) = self.data.points.xs().get(drag.index) {
                let pad = MARGIN * (hi - lo);
                if x < lo {
                    lo = x - pad;
                }
                if x > hi {
                    hi = x + pad;
                }
            }
            return (lo, hi);
        }
        let xs = self.data.points.xs();
        if xs.is_empty() {
            return (-4.0, 4.0);
        }
        let (lo, hi) = xs.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &x| (lo.min(x), hi.max(x)));
        padded(lo, hi)
    }

    /// Records the current points for undo before an edit.
    fn remember(&mut self) {
        Rc::make_mut(&mut self.history).remember(self.data.clone());
    }

    /// Replaces the points after an edit; the label then says the set was edited.
    fn replace_points(&mut self, points: LabeledPoints) {
        self.data = LabeledSet { points: Rc::new(points), label: super::edited_label(&self.data.label) };
    }

    /// The points as `(x, label is 1)` pairs, for edits that add or remove one.
    fn pairs(&self) -> Vec<(f64, bool)> {
        self.data.points.iter().collect()
    }

    /// Applies an action. Returns `Ok(None)` when nothing changed (so the caller keeps the
    /// same `Rc` and skips a render), `Ok(Some(next))` for a change, and `Err(message)` for a
    /// refused input (the state is kept).
    pub fn apply(&self, action: ClassificationAction) -> Result<Option<ClassificationState>, String> {
        let mut next = self.clone();
        let n = self.data.points.len();
        match action {
            ClassificationAction::Pick(kind) => {
                if kind == self.picked {
                    return Ok(None);
                }
                next.picked = kind;
            }
            ClassificationAction::SetGamma(gamma) => {
                let focal = FocalParams::new(gamma, self.focal.alpha()).map_err(|e| e.to_string())?;
                if focal == self.focal {
                    return Ok(None);
                }
                next.focal = focal;
            }
            ClassificationAction::SetAlpha(alpha) => {
                let focal = FocalParams::new(self.focal.gamma(), alpha).map_err(|e| e.to_string())?;
                if focal == self.focal {
                    return Ok(None);
                }
                next.focal = focal;
            }
            ClassificationAction::SetL2(lambda) => {
                let l2 = L2Penalty::new(lambda).map_err(|e| e.to_string())?;
                if l2 == self.l2 {
                    return Ok(None);
                }
                next.l2 = l2;
            }
            ClassificationAction::Select(index) => {
                let index = index.filter(|&i| i < n);
                if index == self.selected {
                    return Ok(None);
                }
                next.selected = index;
            }
            ClassificationAction::Add { x, label } => {
                if n >= MAX_POINTS {
                    return Err(format!("LossLab holds at most {MAX_POINTS} points."));
                }
                let mut pairs = self.pairs();
                pairs.push((x, label));
                let points = LabeledPoints::from_pairs(&pairs).map_err(|e| e.to_string())?;
                next.remember();
                next.replace_points(points);
                next.selected = Some(n);
            }
            ClassificationAction::AddAtCentre { label } => {
                let x = crate::view_box::keyboard_spot_x(&self.data.points, self.x_range(), label);
                return self.apply(ClassificationAction::Add { x, label });
            }
            ClassificationAction::Flip(index) => {
                let Some((x, label)) = self.data.points.iter().nth(index) else {
                    return Ok(None);
                };
                let points = self.data.points.with_point(index, x, !label).map_err(|e| e.to_string())?;
                next.remember();
                next.replace_points(points);
                next.selected = Some(index);
            }
            ClassificationAction::BeginDrag(index) => {
                if index >= n {
                    return Ok(None);
                }
                next.remember();
                next.drag = Some(XDrag { index, x_range: self.x_range() });
                next.selected = Some(index);
            }
            ClassificationAction::DragTo(x) => {
                let Some(drag) = self.drag else {
                    return Ok(None);
                };
                let Some((old_x, label)) = self.data.points.iter().nth(drag.index) else {
                    return Ok(None);
                };
                // A point may be pulled past the plot's edge (the view grows with it), but not
                // without limit: at most two view widths beyond the frozen range.
                let (lo, hi) = drag.x_range;
                let reach = DRAG_REACH * (hi - lo);
                if !x.is_finite() {
                    return Ok(None);
                }
                let x = x.clamp(lo - reach, hi + reach);
                if x == old_x {
                    return Ok(None);
                }
                let points = self.data.points.with_point(drag.index, x, label).map_err(|e| e.to_string())?;
                next.replace_points(points);
            }
            ClassificationAction::EndDrag => {
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
            ClassificationAction::Nudge { index, dx } => {
                let Some((x, label)) = self.data.points.iter().nth(index) else {
                    return Ok(None);
                };
                let points = self
                    .data
                    .points
                    .with_point(index, crate::format::nudged(x, dx), label)
                    .map_err(|e| e.to_string())?;
                next.remember();
                next.replace_points(points);
                next.selected = Some(index);
            }
            ClassificationAction::Delete(index) => {
                if index >= n {
                    return Ok(None);
                }
                let mut pairs = self.pairs();
                pairs.remove(index);
                let points = LabeledPoints::from_pairs(&pairs).map_err(|e| e.to_string())?;
                next.remember();
                next.replace_points(points);
                next.selected = None;
                next.drag = None;
            }
            ClassificationAction::DeleteDoubleClicked(index) => {
                let Some((x, label)) = self.data.points.iter().nth(index) else {
                    return Ok(None);
                };
                if let Ok(unflipped) = self.data.points.with_point(index, x, !label) {
                    if let Some(before) = Rc::make_mut(&mut next.history).forget_if(|last| *last.points == unflipped) {
                        next.data = before;
                    }
                }
                return Ok(next.apply(ClassificationAction::Delete(index))?.or(Some(next)));
            }
            ClassificationAction::Load(mut data) => {
                data.label = super::loaded_label(&self.data.label, &data.label, data.points == self.data.points);
                // The very data shown (the same cells pasted again): no undo step that changes nothing.
                if data == self.data {
                    return Ok(None);
                }
                next.remember();
                next.data = data;
                next.selected = None;
                next.drag = None;
            }
            ClassificationAction::Reset(data) => {
                let fresh = ClassificationState::new(data);
                // Already as it opened: no undo step that would change nothing.
                if self.data == fresh.data && self.settings() == fresh.settings() {
                    return Ok(None);
                }
                Rc::make_mut(&mut next.history).remember_with(self.data.clone(), self.settings());
                next = ClassificationState { history: next.history, softmax: next.softmax, ..fresh };
            }
            ClassificationAction::Undo => {
                let mut settings = self.settings();
                if !Rc::make_mut(&mut next.history).undo(&mut next.data, &mut settings) {
                    return Ok(None);
                }
                (next.picked, next.focal, next.l2) = settings;
                next.selected = None;
                next.drag = None;
            }
            ClassificationAction::Redo => {
                let mut settings = self.settings();
                if !Rc::make_mut(&mut next.history).redo(&mut next.data, &mut settings) {
                    return Ok(None);
                }
                (next.picked, next.focal, next.l2) = settings;
                next.selected = None;
                next.drag = None;
            }
            ClassificationAction::SetLogit { class, value } => {
                if class >= CLASS_COUNT || !value.is_finite() {
                    return Ok(None);
                }
                let value = value.clamp(-LOGIT_LIMIT, LOGIT_LIMIT);
                if self.softmax.logits[class] == value {
                    return Ok(None);
                }
                next.softmax.logits[class] = value;
            }
            ClassificationAction::SetTrueClass(class) => {
                if class >= CLASS_COUNT || class == self.softmax.true_class {
                    return Ok(None);
                }
                next.softmax.true_class = class;
            }
        }
        Ok(Some(next))
    }

    /// Writes the classification parts of a link: `loss`, `gamma`, `alpha`, `l2` and `pts`
    /// as `x,label` pairs. The regression-only parts are cleared.
    pub fn write_hash(&self, hash: &mut HashState) {
        hash.loss = Some(self.picked.id().to_string());
        hash.gamma = Some(self.focal.gamma());
        hash.alpha = Some(self.focal.alpha());
        hash.l2 = Some(self.l2.lambda());
        hash.points = Some(self.data.points.iter().map(|(x, label)| (x, if label { 1.0 } else { 0.0 })).collect());
        // The softmax panel's logits and true class, when moved from their defaults (links of
        // the panel as it opens stay as short as before the panel was in them).
        let softmax = self.softmax;
        let moved = softmax != SoftmaxState::default();
        hash.logits = moved.then_some(softmax.logits);
        hash.true_class = moved.then_some(softmax.true_class);
        hash.delta = None;
        hash.tau = None;
        hash.hidden = None;
    }

    /// The state with the classification parts of a link applied (loaded points named
    /// `source`); each refused part keeps its current value and adds a sentence to `errors`.
    pub fn with_hash(&self, hash: &HashState, source: &str, errors: &mut Vec<String>) -> ClassificationState {
        let mut next = self.clone();
        let mut apply = |action: ClassificationAction, errors: &mut Vec<String>| match next.apply(action) {
            Ok(Some(state)) => next = state,
            Ok(None) => {}
            Err(e) => errors.push(e),
        };
        if let Some(id) = hash.loss.as_deref() {
            match BinaryLossKind::from_id(id) {
                Some(kind) => apply(ClassificationAction::Pick(kind), errors),
                None => errors.push(format!("loss: “{id}” is not a classification loss (bce, focal or hinge)")),
            }
        }
        if let Some(gamma) = hash.gamma {
            apply(ClassificationAction::SetGamma(gamma), errors);
        }
        if let Some(alpha) = hash.alpha {
            apply(ClassificationAction::SetAlpha(alpha), errors);
        }
        if let Some(lambda) = hash.l2 {
            apply(ClassificationAction::SetL2(lambda), errors);
        }
        if let Some(logits) = hash.logits {
            if logits.iter().any(|z| z.abs() > LOGIT_LIMIT) {
                errors
                    .push(format!("logits: the panel's logits lie within ±{LOGIT_LIMIT}; larger ones were set to it"));
            }
            for (class, value) in logits.into_iter().enumerate() {
                apply(ClassificationAction::SetLogit { class, value }, errors);
            }
        }
        if let Some(class) = hash.true_class {
            apply(ClassificationAction::SetTrueClass(class), errors);
        }
        if let Some(pairs) = &hash.points {
            let (xs, labels): (Vec<f64>, Vec<f64>) = pairs.iter().copied().unzip();
            match LabeledPoints::new(&xs, &labels) {
                Ok(points) => {
                    // A preset's unedited points keep its name (see `presets::name_of`).
                    let preset = ClassPreset::ALL.into_iter().find(|preset| *preset.dataset().points == points);
                    let label: &str = match preset {
                        Some(preset) => preset.label(),
                        None => source,
                    };
                    apply(
                        ClassificationAction::Load(LabeledSet { points: Rc::new(points), label: label.into() }),
                        errors,
                    );
                    // Undoing a link's points brings back the settings they were shown with, too.
                    Rc::make_mut(&mut next.history).attach_settings(self.settings());
                }
                Err(e) => errors.push(format!("pts: {e} (points not loaded)")),
            }
        }
        next
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use losslab_core::io::hash::{format_hash, parse_hash};
    use losslab_core::numerics::classification::{decision_boundary, fit_binary, FitError};

    fn state() -> ClassificationState {
        ClassificationState::new(LabeledSet::from_pairs(&[(-1.0, false), (0.5, true), (2.0, true)], "test"))
    }

    #[test]
    fn reset_restores_the_opening_settings_keeps_the_softmax_panel_and_can_be_undone() {
        let fresh = ClassificationState::new(default_set());
        assert!(
            fresh.apply(ClassificationAction::Reset(default_set())).unwrap().is_none(),
            "nothing to reset, no undo step"
        );
        let mut s = state();
        for action in [
            ClassificationAction::Pick(BinaryLossKind::Hinge),
            ClassificationAction::SetGamma(5.0),
            ClassificationAction::SetAlpha(Some(0.75)),
            ClassificationAction::SetL2(0.0),
            ClassificationAction::SetLogit { class: 1, value: 4.0 },
            ClassificationAction::Select(Some(1)),
        ] {
            s = apply(&s, action);
        }
        let reset = apply(&s, ClassificationAction::Reset(default_set()));
        assert_eq!(reset.data, fresh.data);
        assert_eq!((reset.picked, reset.focal, reset.l2), (fresh.picked, fresh.focal, fresh.l2));
        assert_eq!((reset.selected, reset.drag), (None, None));
        assert_eq!(reset.softmax, s.softmax, "the softmax panel is its own exercise");
        let undone = apply(&reset, ClassificationAction::Undo);
        assert_eq!(undone.data, s.data);
        assert_eq!((undone.picked, undone.focal, undone.l2), (s.picked, s.focal, s.l2), "the settings come back too");
        let redone = apply(&undone, ClassificationAction::Redo);
        assert_eq!((redone.picked, redone.focal, redone.l2), (reset.picked, reset.focal, reset.l2));
    }

    #[test]
    fn the_softmax_panel_travels_in_the_link_when_moved() {
        let s = state();
        let mut hash = HashState::default();
        s.write_hash(&mut hash);
        assert!(!format_hash(&hash).contains("logits"), "the panel as it opens adds nothing");
        let moved = apply(
            &apply(&s, ClassificationAction::SetLogit { class: 2, value: 7.5 }),
            ClassificationAction::SetTrueClass(2),
        );
        let mut hash = HashState::default();
        moved.write_hash(&mut hash);
        let text = format_hash(&hash);
        assert!(text.contains("logits=2,1,7.5&class=2"), "{text}");
        let mut errors = Vec::new();
        let back = s.with_hash(&parse_hash(&text), "link", &mut errors);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(back.softmax, moved.softmax);
        let clamped = s.with_hash(&parse_hash("#logits=20,0,-1"), "link", &mut errors);
        assert_eq!(clamped.softmax.logits, [LOGIT_LIMIT, 0.0, -1.0]);
        assert!(errors.len() == 1 && errors[0].starts_with("logits:"), "{errors:?}");
    }

    #[test]
    fn the_x_range_shows_a_tiny_spread_and_widens_only_a_single_x() {
        // Found by a review (the regression view had the same rule): x from 1000 to 1000.001
        // was shown on an axis from 999 to 1001, every point on one vertical line.
        let tiny = ClassificationState::new(LabeledSet::from_pairs(&[(1000.0, false), (1000.001, true)], "t"));
        let (lo, hi) = tiny.x_range();
        assert!(lo < 1000.0 && hi > 1000.001 && hi - lo < 0.002, "({lo}, {hi})");
        let single = ClassificationState::new(LabeledSet::from_pairs(&[(5.0, false), (5.0, true)], "t"));
        assert_eq!(single.x_range(), (4.0, 6.0));
    }

    fn apply(s: &ClassificationState, action: ClassificationAction) -> ClassificationState {
        s.apply(action).expect("accepted").expect("changed")
    }

    #[test]
    fn a_second_load_under_the_same_name_is_named_apart() {
        let load = |pairs: &[(f64, bool)]| ClassificationAction::Load(LabeledSet::from_pairs(pairs, "pasted cells"));
        let (a, b) = ([(0.0, false), (1.0, true), (2.0, false)], [(5.0, true), (6.0, false), (7.0, true)]);
        let first = apply(&state(), load(&a));
        assert_eq!(&*first.data.label, "pasted cells");
        let second = apply(&first, load(&b));
        assert_eq!(&*second.data.label, "pasted cells (2)");
        assert_eq!(&*apply(&second, load(&a)).data.label, "pasted cells (3)", "a third differs from the second");
        assert!(second.apply(load(&b)).unwrap().is_none(), "the second pasted again changes nothing");
        let edited = apply(&first, ClassificationAction::Flip(0));
        assert_eq!(&*apply(&edited, load(&b)).data.label, "pasted cells (2)");
        // The very data shown, loaded again: nothing changes (no undo step that does nothing).
        assert!(first.apply(load(&a)).unwrap().is_none());
    }

    #[test]
    fn a_burst_of_a_key_presses_adds_points_on_distinct_spots() {
        let mut s = state();
        for i in 0..16 {
            s = apply(&s, ClassificationAction::AddAtCentre { label: i % 2 == 0 });
        }
        let added: Vec<(f64, bool)> = s.data.points.iter().skip(3).collect();
        assert_eq!(added.len(), 16);
        for (i, a) in added.iter().enumerate() {
            assert!(added[..i].iter().all(|b| a != b), "{a:?} added twice: {added:?}");
        }
        assert_eq!(added.iter().filter(|(_, label)| *label).count(), 8);
    }

    #[test]
    fn x_order_sorts_like_total_cmp_with_ties_by_index() {
        let xs = [2.0, -0.0, 0.0, -1.5, -1e99, 2.0, 1e-300, -1e-300, 1e99, 0.5];
        let points = LabeledPoints::from_pairs(&xs.map(|x| (x, false))).unwrap();
        let mut expected: Vec<usize> = (0..xs.len()).collect();
        expected.sort_by(|&a, &b| xs[a].total_cmp(&xs[b]).then(a.cmp(&b)));
        assert_eq!(x_order(&points), expected);
    }

    #[test]
    fn stored_presets_equal_their_generators() {
        assert!(generators::tables_match());
    }

    #[test]
    fn flip_add_delete_and_undo_edit_the_points() {
        let s = state();
        let s = apply(&s, ClassificationAction::Flip(1));
        assert_eq!(s.data.points.labels(), &[false, false, true]);
        assert_eq!(s.selected, Some(1));
        let s = apply(&s, ClassificationAction::Add { x: 3.0, label: false });
        assert_eq!((s.data.points.len(), s.selected), (4, Some(3)));
        let s = apply(&s, ClassificationAction::Delete(0));
        assert_eq!(s.data.points.xs(), &[0.5, 2.0, 3.0]);
        let s = apply(&s, ClassificationAction::Undo);
        let s = apply(&s, ClassificationAction::Undo);
        assert_eq!(s.data.points.xs(), &[-1.0, 0.5, 2.0]);
        assert_eq!(s.data.points.labels(), &[false, false, true], "the flip is still in place");
        let s = apply(&s, ClassificationAction::Undo);
        assert_eq!(s.data.points.labels(), &[false, true, true]);
        assert!(s.apply(ClassificationAction::Undo).unwrap().is_none());
        let s = apply(&s, ClassificationAction::Redo);
        assert_eq!(s.data.points.labels(), &[false, false, true]);
    }

    #[test]
    fn a_double_click_deletes_the_point_as_it_was_before_its_first_click() {
        let s = state();
        // The double-click's first click flips point 2 (label 1 → 0), then it is deleted.
        let s = apply(&s, ClassificationAction::Flip(2));
        let s = apply(&s, ClassificationAction::DeleteDoubleClicked(2));
        assert_eq!(s.data.points.xs(), &[-1.0, 0.5]);
        let s = apply(&s, ClassificationAction::Undo);
        assert_eq!(s.data.points.labels(), &[false, true, true], "back with its own label in one undo");
        assert!(s.apply(ClassificationAction::Undo).unwrap().is_none(), "the flip left no step");
        // Without a flip just before (say the last edit was another point's), a plain delete.
        let s = apply(&state(), ClassificationAction::Flip(0));
        let s = apply(&s, ClassificationAction::DeleteDoubleClicked(2));
        let s = apply(&s, ClassificationAction::Undo);
        assert_eq!(s.data.points.labels(), &[true, true, true]);
    }

    #[test]
    fn drag_moves_along_x_only_is_clamped_and_is_one_undo_step() {
        let s = state();
        let range = s.x_range();
        let s = apply(&s, ClassificationAction::BeginDrag(2));
        let s = apply(&s, ClassificationAction::DragTo(1e9));
        let reach = range.1 + 2.0 * (range.1 - range.0);
        assert_eq!(s.data.points.iter().nth(2), Some((reach, true)), "clamped, label kept");
        assert!(s.x_range().1 > reach && s.x_range().0 == range.0, "the view grows with the point");
        let s = apply(&s, ClassificationAction::DragTo(1.5));
        assert_eq!(s.x_range(), range, "back inside, the frozen range is shown");
        assert!(s.apply(ClassificationAction::DragTo(f64::NAN)).unwrap().is_none());
        let s = apply(&s, ClassificationAction::EndDrag);
        assert_eq!(s.data.points.xs(), &[-1.0, 0.5, 1.5]);
        let s = apply(&s, ClassificationAction::Undo);
        assert_eq!(s.data.points.xs(), &[-1.0, 0.5, 2.0]);
        assert!(!s.history.can_undo(), "the whole drag was one step");
        // A press without movement leaves no undo step.
        let s = apply(&state(), ClassificationAction::BeginDrag(0));
        let s = apply(&s, ClassificationAction::EndDrag);
        assert!(!s.history.can_undo());
    }

    #[test]
    fn bad_or_unchanged_input_is_refused_or_ignored() {
        let s = state();
        assert!(s.apply(ClassificationAction::Pick(BinaryLossKind::Focal)).unwrap().is_none());
        assert!(s.apply(ClassificationAction::SetGamma(-1.0)).is_err());
        assert!(s.apply(ClassificationAction::SetAlpha(Some(1.5))).is_err());
        assert!(s.apply(ClassificationAction::SetL2(f64::INFINITY)).is_err());
        assert!(s.apply(ClassificationAction::Add { x: f64::NAN, label: true }).is_err());
        assert!(s.apply(ClassificationAction::Flip(9)).unwrap().is_none());
        assert!(s.apply(ClassificationAction::Delete(9)).unwrap().is_none());
        assert!(s.apply(ClassificationAction::DragTo(0.0)).unwrap().is_none());
        assert!(s.apply(ClassificationAction::SetTrueClass(3)).unwrap().is_none());
        let s = apply(&s, ClassificationAction::SetLogit { class: 2, value: 100.0 });
        assert_eq!(s.softmax.logits[2], LOGIT_LIMIT);
    }

    #[test]
    fn a_classification_hash_round_trips() {
        let mut s = ClassPreset::Imbalanced.dataset();
        s.label = "x".into();
        let s = ClassificationState::new(s);
        let s = apply(&s, ClassificationAction::Pick(BinaryLossKind::Hinge));
        let s = apply(&s, ClassificationAction::SetGamma(0.5));
        let s = apply(&s, ClassificationAction::SetAlpha(Some(0.75)));
        let s = apply(&s, ClassificationAction::SetL2(0.0));
        let mut hash = HashState { mode: Some(losslab_core::io::hash::Mode::Classification), ..HashState::default() };
        s.write_hash(&mut hash);
        let text = format_hash(&hash);
        assert!(text.contains("mode=classification&loss=hinge&gamma=0.5&l2=0&alpha=0.75&pts=1.7,0;"), "{text}");
        let mut errors = Vec::new();
        let restored =
            ClassificationState::new(default_set()).with_hash(&parse_hash(&text), "from the link", &mut errors);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(restored.data.points, s.data.points);
        assert_eq!((restored.picked, restored.focal, restored.l2), (s.picked, s.focal, s.l2));
        // Without α the link says so, and that too round-trips.
        let s = apply(&s, ClassificationAction::SetAlpha(None));
        s.write_hash(&mut hash);
        let restored = ClassificationState::new(default_set()).with_hash(
            &parse_hash(&format_hash(&hash)),
            "from the link",
            &mut errors,
        );
        assert_eq!(restored.focal.alpha(), None);
        // A label other than 0/1 refuses the points and says why.
        let bad = parse_hash("#mode=classification&pts=0,1;1,2&gamma=1");
        assert!(bad.errors.iter().any(|e| e.contains("pts")), "{:?}", bad.errors);
        let mut errors = Vec::new();
        let kept = state().with_hash(&bad, "from the link", &mut errors);
        assert_eq!(kept.data.points, state().data.points);
        assert_eq!(kept.focal.gamma(), 1.0);
        // Without a mode the parser cannot check labels; the lab refuses them itself.
        let unchecked = parse_hash("#pts=0,1;1,2&loss=mse");
        let kept = state().with_hash(&unchecked, "from the link", &mut errors);
        assert_eq!(kept.data.points, state().data.points);
        assert!(errors.iter().any(|e| e.contains("pts")) && errors.iter().any(|e| e.contains("loss")), "{errors:?}");
    }

    fn boundary(points: &LabeledPoints, kind: BinaryLossKind, s: &ClassificationState) -> f64 {
        let fit = fit_binary(points, kind.with(s.focal), s.l2, None).expect("a fit");
        decision_boundary(fit.line).expect("a boundary")
    }

    #[test]
    fn presets_are_deterministic_and_show_their_lesson() {
        for preset in ClassPreset::ALL {
            assert_eq!(preset.dataset(), preset.dataset());
            assert!(preset.dataset().points.len() >= 20, "{preset:?}");
            // No point hides under a twin: the plot shows as many points as the count says.
            let pairs: Vec<(f64, bool)> = preset.dataset().points.iter().collect();
            for (i, p) in pairs.iter().enumerate() {
                assert!(!pairs[..i].contains(p), "{preset:?}: {p:?} twice");
            }
        }
        // Balanced: every loss gets every point right, and without a penalty no best line exists.
        let s = ClassificationState::new(ClassPreset::Balanced.dataset());
        for kind in BinaryLossKind::ALL {
            let fit = fit_binary(&s.data.points, kind.with(s.focal), s.l2, None).expect("a fit");
            let accuracy = losslab_core::numerics::classification::accuracy(&s.data.points, fit.line);
            assert_eq!(accuracy, Some(1.0), "{kind:?}");
        }
        let separable = fit_binary(&s.data.points, BinaryLoss::Bce, L2Penalty::NONE, None);
        assert!(matches!(separable, Err(FitError::Separable { .. })), "{separable:?}");

        // Overlapping: fits exist even without a penalty, and none classifies every point.
        let s = ClassificationState::new(ClassPreset::Overlap.dataset());
        for kind in BinaryLossKind::ALL {
            let fit = fit_binary(&s.data.points, kind.with(s.focal), L2Penalty::NONE, None).expect("a fit");
            let accuracy = losslab_core::numerics::classification::accuracy(&s.data.points, fit.line).unwrap_or(1.0);
            assert!(accuracy < 1.0 && accuracy > 0.6, "{kind:?}: {accuracy}");
        }

        // Imbalanced: at the lab's defaults BCE's boundary lies closer to the three positives
        // (on the right) than focal loss's, by a visible margin, and it passes the positive at
        // x = 2 that focal loss keeps on the right side.
        let s = ClassificationState::new(ClassPreset::Imbalanced.dataset());
        assert_eq!((s.data.points.len(), s.data.points.positives()), (33, 3));
        let mean = |positive: bool| {
            let xs: Vec<f64> = s.data.points.iter().filter(|p| p.1 == positive).map(|p| p.0).collect();
            xs.iter().sum::<f64>() / xs.len() as f64
        };
        // +1 when the minority (label 1) lies to the right of the majority.
        let toward_minority = (mean(true) - mean(false)).signum();
        let bce = boundary(&s.data.points, BinaryLossKind::Bce, &s);
        let focal = boundary(&s.data.points, BinaryLossKind::Focal, &s);
        assert!(toward_minority * (bce - focal) > 0.05, "bce {bce}, focal {focal}");
        assert!(focal < 2.0 && bce > 2.0, "bce {bce}, focal {focal}");
        // The same holds without a penalty, so it is the loss, not λ, that moves the boundary.
        let s0 = apply(&s, ClassificationAction::SetL2(0.0));
        let (bce0, focal0) = (
            boundary(&s0.data.points, BinaryLossKind::Bce, &s0),
            boundary(&s0.data.points, BinaryLossKind::Focal, &s0),
        );
        assert!(toward_minority * (bce0 - focal0) > 0.0, "λ = 0: bce {bce0}, focal {focal0}");
    }
}
