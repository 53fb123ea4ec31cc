// The web page's files: what is read from the bundle folder and what never
// is (dot files, symlinks out, paths that climb), their headers, and how the
// server answers for them beside an unchanged API (a fake handler stands in
// for the room library).
#include "parley/server/static_files.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

#include "http_support.h"
#include "parley/server/server.h"
#include "test_support.h"

namespace parley::server {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using test::HttpConnection;
using test::http;

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// A bundle as Vite writes it, beside a secret that no request may read:
//   ROOT/secret.txt, ROOT/outside/f.txt
//   ROOT/web/index.html, assets/index-Ab3_d-9Z.js, assets/style-12345678.css, ...
//   ROOT/web/link-out.txt -> ../secret.txt, dir-out -> ../outside, alias.js -> assets/index-Ab3_d-9Z.js
struct Bundle {
  Bundle() : root(test::temp_path("static-files")) {
    fs::remove_all(root);
    write(root / "secret.txt", kSecret);
    write(root / "outside" / "f.txt", kSecret);
    write(web / "index.html", kIndex);
    write(web / "assets" / "index-Ab3_d-9Z.js", "console.log('page');\n");
    write(web / "assets" / "style-12345678.css", "body { color: #111; }\n");
    write(web / "assets" / "plain.js", "// not hashed\n");
    write(web / "favicon.ico", std::string("\0\0\1\0", 4));
    write(web / "logo.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>");
    write(web / "map.png", "\x89PNG\r\n");
    write(web / "data.json", "{\"a\": 1}");
    write(web / "fonts" / "f.woff2", "wOF2");
    write(web / ".vite" / "manifest.json", kSecret);
    write(web / "assets" / ".hidden.js", kSecret);
    fs::create_directory_symlink(root / "outside", web / "dir-out");
    fs::create_symlink(root / "secret.txt", web / "link-out.txt");
    fs::create_symlink(web / "assets" / "index-Ab3_d-9Z.js", web / "alias.js");
  }
  ~Bundle() { fs::remove_all(root); }
  static constexpr const char* kSecret = "SECRET-OUTSIDE-THE-BUNDLE";
  static constexpr const char* kIndex = "<!doctype html><title>parley</title><script src=\"./assets/index-Ab3_d-9Z.js\"></script>";
  fs::path root;
  fs::path web = root / "web";
};

TEST(StaticFiles, ContentTypesByExtension) {
  EXPECT_EQ(content_type_for("/index.html"), "text/html; charset=utf-8");
  EXPECT_EQ(content_type_for("/assets/index-Ab3_d-9Z.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(content_type_for("/a.mjs"), "text/javascript; charset=utf-8");
  EXPECT_EQ(content_type_for("/assets/style.CSS"), "text/css; charset=utf-8");
  EXPECT_EQ(content_type_for("/logo.svg"), "image/svg+xml");
  EXPECT_EQ(content_type_for("/map.png"), "image/png");
  EXPECT_EQ(content_type_for("/data.json"), "application/json");
  EXPECT_EQ(content_type_for("/fonts/f.woff2"), "font/woff2");
  EXPECT_EQ(content_type_for("/favicon.ico"), "image/x-icon");
  EXPECT_EQ(content_type_for("/README"), "application/octet-stream");
  EXPECT_EQ(content_type_for("/v.1/README"), "application/octet-stream");  // the dot of a folder is no extension
  EXPECT_EQ(content_type_for("/x.exe"), "application/octet-stream");
}

TEST(StaticFiles, ReadsTheBundleWithItsCachingRules) {
  Bundle b;
  Result<StaticFiles> loaded = StaticFiles::load(b.web);
  ASSERT_TRUE(loaded) << loaded.errors()[0].message;
  const StaticFiles& web = loaded.value();
  EXPECT_TRUE(web.built());
  // index.html, 3 assets, favicon, logo, png, json, font, alias.js: not the
  // dot files, not what the links out lead to.
  EXPECT_EQ(web.size(), 10u);
  const StaticFile* index = web.find("/");
  ASSERT_NE(index, nullptr);
  EXPECT_EQ(index->body, Bundle::kIndex);
  EXPECT_EQ(index->content_type, "text/html; charset=utf-8");
  EXPECT_EQ(index->cache_control, "no-cache");
  EXPECT_EQ(web.find("/index.html"), index);
  const StaticFile* script = web.find("/assets/index-Ab3_d-9Z.js");
  ASSERT_NE(script, nullptr);
  EXPECT_EQ(script->body, "console.log('page');\n");
  EXPECT_EQ(script->cache_control, "public, max-age=31536000, immutable");
  EXPECT_EQ(web.find("/assets/style-12345678.css")->cache_control, "public, max-age=31536000, immutable");
  EXPECT_EQ(web.find("/assets/plain.js")->cache_control, "no-cache");  // no hash in its name
  EXPECT_EQ(web.find("/favicon.ico")->cache_control, "no-cache");      // copied from public/, name fixed
  EXPECT_EQ(web.find("/favicon.ico")->body, std::string("\0\0\1\0", 4));
  // A link to a file inside the bundle is that file.
  ASSERT_NE(web.find("/alias.js"), nullptr);
  EXPECT_EQ(web.find("/alias.js")->body, script->body);
  // The tag is the content's: equal bytes, equal tags; 20 hex digits, quoted.
  EXPECT_EQ(web.find("/alias.js")->etag, script->etag);
  EXPECT_NE(index->etag, script->etag);
  EXPECT_EQ(script->etag.size(), 22u);
  EXPECT_EQ(script->etag.front(), '"');
  EXPECT_EQ(script->etag.back(), '"');
  for (const char* hidden : {"/.vite/manifest.json", "/assets/.hidden.js"}) EXPECT_EQ(web.find(hidden), nullptr) << hidden;
}

TEST(StaticFiles, NeverFindsAFileOutsideTheFolder) {
  Bundle b;
  Result<StaticFiles> loaded = StaticFiles::load(b.web);
  ASSERT_TRUE(loaded);
  const StaticFiles& web = loaded.value();
  const std::string absolute = (b.root / "secret.txt").string();
  for (const std::string& path :
       {std::string("/../secret.txt"), std::string("/assets/../../secret.txt"), std::string("/link-out.txt"),
        std::string("/dir-out/f.txt"), absolute, "/" + absolute, std::string("/..\\secret.txt"),
        std::string("\\..\\secret.txt"), std::string("/assets\\..\\index.html"),
        // Inside the folder, but not by a plain path: never found either.
        std::string("/assets/../index.html"), std::string("/./index.html"), std::string("//index.html"),
        std::string("/assets//index-Ab3_d-9Z.js"), std::string("index.html"), std::string("/index.html/"),
        std::string("/index.html\0", 12), std::string("/assets"), std::string("/assets/"), std::string("")}) {
    EXPECT_EQ(web.find(path), nullptr) << path;
  }
}

TEST(StaticFiles, WithoutIndexHtmlTheFrontPageSaysHowToBuildIt) {
  Bundle b;
  fs::remove(b.web / "index.html");
  for (const fs::path& dir : {b.web, b.root / "no-such-folder"}) {
    Result<StaticFiles> loaded = StaticFiles::load(dir);
    ASSERT_TRUE(loaded) << dir;
    const StaticFiles& web = loaded.value();
    EXPECT_FALSE(web.built()) << dir;
    const StaticFile* page = web.find("/");
    ASSERT_NE(page, nullptr) << dir;
    EXPECT_EQ(page->content_type, "text/html; charset=utf-8");
    EXPECT_EQ(page->cache_control, "no-store");  // once built and restarted, the real page at once
    EXPECT_NE(page->body.find("The web page was not built"), std::string::npos) << page->body;
    EXPECT_NE(page->body.find("<code>make build</code>"), std::string::npos) << page->body;
    EXPECT_NE(page->body.find("Node.js and npm"), std::string::npos) << page->body;
    EXPECT_EQ(page->body.find(b.root.string()), std::string::npos) << "no folder names for visitors";
    EXPECT_EQ(web.find("/index.html"), nullptr);
  }
}

TEST(StaticFiles, RefusesAFolderPastItsLimits) {
  Bundle b;
  Result<StaticFiles> many = StaticFiles::load(b.web, {.max_files = 5});
  ASSERT_FALSE(many);
  EXPECT_NE(many.errors()[0].message.find("the web folder holds more than 5 entries"), std::string::npos)
      << many.errors()[0].message;
  write(b.web / "big.bin", std::string((1u << 20) + 1, 'x'));
  Result<StaticFiles> big = StaticFiles::load(b.web, {.max_total_bytes = 1u << 20});
  ASSERT_FALSE(big);
  EXPECT_NE(big.errors()[0].message.find("more than 1 MiB of files"), std::string::npos) << big.errors()[0].message;
  EXPECT_TRUE(StaticFiles::load(b.web));  // within the defaults
}

// The server with the bundle: a handler that counts what reaches the API.
struct Api {
  std::mutex mutex;
  std::vector<room::Request> seen;
  room::Response operator()(const room::Request& r) {
    std::lock_guard lock(mutex);
    seen.push_back(r);
    return {r.method == "POST" ? 201 : 200, R"({"api": true})"};
  }
  std::size_t calls() {
    std::lock_guard lock(mutex);
    return seen.size();
  }
};

struct Serving {
  Serving(Api& api, const fs::path& dir, Options options = {})
      : server([&api](const room::Request& r) { return api(r); }, with(std::move(options), dir)) {
    Result<int> bound = server.bind();
    port = bound ? bound.value() : 0;
    thread = std::thread([this] { server.run(); });
  }
  ~Serving() {
    server.stop();
    thread.join();
  }
  static Options with(Options o, const fs::path& dir) {
    o.port = 0;
    Result<StaticFiles> web = StaticFiles::load(dir);
    EXPECT_TRUE(web);
    if (web) o.web = std::make_shared<const StaticFiles>(std::move(web).value());
    return o;
  }
  Server server;
  int port = 0;
  std::thread thread;
};

// How many times a header occurs in a raw reply (httplib's headers are a multimap).
int header_count(const std::string& raw, const std::string& name) {
  int n = 0;
  for (std::size_t at = raw.find("\r\n" + name + ": "); at != std::string::npos; at = raw.find("\r\n" + name + ": ", at + 1)) ++n;
  return n;
}

void expect_page_headers(const test::HttpReply& r, const std::string& what) {
  EXPECT_EQ(r.headers.count("content-security-policy") ? r.headers.at("content-security-policy") : "",
            "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
      << what;
  EXPECT_EQ(r.headers.count("referrer-policy") ? r.headers.at("referrer-policy") : "", "no-referrer") << what;
  EXPECT_EQ(r.headers.count("x-content-type-options") ? r.headers.at("x-content-type-options") : "", "nosniff") << what;
  EXPECT_EQ(header_count(r.raw, "Cache-Control"), 1) << what << "\n" << r.raw.substr(0, 600);
}

TEST(ServerWebPage, ServesTheBundleWithTypesCachingAndSecurityHeaders) {
  Bundle b;
  Api api;
  Serving s(api, b.web);
  ASSERT_GT(s.port, 0);
  test::HttpReply index = http(s.port, "GET", "/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.body, Bundle::kIndex);
  EXPECT_EQ(index.headers["content-type"], "text/html; charset=utf-8");
  EXPECT_EQ(index.headers["cache-control"], "no-cache");
  expect_page_headers(index, "/");
  EXPECT_EQ(http(s.port, "GET", "/index.html").body, Bundle::kIndex);
  const std::map<std::string, std::string> types = {
      {"/assets/index-Ab3_d-9Z.js", "text/javascript; charset=utf-8"},
      {"/assets/style-12345678.css", "text/css; charset=utf-8"},
      {"/logo.svg", "image/svg+xml"},
      {"/map.png", "image/png"},
      {"/data.json", "application/json"},
      {"/fonts/f.woff2", "font/woff2"},
      {"/favicon.ico", "image/x-icon"}};
  for (const auto& [path, type] : types) {
    test::HttpReply r = http(s.port, "GET", path);
    EXPECT_EQ(r.status, 200) << path;
    EXPECT_EQ(r.headers["content-type"], type) << path;
    EXPECT_EQ(r.body, test::read_text((b.web / path.substr(1)).string())) << path;
    expect_page_headers(r, path);
  }
  test::HttpReply script = http(s.port, "GET", "/assets/index-Ab3_d-9Z.js");
  EXPECT_EQ(script.headers["cache-control"], "public, max-age=31536000, immutable");
  EXPECT_EQ(http(s.port, "GET", "/favicon.ico").headers["cache-control"], "no-cache");
  EXPECT_EQ(api.calls(), 0u);  // none of it reached the API
}

TEST(ServerWebPage, AnswersNotModifiedToAKnownTagAndHeadWithoutABody) {
  Bundle b;
  Api api;
  Serving s(api, b.web);
  test::HttpReply first = http(s.port, "GET", "/");
  ASSERT_EQ(first.headers.count("etag"), 1u);
  const std::string tag = first.headers.at("etag");
  for (const std::string& header : {"If-None-Match: " + tag, "If-None-Match: \"other\", W/" + tag, std::string("If-None-Match: *")}) {
    HttpConnection c(s.port);
    ASSERT_TRUE(c.send_raw("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n" + header + "\r\n\r\n"));
    const std::string raw = c.read_some(2000ms);
    EXPECT_EQ(raw.rfind("HTTP/1.1 304", 0), 0u) << header << "\n" << raw;
    EXPECT_EQ(raw.find("<!doctype"), std::string::npos) << raw;
    EXPECT_NE(raw.find("ETag: " + tag), std::string::npos) << raw;
  }
  EXPECT_EQ(http(s.port, "GET", "/", "", "", {"If-None-Match: \"other\""}).status, 200);

  HttpConnection head(s.port);
  ASSERT_TRUE(head.send_raw("HEAD /assets/index-Ab3_d-9Z.js HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"));
  const std::string raw = head.read_some(2000ms);
  EXPECT_EQ(raw.rfind("HTTP/1.1 200", 0), 0u) << raw;
  EXPECT_NE(raw.find("Content-Type: text/javascript; charset=utf-8"), std::string::npos) << raw;
  EXPECT_NE(raw.find("Content-Length: 21\r\n"), std::string::npos) << raw;  // the GET's length
  EXPECT_NE(raw.find("X-Content-Type-Options: nosniff"), std::string::npos) << raw;
  EXPECT_EQ(raw.find("console.log"), std::string::npos) << raw;
  EXPECT_EQ(raw.substr(raw.find("\r\n\r\n") + 4), "");
}

// Every way a request path might climb out of the folder, sent as raw bytes
// (no client library normalises them first): 404 or 400, never the secret.
TEST(ServerWebPage, NoRequestPathReadsAFileOutsideTheFolder) {
  Bundle b;
  Api api;
  Serving s(api, b.web);
  const std::string absolute = (b.root / "secret.txt").string();
  for (const std::string& target :
       {std::string("/../secret.txt"), std::string("/assets/../../secret.txt"), std::string("/%2e%2e/secret.txt"),
        std::string("/%2E%2E/%2e%2e/secret.txt"), std::string("/assets/%2e%2e/%2e%2e/secret.txt"),
        std::string("/..%2fsecret.txt"), std::string("/%2e%2e%2fsecret.txt"), std::string("/..%5csecret.txt"),
        std::string("/..\\secret.txt"), std::string("/assets\\..\\..\\secret.txt"), std::string("/%5c..%5csecret.txt"),
        "/" + absolute, absolute, "/%2F" + absolute.substr(1), std::string("http://a/../secret.txt"),
        std::string("/link-out.txt"), std::string("/dir-out/f.txt"), std::string("/dir-out/"),
        std::string("/%2e%2e/outside/f.txt"), std::string("/index.html%00.txt"), std::string("/.vite/manifest.json"),
        std::string("/assets/"), std::string("/assets"), std::string("/fonts/")}) {
    HttpConnection c(s.port);
    ASSERT_TRUE(c.send_raw("GET " + target + " HTTP/1.1\r\nHost: a\r\n\r\n"));
    test::HttpReply r = c.read_reply();
    EXPECT_TRUE(r.status == 404 || r.status == 400) << target << " -> " << r.status;
    EXPECT_EQ(r.raw.find(Bundle::kSecret), std::string::npos) << target;
    EXPECT_EQ(r.raw.find("index-Ab3_d-9Z"), std::string::npos) << target;  // no listing either
  }
  EXPECT_EQ(api.calls(), 0u);
}

TEST(ServerWebPage, WithoutABundleTheFrontPageSaysSoAndTheApiWorks) {
  Bundle b;
  fs::remove(b.web / "index.html");
  Api api;
  Serving s(api, b.web);
  test::HttpReply page = http(s.port, "GET", "/");
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.headers["content-type"], "text/html; charset=utf-8");
  EXPECT_NE(page.body.find("The web page was not built"), std::string::npos) << page.body;
  EXPECT_EQ(page.headers["cache-control"], "no-store");
  expect_page_headers(page, "not built");
  EXPECT_EQ(http(s.port, "GET", "/index.html").status, 404);
  EXPECT_EQ(http(s.port, "POST", "/v1/rooms", "", "{}").status, 201);
  EXPECT_EQ(http(s.port, "GET", "/v1/rooms/r1", "ab").status, 200);
  EXPECT_EQ(api.calls(), 2u);
}

// /v1/ is the API as before: the handler's answer, JSON, no-store, none of
// the page's headers; other methods than GET and HEAD go to the handler
// whatever the path (it answers them as it always has).
TEST(ServerWebPage, TheApiAnswersAsWithoutThePage) {
  Bundle b;
  Api api;
  Serving s(api, b.web);
  test::HttpReply r = http(s.port, "GET", "/v1/rooms/r1?after=2", "ab12");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"api": true})");
  EXPECT_EQ(r.headers["content-type"], "application/json");
  EXPECT_EQ(r.headers["cache-control"], "no-store");
  EXPECT_EQ(r.headers.count("content-security-policy"), 0u);
  ASSERT_EQ(api.calls(), 1u);
  EXPECT_EQ(api.seen[0].path, "/v1/rooms/r1");
  EXPECT_EQ(api.seen[0].bearer_token, "ab12");
  EXPECT_EQ(http(s.port, "GET", "/v1", "").status, 200);           // the API's to answer
  EXPECT_EQ(http(s.port, "GET", "/%76%31/rooms/r2", "").status, 200);  // decoded, it is /v1/
  EXPECT_EQ(http(s.port, "POST", "/", "", "{}").status, 201);
  HttpConnection head(s.port);
  ASSERT_TRUE(head.send_raw("HEAD /v1/rooms/r3 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"));
  const std::string head_reply = head.read_some(2000ms);
  EXPECT_EQ(head_reply.rfind("HTTP/1.1 200", 0), 0u) << head_reply;
  EXPECT_EQ(head_reply.find("Content-Security-Policy"), std::string::npos) << head_reply;
  ASSERT_EQ(api.calls(), 5u);
  EXPECT_EQ(api.seen[1].path, "/v1");
  EXPECT_EQ(api.seen[2].path, "/v1/rooms/r2");
  EXPECT_EQ(api.seen[3].method, "POST");
  EXPECT_EQ(api.seen[4].method, "GET");  // HEAD reaches the API as GET, as before
}

// A page load (index, scripts, styles, icons: about 5 requests, more on a
// reload) spends a bucket of its own: the page's API calls still have all
// of theirs, and a token sent with a file costs that token nothing.
TEST(ServerWebPage, LoadingThePageSpendsNothingOfTheApisRateLimits) {
  Bundle b;
  Api api;
  Serving s(api, b.web, {.requests_per_second = 3, .address_requests_per_second = 0.2, .address_burst = 10});
  HttpConnection c(s.port);
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(c.request("GET", i % 2 ? "/" : "/assets/index-Ab3_d-9Z.js", "7075").status, 200) << i;
  }
  for (int i = 0; i < 3; ++i) EXPECT_EQ(c.request("GET", "/v1/rooms/r1", "7075").status, 200) << i;
  EXPECT_EQ(c.request("GET", "/v1/rooms/r1", "7075").status, 429);  // the token's 3, all there for the API
  // The page's own bucket has its limit too.
  int limited = 0;
  for (int i = 0; i < 5; ++i) limited += c.request("GET", "/logo.svg").status == 429;
  EXPECT_GE(limited, 4);
}

TEST(ServerWebPage, TheAccessLogNeverHoldsAFragmentOrAToken) {
  Bundle b;
  Api api;
  std::mutex mutex;
  std::vector<std::string> lines;
  Serving s(api, b.web, {.access_log = [&](const std::string& line) {
                           std::lock_guard lock(mutex);
                           lines.push_back(line);
                         }});
  const std::string token(64, 'c');
  for (const std::string& target : {"/#room=r1&token=" + token, "/%23room=r1&token=" + token,
                                    "/assets/index-Ab3_d-9Z.js?token=" + token}) {
    HttpConnection c(s.port);
    ASSERT_TRUE(c.send_raw("GET " + target + " HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer " + token + "\r\n\r\n"));
    EXPECT_GT(c.read_reply().status, 0) << target;
  }
  for (int i = 0; i < 100; ++i) {
    {
      std::lock_guard lock(mutex);
      if (lines.size() == 3) break;
    }
    std::this_thread::sleep_for(10ms);  // the logger runs after the answer is written
  }
  std::lock_guard lock(mutex);
  ASSERT_EQ(lines.size(), 3u);
  // In the order the answers were written, which may not be the requests'.
  std::sort(lines.begin(), lines.end());
  EXPECT_EQ(lines, (std::vector<std::string>{
                       "GET / 200",  // httplib drops a raw fragment: the front page
                       "GET / 404",  // "/#room=..." decoded from %23 is no file
                       "GET /assets/index-Ab3_d-9Z.js 200"}));
  for (const std::string& line : lines) EXPECT_EQ(line.find("token"), std::string::npos) << line;
}

}  // namespace
}  // namespace parley::server
