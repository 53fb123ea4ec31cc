#include "parley/io/json.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

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

}  // namespace
}  // namespace parley::json
