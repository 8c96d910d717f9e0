#include "kindling/protocol/civil_time.hpp"

namespace kindling::protocol {

// Day-count conversions after Howard Hinnant's public-domain "chrono-compatible low-level date
// algorithms" (days_from_civil / civil_from_days).
CivilTime civil_from_millis(std::int64_t ms) {
    std::int64_t days = ms >= 0 ? ms / 86400000 : -((-ms + 86399999) / 86400000);
    std::int64_t rem = ms - days * 86400000;
    std::int64_t z = days + 719468;
    std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    auto doe = static_cast<unsigned>(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    CivilTime t;
    t.day = doy - (153 * mp + 2) / 5 + 1;
    t.month = mp < 10 ? mp + 3 : mp - 9;
    t.year = static_cast<int>(y + (t.month <= 2 ? 1 : 0));
    t.hour = static_cast<unsigned>(rem / 3600000);
    t.minute = static_cast<unsigned>(rem / 60000 % 60);
    t.second = static_cast<unsigned>(rem / 1000 % 60);
    t.millisecond = static_cast<unsigned>(rem % 1000);
    return t;
}

std::int64_t millis_from_civil(const CivilTime& t) {
    int y = t.year - (t.month <= 2 ? 1 : 0);
    std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    auto yoe = static_cast<unsigned>(y - era * 400);
    unsigned doy = (153 * (t.month > 2 ? t.month - 3 : t.month + 9) + 2) / 5 + t.day - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    std::int64_t days = era * 146097 + static_cast<std::int64_t>(doe) - 719468;
    return days * 86400000 + (static_cast<std::int64_t>(t.hour) * 3600 + t.minute * 60 + t.second) * 1000 + t.millisecond;
}

}  // namespace kindling::protocol
