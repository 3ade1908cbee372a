//! Tests that need a real browser (run by `cargo test --target wasm32-unknown-unknown` in
//! headless Chromium): drawing on a real canvas, the URL and storage helpers, and the whole app
//! mounted and driven through its DOM.

use crate::batch_canvas::BatchCanvas;
use crate::components::app::App;
use crate::presets::Preset;
use losslab_core::numerics::regression::{fit, LossKind, RegressionLoss};
use plotters::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, Element, HtmlCanvasElement, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn canvas(width: u32, height: u32) -> HtmlCanvasElement {
    let canvas: HtmlCanvasElement = document().create_element("canvas").unwrap().dyn_into().unwrap();
    canvas.set_width(width);
    canvas.set_height(height);
    document().body().unwrap().append_child(&canvas).unwrap();
    canvas
}

fn pixel(canvas: &HtmlCanvasElement, x: f64, y: f64) -> [u8; 4] {
    let ctx: CanvasRenderingContext2d = canvas.get_context("2d").unwrap().unwrap().dyn_into().unwrap();
    let data = ctx.get_image_data(x, y, 1.0, 1.0).unwrap().data();
    [data[0], data[1], data[2], data[3]]
}

#[wasm_bindgen_test]
fn the_allocator_keeps_blocks_apart_through_frees_and_growth() {
    // Vectors of mixed sizes, each filled with its own tag, are freed, grown (reallocated)
    // and replaced at random; any overlap of two blocks would change some vector's contents.
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (state >> 33) as usize
    };
    let mut live: Vec<(u32, Vec<u32>)> = Vec::new();
    for tag in 0..20_000u32 {
        let len = match next() % 10 {
            0 => next() % 40_000,
            1..=3 => next() % 1_000,
            _ => next() % 40,
        };
        live.push((tag, vec![tag; len]));
        let roll = next() % 4;
        if roll == 0 || live.len() > 300 {
            let (tag, block) = live.swap_remove(next() % live.len());
            assert!(block.iter().all(|&x| x == tag), "block {tag} was overwritten");
        } else if roll == 1 {
            let i = next() % live.len();
            let (tag, block) = &mut live[i];
            block.extend(std::iter::repeat(*tag).take(next() % 5_000));
        }
    }
    for (tag, block) in &live {
        assert!(block.iter().all(|x| x == tag), "block {tag} was overwritten");
    }
}

#[wasm_bindgen_test]
fn stored_presets_equal_their_generators_with_the_webassembly_libm() {
    // The presets were generated in the browser before they were stored; `cos`, `tan` and
    // `ln` here are the WebAssembly `libm`, which produced them.
    assert!(crate::presets::generators::tables_match());
    assert!(crate::state::classification::generators::tables_match());
}

#[wasm_bindgen_test]
fn batching_backend_paints_every_primitive_of_a_run() {
    let canvas = canvas(60, 40);
    let root = BatchCanvas::new(&canvas).unwrap().into_drawing_area();
    // Three circles of one style form one run; a rectangle of another colour ends it.
    for x in [10, 30, 50] {
        root.draw(&Circle::new((x, 10), 5, RED.filled())).unwrap();
    }
    root.draw(&Rectangle::new([(0, 30), (60, 40)], BLUE.filled())).unwrap();
    root.draw(&PathElement::new(vec![(0, 20), (60, 20)], GREEN.stroke_width(3))).unwrap();
    root.present().unwrap();
    for x in [10.0, 30.0, 50.0] {
        assert_eq!(pixel(&canvas, x, 10.0), [255, 0, 0, 255], "circle at {x}");
    }
    assert_eq!(pixel(&canvas, 20.0, 10.0)[3], 0, "no line joins the circles");
    assert_eq!(pixel(&canvas, 5.0, 35.0), [0, 0, 255, 255]);
    assert_eq!(pixel(&canvas, 30.0, 20.0), [0, 255, 0, 255]);
    // A stroked rectangle is an outline (filled runs fill their rectangles at once; stroked
    // runs must not).
    let outlined = self::canvas(40, 40);
    let root2 = BatchCanvas::new(&outlined).unwrap().into_drawing_area();
    root2.draw(&Rectangle::new([(5, 5), (35, 35)], BLACK.stroke_width(2))).unwrap();
    root2.draw(&Rectangle::new([(15, 15), (18, 18)], RED.filled())).unwrap();
    root2.draw(&Circle::new((25, 25), 3, RED.filled())).unwrap();
    root2.present().unwrap();
    assert_eq!(pixel(&outlined, 5.0, 20.0)[3], 255, "outline drawn");
    assert_eq!(pixel(&outlined, 10.0, 20.0)[3], 0, "inside of an outline left empty");
    assert_eq!(pixel(&outlined, 16.0, 16.0), [255, 0, 0, 255], "filled rectangle of a mixed run");
    assert_eq!(pixel(&outlined, 25.0, 25.0), [255, 0, 0, 255], "circle of the same run");
    let (w, h) = root.estimate_text_size("Loss", &TextStyle::from(("sans-serif", 20).into_font())).unwrap();
    assert!(w > 20 && h >= 19, "text measured without layout: {w}×{h}");
}

#[wasm_bindgen_test]
fn hash_and_storage_helpers_round_trip_without_history_entries() {
    let history = web_sys::window().unwrap().history().unwrap();
    let before = history.length().unwrap();
    crate::browser::replace_hash("#loss=mae&pts=1,2;3,4");
    assert_eq!(crate::browser::read_hash(), "#loss=mae&pts=1,2;3,4");
    crate::browser::replace_hash("#loss=huber");
    assert_eq!(history.length().unwrap(), before, "replaceState adds no history entry");
    let work = crate::state::SavedWork {
        regression: Some("#loss=quantile&tau=0.3".into()),
        classification: None,
        shown: Some("#mode=classification&loss=hinge".into()),
    };
    crate::browser::save_work(&work, None);
    assert_eq!(crate::browser::load_saved_work(), work);
    // Only the parts that differ from what the page saved before are written: another tab's
    // newer text of a part this page did not change stays.
    let before = crate::state::SavedWork { regression: Some("#loss=mae".into()), ..work.clone() };
    let next =
        crate::state::SavedWork { classification: Some("#mode=classification&loss=bce".into()), ..before.clone() };
    crate::browser::save_work(&next, Some(&before));
    let expected = crate::state::SavedWork { classification: next.classification.clone(), ..work.clone() };
    assert_eq!(crate::browser::load_saved_work(), expected);
}

fn query(root: &Element, testid: &str) -> Element {
    root.query_selector(&format!("[data-testid=\"{testid}\"]")).unwrap().unwrap_or_else(|| panic!("no {testid}"))
}

fn value(root: &Element, testid: &str) -> f64 {
    query(root, testid).get_attribute("data-value").unwrap().parse().unwrap()
}

#[wasm_bindgen_test]
async fn the_app_shows_the_fits_of_the_core_and_follows_a_preset() {
    // A clean start: no link and no saved state.
    crate::browser::replace_hash("#");
    crate::browser::save_work(&crate::state::SavedWork::default(), None);
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;

    assert!(root.query_selector("[data-testid=\"app-ready\"]").unwrap().is_some());
    let outlier = Preset::Outlier.dataset().unwrap();
    assert_eq!(value(&root, "point-count"), outlier.points.len() as f64);
    for (kind, loss) in [(LossKind::Mse, RegressionLoss::Mse), (LossKind::Mae, RegressionLoss::Mae)] {
        let expected = fit(&outlier.points, loss);
        assert_eq!(value(&root, &format!("fit-{}-slope", kind.id())), expected.line.slope);
        assert_eq!(value(&root, &format!("fit-{}-loss", kind.id())), expected.mean_loss);
    }
    // The URL now holds the state.
    assert!(crate::browser::read_hash().contains("pts="), "{}", crate::browser::read_hash());

    // Clicking a preset replaces the points and the fits follow.
    query(&root, "preset-clean").dyn_into::<HtmlElement>().unwrap().click();
    yew::scheduler::flush().await;
    let clean = Preset::Clean.dataset().unwrap();
    assert_eq!(value(&root, "point-count"), clean.points.len() as f64);
    assert_eq!(value(&root, "fit-mse-slope"), fit(&clean.points, RegressionLoss::Mse).line.slope);

    // Picking a loss by its radio button updates the hash.
    query(&root, "pick-mae").dyn_into::<HtmlElement>().unwrap().click();
    yew::scheduler::flush().await;
    assert!(crate::browser::read_hash().contains("loss=mae"), "{}", crate::browser::read_hash());
}
