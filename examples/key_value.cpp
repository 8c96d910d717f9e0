// "Using Key-Value API": put, get, get_all — a missing key is an empty optional.
#include <iostream>

#include "example_args.hpp"
#include "kindling/kvapi/client.hpp"

int main(int argc, char** argv) try {
    kindling::kvapi::Client client;
    client.connect(endpoints_from(argc, argv));
    auto my_cache = client.get_or_create_cache("my cache");
    my_cache.put(std::string("my key"), 42);
    std::cout << "get('my key') = " << *my_cache.get<int>(std::string("my key")) << '\n';  // 42
    std::cout << "get('non-existent key') has a value: " << std::boolalpha
              << my_cache.get(std::string("non-existent key")).has_value() << '\n';  // false
    auto result = my_cache.get_all<std::string>({"my key", "non-existent key", "other-key"});
    for (const auto& [k, v] : result) std::cout << "get_all: {'" << k << "': " << v.to_string() << "}\n";  // {'my key': 42}
    my_cache.destroy();
} catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << '\n';
    return 1;
}
