// An outside project: find_package(Kindling) (or pkg-config kindling-kvapi) + kvapi, then a real
// put/get. Usage: consumer [host] [port] [cache name]
#include <cstdlib>
#include <iostream>

#include "kindling/kvapi/client.hpp"

// Boost's headers are in /usr/include on the test machine, so "no Boost" is checked here too: the
// kvapi headers a user includes must not pull any Boost header (all of them include boost/config.hpp).
#if defined(BOOST_CONFIG_HPP) || defined(BOOST_VERSION)
#error "kindling/kvapi/client.hpp includes Boost: kvapi's public headers must not need it"
#endif

int main(int argc, char** argv) try {
    kindling::kvapi::Client client;
    client.connect(argc > 1 ? argv[1] : "127.0.0.1", static_cast<std::uint16_t>(argc > 2 ? std::atoi(argv[2]) : 10800));
    auto cache = client.get_or_create_cache(argc > 3 ? argv[3] : "package_consumer");
    cache.put(1, std::string("from an installed Kindling"));
    auto v = cache.get<std::string>(1);
    std::cout << "get(1) = " << v.value_or("<missing>") << '\n';
    cache.destroy();
    return v == "from an installed Kindling" ? 0 : 1;
} catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << '\n';
    return 1;
}
