// "Transactions": a Transaction rolls back unless committed.
#include <iostream>

#include "example_args.hpp"
#include "kindling/kvapi/client.hpp"

int main(int argc, char** argv) try {
    using namespace kindling::kvapi;
    Client client;
    client.connect(endpoints_from(argc, argv));
    CacheConfiguration cfg;
    cfg.name = "tx_cache";
    cfg.atomicity_mode = kindling::kvapi::CacheAtomicityMode::Transactional;
    auto cache = client.get_or_create_cache(cfg);
    int key = 1;
    {
        auto tx = client.tx_start(TxConcurrency::Pessimistic, TxIsolation::RepeatableRead, std::chrono::milliseconds(2000), "tx-sync");
        cache.put(key, std::string("success"));
        tx.commit();
    }
    std::cout << "committed: " << *cache.get<std::string>(key) << '\n';
    {
        auto tx = client.tx_start();
        cache.put(key, std::string("never seen"));
    }  // no commit: rolled back
    std::cout << "after an uncommitted transaction: " << *cache.get<std::string>(key) << '\n';
    cache.destroy();
} catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << '\n';
    return 1;
}
