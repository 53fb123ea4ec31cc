#include "parley/render/label_layout.h"

#include <algorithm>

namespace parley::render {

namespace {

bool overlap(const Box& a, const Box& b) { return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1; }

// Liang-Barsky: does the segment pass through the box?
bool crosses(const Box& b, double x1, double y1, double x2, double y2) {
  double t0 = 0, t1 = 1;
  const double dx = x2 - x1, dy = y2 - y1;
  const double p[4] = {-dx, dx, -dy, dy};
  const double q[4] = {x1 - b.x0, b.x1 - x1, y1 - b.y0, b.y1 - y1};
  for (int k = 0; k < 4; ++k) {
    if (p[k] == 0) {
      if (q[k] < 0) return false;
      continue;
    }
    const double t = q[k] / p[k];
    if (p[k] < 0) {
      t0 = std::max(t0, t);
    } else {
      t1 = std::min(t1, t);
    }
    if (t0 > t1) return false;
  }
  return true;
}

}  // namespace

// Lines of at most `most` characters, broken at spaces.
std::vector<std::string> wrap_words(const std::string& text, std::size_t most) {
  std::vector<std::string> lines;
  std::string line;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find(' ', at);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(at, end - at);
    if (!line.empty() && line.size() + 1 + word.size() > most) {
      lines.push_back(line);
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
    at = end + 1;
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

double text_width(std::string_view text, double size) {
  std::size_t characters = 0;
  for (unsigned char c : text) characters += (c & 0xC0) == 0x80 ? 0 : 1;  // UTF-8 continuation bytes do not count
  return 0.6 * size * static_cast<double>(characters);
}

bool LabelLayout::free(const Box& b) const {
  if (b.x0 < bounds_.x0 || b.x1 > bounds_.x1 || b.y0 < bounds_.y0 || b.y1 > bounds_.y1) return false;
  for (const Box& other : boxes_) {
    if (overlap(b, other)) return false;
  }
  for (const Segment& s : avoid_segments_ ? segments_ : std::vector<Segment>{}) {
    if (crosses(b, s.x1, s.y1, s.x2, s.y2)) return false;
  }
  return true;
}

std::optional<PlacedLabel> LabelLayout::take(double x, double y, const std::string& anchor, std::string_view text,
                                             double size) {
  const double w = text_width(text, size);
  const double left = anchor == "start" ? x : anchor == "end" ? x - w : x - w / 2;
  // A little padding, so that neighbouring labels do not touch.
  const Box b{left - 1, y - 0.8 * size - 1, left + w + 1, y + 0.25 * size + 1};
  if (!free(b)) return std::nullopt;
  boxes_.push_back(b);
  return PlacedLabel{x, y, anchor, b};
}

std::optional<PlacedLabel> LabelLayout::place_around(double x, double y, std::string_view text, double size,
                                                     const std::vector<double>& distances) {
  const double mid = 0.3 * size;  // from the baseline to the middle of digits and small letters
  for (double d : distances) {
    const double diagonal = d * 0.75;
    const struct {
      double x, y;
      const char* anchor;
    } tries[] = {
        {x + d, y + mid, "start"},
        {x - d, y + mid, "end"},
        {x, y - d, "middle"},
        {x, y + d + 0.75 * size, "middle"},
        {x + diagonal, y - diagonal, "start"},
        {x + diagonal, y + diagonal + 0.75 * size, "start"},
        {x - diagonal, y - diagonal, "end"},
        {x - diagonal, y + diagonal + 0.75 * size, "end"},
    };
    for (const auto& t : tries) {
      if (auto placed = take(t.x, t.y, t.anchor, text, size)) return placed;
    }
  }
  return std::nullopt;
}

std::optional<PlacedLabel> LabelLayout::place_beside(double x, double y, std::string_view text, double size, double dx,
                                                     bool left, int most_lines) {
  const double line = size + 2;
  for (int k = 0; k <= 2 * most_lines; ++k) {
    const int shift = (k + 1) / 2 * (k % 2 == 1 ? -1 : 1);
    if (auto placed = take(left ? x - dx : x + dx, y + 0.3 * size + shift * line, left ? "end" : "start", text, size)) {
      return placed;
    }
  }
  return std::nullopt;
}

}  // namespace parley::render
