// "Creating a Cache" with properties, and a complex key with an affinity key field (PersonKey).
#include <iostream>

#include "example_args.hpp"
#include "kindling/kvapi/client.hpp"

int main(int argc, char** argv) try {
    using namespace kindling::kvapi;
    Client client;
    client.connect(endpoints_from(argc, argv));
    CacheConfiguration cfg;
    cfg.name = "my_cache";
    cfg.backups = 2;
    cfg.key_configuration = std::vector<kindling::protocol::CacheKeyConfiguration>{{"PersonKey", "companyId"}};
    try { client.get_cache(cfg.name).destroy(); } catch (const kindling::CacheNotFoundError&) {}
    auto my_cache = client.create_cache(cfg);
    auto back = my_cache.configuration();
    std::cout << "created '" << back.name << "' with " << *back.backups << " backups; affinity key of "
              << back.key_configuration->at(0).type_name << " is " << back.key_configuration->at(0).affinity_key_field_name << '\n';
    my_cache.destroy();
} catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << '\n';
    return 1;
}
