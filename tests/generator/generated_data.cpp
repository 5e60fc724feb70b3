#include "generated_data.hpp"

#include <stdexcept>

namespace carewatch::generator::testing {

std::vector<sdk::Record> GeneratedData::records() const {
  std::vector<sdk::Record> out;
  out.reserve(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    auto parsed = sdk::parse_record_line(lines[i]);
    if (auto* err = std::get_if<sdk::schema::FieldError>(&parsed))
      throw std::runtime_error("line " + std::to_string(i + 1) + ": " + err->field + ": " + err->reason);
    out.push_back(std::move(std::get<sdk::Record>(parsed)));
  }
  return out;
}

std::string GeneratedData::text() const {
  std::string out;
  for (const auto& l : lines) {
    out += l;
    out += '\n';
  }
  return out;
}

GeneratedData generate(const Options& options) {
  GeneratedData data;
  Generator g(options);
  g.run([&](std::string_view line) { data.lines.emplace_back(line); },
        [&](const PlantedBreach& b) {
          data.breaches.push_back(b);
          data.manifest += b.to_json();
          data.manifest += '\n';
        });
  return data;
}

Options small_options(std::uint64_t seed, int days, int homes) {
  Options o;
  o.seed = seed;
  o.days = days;
  o.homes = homes;
  return o;
}

}  // namespace carewatch::generator::testing
