#include "parley/server/connection.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <climits>
#include <cstring>

namespace parley::server {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

thread_local std::optional<Refusal> t_refusal;

// Waits until `fd` has one of `events` or `timeout` passes: > 0 ready, 0 timed out, < 0 failed.
int wait_for(int fd, short events, milliseconds timeout) {
  const Clock::time_point until = Clock::now() + timeout;
  for (;;) {
    const auto left = std::chrono::duration_cast<milliseconds>(until - Clock::now()).count();
    pollfd p{fd, events, 0};
    const int rc = ::poll(&p, 1, static_cast<int>(std::clamp<long long>(left, 0, INT_MAX)));
    if (rc < 0 && errno == EINTR) continue;
    return rc;
  }
}

void address_and_port(const sockaddr_storage& addr, std::string& ip, int& port) {
  char text[INET6_ADDRSTRLEN] = {};
  if (addr.ss_family == AF_INET) {
    const auto& a = reinterpret_cast<const sockaddr_in&>(addr);
    inet_ntop(AF_INET, &a.sin_addr, text, sizeof text);
    port = ntohs(a.sin_port);
  } else if (addr.ss_family == AF_INET6) {
    const auto& a = reinterpret_cast<const sockaddr_in6&>(addr);
    inet_ntop(AF_INET6, &a.sin6_addr, text, sizeof text);
    port = ntohs(a.sin6_port);
  } else {
    port = 0;
  }
  ip = text;
}

std::string seconds_text(milliseconds d) {
  const auto ms = d.count();
  return ms % 1000 == 0 ? std::to_string(ms / 1000) + " s" : std::to_string(ms) + " ms";
}

// httplib's request parser reads through this. It counts the bytes and lines
// of each request head as they are handed out (the head ends at the first
// empty CRLF line after the request line, exactly where httplib's header
// reader stops) and puts a deadline on every read of a request.
class GuardedStream final : public httplib::Stream {
 public:
  GuardedStream(socket_t sock, const ConnectionLimits& limits) : sock_(sock), limits_(limits) {}

  // A new request starts (its first bytes have arrived).
  void begin_request() {
    started_ = Clock::now();
    head_done_ = false;
    head_bytes_ = 0;
    head_lines_ = 0;
    line_length_ = 0;
    previous_ = '\0';
    line_.clear();
    content_length_.reset();
    length_unknown_ = false;
    body_read_ = 0;
  }

  bool refused() const { return refused_; }

  // httplib answers nothing when the request line itself cannot be read
  // (it takes that for a client that went away); a refusal still deserves
  // its answer.
  void answer_unanswered_refusal() {
    if (!refused_ || wrote_ || !t_refusal) return;
    const std::string body = "{\"error\":\"" + t_refusal->message + "\",\"errors\":[]}";
    const std::string text = "HTTP/1.1 " + std::to_string(t_refusal->status) +
                             (t_refusal->status == 431 ? " Request Header Fields Too Large" : " Request Timeout") +
                             "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
                             "\r\nConnection: close\r\n\r\n" + body;
    write(text.data(), text.size());
  }

  // After httplib has answered a request: whether the connection can carry
  // the next one. httplib leaves a body unread when the answer came before
  // it (429, 413, 401 from the pre-routing check); its bytes would be read as
  // the next request's head, so up to kMaxDrain of them are read and dropped,
  // and a connection with more (or a chunked or unreadable length) is closed.
  bool ready_for_next_request() {
    ready_ = head_done_ && !length_unknown_ && !refused_;
    if (!ready_) return false;
    std::uint64_t left = content_length_.value_or(0) - std::min(content_length_.value_or(0), body_read_);
    ready_ = left <= kMaxDrain;
    char scratch[4096];
    while (ready_ && left > 0) {
      const ssize_t n = read(scratch, static_cast<std::size_t>(std::min<std::uint64_t>(left, sizeof scratch)));
      ready_ = n > 0;
      if (ready_) left -= static_cast<std::uint64_t>(n);
    }
    return ready_;
  }

  // Whether the client may still be sending what this side will not read:
  // closing then would reset the connection and could destroy the answer
  // before the client reads it.
  bool cut_short() const { return refused_ || !ready_; }

  // Whether a next request starts within `idle`; false when it does not or
  // when `stopping` says the server is going down.
  template <class Stopping>
  bool wait_for_request(milliseconds idle, Stopping stopping) {
    if (begin_ < end_) return true;
    const Clock::time_point until = Clock::now() + idle;
    while (!stopping()) {
      const milliseconds left = std::chrono::duration_cast<milliseconds>(until - Clock::now());
      if (left.count() <= 0) return false;
      const int rc = wait_for(sock_, POLLIN, std::min(left, milliseconds(100)));
      if (rc != 0) return rc > 0;
    }
    return false;
  }

  bool is_readable() const override {
    if (begin_ < end_) return true;
    const milliseconds budget = read_budget();
    return budget.count() > 0 && wait_for(sock_, POLLIN, budget) > 0;
  }

  bool is_writable() const override {
    if (wait_for(sock_, POLLOUT, limits_.write_timeout) <= 0) return false;
    // A client that has gone away makes the socket readable with nothing to read.
    if (wait_for(sock_, POLLIN, milliseconds(0)) == 0) return true;
    char byte = 0;
    return ::recv(sock_, &byte, 1, MSG_PEEK | MSG_DONTWAIT) > 0;
  }

  ssize_t read(char* ptr, size_t size) override {
    if (refused_) return -1;
    if (begin_ == end_) {
      const milliseconds to_deadline = until_deadline();
      const milliseconds budget = std::min(limits_.read_timeout, to_deadline);
      if (budget.count() <= 0) return refuse_late(true);
      const int rc = wait_for(sock_, POLLIN, budget);
      if (rc == 0) return refuse_late(to_deadline <= limits_.read_timeout);
      if (rc < 0) return -1;
      ssize_t n = 0;
      do {
        n = ::recv(sock_, buffer_, sizeof buffer_, 0);
      } while (n < 0 && errno == EINTR);
      if (n <= 0) return n;
      begin_ = 0;
      end_ = static_cast<std::size_t>(n);
    }
    std::size_t n = std::min(size, end_ - begin_);
    if (!head_done_) {
      const std::optional<std::size_t> counted = count_head(n);
      if (!counted) return -1;
      n = *counted;
    } else {
      if (body_read_ + n > limits_.max_raw_body_bytes) {
        return refuse(413, "the request body is larger than " + std::to_string(limits_.max_raw_body_bytes) +
                               " bytes, framing included");
      }
      body_read_ += n;
    }
    std::memcpy(ptr, buffer_ + begin_, n);
    begin_ += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (wait_for(sock_, POLLOUT, limits_.write_timeout) <= 0) return -1;
    ssize_t n = 0;
    do {
      n = ::send(sock_, ptr, size, MSG_NOSIGNAL);
    } while (n < 0 && errno == EINTR);
    if (n > 0) wrote_ = true;
    return n;
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage addr{};
    socklen_t length = sizeof addr;
    if (::getpeername(sock_, reinterpret_cast<sockaddr*>(&addr), &length) == 0) address_and_port(addr, ip, port);
  }

  void get_local_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage addr{};
    socklen_t length = sizeof addr;
    if (::getsockname(sock_, reinterpret_cast<sockaddr*>(&addr), &length) == 0) address_and_port(addr, ip, port);
  }

  socket_t socket() const override { return sock_; }

 private:
  Clock::time_point deadline() const {
    if (!head_done_) return started_ + limits_.head_timeout;
    Clock::time_point whole = started_ + limits_.request_timeout;
    if (content_length_ && !length_unknown_) {
      const double seconds = static_cast<double>(*content_length_) / limits_.min_body_rate;
      const auto body = head_done_at_ + limits_.head_timeout +
                        std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
      whole = std::min(whole, body);
    }
    return whole;
  }

  milliseconds until_deadline() const {
    return std::chrono::duration_cast<milliseconds>(deadline() - Clock::now());
  }

  // How long the next wait for bytes may take: one read's timeout, cut at the request's deadline.
  milliseconds read_budget() const { return std::min(limits_.read_timeout, until_deadline()); }

  ssize_t refuse(int status, std::string message) {
    refused_ = true;
    t_refusal = Refusal{status, std::move(message)};
    return -1;
  }

  // A wait for bytes ran out: the request's deadline when `at_deadline`, else one read's timeout.
  ssize_t refuse_late(bool at_deadline) {
    if (at_deadline) {
      if (!head_done_) {
        return refuse(408, "the request line and headers did not arrive within " + seconds_text(limits_.head_timeout));
      }
      if (deadline() < started_ + limits_.request_timeout) {
        return refuse(408, "the request body arrived too slowly (it may take " + seconds_text(limits_.head_timeout) +
                               " plus one second per " + std::to_string(static_cast<long long>(limits_.min_body_rate)) +
                               " bytes)");
      }
      return refuse(408, "the request did not arrive within " + seconds_text(limits_.request_timeout));
    }
    return refuse(408, "the client sent nothing for " + seconds_text(limits_.read_timeout) +
                           " in the middle of a request");
  }

  // Counts the next `n` buffered bytes into the head; returns how many of
  // them to hand out (up to the head's end), or nullopt when a limit is
  // passed.
  std::optional<std::size_t> count_head(std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
      const char c = buffer_[begin_ + i];
      if (++head_bytes_ > limits_.max_head_bytes) {
        refuse(431, "the request line and headers are longer than " + std::to_string(limits_.max_head_bytes) +
                        " bytes");
        return std::nullopt;
      }
      ++line_length_;
      if (line_.size() <= kMaxLine) line_ += c;
      if (c == '\n') {
        ++head_lines_;
        const bool empty_line = line_length_ == 2 && previous_ == '\r';
        line_length_ = 0;
        if (head_lines_ > 1) note_length(line_);
        line_.clear();
        if (empty_line && head_lines_ > 1) {
          head_done_ = true;
          head_done_at_ = Clock::now();
          return i + 1;
        }
        if (head_lines_ > limits_.max_head_lines + 1) {  // the request line is not a header
          refuse(431, "the request has more than " + std::to_string(limits_.max_head_lines) + " header lines");
          return std::nullopt;
        }
      }
      previous_ = c;
    }
    return n;
  }

  // Reads the body's framing from a header line the way a proxy would, to know
  // what httplib will read: Content-Length, else a body that has no length
  // given in advance (chunked, or a length this side cannot read).
  void note_length(std::string_view line) {
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) return;
    auto is = [&](std::string_view name) {
      if (colon != name.size()) return false;
      for (std::size_t i = 0; i < name.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(line[i])) != name[i]) return false;
      }
      return true;
    };
    if (is("transfer-encoding")) {
      length_unknown_ = true;
    } else if (is("content-length")) {
      std::string_view value = line.substr(colon + 1);
      while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
      while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back()))) value.remove_suffix(1);
      std::uint64_t length = 0;
      const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), length);
      if (ec != std::errc() || end != value.data() + value.size() || (content_length_ && *content_length_ != length)) {
        length_unknown_ = true;
      } else {
        content_length_ = length;
      }
    }
  }

  static constexpr std::uint64_t kMaxDrain = 64 * 1024;
  static constexpr std::size_t kMaxLine = 8192 + 2;  // httplib refuses longer header lines

  socket_t sock_;
  const ConnectionLimits& limits_;
  char buffer_[16 * 1024];
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
  Clock::time_point started_ = Clock::now();
  Clock::time_point head_done_at_ = started_;
  bool head_done_ = false;
  std::size_t head_bytes_ = 0;
  std::size_t head_lines_ = 0;
  std::size_t line_length_ = 0;
  char previous_ = '\0';
  std::string line_;  // the head line being read
  std::optional<std::uint64_t> content_length_;
  bool length_unknown_ = false;
  std::uint64_t body_read_ = 0;  // bytes handed out after the head
  bool refused_ = false;
  bool wrote_ = false;  // anything sent on this connection
  bool ready_ = true;  // false once a request's rest was left unread
};

// The answer to a connection over the per-address limit, sent before its
// request is read (a server may answer and close at any time).
void refuse_connection(socket_t sock) {
  const std::string body =
      R"({"error":"too many connections from this address at once; close some and try again","errors":[]})";
  const std::string text = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nContent-Length: " +
                           std::to_string(body.size()) + "\r\nRetry-After: 2\r\nConnection: close\r\n\r\n" + body;
  if (wait_for(sock, POLLOUT, milliseconds(100)) > 0) {
    [[maybe_unused]] const ssize_t sent = ::send(sock, text.data(), text.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
  }
}

// Before closing a connection whose request was not read to its end: stop
// sending, then read and drop what the client still sends for a moment, so
// that the close does not reset the connection under the answer just sent.
void linger(socket_t sock) {
  ::shutdown(sock, SHUT_WR);
  char scratch[16 * 1024];
  std::size_t dropped = 0;
  const Clock::time_point until = Clock::now() + milliseconds(1000);
  while (dropped < (1u << 20) && Clock::now() < until && wait_for(sock, POLLIN, milliseconds(100)) > 0) {
    const ssize_t n = ::recv(sock, scratch, sizeof scratch, MSG_DONTWAIT);
    if (n <= 0) break;
    dropped += static_cast<std::size_t>(n);
  }
}

std::string peer_address(socket_t sock) {
  sockaddr_storage addr{};
  socklen_t length = sizeof addr;
  std::string ip;
  int port = 0;
  if (::getpeername(sock, reinterpret_cast<sockaddr*>(&addr), &length) == 0) address_and_port(addr, ip, port);
  return ip;
}

}  // namespace

std::optional<Refusal> guard_refusal() { return t_refusal; }

int GuardedHttpServer::connections_from(const std::string& address) const {
  std::lock_guard lock(mutex_);
  const auto found = open_by_address_.find(address);
  return found == open_by_address_.end() ? 0 : found->second;
}

bool GuardedHttpServer::process_and_close_socket(socket_t sock) {
  const std::string address = peer_address(sock);
  bool admitted = true;
  {
    std::lock_guard lock(mutex_);
    int& open = open_by_address_[address];
    if (limits_.max_connections_per_address > 0 && open >= limits_.max_connections_per_address) {
      admitted = false;
    } else {
      ++open;
    }
    if (open == 0) open_by_address_.erase(address);
  }
  bool ok = false;
  if (!admitted) {
    refuse_connection(sock);
  } else {
    GuardedStream stream(sock, limits_);
    for (std::size_t left = std::max<std::size_t>(1, limits_.keep_alive_max_count); left > 0; --left) {
      if (!stream.wait_for_request(limits_.keep_alive_timeout, [this] { return svr_sock_ == INVALID_SOCKET; })) break;
      stream.begin_request();
      t_refusal.reset();
      bool connection_closed = false;
      ok = process_request(stream, left == 1, connection_closed, nullptr);
      stream.answer_unanswered_refusal();
      const bool reusable = stream.ready_for_next_request();  // drains a small unread body
      if (!ok || connection_closed || !reusable) break;
    }
    t_refusal.reset();
    if (stream.cut_short()) linger(sock);
    std::lock_guard lock(mutex_);
    if (auto it = open_by_address_.find(address); it != open_by_address_.end() && --it->second <= 0) {
      open_by_address_.erase(it);
    }
  }
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return ok;
}

}  // namespace parley::server
