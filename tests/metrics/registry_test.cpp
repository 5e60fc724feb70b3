#include "metrics/registry.hpp"

#include "promtool.hpp"

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace carewatch::metrics {
namespace {

// A counter renders HELP, TYPE and one line per series, label sets in sorted order.
TEST(RegistryTest, RendersCounterExactly) {
  Registry r;
  r.counter("carewatch_test_total", "Things counted.", {{"kind", "b"}}).inc(2);
  r.counter("carewatch_test_total", "Things counted.", {{"kind", "a"}}).inc();
  EXPECT_EQ(r.render(),
            "# HELP carewatch_test_total Things counted.\n"
            "# TYPE carewatch_test_total counter\n"
            "carewatch_test_total{kind=\"a\"} 1\n"
            "carewatch_test_total{kind=\"b\"} 2\n");
}

// A gauge without labels renders as a bare sample and follows set, inc and dec.
TEST(RegistryTest, RendersGaugeExactly) {
  Registry r;
  Gauge& g = r.gauge("carewatch_depth", "Depth.");
  g.set(5);
  g.inc(0.5);
  g.dec(2);
  EXPECT_DOUBLE_EQ(g.value(), 3.5);
  EXPECT_EQ(r.render(),
            "# HELP carewatch_depth Depth.\n"
            "# TYPE carewatch_depth gauge\n"
            "carewatch_depth 3.5\n");
}

// A histogram renders cumulative buckets including +Inf, then _sum and _count, labels before le.
TEST(RegistryTest, RendersHistogramExactly) {
  Registry r;
  Histogram& h = r.histogram("carewatch_wait_seconds", "Wait.", {{"plugin", "p"}}, {0.1, 1, 10});
  h.observe(0.05);
  h.observe(0.1);  // le is inclusive
  h.observe(2);
  h.observe(100);
  EXPECT_EQ(h.count(), 4u);
  EXPECT_DOUBLE_EQ(h.sum(), 102.15);
  EXPECT_EQ(r.render(),
            "# HELP carewatch_wait_seconds Wait.\n"
            "# TYPE carewatch_wait_seconds histogram\n"
            "carewatch_wait_seconds_bucket{plugin=\"p\",le=\"0.1\"} 2\n"
            "carewatch_wait_seconds_bucket{plugin=\"p\",le=\"1\"} 2\n"
            "carewatch_wait_seconds_bucket{plugin=\"p\",le=\"10\"} 3\n"
            "carewatch_wait_seconds_bucket{plugin=\"p\",le=\"+Inf\"} 4\n"
            "carewatch_wait_seconds_sum{plugin=\"p\"} 102.15\n"
            "carewatch_wait_seconds_count{plugin=\"p\"} 4\n");
}

// An unlabelled histogram puts le alone in braces; an empty one renders zeros.
TEST(RegistryTest, RendersEmptyUnlabelledHistogram) {
  Registry r;
  r.histogram("carewatch_h_seconds", "H.", {}, {0.5});
  EXPECT_EQ(r.render(),
            "# HELP carewatch_h_seconds H.\n"
            "# TYPE carewatch_h_seconds histogram\n"
            "carewatch_h_seconds_bucket{le=\"0.5\"} 0\n"
            "carewatch_h_seconds_bucket{le=\"+Inf\"} 0\n"
            "carewatch_h_seconds_sum 0\n"
            "carewatch_h_seconds_count 0\n");
}

// Label values escape backslash, double quote and newline; help text escapes backslash and newline.
TEST(RegistryTest, EscapesLabelValuesAndHelp) {
  Registry r;
  r.counter("carewatch_esc_total", "Back\\slash\nand \"quotes\".", {{"v", "a\\b\"c\nd"}}).inc();
  EXPECT_EQ(r.render(),
            "# HELP carewatch_esc_total Back\\\\slash\\nand \"quotes\".\n"
            "# TYPE carewatch_esc_total counter\n"
            "carewatch_esc_total{v=\"a\\\\b\\\"c\\nd\"} 1\n");
}

// Families come out sorted by name whatever order they were made in, and rendering twice gives the same text.
TEST(RegistryTest, SortsFamiliesAndIsStable) {
  Registry r;
  r.gauge("carewatch_zz", "Z.").set(1);
  r.counter("carewatch_aa_total", "A.").inc();
  r.gauge("carewatch_mm", "M.", {{"b", "1"}, {"a", "2"}}).set(2);
  const std::string first = r.render();
  EXPECT_LT(first.find("carewatch_aa_total"), first.find("carewatch_mm"));
  EXPECT_LT(first.find("carewatch_mm"), first.find("carewatch_zz"));
  EXPECT_NE(first.find("carewatch_mm{b=\"1\",a=\"2\"} 2\n"), std::string::npos);
  EXPECT_EQ(r.render(), first);
}

// The same family and label values give the same series, whatever order the labels are listed in.
TEST(RegistryTest, SameLabelsSameSeries) {
  Registry r;
  Counter& a = r.counter("carewatch_x_total", "X.", {{"a", "1"}, {"b", "2"}});
  Counter& b = r.counter("carewatch_x_total", "X.", {{"b", "2"}, {"a", "1"}});
  EXPECT_EQ(&a, &b);
}

// Reusing a name with another type, help, label names or buckets is a programming error.
TEST(RegistryTest, RejectsInconsistentRegistration) {
  Registry r;
  r.counter("carewatch_x_total", "X.", {{"a", "1"}});
  EXPECT_THROW(r.gauge("carewatch_x_total", "X."), std::logic_error);
  EXPECT_THROW(r.counter("carewatch_x_total", "Other."), std::logic_error);
  EXPECT_THROW(r.counter("carewatch_x_total", "X.", {{"b", "1"}}), std::logic_error);
  EXPECT_THROW(r.counter("carewatch_x_total", "X.", {{"a", "1"}, {"b", "1"}}), std::logic_error);
  r.histogram("carewatch_h_seconds", "H.", {}, {1, 2});
  EXPECT_THROW(r.histogram("carewatch_h_seconds", "H.", {}, {1, 3}), std::logic_error);
  EXPECT_THROW(r.counter("carewatch_no_suffix", "X."), std::logic_error);
  EXPECT_THROW(r.gauge("carewatch bad", "X."), std::logic_error);
  EXPECT_THROW(r.gauge("carewatch_g", "X.", {{"__reserved", "1"}}), std::logic_error);
  EXPECT_THROW(r.histogram("carewatch_h2_seconds", "H.", {{"le", "1"}}), std::logic_error);
  EXPECT_THROW(r.histogram("carewatch_h3_seconds", "H.", {}, {2, 1}), std::logic_error);
  EXPECT_THROW(r.counter("carewatch_y_total", "Y.").inc(-1), std::invalid_argument);
}

// Increments from several threads at once all count: the total is exact.
TEST(RegistryTest, ConcurrentIncrementsAreExact) {
  Registry r;
  constexpr int kThreads = 8;
  constexpr int kPerThread = 20000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&r, t] {
      for (int i = 0; i < kPerThread; ++i) {
        // Looked up every time, so that family creation races too.
        r.counter("carewatch_c_total", "C.", {{"shard", std::to_string(t % 2)}}).inc();
        r.histogram("carewatch_h_seconds", "H.", {}, {0.5}).observe(1);
        r.gauge("carewatch_g", "G.").inc();
        if (i % 1000 == 0) (void)r.render();
      }
    });
  for (auto& th : threads) th.join();
  const double total = r.counter("carewatch_c_total", "C.", {{"shard", "0"}}).value() +
                       r.counter("carewatch_c_total", "C.", {{"shard", "1"}}).value();
  EXPECT_EQ(total, kThreads * kPerThread);
  EXPECT_EQ(r.histogram("carewatch_h_seconds", "H.", {}, {0.5}).count(),
            static_cast<std::uint64_t>(kThreads * kPerThread));
  EXPECT_EQ(r.gauge("carewatch_g", "G.").value(), kThreads * kPerThread);
}

// Collectors run at each render, before the text is made, so their gauges are current.
TEST(RegistryTest, CollectorsRunAtRender) {
  Registry r;
  int runs = 0;
  r.add_collector("store", [&runs](Registry& reg) { reg.gauge("carewatch_open", "Open.").set(++runs); });
  EXPECT_EQ(runs, 0);
  EXPECT_NE(r.render().find("carewatch_open 1\n"), std::string::npos);
  EXPECT_NE(r.render().find("carewatch_open 2\n"), std::string::npos);
  r.remove_collector("store");
  EXPECT_NE(r.render().find("carewatch_open 2\n"), std::string::npos);
  EXPECT_EQ(runs, 2);
}

// A collector that throws is skipped and counted; the others still run and the render succeeds.
TEST(RegistryTest, ThrowingCollectorIsSkippedAndCounted) {
  Registry r;
  r.add_collector("broken", [](Registry&) { throw std::runtime_error("store gone"); });
  r.add_collector("fine", [](Registry& reg) { reg.gauge("carewatch_fine", "Fine.").set(7); });
  std::string text;
  ASSERT_NO_THROW(text = r.render());
  EXPECT_NE(text.find("carewatch_fine 7\n"), std::string::npos);
  EXPECT_NE(text.find("carewatch_metrics_collector_errors_total{collector=\"broken\"} 1\n"),
            std::string::npos);
  EXPECT_NE(text.find("carewatch_metrics_collector_errors_total{collector=\"fine\"} 0\n"), std::string::npos);
  text = r.render();
  EXPECT_NE(text.find("carewatch_metrics_collector_errors_total{collector=\"broken\"} 2\n"),
            std::string::npos);
}

// Registering a collector under the same name replaces it.
TEST(RegistryTest, AddingCollectorAgainReplacesIt) {
  Registry r;
  r.add_collector("c", [](Registry& reg) { reg.gauge("carewatch_v", "V.").set(1); });
  r.add_collector("c", [](Registry& reg) { reg.gauge("carewatch_v", "V.").set(2); });
  EXPECT_NE(r.render().find("carewatch_v 2\n"), std::string::npos);
}

// zero_gauges resets a whole gauge family so that a collector can recompute it from scratch.
TEST(RegistryTest, ZeroGaugesResetsFamily) {
  Registry r;
  r.gauge("carewatch_open", "Open.", {{"rule", "A"}}).set(3);
  r.gauge("carewatch_open", "Open.", {{"rule", "B"}}).set(4);
  r.zero_gauges("carewatch_open");
  r.zero_gauges("carewatch_missing");  // no such family: nothing happens
  EXPECT_EQ(r.gauge("carewatch_open", "Open.", {{"rule", "A"}}).value(), 0);
  EXPECT_EQ(r.gauge("carewatch_open", "Open.", {{"rule", "B"}}).value(), 0);
}

// Numbers render in Prometheus' shortest form, including the special values.
TEST(RegistryTest, RendersSpecialNumbers) {
  Registry r;
  r.gauge("carewatch_n", "N.", {{"v", "big"}}).set(1e21);
  r.gauge("carewatch_n", "N.", {{"v", "nan"}}).set(std::nan(""));
  r.gauge("carewatch_n", "N.", {{"v", "neg"}}).set(-HUGE_VAL);
  r.gauge("carewatch_n", "N.", {{"v", "small"}}).set(0.0001);
  r.gauge("carewatch_n", "N.", {{"v", "tiny"}}).set(0.00001);
  r.gauge("carewatch_n", "N.", {{"v", "whole"}}).set(123456);
  r.gauge("carewatch_n", "N.", {{"v", "million"}}).set(1234567);
  const std::string text = r.render();
  EXPECT_NE(text.find("carewatch_n{v=\"big\"} 1e+21\n"), std::string::npos);
  EXPECT_NE(text.find("carewatch_n{v=\"nan\"} NaN\n"), std::string::npos);
  EXPECT_NE(text.find("carewatch_n{v=\"neg\"} -Inf\n"), std::string::npos);
  EXPECT_NE(text.find("carewatch_n{v=\"small\"} 0.0001\n"), std::string::npos);
  EXPECT_NE(text.find("carewatch_n{v=\"tiny\"} 1e-05\n"), std::string::npos);
  EXPECT_NE(text.find("carewatch_n{v=\"whole\"} 123456\n"), std::string::npos);
  EXPECT_NE(text.find("carewatch_n{v=\"million\"} 1.234567e+06\n"), std::string::npos) << text;
}

// The process-wide registry is one object.
TEST(RegistryTest, ProcessRegistryIsSingleton) {
  EXPECT_EQ(&registry(), &registry());
}

// promtool (the Prometheus project's own checker) accepts a registry holding every type, labels that
// need escaping and a failed collector. Fails, rather than skips, when promtool is missing.
TEST(RegistryTest, PromtoolAcceptsOutput) {
  Registry r;
  r.counter("carewatch_records_ingested_total", "Records accepted.", {{"source", "file"}}).inc(3);
  r.counter("carewatch_plain_total", "Plain \\ help\nwith newline.").inc();
  r.gauge("carewatch_findings_open", "Open findings.", {{"rule", "CH-1"}, {"severity", "high"}}).set(2);
  r.gauge("carewatch_escaped", "Escaped.", {{"v", "a\\b\"c\nd"}}).set(-1.5);
  Histogram& h = r.histogram("carewatch_audit_duration_seconds", "Audit time.", {{"trigger", "sweep"}});
  h.observe(0.003);
  h.observe(12);
  r.histogram("carewatch_empty_seconds", "Empty.");
  r.add_collector("broken", [](Registry&) { throw std::runtime_error("x"); });
  const std::string text = r.render();

  EXPECT_TRUE(carewatch::testing::promtool_accepts(text));
}

}  // namespace
}  // namespace carewatch::metrics
