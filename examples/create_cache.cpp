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
    cfg.key_configuration = std::vector<CacheKeyConfiguration>{{"PersonKey", "companyId"}};
    try { client.get_cache(cfg.name).destroy(); } catch (const kindling::CacheNotFoundError&) {}
    auto my_cache = client.create_cache(cfg);
    // The document's PersonKey: a complex key whose companyId decides where it lives.
    auto person_key = client.make_object(
        BinaryObjectBuilder("PersonKey").set("personId", 1).set("companyId", 1).affinity_key_field("companyId"));
    my_cache.put(person_key, std::string("test"));
    std::cout << "get(PersonKey{personId=1, companyId=1}) = " << *my_cache.get<std::string>(person_key) << '\n';
    auto back = my_cache.configuration();
    std::cout << "created '" << back.name << "' with " << *back.backups << " backups; affinity key of "
              << back.key_configuration->at(0).type_name << " is " << back.key_configuration->at(0).affinity_key_field_name << '\n';
    my_cache.destroy();
} catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << '\n';
    return 1;
}
