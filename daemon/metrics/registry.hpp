#pragma once
// Registry: the process's metrics in the Prometheus text exposition format (version 0.0.4), served at
// GET /metrics. Components record through metrics::registry(); values read from the store at scrape
// time (escalations by state, outbox depth, findings open) come from collectors run by render().
//
//   auto& imported = metrics::registry().counter("carewatch_records_ingested_total",
//                                                "Record revisions accepted by ingest.");
//   imported.inc(report.accepted);
//
// Names follow Prometheus conventions (carewatch_ prefix, _total for counters, base units: seconds).
// Labels carry ids, rule ids, severities and states, never personal data.
//
// Thread-safety: every method may be called from any thread. References returned stay valid for the
// registry's lifetime.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace carewatch::metrics {

using Labels = std::vector<std::pair<std::string, std::string>>;

class Counter {
 public:
  virtual ~Counter() = default;
  virtual void inc(double by = 1.0) = 0;  // by >= 0
  virtual double value() const = 0;
};

class Gauge {
 public:
  virtual ~Gauge() = default;
  virtual void set(double value) = 0;
  virtual void inc(double by = 1.0) = 0;
  virtual void dec(double by = 1.0) = 0;
  virtual double value() const = 0;
};

class Histogram {
 public:
  virtual ~Histogram() = default;
  virtual void observe(double value) = 0;
  virtual std::uint64_t count() const = 0;
  virtual double sum() const = 0;
};

// Default buckets for durations in seconds.
std::vector<double> default_seconds_buckets();

class Registry {
 public:
  Registry();
  ~Registry();
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  // The series of a family with these labels, created on first use. A name reused with another type,
  // help text or label names throws std::logic_error (a programming error).
  Counter& counter(std::string_view name, std::string_view help, const Labels& labels = {});
  Gauge& gauge(std::string_view name, std::string_view help, const Labels& labels = {});
  Histogram& histogram(std::string_view name, std::string_view help, const Labels& labels = {},
                       std::vector<double> buckets = default_seconds_buckets());

  // A collector sets gauges from elsewhere (the store) just before each render. Registering a name
  // again replaces that collector; remove_collector() forgets it. A collector that throws is skipped
  // for that render and counted in carewatch_metrics_collector_errors_total.
  using Collector = std::function<void(Registry&)>;
  void add_collector(std::string name, Collector collector);
  void remove_collector(std::string_view name);

  // Sets every series of the gauge family `name` (if it exists) to 0. A collector that recomputes a
  // whole family from the store calls it first, so that a series whose count fell to nothing reads 0
  // instead of keeping its last value. Series are never removed: references handed out stay valid.
  void zero_gauges(std::string_view name);

  // Every family, sorted by name, in the text exposition format.
  std::string render();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The process-wide registry.
Registry& registry();

}  // namespace carewatch::metrics
