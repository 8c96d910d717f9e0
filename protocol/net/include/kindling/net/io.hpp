#pragma once
// Bringing your own executor. By default a ClusterClient runs one I/O thread of its own, shared
// by all its connections; this overload runs every connection (each on a strand) and the client's
// timers on `executor` instead, and starts no thread. The executor's context must outlive the
// client and every channel taken from it, and must be run by some thread other than the one that
// calls connect() or any blocking request (they wait for work done on it).
//
//   boost::asio::io_context io;
//   auto guard = boost::asio::make_work_guard(io);
//   std::thread t([&] { io.run(); });
//   auto client = kindling::net::connect(options, io.get_executor());
//
// This header includes Boost.Asio; cluster_client.hpp and the other option headers do not.
#include <boost/asio/any_io_executor.hpp>

#include <memory>

#include "kindling/net/cluster_client.hpp"

namespace kindling::net {

// As ClusterClient::connect(options), on the given executor.
std::shared_ptr<ClusterClient> connect(ClientOptions options, boost::asio::any_io_executor executor);

}  // namespace kindling::net
