#include "parley/io/json.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace parley::json
