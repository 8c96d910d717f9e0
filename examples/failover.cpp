// "Client Failover": the operation that meets a dead node fails with the original connection error;
// the next one goes to a live node. ReconnectError only when no node answers.
#include <iostream>

#include "example_args.hpp"
#include "kindling/kvapi/client.hpp"
#include "kindling/protocol/errors.hpp"

int main(int argc, char** argv) try {
    using namespace kindling::kvapi;
    ClientConfiguration config;
    config.request_timeout = std::chrono::milliseconds(40'000);
    Client client(config);
    client.connect(endpoints_from(argc, argv));  // e.g. "127.0.0.1:10800,127.0.0.1:10801,127.0.0.1:10802"
    CacheConfiguration cfg;
    cfg.name = "my_cache";
    cfg.cache_mode = kindling::kvapi::CacheMode::Replicated;
    auto my_cache = client.get_or_create_cache(cfg);
    my_cache.put("test_key", 0);
    int iterations = argc > 2 ? std::stoi(argv[2]) : 10;
    for (int i = 0; i < iterations; ++i) {
        try {
            auto test_value = *my_cache.get<int>("test_key");
            my_cache.put("test_key", test_value + 1);
        } catch (const kindling::ReconnectError& e) {
            std::cerr << "no node left: " << e.what() << '\n';
            return 1;
        } catch (const kindling::ConnectionError& e) {
            // Recover (repeat the last command, check consistency, or continue).
            std::cout << "Error: " << e.what() << '\n';
        }
    }
    std::cout << "Last value: " << *my_cache.get<int>("test_key") << '\n';
} catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << '\n';
    return 1;
}
