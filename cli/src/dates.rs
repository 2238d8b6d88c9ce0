//! Dates without a calendar crate: a time since the epoch as UTC text, and a `--since` or
//! `--window` as a time (civil dates to days and back: Howard Hinnant's algorithms).

use anyhow::Context;

/// Seconds since the epoch, now.
pub(crate) fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// `YYYY-MM-DDTHH:MM:SS+00:00` of a time since the epoch.
pub(crate) fn utc(secs: i64) -> String {
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}+00:00",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// `2024-05-01` (midnight UTC), or a window back from now: `90d`, `12w`, `6m` (30 days), `1y`.
pub(crate) fn since(text: &str, now: i64) -> anyhow::Result<i64> {
    let window =
        |n: &str, days: i64| -> Option<i64> { Some(now - n.parse::<i64>().ok()? * days * 86_400) };
    let t = text.trim();
    let found = match t.char_indices().last() {
        Some((i, 'd')) => window(&t[..i], 1),
        Some((i, 'w')) => window(&t[..i], 7),
        Some((i, 'm')) => window(&t[..i], 30),
        Some((i, 'y')) => window(&t[..i], 365),
        _ => {
            let parts: Vec<i64> = t.split('-').filter_map(|p| p.parse().ok()).collect();
            match parts.as_slice() {
                [y, m, d] => Some(days_from_civil(*y, *m, *d) * 86_400),
                _ => None,
            }
        }
    };
    found
        .with_context(|| format!("--since {t}: a date (2024-05-01) or a window (90d, 12w, 6m, 1y)"))
}

/// Days since the epoch of a civil date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    #[test]
    fn utc_dates() {
        assert_eq!(super::utc(0), "1970-01-01T00:00:00+00:00");
        assert_eq!(super::utc(951_782_400), "2000-02-29T00:00:00+00:00");
        assert_eq!(super::utc(1_796_319_379), "2026-12-03T17:36:19+00:00");
    }

    #[test]
    fn since_takes_dates_and_windows() {
        let now = 1_796_319_379;
        assert_eq!(super::since("2000-02-29", now).unwrap(), 951_782_400);
        assert_eq!(super::since("90d", now).unwrap(), now - 90 * 86_400);
        assert_eq!(super::since("2w", now).unwrap(), now - 14 * 86_400);
        assert!(super::since("soon", now).is_err());
    }
}
