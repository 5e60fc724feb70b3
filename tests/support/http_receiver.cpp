#include "http_receiver.hpp"

#include <algorithm>
#include <cctype>
#include <future>
#include <stdexcept>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

namespace carewatch::test_support {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

std::optional<std::string> HttpRequest::header(std::string_view name) const {
  for (const auto& [key, value] : headers)
    if (iequals(key, name)) return value;
  return std::nullopt;
}

struct HttpReceiver::Impl {
  explicit Impl(HttpReceiver& owner) : owner_(owner), work_(asio::make_work_guard(io_)) {}

  // One connection: read one request, record it, wait the configured delay, answer, close.
  class Session : public std::enable_shared_from_this<Session> {
   public:
    Session(HttpReceiver& owner, tcp::socket socket)
        : owner_(owner), socket_(std::move(socket)), timer_(socket_.get_executor()) {}

    void start() {
      auto self = shared_from_this();
      http::async_read(socket_, buffer_, request_, [self](boost::system::error_code ec, std::size_t) {
        if (ec) return;
        self->on_read();
      });
    }

   private:
    void on_read() {
      HttpRequest recorded;
      recorded.method = std::string(request_.method_string());
      recorded.target = std::string(request_.target());
      for (const auto& field : request_)
        recorded.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
      recorded.body = request_.body();
      status_ = owner_.next_status();
      std::chrono::milliseconds delay;
      {
        std::lock_guard lock(owner_.mutex_);
        delay = owner_.delay_;
      }
      index_ = owner_.record(std::move(recorded));
      timer_.expires_after(delay);
      auto self = shared_from_this();
      timer_.async_wait([self](boost::system::error_code ec) {
        if (ec) return;
        self->answer();
      });
    }

    void answer() {
      response_.version(11);
      response_.result(static_cast<unsigned>(status_));
      response_.set(http::field::content_type, "text/plain");
      response_.set(http::field::connection, "close");
      response_.body() = std::to_string(status_) + "\n";
      response_.prepare_payload();
      // Recorded before the write so a client that has read the answer always finds it counted.
      owner_.answered(index_, status_);
      auto self = shared_from_this();
      http::async_write(socket_, response_, [self](boost::system::error_code, std::size_t) {
        boost::system::error_code ignored;
        self->socket_.shutdown(tcp::socket::shutdown_both, ignored);
        self->socket_.close(ignored);
      });
    }

    HttpReceiver& owner_;
    tcp::socket socket_;
    asio::steady_timer timer_;
    boost::beast::flat_buffer buffer_;
    http::request<http::string_body> request_;
    http::response<http::string_body> response_;
    int status_ = 200;
    std::size_t index_ = 0;
  };

  void listen(std::uint16_t port) {
    acceptor_.emplace(io_);
    const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), port);
    acceptor_->open(endpoint.protocol());
    // The port must be bindable again right after go_down(), while closed connections linger.
    acceptor_->set_option(asio::socket_base::reuse_address(true));
    acceptor_->bind(endpoint);
    acceptor_->listen();
    accept();
  }

  void accept() {
    acceptor_->async_accept([this](boost::system::error_code ec, tcp::socket socket) {
      if (ec) return;  // closed by go_down() or the destructor
      std::make_shared<Session>(owner_, std::move(socket))->start();
      if (acceptor_ && acceptor_->is_open()) accept();
    });
  }

  // Runs `f` on the server thread and waits for it; exceptions travel back to the caller.
  template <typename F>
  void on_server_thread(F f) {
    std::promise<void> done;
    auto result = done.get_future();
    asio::post(io_, [&] {
      try {
        f();
        done.set_value();
      } catch (...) {
        done.set_exception(std::current_exception());
      }
    });
    result.get();
  }

  HttpReceiver& owner_;
  asio::io_context io_;
  asio::executor_work_guard<asio::io_context::executor_type> work_;
  std::optional<tcp::acceptor> acceptor_;
  std::thread thread_;
};

HttpReceiver::HttpReceiver() : impl_(std::make_unique<Impl>(*this)) {
  try {
    impl_->listen(0);
  } catch (const std::exception& e) {
    throw std::runtime_error(std::string("HttpReceiver: cannot listen on 127.0.0.1: ") + e.what());
  }
  port_ = impl_->acceptor_->local_endpoint().port();
  impl_->thread_ = std::thread([this] { impl_->io_.run(); });
}

HttpReceiver::~HttpReceiver() {
  impl_->io_.stop();
  impl_->thread_.join();
}

std::string HttpReceiver::url(std::string_view path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + std::string(path);
}

void HttpReceiver::set_default_status(int status) {
  std::lock_guard lock(mutex_);
  default_status_ = status;
}

void HttpReceiver::respond_with(int status, int times) {
  std::lock_guard lock(mutex_);
  if (times > 0) script_.emplace_back(status, times);
}

void HttpReceiver::set_delay(std::chrono::milliseconds delay) {
  std::lock_guard lock(mutex_);
  delay_ = delay;
}

void HttpReceiver::go_down() {
  impl_->on_server_thread([this] {
    if (impl_->acceptor_) {
      boost::system::error_code ignored;
      impl_->acceptor_->close(ignored);
      impl_->acceptor_.reset();
    }
  });
}

void HttpReceiver::come_back() {
  try {
    impl_->on_server_thread([this] {
      if (!impl_->acceptor_) impl_->listen(port_);
    });
  } catch (const std::exception& e) {
    throw std::runtime_error("HttpReceiver: cannot listen again on port " + std::to_string(port_) + ": " +
                             e.what());
  }
}

std::vector<HttpRequest> HttpReceiver::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

std::size_t HttpReceiver::request_count() const {
  std::lock_guard lock(mutex_);
  return requests_.size();
}

bool HttpReceiver::wait_for_requests(std::size_t count, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  return arrived_.wait_for(lock, timeout, [&] { return requests_.size() >= count; });
}

std::size_t HttpReceiver::deliveries(std::string_view idempotency_key) const {
  std::lock_guard lock(mutex_);
  return static_cast<std::size_t>(
      std::count_if(requests_.begin(), requests_.end(), [&](const HttpRequest& r) {
        return r.answered_with >= 200 && r.answered_with < 300 &&
               r.header("Idempotency-Key") == idempotency_key;
      }));
}

std::size_t HttpReceiver::attempts(std::string_view idempotency_key) const {
  std::lock_guard lock(mutex_);
  return static_cast<std::size_t>(
      std::count_if(requests_.begin(), requests_.end(),
                    [&](const HttpRequest& r) { return r.header("Idempotency-Key") == idempotency_key; }));
}

int HttpReceiver::next_status() {
  std::lock_guard lock(mutex_);
  if (script_.empty()) return default_status_;
  auto& [status, remaining] = script_.front();
  const int answer = status;
  if (--remaining == 0) script_.pop_front();
  return answer;
}

std::size_t HttpReceiver::record(HttpRequest request) {
  std::size_t index = 0;
  {
    std::lock_guard lock(mutex_);
    index = requests_.size();
    requests_.push_back(std::move(request));
  }
  arrived_.notify_all();
  return index;
}

void HttpReceiver::answered(std::size_t index, int status) {
  std::lock_guard lock(mutex_);
  if (index < requests_.size()) requests_[index].answered_with = status;
}

}  // namespace carewatch::test_support
