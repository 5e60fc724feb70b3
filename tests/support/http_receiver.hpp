#pragma once
// HttpReceiver: a real HTTP/1.1 server on 127.0.0.1 for tests of anything that POSTs (webhooks).
// It runs Boost.Beast on its own thread, records every request it reads (method, target, headers,
// body), answers with a scripted status, and can go down (stop listening: clients see "connection
// refused") and come back on the same port.
//
//   test_support::HttpReceiver hook;          // listening on a free port
//   hook.respond_with(503, 2);                // the next two requests get 503, then the default (200)
//   notifier.deliver(message_to(hook.url()));
//   auto requests = hook.requests();
//
// Every response carries "Connection: close" and the server closes the connection after it, so each
// request is a fresh connection and go_down() affects the very next attempt.
//
// Thread-safety: every method may be called from any thread; the server thread never blocks on the
// caller. The destructor stops the server and joins its thread.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace carewatch::test_support {

struct HttpRequest {
  std::string method;                                        // "POST"
  std::string target;                                        // "/hook?x=1"
  std::vector<std::pair<std::string, std::string>> headers;  // in arrival order, names as sent
  std::string body;
  // The status the receiver answered (0 while a slow answer is pending). An answer is counted when
  // it is sent, even if the client has already given up: that is how duplicates arise in real life.
  int answered_with = 0;

  // The first header of that name (case-insensitive), or nullopt.
  std::optional<std::string> header(std::string_view name) const;
};

class HttpReceiver {
 public:
  // Starts listening on 127.0.0.1 on a port the kernel picks. Throws std::runtime_error on failure.
  HttpReceiver();
  ~HttpReceiver();
  HttpReceiver(const HttpReceiver&) = delete;
  HttpReceiver& operator=(const HttpReceiver&) = delete;

  std::uint16_t port() const noexcept { return port_; }
  // "http://127.0.0.1:<port><path>".
  std::string url(std::string_view path = "/hook") const;

  // The status for requests no scripted answer covers (200 unless changed).
  void set_default_status(int status);
  // The next `times` requests are answered with `status`; scripts queue up in call order.
  void respond_with(int status, int times = 1);
  // Waits this long after reading a request before answering (a slow receiver). Zero by default.
  void set_delay(std::chrono::milliseconds delay);

  // Stops listening: new connections are refused. Returns once the port is closed.
  void go_down();
  // Listens again on the same port. Throws std::runtime_error if the port cannot be bound.
  void come_back();

  // Every request read so far, in arrival order.
  std::vector<HttpRequest> requests() const;
  std::size_t request_count() const;
  // Waits until at least `count` requests have been read; false on timeout.
  bool wait_for_requests(std::size_t count, std::chrono::milliseconds timeout) const;
  // How many requests carrying this Idempotency-Key were answered with a 2xx (accepted deliveries),
  // and how many carried it at all.
  std::size_t deliveries(std::string_view idempotency_key) const;
  std::size_t attempts(std::string_view idempotency_key) const;

 private:
  struct Impl;
  friend struct Impl;

  int next_status();
  std::size_t record(HttpRequest request);
  void answered(std::size_t index, int status);

  std::unique_ptr<Impl> impl_;
  std::uint16_t port_ = 0;

  mutable std::mutex mutex_;
  mutable std::condition_variable arrived_;
  std::vector<HttpRequest> requests_;
  std::deque<std::pair<int, int>> script_;  // (status, remaining)
  int default_status_ = 200;
  std::chrono::milliseconds delay_{0};
};

}  // namespace carewatch::test_support
