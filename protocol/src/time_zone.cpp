#include "kindling/protocol/time_zone.hpp"

#include <algorithm>

#include "kindling/protocol/errors.hpp"

namespace kindling::protocol {

namespace {

struct BigEndian {
    std::span<const std::uint8_t> data;
    std::size_t pos = 0;
    void need(std::size_t n) const {
        if (pos + n > data.size()) throw ProtocolError("truncated time zone data");
    }
    std::int64_t i32() {
        need(4);
        std::uint32_t v = 0;
        for (int i = 0; i < 4; ++i) v = (v << 8) | data[pos++];
        return static_cast<std::int32_t>(v);
    }
    std::int64_t i64() {
        need(8);
        std::uint64_t v = 0;
        for (int i = 0; i < 8; ++i) v = (v << 8) | data[pos++];
        return static_cast<std::int64_t>(v);
    }
    std::uint8_t u8() {
        need(1);
        return data[pos++];
    }
    void skip(std::size_t n) {
        need(n);
        pos += n;
    }
};

struct Counts {
    std::int64_t isut, isstd, leap, time, type, chars;
};

Counts header(BigEndian& in, char& version) {
    in.need(44);
    if (in.data[in.pos] != 'T' || in.data[in.pos + 1] != 'Z' || in.data[in.pos + 2] != 'i' || in.data[in.pos + 3] != 'f')
        throw ProtocolError("not TZif time zone data");
    version = static_cast<char>(in.data[in.pos + 4]);
    in.skip(20);
    Counts c{in.i32(), in.i32(), in.i32(), in.i32(), in.i32(), in.i32()};
    if (c.isut < 0 || c.isstd < 0 || c.leap < 0 || c.time < 0 || c.type <= 0 || c.chars < 0 || c.time > 100000 || c.type > 1000)
        throw ProtocolError("implausible TZif counts");
    return c;
}

}  // namespace

TimeZone TimeZone::parse(std::span<const std::uint8_t> tzif, std::string name) {
    BigEndian in{tzif};
    char version = 0;
    auto c = header(in, version);
    int width = 4;
    if (version >= '2') {
        // Skip the 32-bit block; the 64-bit one after the second header covers all instants.
        in.skip(static_cast<std::size_t>(c.time * 5 + c.type * 6 + c.chars + c.leap * 8 + c.isstd + c.isut));
        c = header(in, version);
        width = 8;
    }
    TimeZone z;
    z.name_ = std::move(name);
    std::vector<std::int64_t> times(static_cast<std::size_t>(c.time));
    for (auto& t : times) t = width == 8 ? in.i64() : in.i32();
    std::vector<std::uint8_t> idx(static_cast<std::size_t>(c.time));
    for (auto& i : idx) i = in.u8();
    std::vector<std::int32_t> type_offsets(static_cast<std::size_t>(c.type));
    for (auto& o : type_offsets) {
        o = static_cast<std::int32_t>(in.i32());
        in.skip(2);  // isdst, abbreviation index
    }
    for (std::size_t i = 0; i < times.size(); ++i) {
        if (idx[i] >= type_offsets.size()) throw ProtocolError("TZif transition names a missing type");
        if (i > 0 && times[i] < times[i - 1]) throw ProtocolError("TZif transitions are not ascending");
        z.transitions_.push_back(times[i]);
        z.offsets_.push_back(type_offsets[idx[i]]);
    }
    z.initial_offset_ = type_offsets[0];
    return z;
}

TimeZone TimeZone::fixed(std::int32_t offset_seconds, std::string name) {
    TimeZone z;
    z.name_ = std::move(name);
    z.initial_offset_ = offset_seconds;
    return z;
}

std::int64_t TimeZone::offset_at(std::int64_t utc_ms) const {
    auto s = utc_ms >= 0 ? utc_ms / 1000 : -((-utc_ms + 999) / 1000);
    auto it = std::upper_bound(transitions_.begin(), transitions_.end(), s);
    if (it == transitions_.begin()) return static_cast<std::int64_t>(initial_offset_) * 1000;
    return static_cast<std::int64_t>(offsets_[static_cast<std::size_t>(it - transitions_.begin() - 1)]) * 1000;
}

std::int64_t TimeZone::to_utc(std::int64_t local_ms) const {
    // Two candidates: the offsets in force just before and after the wall time.
    // Offset changes are rarer than daily, so a day either side gives the offsets around it.
    auto earlier = offset_at(local_ms - 86'400'000);
    auto later = offset_at(local_ms + 86'400'000);
    if (earlier == later) return local_ms - earlier;
    bool fits_earlier = to_local(local_ms - earlier) == local_ms;
    bool fits_later = to_local(local_ms - later) == local_ms;
    if (fits_earlier) return local_ms - earlier;  // overlap: the earlier offset
    if (fits_later) return local_ms - later;
    return local_ms - earlier;  // a gap: the time does not exist; moved forward by the jump
}

bool TimeZone::is_utc() const noexcept {
    return initial_offset_ == 0 && std::all_of(offsets_.begin(), offsets_.end(), [](std::int32_t o) { return o == 0; });
}

}  // namespace kindling::protocol
