#include "api/server.hpp"

// Beast and Asio come from the precompiled header (see CMakeLists.txt); these includes keep the file
// correct without it.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include <openssl/ssl.h>

#include <functional>
#include <map>
#include <stdexcept>
#include <utility>

namespace carewatch::api {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using boost::system::error_code;

// A configuration value the server cannot use; the message starts with the dotted key.
class KeyError : public std::runtime_error {
 public:
  KeyError(std::string_view key, const std::string& reason) : std::runtime_error(std::string(key) + ": " + reason) {}
};

// How long a TLS close_notify exchange may take before the connection is simply closed.
constexpr std::chrono::seconds kShutdownTimeout{5};

std::shared_ptr<spdlog::logger> quiet_logger() {
  return std::make_shared<spdlog::logger>("api", std::make_shared<spdlog::sinks::null_sink_mt>());
}

std::shared_ptr<ssl::context> make_tls(const config::ApiConfig& cfg) {
  auto ctx = std::make_shared<ssl::context>(ssl::context::tls_server);
  ctx->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                   ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 | ssl::context::single_dh_use);
  error_code ec;
  ctx->use_certificate_chain_file(cfg.tls_cert->string(), ec);
  if (ec) throw KeyError("api.tls_cert", "cannot use " + cfg.tls_cert->string() + ": " + ec.message());
  ctx->use_private_key_file(cfg.tls_key->string(), ssl::context::pem, ec);
  if (ec) throw KeyError("api.tls_key", "cannot use " + cfg.tls_key->string() + ": " + ec.message());
  if (SSL_CTX_check_private_key(ctx->native_handle()) != 1)
    throw KeyError("api.tls_key", cfg.tls_key->string() + " does not match the certificate in " +
                                      cfg.tls_cert->string());
  return ctx;
}

tcp::endpoint endpoint_of(const config::ApiConfig& cfg) {
  error_code ec;
  const auto address = asio::ip::make_address(cfg.listen, ec);
  if (ec) throw KeyError("api.listen", "'" + cfg.listen + "' is not an IP address");
  return {address, cfg.port};
}

// The answer to a request that could not be read, or nullopt when the connection just ended (closed,
// reset, timed out): then there is nobody to answer.
std::optional<Response> reading_error(const error_code& ec) {
  if (ec == http::error::header_limit)
    return Handler::error(431, "headers_too_large", "the request headers exceed max_header_bytes");
  if (ec == http::error::body_limit)
    return Handler::error(413, "body_too_large", "the request body is larger than max_body_bytes");
  if (ec == http::error::end_of_stream || ec == http::error::partial_message) return std::nullopt;
  if (ec.category() == http::make_error_code(http::error::bad_method).category())
    return Handler::error(400, "bad_request", "malformed HTTP request: " + ec.message());
  return std::nullopt;
}

}  // namespace

struct Server::Impl : std::enable_shared_from_this<Impl> {
  Impl(asio::io_context& context, Hooks h, std::shared_ptr<spdlog::logger> l)
      : io(context), hooks(std::move(h)), log(l ? std::move(l) : quiet_logger()) {}

  // --- listening ---

  void listen() {
    const tcp::endpoint ep = endpoint_of(current);
    auto acc = std::make_shared<tcp::acceptor>(io);
    error_code ec;
    acc->open(ep.protocol(), ec);
    if (!ec) acc->set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acc->bind(ep, ec);
    if (!ec) acc->listen(asio::socket_base::max_listen_connections, ec);
    if (ec)
      throw KeyError("api.port", "cannot listen on " + current.listen + ":" + std::to_string(current.port) + ": " +
                                     ec.message());
    close_listener();
    acceptor = acc;
    bound_port = acc->local_endpoint().port();
    listening_on = {current.listen, current.port};
    asio::co_spawn(io, accept_loop(shared_from_this(), acc), asio::detached);
    log->info("api: listening on {}{}{}:{} tls={}", ep.address().is_v6() ? "[" : "", ep.address().to_string(),
              ep.address().is_v6() ? "]" : "", bound_port, tls ? "on" : "off");
  }

  void close_listener() {
    if (!acceptor) return;
    error_code ignored;
    acceptor->close(ignored);
    acceptor.reset();
    bound_port = 0;
  }

  void close_connections() {
    const auto copy = connections;
    for (const auto& [id, close] : copy) close();
  }

  static asio::awaitable<void> accept_loop(std::shared_ptr<Impl> self, std::shared_ptr<tcp::acceptor> acc) {
    for (;;) {
      error_code ec;
      tcp::socket socket = co_await acc->async_accept(asio::redirect_error(asio::use_awaitable, ec));
      if (!acc->is_open() || ec == asio::error::operation_aborted) co_return;
      if (ec) {
        // Out of file descriptors and the like: wait a little rather than spin.
        self->log->warn("api: accept failed: {}", ec.message());
        asio::steady_timer pause(acc->get_executor(), std::chrono::milliseconds(100));
        co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        continue;
      }
      const auto handler = self->handler;
      if (!handler || self->connections.size() >= handler->config().max_connections) {
        self->log->warn("api: connection refused: {} connections open (api.max_connections)",
                        self->connections.size());
        socket.close(ec);
        continue;
      }
      asio::co_spawn(acc->get_executor(), session(self, std::move(socket)), asio::detached);
    }
  }

  // --- connections ---

  // Registers a connection so that stop() can close it; unregisters when the session ends.
  class Registration {
   public:
    Registration(Impl& impl, std::function<void()> close) : impl_(impl), id_(++impl.next_connection) {
      impl_.connections.emplace(id_, std::move(close));
    }
    ~Registration() { impl_.connections.erase(id_); }
    Registration(const Registration&) = delete;
    Registration& operator=(const Registration&) = delete;

   private:
    Impl& impl_;
    std::uint64_t id_;
  };

  static asio::awaitable<void> session(std::shared_ptr<Impl> self, tcp::socket socket) {
    error_code ec;
    const auto peer = socket.remote_endpoint(ec);
    const std::string remote = ec ? std::string("unknown") : peer.address().to_string();
    const std::shared_ptr<ssl::context> tls = self->tls;  // the certificate at accept time
    const auto handler = self->handler;
    if (!handler) co_return;
    const auto timeout = handler->config().request_timeout;
    beast::tcp_stream plain(std::move(socket));
    try {
      if (tls) {
        beast::ssl_stream<beast::tcp_stream> stream(std::move(plain), *tls);
        Registration reg(*self, [&stream] {
          error_code ignored;
          beast::get_lowest_layer(stream).socket().close(ignored);
        });
        beast::get_lowest_layer(stream).expires_after(timeout);
        co_await stream.async_handshake(ssl::stream_base::server, asio::redirect_error(asio::use_awaitable, ec));
        if (ec) {
          self->log->debug("api: TLS handshake with {} failed: {}", remote, ec.message());
          co_return;
        }
        co_await serve(self, stream, remote);
        if (beast::get_lowest_layer(stream).socket().is_open()) {
          beast::get_lowest_layer(stream).expires_after(kShutdownTimeout);
          co_await stream.async_shutdown(asio::redirect_error(asio::use_awaitable, ec));
        }
      } else {
        Registration reg(*self, [&plain] {
          error_code ignored;
          plain.socket().close(ignored);
        });
        co_await serve(self, plain, remote);
        plain.socket().shutdown(tcp::socket::shutdown_send, ec);
      }
    } catch (const std::exception& e) {
      self->log->error("api: connection from {} failed: {}", remote, e.what());
    }
  }

  template <class Stream>
  static asio::awaitable<void> write(Stream& stream, const Response& r, unsigned version, bool keep_alive,
                                     error_code& ec) {
    http::response<http::string_body> res{static_cast<http::status>(r.status), version};
    res.set(http::field::server, "carewatch");
    res.set(http::field::content_type, r.content_type);
    res.set(http::field::cache_control, "no-store");
    for (const auto& [name, value] : r.headers) res.set(name, value);
    res.keep_alive(keep_alive);
    res.body() = r.body;
    res.prepare_payload();
    co_await http::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
  }

  // Reads and answers requests until the client closes, a timeout, an error, or a response that
  // closes the connection.
  template <class Stream>
  static asio::awaitable<void> serve(std::shared_ptr<Impl> self, Stream& stream, const std::string& remote) {
    beast::flat_buffer buffer;
    bool first = true;
    for (;;) {
      // The configuration current at each request: a reload applies to open connections too.
      const std::shared_ptr<Handler> handler = self->handler;
      if (!handler) co_return;
      const config::ApiConfig& cfg = handler->config();
      http::request_parser<http::string_body> parser;
      parser.header_limit(cfg.max_header_bytes);
      // The size is judged after authentication (Handler::admit), then enforced while reading.
      parser.body_limit(boost::none);
      beast::get_lowest_layer(stream).expires_after(first ? cfg.request_timeout : cfg.keep_alive_timeout);
      first = false;
      error_code ec;
      co_await http::async_read_header(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
      if (ec) {
        if (auto r = reading_error(ec)) {
          self->log->debug("api: {}: unreadable request: {}", remote, ec.message());
          co_await write(stream, *r, 11, false, ec);
        }
        co_return;
      }
      beast::get_lowest_layer(stream).expires_after(cfg.request_timeout);
      auto& req = parser.get();
      Request request;
      request.method = std::string(req.method_string());
      request.target = std::string(req.target());
      request.authorization = std::string(req[http::field::authorization]);
      request.remote = remote;
      if (const auto length = parser.content_length()) request.content_length = *length;
      const unsigned version = req.version();
      bool keep_alive = req.keep_alive();

      Admission admission;
      std::optional<Response> answer = handler->admit(request, admission);
      if (!answer && !parser.is_done()) {
        if (beast::iequals(req[http::field::expect], "100-continue")) {
          http::response<http::empty_body> go_on{http::status::continue_, version};
          co_await http::async_write(stream, go_on, asio::redirect_error(asio::use_awaitable, ec));
          if (ec) co_return;
        }
        parser.body_limit(cfg.max_body_bytes);
        co_await http::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
        if (ec) {
          answer = reading_error(ec);
          if (!answer) co_return;
          keep_alive = false;
        }
      }
      if (!answer) {
        request.body = std::move(parser.get().body());
        answer = handler->handle(admission, request);
      } else if (!parser.is_done()) {
        // The unread body would otherwise be taken for the next request.
        keep_alive = false;
      }
      const std::string_view target = request.target;
      self->log->debug("api: {} {} {} -> {}", remote, request.method, target.substr(0, target.find('?')),
                       answer->status);
      co_await write(stream, *answer, version, keep_alive, ec);
      if (ec || !keep_alive) co_return;
    }
  }

  asio::io_context& io;
  Hooks hooks;
  std::shared_ptr<spdlog::logger> log;
  config::ApiConfig current;
  bool configured = false;
  bool running = false;  // start() called and stop() not since
  std::shared_ptr<Handler> handler;
  std::shared_ptr<ssl::context> tls;
  std::shared_ptr<tcp::acceptor> acceptor;
  std::pair<std::string, std::uint16_t> listening_on;
  std::uint16_t bound_port = 0;
  std::map<std::uint64_t, std::function<void()>> connections;
  std::uint64_t next_connection = 0;
};

Server::Server(boost::asio::io_context& io, Hooks hooks, std::shared_ptr<spdlog::logger> log)
    : impl_(std::make_shared<Impl>(io, std::move(hooks), std::move(log))) {}

Server::~Server() {
  stop();
}

Status Server::configure(const config::ApiConfig& cfg, const std::filesystem::path& database) {
  Impl& d = *impl_;
  try {
    if (!cfg.enabled) {
      d.close_listener();
      d.close_connections();
      d.handler.reset();
      d.tls.reset();
      d.current = cfg;
      d.configured = true;
      return Status::ok();
    }
    (void)endpoint_of(cfg);
    std::shared_ptr<ssl::context> tls;
    if (cfg.tls_cert && cfg.tls_key) tls = make_tls(cfg);
    std::shared_ptr<store::Database> db;
    if (d.handler && d.handler->database()->path() == database) {
      db = d.handler->database();
    } else {
      try {
        db = std::make_shared<store::Database>(database);
      } catch (const std::exception& e) {
        throw KeyError("store.database", e.what());
      }
    }
    std::shared_ptr<Handler> handler;
    try {
      handler = std::make_shared<Handler>(cfg, db, d.hooks, d.log);
    } catch (const std::invalid_argument& e) {
      throw KeyError("api.tokens", e.what());
    }
    const config::ApiConfig previous = d.current;
    const bool rebind =
        d.running && (!d.acceptor || d.listening_on != std::pair<std::string, std::uint16_t>{cfg.listen, cfg.port});
    if (rebind) {
      d.current = cfg;
      try {
        d.listen();
      } catch (...) {
        d.current = previous;
        throw;
      }
    }
    d.current = cfg;
    d.tls = std::move(tls);
    d.handler = std::move(handler);
    d.configured = true;
    return Status::ok();
  } catch (const std::exception& e) {
    return Status::error(e.what());
  }
}

Status Server::check(const config::ApiConfig& cfg) {
  if (!cfg.enabled) return Status::ok();
  try {
    (void)endpoint_of(cfg);
    if (cfg.tls_cert && cfg.tls_key) (void)make_tls(cfg);
    return Status::ok();
  } catch (const std::exception& e) {
    return Status::error(e.what());
  }
}

Status Server::start() {
  Impl& d = *impl_;
  if (!d.configured) return Status::error("api: start() before configure()");
  d.running = true;
  if (!d.current.enabled || d.acceptor) return Status::ok();
  try {
    d.listen();
    return Status::ok();
  } catch (const std::exception& e) {
    d.running = false;
    return Status::error(e.what());
  }
}

void Server::stop() {
  Impl& d = *impl_;
  d.running = false;
  d.close_listener();
  d.close_connections();
}

bool Server::started() const noexcept {
  return impl_->acceptor != nullptr;
}

std::uint16_t Server::port() const noexcept {
  return impl_->bound_port;
}

std::size_t Server::connections() const noexcept {
  return impl_->connections.size();
}

void Server::set_logger(std::shared_ptr<spdlog::logger> log) {
  if (log) impl_->log = std::move(log);
}

}  // namespace carewatch::api
