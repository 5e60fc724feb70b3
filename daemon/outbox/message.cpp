#include "outbox/message.hpp"

namespace carewatch::outbox {

std::string_view to_string(Channel channel) noexcept {
  switch (channel) {
    case Channel::email:
      return "email";
    case Channel::webhook:
      return "webhook";
    case Channel::log:
      return "log";
  }
  return "log";
}

std::optional<Channel> parse_channel(std::string_view text) noexcept {
  if (text == "email") return Channel::email;
  if (text == "webhook") return Channel::webhook;
  if (text == "log") return Channel::log;
  return std::nullopt;
}

std::string_view to_string(DeliveryState state) noexcept {
  switch (state) {
    case DeliveryState::pending:
      return "pending";
    case DeliveryState::delivered:
      return "delivered";
    case DeliveryState::dead:
      return "dead";
  }
  return "pending";
}

std::optional<DeliveryState> parse_delivery_state(std::string_view text) noexcept {
  if (text == "pending") return DeliveryState::pending;
  if (text == "delivered") return DeliveryState::delivered;
  if (text == "dead") return DeliveryState::dead;
  return std::nullopt;
}

}  // namespace carewatch::outbox
