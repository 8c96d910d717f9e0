// "Connecting to Cluster": one node, or several (the first reachable one is used, the others are
// kept for failover and partition-aware routing).
#include <iostream>

#include "example_args.hpp"
#include "kindling/kvapi/client.hpp"

int main(int argc, char** argv) try {
    kindling::kvapi::Client client;
    client.connect(endpoints_from(argc, argv));
    std::cout << "connected; cluster state " << static_cast<int>(client.cluster_state()) << ", "
              << client.cache_names().size() << " caches\n";
} catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << '\n';
    return 1;
}
