//! The one date the build takes from outside its content, and the
//! stopwatch the preview's stages are timed by.

use bantin_model::Date;

/// Today in Vietnam (UTC+7): from `SOURCE_DATE_EPOCH` when set (the
/// reproducible-builds convention, so a rebuild of old content decides
/// expiries as it did then), else the system clock; `None` if the clock is
/// before 1970.
pub fn today() -> Option<Date> {
    let seconds = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(text) => text.trim().parse::<u64>().ok()?,
        Err(_) => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_secs(),
    };
    Date::from_days_since_epoch(((seconds + 7 * 3_600) / 86_400) as i64)
}

/// A stopwatch started now: each call prints the time since, after
/// `prefix` and before what was done, when `BANTIN_TIMINGS` is set (how
/// the figures in `docs/performance.md` were taken); else it does nothing.
pub fn laps(prefix: &'static str) -> impl Fn(&str) {
    let on = std::env::var_os("BANTIN_TIMINGS").is_some();
    let started = std::time::Instant::now();
    move |what: &str| {
        if on {
            eprintln!("{prefix}{:>8.3} s  {what}", started.elapsed().as_secs_f64());
        }
    }
}
