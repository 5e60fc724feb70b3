#include "routing/authorities.hpp"

#include <variant>

#include <carewatch/sdk/json.hpp>

namespace carewatch::routing {
namespace {

std::string field_of_current(store::Database& db, std::string_view kind, std::string_view id,
                             std::string_view field, sdk::TimePoint now) {
  if (id.empty()) return {};
  store::Statement st(db,
                      "SELECT body, deleted FROM records WHERE kind = ?1 AND id = ?2 AND recorded_at <= ?3 "
                      "ORDER BY revision DESC LIMIT 1");
  st.bind(1, kind).bind(2, id).bind(3, sdk::to_unix(now));
  if (!st.step() || st.column_int(1) != 0) return {};
  const auto parsed = sdk::parse_json(st.column_text(0));
  const auto* body = std::get_if<sdk::Value>(&parsed);
  if (!body || !body->is_object()) return {};
  const sdk::Value* v = body->find(field);
  return v && v->is_string() ? v->as_string() : std::string();
}

}  // namespace

Authorities lookup_authorities(store::Database& db, std::string_view home, std::string_view child,
                               sdk::TimePoint now) {
  Authorities a;
  a.placing = field_of_current(db, "child", child, "placing_authority", now);
  a.host = field_of_current(db, "home", home, "host_authority", now);
  return a;
}

}  // namespace carewatch::routing
