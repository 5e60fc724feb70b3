#include "support/http_receiver.hpp"

#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

namespace carewatch::test_support {
namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;

// Sends one POST and returns the status, or -1 when the connection was refused.
int post(std::uint16_t port, const std::string& key, const std::string& body) {
  asio::io_context io;
  asio::ip::tcp::socket socket(io);
  boost::system::error_code ec;
  socket.connect({asio::ip::make_address("127.0.0.1"), port}, ec);
  if (ec) return -1;
  http::request<http::string_body> request(http::verb::post, "/hook", 11);
  request.set(http::field::host, "127.0.0.1");
  request.set("Idempotency-Key", key);
  request.body() = body;
  request.prepare_payload();
  http::write(socket, request);
  boost::beast::flat_buffer buffer;
  http::response<http::string_body> response;
  http::read(socket, buffer, response);
  return static_cast<int>(response.result_int());
}

// The receiver records method, target, headers and body of what it is sent.
TEST(HttpReceiverTest, RecordsRequests) {
  HttpReceiver receiver;
  ASSERT_EQ(post(receiver.port(), "k1", "{\"a\":1}"), 200);
  const auto requests = receiver.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].target, "/hook");
  EXPECT_EQ(requests[0].header("idempotency-key"), "k1");
  EXPECT_EQ(requests[0].body, "{\"a\":1}");
  EXPECT_EQ(receiver.url(), "http://127.0.0.1:" + std::to_string(receiver.port()) + "/hook");
}

// Scripted answers are used in order and then the default applies; deliveries count only 2xx.
TEST(HttpReceiverTest, AnswersScriptedStatusesThenDefault) {
  HttpReceiver receiver;
  receiver.respond_with(503, 2);
  receiver.respond_with(400);
  EXPECT_EQ(post(receiver.port(), "k", "x"), 503);
  EXPECT_EQ(post(receiver.port(), "k", "x"), 503);
  EXPECT_EQ(post(receiver.port(), "k", "x"), 400);
  EXPECT_EQ(post(receiver.port(), "k", "x"), 200);
  EXPECT_EQ(post(receiver.port(), "k", "x"), 200);
  EXPECT_EQ(receiver.attempts("k"), 5u);
  EXPECT_EQ(receiver.deliveries("k"), 2u);
  EXPECT_EQ(receiver.deliveries("other"), 0u);
}

// A receiver that goes down refuses connections and comes back on the same port.
TEST(HttpReceiverTest, GoesDownAndComesBackOnTheSamePort) {
  HttpReceiver receiver;
  const auto port = receiver.port();
  receiver.go_down();
  EXPECT_EQ(post(port, "k", "x"), -1);
  receiver.come_back();
  EXPECT_EQ(receiver.port(), port);
  EXPECT_EQ(post(port, "k", "x"), 200);
  EXPECT_EQ(receiver.request_count(), 1u);
}

}  // namespace
}  // namespace carewatch::test_support
