#pragma once
// Cache configuration: every property of the thin-client protocol is a field (the reference
// document's PROP_* table), with the enums user code names, all in kindling::kvapi:
//
//   CacheConfiguration c;
//   c.name = "my_cache";
//   c.cache_mode = CacheMode::Replicated;
//   c.atomicity_mode = CacheAtomicityMode::Transactional;
//   c.expiry_policy = ExpiryPolicy{.create = std::chrono::minutes(30)};
//   client.get_or_create_cache(c);
//
// Unset (std::nullopt) fields take the server's defaults. A plain value type.
#include "kindling/kvapi/expiry_policy.hpp"
#include "kindling/protocol/cache_configuration.hpp"

namespace kindling::kvapi {

using protocol::CacheAtomicityMode;
using protocol::CacheConfiguration;
using protocol::CacheKeyConfiguration;
using protocol::CacheMode;
using protocol::FieldAlias;
using protocol::PartitionLossPolicy;
using protocol::QueryEntity;
using protocol::QueryField;
using protocol::QueryIndex;
using protocol::QueryIndexField;
using protocol::QueryIndexType;
using protocol::RebalanceMode;
using protocol::WriteSynchronizationMode;

}  // namespace kindling::kvapi
