//! The formulas of every loss and its derivative, in MathML (no math library needed).

use losslab_core::numerics::regression::LossKind;
use yew::prelude::*;

/// Properties of [`Formulas`].
#[derive(Properties, PartialEq)]
pub struct FormulasProps {
    /// The loss to highlight.
    pub picked: LossKind,
}

fn r() -> Html {
    html! { <mi>{ "r" }</mi> }
}

fn row(kind: LossKind, rho: Html, psi: Html, note: &'static str, picked: LossKind) -> Html {
    html! {
        <tr class={classes!((kind == picked).then_some("picked"))} key={kind.id()}>
            <th scope="row">{ kind.label() }</th>
            <td><math display="inline"><mrow><mi>{ "ρ" }</mi><mo>{ "(" }</mo>{ r() }<mo>{ ")" }</mo><mo>{ "=" }</mo>{ rho }</mrow></math></td>
            <td><math display="inline"><mrow><mi>{ "ψ" }</mi><mo>{ "(" }</mo>{ r() }<mo>{ ")" }</mo><mo>{ "=" }</mo>{ psi }</mrow></math></td>
            <td class="formula-note">{ note }</td>
        </tr>
    }
}

/// A table of ρ(r) and ψ(r) = ρ′(r) for each loss.
#[component]
pub fn Formulas(props: &FormulasProps) -> Html {
    let p = props.picked;
    let delta = || html! { <mi>{ "δ" }</mi> };
    let tau = || html! { <mi>{ "τ" }</mi> };
    let abs_r = || html! { <mrow><mo>{ "|" }</mo>{ r() }<mo>{ "|" }</mo></mrow> };
    let r_sq = || html! { <msup>{ r() }<mn>{ "2" }</mn></msup> };
    let rows = vec![
        row(LossKind::Mse, r_sq(), html! { <mrow><mn>{ "2" }</mn>{ r() }</mrow> }, "pull grows with the residual", p),
        row(LossKind::Mae, abs_r(), html! { <mrow><mi>{ "sign" }</mi><mo>{ "(" }</mo>{ r() }<mo>{ ")" }</mo></mrow> }, "every point pulls equally hard", p),
        row(
            LossKind::Huber,
            html! { <mrow><mo>{ "{" }</mo><mtable>
                <mtr><mtd><mfrac><mn>{ "1" }</mn><mn>{ "2" }</mn></mfrac>{ r_sq() }</mtd><mtd><mtext>{ "\u{a0}if\u{a0}" }</mtext>{ abs_r() }<mo>{ "≤" }</mo>{ delta() }</mtd></mtr>
                <mtr><mtd>{ delta() }<mo>{ "(" }</mo>{ abs_r() }<mo>{ "−" }</mo><mfrac><mn>{ "1" }</mn><mn>{ "2" }</mn></mfrac>{ delta() }<mo>{ ")" }</mo></mtd><mtd><mtext>{ "\u{a0}otherwise" }</mtext></mtd></mtr>
            </mtable></mrow> },
            html! { <mrow><mi>{ "clamp" }</mi><mo>{ "(" }</mo>{ r() }<mo>{ "," }</mo><mo>{ "−" }</mo>{ delta() }<mo>{ "," }</mo>{ delta() }<mo>{ ")" }</mo></mrow> },
            "quadratic near 0, linear beyond δ: pull capped at δ",
            p,
        ),
        row(
            LossKind::LogCosh,
            html! { <mrow><mi>{ "ln" }</mi><mspace width="0.25em" /><mi>{ "cosh" }</mi><mspace width="0.2em" />{ r() }</mrow> },
            html! { <mrow><mi>{ "tanh" }</mi><mspace width="0.2em" />{ r() }</mrow> },
            "smooth everywhere, pull capped at 1",
            p,
        ),
        row(
            LossKind::Quantile,
            html! { <mrow><mi>{ "max" }</mi><mo>{ "(" }</mo>{ tau() }{ r() }<mo>{ "," }</mo><mo>{ "(" }</mo>{ tau() }<mo>{ "−" }</mo><mn>{ "1" }</mn><mo>{ ")" }</mo>{ r() }<mo>{ ")" }</mo></mrow> },
            html! { <mrow>{ tau() }<mtext>{ "\u{a0}if\u{a0}" }</mtext>{ r() }<mo>{ ">" }</mo><mn>{ "0" }</mn><mo>{ "," }</mo><mspace width="0.4em" />{ tau() }<mo>{ "−" }</mo><mn>{ "1" }</mn><mtext>{ "\u{a0}if\u{a0}" }</mtext>{ r() }<mo>{ "<" }</mo><mn>{ "0" }</mn></mrow> },
            "asymmetric: under-predictions cost τ, over-predictions 1 − τ",
            p,
        ),
        row(
            LossKind::PseudoHuber,
            html! { <mrow><msup>{ delta() }<mn>{ "2" }</mn></msup><mo>{ "(" }</mo><msqrt><mn>{ "1" }</mn><mo>{ "+" }</mo><msup><mrow><mo>{ "(" }</mo>{ r() }<mo>{ "/" }</mo>{ delta() }<mo>{ ")" }</mo></mrow><mn>{ "2" }</mn></msup></msqrt><mo>{ "−" }</mo><mn>{ "1" }</mn><mo>{ ")" }</mo></mrow> },
            html! { <mfrac>{ r() }<msqrt><mn>{ "1" }</mn><mo>{ "+" }</mo><msup><mrow><mo>{ "(" }</mo>{ r() }<mo>{ "/" }</mo>{ delta() }<mo>{ ")" }</mo></mrow><mn>{ "2" }</mn></msup></msqrt></mfrac> },
            "a smooth Huber",
            p,
        ),
    ];
    html! {
        <section class="panel panel-wide formulas" data-testid="formulas">
            <h2>{ "Formulas" }</h2>
            <p class="caption">
                { "Residual " }
                <math display="inline"><mrow>{ r() }<mo>{ "=" }</mo><mi>{ "y" }</mi><mo>{ "−" }</mo><mo>{ "(" }</mo><mi>{ "w" }</mi><mi>{ "x" }</mi><mo>{ "+" }</mo><mi>{ "b" }</mi><mo>{ ")" }</mo></mrow></math>
                { "; every fit minimises the mean loss " }
                <math display="inline"><mrow><mfrac><mn>{ "1" }</mn><mi>{ "n" }</mi></mfrac><munder><mo>{ "∑" }</mo><mi>{ "i" }</mi></munder><mi>{ "ρ" }</mi><mo>{ "(" }</mo><msub><mi>{ "r" }</mi><mi>{ "i" }</mi></msub><mo>{ ")" }</mo></mrow></math>
                { ". The derivative ψ is each point's pull on the line." }
            </p>
            <div class="table-scroll">
                <table>
                    <thead><tr><th scope="col">{ "loss" }</th><th scope="col">{ "ρ(r)" }</th><th scope="col">{ "ψ(r) = ρ′(r)" }</th><th scope="col">{ "what it means" }</th></tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
        </section>
    }
}
