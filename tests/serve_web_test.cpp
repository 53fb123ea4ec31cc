// `parley serve` with the web page, end to end: the built binary serves the
// folder --web names (or, by default, the folder web beside itself) at / and
// the API beside it, on the port it printed; a --web folder that is not
// there stops it before it listens.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "http_support.h"
#include "parley/io/json.h"
#include "test_support.h"

namespace parley::test {
namespace {

namespace fs = std::filesystem;

struct TempDir {
  explicit TempDir(const std::string& stem) : path(temp_path(stem)) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  fs::path path;
};

std::string create_body() {
  Result<json::Value> doc = json::parse(read_text(source_dir() + "/examples/ceasefire.json"), "ceasefire.json");
  EXPECT_TRUE(doc);
  return doc ? json::write(json::Value::object().add("scenario", doc.value()), {.indent = 0}) : "";
}

TEST(ServeWeb, ServesTheFolderNamedByWebBesideTheApi) {
  TempDir dir("serve-web");
  fs::create_directories(dir.path / "web" / "assets");
  std::ofstream(dir.path / "web" / "index.html") << "<!doctype html><title>room</title>";
  std::ofstream(dir.path / "web" / "assets" / "index-Zz09_-aB.js") << "export {};";
  ServeProcess server((dir.path / "rooms.sqlite").string(), {"--web", (dir.path / "web").string()});
  ASSERT_TRUE(server.running()) << server.first_line();
  EXPECT_GT(server.port(), 0);  // --listen 127.0.0.1:0 printed the port it got
  EXPECT_EQ(server.first_line(), "listening on http://127.0.0.1:" + std::to_string(server.port()));

  HttpReply page = http(server.port(), "GET", "/");
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.body, "<!doctype html><title>room</title>");
  EXPECT_EQ(page.headers["content-type"], "text/html; charset=utf-8");
  EXPECT_EQ(page.headers["x-content-type-options"], "nosniff");
  HttpReply script = http(server.port(), "GET", "/assets/index-Zz09_-aB.js");
  EXPECT_EQ(script.body, "export {};");
  EXPECT_EQ(script.headers["cache-control"], "public, max-age=31536000, immutable");

  // The API as ever: a room, with links the page reads its room and token from.
  HttpReply created = http(server.port(), "POST", "/v1/rooms", "", create_body());
  ASSERT_EQ(created.status, 201) << created.body;
  Result<json::Value> v = json::parse(created.body, "reply");
  ASSERT_TRUE(v);
  const std::string room = v.value().find("room")->text();
  const std::string mediator = v.value().find("mediator_token")->text();
  EXPECT_EQ(v.value().find("links")->find("mediator")->text(), "/#room=" + room + "&token=" + mediator);
  HttpReply state = http(server.port(), "GET", "/v1/rooms/" + room, mediator);
  EXPECT_EQ(state.status, 200) << state.body;
  EXPECT_EQ(state.headers["content-type"], "application/json");
  EXPECT_EQ(http(server.port(), "GET", "/v1/rooms/" + room, "").status, 401);
}

// Without --web: the folder web beside the executable (build/web for
// build/parley), the bundle when the build made one, else the page saying
// how to build it. The server names the folder on stderr.
TEST(ServeWeb, ByDefaultServesTheFolderBesideTheExecutable) {
  TempDir dir("serve-web-default");
  const fs::path log = dir.path / "serve.log";
  const fs::path beside = fs::path(PARLEY_BINARY).parent_path() / "web";
  std::string page_text;
  {
    ServeProcess server((dir.path / "rooms.sqlite").string(), {}, log.string());
    ASSERT_TRUE(server.running()) << server.first_line();
    HttpReply page = http(server.port(), "GET", "/");
    EXPECT_EQ(page.status, 200);
    page_text = page.body;
  }
  const std::string err = read_text(log.string());
  if (fs::exists(beside / "index.html")) {
    EXPECT_EQ(page_text, read_text((beside / "index.html").string()));
    EXPECT_NE(err.find("parley: the web page is served at / from " + beside.string()), std::string::npos) << err;
  } else {
    EXPECT_NE(page_text.find("The web page was not built"), std::string::npos) << page_text;
    EXPECT_NE(err.find("parley: no web page in " + beside.string() + " (no index.html)"), std::string::npos) << err;
  }
}

TEST(ServeWeb, AWebFolderThatIsNotThereStopsItBeforeItListens) {
  TempDir dir("serve-web-missing");
  const fs::path log = dir.path / "serve.log";
  const std::string missing = (dir.path / "no-such-folder").string();
  ServeProcess server((dir.path / "rooms.sqlite").string(), {"--web", missing}, log.string());
  EXPECT_FALSE(server.running());
  EXPECT_EQ(server.first_line(), "");
  EXPECT_EQ(read_text(log.string()), "parley: --web " + missing + ": no such folder\n");
  EXPECT_FALSE(fs::exists(dir.path / "rooms.sqlite"));  // refused before the database was opened
}

}  // namespace
}  // namespace parley::test
