#pragma once
#include <string>

namespace kindling::net {

// One TLS rule for the whole project: TLS is on when asked for (Enabled); when not mentioned
// (Auto) it is on exactly when credentials are given, as the reference document says; switching it
// off with credentials (Disabled) is an explicit choice. When on, the peer is verified by default.
// Never a silent plaintext fallback.
enum class TlsMode { Auto, Enabled, Disabled };

struct TlsOptions {
    TlsMode mode = TlsMode::Auto;
    std::string ca_file;        // PEM; empty: the system trust store
    std::string cert_file;      // PEM client certificate (for servers with client auth)
    std::string key_file;       // PEM private key
    std::string key_password;   // for an encrypted key
    bool verify_peer = true;    // turning it off is explicit
    bool verify_hostname = true;
    std::string min_version;    // "TLSv1.2" (default when empty) or "TLSv1.3"
    std::string ciphers;        // OpenSSL cipher list; empty: OpenSSL defaults
};

// Whether TLS is on for these options and credentials (the one rule above).
inline bool tls_enabled(const TlsOptions& tls, bool has_credentials) noexcept {
    switch (tls.mode) {
        case TlsMode::Enabled: return true;
        case TlsMode::Disabled: return false;
        case TlsMode::Auto: return has_credentials;
    }
    return has_credentials;
}

}  // namespace kindling::net
