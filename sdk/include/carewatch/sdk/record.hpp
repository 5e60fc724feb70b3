#pragma once
// Record: one revision of one care record, read-only, with typed accessors named after RECORDS.md.
// An absent field and a null field read the same (nullopt / empty).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <carewatch/sdk/schema.hpp>
#include <carewatch/sdk/time.hpp>
#include <carewatch/sdk/value.hpp>

namespace carewatch::sdk {

class Record {
 public:
  Record() = default;
  // `body` is the whole record as validated by schema::validate (envelope included).
  explicit Record(Value body) : body_(std::move(body)) { index(); }

  const std::string& kind() const noexcept { return kind_; }
  const std::string& id() const noexcept { return id_; }
  // The home the record belongs to; for a `home` record, its own id.
  const std::string& home() const noexcept { return home_; }
  TimePoint recorded_at() const noexcept { return recorded_at_; }
  // When the record was first written: the recorded_at of its earliest revision visible as of the
  // audit time (a record written late stays late, however often it is amended). The host sets it
  // when it selects the current revision (select_as_of, the daemon's store); a Record made on its
  // own reports its own recorded_at.
  TimePoint first_recorded_at() const noexcept { return first_recorded_at_; }
  void set_first_recorded_at(TimePoint t) noexcept { first_recorded_at_ = t; }
  std::int64_t revision() const noexcept { return revision_; }
  bool deleted() const noexcept { return deleted_; }
  std::optional<std::string_view> recorded_by() const { return str("recorded_by"); }
  // When the thing happened (the kind's event-time field), falling back to recorded_at.
  TimePoint when() const noexcept { return when_; }

  // The child this record is about: a `child` record's own id, otherwise its `child` field.
  std::optional<std::string_view> child() const {
    if (kind_ == "child") return std::string_view(id_);
    return str("child");
  }

  const Value& body() const noexcept { return body_; }
  const Value* field(std::string_view name) const noexcept {
    const Value* v = body_.find(name);
    return v && !v->is_null() ? v : nullptr;
  }
  bool has(std::string_view name) const noexcept { return field(name) != nullptr; }

  std::optional<std::string_view> str(std::string_view name) const {
    const Value* v = field(name);
    if (!v || !v->is_string()) return std::nullopt;
    return std::string_view(v->as_string());
  }
  std::optional<TimePoint> ts(std::string_view name) const {
    const auto s = str(name);
    return s ? parse_timestamp(*s) : std::nullopt;
  }
  std::optional<Date> date(std::string_view name) const {
    const auto s = str(name);
    return s ? parse_date(*s) : std::nullopt;
  }
  std::optional<std::int64_t> integer(std::string_view name) const {
    const Value* v = field(name);
    if (!v || !v->is_int()) return std::nullopt;
    return v->as_int();
  }
  std::optional<double> number(std::string_view name) const {
    const Value* v = field(name);
    if (!v || !v->is_number()) return std::nullopt;
    return v->as_number();
  }
  std::optional<bool> boolean(std::string_view name) const {
    const Value* v = field(name);
    if (!v || !v->is_bool()) return std::nullopt;
    return v->as_bool();
  }
  // True only when the field is present and true.
  bool flag(std::string_view name) const { return boolean(name).value_or(false); }
  // A list-of-strings (or enum list) field; empty when absent.
  std::vector<std::string_view> strings(std::string_view name) const {
    std::vector<std::string_view> out;
    const Value* v = field(name);
    if (!v || !v->is_array()) return out;
    for (const Value& e : v->as_array())
      if (e.is_string()) out.emplace_back(e.as_string());
    return out;
  }
  bool contains(std::string_view list_field, std::string_view value) const {
    for (auto s : strings(list_field))
      if (s == value) return true;
    return false;
  }
  // A list-of-objects field (e.g. reg44_visit.recommendations), each element as a Value object.
  std::vector<const Value*> objects(std::string_view name) const {
    std::vector<const Value*> out;
    const Value* v = field(name);
    if (!v || !v->is_array()) return out;
    for (const Value& e : v->as_array())
      if (e.is_object()) out.push_back(&e);
    return out;
  }

 private:
  void index() {
    if (const Value* v = body_.find("kind"); v && v->is_string()) kind_ = v->as_string();
    if (const Value* v = body_.find("id"); v && v->is_string()) id_ = v->as_string();
    if (kind_ == "home")
      home_ = id_;
    else if (const Value* v = body_.find("home"); v && v->is_string())
      home_ = v->as_string();
    if (auto t = ts("recorded_at")) recorded_at_ = *t;
    first_recorded_at_ = recorded_at_;
    if (auto r = integer("revision")) revision_ = *r;
    deleted_ = flag("deleted");
    when_ = recorded_at_;
    if (const schema::Kind* k = schema::find_kind(kind_); k && !k->event_time.empty()) {
      if (auto t = ts(k->event_time))
        when_ = *t;
      else if (auto f = k->event_time_fallback.empty() ? std::nullopt : ts(k->event_time_fallback))
        when_ = *f;
    }
  }

  Value body_ = Value::object({});
  std::string kind_;
  std::string id_;
  std::string home_;
  TimePoint recorded_at_{};
  TimePoint when_{};
  std::int64_t revision_ = 1;
  bool deleted_ = false;
  TimePoint first_recorded_at_{};
};

}  // namespace carewatch::sdk
