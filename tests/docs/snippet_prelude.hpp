#pragma once
// What every docs/kvapi.md snippet may assume: the kvapi header, the standard headers it uses and
// the names a reader of the page sees unqualified. Statement snippets run in a function whose
// parameters are the objects the page talks about (client, cache, my_cache, cfg, key).
#include <chrono>
#include <cstdint>
#include <future>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "kindling/kvapi/client.hpp"

using namespace kindling;
using namespace kindling::kvapi;
using namespace std::chrono_literals;

#define KINDLING_DOC_SNIPPET_PARAMETERS                                                                         \
    [[maybe_unused]] Client &client, [[maybe_unused]] Cache &cache, [[maybe_unused]] Cache &my_cache,            \
        [[maybe_unused]] ClientConfiguration &cfg, [[maybe_unused]] const Value &key
