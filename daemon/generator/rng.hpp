#pragma once
// Rng: the generator's only source of randomness. It draws from std::mt19937_64, whose output sequence
// the C++ standard fixes, and does its own range reduction instead of using std::uniform_*_distribution,
// whose algorithms differ between standard libraries. The same seed therefore gives the same data on
// every platform and compiler.

#include <cstddef>
#include <cstdint>
#include <random>
#include <span>

namespace carewatch::generator {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : engine_(seed) {}

  // An independent stream for (seed, stream): lets each home, and the breach planting, draw without
  // disturbing one another, so adding a home or changing the breach rate leaves the rest unchanged.
  static Rng derive(std::uint64_t seed, std::uint64_t stream);

  std::uint64_t next() { return engine_(); }
  // Uniform integer in [lo, hi] (inclusive, lo <= hi), without modulo bias.
  std::int64_t between(std::int64_t lo, std::int64_t hi);
  // Uniform in [0, 1) with 53 random bits.
  double unit();
  // True with probability p. Always consumes exactly one draw, whatever p is, so streams stay aligned.
  bool chance(double p) { return unit() < p; }
  // Index chosen with probability proportional to its (non-negative) weight; the weights must not all
  // be zero.
  std::size_t weighted(std::span<const int> weights);

  template <class T>
  const T& pick(std::span<const T> items) {
    return items[static_cast<std::size_t>(between(0, static_cast<std::int64_t>(items.size()) - 1))];
  }

 private:
  std::mt19937_64 engine_;
};

}  // namespace carewatch::generator
