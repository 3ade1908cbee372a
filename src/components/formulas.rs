//! The formulas of every loss and its derivative, in MathML (no math library needed).
//!
//! The table is static markup, kept as one HTML string: built element by element with `html!`
//! it cost about 18 KB of WebAssembly; as text it costs its length, and compresses well. The
//! picked loss's row is highlighted by CSS through the `data-picked` attribute.

use losslab_core::numerics::regression::LossKind;
use yew::prelude::*;

/// Arguments of [`formulas`].
pub struct FormulasProps {
    /// The loss to highlight.
    pub picked: LossKind,
}

/// The formulas table: ρ(r), ψ(r) = ρ′(r) and what each means.
const TABLE: &str = r#"<p class="caption">Residual <math><mi>r</mi><mo>=</mo><mi>y</mi><mo>−</mo><mo>(</mo><mi>w</mi><mi>x</mi><mo>+</mo><mi>b</mi><mo>)</mo></math>; every fit minimises the mean loss <math><mfrac><mn>1</mn><mi>n</mi></mfrac><munder><mo>∑</mo><mi>i</mi></munder><mi>ρ</mi><mo>(</mo><msub><mi>r</mi><mi>i</mi></msub><mo>)</mo></math>. The derivative ψ is each point's pull on the line.</p>
<div class="table-scroll" role="region" aria-label="Formulas" tabindex="0"><table>
<thead><tr><th scope="col">loss</th><th scope="col">ρ(r)</th><th scope="col">ψ(r) = ρ′(r)</th><th scope="col">what it means</th></tr></thead>
<tbody>
<tr data-loss="mse"><th scope="row">MSE</th><td><math><msup><mi>r</mi><mn>2</mn></msup></math></td><td><math><mn>2</mn><mi>r</mi></math></td><td class="formula-note">the pull grows with the residual: one far point can drag the line</td></tr>
<tr data-loss="mae"><th scope="row">MAE</th><td><math><mo lspace="0" rspace="0">|</mo><mi>r</mi><mo lspace="0" rspace="0">|</mo></math></td><td><math><mi>sign</mi><mo>(</mo><mi>r</mi><mo>)</mo></math></td><td class="formula-note">every point pulls equally hard, however far it is</td></tr>
<tr data-loss="huber"><th scope="row">Huber</th><td><math><mrow><mo class="cases" stretchy="false">{</mo><mtable><mtr><mtd><mfrac><mn>1</mn><mn>2</mn></mfrac><msup><mi>r</mi><mn>2</mn></msup></mtd><mtd><mtext>&nbsp;if&nbsp;</mtext><mo lspace="0" rspace="0">|</mo><mi>r</mi><mo lspace="0" rspace="0">|</mo><mo>≤</mo><mi>δ</mi></mtd></mtr><mtr><mtd><mi>δ</mi><mo>(</mo><mo lspace="0" rspace="0">|</mo><mi>r</mi><mo lspace="0" rspace="0">|</mo><mo>−</mo><mfrac><mn>1</mn><mn>2</mn></mfrac><mi>δ</mi><mo>)</mo></mtd><mtd><mtext>&nbsp;otherwise</mtext></mtd></mtr></mtable></mrow></math></td><td><math><mi>clamp</mi><mo>(</mo><mi>r</mi><mo>,</mo><mo form="prefix">−</mo><mi>δ</mi><mo>,</mo><mi>δ</mi><mo>)</mo></math></td><td class="formula-note">quadratic near 0, linear beyond δ: the pull is capped at δ</td></tr>
<tr data-loss="logcosh"><th scope="row">Log-cosh</th><td><math><mi>ln</mi><mspace width="0.25em"></mspace><mi>cosh</mi><mspace width="0.2em"></mspace><mi>r</mi></math></td><td><math><mi>tanh</mi><mspace width="0.2em"></mspace><mi>r</mi></math></td><td class="formula-note">smooth everywhere; the pull is capped at 1</td></tr>
<tr data-loss="quantile"><th scope="row">Quantile</th><td><math><mi>max</mi><mo>(</mo><mi>τ</mi><mi>r</mi><mo>,</mo><mo>(</mo><mi>τ</mi><mo>−</mo><mn>1</mn><mo>)</mo><mi>r</mi><mo>)</mo></math></td><td><math><mrow><mo class="cases" stretchy="false">{</mo><mtable><mtr><mtd><mi>τ</mi></mtd><mtd><mtext>&nbsp;if&nbsp;</mtext><mi>r</mi><mo>&gt;</mo><mn>0</mn></mtd></mtr><mtr><mtd><mi>τ</mi><mo>−</mo><mn>1</mn></mtd><mtd><mtext>&nbsp;if&nbsp;</mtext><mi>r</mi><mo>&lt;</mo><mn>0</mn></mtd></mtr></mtable></mrow></math></td><td class="formula-note">asymmetric: points above the line pull with τ, points below with 1 − τ</td></tr>
<tr data-loss="pseudohuber"><th scope="row">Pseudo-Huber</th><td><math><msup><mi>δ</mi><mn>2</mn></msup><mo>(</mo><msqrt><mn>1</mn><mo>+</mo><msup><mrow><mo>(</mo><mi>r</mi><mo>/</mo><mi>δ</mi><mo>)</mo></mrow><mn>2</mn></msup></msqrt><mo>−</mo><mn>1</mn><mo>)</mo></math></td><td><math><mfrac><mi>r</mi><msqrt><mn>1</mn><mo>+</mo><msup><mrow><mo>(</mo><mi>r</mi><mo>/</mo><mi>δ</mi><mo>)</mo></mrow><mn>2</mn></msup></msqrt></mfrac></math></td><td class="formula-note">a smooth Huber</td></tr>
</tbody></table></div>"#;

/// A table of ρ(r) and ψ(r) = ρ′(r) for each loss, the picked one highlighted.
///
/// A function, not a component: it is one static HTML string and an attribute, so memoising it as a
/// component would buy nothing (and each component costs about 1.2 KB of WebAssembly in Yew's
/// machinery).
pub fn formulas(props: &FormulasProps) -> Html {
    html! {
        <section class="panel panel-wide formulas" data-testid="formulas" data-picked={props.picked.id()}>
            <h2>{ "Formulas" }</h2>
            { Html::from_html_unchecked(AttrValue::Static(TABLE)) }
        </section>
    }
}
