#pragma once
// Epoch milliseconds (UTC) <-> calendar date and time of day, proleptic Gregorian, for any
// millisecond count (negative ones too). Dates, timestamps and times on the wire are epoch ms.
#include <cstdint>

namespace kindling::protocol {

struct CivilTime {
    int year = 1970;
    unsigned month = 1, day = 1, hour = 0, minute = 0, second = 0, millisecond = 0;
};

CivilTime civil_from_millis(std::int64_t epoch_ms);
std::int64_t millis_from_civil(const CivilTime& t);

}  // namespace kindling::protocol
