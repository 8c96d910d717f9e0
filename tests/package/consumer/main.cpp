// An outside project: find_package(Kindling) + Kindling::kvapi, then a real put/get.
#include <cstdlib>
#include <iostream>

#include "kindling/kvapi/client.hpp"

int main(int argc, char** argv) try {
    kindling::kvapi::Client client;
    client.connect(argc > 1 ? argv[1] : "127.0.0.1", static_cast<std::uint16_t>(argc > 2 ? std::atoi(argv[2]) : 10800));
    auto cache = client.get_or_create_cache("package_consumer");
    cache.put(1, std::string("from an installed Kindling"));
    auto v = cache.get<std::string>(1);
    std::cout << "get(1) = " << v.value_or("<missing>") << '\n';
    cache.destroy();
    return v == "from an installed Kindling" ? 0 : 1;
} catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << '\n';
    return 1;
}
