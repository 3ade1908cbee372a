//! Colours, dash patterns and sizes shared by every chart, for the light and dark themes.
//!
//! Each loss keeps one colour and one dash pattern everywhere (scatter lines, curves, legend),
//! so lines differ by pattern as well as by colour. Line colours have at least 3:1 contrast
//! against the plot background in both themes (WCAG non-text contrast).

use losslab_core::numerics::regression::LossKind;
use plotters::style::RGBColor;

/// A light or dark rendering of the charts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    /// Whether this is the dark palette.
    pub dark: bool,
    /// Plot background.
    pub background: RGBColor,
    /// Axis lines and tick labels.
    pub axis: RGBColor,
    /// Grid lines.
    pub grid: RGBColor,
    /// Data point fill.
    pub point: RGBColor,
    /// Outline of points and the selection ring.
    pub point_outline: RGBColor,
    /// Highlight of the selected point.
    pub selected: RGBColor,
    /// Residual segments.
    pub residual: RGBColor,
}

/// The light palette.
pub const LIGHT: Palette = Palette {
    dark: false,
    background: RGBColor(255, 255, 255),
    axis: RGBColor(55, 65, 81),
    grid: RGBColor(229, 231, 235),
    point: RGBColor(30, 41, 59),
    point_outline: RGBColor(255, 255, 255),
    selected: RGBColor(234, 88, 12),
    residual: RGBColor(100, 116, 139),
};

/// The dark palette.
pub const DARK: Palette = Palette {
    dark: true,
    background: RGBColor(17, 24, 39),
    axis: RGBColor(209, 213, 219),
    grid: RGBColor(55, 65, 81),
    point: RGBColor(241, 245, 249),
    point_outline: RGBColor(17, 24, 39),
    selected: RGBColor(251, 146, 60),
    residual: RGBColor(148, 163, 184),
};

/// How a loss's line is stroked: solid, or dashes of `dash` pixels separated by `gap`
/// (at device scale 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stroke {
    /// A continuous line.
    Solid,
    /// A dashed line.
    Dashed {
        /// Dash length in CSS pixels.
        dash: u32,
        /// Gap length in CSS pixels.
        gap: u32,
    },
}

/// The colour of a loss in a palette.
pub fn loss_color(kind: LossKind, palette: &Palette) -> RGBColor {
    let (light, dark) = match kind {
        LossKind::Mse => (RGBColor(185, 28, 28), RGBColor(248, 113, 113)),
        LossKind::Mae => (RGBColor(29, 78, 216), RGBColor(96, 165, 250)),
        LossKind::Huber => (RGBColor(4, 120, 87), RGBColor(52, 211, 153)),
        LossKind::LogCosh => (RGBColor(126, 34, 206), RGBColor(192, 132, 252)),
        LossKind::Quantile => (RGBColor(180, 83, 9), RGBColor(251, 191, 36)),
        LossKind::PseudoHuber => (RGBColor(14, 116, 144), RGBColor(34, 211, 238)),
    };
    if palette.dark {
        dark
    } else {
        light
    }
}

/// The CSS colour of a loss, for HTML legends and tables (`#rrggbb`).
pub fn loss_css_color(kind: LossKind, palette: &Palette) -> String {
    let RGBColor(r, g, b) = loss_color(kind, palette);
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// The dash pattern of a loss.
pub fn loss_stroke(kind: LossKind) -> Stroke {
    match kind {
        LossKind::Mse => Stroke::Solid,
        LossKind::Mae => Stroke::Dashed { dash: 10, gap: 5 },
        LossKind::Huber => Stroke::Dashed { dash: 18, gap: 5 },
        LossKind::LogCosh => Stroke::Dashed { dash: 5, gap: 4 },
        LossKind::Quantile => Stroke::Dashed { dash: 2, gap: 4 },
        LossKind::PseudoHuber => Stroke::Dashed { dash: 12, gap: 8 },
    }
}

/// An SVG `stroke-dasharray` value for the loss's pattern (empty for solid), so HTML legends
/// show the same pattern as the charts.
pub fn loss_dasharray(kind: LossKind) -> &'static str {
    match loss_stroke(kind) {
        Stroke::Solid => "",
        Stroke::Dashed { dash: 10, .. } => "10 5",
        Stroke::Dashed { dash: 18, .. } => "18 5",
        Stroke::Dashed { dash: 5, .. } => "5 4",
        Stroke::Dashed { dash: 2, .. } => "2 4",
        Stroke::Dashed { .. } => "12 8",
    }
}

#[cfg(test)]
pub(crate) mod contrast_tests {
    //! WCAG contrast of the page's text colours (static/style.css) and the charts' colours
    //! (this module), in both themes. `charts::tests` uses [`contrast`] and [`blend`] for the
    //! charts' translucent lines and their text.

    use super::*;

    const CSS: &str = include_str!("../static/style.css");

    /// The `--name: #rrggbb` values of the CSS block that starts with `selector`.
    fn variables(selector: &str) -> Vec<(String, RGBColor)> {
        let start = CSS.find(&format!("{selector} {{")).unwrap_or_else(|| panic!("no {selector} block"));
        let block = &CSS[start..start + CSS[start..].find('}').unwrap()];
        block
            .lines()
            .filter_map(|line| {
                let (name, value) = line.trim().strip_prefix("--")?.split_once(':')?;
                let hex = value.trim().trim_end_matches(';').strip_prefix('#')?;
                let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
                Some((name.to_string(), RGBColor(channel(0)?, channel(2)?, channel(4)?)))
            })
            .collect()
    }

    fn get(vars: &[(String, RGBColor)], name: &str) -> RGBColor {
        vars.iter().find(|(n, _)| n == name).map(|&(_, c)| c).unwrap_or_else(|| panic!("--{name} missing"))
    }

    /// An sRGB colour with fractional channels (0–255), e.g. a blend.
    pub(crate) type Rgb = [f64; 3];

    /// `color` at opacity `alpha` over `background`: α·colour + (1 − α)·background.
    pub(crate) fn blend(color: RGBColor, alpha: f64, background: RGBColor) -> Rgb {
        let (RGBColor(r, g, b), RGBColor(br, bg, bb)) = (color, background);
        let mix = |c: u8, under: u8| alpha * f64::from(c) + (1.0 - alpha) * f64::from(under);
        [mix(r, br), mix(g, bg), mix(b, bb)]
    }

    /// Relative luminance (WCAG 2.x).
    pub(crate) fn luminance_of([r, g, b]: Rgb) -> f64 {
        let linear = |c: f64| {
            let c = c / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    }

    /// The WCAG contrast ratio of two colours.
    pub(crate) fn contrast_of(a: Rgb, b: Rgb) -> f64 {
        let (la, lb) = (luminance_of(a), luminance_of(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    /// The WCAG contrast ratio of two opaque colours.
    pub(crate) fn contrast(a: RGBColor, b: RGBColor) -> f64 {
        contrast_of(blend(a, 1.0, a), blend(b, 1.0, b))
    }

    #[test]
    fn page_text_meets_aa_in_both_themes() {
        for selector in [":root", ":root[data-theme=\"dark\"]"] {
            let vars = variables(selector);
            let pairs = [
                ("text", "bg"),
                ("text", "surface"),
                ("muted", "bg"),
                ("muted", "surface"),
                ("text", "picked-bg"),
                ("accent-text", "accent"),
                ("error-text", "error-bg"),
                ("info-text", "info-bg"),
            ];
            for (fg, bg) in pairs {
                let ratio = contrast(get(&vars, fg), get(&vars, bg));
                assert!(ratio >= 4.5, "{selector}: --{fg} on --{bg} is {ratio:.2}:1");
            }
            // The focus ring is not text: 3:1 suffices (WCAG 1.4.11).
            let ring = contrast(get(&vars, "focus"), get(&vars, "surface"));
            assert!(ring >= 3.0, "{selector}: focus ring {ring:.2}:1");
            // The α slider while α is off is drawn in --disabled-text: its thumb stays 3:1.
            let thumb = contrast(get(&vars, "disabled-text"), get(&vars, "surface"));
            assert!(thumb >= 3.0, "{selector}: inactive slider {thumb:.2}:1");
        }
    }

    #[test]
    fn the_inactive_slider_is_grey_not_faded() {
        // Opacity would fade its focus ring and thumb too (to 2.2:1 at 0.5).
        let selector = ".slider input[type=\"range\"].inactive {";
        let start = CSS.find(selector).expect("the inactive slider's rule");
        let rule = &CSS[start..start + CSS[start..].find('}').unwrap()];
        assert!(!rule.contains("opacity") && rule.contains("accent-color: var(--disabled-text)"), "{rule}");
    }

    #[test]
    fn chart_lines_and_axes_stand_out_from_the_plot() {
        for palette in [LIGHT, DARK] {
            assert!(contrast(palette.axis, palette.background) >= 4.5, "axis labels are text");
            assert!(contrast(palette.point, palette.background) >= 3.0);
            // The dense look's translucent markers, each alone on the plot.
            let alpha = crate::charts::DENSE_MARKER_OPACITY;
            let markers = [
                palette.point,
                crate::charts::classification::label_color(false, &palette),
                crate::charts::classification::label_color(true, &palette),
            ];
            for marker in markers {
                let ratio = contrast_of(
                    blend(marker, alpha, palette.background),
                    blend(palette.background, 1.0, palette.background),
                );
                assert!(ratio >= 3.0, "{marker:?} at {alpha}: {ratio:.2}:1");
            }
            for kind in LossKind::ALL {
                let ratio = contrast(loss_color(kind, &palette), palette.background);
                assert!(
                    ratio >= 3.0,
                    "{kind:?} in {} theme: {ratio:.2}:1",
                    if palette.dark { "dark" } else { "light" }
                );
            }
        }
    }
}
