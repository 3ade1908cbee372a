use yew::prelude::*;

#[component]
fn App() -> Html {
    html! { <main data-testid="app-ready"><h1>{"LossLab"}</h1></main> }
}

fn main() {
    yew::Renderer::<App>::new().render();
}
