#pragma once
// Checker: the unit of checking a plugin offers, and what it is handed (context, parameters, logger)
// and hands back (sink). A checker is a pure function of (timeline, audit time, parameters).

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <carewatch/sdk/calendar.hpp>
#include <carewatch/sdk/finding.hpp>
#include <carewatch/sdk/timeline.hpp>
#include <carewatch/sdk/value.hpp>

namespace carewatch::sdk {

// Thrown by Parameters' getters and by Checker::configure for a bad parameter; the host turns it into
// a configuration error naming the plugin and the key.
class ParameterError : public std::invalid_argument {
 public:
  ParameterError(const std::string& key, const std::string& reason)
      : std::invalid_argument(key + ": " + reason), key_(key) {}
  const std::string& key() const noexcept { return key_; }

 private:
  std::string key_;
};

// A plugin's own parameters, from its table in the configuration file.
class Parameters {
 public:
  Parameters() = default;
  explicit Parameters(std::map<std::string, Value, std::less<>> values) : values_(std::move(values)) {}

  bool has(std::string_view key) const { return values_.find(key) != values_.end(); }
  const std::map<std::string, Value, std::less<>>& values() const noexcept { return values_; }
  void set(std::string key, Value v) { values_[std::move(key)] = std::move(v); }

  std::int64_t get_int(std::string_view key, std::int64_t fallback, std::int64_t min = INT64_MIN,
                       std::int64_t max = INT64_MAX) const {
    auto it = values_.find(key);
    if (it == values_.end()) return fallback;
    if (!it->second.is_int()) throw ParameterError(std::string(key), "expected an integer");
    const auto v = it->second.as_int();
    if (v < min || v > max)
      throw ParameterError(std::string(key), "must be between " + std::to_string(min) + " and " +
                                                 std::to_string(max));
    return v;
  }
  double get_number(std::string_view key, double fallback) const {
    auto it = values_.find(key);
    if (it == values_.end()) return fallback;
    if (!it->second.is_number()) throw ParameterError(std::string(key), "expected a number");
    return it->second.as_number();
  }
  bool get_bool(std::string_view key, bool fallback) const {
    auto it = values_.find(key);
    if (it == values_.end()) return fallback;
    if (!it->second.is_bool()) throw ParameterError(std::string(key), "expected true or false");
    return it->second.as_bool();
  }
  std::string get_string(std::string_view key, std::string fallback) const {
    auto it = values_.find(key);
    if (it == values_.end()) return fallback;
    if (!it->second.is_string()) throw ParameterError(std::string(key), "expected a string");
    return it->second.as_string();
  }

 private:
  std::map<std::string, Value, std::less<>> values_;
};

enum class LogLevel { debug, info, warn, error };

// The host's logger, handed to plugins so they never link the host's logging library. Messages must
// carry ids only, never names or record text.
class Logger {
 public:
  virtual ~Logger() = default;
  virtual void log(LogLevel level, std::string_view message) const = 0;
};

class NullLogger final : public Logger {
 public:
  void log(LogLevel, std::string_view) const override {}
};

class Context {
 public:
  Context(TimePoint as_of, const Calendar& calendar, const Parameters& params, const Logger& logger)
      : as_of_(as_of), calendar_(&calendar), params_(&params), logger_(&logger) {}
  // The audit time T: the checker sees the world as it was recorded at T.
  TimePoint as_of() const noexcept { return as_of_; }
  const Calendar& calendar() const noexcept { return *calendar_; }
  const Parameters& params() const noexcept { return *params_; }
  const Logger& logger() const noexcept { return *logger_; }

 private:
  TimePoint as_of_;
  const Calendar* calendar_;
  const Parameters* params_;
  const Logger* logger_;
};

// Where a checker puts its findings and the times it must be asked again.
class Sink {
 public:
  void emit(Finding f) { findings_.push_back(std::move(f)); }
  // A deadline lies ahead at `t`: evaluate this subject again then, even if no record changes.
  void look_again_at(TimePoint t) {
    if (!next_ || t < *next_) next_ = t;
  }
  const std::vector<Finding>& findings() const noexcept { return findings_; }
  std::vector<Finding>& findings() noexcept { return findings_; }
  std::optional<TimePoint> next_look() const noexcept { return next_; }
  void clear() {
    findings_.clear();
    next_.reset();
  }

 private:
  std::vector<Finding> findings_;
  std::optional<TimePoint> next_;
};

// What a plugin author derives from. Construction is cheap; configure() does the work that can fail.
// Exceptions thrown here are caught at the plugin boundary (see plugin.hpp) and never reach the host.
class Checker {
 public:
  virtual ~Checker() = default;
  virtual std::string name() const = 0;
  virtual std::vector<RuleInfo> rules() const = 0;
  virtual Scope scope() const = 0;
  // The record kinds the checker reads; the engine loads only these (plus reference records).
  virtual std::vector<std::string> kinds() const = 0;
  // Validates and takes the plugin's parameters; throw ParameterError naming the key on a bad one.
  virtual void configure(const Parameters& params) { (void)params; }
  virtual void check(const Timeline& timeline, const Context& context, Sink& sink) const = 0;
};

}  // namespace carewatch::sdk
