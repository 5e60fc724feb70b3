#pragma once
// Server: the HTTP API listener (Boost.Beast, optionally TLS) on the service's io_context. Beast and
// Asio stay out of this header; the service passes its io_context by reference.
//
//   api::Server server(io, hooks, log);
//   Status st = server.configure(cfg.api, cfg.store.database);  // validates, loads TLS files, opens
//                                                                // the API's store connection
//   st = server.start();   // binds and accepts (from Service::run())
//   ...                    // SIGHUP: configure() again; rebinds only if address, port or TLS changed
//   server.stop();         // closes the listener and every connection
//
// Connections run as coroutines on the io_context; each request is handled on the loop thread
// (handler.hpp), so requests and the engine's passes never run at the same time.
//
// Lifetime: connections keep the server's shared state alive, so destroying the Server while the
// io_context still holds connection handlers is safe (they see closed sockets, or are destroyed with
// the io_context without running).
//
// Thread-safety: every method must be called on the loop thread (or while the loop is not running).

#include <cstdint>
#include <filesystem>
#include <memory>

#include <carewatch/sdk/status.hpp>

#include "api/handler.hpp"
#include "config/config.hpp"

namespace boost::asio {
class io_context;
}

namespace spdlog {
class logger;
}

namespace carewatch::api {

using sdk::Status;

class Server {
 public:
  // `log` may be null (nothing logged). `io` must outlive the Server.
  Server(boost::asio::io_context& io, Hooks hooks, std::shared_ptr<spdlog::logger> log);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Applies `cfg`: tokens, limits and TLS certificate (re-read from its files) take effect for the
  // next request; the store connection is reopened when `database` changed. When started and the
  // listen address, port or TLS mode changed, binds the new endpoint before closing the old. Nothing
  // changes on failure; the Status names the key ("api.tls_cert: ..."). Never throws.
  Status configure(const config::ApiConfig& cfg, const std::filesystem::path& database);
  // Validates `cfg` without binding or opening anything that writes: the listen address, and the TLS
  // certificate and key (readable, PEM, matching). For carewatchd --check-config. Never throws.
  static Status check(const config::ApiConfig& cfg);
  // Binds and starts accepting (after a successful configure()). Never throws.
  Status start();
  // Stops accepting and closes every connection. start() may be called again.
  void stop();

  bool started() const noexcept;
  // The port bound (useful with port 0); 0 when not started.
  std::uint16_t port() const noexcept;
  // Connections currently open.
  std::size_t connections() const noexcept;

  void set_logger(std::shared_ptr<spdlog::logger> log);

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace carewatch::api
