// Runs the built `carewatch schema` as a real process and holds the committed format reference
// (sdk/FORMAT.md) to what it prints, so the docs cannot drift from the schema the importer uses.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <algorithm>
#include <cstdio>
#include <set>
#include <string>

#include <carewatch/sdk/json.hpp>
#include <carewatch/sdk/schema.hpp>
#include <carewatch/sdk/testing/harness.hpp>

namespace carewatch::sdk {
namespace {

struct Output {
  int exit_code = -1;
  std::string out;
};

// Runs the carewatch binary with `args` (trusted, shell-quoted by the caller); stdout is captured and
// stderr discarded.
Output run_carewatch(const std::string& args) {
  const std::string command = std::string("'") + CAREWATCH_BINARY + "' " + args + " 2>/dev/null";
  Output result;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return result;
  char buf[4096];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) result.out.append(buf, n);
  const int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

// The committed sdk/FORMAT.md is exactly what `carewatch schema --format markdown` prints.
TEST(SchemaCommandTest, CommittedFormatReferenceIsCurrent) {
  const Output generated = run_carewatch("schema --format markdown");
  ASSERT_EQ(generated.exit_code, 0);
  const std::string committed = testing::read_file(CAREWATCH_FORMAT_REFERENCE);
  EXPECT_TRUE(generated.out == committed)
      << CAREWATCH_FORMAT_REFERENCE << " does not match the schema in sdk/include/carewatch/sdk/schema.hpp.\n"
      << "Regenerate it and commit the result:\n  " << CAREWATCH_BINARY << " schema --format markdown > "
      << CAREWATCH_FORMAT_REFERENCE;
}

// Markdown is the default and names every kind and the fields of the nested recommendations.
TEST(SchemaCommandTest, MarkdownIsTheDefaultAndCoversEveryKind) {
  const Output plain = run_carewatch("schema");
  ASSERT_EQ(plain.exit_code, 0);
  EXPECT_EQ(plain.out, run_carewatch("schema --format markdown").out);
  for (const schema::Kind& k : schema::kKinds)
    EXPECT_NE(plain.out.find("### " + std::string(k.name) + "\n"), std::string::npos) << k.name;
  EXPECT_NE(plain.out.find("| `recommendations[].decided_at` | timestamp | no |"), std::string::npos);
  EXPECT_NE(plain.out.find("| `categories` | list of enum | yes | `death`, `sexual_exploitation`"),
            std::string::npos);
}

// The json form is one valid JSON document describing every kind and field of the table.
TEST(SchemaCommandTest, JsonDescribesTheWholeSchema) {
  const Output json = run_carewatch("schema --format json");
  ASSERT_EQ(json.exit_code, 0);
  ASSERT_FALSE(json.out.empty());
  EXPECT_EQ(json.out.back(), '\n');
  auto parsed = parse_json(std::string_view(json.out).substr(0, json.out.size() - 1));
  ASSERT_TRUE(std::holds_alternative<Value>(parsed));
  const Value& doc = std::get<Value>(parsed);
  EXPECT_EQ(doc.find("format_version")->as_int(), schema::kFormatVersion);
  EXPECT_EQ(doc.find("max_id_length")->as_int(), 128);
  const Array& envelope = doc.find("envelope")->as_array();
  ASSERT_EQ(envelope.size(), std::size(schema::kEnvelope));
  EXPECT_EQ(envelope[2].find("name")->as_string(), "home");
  EXPECT_TRUE(envelope[2].find("required")->as_bool());
  EXPECT_EQ(envelope[2].find("required_except_kinds")->to_json(), R"(["authority","home"])");
  const Array& kinds = doc.find("kinds")->as_array();
  ASSERT_EQ(kinds.size(), std::size(schema::kKinds));
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    const schema::Kind& k = schema::kKinds[i];
    EXPECT_EQ(kinds[i].find("name")->as_string(), k.name);
    const Array& fields = kinds[i].find("fields")->as_array();
    ASSERT_EQ(fields.size(), k.fields.size()) << k.name;
    for (std::size_t j = 0; j < fields.size(); ++j) {
      EXPECT_EQ(fields[j].find("name")->as_string(), k.fields[j].name);
      EXPECT_EQ(fields[j].find("required")->as_bool(), k.fields[j].required);
      if (const Value* values = fields[j].find("values")) {
        EXPECT_EQ(values->as_array().size(), k.fields[j].values.size());
      }
    }
  }
  const Value& child = kinds[3];
  EXPECT_EQ(child.find("subject")->as_string(), "child");
  EXPECT_EQ(child.find("event_time")->as_string(), "admitted_at");
  const Value& reg44 = *std::find_if(kinds.begin(), kinds.end(), [](const Value& k) {
    return k.find("name")->as_string() == "reg44_visit";
  });
  const Value& recs = reg44.find("fields")->as_array().back();
  EXPECT_EQ(recs.find("type")->as_string(), "object_list");
  EXPECT_EQ(recs.find("members")->as_array().size(), 4u);
}

// An unknown format is a usage error (exit 2) and prints nothing on stdout.
TEST(SchemaCommandTest, UnknownFormatIsAUsageError) {
  const Output bad = run_carewatch("schema --format html");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_TRUE(bad.out.empty());
}

}  // namespace
}  // namespace carewatch::sdk
