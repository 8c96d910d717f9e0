#pragma once
// Where the test clusters are. tests/run.sh starts them (tests/cluster-plan.env has the ports) and
// ctest passes the plan to every test as environment variables. A test that needs a cluster and
// does not find it fails loudly: it must never pass without having talked to a server.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include "test_plan.hpp"  // generated: the KEY=VALUE plan of cmake/KindlingTestEnv.cmake

namespace kindling::test {

// Puts the build's test plan into the environment (without overriding what the caller set), so
// the driver manager (ODBCSYSINI, ODBCINI) and child processes see it too.
inline const bool kPlanApplied = [] {
    for (const char* kv : kTestPlan) {
        std::string entry(kv);
        auto eq = entry.find('=');
        ::setenv(entry.substr(0, eq).c_str(), entry.substr(eq + 1).c_str(), 0);
    }
    return true;
}();

inline std::string env_or(const char* name, const char* fallback) {
    const char* v = std::getenv(name);
    return v && *v ? std::string(v) : std::string(fallback);
}

inline std::string required_env(const char* name) {
    const char* v = std::getenv(name);
    if (!v || !*v)
        throw std::runtime_error(std::string("environment variable ") + name +
                                 " is not set: run the suite through ./tests/run.sh (or ctest in its build dir)");
    return v;
}

inline std::string test_host() { return env_or("KINDLING_TEST_HOST", "127.0.0.1"); }
inline std::uint16_t port_from(const char* name) { return static_cast<std::uint16_t>(std::stoi(required_env(name))); }

// The plain multi-node cluster (KINDLING_TEST_NODES nodes from KINDLING_TEST_PORT up).
inline std::uint16_t main_port() { return port_from("KINDLING_TEST_PORT"); }
inline int main_nodes() { return std::stoi(required_env("KINDLING_TEST_NODES")); }
// The one-node cluster with TLS on its client connector (client certificate required).
inline std::uint16_t ssl_port() { return port_from("KINDLING_TEST_SSL_PORT"); }
// The one-node cluster with authentication (user ignite / ignite), no TLS.
inline std::uint16_t auth_port() { return port_from("KINDLING_TEST_AUTH_PORT"); }
// The one-node cluster with the Calcite engine and transaction-aware SQL.
inline std::uint16_t txsql_port() { return port_from("KINDLING_TEST_TXSQL_PORT"); }

// A 3-node cluster that tests kill and restart nodes of (only the failover tests use it).
inline std::uint16_t failover_port() { return port_from("KINDLING_TEST_FAILOVER_PORT"); }

// Held for the whole run of a test that kills or restarts nodes of the failover cluster: ctest runs
// tests in parallel, and two tests breaking the same cluster would see each other's faults.
class FailoverClusterLock {
public:
    FailoverClusterLock() {
        auto path = "/tmp/kindling-failover-" + std::to_string(failover_port()) + ".lock";
        fd_ = ::open(path.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0666);
        if (fd_ >= 0) ::flock(fd_, LOCK_EX);
    }
    ~FailoverClusterLock() {
        if (fd_ >= 0) ::close(fd_);
    }
    FailoverClusterLock(const FailoverClusterLock&) = delete;
    FailoverClusterLock& operator=(const FailoverClusterLock&) = delete;

private:
    int fd_ = -1;
};

// Runs tests/cluster/cluster.sh with the given arguments; returns its exit status.
inline int cluster_sh(const std::string& args) {
    auto cmd = required_env("KINDLING_SOURCE_DIR") + "/tests/cluster/cluster.sh " + args + " >/dev/null 2>&1";
    return std::system(cmd.c_str());
}

// Runs tests/cluster/java-helper.sh (the Java thin client) and returns its standard output.
inline std::string java_helper(const std::string& args) {
    auto cmd = required_env("KINDLING_SOURCE_DIR") + "/tests/cluster/java-helper.sh " + args + " 2>/dev/null";
    std::string out;
    if (FILE* p = ::popen(cmd.c_str(), "r")) {
        char buf[4096];
        while (std::fgets(buf, sizeof buf, p)) out += buf;
        ::pclose(p);
    }
    return out;
}

// PEM files tests/cluster/cluster.sh generated for the cluster at `base_port`.
inline std::string cert_dir(std::uint16_t base_port) {
    return required_env("KINDLING_CLUSTER_STATE") + "/" + std::to_string(base_port) + "/certs";
}

}  // namespace kindling::test
