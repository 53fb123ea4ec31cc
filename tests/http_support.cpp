#include "http_support.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <stdexcept>

namespace parley::test {

HttpConnection::HttpConnection(int port, std::chrono::milliseconds timeout, const std::string& source)
    : timeout_(timeout) {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) return;
  if (!source.empty()) {
    sockaddr_in from{};
    from.sin_family = AF_INET;
    if (::inet_pton(AF_INET, source.c_str(), &from.sin_addr) != 1 ||
        ::bind(fd_, reinterpret_cast<sockaddr*>(&from), sizeof from) != 0) {
      ::close(fd_);
      fd_ = -1;
      return;
    }
  }
  sockaddr_in at{};
  at.sin_family = AF_INET;
  at.sin_port = htons(static_cast<std::uint16_t>(port));
  at.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&at), sizeof at) != 0) {
    ::close(fd_);
    fd_ = -1;
    return;
  }
  int one = 1;
  ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

HttpConnection::~HttpConnection() {
  if (fd_ >= 0) ::close(fd_);
}

bool HttpConnection::send_raw(const std::string& bytes) {
  std::size_t sent = 0;
  while (fd_ >= 0 && sent < bytes.size()) {
    const ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return fd_ >= 0;
}

// Appends what arrives before the deadline; false at the end of the stream, an error or the deadline.
bool HttpConnection::fill(std::chrono::steady_clock::time_point deadline) {
  if (fd_ < 0) return false;
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
  if (left.count() <= 0) return false;
  pollfd p{fd_, POLLIN, 0};
  if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
  char chunk[65536];
  const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
  if (n <= 0) return false;
  buffer_.append(chunk, static_cast<std::size_t>(n));
  raw_.append(chunk, static_cast<std::size_t>(n));
  return true;
}

std::string HttpConnection::read_some(std::chrono::milliseconds wait) {
  const auto deadline = std::chrono::steady_clock::now() + wait;
  while (fill(deadline)) {
  }
  std::string out;
  out.swap(buffer_);
  return out;
}

HttpReply HttpConnection::read_reply() {
  HttpReply reply;
  raw_.clear();
  const auto deadline = std::chrono::steady_clock::now() + timeout_;
  std::size_t end = 0;
  while ((end = buffer_.find("\r\n\r\n")) == std::string::npos) {
    if (!fill(deadline)) {
      reply.raw = raw_;
      return reply;
    }
  }
  const std::string head = buffer_.substr(0, end);
  buffer_.erase(0, end + 4);
  std::size_t line_end = head.find("\r\n");
  const std::string status_line = head.substr(0, line_end);
  if (status_line.rfind("HTTP/1.", 0) != 0 || status_line.size() < 12) {
    reply.raw = raw_;
    return reply;
  }
  reply.status = std::atoi(status_line.c_str() + 9);
  while (line_end != std::string::npos) {
    const std::size_t next = head.find("\r\n", line_end + 2);
    const std::string line = head.substr(line_end + 2, next == std::string::npos ? std::string::npos : next - line_end - 2);
    const std::size_t colon = line.find(':');
    if (colon != std::string::npos) {
      std::string name = line.substr(0, colon);
      std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
      std::string value = line.substr(colon + 1);
      value.erase(0, value.find_first_not_of(' '));
      reply.headers[name] = value;
    }
    line_end = next;
  }
  if (reply.headers["transfer-encoding"] == "chunked") {
    for (;;) {
      std::size_t eol = 0;
      while ((eol = buffer_.find("\r\n")) == std::string::npos) {
        if (!fill(deadline)) {
          reply.raw = raw_;
          return reply;
        }
      }
      const std::size_t size = std::stoul(buffer_.substr(0, eol), nullptr, 16);
      while (buffer_.size() < eol + 2 + size + 2) {
        if (!fill(deadline)) {
          reply.raw = raw_;
          return reply;
        }
      }
      reply.body += buffer_.substr(eol + 2, size);
      buffer_.erase(0, eol + 2 + size + 2);
      if (size == 0) break;
    }
  } else if (reply.headers.count("content-length")) {
    const std::size_t size = std::stoul(reply.headers["content-length"]);
    while (buffer_.size() < size && fill(deadline)) {
    }
    reply.body = buffer_.substr(0, size);
    buffer_.erase(0, std::min(size, buffer_.size()));
  } else {
    while (fill(deadline)) {
    }
    reply.body.swap(buffer_);
  }
  reply.raw = raw_;
  return reply;
}

HttpReply HttpConnection::request(const std::string& method, const std::string& path, const std::string& token,
                                  const std::string& body, const std::vector<std::string>& headers) {
  std::string text = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  if (!token.empty()) text += "Authorization: Bearer " + token + "\r\n";
  for (const std::string& h : headers) text += h + "\r\n";
  if (method != "GET" || !body.empty()) {
    text += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
  }
  text += "\r\n" + body;
  // A server may answer (413) and close before taking the whole body: the
  // send then fails, and the answer is still there to read.
  send_raw(text);
  return read_reply();
}

HttpReply http(int port, const std::string& method, const std::string& path, const std::string& token,
               const std::string& body, const std::vector<std::string>& headers) {
  HttpConnection c(port);
  std::vector<std::string> all = headers;
  all.push_back("Connection: close");
  return c.request(method, path, token, body, all);
}

ServeProcess::ServeProcess(const std::string& db, const std::vector<std::string>& extra, const std::string& log_file) {
  int out[2];
  if (::pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  std::vector<std::string> args = {PARLEY_BINARY, "serve", "--db", db, "--listen", "127.0.0.1:0"};
  if (log_file.empty()) args.push_back("--quiet");
  args.insert(args.end(), extra.begin(), extra.end());
  const pid_t parent = ::getpid();
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    // A test that dies must not leave a server behind.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);
    ::dup2(out[1], STDOUT_FILENO);
    if (!log_file.empty()) {
      const int log = ::open(log_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
      if (log >= 0) ::dup2(log, STDERR_FILENO);
    }
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(out[1]);
  // The first line, read byte by byte so nothing after it is consumed; the
  // server prints it once it accepts connections.
  std::string line;
  char c = 0;
  pollfd p{out[0], POLLIN, 0};
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline && ::poll(&p, 1, 1000) >= 0) {
    if (!(p.revents & (POLLIN | POLLHUP))) continue;
    if (::read(out[0], &c, 1) != 1 || c == '\n') break;
    line += c;
  }
  ::close(out[0]);
  first_line_ = line;
  const std::string prefix = "listening on http://127.0.0.1:";
  if (line.rfind(prefix, 0) == 0) {
    port_ = std::atoi(line.c_str() + prefix.size());
  } else {
    kill(SIGKILL);
  }
}

ServeProcess::~ServeProcess() {
  if (pid_ > 0) kill(SIGTERM);
}

int ServeProcess::kill(int signal) {
  if (pid_ <= 0) return -1;
  ::kill(pid_, signal);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  return status;
}

}  // namespace parley::test
