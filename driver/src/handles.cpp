#include <mutex>
#include <unordered_set>

#include "handles.hpp"

namespace kindling::odbc {

namespace {
std::mutex& registry_mutex() {
    static std::mutex m;
    return m;
}
std::unordered_set<const void*>& registry() {
    static std::unordered_set<const void*> handles;
    return handles;
}
}  // namespace

void register_handle(const void* h) {
    std::lock_guard lock(registry_mutex());
    registry().insert(h);
}

void unregister_handle(const void* h) {
    std::lock_guard lock(registry_mutex());
    registry().erase(h);
}

bool is_live_handle(const void* h) {
    std::lock_guard lock(registry_mutex());
    return registry().count(h) > 0;
}

}  // namespace kindling::odbc
