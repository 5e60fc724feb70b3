#include <carewatch/sdk/schema.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include <carewatch/sdk/json.hpp>

namespace carewatch::sdk::schema {
namespace {

// Written out by hand from RECORDS.md, not from the table under test, so that a drift between the
// specification and schema.hpp fails here: each kind's required fields and a minimal valid body.
struct KindSpec {
  std::string kind;
  std::vector<std::string> required;
  std::string body;  // JSON members after the envelope, without braces
};

const std::vector<KindSpec>& specs() {
  static const std::vector<KindSpec> kSpecs = {
      {"authority", {}, ""},
      {"home", {"host_authority"}, R"("host_authority":"LA1")"},
      {"staff",
       {"role", "employment", "care_role", "started_at"},
       R"("role":"care_worker","employment":"permanent","care_role":true,"started_at":"2024-01-01")"},
      {"child",
       {"date_of_birth", "placing_authority", "admitted_at", "communication"},
       R"("date_of_birth":"2012-05-01","placing_authority":"LA1","admitted_at":"2025-01-01T10:00:00Z",)"
       R"("communication":"verbal")"},
      {"care_plan", {"child", "effective_from"}, R"("child":"C1","effective_from":"2025-01-01")"},
      {"shift",
       {"staff", "start", "end"},
       R"("staff":"S1","start":"2025-01-01T08:00:00Z","end":"2025-01-01T20:00:00Z")"},
      {"daily_log",
       {"child", "occurred_at", "author", "text"},
       R"("child":"C1","occurred_at":"2025-01-01T08:00:00Z","author":"S1","text":"ok")"},
      {"incident",
       {"child", "occurred_at", "categories"},
       R"("child":"C1","occurred_at":"2025-01-01T08:00:00Z","categories":["injury"])"},
      {"injury", {"child", "observed_at"}, R"("child":"C1","observed_at":"2025-01-01T08:00:00Z")"},
      {"restraint", {"child", "started_at"}, R"("child":"C1","started_at":"2025-01-01T08:00:00Z")"},
      {"measure",
       {"child", "applied_at", "type"},
       R"("child":"C1","applied_at":"2025-01-01T08:00:00Z","type":"reparation")"},
      {"medication", {"child", "medicine", "status"}, R"("child":"C1","medicine":"M1","status":"given")"},
      {"missing_episode", {"child", "missing_from"}, R"("child":"C1","missing_from":"2025-01-01T08:00:00Z")"},
      {"allegation", {"received_at"}, R"("received_at":"2025-01-01T08:00:00Z")"},
      {"cp_enquiry", {"started_at"}, R"("started_at":"2025-01-01T08:00:00Z")"},
      {"notification",
       {"about", "recipient", "sent_at"},
       R"("about":"I1","recipient":"ofsted","sent_at":"2025-01-01T08:00:00Z")"},
      {"complaint",
       {"received_at", "complainant"},
       R"("received_at":"2025-01-01T08:00:00Z","complainant":"child")"},
      {"concern", {"raised_at", "source"}, R"("raised_at":"2025-01-01T08:00:00Z","source":"family")"},
      {"visit",
       {"visitor_role", "visited_at"},
       R"("visitor_role":"social_worker","visited_at":"2025-01-01T08:00:00Z")"},
      {"visit_request",
       {"child", "requested_at", "requested_to"},
       R"("child":"C1","requested_at":"2025-01-01T08:00:00Z","requested_to":"advocate")"},
      {"review", {"child", "held_at"}, R"("child":"C1","held_at":"2025-01-01T08:00:00Z")"},
      {"reg44_visit", {"visited_at"}, R"("visited_at":"2025-01-01T08:00:00Z")"},
      {"reg45_review",
       {"period_start", "period_end"},
       R"("period_start":"2024-07-01","period_end":"2024-12-31")"},
      {"supervision", {"staff", "held_at"}, R"("staff":"S1","held_at":"2025-01-01T08:00:00Z")"},
      {"appraisal", {"staff", "held_at"}, R"("staff":"S1","held_at":"2025-01-01T08:00:00Z")"},
      {"manager_absence", {"staff", "starts_on"}, R"("staff":"S1","starts_on":"2025-01-01")"},
  };
  return kSpecs;
}

std::string envelope(const std::string& kind, const std::string& extra = {}) {
  std::string out = R"({"kind":")" + kind + R"(","id":"X1",)";
  if (kind != "home" && kind != "authority") out += R"("home":"H1",)";
  out += R"("recorded_at":"2025-01-02T00:00:00Z")";
  if (!extra.empty()) out += "," + extra;
  return out;
}

Value minimal(const KindSpec& spec) {
  auto v = parse_json(envelope(spec.kind, spec.body) + "}");
  EXPECT_TRUE(std::holds_alternative<Value>(v)) << spec.kind;
  return std::holds_alternative<Value>(v) ? std::get<Value>(v) : Value();
}

Value parse(std::string_view text) {
  auto v = parse_json(text);
  EXPECT_TRUE(std::holds_alternative<Value>(v)) << text;
  return std::holds_alternative<Value>(v) ? std::get<Value>(v) : Value();
}

Value without(Value v, std::string_view key) {
  auto& o = v.as_object();
  o.erase(std::remove_if(o.begin(), o.end(), [&](const Member& m) { return m.first == key; }), o.end());
  return v;
}

Value with(Value v, std::string_view key, Value value) {
  v.set(key, std::move(value));
  return v;
}

// A value of the wrong JSON type for each schema type.
Value wrong_type(Type t) {
  switch (t) {
    case Type::timestamp:
      return 5;
    case Type::date:
      return true;
    case Type::string:
      return 5;
    case Type::integer:
      return "5";
    case Type::number:
      return "5";
    case Type::boolean:
      return "true";
    case Type::string_list:
      return "a";
    case Type::enumeration:
      return 5;
    case Type::enum_list:
      return "a";
    case Type::object_list:
      return Value::object({});
  }
  return nullptr;
}

// Every kind in RECORDS.md has a minimal record that validates, and the table has no other kinds.
TEST(SchemaTest, MinimalRecordOfEveryKindIsValid) {
  std::set<std::string> table;
  for (const Kind& k : kKinds) table.emplace(k.name);
  std::set<std::string> spec;
  for (const auto& s : specs()) {
    spec.insert(s.kind);
    const auto err = validate(minimal(s));
    EXPECT_FALSE(err) << s.kind << ": " << (err ? err->field + ": " + err->reason : "");
  }
  EXPECT_EQ(table, spec);
}

// The table marks exactly the fields RECORDS.md calls required.
TEST(SchemaTest, RequiredFieldsMatchTheSpecification) {
  for (const auto& s : specs()) {
    const Kind* kind = find_kind(s.kind);
    ASSERT_NE(kind, nullptr) << s.kind;
    std::set<std::string> table;
    for (const Field& f : kind->fields)
      if (f.required) table.emplace(f.name);
    EXPECT_EQ(table, std::set<std::string>(s.required.begin(), s.required.end())) << s.kind;
  }
}

// Removing (or nulling) any required field rejects the record naming that field.
TEST(SchemaTest, MissingRequiredFieldIsNamed) {
  for (const auto& s : specs()) {
    for (const auto& name : s.required) {
      const auto err = validate(without(minimal(s), name));
      ASSERT_TRUE(err) << s.kind << "." << name;
      EXPECT_EQ(err->field, name) << s.kind;
      EXPECT_EQ(err->reason, "required field is missing");
      const auto null_err = validate(with(minimal(s), name, nullptr));
      ASSERT_TRUE(null_err) << s.kind << "." << name;
      EXPECT_EQ(null_err->field, name);
    }
  }
}

// A value of the wrong type in any field of any kind is rejected naming that field.
TEST(SchemaTest, WrongTypeIsNamed) {
  for (const auto& s : specs()) {
    const Kind* kind = find_kind(s.kind);
    ASSERT_NE(kind, nullptr);
    for (const Field& f : kind->fields) {
      const auto err = validate(with(minimal(s), f.name, wrong_type(f.type)));
      ASSERT_TRUE(err) << s.kind << "." << f.name;
      EXPECT_EQ(err->field, f.name) << s.kind;
    }
  }
}

// Inside a list the offending element is named by its index.
TEST(SchemaTest, WrongElementTypeInListIsNamedByIndex) {
  const Value incident = minimal(specs()[7]);
  ASSERT_EQ(incident.find("kind")->as_string(), "incident");
  auto err = validate(with(incident, "staff_involved", Array{"S1", 7}));
  ASSERT_TRUE(err);
  EXPECT_EQ(err->field, "staff_involved[1]");
  err = validate(with(incident, "categories", Array{"injury", "nonsense"}));
  ASSERT_TRUE(err);
  EXPECT_EQ(err->field, "categories[1]");
}

// Integers must be integral and numbers may be either kind of JSON number.
TEST(SchemaTest, DistinguishesIntegersAndNumbers) {
  const Value staff = minimal(specs()[2]);
  ASSERT_EQ(staff.find("kind")->as_string(), "staff");
  EXPECT_FALSE(validate(with(staff, "references_received", 2)));
  const auto err = validate(with(staff, "references_received", 2.0));
  ASSERT_TRUE(err);
  EXPECT_EQ(err->field, "references_received");
  const Value child = minimal(specs()[3]);
  EXPECT_FALSE(validate(with(child, "distance_from_home_km", 12)));
  EXPECT_FALSE(validate(with(child, "distance_from_home_km", 12.5)));
}

// Strings that are not real timestamps or dates are rejected naming the field.
TEST(SchemaTest, MalformedTimestampsAndDatesAreNamed) {
  const Value child = minimal(specs()[3]);
  auto err = validate(with(child, "admitted_at", "2025-01-01T10:00:00"));
  ASSERT_TRUE(err);
  EXPECT_EQ(err->field, "admitted_at");
  EXPECT_NE(err->reason.find("explicit offset"), std::string::npos);
  err = validate(with(child, "date_of_birth", "2025-02-29"));
  ASSERT_TRUE(err);
  EXPECT_EQ(err->field, "date_of_birth");
  EXPECT_EQ(err->reason, "'2025-02-29' is not a YYYY-MM-DD date");
}

// An enumeration value outside the vocabulary is rejected naming the field and listing the values.
TEST(SchemaTest, UnknownEnumValueIsNamed) {
  int enum_fields = 0;
  for (const auto& s : specs()) {
    const Kind* kind = find_kind(s.kind);
    ASSERT_NE(kind, nullptr);
    for (const Field& f : kind->fields) {
      if (f.type != Type::enumeration && f.type != Type::enum_list) continue;
      ++enum_fields;
      const Value bad = f.type == Type::enumeration ? Value("not_a_value") : Value(Array{"not_a_value"});
      const auto err = validate(with(minimal(s), f.name, bad));
      ASSERT_TRUE(err) << s.kind << "." << f.name;
      EXPECT_EQ(err->field, std::string(f.name) + (f.type == Type::enum_list ? "[0]" : "")) << s.kind;
      EXPECT_NE(err->reason.find("unknown value 'not_a_value'"), std::string::npos) << err->reason;
      EXPECT_NE(err->reason.find(std::string(f.values.front())), std::string::npos) << err->reason;
      // Every listed value is accepted.
      for (const auto v : f.values) {
        const Value good = f.type == Type::enumeration ? Value(v) : Value(Array{Value(v)});
        EXPECT_FALSE(validate(with(minimal(s), f.name, good))) << s.kind << "." << f.name << "=" << v;
      }
    }
  }
  EXPECT_EQ(enum_fields, 18);
}

// Rejection messages never quote record free text: only short closed-vocabulary tokens are quoted.
TEST(SchemaTest, ErrorsDoNotQuoteFreeText) {
  const Value measure = minimal(specs()[10]);
  ASSERT_EQ(measure.find("kind")->as_string(), "measure");
  auto err = validate(with(measure, "type", "Jane Smith was sent to bed"));
  ASSERT_TRUE(err);
  EXPECT_EQ(err->reason.find("Jane"), std::string::npos) << err->reason;
  err = validate(with(measure, "applied_at", "when Jane got home"));
  ASSERT_TRUE(err);
  EXPECT_EQ(err->reason.find("Jane"), std::string::npos) << err->reason;
  err = validate(with(measure, "type", std::string(60, 'x')));
  ASSERT_TRUE(err);
  EXPECT_EQ(err->reason.find("xxxx"), std::string::npos) << err->reason;
}

// Required strings and required lists may not be empty.
TEST(SchemaTest, RequiredValuesMayNotBeEmpty) {
  auto err = validate(with(minimal(specs()[7]), "categories", Array{}));
  ASSERT_TRUE(err);
  EXPECT_EQ(err->field, "categories");
  EXPECT_EQ(err->reason, "must not be empty");
  err = validate(with(minimal(specs()[6]), "text", ""));
  ASSERT_TRUE(err);
  EXPECT_EQ(err->field, "text");
  // An optional string may be empty.
  EXPECT_FALSE(validate(with(minimal(specs()[6]), "signed_at", nullptr)));
  EXPECT_FALSE(validate(with(minimal(specs()[8]), "explanation", "")));
}

// A tombstone (deleted: true) of any kind needs only its envelope; deleted: false does not excuse.
TEST(SchemaTest, TombstoneNeedsOnlyTheEnvelope) {
  for (const auto& s : specs()) {
    const Value tombstone = parse(envelope(s.kind, R"("deleted":true,"revision":2)") + "}");
    const auto err = validate(tombstone);
    EXPECT_FALSE(err) << s.kind << ": " << (err ? err->field + ": " + err->reason : "");
    if (!s.required.empty()) {
      const auto live = validate(with(tombstone, "deleted", false));
      ASSERT_TRUE(live) << s.kind;
      EXPECT_EQ(live->field, s.required.front()) << s.kind;
    }
  }
  // The envelope itself is still required, and fields present are still type-checked.
  auto err = validate(
      parse(R"({"kind":"daily_log","id":"X1","recorded_at":"2025-01-02T00:00:00Z","deleted":true})"));
  ASSERT_TRUE(err);
  EXPECT_EQ(err->field, "home");
  err = validate(parse(envelope("daily_log", R"("deleted":true,"child":5)") + "}"));
  ASSERT_TRUE(err);
  EXPECT_EQ(err->field, "child");
}

// Fields the schema does not know are accepted and kept untouched in the record.
TEST(SchemaTest, UnknownFieldsAreKept) {
  const std::string line =
      envelope("daily_log", R"("child":"C1","occurred_at":"2025-01-01T08:00:00Z",)"
                            R"("author":"S1","text":"ok","x_source":{"system":"abc","n":[1,2.5]}})");
  auto parsed = parse_record_line(line);
  ASSERT_TRUE(std::holds_alternative<Record>(parsed));
  const Record& r = std::get<Record>(parsed);
  ASSERT_NE(r.field("x_source"), nullptr);
  EXPECT_EQ(r.field("x_source")->to_json(), R"({"n":[1,2.5],"system":"abc"})");
  EXPECT_NE(r.body().to_json().find(R"("x_source":{"n":[1,2.5],"system":"abc"})"), std::string::npos);
}

// Ids are 1 to 128 characters, counted as characters rather than bytes.
TEST(SchemaTest, IdLengthIsLimited) {
  const Value base = minimal(specs()[0]);
  EXPECT_FALSE(validate(with(base, "id", std::string(128, 'a'))));
  auto err = validate(with(base, "id", std::string(129, 'a')));
  ASSERT_TRUE(err);
  EXPECT_EQ(err->field, "id");
  EXPECT_EQ(err->reason, "must be 1 to 128 characters");
  err = validate(with(base, "id", ""));
  ASSERT_TRUE(err);
  EXPECT_EQ(err->field, "id");
  std::string wide;
  for (int i = 0; i < 128; ++i) wide += "\xc3\xa9";  // 128 characters, 256 bytes
  EXPECT_FALSE(validate(with(base, "id", wide)));
  err = validate(with(base, "id", wide + "\xc3\xa9"));
  ASSERT_TRUE(err);
  EXPECT_EQ(err->field, "id");
  err = validate(with(base, "id", 17));
  ASSERT_TRUE(err);
  EXPECT_EQ(err->field, "id");
}

// A revision must be an integer of at least 1; absent means 1.
TEST(SchemaTest, RevisionIsAtLeastOne) {
  const Value base = minimal(specs()[0]);
  EXPECT_FALSE(validate(base));
  EXPECT_FALSE(validate(with(base, "revision", 1)));
  EXPECT_FALSE(validate(with(base, "revision", std::int64_t{1} << 40)));
  for (const Value& bad : {Value(0), Value(-1), Value(1.0), Value("2"), Value(true)}) {
    const auto err = validate(with(base, "revision", bad));
    ASSERT_TRUE(err) << bad.to_json();
    EXPECT_EQ(err->field, "revision");
  }
}

// Every kind needs a home except the reference kinds home and authority, and an empty home is absent.
TEST(SchemaTest, HomeIsRequiredExceptForHomeAndAuthority) {
  std::set<std::string> optional_home;
  for (const auto& s : specs()) {
    const Value v = without(minimal(s), "home");
    const auto err = validate(v);
    if (!err) {
      optional_home.insert(s.kind);
      continue;
    }
    EXPECT_EQ(err->field, "home") << s.kind;
    const auto empty = validate(with(v, "home", ""));
    ASSERT_TRUE(empty);
    EXPECT_EQ(empty->field, "home");
  }
  EXPECT_EQ(optional_home, (std::set<std::string>{"authority", "home"}));
  EXPECT_FALSE(validate(with(minimal(specs()[1]), "home", "H1")));
}

// Envelope problems are named precisely: not an object, missing or unknown kind, bad recorded_at.
TEST(SchemaTest, EnvelopeErrorsAreNamed) {
  auto err = validate(parse("[1,2]"));
  ASSERT_TRUE(err);
  EXPECT_EQ(err->field, "line");
  err = validate(parse(R"({"id":"X1","home":"H1","recorded_at":"2025-01-02T00:00:00Z"})"));
  ASSERT_TRUE(err);
  EXPECT_EQ(err->field, "kind");
  err = validate(parse(R"({"kind":"spaceship","id":"X1","home":"H1","recorded_at":"2025-01-02T00:00:00Z"})"));
  ASSERT_TRUE(err);
  EXPECT_EQ(err->field, "kind");
  EXPECT_EQ(err->reason, "unknown kind 'spaceship'");
  err = validate(parse(R"({"kind":7,"id":"X1","home":"H1","recorded_at":"2025-01-02T00:00:00Z"})"));
  ASSERT_TRUE(err);
  EXPECT_EQ(err->field, "kind");
  err = validate(parse(R"({"kind":"authority","id":"X1"})"));
  ASSERT_TRUE(err);
  EXPECT_EQ(err->field, "recorded_at");
  const Value base = minimal(specs()[0]);
  for (const auto& [key, bad] : std::vector<std::pair<std::string, Value>>{
           {"recorded_at", "2025-01-02"}, {"recorded_by", 3}, {"deleted", "yes"}, {"home", 1}}) {
    err = validate(with(base, key, bad));
    ASSERT_TRUE(err) << key;
    EXPECT_EQ(err->field, key);
  }
}

// Errors inside reg44_visit.recommendations name the element and the member.
TEST(SchemaTest, NestedRecommendationErrorsNameThePath) {
  const std::string good =
      R"({"ref":"R1","consider_by":"2025-02-01","decision":"accepted","decided_at":"2025-01-20T09:00:00Z"})";
  auto visit = [&](const std::string& recs) {
    return parse(envelope("reg44_visit", R"("visited_at":"2025-01-01T08:00:00Z","recommendations":)" + recs) +
                 "}");
  };
  EXPECT_FALSE(validate(visit("[" + good + "," + good + "]")));
  EXPECT_FALSE(validate(visit("[]")));
  EXPECT_FALSE(validate(visit(R"([{"ref":"R1","extra":true}])")));
  auto err = validate(visit("[" + good + R"(,{"ref":"R2","decided_at":"soon"}])"));
  ASSERT_TRUE(err);
  EXPECT_EQ(err->field, "recommendations[1].decided_at");
  err = validate(visit(R"([{"decision":"maybe"}])"));
  ASSERT_TRUE(err);
  EXPECT_EQ(err->field, "recommendations[0].decision");
  err = validate(visit(R"([{"consider_by":"2025-02-30"}])"));
  ASSERT_TRUE(err);
  EXPECT_EQ(err->field, "recommendations[0].consider_by");
  err = validate(visit("[" + good + ",\"R2\"]"));
  ASSERT_TRUE(err);
  EXPECT_EQ(err->field, "recommendations[1]");
  err = validate(visit(R"([{"ref":5}])"));
  ASSERT_TRUE(err);
  EXPECT_EQ(err->field, "recommendations[0].ref");
}

// The table is self-consistent: event-time fields are timestamps of their kind, links are ids.
TEST(SchemaTest, TableIsSelfConsistent) {
  for (const Kind& k : kKinds) {
    if (!k.event_time.empty()) {
      const Field* f = find_field(k, k.event_time);
      ASSERT_NE(f, nullptr) << k.name;
      EXPECT_EQ(f->type, Type::timestamp) << k.name;
    }
    std::set<std::string_view> names;
    for (const Field& f : k.fields) {
      EXPECT_TRUE(names.insert(f.name).second) << k.name << "." << f.name << " twice";
      for (const Field& e : kEnvelope) {
        EXPECT_NE(f.name, e.name) << k.name;
      }
      if (f.link != Link::none) {
        EXPECT_TRUE(f.type == Type::string || f.type == Type::string_list) << k.name << "." << f.name;
      }
      const bool enumerated = f.type == Type::enumeration || f.type == Type::enum_list;
      EXPECT_EQ(enumerated, !f.values.empty()) << k.name << "." << f.name;
      EXPECT_EQ(f.type == Type::object_list, !f.members.empty()) << k.name << "." << f.name;
    }
    EXPECT_TRUE(k.group == "reference" || k.group == "care" || k.group == "safeguarding" ||
                k.group == "oversight")
        << k.name;
  }
  EXPECT_EQ(find_kind("nope"), nullptr);
  ASSERT_NE(find_kind("child"), nullptr);
  EXPECT_EQ(find_kind("child")->is_subject, Link::child);
  EXPECT_EQ(find_kind("staff")->is_subject, Link::staff);
  EXPECT_EQ(find_field(*find_kind("child"), "nope"), nullptr);
  EXPECT_EQ(type_name(Type::string_list), "list of strings");
}

}  // namespace
}  // namespace carewatch::sdk::schema
