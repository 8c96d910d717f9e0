// "SSL/TLS": the document's use_ssl / ssl_keyfile / ssl_certfile / ssl_ca_certfile, as TlsOptions.
// Usage: tls host:port ca.pem client.pem client.key
#include <iostream>

#include "example_args.hpp"
#include "kindling/kvapi/client.hpp"

int main(int argc, char** argv) try {
    if (argc < 5) {
        std::cerr << "usage: tls host:port ca.pem client.pem client.key\n";
        return 2;
    }
    kindling::kvapi::ClientConfiguration config;
    config.tls.mode = kindling::kvapi::TlsMode::Enabled;  // use_ssl=True, peer verified (ssl.CERT_REQUIRED)
    config.tls.ca_file = argv[2];
    config.tls.cert_file = argv[3];
    config.tls.key_file = argv[4];
    kindling::kvapi::Client client(config);
    client.connect(endpoints_from(argc, argv));
    auto rows = client.sql("SELECT 'connected over TLS'").all();
    std::cout << rows.at(0).at(0).to_string() << '\n';
} catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << '\n';
    return 1;
}
