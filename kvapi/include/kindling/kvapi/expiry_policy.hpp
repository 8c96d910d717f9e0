#pragma once
// How long entries written through a Cache view live (the JCache expiry policy of Ignite):
//
//   using namespace std::chrono_literals;
//   auto session = cache.with_expiry(ExpiryPolicy{.create = 30min, .access = 5min});
//   session.put("token", std::string("abc"));     // gone 30 minutes after creation or 5 after the last read
//
// Each duration is a std::chrono duration, or one of two named constants: ExpiryPolicy::unchanged
// (keep whatever the entry had: the default) and ExpiryPolicy::eternal (never expires). Zero
// expires the entry at once. Any other negative duration is a UsageError when it is used.
// A plain value type: copy it freely, from any thread.
#include <chrono>
#include <compare>

#include "kindling/protocol/cache_header.hpp"
#include "kindling/protocol/errors.hpp"

namespace kindling::kvapi {

struct ExpiryPolicy {
    using Duration = std::chrono::milliseconds;
    static constexpr Duration unchanged{protocol::ExpiryPolicy::unchanged};
    static constexpr Duration eternal{protocol::ExpiryPolicy::eternal};

    Duration create = unchanged;  // after the entry is created
    Duration update = unchanged;  // after it is updated
    Duration access = unchanged;  // after it is read

    bool operator==(const ExpiryPolicy&) const = default;

    // The protocol's form (-2 unchanged, -1 eternal, milliseconds otherwise). Throws UsageError for
    // a negative duration that is neither constant.
    protocol::ExpiryPolicy to_protocol() const {
        return protocol::ExpiryPolicy{millis(create, "create"), millis(update, "update"), millis(access, "access")};
    }
    operator protocol::ExpiryPolicy() const { return to_protocol(); }  // NOLINT: CacheConfiguration::expiry_policy = ...
    static ExpiryPolicy from_protocol(const protocol::ExpiryPolicy& p) {
        return ExpiryPolicy{Duration(p.create_ms), Duration(p.update_ms), Duration(p.access_ms)};
    }

private:
    static std::int64_t millis(Duration d, const char* which) {
        if (d < Duration::zero() && d != unchanged && d != eternal)
            throw UsageError(std::string("ExpiryPolicy::") + which + " is negative (" + std::to_string(d.count()) +
                             " ms): use a duration >= 0, ExpiryPolicy::eternal or ExpiryPolicy::unchanged");
        return d.count();
    }
};

}  // namespace kindling::kvapi
