//! The progress of an indicator from its baseline towards its target, by Open SDG's progress
//! measure (the `ProgressMeasure.py` module of open-sdg/sdg-build).
//!
//! The method compares the compound annual growth achieved since the baseline with the growth
//! the target needs:
//!
//! - growth from `v0` in year `t0` to `v1` in year `t1`: `(v1 / v0)^(1 / (t1 - t0)) - 1`;
//! - with a target value (the method's "quantitative" case): the progress value is
//!   `sign · direction · observed growth / |growth needed|`, where `direction` is +1 when the
//!   target lies above the baseline and -1 when below, and `sign` is -1 for a negative baseline;
//!   it is classed `substantial` from 0,95, `moderate` from 0,6, `limited` from 0, and
//!   `deterioration` below 0;
//! - with only a direction (a trend word such as „pieaug”, the "qualitative" case): the progress
//!   value is `sign · direction · observed growth`, classed from 0,015, 0,005 and 0;
//! - a value at or beyond the target is `target achieved` whatever the growth;
//! - `not available` when there is no achieved value, no baseline value or year, no year between
//!   the baseline and the value, or the baseline and the value differ in sign.
//!
//! As in sdg-build, a baseline or target of exactly zero is taken as 0,001 (growth from zero is
//! undefined), and an indicator with several breakdowns gets the mean of their scores (each on
//! the method's scale of -5 to 5), `target achieved` only when every breakdown achieved it.
//! One case the original leaves undefined (a division by zero) is settled here: a target equal
//! to the baseline is `target achieved` when the value equals it and `not available` otherwise,
//! since no direction can be read from it. An indicator that states its direction
//! (`direction: rise|fall`) is measured in that direction, as sdg-build's `direction` option
//! does; a target equal to its baseline is then achieved on the right side of it and
//! deterioration on the wrong side.

use serde::Serialize;

/// The progress classes of the method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    TargetAchieved,
    Substantial,
    Moderate,
    Limited,
    Deterioration,
    NotAvailable,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::TargetAchieved,
        Status::Substantial,
        Status::Moderate,
        Status::Limited,
        Status::Deterioration,
        Status::NotAvailable,
    ];

    /// The value in JSON output.
    pub fn key(self) -> &'static str {
        match self {
            Status::TargetAchieved => "target-achieved",
            Status::Substantial => "substantial",
            Status::Moderate => "moderate",
            Status::Limited => "limited",
            Status::Deterioration => "deterioration",
            Status::NotAvailable => "not-available",
        }
    }

    /// The traffic light shown with the status.
    pub fn light(self) -> Light {
        match self {
            Status::TargetAchieved | Status::Substantial => Light::Green,
            Status::Moderate | Status::Limited => Light::Yellow,
            Status::Deterioration => Light::Red,
            Status::NotAvailable => Light::Grey,
        }
    }
}

/// A traffic light.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Light {
    Green,
    Yellow,
    Red,
    Grey,
}

impl Light {
    pub fn key(self) -> &'static str {
        match self {
            Light::Green => "green",
            Light::Yellow => "yellow",
            Light::Red => "red",
            Light::Grey => "grey",
        }
    }

    /// A colour for charts and HTML.
    pub fn colour(self) -> &'static str {
        match self {
            Light::Green => "#2e7d32",
            Light::Yellow => "#f9a825",
            Light::Red => "#c62828",
            Light::Grey => "#9e9e9e",
        }
    }

    /// A symbol readable without colour (Markdown, Word).
    pub fn symbol(self) -> &'static str {
        match self {
            Light::Green => "🟢",
            Light::Yellow => "🟡",
            Light::Red => "🔴",
            Light::Grey => "⚪",
        }
    }
}

/// Which way an indicator should move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    Up,
    Down,
}

impl Direction {
    fn factor(self) -> f64 {
        match self {
            Direction::Up => 1.0,
            Direction::Down => -1.0,
        }
    }
}

/// What the indicator is measured against.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Goal {
    /// A target value for a year.
    Value { year: i32, value: f64 },
    /// Only a direction (a trend word).
    Direction(Direction),
}

/// One series: a baseline, the latest achieved value and the goal.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Series {
    pub base_year: i32,
    pub base_value: f64,
    pub year: i32,
    pub value: f64,
    pub goal: Goal,
    /// The direction the indicator states (`direction: rise|fall`); without it, a target's
    /// direction is read from where it lies against the baseline.
    pub direction: Option<Direction>,
}

/// The measure of one series or of a whole indicator.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Outcome {
    pub status: Status,
    /// The progress value (growth ratio, or growth for a direction), when computed.
    pub progress: Option<f64>,
    /// The score on the method's -5..5 scale, when computed.
    pub score: Option<f64>,
}

impl Outcome {
    pub const NOT_AVAILABLE: Outcome = Outcome {
        status: Status::NotAvailable,
        progress: None,
        score: None,
    };
}

/// Compound annual growth from `v0` in `t0` to `v1` in `t1`.
pub fn growth(v1: f64, v0: f64, t1: i32, t0: i32) -> f64 {
    (v1 / v0).powf(1.0 / f64::from(t1 - t0)) - 1.0
}

fn nonzero(v: f64) -> f64 {
    if v == 0.0 { 0.001 } else { v }
}

/// Measures one series.
pub fn measure(s: &Series) -> Outcome {
    let base = nonzero(s.base_value);
    let (direction, target) = match s.goal {
        Goal::Direction(d) => (d, None),
        Goal::Value { year, value } => {
            if value == s.base_value {
                // A target that keeps the baseline: met when the value is on its right side
                // (exactly on it, without a stated direction); moving the other way is
                // deterioration; with no direction stated nothing else can be said.
                let met = match s.direction {
                    Some(Direction::Up) => s.value >= value,
                    Some(Direction::Down) => s.value <= value,
                    None => s.value == value,
                };
                return if met {
                    Outcome {
                        status: Status::TargetAchieved,
                        progress: None,
                        score: Some(5.0),
                    }
                } else if s.direction.is_some() {
                    Outcome {
                        status: Status::Deterioration,
                        progress: None,
                        score: Some(-5.0),
                    }
                } else {
                    Outcome::NOT_AVAILABLE
                };
            }
            let d = s.direction.unwrap_or(if value > s.base_value {
                Direction::Up
            } else {
                Direction::Down
            });
            (d, Some((year, nonzero(value))))
        }
    };
    let achieved = match (direction, target) {
        (Direction::Up, Some((_, t))) => s.value >= t,
        (Direction::Down, Some((_, t))) => s.value <= t,
        _ => false,
    };
    let sign = if base < 0.0 { -1.0 } else { 1.0 };
    let computable =
        !((base > 0.0 && s.value < 0.0) || (base < 0.0 && s.value > 0.0)) && s.year > s.base_year;
    let progress = computable.then(|| {
        let observed = growth(s.value, base, s.year, s.base_year);
        match target {
            Some((ty, tv)) => sign * direction.factor() * observed / growth(tv, base, ty, s.base_year).abs(),
            None => sign * direction.factor() * observed,
        }
    });
    let progress = progress.filter(|p| p.is_finite());
    if achieved {
        return Outcome {
            status: Status::TargetAchieved,
            progress,
            score: Some(5.0),
        };
    }
    let Some(p) = progress else {
        return Outcome::NOT_AVAILABLE;
    };
    let (high, med) = if target.is_some() {
        (0.95, 0.6)
    } else {
        (0.015, 0.005)
    };
    let status = if p >= high {
        Status::Substantial
    } else if p >= med {
        Status::Moderate
    } else if p >= 0.0 {
        Status::Limited
    } else {
        Status::Deterioration
    };
    Outcome {
        status,
        progress: Some(p),
        score: Some(score(p, target.is_some())),
    }
}

/// The method's score of a progress value (its piecewise-linear scale, default thresholds).
fn score(p: f64, with_target: bool) -> f64 {
    if with_target {
        if p >= 0.6 {
            (7.1429 * p - 4.2857).min(5.0)
        } else {
            (4.1667 * p - 2.5).max(-5.0)
        }
    } else if p < 0.0 {
        (125.0 * p - 2.5).max(-5.0)
    } else if p >= 0.015 {
        (500.0 * p - 5.0).min(5.0)
    } else if p >= 0.005 {
        250.0 * p - 1.25
    } else {
        500.0 * p - 2.5
    }
}

/// Combines the measures of an indicator's breakdowns: the mean score, classed on the score
/// scale; `target achieved` only when every breakdown achieved its target.
pub fn aggregate(parts: &[Outcome]) -> Outcome {
    let scores: Vec<f64> = parts.iter().filter_map(|o| o.score).collect();
    if scores.is_empty() {
        return Outcome::NOT_AVAILABLE;
    }
    if parts.len() == 1 {
        return parts[0];
    }
    let mean = scores.iter().sum::<f64>() / scores.len() as f64;
    let all_achieved = parts
        .iter()
        .filter(|o| o.score.is_some())
        .all(|o| o.status == Status::TargetAchieved);
    let status = if all_achieved {
        Status::TargetAchieved
    } else if mean >= 2.5 {
        Status::Substantial
    } else if mean >= 0.0 {
        Status::Moderate
    } else if mean >= -2.5 {
        Status::Limited
    } else {
        Status::Deterioration
    };
    Outcome {
        status,
        progress: None,
        score: Some(mean),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series(base: f64, value: f64, year: i32, target: f64) -> Series {
        Series {
            base_year: 2024,
            base_value: base,
            year,
            value,
            goal: Goal::Value {
                year: 2028,
                value: target,
            },
            direction: None,
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn growth_is_compound_annual() {
        // 100 -> 121 in two years: 10 % a year.
        assert!(close(growth(121.0, 100.0, 2026, 2024), 0.1));
        // 100 -> 81 in two years: -10 % a year.
        assert!(close(growth(81.0, 100.0, 2026, 2024), -0.1));
    }

    #[test]
    fn rising_indicator_classes() {
        // Target 100 -> 146,41 in 4 years needs 10 % a year. 121 after two years is 10 %: ratio 1.
        let o = measure(&series(100.0, 121.0, 2026, 146.41));
        assert_eq!(o.status, Status::Substantial);
        assert!(close(o.progress.unwrap(), 1.0), "{o:?}");
        // 110,25 after two years is 5 % a year: ratio 0,5, limited.
        let o = measure(&series(100.0, 110.25, 2026, 146.41));
        assert_eq!(o.status, Status::Limited);
        assert!(close(o.progress.unwrap(), 0.5), "{o:?}");
        // 114,49 after two years is 7 %: ratio 0,7, moderate.
        let o = measure(&series(100.0, 114.49, 2026, 146.41));
        assert_eq!(o.status, Status::Moderate);
        assert!(close(o.progress.unwrap(), 0.7), "{o:?}");
        // Falling while it should rise: deterioration.
        let o = measure(&series(100.0, 90.0, 2026, 146.41));
        assert_eq!(o.status, Status::Deterioration);
        // At the target: achieved, score 5.
        let o = measure(&series(100.0, 150.0, 2026, 146.41));
        assert_eq!(o.status, Status::TargetAchieved);
        assert_eq!(o.score, Some(5.0));
    }

    #[test]
    fn falling_indicator_classes() {
        // 40 -> 30 in 4 years needs (0,75)^(1/4) - 1 = -6,9394 % a year.
        let needed = 0.75f64.powf(0.25) - 1.0;
        // 36 after one year: -10 %, ratio 0,1 / 0,069394 = 1,441: substantial.
        let o = measure(&series(40.0, 36.0, 2025, 30.0));
        assert_eq!(o.status, Status::Substantial);
        assert!(close(o.progress.unwrap(), 0.1 / needed.abs()), "{o:?}");
        // 39 after one year: -2,5 %, ratio 0,360: limited.
        let o = measure(&series(40.0, 39.0, 2025, 30.0));
        assert_eq!(o.status, Status::Limited);
        assert!(close(o.progress.unwrap(), 0.025 / needed.abs()), "{o:?}");
        // Rising while it should fall.
        let o = measure(&series(40.0, 44.0, 2025, 30.0));
        assert_eq!(o.status, Status::Deterioration);
        assert!(close(o.progress.unwrap(), -0.1 / needed.abs()), "{o:?}");
        // Below the target: achieved.
        assert_eq!(
            measure(&series(40.0, 29.0, 2025, 30.0)).status,
            Status::TargetAchieved
        );
    }

    #[test]
    fn scores_follow_the_method_scale() {
        // Ratio 1 -> 7,1429 - 4,2857 = 2,8572; ratio 0,5 -> 4,1667 * 0,5 - 2,5 = -0,41665.
        let o = measure(&series(100.0, 121.0, 2026, 146.41));
        assert!((o.score.unwrap() - 2.8572).abs() < 1e-6, "{o:?}");
        let o = measure(&series(100.0, 110.25, 2026, 146.41));
        assert!((o.score.unwrap() + 0.41665).abs() < 1e-6, "{o:?}");
        // Far below: clamped at -5.
        let o = measure(&series(100.0, 10.0, 2025, 146.41));
        assert_eq!(o.score, Some(-5.0));
    }

    #[test]
    fn direction_only() {
        let s = |value| Series {
            base_year: 2024,
            base_value: 100.0,
            year: 2025,
            value,
            goal: Goal::Direction(Direction::Up),
            direction: None,
        };
        // +2 % in a year: above 0,015, substantial.
        assert_eq!(measure(&s(102.0)).status, Status::Substantial);
        // +1 %: moderate; +0,2 %: limited; -1 %: deterioration.
        assert_eq!(measure(&s(101.0)).status, Status::Moderate);
        assert_eq!(measure(&s(100.2)).status, Status::Limited);
        assert_eq!(measure(&s(99.0)).status, Status::Deterioration);
        // Never "achieved" without a target value.
        assert_eq!(measure(&s(1000.0)).status, Status::Substantial);
    }

    #[test]
    fn not_available_cases() {
        // No year between the baseline and the value.
        assert_eq!(
            measure(&series(100.0, 120.0, 2024, 146.41)).status,
            Status::NotAvailable
        );
        // Baseline and value of different signs.
        assert_eq!(
            measure(&series(10.0, -1.0, 2025, 20.0)).status,
            Status::NotAvailable
        );
        // Target equal to the baseline: achieved only when the value equals it.
        assert_eq!(measure(&series(5.0, 6.0, 2025, 5.0)).status, Status::NotAvailable);
        assert_eq!(
            measure(&series(5.0, 5.0, 2025, 5.0)).status,
            Status::TargetAchieved
        );
    }

    #[test]
    fn a_stated_direction_wins_over_the_target() {
        // Should rise, target (90) under the baseline (92,5): growth needed |(90/92,5)^(1/4) - 1|.
        let rise = |value| Series {
            direction: Some(Direction::Up),
            ..series(92.5, value, 2025, 90.0)
        };
        // 93 is above the target in the stated direction: achieved.
        assert_eq!(measure(&rise(93.0)).status, Status::TargetAchieved);
        // 89: below the target, and falling although it should rise.
        let o = measure(&rise(89.0));
        assert_eq!(o.status, Status::Deterioration);
        let needed = ((90.0f64 / 92.5).powf(0.25) - 1.0).abs();
        assert!(close(o.progress.unwrap(), (89.0 / 92.5 - 1.0) / needed), "{o:?}");
        // A target that keeps the baseline.
        let keep = |value| Series {
            direction: Some(Direction::Down),
            ..series(5.0, value, 2025, 5.0)
        };
        assert_eq!(measure(&keep(4.0)).status, Status::TargetAchieved);
        assert_eq!(measure(&keep(6.0)).status, Status::Deterioration);
    }

    #[test]
    fn zero_baseline_is_taken_as_a_thousandth() {
        // 0 -> 2 with target 4 in 4 years: growth needed (4000)^(1/4) - 1, observed (2000)^(1/2) - 1.
        let o = measure(&series(0.0, 2.0, 2026, 4.0));
        let want = (2000f64.sqrt() - 1.0) / (4000f64.powf(0.25) - 1.0);
        assert!(close(o.progress.unwrap(), want), "{o:?}");
        assert_eq!(o.status, Status::Substantial);
    }

    #[test]
    fn breakdowns_aggregate_by_mean_score() {
        let achieved = measure(&series(100.0, 150.0, 2026, 146.41));
        let limited = measure(&series(100.0, 110.25, 2026, 146.41));
        // (5 + -0,41665) / 2 = 2,29: moderate on the score scale.
        let o = aggregate(&[achieved, limited]);
        assert_eq!(o.status, Status::Moderate);
        assert!((o.score.unwrap() - 2.291675).abs() < 1e-6, "{o:?}");
        assert_eq!(aggregate(&[achieved, achieved]).status, Status::TargetAchieved);
        assert_eq!(aggregate(&[Outcome::NOT_AVAILABLE]).status, Status::NotAvailable);
        assert_eq!(aggregate(&[]).status, Status::NotAvailable);
    }
}
