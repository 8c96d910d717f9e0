// "Authentication": credentials turn TLS on unless it is switched off explicitly, as the document says.
// Usage: authentication host:port user password [--no-tls]
#include <iostream>

#include "example_args.hpp"
#include "kindling/kvapi/client.hpp"

int main(int argc, char** argv) try {
    if (argc < 4) {
        std::cerr << "usage: authentication host:port user password [--no-tls]\n";
        return 2;
    }
    kindling::kvapi::ClientConfiguration config;
    config.username = argv[2];
    config.password = argv[3];
    if (argc > 4 && std::string(argv[4]) == "--no-tls") config.tls.mode = kindling::kvapi::TlsMode::Disabled;  // use_ssl=False
    kindling::kvapi::Client client(config);
    client.connect(endpoints_from(argc, argv));
    std::cout << "authenticated as " << config.username << "; caches: " << client.cache_names().size() << '\n';
} catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << '\n';
    return 1;
}
