//! "From the article": the source article's two scikit-learn examples, recomputed in the
//! browser by the app's own core on the article's data (fetched when the panel opens), with
//! the article's tables of which loss suits which problem and links into the labs.

use super::hooks::{use_effect_with, use_state};
use crate::article_data::{load_breast_cancer, parse_regression, FeatureSplit, REGRESSION_URL};
use crate::format::decimals;
use crate::presets::Preset;
use crate::state::classification::{BinaryLossKind, ClassPreset, ClassificationAction};
use crate::state::regression::{Dataset, RegressionAction};
use crate::state::Action;
use losslab_core::io::hash::Mode;
use losslab_core::numerics::article::{
    classification_example, regression_example, ClassificationExample, RegressionExample,
};
use losslab_core::numerics::points::Points;
use losslab_core::numerics::regression::LossKind;
use std::rc::Rc;
use yew::prelude::*;

/// The test log loss the article prints for its (unconverged) logistic regression.
const ARTICLE_PRINTED_LOG_LOSS: &str = "0.07707";

/// Properties of [`ArticlePanel`].
#[derive(Properties, PartialEq)]
pub struct ArticlePanelProps {
    /// Where actions go.
    pub dispatch: Callback<Action>,
}

/// The regression example: its data (to open it in the lab) and its result.
#[derive(Debug, Clone, PartialEq)]
struct RegressionResult {
    train: Rc<Points>,
    test: Rc<Points>,
    example: RegressionExample,
}

/// Both examples, each computed or with the reason it could not be.
#[derive(Debug, Clone, PartialEq)]
struct Results {
    regression: Result<RegressionResult, String>,
    classification: Result<ClassificationExample, String>,
}

/// Where loading stands.
#[derive(Debug, Clone, PartialEq)]
enum Load {
    Loading,
    Done(Rc<Results>),
}

async fn compute_regression() -> Result<RegressionResult, String> {
    let text = crate::browser::fetch_text(REGRESSION_URL).await?;
    let (train, test) = parse_regression(&text)?;
    let example = regression_example(train.xs(), train.ys(), test.xs(), test.ys()).map_err(|e| e.to_string())?;
    Ok(RegressionResult { train: Rc::new(train), test: Rc::new(test), example })
}

async fn compute_classification() -> Result<ClassificationExample, String> {
    let FeatureSplit { features, train_x, train_y, test_x, test_y } = load_breast_cancer().await?;
    classification_example(&train_x, &train_y, &test_x, &test_y, features).map_err(|e| e.to_string())
}

// The panel's static markup (prose, the two scripts, the two "which loss" tables) is kept as
// HTML text: built element by element with `html!` it cost about 5 KB of WebAssembly. It holds
// no listener: the tables' "try it" buttons are handled by one listener on the panel
// (`on_try`), which reads the clicked button's test id. The text contains no `<` or `&`.

/// The introduction.
const INTRO: &str =
    "<section class=\"panel article-intro\"><h2>From the article</h2><p>LossLab grew from a short explainer on \
choosing a loss function for regression, classification and reinforcement learning. Its starting point: a loss function scores how far a \
model's predictions are from the truth; training searches for the parameters that make it small. Which loss you pick \
decides what \"far\" means, and so what the model learns. The article's two examples are recomputed below by LossLab's \
own code, in your browser, on the article's data.</p></section>";

/// The regression example's heading and script.
const REGRESSION_HEAD: &str =
    "<h2>Example 1: linear regression</h2><pre role=\"region\" tabindex=\"0\" aria-label=\"Example 1 in Python\"><code>\
from sklearn.datasets import make_regression
from sklearn.linear_model import LinearRegression
from sklearn.metrics import mean_squared_error
from sklearn.model_selection import train_test_split

# 100 points on one feature, noise 10; a fifth held out for testing
X, y = make_regression(n_samples=100, n_features=1, noise=10,
                       random_state=42)
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2,
                                          random_state=42)

# least squares: the line with the smallest squared error
model = LinearRegression().fit(X_tr, y_tr)
mse = mean_squared_error(y_te, model.predict(X_te))
print(f\"test MSE: {mse:.4f}\")</code></pre>";

/// The regression example's table of which loss suits which problem.
const REGRESSION_TABLE: &str =
    "<h3>Choosing a regression loss</h3><div class=\"table-scroll\" role=\"region\" aria-label=\"Choosing a regression loss\"><table class=\"article-table\"><thead><tr>\
<th scope=\"col\">situation</th><th scope=\"col\">loss</th><th scope=\"col\">try it</th></tr></thead><tbody>\
<tr><td>the standard choice</td><td>mean squared error (MSE)</td>\
<td><button type=\"button\" data-testid=\"article-try-mse\">Clean line, MSE</button></td></tr>\
<tr><td>outliers should matter less</td><td>mean absolute error (MAE)</td>\
<td><button type=\"button\" data-testid=\"article-try-mae\">One outlier, MAE</button></td></tr>\
<tr><td>a balance of the two</td><td>Huber loss</td>\
<td><button type=\"button\" data-testid=\"article-try-huber\">Heavy-tailed noise, Huber</button></td></tr>\
</tbody></table></div>";

/// The classification example's heading and script.
const CLASSIFICATION_HEAD: &str =
    "<h2>Example 2: logistic regression</h2><pre role=\"region\" tabindex=\"0\" aria-label=\"Example 2 in Python\"><code>\
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss
from sklearn.model_selection import train_test_split

# 569 tumours, 30 features, label 1 = benign
X, y = load_breast_cancer(return_X_y=True)
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2,
                                          random_state=42)

# default objective: mean log loss + ||w||^2 / (2 C n), C = 1,
# solved by lbfgs for at most 1000 iterations
clf = LogisticRegression(max_iter=1000).fit(X_tr, y_tr)
loss = log_loss(y_te, clf.predict_proba(X_te))
print(f\"test log loss: {loss:.5f}\")</code></pre>";

/// The classification example's table of which loss suits which problem.
const CLASSIFICATION_TABLE: &str =
    "<h3>Choosing a classification loss</h3><div class=\"table-scroll\" role=\"region\" aria-label=\"Choosing a classification loss\"><table class=\"article-table\"><thead><tr>\
<th scope=\"col\">situation</th><th scope=\"col\">loss</th><th scope=\"col\">try it</th></tr></thead><tbody>\
<tr><td>two classes</td><td>binary cross-entropy (log loss)</td>\
<td><button type=\"button\" data-testid=\"article-try-bce\">Overlapping, BCE</button></td></tr>\
<tr><td>more than two classes</td><td>categorical cross-entropy</td>\
<td><button type=\"button\" data-testid=\"article-try-cce\">Softmax panel</button></td></tr>\
<tr><td>imbalanced classes</td><td>focal loss</td>\
<td><button type=\"button\" data-testid=\"article-try-focal\">Imbalanced, focal</button></td></tr>\
</tbody></table></div>";

/// The closing section.
const BEYOND: &str = "<section class=\"panel\"><h2>Beyond this app: reinforcement learning</h2><p>Reinforcement \
learning trains on rewards rather than labels, with losses built for the algorithm: a policy-gradient loss nudges up \
the log-probability of actions that led to high reward; a Q-learning loss is the squared gap between a predicted \
action value and its bootstrapped target. LossLab does not cover them.</p><p>The article's advice, in short: pick \
the loss by the kind of problem, by how much outliers or class imbalance should count, and by what you need most from \
training (speed, accuracy or robustness).</p></section>";

fn raw(html: &'static str) -> Html {
    Html::from_html_unchecked(AttrValue::Static(html))
}

/// The "From the article" panel.
#[component]
pub fn ArticlePanel(props: &ArticlePanelProps) -> Html {
    let load = use_state(|| Load::Loading);
    let attempt = use_state(|| 0u32);

    // Fetch and compute when the panel opens, and again on "Try again".
    {
        let load = load.clone();
        use_effect_with(*attempt, move |_| {
            load.set(Load::Loading);
            wasm_bindgen_futures::spawn_local(async move {
                let regression = compute_regression().await;
                let classification = compute_classification().await;
                load.set(Load::Done(Rc::new(Results { regression, classification })));
            });
        });
    }
    let retry = {
        let attempt = attempt.clone();
        Callback::from(move |_: MouseEvent| attempt.set(*attempt + 1))
    };

    let dispatch = props.dispatch.clone();
    let (regression, classification) = match &*load {
        Load::Loading => (loading("regression"), loading("classification")),
        Load::Done(results) => (
            regression_result(&results.regression, &dispatch, &retry),
            classification_result(&results.classification, &retry),
        ),
    };

    // The "try it" buttons live in the static tables; one listener serves them all.
    let on_try = Callback::from(move |event: MouseEvent| {
        let testid = event.target_dyn_into::<web_sys::Element>().and_then(|e| e.get_attribute("data-testid"));
        if let Some(&(_, target)) = testid.and_then(|id| TRY_TARGETS.iter().find(|(t, _)| *t == id)) {
            go(&dispatch, target);
        }
    });

    html! {
        <div class="article-panel" data-testid="article-panel" onclick={on_try}>
            { raw(INTRO) }
            <div class="article-examples">
                <section class="panel article-example" data-testid="article-regression">
                    { raw(REGRESSION_HEAD) }
                    { regression }
                    { raw(REGRESSION_TABLE) }
                </section>
                <section class="panel article-example" data-testid="article-classification">
                    { raw(CLASSIFICATION_HEAD) }
                    { classification }
                    { raw(CLASSIFICATION_TABLE) }
                </section>
            </div>
            { raw(BEYOND) }
        </div>
    }
}

/// Where a "try it" button leads.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Target {
    /// The regression lab with a preset and a picked loss.
    Regression(Preset, LossKind),
    /// The classification lab with a preset and a picked loss.
    Classification(ClassPreset, BinaryLossKind),
    /// The classification lab's softmax panel (the binary lab's loss is left as it was).
    Softmax,
}

/// The "try it" buttons of the tables (by test id) and where each leads.
const TRY_TARGETS: [(&str, Target); 6] = [
    ("article-try-mse", Target::Regression(Preset::Clean, LossKind::Mse)),
    ("article-try-mae", Target::Regression(Preset::Outlier, LossKind::Mae)),
    ("article-try-huber", Target::Regression(Preset::HeavyTails, LossKind::Huber)),
    ("article-try-bce", Target::Classification(ClassPreset::Overlap, BinaryLossKind::Bce)),
    ("article-try-cce", Target::Softmax),
    ("article-try-focal", Target::Classification(ClassPreset::Imbalanced, BinaryLossKind::Focal)),
];

/// Switches to the lab a button leads to, with its data and loss, at the top of the page with
/// the focus on its plot (or, for the softmax button, at the softmax panel, focused).
fn go(dispatch: &Callback<Action>, target: Target) {
    crate::browser::scroll_to_top();
    match target {
        Target::Regression(..) => crate::browser::focus_soon("scatter-canvas", false),
        Target::Classification(..) => crate::browser::focus_soon("classification-canvas", false),
        Target::Softmax => crate::browser::focus_soon("softmax-panel", true),
    }
    match target {
        Target::Regression(preset, loss) => {
            dispatch.emit(Action::SetMode(Mode::Regression));
            if let Some(data) = preset.dataset() {
                dispatch.emit(Action::Regression(RegressionAction::Load(data)));
            }
            dispatch.emit(Action::Regression(RegressionAction::Pick(loss)));
        }
        Target::Classification(preset, loss) => {
            dispatch.emit(Action::SetMode(Mode::Classification));
            dispatch.emit(Action::Classification(ClassificationAction::Load(preset.dataset())));
            dispatch.emit(Action::Classification(ClassificationAction::Pick(loss)));
        }
        // The softmax panel's button leaves the binary lab's loss as it was (it used to pick
        // BCE there, unasked).
        Target::Softmax => dispatch.emit(Action::SetMode(Mode::Classification)),
    }
}

fn loading(what: &str) -> Html {
    html! { <p class="article-loading" role="status" aria-busy="true">{ format!("Loading the article's {what} data and computing…") }</p> }
}

fn failure(message: &str, retry: &Callback<MouseEvent>) -> Html {
    html! {
        <div class="article-error" role="alert" data-testid="article-error">
            <span>{ format!("Could not compute this example: {message}.") }</span>
            <button type="button" onclick={retry.clone()} data-testid="article-retry">{ "Try again" }</button>
        </div>
    }
}

fn regression_result(
    result: &Result<RegressionResult, String>,
    dispatch: &Callback<Action>,
    retry: &Callback<MouseEvent>,
) -> Html {
    let r = match result {
        Ok(r) => r,
        Err(message) => return failure(message, retry),
    };
    let mse = r.example.test_mse;
    let open = {
        let (dispatch, train, test) = (dispatch.clone(), r.train.clone(), r.test.clone());
        Callback::from(move |_: MouseEvent| {
            let data = Dataset {
                points: train.clone(),
                holdout: Some(test.clone()),
                label: crate::article_data::REGRESSION_LABEL.into(),
            };
            // Like the "try it" buttons: the lab's top, the focus on its plot.
            crate::browser::scroll_to_top();
            crate::browser::focus_soon("scatter-canvas", false);
            dispatch.emit(Action::SetMode(Mode::Regression));
            dispatch.emit(Action::Regression(RegressionAction::Load(data)));
            dispatch.emit(Action::Regression(RegressionAction::Pick(LossKind::Mse)));
        })
    };
    html! {
        <div class="article-result">
            <p>
                { format!("Least squares on the {} training points gives slope {} and intercept {}. Test MSE on the {} held-out points: ", r.train.len(), decimals(r.example.line.slope, 4), decimals(r.example.line.intercept, 4), r.test.len()) }
                <b data-testid="seed-regression-test-mse" data-value={mse.to_string()}>{ decimals(mse, 4) }</b>
                { " — the article prints 104.2022." }
            </p>
            <button type="button" onclick={open} data-testid="article-open-regression">{ "Open these points in the regression lab" }</button>
        </div>
    }
}

fn classification_result(result: &Result<ClassificationExample, String>, retry: &Callback<MouseEvent>) -> Html {
    let example = match result {
        Ok(example) => example,
        Err(message) => return failure(message, retry),
    };
    let (loss, accuracy) = (example.test_log_loss, example.test_accuracy);
    let fit = &example.fit;
    html! {
        <div class="article-result">
            <p>
                { "Test log loss: " }
                <b data-testid="seed-classification-test-logloss" data-value={loss.to_string()}>{ decimals(loss, 5) }</b>
                { format!(" · test accuracy: ") }
                <b data-testid="seed-classification-test-accuracy" data-value={accuracy.to_string()}>{ decimals(accuracy, 5) }</b>
                { format!(" ({} of {} test tumours).", example.test_correct, example.test_rows) }
            </p>
            <p class="article-note" data-testid="article-logloss-note">
                { format!("The article prints {ARTICLE_PRINTED_LOG_LOSS}. The difference is not an error on either side: the article's optimiser (lbfgs, max_iter=1000) stopped at its iteration limit before it converged, so it reports a model partway to the optimum. LossLab solves the same objective — mean log loss + ‖w‖²/(2·C·n), C = 1, intercept not penalised — to convergence ") }
                { if fit.converged { format!("({} Newton steps)", fit.iterations) } else { "(best found)".to_string() } }
                { ", and that optimum's test log loss is the number above." }
            </p>
        </div>
    }
}
