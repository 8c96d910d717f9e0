#include "kindling/net/cluster_client.hpp"

#include <mutex>
#include <vector>

#include "kindling/net/channel.hpp"
#include "kindling/protocol/errors.hpp"

namespace kindling::net {

namespace {

struct Target {
    std::string host;
    std::uint16_t port;
    std::string text() const { return host + ":" + std::to_string(port); }
};

std::vector<Target> expand(const std::vector<Endpoint>& endpoints) {
    std::vector<Target> out;
    for (const auto& e : endpoints) {
        auto last = e.last_port ? e.last_port : e.port;
        for (unsigned p = e.port; p <= last; ++p) out.push_back({e.host, static_cast<std::uint16_t>(p)});
    }
    return out;
}

// Failover as the reference document describes it: the operation that meets a broken connection
// fails with that connection's error; the next operation goes to the next live node, and only when
// no node answers does the caller get a ReconnectError.
class ClusterClientImpl final : public ClusterClient {
public:
    explicit ClusterClientImpl(ClientOptions o) : options_(std::move(o)), targets_(expand(options_.endpoints)) {
        if (targets_.empty()) throw ConnectionError("no endpoint to connect to");
        channels_.resize(targets_.size());
    }

    void start() {
        std::string errors;
        for (std::size_t i = 0; i < targets_.size(); ++i) {
            try {
                channels_[i] = Channel::open(targets_[i].host, targets_[i].port, options_);
                current_ = i;
                break;
            } catch (const AuthenticationError&) {
                throw;  // wrong credentials are wrong on every node
            } catch (const TlsError&) {
                throw;  // so is a TLS misconfiguration
            } catch (const Error& e) {
                errors += std::string(errors.empty() ? "" : "; ") + e.what();
            }
        }
        if (!channels_[current_]) throw ConnectionError("cannot connect to any of the given nodes: " + errors);
        if (options_.partition_awareness) {
            // One connection per known node, so requests can go straight to the primary.
            for (std::size_t i = 0; i < targets_.size(); ++i) {
                if (channels_[i]) continue;
                try {
                    channels_[i] = Channel::open(targets_[i].host, targets_[i].port, options_);
                } catch (const Error&) {
                    // Reconnected on demand later.
                }
            }
        }
    }

    ~ClusterClientImpl() override { close(); }

    Response request(OpCode op, const PayloadWriter& payload, const Route& route) override {
        auto ch = route.channel ? route.channel : pick();
        try {
            return ch->request(op, payload, options_.request_timeout);
        } catch (const ConnectionError&) {
            if (!ch->alive()) mark_dead(ch);
            throw;
        }
    }

    std::future<Response> request_async(OpCode op, PayloadWriter payload, Route route) override {
        auto ch = route.channel ? route.channel : pick();
        return ch->send(op, payload);
    }

    std::shared_ptr<Channel> acquire_channel(const Route& route) override {
        return route.channel ? route.channel : pick();
    }

    const protocol::ProtocolContext& context(const std::shared_ptr<Channel>& channel) const override {
        return channel->context();
    }

    protocol::ProtocolContext default_context() const override {
        std::lock_guard lock(mu_);
        for (const auto& ch : channels_)
            if (ch && ch->alive()) return ch->context();
        return {};
    }

    void close() override {
        std::vector<std::shared_ptr<Channel>> chans;
        {
            std::lock_guard lock(mu_);
            chans.swap(channels_);
            channels_.resize(targets_.size());
            closed_ = true;
        }
        for (auto& c : chans)
            if (c) c->close();
    }

private:
    // The current channel if it is alive, else the next node that accepts a connection.
    std::shared_ptr<Channel> pick() {
        std::lock_guard lock(mu_);
        if (closed_) throw ConnectionError("the client is closed");
        if (channels_[current_] && channels_[current_]->alive()) return channels_[current_];
        std::string errors;
        for (std::size_t step = 0; step < targets_.size(); ++step) {
            auto i = (current_ + step) % targets_.size();
            if (channels_[i] && channels_[i]->alive()) {
                current_ = i;
                return channels_[i];
            }
            try {
                channels_[i] = Channel::open(targets_[i].host, targets_[i].port, options_);
                current_ = i;
                return channels_[i];
            } catch (const AuthenticationError&) {
                throw;
            } catch (const Error& e) {
                errors += std::string(errors.empty() ? "" : "; ") + e.what();
            }
        }
        throw ReconnectError("could not reconnect to any node: " + errors);
    }

    void mark_dead(const std::shared_ptr<Channel>& ch) {
        std::lock_guard lock(mu_);
        for (auto& c : channels_)
            if (c == ch) c.reset();
    }

    ClientOptions options_;
    std::vector<Target> targets_;
    mutable std::mutex mu_;
    std::vector<std::shared_ptr<Channel>> channels_;
    std::size_t current_ = 0;
    bool closed_ = false;
};

}  // namespace

std::shared_ptr<ClusterClient> ClusterClient::connect(ClientOptions options) {
    auto client = std::make_shared<ClusterClientImpl>(std::move(options));
    client->start();
    return client;
}

}  // namespace kindling::net
