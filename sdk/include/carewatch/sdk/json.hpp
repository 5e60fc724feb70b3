#pragma once
// Parsing one NDJSON line into a validated Record. This header (and only this one in the SDK) needs
// Boost.JSON: the daemon's importer and the test harness include it; plugins never do.

#include <cmath>
#include <string>
#include <string_view>
#include <variant>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <carewatch/sdk/record.hpp>
#include <carewatch/sdk/schema.hpp>
#include <carewatch/sdk/value.hpp>

namespace carewatch::sdk {

inline Value from_json(const boost::json::value& j) {
  switch (j.kind()) {
    case boost::json::kind::null: return Value();
    case boost::json::kind::bool_: return Value(j.get_bool());
    case boost::json::kind::int64: return Value(static_cast<std::int64_t>(j.get_int64()));
    case boost::json::kind::uint64: {
      const auto u = j.get_uint64();
      if (u <= static_cast<std::uint64_t>(INT64_MAX)) return Value(static_cast<std::int64_t>(u));
      return Value(static_cast<double>(u));
    }
    case boost::json::kind::double_: return Value(j.get_double());
    case boost::json::kind::string: return Value(std::string_view(j.get_string()));
    case boost::json::kind::array: {
      Array a;
      a.reserve(j.get_array().size());
      for (const auto& e : j.get_array()) a.push_back(from_json(e));
      return Value(std::move(a));
    }
    case boost::json::kind::object: {
      Object o;
      o.reserve(j.get_object().size());
      for (const auto& kv : j.get_object()) o.emplace_back(std::string(kv.key()), from_json(kv.value()));
      return Value::object(std::move(o));
    }
  }
  return Value();
}

namespace detail {

// Boost.JSON reads a literal beyond the range of a double (1e400) as infinity, which JSON cannot
// represent: the canonical form would not round-trip. On finding one, sets `path` to where it is
// ("a.b[2]"); the path is built only on that failure so that accepted lines cost no allocation.
inline bool find_non_finite(const boost::json::value& j, std::string& path) {
  auto prepend = [&path](std::string segment) {
    if (!path.empty() && path.front() != '[') segment += '.';
    path.insert(0, segment);
  };
  switch (j.kind()) {
    case boost::json::kind::double_:
      return !std::isfinite(j.get_double());
    case boost::json::kind::array: {
      const auto& a = j.get_array();
      for (std::size_t i = 0; i < a.size(); ++i)
        if (find_non_finite(a[i], path)) {
          // Built piecewise: GCC 12 reports a false -Wrestrict on "[" + std::to_string(i) at -O2.
          std::string segment(1, '[');
          segment += std::to_string(i);
          segment += ']';
          prepend(std::move(segment));
          return true;
        }
      return false;
    }
    case boost::json::kind::object:
      for (const auto& kv : j.get_object())
        if (find_non_finite(kv.value(), path)) {
          prepend(std::string(kv.key()));
          return true;
        }
      return false;
    default:
      return false;
  }
}

}  // namespace detail

// Parses one JSON value; on a syntax error returns the reason (never quoting the input).
inline std::variant<Value, schema::FieldError> parse_json(std::string_view text) {
  boost::system::error_code ec;
  boost::json::parse_options opts;
  opts.max_depth = 32;
  const boost::json::value j = boost::json::parse(text, ec, {}, opts);
  if (ec) return schema::FieldError{"line", "invalid JSON (" + ec.message() + ")"};
  if (std::string path; detail::find_non_finite(j, path))
    return schema::FieldError{path.empty() ? std::string("line") : path, "number out of range"};
  return from_json(j);
}

// Parses and validates one NDJSON line (without its newline) into a Record.
inline std::variant<Record, schema::FieldError> parse_record_line(std::string_view line) {
  if (line.size() > schema::kMaxLineBytes) return schema::FieldError{"line", "longer than 1 MiB"};
  auto parsed = parse_json(line);
  if (auto* err = std::get_if<schema::FieldError>(&parsed)) return std::move(*err);
  Value& v = std::get<Value>(parsed);
  if (auto err = schema::validate(v)) return std::move(*err);
  return Record(std::move(v));
}

}  // namespace carewatch::sdk
