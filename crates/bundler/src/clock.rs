//! The one date the build takes from outside its content.

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
