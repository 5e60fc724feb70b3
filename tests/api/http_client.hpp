#pragma once
// Test clients for the API server: a Beast HTTP/1.1 client (one connection per Client, kept alive
// between requests) and a raw exchange for requests no well-behaved client would send.

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace carewatch::api::testing {

struct Reply {
  unsigned status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // names lowercased
  std::string header(const std::string& lowercase_name) const {
    auto it = headers.find(lowercase_name);
    return it == headers.end() ? std::string() : it->second;
  }
};

using Headers = std::vector<std::pair<std::string, std::string>>;

class Client {
 public:
  explicit Client(std::uint16_t port);
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // Sends one request on this client's connection. `token` non-empty adds "Authorization: Bearer".
  // Throws boost::system::system_error when the connection fails.
  Reply send(const std::string& method, const std::string& target, const std::string& token = "",
             const std::string& body = "", const Headers& headers = {});

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// One request on a fresh connection.
Reply request(std::uint16_t port, const std::string& method, const std::string& target,
              const std::string& token = "", const std::string& body = "", const Headers& headers = {});

// Writes `bytes` as they are, then reads until the server closes (at most 20 s). Returns everything
// read.
std::string raw_exchange(std::uint16_t port, const std::string& bytes);

// The status code of a raw HTTP response ("HTTP/1.1 400 Bad Request" -> 400); 0 if none.
unsigned status_of(const std::string& raw_response);

}  // namespace carewatch::api::testing
