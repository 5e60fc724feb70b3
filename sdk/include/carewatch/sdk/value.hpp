#pragma once
// Value: a JSON-shaped value with no dependency beyond the standard library, so records and parameters
// can cross the plugin boundary. Object members are kept sorted by key, which makes `to_json()` a
// canonical form: the same content always serialises to the same bytes.

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace carewatch::sdk {

class Value;
using Array = std::vector<Value>;
using Member = std::pair<std::string, Value>;
using Object = std::vector<Member>;  // sorted by key, keys unique

class Value {
 public:
  using Storage = std::variant<std::nullptr_t, bool, std::int64_t, double, std::string, Array, Object>;

  Value() : v_(nullptr) {}
  Value(std::nullptr_t) : v_(nullptr) {}
  Value(bool b) : v_(b) {}
  Value(int i) : v_(static_cast<std::int64_t>(i)) {}
  Value(std::int64_t i) : v_(i) {}
  Value(double d) : v_(d) {}
  Value(const char* s) : v_(std::string(s)) {}
  Value(std::string_view s) : v_(std::string(s)) {}
  Value(std::string s) : v_(std::move(s)) {}
  Value(Array a) : v_(std::move(a)) {}
  // Takes members in any order; sorts them and keeps the last of duplicate keys.
  static Value object(Object members) {
    std::stable_sort(members.begin(), members.end(),
                     [](const Member& a, const Member& b) { return a.first < b.first; });
    Object unique;
    unique.reserve(members.size());
    for (auto& m : members) {
      if (!unique.empty() && unique.back().first == m.first)
        unique.back().second = std::move(m.second);
      else
        unique.push_back(std::move(m));
    }
    Value v;
    v.v_ = std::move(unique);
    return v;
  }

  bool is_null() const noexcept { return std::holds_alternative<std::nullptr_t>(v_); }
  bool is_bool() const noexcept { return std::holds_alternative<bool>(v_); }
  bool is_int() const noexcept { return std::holds_alternative<std::int64_t>(v_); }
  bool is_double() const noexcept { return std::holds_alternative<double>(v_); }
  bool is_number() const noexcept { return is_int() || is_double(); }
  bool is_string() const noexcept { return std::holds_alternative<std::string>(v_); }
  bool is_array() const noexcept { return std::holds_alternative<Array>(v_); }
  bool is_object() const noexcept { return std::holds_alternative<Object>(v_); }

  bool as_bool() const { return std::get<bool>(v_); }
  std::int64_t as_int() const { return std::get<std::int64_t>(v_); }
  double as_number() const { return is_int() ? static_cast<double>(as_int()) : std::get<double>(v_); }
  const std::string& as_string() const { return std::get<std::string>(v_); }
  const Array& as_array() const { return std::get<Array>(v_); }
  const Object& as_object() const { return std::get<Object>(v_); }
  Array& as_array() { return std::get<Array>(v_); }
  Object& as_object() { return std::get<Object>(v_); }

  // Member lookup on an object; nullptr when absent or when this is not an object.
  const Value* find(std::string_view key) const noexcept {
    const Object* o = std::get_if<Object>(&v_);
    if (!o) return nullptr;
    auto it = std::lower_bound(o->begin(), o->end(), key,
                               [](const Member& m, std::string_view k) { return m.first < k; });
    return it != o->end() && it->first == key ? &it->second : nullptr;
  }
  // Sets a member on an object (keeps members sorted).
  void set(std::string_view key, Value value) {
    Object& o = std::get<Object>(v_);
    auto it = std::lower_bound(o.begin(), o.end(), key,
                               [](const Member& m, std::string_view k) { return m.first < k; });
    if (it != o.end() && it->first == key)
      it->second = std::move(value);
    else
      o.insert(it, Member{std::string(key), std::move(value)});
  }

  const Storage& storage() const noexcept { return v_; }
  friend bool operator==(const Value& a, const Value& b) { return a.v_ == b.v_; }

  // Compact canonical JSON.
  std::string to_json() const {
    std::string out;
    write_json(out);
    return out;
  }
  void write_json(std::string& out) const;

 private:
  Storage v_;
};

inline void write_json_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 0xF]);
        } else {
          out.push_back(ch);
        }
    }
  }
  out.push_back('"');
}

inline void Value::write_json(std::string& out) const {
  struct Writer {
    std::string& out;
    void operator()(std::nullptr_t) const { out += "null"; }
    void operator()(bool b) const { out += b ? "true" : "false"; }
    void operator()(std::int64_t i) const { out += std::to_string(i); }
    void operator()(double d) const {
      // JSON has no infinity or NaN (a TOML parameter or an overflowing literal can produce them);
      // writing "inf" would make the stored form unreadable, so they serialise as null.
      if (!std::isfinite(d)) {
        out += "null";
        return;
      }
      char buf[32];
      const auto res = std::to_chars(buf, buf + sizeof buf, d);
      std::string_view text(buf, static_cast<std::size_t>(res.ptr - buf));
      out += text;
      // Keep a double recognisable as one after a round trip.
      if (text.find_first_of(".eE") == std::string_view::npos) out += ".0";
    }
    void operator()(const std::string& s) const { write_json_string(out, s); }
    void operator()(const Array& a) const {
      out.push_back('[');
      for (std::size_t i = 0; i < a.size(); ++i) {
        if (i) out.push_back(',');
        a[i].write_json(out);
      }
      out.push_back(']');
    }
    void operator()(const Object& o) const {
      out.push_back('{');
      for (std::size_t i = 0; i < o.size(); ++i) {
        if (i) out.push_back(',');
        write_json_string(out, o[i].first);
        out.push_back(':');
        o[i].second.write_json(out);
      }
      out.push_back('}');
    }
  };
  std::visit(Writer{out}, v_);
}

}  // namespace carewatch::sdk
