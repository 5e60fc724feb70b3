#include "metrics/registry.hpp"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>
#include <exception>
#include <map>
#include <mutex>
#include <stdexcept>

namespace carewatch::metrics {
namespace {

constexpr std::string_view kCollectorErrors = "carewatch_metrics_collector_errors_total";
constexpr std::string_view kCollectorErrorsHelp =
    "Collector runs that threw; that collector's gauges were left as they were.";

enum class Type { counter, gauge, histogram };

std::string_view type_name(Type type) {
  switch (type) {
    case Type::counter:
      return "counter";
    case Type::gauge:
      return "gauge";
    case Type::histogram:
      return "histogram";
  }
  return "untyped";
}

bool is_name_char(char c, bool first, bool colon) {
  const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (colon && c == ':');
  return letter || (!first && c >= '0' && c <= '9');
}

bool valid_name(std::string_view name, bool colon) {
  if (name.empty()) return false;
  for (std::size_t i = 0; i < name.size(); ++i)
    if (!is_name_char(name[i], i == 0, colon)) return false;
  return true;
}

// As Go's strconv.FormatFloat(v, 'g', -1, 64), which Prometheus' own clients write: the shortest
// digits that round-trip, in exponent form when the decimal exponent is below -4 or at least 6
// ("0.0001", "123456", "1.234567e+06").
void append_number(std::string& out, double v) {
  if (std::isnan(v)) {
    out += "NaN";
    return;
  }
  if (std::isinf(v)) {
    out += v > 0 ? "+Inf" : "-Inf";
    return;
  }
  char buf[64];
  const auto sci = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  const std::string_view text(buf, static_cast<std::size_t>(sci.ptr - buf));
  int exponent = 0;
  const std::string_view digits = text.substr(text.find('e') + 1);
  std::from_chars(digits.data() + (digits.front() == '+' ? 1 : 0), digits.data() + digits.size(), exponent);
  if (exponent < -4 || exponent >= 6) {
    out += text;
    return;
  }
  const auto fixed = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
  out.append(buf, fixed.ptr);
}

void append_escaped(std::string& out, std::string_view text, bool quotes) {
  for (char c : text) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '\n')
      out += "\\n";
    else if (quotes && c == '"')
      out += "\\\"";
    else
      out += c;
  }
}

// `{a="x",b="y"` without the closing brace, or empty: a histogram appends its `le` before closing.
std::string label_prefix(const std::vector<std::string>& names, const std::vector<std::string>& values) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    out += i == 0 ? "{" : ",";
    out += names[i];
    out += "=\"";
    append_escaped(out, values[i], true);
    out += '"';
  }
  return out;
}

void append_sample(std::string& out, std::string_view name, const std::string& prefix, double value) {
  out += name;
  if (!prefix.empty()) out += prefix + "}";
  out += ' ';
  append_number(out, value);
  out += '\n';
}

class Series {
 public:
  virtual ~Series() = default;
  virtual void render(std::string& out, std::string_view name, const std::string& prefix,
                      const std::vector<double>& buckets) const = 0;
};

class CounterSeries final : public Counter, public Series {
 public:
  void inc(double by) override {
    if (!(by >= 0)) throw std::invalid_argument("a counter only goes up (inc by " + std::to_string(by) + ")");
    value_.fetch_add(by, std::memory_order_relaxed);
  }
  double value() const override { return value_.load(std::memory_order_relaxed); }
  void render(std::string& out, std::string_view name, const std::string& prefix,
              const std::vector<double>&) const override {
    append_sample(out, name, prefix, value());
  }

 private:
  std::atomic<double> value_{0};
};

class GaugeSeries final : public Gauge, public Series {
 public:
  void set(double v) override { value_.store(v, std::memory_order_relaxed); }
  void inc(double by) override { value_.fetch_add(by, std::memory_order_relaxed); }
  void dec(double by) override { value_.fetch_sub(by, std::memory_order_relaxed); }
  double value() const override { return value_.load(std::memory_order_relaxed); }
  void render(std::string& out, std::string_view name, const std::string& prefix,
              const std::vector<double>&) const override {
    append_sample(out, name, prefix, value());
  }

 private:
  std::atomic<double> value_{0};
};

// A mutex rather than per-bucket atomics: a scrape must see the buckets, the sum and the count of the
// same set of observations (Prometheus takes the +Inf bucket and _count to be equal).
class HistogramSeries final : public Histogram, public Series {
 public:
  explicit HistogramSeries(std::vector<double> bounds)
      : bucket_counts_(bounds.size() + 1, 0), bounds_(std::move(bounds)) {}

  void observe(double v) override {
    // NaN lands in +Inf only, as in Prometheus' own clients.
    const std::size_t i =
        std::isnan(v)
            ? bounds_.size()
            : static_cast<std::size_t>(std::lower_bound(bounds_.begin(), bounds_.end(), v) - bounds_.begin());
    std::lock_guard lock(mutex_);
    ++bucket_counts_[i];
    ++count_;
    sum_ += v;
  }
  std::uint64_t count() const override {
    std::lock_guard lock(mutex_);
    return count_;
  }
  double sum() const override {
    std::lock_guard lock(mutex_);
    return sum_;
  }
  void render(std::string& out, std::string_view name, const std::string& prefix,
              const std::vector<double>& buckets) const override {
    std::vector<std::uint64_t> counts;
    std::uint64_t count = 0;
    double sum = 0;
    {
      std::lock_guard lock(mutex_);
      counts = bucket_counts_;
      count = count_;
      sum = sum_;
    }
    const std::string bucket = std::string(name) + "_bucket";
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i <= buckets.size(); ++i) {
      cumulative += counts[i];
      std::string le = prefix.empty() ? "{le=\"" : prefix + ",le=\"";
      append_number(le, i < buckets.size() ? buckets[i] : HUGE_VAL);
      le += '"';
      out += bucket;
      out += le;
      out += "} ";
      out += std::to_string(cumulative);
      out += '\n';
    }
    append_sample(out, std::string(name) + "_sum", prefix, sum);
    out += name;
    out += "_count";
    if (!prefix.empty()) out += prefix + "}";
    out += ' ';
    out += std::to_string(count);
    out += '\n';
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::uint64_t> bucket_counts_;  // per bucket, not cumulative; the last is above every bound
  std::uint64_t count_ = 0;
  double sum_ = 0;
  const std::vector<double> bounds_;  // finite upper bounds, increasing; +Inf is implicit
};

struct Family {
  Type type = Type::counter;
  std::string help;
  std::vector<std::string> label_names;
  std::vector<double> buckets;
  std::map<std::vector<std::string>, std::unique_ptr<Series>> series;
};

}  // namespace

std::vector<double> default_seconds_buckets() {
  // Prometheus' defaults (5 ms .. 10 s), extended downwards for single checks (tens of microseconds)
  // and upwards for full sweeps of a large store.
  return {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
          0.1,    0.25,    0.5,    1,     2.5,    5,     10,   30,    60};
}

struct Registry::Impl {
  std::mutex families_mutex;  // guards `families` (the series themselves are thread-safe)
  std::map<std::string, Family, std::less<>> families;
  std::mutex collectors_mutex;  // guards `collectors`
  std::map<std::string, Collector, std::less<>> collectors;
  // One render at a time, so collectors never run concurrently with each other.
  std::mutex render_mutex;

  Series& series(Type type, std::string_view name, std::string_view help, const Labels& labels,
                 std::vector<double>* buckets) {
    if (!valid_name(name, true))
      throw std::logic_error("metric name \"" + std::string(name) + "\" is not valid");
    if (type == Type::counter && !name.ends_with("_total"))
      throw std::logic_error("counter " + std::string(name) + " must end in _total");
    std::lock_guard lock(families_mutex);
    auto it = families.find(name);
    if (it == families.end()) {
      Family family;
      family.type = type;
      family.help = help;
      for (const auto& [label, value] : labels) {
        if (!valid_name(label, false) || label.starts_with("__") ||
            (type == Type::histogram && label == "le"))
          throw std::logic_error(std::string(name) + ": label name \"" + label + "\" is not valid");
        if (std::find(family.label_names.begin(), family.label_names.end(), label) !=
            family.label_names.end())
          throw std::logic_error(std::string(name) + ": label " + label + " given twice");
        family.label_names.push_back(label);
      }
      if (buckets) {
        family.buckets = std::move(*buckets);
        std::erase_if(family.buckets, [](double b) { return std::isinf(b) && b > 0; });  // +Inf is implicit
        if (std::any_of(family.buckets.begin(), family.buckets.end(),
                        [](double b) { return !std::isfinite(b); }) ||
            std::adjacent_find(family.buckets.begin(), family.buckets.end(), std::greater_equal<>()) !=
                family.buckets.end())
          throw std::logic_error(std::string(name) + ": buckets must be finite and increasing");
      }
      it = families.emplace(std::string(name), std::move(family)).first;
    } else {
      const Family& family = it->second;
      if (family.type != type)
        throw std::logic_error(std::string(name) + " is a " + std::string(type_name(family.type)) +
                               ", not a " + std::string(type_name(type)));
      if (family.help != help) throw std::logic_error(std::string(name) + " registered with other help text");
      if (buckets && *buckets != family.buckets) {
        std::vector<double> given = *buckets;
        std::erase_if(given, [](double b) { return std::isinf(b) && b > 0; });
        if (given != family.buckets)
          throw std::logic_error(std::string(name) + " registered with other buckets");
      }
    }
    Family& family = it->second;
    if (labels.size() != family.label_names.size())
      throw std::logic_error(std::string(name) + " registered with other label names");
    // Values in the family's label order, whatever order the caller listed them in.
    std::vector<std::string> values;
    values.reserve(labels.size());
    for (const std::string& label : family.label_names) {
      auto found =
          std::find_if(labels.begin(), labels.end(), [&](const auto& l) { return l.first == label; });
      if (found == labels.end())
        throw std::logic_error(std::string(name) + " registered with other label names");
      values.push_back(found->second);
    }
    auto& slot = family.series[values];
    if (!slot) {
      switch (type) {
        case Type::counter:
          slot = std::make_unique<CounterSeries>();
          break;
        case Type::gauge:
          slot = std::make_unique<GaugeSeries>();
          break;
        case Type::histogram:
          slot = std::make_unique<HistogramSeries>(family.buckets);
          break;
      }
    }
    return *slot;
  }
};

Registry::Registry() : impl_(std::make_unique<Impl>()) {}

Registry::~Registry() = default;

Counter& Registry::counter(std::string_view name, std::string_view help, const Labels& labels) {
  return dynamic_cast<CounterSeries&>(impl_->series(Type::counter, name, help, labels, nullptr));
}

Gauge& Registry::gauge(std::string_view name, std::string_view help, const Labels& labels) {
  return dynamic_cast<GaugeSeries&>(impl_->series(Type::gauge, name, help, labels, nullptr));
}

Histogram& Registry::histogram(std::string_view name, std::string_view help, const Labels& labels,
                               std::vector<double> buckets) {
  return dynamic_cast<HistogramSeries&>(impl_->series(Type::histogram, name, help, labels, &buckets));
}

void Registry::add_collector(std::string name, Collector collector) {
  // The error series exists from the start, so a scrape shows 0 rather than nothing for a healthy one.
  counter(kCollectorErrors, kCollectorErrorsHelp, {{"collector", name}});
  std::lock_guard lock(impl_->collectors_mutex);
  impl_->collectors.insert_or_assign(std::move(name), std::move(collector));
}

void Registry::remove_collector(std::string_view name) {
  std::lock_guard lock(impl_->collectors_mutex);
  if (auto it = impl_->collectors.find(name); it != impl_->collectors.end()) impl_->collectors.erase(it);
}

void Registry::zero_gauges(std::string_view name) {
  std::lock_guard lock(impl_->families_mutex);
  auto it = impl_->families.find(name);
  if (it == impl_->families.end() || it->second.type != Type::gauge) return;
  for (auto& [values, series] : it->second.series) dynamic_cast<GaugeSeries&>(*series).set(0);
}

std::string Registry::render() {
  std::lock_guard render_lock(impl_->render_mutex);
  // Run on a copy: a collector may register metrics, or even add or remove collectors.
  std::map<std::string, Collector, std::less<>> collectors;
  {
    std::lock_guard lock(impl_->collectors_mutex);
    collectors = impl_->collectors;
  }
  for (const auto& [name, collect] : collectors) {
    try {
      collect(*this);
    } catch (...) {
      counter(kCollectorErrors, kCollectorErrorsHelp, {{"collector", name}}).inc();
    }
  }

  std::string out;
  std::lock_guard lock(impl_->families_mutex);
  for (const auto& [name, family] : impl_->families) {
    if (family.series.empty()) continue;
    out += "# HELP ";
    out += name;
    out += ' ';
    append_escaped(out, family.help, false);
    out += "\n# TYPE ";
    out += name;
    out += ' ';
    out += type_name(family.type);
    out += '\n';
    for (const auto& [values, series] : family.series)
      series->render(out, name, label_prefix(family.label_names, values), family.buckets);
  }
  return out;
}

Registry& registry() {
  static Registry instance;
  return instance;
}

}  // namespace carewatch::metrics
