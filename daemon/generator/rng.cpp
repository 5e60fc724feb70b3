#include "generator/rng.hpp"

#include <stdexcept>

namespace carewatch::generator {

namespace {

// SplitMix64's finaliser: spreads nearby (seed, stream) pairs over unrelated engine seeds.
std::uint64_t mix(std::uint64_t z) {
  z += 0x9E3779B97F4A7C15ULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

}  // namespace

Rng Rng::derive(std::uint64_t seed, std::uint64_t stream) {
  return Rng(mix(mix(seed) ^ mix(~stream)));
}

std::int64_t Rng::between(std::int64_t lo, std::int64_t hi) {
  if (hi < lo) throw std::logic_error("Rng::between: empty range");
  const std::uint64_t range = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo) + 1;
  if (range == 0) return static_cast<std::int64_t>(next());  // the whole 64-bit range
  // Reject the low values that would make some residues more likely than others.
  const std::uint64_t threshold = (0 - range) % range;
  std::uint64_t r = next();
  while (r < threshold) r = next();
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(lo) + r % range);
}

double Rng::unit() {
  return static_cast<double>(next() >> 11) * 0x1.0p-53;
}

std::size_t Rng::weighted(std::span<const int> weights) {
  std::int64_t total = 0;
  for (const int w : weights) total += w > 0 ? w : 0;
  if (total <= 0) throw std::logic_error("Rng::weighted: no positive weight");
  std::int64_t r = between(0, total - 1);
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const int w = weights[i] > 0 ? weights[i] : 0;
    if (r < w) return i;
    r -= w;
  }
  return weights.size() - 1;  // unreachable
}

}  // namespace carewatch::generator
