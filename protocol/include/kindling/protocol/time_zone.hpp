#pragma once
// A time zone's UTC offsets from its TZif data (RFC 8536, the /usr/share/zoneinfo files), so values
// the server's JVM made in its own zone can be shown as the wall-clock time it meant. Ignite's
// DATE, TIME and TIMESTAMP travel as epoch milliseconds of java.util.Date/java.sql.* objects, which
// a JVM builds from wall-clock values in its default zone.
//
// Limit: instants after the file's last transition use the last offset (the POSIX rule in the
// footer is not evaluated); Debian's "fat" tzdata lists transitions through 2037.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace kindling::protocol {

class TimeZone {
public:
    // Throws ProtocolError on malformed data.
    static TimeZone parse(std::span<const std::uint8_t> tzif, std::string name);
    static TimeZone fixed(std::int32_t offset_seconds, std::string name);

    const std::string& name() const noexcept { return name_; }
    // Offset (ms) to add to an instant to get the zone's wall-clock time.
    std::int64_t offset_at(std::int64_t utc_ms) const;
    // Wall-clock millis (counted as if in UTC) -> instant. In a gap the later offset applies, in an
    // overlap the earlier one (what java.util.Calendar does).
    std::int64_t to_utc(std::int64_t local_ms) const;
    std::int64_t to_local(std::int64_t utc_ms) const { return utc_ms + offset_at(utc_ms); }
    bool is_utc() const noexcept;

private:
    std::string name_;
    std::vector<std::int64_t> transitions_;  // seconds since the epoch, ascending
    std::vector<std::int32_t> offsets_;      // offset in force from transitions_[i] on
    std::int32_t initial_offset_ = 0;        // before the first transition
};

}  // namespace kindling::protocol
