#include "parley/io/json.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "parley/io/json_internal.h"

namespace parley::json {
namespace {

TEST(Json, KeepsExactNumberTextAndKeyOrder) {
  auto doc = parse(R"({"b": 0.1, "a": [1, -2.50e3, 12345678901234567890123], "c": "x"})", "t");
  ASSERT_TRUE(doc);
  const Value& v = doc.value();
  ASSERT_EQ(v.members().size(), 3u);
  EXPECT_EQ(v.members()[0].first, "b");
  EXPECT_EQ(v.find("b")->text(), "0.1");
  EXPECT_EQ(v.find("a")->items()[1].text(), "-2.50e3");
  EXPECT_EQ(v.find("a")->items()[2].text(), "12345678901234567890123");
  EXPECT_EQ(write(v, {.indent = 0}), R"({"b":0.1,"a":[1,-2.50e3,12345678901234567890123],"c":"x"})");
}

TEST(Json, SyntaxErrorsCarryPointerLineAndColumn) {
  auto doc = parse("{\n  \"issues\": [\n    {\"id\": tru}\n  ]\n}", "f.json");
  ASSERT_FALSE(doc);
  ASSERT_EQ(doc.errors().size(), 1u);
  EXPECT_EQ(doc.errors()[0].pointer, "/issues/0/id");
  EXPECT_NE(doc.errors()[0].message.find("line 3, column"), std::string::npos) << doc.errors()[0].message;
}

TEST(Json, DuplicateKeysAreErrors) {
  auto doc = parse(R"({"a": 1, "b": {"x": 1, "x": 2}, "a": 3})", "f");
  ASSERT_FALSE(doc);
  ASSERT_EQ(doc.errors().size(), 2u);
  EXPECT_EQ(doc.errors()[0].pointer, "/b/x");
  EXPECT_EQ(doc.errors()[1].pointer, "/a");
  EXPECT_NE(doc.errors()[0].message.find("duplicate key"), std::string::npos);
}

TEST(Json, DepthAndSizeAreBounded) {
  std::string deep(100, '[');
  deep += std::string(100, ']');
  auto doc = parse(deep, "f");
  ASSERT_FALSE(doc);
  EXPECT_NE(doc.errors()[0].message.find("nested more than 64"), std::string::npos);

  ParseLimits small{.max_bytes = 10};
  EXPECT_FALSE(parse("[1,2,3,4,5,6,7]", "f", small));
  ParseLimits few{.max_values = 3};
  EXPECT_FALSE(parse("[1,2,3,4]", "f", few));
  EXPECT_TRUE(parse("[1,2]", "f", few));
}

TEST(Json, RejectsInvalidUtf8AndTrailingGarbage) {
  EXPECT_FALSE(parse("\"\xff\"", "f"));
  EXPECT_FALSE(parse("{} x", "f"));
  EXPECT_FALSE(parse("", "f"));
  EXPECT_FALSE(parse("[1,]", "f"));
  // Control characters in a message are escaped so that it stays on one line.
  auto doc = parse("[\"a\n\"]", "f");
  ASSERT_FALSE(doc);
  EXPECT_EQ(doc.errors()[0].message.find('\n'), std::string::npos);
}

TEST(Json, MissingFileIsUnreadableNotInvalid) {
  auto doc = parse_file("/nonexistent/parley/file.json");
  ASSERT_FALSE(doc);
  EXPECT_EQ(doc.failure().kind, FailureKind::unreadable);
}

// A scratch directory of this test process's own, removed at the end of each test.
class JsonFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("parley_json_test_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string write_file(const std::string& name, const std::string& text) {
    std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  std::filesystem::path dir_;
};

TEST_F(JsonFileTest, DirectoryIsUnreadable) {
  auto doc = parse_file(dir_.string());
  ASSERT_FALSE(doc);
  EXPECT_EQ(doc.failure().kind, FailureKind::unreadable);
  EXPECT_EQ(doc.failure().source, dir_.string());
  ASSERT_EQ(doc.errors().size(), 1u);
  EXPECT_EQ(doc.errors()[0].pointer, "");
  EXPECT_EQ(doc.errors()[0].message, "is a directory, not a file");
}

TEST_F(JsonFileTest, ReadsToTheEndWithinTheCap) {
  std::string path = write_file("small.json", "[1, 2, 3]");  // 9 bytes
  auto exact = parse_file(path, {.max_bytes = 9});
  ASSERT_TRUE(exact);
  EXPECT_EQ(exact.value().items().size(), 3u);
  auto over = parse_file(path, {.max_bytes = 8});
  ASSERT_FALSE(over);
  EXPECT_EQ(over.failure().kind, FailureKind::invalid_input);
  EXPECT_EQ(over.errors()[0].message, "the file is larger than 8 bytes; parley reads at most 8 bytes");

  // Many read chunks: every one of them must arrive, in order.
  std::string many = "[0";
  for (int k = 1; k < 100'000; ++k) many += "," + std::to_string(k);
  many += "]";
  auto doc = parse_file(write_file("many.json", many));
  ASSERT_TRUE(doc);
  ASSERT_EQ(doc.value().items().size(), 100'000u);
  EXPECT_EQ(doc.value().items()[54'321].text(), "54321");
  EXPECT_EQ(doc.value().items().back().text(), "99999");
}

TEST_F(JsonFileTest, ReadsAPipe) {
  // A FIFO has no size to ask for; it must be read until the writer closes it.
  std::string fifo = (dir_ / "pipe").string();
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::thread writer([&] { std::ofstream(fifo, std::ios::binary) << R"({"a": [1, 2], "b": "c"})"; });
  auto doc = parse_file(fifo);
  // Should parse_file have returned without opening the FIFO, a reader of our
  // own lets the writer's open return instead of blocking the join forever.
  int unblock = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK);
  writer.join();
  if (unblock >= 0) ::close(unblock);
  ASSERT_TRUE(doc) << doc.errors()[0].message;
  EXPECT_EQ(doc.value().find("a")->items().size(), 2u);
  EXPECT_EQ(doc.value().find("b")->text(), "c");
}

TEST(Json, WriterEscapesAndIndents) {
  Value v = Value::object();
  v.add("s", Value::string("a\"b\\c\n\x01"));
  v.add("n", Value::number(Rational(1, 3)));
  v.add("d", Value::number(Rational(3, 8)));
  v.add("f", Value::number(0.1));
  EXPECT_EQ(write(v, {.indent = 0}), R"({"s":"a\"b\\c\n\u0001","n":"1/3","d":0.375,"f":0.1})");
  Value long_array = Value::array();
  for (int k = 0; k < 40; ++k) long_array.push(Value::integer(k * 1000));
  std::string text = write(long_array);
  EXPECT_NE(text.find("[\n  0,\n  1000,"), std::string::npos);
  auto back = parse(write(v), "f");
  ASSERT_TRUE(back);
  EXPECT_EQ(back.value(), v);
}

TEST(Json, PointerEscaping) {
  EXPECT_EQ(pointer_join("/a", "b/c~d"), "/a/b~1c~0d");
  EXPECT_EQ(pointer_join("", 3), "/3");
}

TEST(Json, NumbersBeyondTheDoubleRangeAreNamed) {
  auto r = json::parse(R"({"w": [1, 1e309]})", "big.json");
  ASSERT_FALSE(r);
  ASSERT_EQ(r.errors().size(), 1u);
  EXPECT_EQ(r.errors()[0].pointer, "/w/1");
  EXPECT_EQ(r.errors()[0].message, "the number 1e309 is too large; parley reads numbers up to about 1.7e308 in size");
}

// ---- the fast path (json_internal.h) against the general parser ------------

TEST(JsonPlain, ReadsEveryExampleAsTheGeneralParserDoes) {
  std::size_t read = 0;
  for (const char* dir : {"/examples", "/tests/scenarios", "/tests/golden"}) {
    for (const auto& entry : std::filesystem::directory_iterator(std::string(PARLEY_SOURCE_DIR) + dir)) {
      if (entry.path().extension() != ".json") continue;
      std::ifstream in(entry.path());
      const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      const Result<Value> general = internal::parse_general(text, "t", {});
      if (!general) continue;
      const std::optional<Value> plain = internal::parse_plain(text, {});
      // The examples are plain ASCII JSON: the fast path reads them all.
      if (std::string(dir) == "/examples") {
        EXPECT_TRUE(plain.has_value()) << entry.path();
      }
      if (!plain) continue;
      EXPECT_EQ(*plain, general.value()) << entry.path();
      ++read;
    }
  }
  EXPECT_GT(read, 20u);
}

TEST(JsonPlain, KeepsNumbersAsTheGeneralParserDoes) {
  for (const char* text : {"-0", "0", "-7", "123456789012345678", "-0.0", "2.50e-3", "1E+2", "1.5e-400", "[-0, 1e299]"}) {
    SCOPED_TRACE(text);
    const std::optional<Value> plain = internal::parse_plain(text, {});
    ASSERT_TRUE(plain.has_value());
    EXPECT_EQ(*plain, internal::parse_general(text, "t", {}).value());
  }
  EXPECT_EQ(internal::parse_plain("-0", {})->text(), "0");  // an integer, as it reads back
  EXPECT_EQ(internal::parse_plain("-0.0", {})->text(), "-0.0");
}

TEST(JsonPlain, LeavesErrorsAndTheUnusualToTheGeneralParser) {
  for (const char* text :
       {"\"\xc3\xa9\"", "\"\\u0041\"", "1234567890123456789", "1e400", "9e301", R"({"a": 1, "a": 2})", "[1,]", "01",
        "1.", "-", "tru", "[1] x", "{\"a\" 1}", "{,}", "\"a\tb\"", "\"\\x\"", "[1 2]", "/* c */ 1", "1e1234567"}) {
    SCOPED_TRACE(text);
    EXPECT_FALSE(internal::parse_plain(text, {}).has_value());
  }
  // A duplicate among many keys (past the first 16, found by a set).
  std::string many = "{";
  for (int k = 0; k < 40; ++k) many += "\"k" + std::to_string(k) + "\": " + std::to_string(k) + ", ";
  EXPECT_TRUE(internal::parse_plain(many + "\"last\": 0}", {}).has_value());
  EXPECT_FALSE(internal::parse_plain(many + "\"k3\": 0}", {}).has_value());
  // At the limits, the general parser says so.
  EXPECT_FALSE(internal::parse_plain("[[[1]]]", {.max_depth = 2}).has_value());
  EXPECT_TRUE(internal::parse_plain("[[1]]", {.max_depth = 2}).has_value());
  EXPECT_FALSE(internal::parse_plain("[1, 2, 3]", {.max_values = 3}).has_value());
  EXPECT_TRUE(internal::parse_plain("[1, 2, 3]", {.max_values = 4}).has_value());
}

// Random documents, and the same with a character or two deleted, inserted
// or replaced: whenever the fast path answers, it is the general parser's
// answer (and it answers most of the unmutated ones).
rc::Gen<std::string> gen_document() {
  return rc::gen::exec([] {
    static const std::vector<std::string> scalars{
        "0", "-0", "12", "-7", "0.5", "1e3", "1E+2", "2.50e-3", "123456789012345678", "1234567890123456789", "1e400",
        "-1.5e308", "true", "false", "null", R"("")", R"("a b")", R"("q\"uote\\d\n\t\/")", R"("\u00e9")", "\"\xc3\xa9\""};
    static const std::vector<std::string> spaces{"", " ", "\n  ", "\t", "\r\n"};
    static const std::vector<std::string> keys{"a", "b", "id", "k"};
    auto space = [] { return spaces[*rc::gen::inRange<std::size_t>(0, spaces.size())]; };
    // Built outside in with an explicit list of open containers (no recursion).
    std::string out;
    std::vector<std::pair<bool, int>> open;  // (object?, members so far)
    int budget = *rc::gen::inRange(1, 30);
    bool expect_value = true;
    while (true) {
      if (expect_value) {
        const int kind = budget-- > 0 && open.size() < 4 ? *rc::gen::inRange(0, 4) : 0;
        if (kind == 0 || kind == 1) {
          out += space() + scalars[*rc::gen::inRange<std::size_t>(0, scalars.size())] + space();
          expect_value = false;
        } else {
          open.emplace_back(kind == 2, 0);
          out += space() + (kind == 2 ? "{" : "[") + space();
          expect_value = false;
          continue;
        }
      }
      if (open.empty()) return out;
      auto& [object, members] = open.back();
      if (budget > 0 && *rc::gen::inRange(0, 3) > 0) {
        if (members++ > 0) out += ",";
        if (object) out += space() + "\"" + keys[*rc::gen::inRange<std::size_t>(0, keys.size())] + "\"" + space() + ":";
        expect_value = true;
        --budget;
      } else {
        out += std::string(object ? "}" : "]") + space();
        open.pop_back();
      }
    }
  });
}

RC_GTEST_PROP(JsonPlainProperty, AgreesWithTheGeneralParser, ()) {
  std::string text = *gen_document();
  const int edits = *rc::gen::inRange(0, 3);
  static const std::string alphabet = "{}[],:\" \\0123456789-+.eEtrufalsn/x\t\xc3";
  for (int k = 0; k < edits && !text.empty(); ++k) {
    const std::size_t at = *rc::gen::inRange<std::size_t>(0, text.size());
    const char c = alphabet[*rc::gen::inRange<std::size_t>(0, alphabet.size())];
    switch (*rc::gen::inRange(0, 3)) {
      case 0: text.erase(at, 1); break;
      case 1: text.insert(at, 1, c); break;
      default: text[at] = c; break;
    }
  }
  const std::optional<Value> plain = internal::parse_plain(text, {});
  const Result<Value> general = internal::parse_general(text, "t", {});
  RC_TAG(plain ? "fast path" : general ? "general parser only" : "an error");
  if (plain) {
    RC_ASSERT(general.ok());
    RC_ASSERT(*plain == general.value());
  }
}

}  // namespace
}  // namespace parley::json
