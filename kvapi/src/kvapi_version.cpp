#include "kindling/protocol/version.hpp"

namespace kindling::kvapi {
// Anchors the library even before any other translation unit exists.
const char* library_version() noexcept { return kindling::version_string; }
}  // namespace kindling::kvapi
